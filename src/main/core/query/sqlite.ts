/**
 * SQL only SQLite speaks, in one place: the clinic store (PostgreSQL) has a
 * module of the same shape beside this one (postgres.ts). Domain code
 * reaches it through `dialectSql(q)` (dialect.ts).
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import { ftsString, likePrefix } from '../search'
import type { LastChange, Query, VersionedRow } from './schema'

/** Short terms (1–2 letters) match the start of a word in the folded name, on both stores. */
export function wordStart(term: string): Expression<SqlBool> {
  return sql<SqlBool>`(p.sort_key LIKE ${likePrefix(term)} ESCAPE '\\' OR p.sort_key LIKE ${`% ${likePrefix(term)}`} ESCAPE '\\')`
}

/**
 * Patients matching every typed (folded) term. Terms of 3+ letters use the
 * FTS5 trigram index over name and condition (migration 005: any part of
 * either); shorter ones match the start of a word in the folded name.
 * Async and given `q` because PostgreSQL's form looks before it filters.
 */
export async function patientMatch(_q: Query, terms: string[]): Promise<Expression<SqlBool>[]> {
  const long = terms.filter((term) => [...term].length >= 3)
  const filters = terms.filter((term) => [...term].length < 3).map(wordStart)
  if (long.length > 0) {
    const match = long.map(ftsString).join(' AND ')
    filters.push(
      sql<SqlBool>`p.id IN (SELECT rowid FROM patients_fts WHERE patients_fts MATCH ${match})`
    )
  }
  return filters
}

/** Folds the trigram index's pages together again after rows left it (an erase). */
export async function optimizePatientSearch(q: Query): Promise<void> {
  await sql`INSERT INTO patients_fts (patients_fts) VALUES ('optimize')`.execute(q)
}

/**
 * The columns an upsert's ON CONFLICT names for a table's own unique key
 * `columns`. SQLite's keys are those columns; PostgreSQL's clinic tables lead
 * each key with clinic_id, which its module must return first.
 */
export function uniqueKey<Column extends string>(columns: Column[]): Column[] {
  return columns
}

/**
 * A select that locks the rows it reads until the write commits, so a check
 * and the insert it allows can't interleave with another writer's. SQLite has
 * no row locks and needs none: its write transaction already holds the whole
 * file (BEGIN IMMEDIATE), so the select is left as it is.
 */
export function forUpdate<Select extends { forUpdate: () => Select }>(select: Select): Select {
  return select
}

/**
 * A text column as a sort key that ignores case ("bridge" beside "Bridge").
 * SQLite's NOCASE folds ASCII letters only and compares the rest by code
 * point; postgres.ts's `caseless` does exactly the same.
 */
export function caseless(column: string): Expression<string> {
  return sql<string>`${sql.ref(column)} COLLATE NOCASE`
}

/**
 * Runs `work` with every query of it reading one snapshot of the data (the
 * dashboard's counts and rows must agree though an import commits meanwhile).
 * SQLite: a read outside a write gets a deferred transaction of its own, on
 * the one connection. PostgreSQL: the call already is one transaction; its
 * module must make that transaction's queries share a snapshot (REPEATABLE
 * READ, set before its first query).
 */
export async function oneSnapshot<T>(q: Query, work: (q: Query) => Promise<T>): Promise<T> {
  if (q.isTransaction) return work(q)
  return q.connection().execute(async (connection) => {
    await sql`begin`.execute(connection)
    try {
      const result = await work(connection)
      await sql`commit`.execute(connection)
      return result
    } catch (error) {
      await sql`rollback`.execute(connection)
      throw error
    }
  })
}

/**
 * The library search: the exercises whose name, other names, body regions,
 * summary or tags match every group, as rows (id, rank) to join on
 * exercises.id. A group is one typed (folded) word: the exercise must hold a
 * word starting with the group's first entry, or equal to one of the others
 * (the close spellings of the typo fallback). `rank` is lower for better
 * matches (name hits count most, then other names, tags, regions, summary);
 * unranked (one or two letters, ordered by name instead) it may be any
 * constant, and costs nothing.
 */
export function libraryMatches(groups: string[][], ranked: boolean) {
  const match = groups
    .map(([typed, ...close]) => {
      const words = [`${ftsString(typed!)}*`, ...close.map(ftsString)]
      return words.length > 1 ? `(${words.join(' OR ')})` : words[0]!
    })
    .join(' AND ')
  const rank = ranked ? sql`bm25(exercises_fts, 10, 5, 2, 1, 3)` : sql`0`
  return sql<{ id: number; rank: number }>`(SELECT rowid AS id, ${rank} AS rank
    FROM exercises_fts WHERE exercises_fts MATCH ${match})`
}

/** Every word the library search's index holds (folded), for the typo fallback to compare with. */
export async function libraryWords(q: Query): Promise<string[]> {
  const { rows } = await sql<{ term: string }>`SELECT term FROM exercises_vocab`.execute(q)
  return rows.map((row) => row.term)
}

/**
 * True where a text column starts with `prefix`, ASCII letters in either
 * case (SQLite's LIKE); `%` and `_` in the prefix are plain characters.
 */
export function startsWith(column: string, prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${likePrefix(prefix)} ESCAPE '\\'`
}

/** True where a column's JSON list of strings holds `value`. */
export function listHas(column: string, value: string): Expression<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${sql.ref(column)}) WHERE value = ${value})`
}

/**
 * Every value in the JSON lists of one column of the active (not archived)
 * exercises, once each, in caseless order: what a library filter offers.
 */
export async function exerciseListValues(
  q: Query,
  column: 'body_regions' | 'equipment' | 'conditions'
): Promise<string[]> {
  const { rows } = await sql<{ value: string }>`SELECT DISTINCT j.value AS value
    FROM exercises e, json_each(${sql.ref(`e.${column}`)}) j
    WHERE e.archived_at IS NULL ORDER BY j.value COLLATE NOCASE, j.value`.execute(q)
  return rows.map((row) => row.value)
}

/**
 * True where a column's value is one of `ids`, the list bound as one
 * parameter (a page's 200 ids as 200 parameters cost more to build and
 * compile than the read itself). PostgreSQL: `= ANY(array)`.
 */
export function oneOf(column: string, ids: readonly number[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`
}

/** The key column and value of a versioned row, for SQL that names either table. */
export const rowKey = (row: VersionedRow, alias: string) =>
  'id' in row
    ? sql`${sql.ref(`${alias}.id`)} = ${row.id}`
    : sql`${sql.ref(`${alias}.key`)} = ${row.key}`

/** When a versioned row last changed; solo mode has no accounts, so not by whom. Undefined: no such row. */
export async function lastChange(q: Query, row: VersionedRow): Promise<LastChange | undefined> {
  const { rows } = await sql<{ at: string | null }>`SELECT updated_at AS at
    FROM ${sql.table(row.table)} t WHERE ${rowKey(row, 't')}`.execute(q)
  return rows[0] && { at: rows[0].at, by: null }
}
