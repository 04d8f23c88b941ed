/**
 * `clinic-server import physioplan.sqlite3` (issue 17): a solo clinic's data
 * moved into a new clinic server in one command, then checked (import-check.ts).
 *
 * Decided:
 * - **Ids are kept.** An issued handout's snapshot is frozen byte for byte
 *   and names its pictures, exercises, patient and version by id: renumbered
 *   rows would make it print another exercise's picture. Migration 001 left
 *   ids BY DEFAULT for this. Before the copy the database owner moves each
 *   identity past the file's highest id (and past the ids an erased
 *   patient's audit rows still name), so the server's next rows never take
 *   one. An id another clinic on the server already holds fails the import.
 * - **All or nothing:** one transaction, statements of 500 rows, and the
 *   check inside it: a failed check rolls the import back. A half-imported
 *   clinic would be worse than none, and can't be imported into again.
 * - **Only into an empty clinic, never with --force:** the file's ids would
 *   meet the clinic's own, and two libraries, two sets of settings and two
 *   audit trails have no right merge. A clinic with data starts afresh with
 *   `init` on a new database.
 * - **As an administrator who signs in:** every row the import writes names
 *   that account (updated_by, and the audit trail's user, which the append
 *   policy requires to be the transaction's own), so the copied history
 *   reads "imported by".
 * - Issued versions go in as drafts, get their items and advice, and are
 *   then issued with the file's issued_at and snapshot: the freezing
 *   triggers refuse items for an issued version, and are kept, not bypassed.
 */
import { sql } from 'kysely'
import type pg from 'pg'
import { AppError } from '@shared/errors'
import type { Db } from '../core/db/connect'
import { openDatabase } from '../core/db/open'
import type { Query } from '../core/query/schema'
import type { QueryStore } from '../core/query/store'
import { checkImport, checkPassed, ImportMismatch, type TableCheck } from './import-check'
import {
  assertKnownTables,
  columnsOf,
  countOf,
  openSoloCopy,
  pages,
  soloTables,
  type Row,
  type SoloTable
} from './import-solo'
import { clinicSchemaVersion, pgSchemaVersion } from './pg-migrate'

/** Where an import writes: the clinic's store as its administrator, and the owner for the identities. */
export interface ImportTarget {
  store: QueryStore
  owner: pg.ClientBase
}

export interface ImportReport {
  /** the file's schema version, and the app's it was migrated to in the copy */
  version: { file: number; copy: number }
  tables: TableCheck[]
}

const rowsPerStatement = 500

/**
 * The highest id the clinic must not hand out again, per identity column:
 * the table's own, and for patients, visits and versions the ids audit rows
 * still name after an erase or a delete.
 */
const reserved: { table: string; column: string; highest: string }[] = [
  ...soloTables
    .filter((table) => table.key[0] === 'id')
    .map(({ name }) => ({ table: name, column: 'id', highest: `SELECT max(id) FROM ${name}` })),
  { table: 'visit_outcomes', column: 'rowid', highest: 'SELECT max(rowid) FROM visit_outcomes' },
  { table: 'patients', column: 'id', highest: 'SELECT max(patient_id) FROM audit_log' },
  ...Object.entries({ patients: 'patient', visits: 'visit', program_versions: 'program' }).map(
    ([table, entity]) => ({
      table,
      column: 'id',
      highest: `SELECT max(entity_id) FROM audit_log WHERE entity = '${entity}'`
    })
  )
]

async function assertCurrentSchema(owner: pg.ClientBase): Promise<void> {
  const version = await clinicSchemaVersion(owner)
  if (version !== pgSchemaVersion) {
    throw new AppError(
      'unavailable',
      `The clinic database is at version ${version}; this import needs ${pgSchemaVersion}. ` +
        (version < pgSchemaVersion
          ? 'Run `npm run clinic-server -- migrate` first.'
          : 'Install the newer clinic server.') +
        ' Nothing was imported.'
    )
  }
}

