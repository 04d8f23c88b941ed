/**
 * The contract suite's PostgreSQL store (tests/unit/contract.ts) is what it
 * claims: a clinic on the test cluster, a new one per api, holding the same
 * built-in library as a new solo file.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { AppInfo } from '../../src/shared/types'
import { contractApi, countOf, storeName } from '../unit/contract'
import { memoryApi, ok } from '../unit/helpers'

describe('the contract suite on PostgreSQL', () => {
  it('runs on a new clinic of the cluster, seeded as a solo file is', async () => {
    expect(storeName).toBe('postgres')
    const api = await contractApi()
    const engine = await api.store.read(async (q) => {
      const { rows } = await sql<{ version: string }>`SELECT version()`.execute(q)
      return rows[0]!.version
    })
    expect(engine).toMatch(/^PostgreSQL 1\d/)
    const counts = async (on: Pick<typeof api, 'call'>) =>
      (await ok<AppInfo>(on, 'app:info', {})).counts
    expect(await counts(api)).toEqual(await counts(memoryApi()))
    expect((await counts(api)).exercises).toBeGreaterThan(50)
  })

  it('gives each api its own clinic, rows made later after the built-ins', async () => {
    const [one, two] = [await contractApi(), await contractApi()]
    const exercises = await countOf(one, 'exercises')
    await ok(one, 'patients:create', { fullName: 'Mira Holt', dateOfBirth: '1990-01-01' })
    expect([await countOf(one, 'patients'), await countOf(two, 'patients')]).toEqual([1, 0])
    const made = await ok<{ id: number }>(one, 'exercises:duplicate', {
      id: (await ok<{ id: number }[]>(one, 'exercises:list', { query: 'plank' }))[0]!.id
    })
    const top = await one.store.read((q) =>
      q
        .selectFrom('exercises')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    )
    expect(Number(top.id)).toBe(made.id)
    expect(await countOf(one, 'exercises')).toBe(exercises + 1)
    expect(await countOf(two, 'exercises')).toBe(exercises)
  })
})
