/**
 * The clinic's query store (issue 17): the query layer's `read`/`write` over
 * PostgreSQL, logged in as physioplan_app. Every call, reads too, is one
 * transaction that first names the session's clinic and account
 * (`set_config(…, true)` = SET LOCAL, as migration 001's policies read
 * them), so row-level security scopes every statement; unscoped, a
 * transaction would see nothing. The scope comes from the session the
 * server looked up, never from a request.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver
} from 'kysely'
import type pg from 'pg'
import type { Query, Schema } from '../core/query/schema'
import { outermost, type QueryStore } from '../core/query/store'

/** Whom a transaction acts for: the signed-in account and its clinic. */
export interface Scope {
  clinicId: number
  accountId: number
}

/** the scope of the transaction being opened on this async path, and whether it only reads */
const opening = new AsyncLocalStorage<{ scope: Scope; reading: boolean }>()

/**
 * BEGIN and the scope in one message (simple protocol, no parameters), so a
 * read costs three round trips instead of four: the ids are checked integers,
 * never text from a request. A read is REPEATABLE READ and READ ONLY: its
 * queries share one snapshot, as a read of several queries on SQLite does
 * (`oneSnapshot`: the dashboard's counts agree with its rows while a
 * colleague writes), and it can't write.
 */
class ScopedDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const { scope, reading } = opening.getStore() ?? {}
    if (!scope || ![scope.clinicId, scope.accountId].every(Number.isSafeInteger)) {
      throw new Error('A clinic transaction was opened without a clinic and an account.')
    }
    const begin = reading ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN'
    await connection.executeQuery(
      CompiledQuery.raw(
        `${begin}; SELECT set_config('physioplan.clinic_id', '${scope.clinicId}', true), ` +
          `set_config('physioplan.user_id', '${scope.accountId}', true)`
      )
    )
  }
}

class ClinicDialect extends PostgresDialect {
  constructor(private readonly pool: pg.Pool) {
    super({ pool })
  }
  override createDriver(): Driver {
    return new ScopedDriver({ pool: this.pool })
  }
}

/** one Kysely per pool: sessions share the pool's connections */
const builders = new WeakMap<pg.Pool, Kysely<Schema>>()

function builderFor(pool: pg.Pool): Kysely<Schema> {
  let kysely = builders.get(pool)
  if (!kysely) {
    kysely = new Kysely<Schema>({ dialect: new ClinicDialect(pool) })
    builders.set(pool, kysely)
  }
  return kysely
}

/**
 * The store for one session's calls. `pool` must log in as physioplan_app
 * (a pool of the owner's would still be scoped, but the owner may disable
 * row-level security). Committed when `work` resolves, rolled back when it
 * throws; a read is a transaction too, so its statements see one snapshot
 * of one clinic.
 */
export function postgresStore(pool: pg.Pool, scope: Scope): QueryStore {
  const kysely = builderFor(pool)
  const scoped =
    (reading: boolean) =>
    <T>(work: (q: Query) => Promise<T>) =>
      outermost(() => opening.run({ scope, reading }, () => kysely.transaction().execute(work)))
  return { read: scoped(true), write: scoped(false) }
}

/**
 * `work` in ONE write transaction, given the transaction and a store bound
 * to it: every read and write the store is asked for runs `work(trx)` in
 * that transaction (issue 18: an idempotent call's reads, writes and key
 * commit together). Committed when `work` resolves, rolled back when it
 * throws.
 */
export function inOneTransaction<T>(
  pool: pg.Pool,
  scope: Scope,
  work: (q: Query, store: QueryStore) => Promise<T>
): Promise<T> {
  return outermost(() =>
    opening.run({ scope, reading: false }, () =>
      builderFor(pool)
        .transaction()
        .execute((trx) => work(trx, { read: (each) => each(trx), write: (each) => each(trx) }))
    )
  )
}

/**
 * `work` in one transaction on one of the pool's connections, scoped like
 * the store's, for the server's own tables (accounts, sessions) that the
 * domain's query schema doesn't type; `null` for the tables of no clinic
 * (sign-in counters). Rolled back when `work` throws.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  scope: Scope | null,
  work: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query('BEGIN')
    if (scope) {
      await client.query(
        "SELECT set_config('physioplan.clinic_id', $1, true), set_config('physioplan.user_id', $2, true)",
        [String(scope.clinicId), String(scope.accountId)]
      )
    }
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    // a connection that can't roll back is closed rather than handed to the next call
    await client.query('ROLLBACK').catch(() => (broken = true))
    throw error
  } finally {
    client.release(broken)
  }
}
