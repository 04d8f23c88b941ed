import { join } from 'node:path'
import { createHandlers, type ApiContext, type Handlers } from './api'
import { backupFolder } from './backups'
import { cantWrite, lockDataFolder } from './data-lock'
import { databaseFileName, openDatabase, type Db } from './db/open'
import { makePrivateFolder, tightenFolder } from './file-modes'
import { truncateJournal } from './patient-data'
import { dialogPaths } from './paths'
import { warmUpHandouts } from './handouts'
import { createOffThread, type OffThread } from '../offthread/pool'
import type { ChildStarter } from '../offthread/messages'

export interface OpenedStore {
  db: Db
  handlers: Handlers
  databaseFile: string
  offThread: OffThread
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

/** Opens the data folder's database and builds the api over it: shared by both hosts. */
export function openStore({
  dataDir,
  transport,
  version,
  resourcesDir,
  workerFile,
  startChild,
  desktop
}: StoreOptions): OpenedStore {
  try {
    makePrivateFolder(dataDir)
  } catch {
    throw cantWrite(dataDir)
  }
  const release = lockDataFolder(dataDir)
  const databaseFile = join(dataDir, databaseFileName)
  let opened: ReturnType<typeof openDatabase>
  try {
    opened = openDatabase(databaseFile)
  } catch (error) {
    release()
    throw error
  }
  const { db, migration } = opened
  tightenDataFiles(db, dataDir)
  if (migration.backupFile) {
    console.log(
      `Data updated to version ${migration.to}; the earlier copy is ${migration.backupFile}`
    )
  }
  const offThread = createOffThread(workerFile, startChild)
  const handlers = createHandlers({
    db,
    offThread,
    transport,
    version,
    dataDir,
    databaseFile,
    resourcesDir,
    // on the desktop, paths come from main's own dialogs only
    ...(desktop ? { desktop, paths: dialogPaths() } : {})
  })
  // After the first screen is up, not while it loads. A failure here shows
  // again, with its message, on the first real handout.
  const warming =
    workerFile === null
      ? undefined
      : setTimeout(
          () => warmUpHandouts(db, { resourcesDir, offThread }).catch(() => undefined),
          1500
        )
  warming?.unref()
  const close = async () => {
    clearTimeout(warming)
    // the workers' connections go with them, so nothing holds the WAL back
    await offThread.close()
    if (db.open) {
      // an erase the WAL still held (a worker was reading) is emptied from it now
      truncateJournal(db)
      db.close()
    }
    release()
  }
  return { db, handlers, databaseFile, offThread, close }
}
