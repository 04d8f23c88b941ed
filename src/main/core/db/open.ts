import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '@shared/errors'
import { listBackups } from '../backups'
import { connect, mainCacheKb, userVersion, type Db } from './connect'
import { checkPages, takeCleanClose } from './health'
import { migrate, schemaVersion, type MigrationReport } from './migrate'
import { seedBuiltins } from '../seed/apply'

export type { Db }

export const databaseFileName = 'physioplan.sqlite3'

export interface OpenedDatabase {
  db: Db
  migration: MigrationReport
  /**
   * Whether every page was checked before opening. False when the last
   * session closed cleanly and left the file as it is: the caller runs the
   * check in the background.
   */
  pagesChecked: boolean
}

/** SQLite's words for a file that is not a readable database. */
export function isDamaged(error: unknown): boolean {
  // extended codes too: SQLITE_CORRUPT_INDEX and the like
  return /^SQLITE_(NOTADB|CORRUPT)/.test((error as { code?: string } | null)?.code ?? '')
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
function pagesAtStart(db: Db, file: string): string {
  return file === ':memory:' ? String(db.pragma('quick_check', { simple: true })) : checkPages(file)
}

/** The start's sentence for a damaged file; the background check's says the same of what to do. */
export function damagedAtStart(file: string): string {
  return (
    `The data file ${file} can’t be read: it is damaged or not a PhysioPlan database. Nothing in it was changed. ` +
    'Restore the newest good backup, or open another data folder.'
  )
}

/** Damage found once the app is up (its background check, or a read): writes stop, the way out is the start's. */
export function damagedWhileOpen(file: string): string {
  return (
    `The data file ${file} is damaged: PhysioPlan found a damaged page in it while it was open. ` +
    'Nothing more is saved, so nothing is added to a damaged file. ' +
    'Close PhysioPlan and start it again: it offers to restore the newest good backup.'
  )
}

/**
 * Opens (creating if needed) the clinic's database: checks it isn't from a
 * newer app and, unless the last session closed it cleanly, isn't damaged
 * before writing anything; sets durability pragmas, migrates with a copy
 * kept in backups/, and brings the built-in library up to date. Pass
 * ':memory:' in tests.
 */
export function openDatabase(file: string): OpenedDatabase {
  let db: Db | null = null
  try {
    if (file !== ':memory:') refuseLostFile(file)
    const closedCleanly = file !== ':memory:' && takeCleanClose(file)
    db = connect(file, schemaVersion)
    // a damaged page would otherwise surface later, at the next backup; found now, it is
    // offered a restore. A migration rewrites tables: never on a file not checked first.
    const pagesChecked = !closedCleanly || userVersion(db) < schemaVersion
    if (pagesChecked) {
      const health = pagesAtStart(db, file)
      if (health !== 'ok') throw Object.assign(new Error(health), { code: 'SQLITE_CORRUPT' })
    }
    const backupFile =
      file === ':memory:'
        ? null
        : join(file, '..', 'backups', `pre-migration-${timestamp()}.sqlite3`)
    const migration = migrate(db, { backupFile })
    seedBuiltins(db)
    // set after the migration and the seed, which rewrite whole tables
    db.pragma(`cache_size = -${mainCacheKb}`)
    return { db, migration, pagesChecked }
  } catch (error) {
    db?.close()
    if (isDamaged(error)) {
      throw new AppError('damaged', damagedAtStart(file))
    }
    throw error
  }
}
