/**
 * Which store's SQL a query speaks. Domain code asks `dialectSql(q)` for
 * what differs between SQLite (solo, `sqlite.ts`) and PostgreSQL (clinic,
 * issue 17: its module joins this one with the same shape), never imports
 * either module itself (ESLint enforces it).
 */
import { SqliteAdapter } from 'kysely'
import type { Query } from './schema'
import * as sqlite from './sqlite'

export type DialectSql = typeof sqlite

/**
 * The dialect of the connection `q` runs on. Kysely marks `getExecutor`
 * internal, but it is how a transaction reaches its dialect's adapter; the
 * version is pinned, and tests/unit/query-store.test.ts would catch a change.
 */
export function dialectSql(q: Query): DialectSql {
  const adapter = q.getExecutor().adapter
  if (adapter instanceof SqliteAdapter) return sqlite
  throw new Error(`No SQL for this store's dialect (${adapter.constructor.name}).`)
}
