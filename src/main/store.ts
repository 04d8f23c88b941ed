import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createHandlers, type ApiContext, type Handlers } from './api'
import { databaseFileName, openDatabase, type Db } from './db/open'

export interface OpenedStore {
  db: Db
  handlers: Handlers
  databaseFile: string
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
  const databaseFile = join(dataDir, databaseFileName)
  const { db, migration } = openDatabase(databaseFile)
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
  return { db, handlers, databaseFile }
}
