/**
 * Each connection keeps the statements it prepared, by their SQL. A
 * better-sqlite3 statement holds its compiled program in C memory that V8
 * doesn't see (~23 KB for an insert with its triggers, measured): prepared
 * on every call, as the app's code does where it reads, they are freed only
 * when a garbage collection happens to finalize them, and the JavaScript
 * heap, all that V8 counts, barely grows meanwhile. A 900-exercise import
 * prepared 5,400 of them in its one transaction: its process peaked at
 * 192 MB resident, 112 MB with this cache (README, A clinic day: memory).
 */
import type { Database, Statement } from 'better-sqlite3'
import { BoundedMap } from '@shared/bounded-map'

/**
 * At most this many per connection, the least recently used forgotten
 * first: the app's SQL is a few hundred fixed texts, and the searches'
 * filters build more, which the bound keeps from growing the cache all day.
 */
export const statementLimit = 300

export function cacheStatements(db: Database, limit = statementLimit): void {
  const prepare = db.prepare.bind(db)
  const kept = new BoundedMap<string, Statement<unknown[], unknown>>(limit)
  const cached = (sql: string) => {
    let statement = kept.get(sql)
    if (statement) {
      kept.delete(sql) // set again below: the most recently used
      // a caller may have set how rows come back (pluck, raw, expand): each starts from plain rows
      if (statement.reader) statement.pluck(false).raw(false).expand(false)
    } else statement = prepare(sql)
    kept.set(sql, statement)
    return statement
  }
  db.prepare = cached as Database['prepare']
}
