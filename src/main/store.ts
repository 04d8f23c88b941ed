import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createHandlers, type ApiContext, type Handlers } from './api'
import { lockDataFolder } from './data-lock'
import { databaseFileName, openDatabase, type Db } from './db/open'

export interface OpenedStore {
  db: Db
  handlers: Handlers
  databaseFile: string
  /** closes the database and frees the data folder for another PhysioPlan */
  close: () => void
}

/** Opens the data folder's database and builds the api over it: shared by both hosts. */
export function openStore(
  dataDir: string,
  transport: ApiContext['transport'],
  version: string,
  resourcesDir: string,
  desktop?: ApiContext['desktop']
): OpenedStore {
  mkdirSync(dataDir, { recursive: true })
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
  if (migration.backupFile) {
    console.log(
      `Data updated to version ${migration.to}; the earlier copy is ${migration.backupFile}`
    )
  }
  const handlers = createHandlers({
    db,
    transport,
    version,
    dataDir,
    databaseFile,
    resourcesDir,
    ...(desktop ? { desktop } : {})
  })
  const close = () => {
    if (db.open) db.close()
    release()
  }
  return { db, handlers, databaseFile, close }
}