/** Refuses a clinic that already holds rows in any table the import fills. */
async function refuseFilledClinic(q: Query, seeded: SeededCounts): Promise<'empty' | 'seeded'> {
  const filled: string[] = []
  for (const { name } of soloTables) {
    const { rows } = await sql<{
      found: boolean
    }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(name)}) AS found`.execute(q)
    if (rows[0]!.found) filled.push(name)
  }
  if (filled.length === 0) return 'empty'
  if (await asInitSeeded(q, filled, seeded)) return 'seeded'
  throw new AppError(
    'conflict',
    `This clinic already has data (${filled.join(', ')}): a solo file is imported into a new clinic only, ` +
      'empty or as init left it. Nothing was imported.'
  )
}

/**
 * What init gives a new clinic (seed-clinic.ts): the built-in content a new
 * solo app starts with. A solo file brings its own copy of it, so the import
 * puts the file's in its place, but only while the clinic holds exactly what
 * init made: these tables alone, each tallying as a newly seeded file does
 * (its rows, and what a person changes there: versions, favourites,
 * archiving, a template's next stage). Anything a person did there first is
 * never deleted: the import is refused instead.
 */
const seededContent = {
  template_advice: ['count(*)'],
  template_items: ['count(*)'],
  templates: ['count(*)', 'max(version)', 'sum(next_id)'],
  exercise_media: ['count(*)'],
  exercises: ['count(*)', 'max(version)', 'sum(favourite)', 'count(archived_at)'],
  advice_sections: ['count(*)'],
  settings: ['count(*)', 'max(version)']
} as const
type SeededTable = keyof typeof seededContent
const seededTables = Object.keys(seededContent) as SeededTable[]

export type SeededCounts = Record<SeededTable, number[]>

/** One table's tally, the same SQL on either store: numbers, nothing to compare but them. */
const tallyOf = (table: SeededTable) =>
  `SELECT ${seededContent[table].map((each, i) => `${each} AS t${i}`).join(', ')} FROM ${table}`
const numbers = (row: object) => Object.values(row).map((value) => Number(value ?? 0))

/** A newly seeded solo file's tallies of init's tables. */
function seededCounts(db: Db): SeededCounts {
  const tallies = seededTables.map((table) => [
    table,
    numbers(db.prepare(tallyOf(table)).get() as object)
  ])
  return Object.fromEntries(tallies) as SeededCounts
}

async function asInitSeeded(q: Query, filled: string[], seeded: SeededCounts): Promise<boolean> {
  if (!filled.every((table) => table in seededContent)) return false
  for (const table of seededTables) {
    const { rows } = await sql.raw<object>(tallyOf(table)).execute(q)
    if (JSON.stringify(numbers(rows[0]!)) !== JSON.stringify(seeded[table])) return false
  }
  return true
}

/** Init's content, in the order its foreign keys allow, before the file's own goes in. */
async function removeSeeded(q: Query): Promise<void> {
  for (const table of seededTables) await sql`DELETE FROM ${sql.table(table)}`.execute(q)
}

/**
 * Moves each identity past the file's ids, never back (sequences aren't
 * transactional: a failed import leaves a gap in the ids, nothing else).
 */
async function reserveIds(owner: pg.ClientBase, db: Db): Promise<void> {
  for (const { table, column, highest } of reserved) {
    const top = (db.prepare(highest).pluck().get() as number | null) ?? 0
    if (top === 0) continue
    await owner.query(
      `SELECT setval(seq, greatest($3::bigint, coalesce(pg_sequence_last_value(seq), 0)))
       FROM (SELECT pg_get_serial_sequence($1, $2)::regclass AS seq) AS identity`,
      [table, column, top]
    )
  }
}

const insertRows = (q: Query, table: string, columns: string[], rows: Row[]) =>
  sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
    VALUES ${sql.join(rows.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`))}`.execute(
    q
  )

/**
 * Sets `columns` (name → PostgreSQL type) of the rows `where` picks from the
 * copy, by id: the columns held back when the rows went in.
 */
async function patch(
  q: Query,
  db: Db,
  table: string,
  columns: Record<string, 'bigint' | 'text'>,
  where: string
): Promise<void> {
  const names = Object.keys(columns)
  const typed = (row: Row) =>
    sql`(${sql.join([
      sql`${row.id}::bigint`,
      ...names.map((name) => sql`${row[name]}::${sql.raw(columns[name]!)}`)
    ])})`
  for (const rows of pages(db, table, ['id', ...names], rowsPerStatement, where)) {
    await sql`UPDATE ${sql.table(table)} AS t
      SET ${sql.join(names.map((name) => sql`${sql.ref(name)} = ${sql.ref(`v.${name}`)}`))}
      FROM (VALUES ${sql.join(rows.map(typed))}) AS v (${sql.join(['id', ...names].map((name) => sql.ref(name)))})
      WHERE t.id = v.id`.execute(q)
  }
}

/** A table's links to its own rows: filled in once all its rows are in (PostgreSQL checks each at once). */
function selfLinks(db: Db, table: string): string[] {
  return (
    db
      .prepare('SELECT "from" FROM pragma_foreign_key_list(?) WHERE "table" = ?')
      .all(table, table) as {
      from: string
    }[]
  ).map((link) => link.from)
}

/** The row as it goes in: self-links held back, an issued version still a draft. */
function firstPass(table: SoloTable, links: string[], row: Row): Row {
  const held: Row = { ...row }
  for (const link of links) held[link] = null
  if (table.name === 'program_versions' && row.status === 'issued') {
    Object.assign(held, { status: 'draft', issued_at: null, snapshot: null })
  }
  return held
}

async function copyAll(q: Query, db: Db, progress: (line: string) => void): Promise<void> {
  for (const table of soloTables) {
    const columns = columnsOf(db, table)
    const links = selfLinks(db, table.name)
    const total = countOf(db, table.name)
    let done = 0
    let told = 0
    for (const rows of pages(db, table.name, columns, rowsPerStatement)) {
      const held = rows.map((row) => firstPass(table, links, row))
      await insertRows(q, table.name, columns, held)
      done += rows.length
      // about ten lines a table: counts only, nothing about anyone
      if (done === total || done - told >= total / 10) {
        progress(`${table.name}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`)
        told = done
      }
    }
    if (links.length > 0) {
      const types = Object.fromEntries(links.map((link) => [link, 'bigint' as const]))
      await patch(q, db, table.name, types, links.map((link) => `${link} IS NOT NULL`).join(' OR '))
    }
  }
  // issued last, once their items and advice are in
  const issued = { status: 'text', issued_at: 'text', snapshot: 'text' } as const
  await patch(q, db, 'program_versions', issued, "status = 'issued'")
  progress('program_versions: issued versions frozen again')
}

/**
 * Imports the solo file into the target's clinic and checks the result
 * (counts and a sample of rows per table, compared field by field) before
 * committing. Throws an AppError, with nothing imported, for a file or clinic
 * it refuses, and an ImportMismatch when the check fails.
 */
export async function importSolo(
  file: string,
  target: ImportTarget,
  progress: (line: string) => void
): Promise<ImportReport> {
  const solo = await openSoloCopy(file)
  try {
    assertKnownTables(solo.db)
    await assertCurrentSchema(target.owner)
    const fresh = openDatabase(':memory:').db
    const seeded = seededCounts(fresh)
    fresh.close()
    await target.store.read((q) => refuseFilledClinic(q, seeded))
    await reserveIds(target.owner, solo.db)
    const tables = await target.store.write(async (q) => {
      // checked again inside the write: nobody may have changed the clinic since
      if ((await refuseFilledClinic(q, seeded)) === 'seeded') {
        await removeSeeded(q)
        progress('the built-in content init made: replaced by the file’s')
      }
      await copyAll(q, solo.db, progress)
      progress('checking: counts, and a sample of rows per table')
      const checks = await checkImport(solo.db, q)
      // thrown, the whole import rolls back
      if (!checkPassed(checks)) throw new ImportMismatch(checks)
      return checks
    })
    return { version: solo.version, tables }
  } finally {
    solo.close()
  }
}
