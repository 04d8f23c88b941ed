/**
 * Kysely's SqliteDriver prepares every statement on every call, which
 * roughly doubles a one-row read. The app's connections already keep the
 * statements they prepared, bounded (`cacheStatements`, db/statements.ts):
 * Kysely and the synchronous bridge (sync.ts) prepare through the
 * connection's own `prepare`, so each text is prepared once and kept in
 * one place.
 */
import type { Database, Statement } from 'better-sqlite3'

export interface ConnectionStatements {
  prepare: (text: string) => Statement
  /** Kysely's SqliteDialect asks for it; the connection is the app's, which closes it (store.ts) */
  close: () => void
}

export function statementsOf(db: Database): ConnectionStatements {
  return { prepare: (text) => db.prepare(text), close: () => {} }
}
