/**
 * Opening a connection with the app's pragmas. Apart from migrate.ts, so the
 * data worker (which writes imports through a connection of its own) carries
 * neither the migrations nor the seed library in its bundle.
 */
import Database from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { cacheStatements } from './statements'

export type Db = Database.Database

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Refuses a database written by a newer app (than schema version `known`) before anything touches it. */
export function assertNotNewer(db: Db, known: number): void {
  const version = userVersion(db)
  if (version > known) {
    throw new AppError(
      'unavailable',
      `This data was saved by a newer version of PhysioPlan (data version ${version}; this version reads up to ${known}). ` +
        'Install the newer version to open it. Nothing in the file was changed.'
    )
  }
}

/**
 * A connection with the app's durability pragmas, to a file this version of
 * the app (schema version `known`) can read; the worker's second connection
 * to the live file too.
 */
export function connect(file: string, known: number): Db {
  const db = new Database(file)
  try {
    // reads the header before anything writes: a damaged or foreign file fails here, untouched
    assertNotNewer(db, known)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Health data: deleted rows are overwritten, not left in free pages.
    db.pragma('secure_delete = ON')
    cacheStatements(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
