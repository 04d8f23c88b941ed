import { join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { assertNotNewer, migrate, type MigrationReport } from './migrate'
import { seedBuiltins } from '../seed/apply'

export type Db = Database.Database

export const databaseFileName = 'physioplan.sqlite3'

export interface OpenedDatabase {
  db: Db
  migration: MigrationReport
}

/** SQLite's words for a file that is not a readable database. */
function isDamaged(error: unknown): boolean {
  const code = (error as { code?: string }).code
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-')
}

/**
 * A connection with the app's durability pragmas, to a file this version of
 * the app can read; the worker's second connection to the live file too.
 */
export function connect(file: string): Db {
  const db = new Database(file)
  try {
    // reads the header before anything writes: a damaged or foreign file fails here, untouched
    assertNotNewer(db)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Health data: deleted rows are overwritten, not left in free pages.
    db.pragma('secure_delete = ON')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Opens (creating if needed) the clinic's database: checks it isn't from a
 * newer app before writing anything, sets durability pragmas, migrates with a
 * copy kept in backups/, and brings the built-in library up to date.
 * Pass ':memory:' in tests.
 */
export function openDatabase(file: string): OpenedDatabase {
  let db: Db | null = null
  try {
    db = connect(file)
    const backupFile =
      file === ':memory:'
        ? null
        : join(file, '..', 'backups', `pre-migration-${timestamp()}.sqlite3`)
    const migration = migrate(db, { backupFile })
    seedBuiltins(db)
    return { db, migration }
  } catch (error) {
    db?.close()
    if (isDamaged(error)) {
      throw new AppError(
        'damaged',
        `The data file ${file} can’t be read: it is damaged or not a PhysioPlan database. Nothing in it was changed. ` +
          'Restore the newest good backup, or open another data folder.'
      )
    }
    throw error
  }
}
