import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { listBackups } from '../backups'
import { connect, type Db } from './connect'
import { migrate, schemaVersion, type MigrationReport } from './migrate'
import { seedBuiltins } from '../seed/apply'

export type { Db }

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
 * A missing or empty data file beside backups is data gone astray (a sync
 * tool, a copy that failed, a wrong drive letter), not a first start:
 * starting empty would hide every patient without a word.
 */
function refuseLostFile(file: string): void {
  const size = existsSync(file) ? statSync(file).size : null
  if (size !== null && size > 0) return
  const folder = join(dirname(file), 'backups')
  const newest = listBackups(folder)[0]
  if (newest === undefined) return
  throw new AppError(
    'damaged',
    `The data file ${file} is ${size === null ? 'missing' : 'empty'}, but there are backups in ${folder} ` +
      `(the newest from ${newest.createdAt.slice(0, 10)}). PhysioPlan did not start with empty data. ` +
      'Restore the newest good backup, or open another data folder.'
  )
}

/**
 * `quick_check` reads every page. On a read-only connection it checks what a
 * damaged file gets wrong (pages, b-trees, indexes) in about 190 ms on the
 * benchmark's 80 MB clinic; on the writable one it also re-evaluates every
 * CHECK constraint of every row (the json_valid checks among them) and took
 * 1.1 s, over the one-second start budget.
 */
function checkPages(db: Db, file: string): unknown {
  if (file === ':memory:') return db.pragma('quick_check', { simple: true })
  const reader = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return reader.pragma('quick_check', { simple: true })
  } finally {
    reader.close()
  }
}

/**
 * Opens (creating if needed) the clinic's database: checks it isn't from a
 * newer app and isn't damaged before writing anything, sets durability
 * pragmas, migrates with a copy kept in backups/, and brings the built-in
 * library up to date. Pass ':memory:' in tests.
 */
export function openDatabase(file: string): OpenedDatabase {
  let db: Db | null = null
  try {
    if (file !== ':memory:') refuseLostFile(file)
    db = connect(file, schemaVersion)
    // a damaged page would otherwise surface later, at the next backup; found now, it is
    // offered a restore
    const health = checkPages(db, file)
    if (health !== 'ok') throw Object.assign(new Error(String(health)), { code: 'SQLITE_CORRUPT' })
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
