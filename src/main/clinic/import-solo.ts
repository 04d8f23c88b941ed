/**
 * The solo side of `clinic-server import` (issue 17): a consistent copy of a
 * solo clinic's physioplan.sqlite3, opened the way the app opens it, and the
 * tables and rows the import copies from it. The user's file is only ever
 * read: its copy is taken through SQLite's backup (a snapshot even while the
 * app has it open) into a private temporary folder, migrated there if it is
 * from an older app, and removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { assertNotNewer, type Db } from '../core/db/connect'
import { schemaVersion } from '../core/db/migrate'
import { isDamaged, openDatabase } from '../core/db/open'

/**
 * Every solo table the import copies, parents before children: PostgreSQL
 * checks each foreign key as the row goes in. `key` finds a row again on
 * both sides (the check); `rowid` is SQLite's implicit rowid, which the
 * clinic schema names as a column where the domain orders by it.
 */
export const soloTables = [
  { name: 'settings', key: ['key'] },
  { name: 'advice_sections', key: ['id'] },
  { name: 'exercises', key: ['id'] },
  { name: 'exercise_media', key: ['id'] },
  { name: 'templates', key: ['id'] },
  { name: 'template_items', key: ['id'] },
  { name: 'template_advice', key: ['template_id', 'position'] },
  { name: 'patients', key: ['id'] },
  { name: 'programs', key: ['id'] },
  { name: 'program_versions', key: ['id'] },
  { name: 'program_items', key: ['id'] },
  { name: 'program_advice', key: ['id'] },
  { name: 'visits', key: ['id'] },
  { name: 'visit_outcomes', key: ['rowid'] },
  { name: 'visit_red_flags', key: ['visit_id', 'flag'] },
  { name: 'audit_log', key: ['id'] }
] as const

export type SoloTable = (typeof soloTables)[number]

/** FTS5's tables (patients_fts_data, …): the clinic searches its own columns instead. */
const searchOnly = /^(patients_fts|exercises_fts|exercises_vocab)/

export type Row = Record<string, unknown>

/** An opened copy of the solo file; `close` closes and deletes it. */
export interface SoloCopy {
  db: Db
  /** what the file was and what the copy became: an older file is migrated in the copy */
  version: { file: number; copy: number }
  close: () => void
}

function unreadable(file: string, reason: string): AppError {
  return new AppError(
    'invalid_input',
    `${file} can’t be imported: ${reason}. Nothing was imported, and the file was not changed.`
  )
}

/** The file's schema version, read-only; refuses a file from a newer app with the app's own words. */
function readVersion(file: string): { source: Db; version: number } {
  let source: Db
  try {
    source = new Database(file, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw unreadable(file, (error as Error).message)
  }
  try {
    assertNotNewer(source, schemaVersion)
    return { source, version: source.pragma('user_version', { simple: true }) as number }
  } catch (error) {
    source.close()
    if (isDamaged(error)) throw unreadable(file, 'it is damaged or not a PhysioPlan database')
    throw error
  }
}

/**
 * A private copy of the solo file, opened as the app opens it (page check,
 * migrations, the built-in library brought up to date): what the import
 * copies and what its check compares against.
 */
export async function openSoloCopy(file: string): Promise<SoloCopy> {
  const { source, version } = readVersion(file)
  if (version === 0) {
    source.close()
    throw unreadable(file, 'it is not a PhysioPlan database')
  }
  // mkdtemp makes the folder 0700: the copy holds health data
  const folder = mkdtempSync(join(tmpdir(), 'physioplan-import-'))
  const remove = () => rmSync(folder, { recursive: true, force: true })
  try {
    const copy = join(folder, 'physioplan.sqlite3')
    try {
      await source.backup(copy)
    } catch (error) {
      if (isDamaged(error)) throw unreadable(file, 'it is damaged or not a PhysioPlan database')
      throw error
    } finally {
      source.close()
    }
    let db: Db
    try {
      db = openDatabase(copy).db
    } catch (error) {
      if (error instanceof AppError && error.code === 'damaged') {
        throw unreadable(file, 'it is damaged or not a PhysioPlan database')
      }
      throw error
    }
    const copied = db.pragma('user_version', { simple: true }) as number
    return {
      db,
      version: { file: version, copy: copied },
      close: () => {
        db.close()
        remove()
      }
    }
  } catch (error) {
    remove()
    throw error
  }
}

/**
 * Refuses a copy holding a table this import doesn't know: a later solo
 * migration's table would otherwise be left behind without a word.
 */
export function assertKnownTables(db: Db): void {
  const known = new Set<string>(soloTables.map((table) => table.name))
  const unknown = (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]
  ).filter((name) => !known.has(name) && !searchOnly.test(name))
  if (unknown.length > 0) {
    throw new AppError(
      'unavailable',
      `This import doesn’t know the solo table${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: ` +
        'update the clinic server. Nothing was imported.'
    )
  }
}

/**
 * The columns copied from `table`: the stored ones (generated search columns
 * are made again by PostgreSQL), and the implicit rowid where the clinic
 * schema keeps it.
 */
export function columnsOf(db: Db, table: SoloTable): string[] {
  const stored = (
    db.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0').all(table.name) as {
      name: string
    }[]
  ).map((column) => column.name)
  return table.key[0] === 'rowid' ? ['rowid', ...stored] : stored
}

export function countOf(db: Db, table: string): number {
  return db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number
}

/**
 * The rows of `table` (`columns`, optionally only those `where` says), `size`
 * at a time in rowid order. Pages by rowid rather than holding an iterator
 * open, so other statements may run on the copy between pages.
 */
export function* pages(
  db: Db,
  table: string,
  columns: string[],
  size: number,
  where = 'true'
): Generator<Row[]> {
  const list = columns.map((column) => `"${column}"`).join(', ')
  const page = db.prepare(
    `SELECT rowid AS "rowid:page", ${list} FROM "${table}" WHERE rowid > ? AND (${where}) ORDER BY rowid LIMIT ?`
  )
  let after = 0
  for (;;) {
    const rows = page.all(after, size) as Row[]
    if (rows.length === 0) return
    after = rows[rows.length - 1]!['rowid:page'] as number
    for (const row of rows) delete row['rowid:page']
    yield rows
  }
}
