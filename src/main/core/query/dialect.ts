/**
 * Which store's SQL a query speaks. Domain code asks `dialectSql(q)` for
 * what differs between SQLite (solo, `sqlite.ts`) and PostgreSQL (clinic,
 * `postgres.ts`, the same shape), never imports either module itself
 * (ESLint enforces it).
 */
import { PostgresAdapter, SqliteAdapter } from 'kysely'
import * as postgres from './postgres'
import type { Query } from './schema'
import * as sqlite from './sqlite'

/** what differs per store; both modules provide it (postgres.ts shares sqlite.ts's `wordStart`) */
export type DialectSql = Pick<
  typeof sqlite,
  | 'patientMatch'
  | 'optimizePatientSearch'
  | 'uniqueKey'
  | 'forUpdate'
  | 'caseless'
  | 'oneSnapshot'
  | 'libraryMatches'
  | 'libraryWords'
  | 'startsWith'
  | 'listHas'
  | 'exerciseListValues'
  | 'oneOf'
  | 'lastChange'
>

/**
 * The dialect of the connection `q` runs on. Kysely marks `getExecutor`
 * internal, but it is how a transaction reaches its dialect's adapter; the
 * version is pinned, and tests/unit/query-store.test.ts would catch a change.
 */
export function dialectSql(q: Query): DialectSql {
  const adapter = q.getExecutor().adapter
  if (adapter instanceof SqliteAdapter) return sqlite
  if (adapter instanceof PostgresAdapter) return postgres
  throw new Error(`No SQL for this store's dialect (${adapter.constructor.name}).`)
}
