/**
 * Prepared statements kept per connection. Kysely's SqliteDriver prepares
 * every statement on every call, which roughly doubles a one-row read; our
 * statements come from a finite set of query shapes, so each is prepared
 * once. Bounded all the same (least recently used goes first), so a shape
 * built from input can't grow it without limit.
 */
import type { Database, Statement } from 'better-sqlite3'

export const statementLimit = 500

export interface StatementCache {
  prepare: (text: string) => Statement
  readonly size: number
  /** Kysely's SqliteDialect asks for it; the connection is the app's, which closes it (store.ts) */
  close: () => void
}

export function cachedStatements(db: Database, limit = statementLimit): StatementCache {
  const statements = new Map<string, Statement>()
  return {
    prepare: (text) => {
      let statement = statements.get(text)
      if (statement === undefined) {
        statement = db.prepare(text)
        if (statements.size >= limit) statements.delete(statements.keys().next().value!)
      } else {
        // a Map keeps insertion order: moving a used statement to the end makes the first the least used
        statements.delete(text)
      }
      statements.set(text, statement)
      return statement
    },
    get size() {
      return statements.size
    },
    close: () => {}
  }
}

const byConnection = new WeakMap<Database, StatementCache>()

/** The one cache of a connection, shared by its Kysely store and the synchronous bridge (sync.ts). */
export function statementsOf(db: Database): StatementCache {
  let cache = byConnection.get(db)
  if (cache === undefined) {
    cache = cachedStatements(db)
    byConnection.set(db, cache)
  }
  return cache
}
