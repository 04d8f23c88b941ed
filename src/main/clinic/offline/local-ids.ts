/**
 * Ids made offline (issue 18). The local copy keeps the server's ids for
 * every row it pulled, so a row made here must take an id the server never
 * reaches: each id table is AUTOINCREMENT in the local copy, its sequence
 * started in a block of its own above 2^52 (PostgreSQL's sequences count
 * from 1 and a clinic makes a few million rows, nowhere near). One block
 * per table, rather than 2^52 for all, makes a local id name its table:
 * the outbox's inputs and answers carry bare numbers, and the id map and
 * the rewrite after a create need to know which row a number is.
 */
import type { Database } from 'better-sqlite3'
import { isOfflineId, offlineIdBase } from '@shared/sync'
import type { Migration } from '../../core/db/migration-list'

export const localIdBase = offlineIdBase
/** 2^47 ids a table: 16 blocks fit below 2^53, JavaScript's last exact integer */
const blockSize = 2 ** 47

/** The solo schema's tables with an `id INTEGER PRIMARY KEY`, each with its block; append only. */
export const localIdTables = [
  'patients',
  'exercises',
  'exercise_media',
  'advice_sections',
  'templates',
  'template_items',
  'programs',
  'program_versions',
  'program_items',
  'program_advice',
  'visits',
  'audit_log'
] as const
export type LocalIdTable = (typeof localIdTables)[number]

export const blockStart = (table: LocalIdTable): number =>
  localIdBase + localIdTables.indexOf(table) * blockSize

/** Whether `value` is an id made on this computer (and so unknown to the server until sent). */
export const isLocalId = isOfflineId

/** The table a local id was made in. */
export function tableOfLocalId(id: number): LocalIdTable | null {
  return isLocalId(id) ? (localIdTables[Math.floor((id - localIdBase) / blockSize)] ?? null) : null
}

/**
 * The solo migrations as the local copy runs them: every `id INTEGER
 * PRIMARY KEY` becomes AUTOINCREMENT, so SQLite takes the next id from
 * `sqlite_sequence` (set by `ensureLocalIdRange`) and never reuses one,
 * whatever the pull inserts below it. Nothing else changes.
 */
export function localMigrations(list: Migration[]): Migration[] {
  return list.map((migration) => ({
    ...migration,
    sql: migration.sql.replace(
      /\bid(\s+)INTEGER PRIMARY KEY,/g,
      'id$1INTEGER PRIMARY KEY AUTOINCREMENT,'
    )
  }))
}

/**
 * Starts each id table's sequence at its block (at every open: a table a
 * later migration rebuilt starts afresh). Refuses a table it has no block
 * for, so a new id table can't silently share another's ids.
 */
export function ensureLocalIdRange(db: Database): void {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%PRIMARY KEY AUTOINCREMENT%'`
    )
    .pluck()
    .all() as string[]
  const sequence = db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck()
  db.transaction(() => {
    for (const table of tables) {
      if (table === 'outbox') continue
      if (!(localIdTables as readonly string[]).includes(table)) {
        throw new Error(`The local copy has no id block for the table ${table}.`)
      }
      const start = blockStart(table as LocalIdTable)
      const seq = sequence.get(table) as number | undefined
      if (seq === undefined) {
        db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, start)
      } else if (seq < start) {
        db.prepare('UPDATE sqlite_sequence SET seq = ? WHERE name = ?').run(start, table)
      }
    }
  })()
}
