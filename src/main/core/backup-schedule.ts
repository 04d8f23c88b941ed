import type { Database } from 'better-sqlite3'
import type { DataHealth } from '@shared/types'
import { backupStatus, makeBackup, rotateBackups, type BackupSource } from './backups'

const hour = 3_600_000

/**
 * A backup at start (when the newest is more than 20 hours old) and then
 * whenever a day has passed, while the app runs; rotated after each. A
 * failure is logged and tried again an hour later: the app keeps working.
 * Only a file known sound is copied: rotation would otherwise let copies of a
 * damaged file push the older good backups out.
 */
export function scheduleBackups(
  db: Database,
  dataDir: string,
  source: BackupSource & { health: DataHealth; checked: Promise<void> }
): () => void {
  let running = false
  const due = () => {
    const { last } = backupStatus(db, dataDir)
    return last === null || Date.now() - Date.parse(last.createdAt) > 20 * hour
  }
  const run = async () => {
    if (running || !db.open || !due()) return
    running = true
    try {
      // after a clean close the start's page check runs in the background: wait for it
      await source.checked
      if (source.health.state !== 'ok' || !db.open) return
      const { folder } = backupStatus(db, dataDir)
      await makeBackup(source, folder)
      rotateBackups(folder)
    } catch (error) {
      console.error(`[backup] ${error instanceof Error ? error.message : 'failed'}`)
    } finally {
      running = false
    }
  }
  void run()
  const timer = setInterval(() => void run(), hour)
  timer.unref()
  return () => clearInterval(timer)
}
