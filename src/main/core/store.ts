import { join } from 'node:path'
import { createApi, type ApiContext, type Handlers } from './api'
import { handoutReader } from './handlers'
import { backupFolder } from './backups'
import { cantWrite, lockDataFolder } from './data-lock'
import type { DataHealth } from '@shared/types'
import { connectHandoutReader } from './db/connect'
import { damagedWhileOpen, databaseFileName, isDamaged, openDatabase, type Db } from './db/open'
import { recordCleanClose } from './db/health'
import { makePrivateFolder, tightenFolder } from './file-modes'
import { truncateJournal } from './patient-data'
import { dialogPaths } from './paths'
import { warmUpHandouts, type HandoutSource } from './handouts'
import { createOffThread, type OffThread } from '../offthread/pool'
import type { ChildStarter } from '../offthread/messages'

export interface OpenedStore {
  db: Db
  handlers: Handlers
  /** the same handlers, drawing handouts here from another source's versions (a clinic server's) */
  drawingFrom: (source: HandoutSource) => Handlers
  databaseFile: string
  offThread: OffThread
  health: DataHealth
  /** settles when the background check of the data file's pages has answered (at once if none runs) */
  checked: Promise<void>
  /** stops the workers, empties the WAL, closes the database and frees the data folder */
  close: () => Promise<void>
}

export interface StoreOptions {
  dataDir: string
  transport: ApiContext['transport']
  version: string
  resourcesDir: string
  /** the built worker (out/main/worker.js); null runs its tasks on the main thread */
  workerFile: string | null
  /** how the import's process starts: Node's fork unless the shell says otherwise */
  startChild?: ChildStarter
  desktop?: ApiContext['desktop']
  clinic?: ApiContext['clinic']
}

/**
 * The data folder and its default backups folder owner-only, with every data
 * file in them; in a backup folder the user chose (a USB stick, a synced
 * drive) only our files, and only if it is there now.
 */
function tightenDataFiles(db: Db, dataDir: string): void {
  tightenFolder(dataDir, true)
  tightenFolder(join(dataDir, 'backups'), true)
  try {
    tightenFolder(backupFolder(db, dataDir), false)
  } catch {
    // unplugged or read-only: its backups are tightened when it is back and written to
  }
}

/**
 * The check the start skipped (the last session closed cleanly), on the data
 * worker's read-only connection: damage found stops every write. A check
 * that couldn't finish leaves the state at "checking", so the next start
 * checks before opening.
 */
async function checkInBackground(
  offThread: OffThread,
  databaseFile: string,
  health: DataHealth
): Promise<void> {
  let found: string
  try {
    found = await offThread.run('checkPages', { file: databaseFile })
  } catch (error) {
    // stopped (the app closing) or failed for another reason: not known to be sound
    if (!isDamaged(error)) return
    found = (error as { code: string }).code
  }
  if (found === 'ok') {
    // a call may have met a damaged page meanwhile (quick_check doesn't read inside
    // the search indexes): that finding stands
    if (health.state === 'checking') health.state = 'ok'
    return
  }
  // what quick_check says names tables and pages, never a row's content
  console.error(`[data] the background check found damage: ${found.slice(0, 200)}`)
  Object.assign(health, { state: 'damaged', message: damagedWhileOpen(databaseFile) })
}

/** Opens the data folder's database and builds the api over it: shared by both hosts. */
export function openStore({
  dataDir,
  transport,
  version,
  resourcesDir,
  workerFile,
  startChild,
  desktop,
  clinic
}: StoreOptions): OpenedStore {
  try {
    makePrivateFolder(dataDir)
  } catch {
    throw cantWrite(dataDir)
  }
  const release = lockDataFolder(dataDir)
  const databaseFile = join(dataDir, databaseFileName)
  let opened: ReturnType<typeof openDatabase> & { handoutDb: Db }
  try {
    const database = openDatabase(databaseFile)
    try {
      opened = { ...database, handoutDb: connectHandoutReader(databaseFile) }
    } catch (error) {
      database.db.close()
      throw error
    }
  } catch (error) {
    release()
    throw error
  }
  const { db, handoutDb, migration, pagesChecked } = opened
  const health: DataHealth = { state: pagesChecked ? 'ok' : 'checking', message: null }
  tightenDataFiles(db, dataDir)
  if (migration.backupFile) {
    console.log(
      `Data updated to version ${migration.to}; the earlier copy is ${migration.backupFile}`
    )
  }
  const offThread = createOffThread(workerFile, startChild)
  const { handlers, drawingFrom } = createApi({
    db,
    handoutDb,
    offThread,
    transport,
    version,
    dataDir,
    databaseFile,
    resourcesDir,
    health,
    ...(clinic ? { clinic } : {}),
    // on the desktop, paths come from main's own dialogs only
    ...(desktop ? { desktop, paths: dialogPaths() } : {})
  })
  // After the first screen is up, not while it loads. A failure here shows
  // again, with its message, on the first real handout.
  const warming =
    workerFile === null
      ? undefined
      : setTimeout(
          () =>
            warmUpHandouts(handoutReader(handoutDb), { resourcesDir, offThread }).catch(
              () => undefined
            ),
          1500
        )
  warming?.unref()
  const checked = pagesChecked
    ? Promise.resolve()
    : checkInBackground(offThread, databaseFile, health)
  const close = async () => {
    clearTimeout(warming)
    // the workers' connections go with them, so nothing holds the WAL back
    await offThread.close()
    handoutDb.close()
    if (db.open) {
      // an erase the WAL still held (a worker was reading) is emptied from it now
      truncateJournal(db)
      db.close()
      // the next start may skip its check only for a file found sound and closed here
      if (health.state === 'ok') recordCleanClose(databaseFile)
    }
    release()
  }
  return { db, handlers, drawingFrom, databaseFile, offThread, health, checked, close }
}
