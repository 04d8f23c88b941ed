/**
 * SQL only PostgreSQL speaks (the clinic store, issue 17), the same shape as
 * sqlite.ts. Domain code reaches it through `dialectSql(q)` (dialect.ts).
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import type { LastChange, Query, VersionedRow } from './schema'
import { likePrefix } from '../search'
import { rowKey, wordStart } from './sqlite'

/** Above this many matches a term is common: walking the name index finds the first 500 sooner. */
export const rareMatches = 1000

/** `%term%` as a LIKE pattern with % _ \ taken literally, folded in SQL as the stored text is. */
const containsPattern = (term: string) =>
  sql<string>`'%' || physioplan_fold(${term.replace(/[\\%_]/g, (char) => `\\${char}`)}) || '%'`

/**
 * Patients matching every typed term (plan §3). Under row-level security a
 * LIKE can't use the trigram index (it isn't leakproof), so a long term is
 * first looked up through `physioplan_patients_matching` (migration 003, a
 * definer function that can): a rare term's few ids filter the list; for a
 * common one (more than `rareMatches`) it answers NULL, and the list is
 * filtered row by row along the name index instead, which stops at the
 * first 500. Short terms as on SQLite.
 */
export async function patientMatch(q: Query, terms: string[]): Promise<Expression<SqlBool>[]> {
  const filters = terms.filter((term) => [...term].length < 3).map(wordStart)
  for (const term of terms.filter((each) => [...each].length >= 3)) {
    const pattern = containsPattern(term)
    // Under row-level security the planner guesses a LIKE matches a handful of rows, so for a
    // common term it would read all 50,000 and sort them (19-34 ms for "achilles"); walking
    // the name index to the first 500 took 5-10 ms (EXPLAIN ANALYZE, same run). So a common
    // term turns sorting off for the rest of this call's transaction (set_config's true: SET
    // LOCAL), in the look-up's own statement: one round trip fewer. (OFFSET 0 keeps the
    // subquery whole, so the look-up runs once, not once per mention of ids.)
    const { rows } = await sql<{ ids: number[] | null }>`
      SELECT ids, set_config('enable_sort',
          CASE WHEN ids IS NULL THEN 'off' ELSE current_setting('enable_sort') END, true)
      FROM (SELECT physioplan_patients_matching(${pattern}, ${rareMatches}) AS ids OFFSET 0) AS found`.execute(
      q
    )
    const ids = rows[0]?.ids
    filters.push(
      ids ? sql<SqlBool>`p.id = ANY(${ids}::bigint[])` : sql<SqlBool>`p.search_text LIKE ${pattern}`
    )
  }
  return filters
}

/** PostgreSQL's trigram index needs no folding together after an erase (VACUUM does its share). */
export async function optimizePatientSearch(): Promise<void> {}

/* The library, settings, advice and visits' SQL (issue 17), against migration 001's schema;
   tests/clinic/domains-a.test.ts runs those domains on PostgreSQL. */

/** Every clinic table's unique keys lead with clinic_id (migration 001), which its default fills. */
export function uniqueKey<Column extends string>(columns: Column[]): Column[] {
  return ['clinic_id' as Column, ...columns]
}

/** A select that locks the rows it reads until the write commits (`FOR UPDATE`). */
export function forUpdate<Select extends { forUpdate: () => Select }>(select: Select): Select {
  return select.forUpdate()
}

/**
 * SQLite's NOCASE, exactly: A-Z folded, every other character compared by
 * its code point (the "C" collation's byte order is UTF-8's code point
 * order). lower() would fold Ø to ø and sort by the database's collation,
 * so the two stores would list the same names differently.
 */
const nocase = (value: Expression<unknown>) =>
  sql<string>`translate(${value}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE "C"`

/** A text column as a sort key that ignores case. */
export function caseless(column: string): Expression<string> {
  return nocase(sql.ref(column))
}

/**
 * Runs `work` as it is: the clinic store's every read already is one
 * REPEATABLE READ transaction (pg-store.ts), so its queries share a snapshot.
 */
export async function oneSnapshot<T>(q: Query, work: (q: Query) => Promise<T>): Promise<T> {
  return work(q)
}

/** One word of a group as a tsquery, folded as the stored vector is; the typed one as a prefix. */
const tsWord = (word: string, prefix: boolean) =>
  sql`to_tsquery('simple', quote_literal(physioplan_fold(${word}))${sql.raw(prefix ? " || ':*'" : '')})`

/**
 * The library search over `exercises.search_vector` (migration 001: name A,
 * other names B, regions and tags C, summary D), as rows (id, rank), rank
 * lower for better matches. Under row-level security `@@` is not leakproof,
 * so the GIN index is not used for the app's role (plan §3): a scan per search.
 */
export function libraryMatches(groups: string[][], ranked: boolean) {
  const query = groups
    .map(([typed, ...close]) =>
      close.reduce(
        (either, word) => sql`(${either} || ${tsWord(word, false)})`,
        tsWord(typed!, true)
      )
    )
    .reduce((both, group) => sql`(${both} && ${group})`)
  const rank = ranked ? sql`-ts_rank('{0.1, 0.3, 0.5, 1.0}', search_vector, ${query})` : sql`0`
  return sql<{ id: number; rank: number }>`(SELECT id, ${rank} AS rank
    FROM exercises WHERE search_vector @@ ${query})`
}

/** Every word of the clinic's library search vectors (ts_stat runs as the caller: its clinic only). */
export async function libraryWords(q: Query): Promise<string[]> {
  const { rows } = await sql<{
    word: string
  }>`SELECT word FROM ts_stat('SELECT search_vector FROM exercises')`.execute(q)
  return rows.map((row) => row.word)
}

/** True where a text column starts with `prefix`, in either case; `%` and `_` taken literally. */
export function startsWith(column: string, prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} ILIKE ${likePrefix(prefix)} ESCAPE '\\'`
}

/** True where a column's JSON list of strings holds `value`. */
export function listHas(column: string, value: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)}::jsonb @> jsonb_build_array(${value}::text)`
}

/** Every value in one JSON list column of the active exercises, once each, in caseless order. */
export async function exerciseListValues(
  q: Query,
  column: 'body_regions' | 'equipment' | 'conditions'
): Promise<string[]> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM (
      SELECT DISTINCT j.value FROM exercises e,
        jsonb_array_elements_text(${sql.ref(`e.${column}`)}::jsonb) AS j (value)
      WHERE e.archived_at IS NULL
    ) AS listed ORDER BY ${nocase(sql.ref('value'))}, value COLLATE "C"`.execute(q)
  return rows.map((row) => row.value)
}

/** True where a column's value is one of `ids`, bound as one array. */
export function oneOf(column: string, ids: readonly number[]): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} = ANY(${[...ids]}::bigint[])`
}

/**
 * When a versioned row last changed and by which account: `updated_by` is
 * set from the session by a trigger whenever the version moves (migration
 * 001). Undefined: no such row (or another clinic's).
 */
export async function lastChange(q: Query, row: VersionedRow): Promise<LastChange | undefined> {
  const { rows } = await sql<{ at: string | null; name: string | null; mine: boolean | null }>`
    SELECT t.updated_at AS at, a.display_name AS name, t.updated_by = physioplan_user() AS mine
    FROM ${sql.table(row.table)} t LEFT JOIN accounts a ON a.id = t.updated_by
    WHERE ${rowKey(row, 't')}`.execute(q)
  const found = rows[0]
  return found && { at: found.at, by: { name: found.name, mine: found.mine === true } }
}
