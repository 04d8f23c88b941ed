/**
 * The bridge for the SQLite-only work that stays synchronous on a `db` (the
 * seed, the library import's worker, backups' settings): a query a domain
 * defines once with Kysely, run synchronously there.
 */
import type { Database } from 'better-sqlite3'
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable
} from 'kysely'
import type { Schema } from './schema'

/** Builds SQLite queries without running them: `runNow` runs what it builds. */
export const sqliteBuilder = new Kysely<Schema>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new SqliteIntrospector(kysely),
    createQueryCompiler: () => new SqliteQueryCompiler()
  }
})

/** The rows a built query returns (none for a write), run now on `db`. */
export function runNow<Row>(db: Database, query: Compilable<Row>): Row[] {
  const { sql, parameters } = query.compile()
  const statement = db.prepare(sql)
  if (statement.reader) return statement.all(...parameters) as Row[]
  statement.run(...parameters)
  return []
}
