/**
 * The contract suite's store (issue 17: "the contract's test suite runs
 * against both stores"). The files vitest.clinic.config.mts lists call the api through
 * `contractApi()`: an in-memory SQLite file under `npm test`, a new seeded
 * clinic on the throwaway PostgreSQL cluster under `npm run test:clinic`
 * (vitest.clinic.config.mts sets PHYSIOPLAN_TEST_STORE). Where the stores
 * differ on purpose, a test says so with `perStore`, never a skip.
 */
import { sql } from 'kysely'
import { afterAll } from 'vitest'
import type { Handlers } from '../../src/main/core/api'
import type { Schema } from '../../src/main/core/query/schema'
import { sqliteStore, type QueryStore } from '../../src/main/core/query/store'
import { memoryApi, type MemoryApi } from './helpers'

export type StoreName = 'sqlite' | 'postgres'

export const storeName: StoreName =
  process.env.PHYSIOPLAN_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite'

/** What a test expects of each store, where they differ for a reason the test names. */
export const perStore = <T>(expected: Record<StoreName, T>): T => expected[storeName]

export interface ContractApi extends Pick<MemoryApi, 'call'> {
  handlers: Handlers
  /** the same store the handlers use, for what a test checks behind the api */
  store: QueryStore
}

const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  while (closers.length > 0) await closers.pop()?.()
})

/** The api over a fresh store of the suite's kind, with the built-in library. */
export async function contractApi(): Promise<ContractApi> {
  if (storeName === 'postgres') {
    const { clinicApi, closeClinicPool } = await import('../clinic/contract-store')
    if (closers.length === 0) closers.push(closeClinicPool)
    return clinicApi()
  }
  return soloApi()
}

/** The api over an in-memory SQLite file, in either suite: for what only solo mode does. */
export function soloApi(): ContractApi {
  const api = memoryApi()
  return { call: api.call, handlers: api.handlers, store: sqliteStore(api.db) }
}

/**
 * How many rows `table` holds, `where` each named column equals its value,
 * read through the api's own store (on PostgreSQL: the clinic's rows only).
 */
export function countOf(
  api: ContractApi,
  table: keyof Schema,
  where: Record<string, string | number> = {}
): Promise<number> {
  return api.store.read(async (q) => {
    let query = q.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
    for (const [column, value] of Object.entries(where)) {
      query = query.where(sql.ref(column), '=', value)
    }
    return Number((await query.executeTakeFirstOrThrow()).n)
  })
}
