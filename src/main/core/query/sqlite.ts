/**
 * SQL only SQLite speaks, in one place: the clinic store (PostgreSQL) has a
 * module of the same shape beside this one (postgres.ts). Domain code
 * reaches it through `dialectSql(q)` (dialect.ts).
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import { ftsString, likePrefix } from '../search'
import type { Query } from './schema'

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
 * `column` (an integer id) is one of `ids`. One statement text whatever the
 * number of ids: a placeholder each would prepare, and cache, a statement per
 * length. PostgreSQL's: `column = ANY($1)` with the ids as one array.
 */
export function inIdList(column: string, ids: readonly number[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`
}

/**
 * `column` as names are ordered, ignoring case: "abc" beside "ABC".
 * PostgreSQL's: `lower(column)`.
 */
export function ignoringCase(column: string): Expression<string> {
  return sql<string>`${sql.ref(column)} COLLATE NOCASE`
}
