import type { Database } from 'better-sqlite3'
import { backupStatus, makeBackup, rotateBackups, type BackupSource } from './backups'

const hour = 3_600_000

/**
 * A backup at start (when the newest is more than 20 hours old) and then
 * whenever a day has passed, while the app runs; rotated after each. A
 * failure is logged and tried again an hour later: the app keeps working.
 */
export function scheduleBackups(db: Database, dataDir: string, source: BackupSource): () => void {
  let running = false
  const due = () => {
    const { last } = backupStatus(db, dataDir)
    return last === null || Date.now() - Date.parse(last.createdAt) > 20 * hour
  }
  const run = async () => {
    if (running || !db.open || !due()) return
    running = true
    try {
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
