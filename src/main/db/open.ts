import { join } from 'node:path'
import Database from 'better-sqlite3'
import { assertNotNewer, migrate, type MigrationReport } from './migrate'
import { seedBuiltins } from '../seed/apply'

export type Db = Database.Database

export const databaseFileName = 'physioplan.sqlite3'

export interface OpenedDatabase {
  db: Db
  migration: MigrationReport
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-')
}

/**
 * Opens (creating if needed) the clinic's database: checks it isn't from a
 * newer app before writing anything, sets durability pragmas, migrates with a
 * copy kept in backups/, and brings the built-in library up to date.
 * Pass ':memory:' in tests.
 */
export function openDatabase(file: string): OpenedDatabase {
  const db = new Database(file)
  try {
    assertNotNewer(db)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Health data: deleted rows are overwritten, not left in free pages.
    db.pragma('secure_delete = ON')
    const backupFile =
      file === ':memory:'
        ? null
        : join(file, '..', 'backups', `pre-migration-${timestamp()}.sqlite3`)
    const migration = migrate(db, { backupFile })
    seedBuiltins(db)
    return { db, migration }
  } catch (error) {
    db.close()
    throw error
  }
}
