/**
 * SQL only PostgreSQL speaks (the clinic store, issue 17), the same shape as
 * sqlite.ts. Domain code reaches it through `dialectSql(q)` (dialect.ts).
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import type { Query } from './schema'
import { wordStart } from './sqlite'

/** Above this many matches a term is common: walking the name index finds the first 500 sooner. */
export const rareMatches = 1000

/** `%term%` as a LIKE pattern with % _ \ taken literally, folded in SQL as the stored text is. */
const containsPattern = (term: string) =>
  sql<string>`'%' || physioplan_fold(${term.replace(/[\\%_]/g, (char) => `\\${char}`)}) || '%'`

/**
 * Patients matching every typed term (plan §3). Under row-level security a
 * LIKE can't use the trigram index (it isn't leakproof), so a long term is
 * first looked up through `physioplan_patients_matching` (migration 001, a
 * definer function that can): a rare term's few ids filter the list; a
 * common one (more than `rareMatches`) is filtered row by row along the name
 * index instead, which stops at the first 500. Short terms as on SQLite.
 */
export async function patientMatch(q: Query, terms: string[]): Promise<Expression<SqlBool>[]> {
  const filters = terms.filter((term) => [...term].length < 3).map(wordStart)
  for (const term of terms.filter((each) => [...each].length >= 3)) {
    const pattern = containsPattern(term)
    const { rows } = await sql<{ ids: number[] | null }>`
      SELECT array_agg(id) AS ids FROM (
        SELECT physioplan_patients_matching(${pattern}) AS id LIMIT ${rareMatches + 1}
      ) AS found`.execute(q)
    const ids = rows[0]?.ids ?? []
    if (ids.length <= rareMatches) {
      filters.push(sql<SqlBool>`p.id = ANY(${ids}::bigint[])`)
      continue
    }
    filters.push(sql<SqlBool>`p.search_text LIKE ${pattern}`)
    // Under row-level security the planner guesses a LIKE matches a handful of rows, so it
    // reads all 50,000 and sorts them (19-34 ms for "achilles"); this term is known common:
    // walking the name index to the first 500 took 5-10 ms (EXPLAIN ANALYZE, same run).
    // SET LOCAL: for the rest of this call's transaction only.
    await sql`SET LOCAL enable_sort = off`.execute(q)
  }
  return filters
}

/** PostgreSQL's trigram index needs no folding together after an erase (VACUUM does its share). */
export async function optimizePatientSearch(): Promise<void> {}
