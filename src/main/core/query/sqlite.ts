/**
 * SQL only SQLite speaks, in one place: the clinic store (PostgreSQL) gets a
 * module of the same shape beside this one (issue 17). Domain code reaches
 * it through `dialectSql(q)` (dialect.ts).
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import { ftsString, likePrefix } from '../search'
import type { Query } from './schema'

/**
 * Patients matching every typed (folded) term. Terms of 3+ letters use the
 * FTS5 trigram index over name and condition (migration 005: any part of
 * either); shorter ones match the start of a word in the folded name.
 */
export function patientMatch(terms: string[]): Expression<SqlBool>[] {
  const long = terms.filter((term) => [...term].length >= 3)
  const short = terms.filter((term) => [...term].length < 3)
  const filters = short.map(
    (term) =>
      sql<SqlBool>`(p.sort_key LIKE ${likePrefix(term)} ESCAPE '\\' OR p.sort_key LIKE ${`% ${likePrefix(term)}`} ESCAPE '\\')`
  )
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
 * A text column as a sort key that ignores case ("bridge" beside "Bridge").
 * SQLite's NOCASE folds ASCII letters only; PostgreSQL may fold all of them
 * (lower(), or a case-insensitive collation).
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
