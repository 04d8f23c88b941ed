/**
 * The query layer (issue 17): Kysely over the app's better-sqlite3
 * connection. Handlers of the domains that moved onto it call
 * `store.read(q => f(q, …))` and `store.write(q => f(q, …))`; the domain
 * functions take that `q` and never this store. The domains not yet moved
 * keep the synchronous `write(() => …)` of handlers.ts until they move.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Database } from 'better-sqlite3'
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver
} from 'kysely'
import type { Query, Schema } from './schema'

export interface QueryStore {
  /** runs `work` on the connection, outside any transaction */
  read: <T>(work: (q: Query) => Promise<T>) => Promise<T>
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back
   * when it throws. `q` is the transaction; nothing else may run statements
   * for the write (see `sqliteStore`).
   */
  write: <T>(work: (q: Query) => Promise<T>) => Promise<T>
}

/**
 * The app's connection as Kysely's SqliteDialect takes it. Its `prepare`
 * returns the statement the connection keeps (`cacheStatements`,
 * db/statements.ts), where Kysely's own driver would prepare each one anew;
 * `close` does nothing: the store that opened the connection closes it.
 */
const appConnection = (db: Database) => ({
  prepare: (text: string) => db.prepare(text),
  close: () => {}
})

/**
 * `BEGIN IMMEDIATE` instead of Kysely's plain `begin`: the write lock is
 * taken before the first statement, so a worker's connection holding a read
 * can't turn the write into a busy error halfway through.
 */
class ImmediateDriver extends SqliteDriver {
  constructor(private readonly db: Database) {
    super({ database: appConnection(db) })
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
  // SQLite rolls back by itself on some errors (a full disk, a drive gone, RAISE(ROLLBACK)):
  // a second rollback would fail, and its "no transaction is active" would replace the real error
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.db.inTransaction) await super.rollbackTransaction(connection)
  }
}

class SoloDialect extends SqliteDialect {
  constructor(private readonly db: Database) {
    super({ database: appConnection(db) })
  }
  override createDriver(): Driver {
    return new ImmediateDriver(this.db)
  }
}

/** set while a read's or write's work runs, to catch the store used from inside it */
const running = new AsyncLocalStorage<true>()

/**
 * Runs a store's read or write, refusing one started inside another's work:
 * on SQLite it would wait forever for the write's own lock, on PostgreSQL it
 * would run outside the transaction (and its scope). Both stores use it.
 */
export function outermost<T>(run: () => Promise<T>): Promise<T> {
  if (running.getStore()) {
    return Promise.reject(
      new Error('The store was used inside a read or write: use the q that work was given.')
    )
  }
  return running.run(true, run)
}

/**
 * The solo store. `beforeWrite` runs first on every write and may refuse it
 * (handlers.ts: a damaged file; drawn previews forgotten).
 *
 * Kysely serialises the one connection with a mutex, so a write's awaits
 * never let another read or write of this store in. The synchronous
 * `write(() => …)` and reads of the domains not yet moved don't take that
 * mutex: they stay out of a write only because a write finishes within the
 * macrotask that started it. So inside `work`, await queries on `q` and
 * nothing else — no timers, files, workers or network (do those before or
 * after the write) — or a synchronous handler could run its statements in
 * the middle of the transaction. handlers.ts refuses a synchronous write
 * that would land inside one (tests/unit/query-store.test.ts).
 */
export function sqliteStore(db: Database, beforeWrite: () => void = () => {}): QueryStore {
  const kysely = new Kysely<Schema>({ dialect: new SoloDialect(db) })
  return {
    read: (work) => outermost(() => work(kysely)),
    write: (work) =>
      outermost(async () => {
        beforeWrite()
        return kysely.transaction().execute(work)
      })
  }
}
