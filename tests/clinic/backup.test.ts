/**
 * The README's backup and restore, done as it says: the roles with
 * `pg_dumpall --roles-only` and the database with `pg_dump -Fc`, as the
 * superuser (forced row-level security hides every row from anyone else),
 * restored into a second, empty cluster with `psql` and `pg_restore -C`.
 * What comes back must be the same rows, still under row-level security,
 * usable by the server's own login with its old password, and able to go on
 * (identities continue after the restored rows).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { pullPage } from '../../src/main/clinic/sync-pull'
import { inScope, passwords, pool, rowsOf, url } from './clinic-db'
import { fillClinic, type Filled } from './fixture'
import { postgresBin, startCluster, type Cluster } from './pg-cluster'

const { clinics, users, superuserPassword } = inject('clinic')
const asAlex = { clinic: clinics.a, user: users.alex }
const asBo = { clinic: clinics.b, user: users.bo }

const folder = mkdtempSync(join(tmpdir(), 'physioplan-backup-'))
const tool = (name: string, args: string[]) =>
  execFileSync(join(postgresBin(), name), args, { stdio: 'pipe', encoding: 'utf8' })

let restored: Cluster
let annFilled: Filled
let restoredApp: pg.Pool

/** Rows per clinic-owned table, as the superuser sees them (all clinics). */
async function census(on: pg.Pool): Promise<Record<string, number>> {
  const tables = await rowsOf<{ name: string }>(
    on,
    null,
    `SELECT c.relname AS name FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1`
  )
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    const [row] = await rowsOf<{ n: number }>(on, null, `SELECT count(*)::int AS n FROM "${name}"`)
    counts[name] = row!.n
  }
  return counts
}

const original = pool('postgres')
let originalCensus: Record<string, number>

beforeAll(async () => {
  // transaction ids well past what the restore will use, as a clinic's months of work would be
  await original.query(
    'DO $$ BEGIN FOR i IN 1..5000 LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$'
  )
  const app = pool('physioplan_app')
  try {
    annFilled = await inScope(app, asAlex, (client) => fillClinic(client, 'Backed-up Ann'))
    await inScope(app, asBo, (client) => fillClinic(client, 'Backed-up Bo'))
  } finally {
    await app.end()
  }
  originalCensus = await census(original)

  // the backup, as the README gives it
  const roles = join(folder, 'roles.sql')
  const dump = join(folder, 'physioplan.dump')
  tool('pg_dumpall', ['--roles-only', '-d', url('postgres', 'postgres'), '-f', roles])
  tool('pg_dump', ['-Fc', '-d', url('postgres'), '-f', dump])

  // the restore, into a cluster that has never seen the clinic
  restored = await startCluster()
  // the roles file also sets the postgres role's password to the old cluster's
  tool('psql', ['-q', '-d', restored.url('postgres', restored.superuserPassword), '-f', roles])
  tool('pg_restore', [
    '--exit-on-error',
    '-C',
    '-d',
    restored.url('postgres', superuserPassword),
    dump
  ])
  tool('vacuumdb', ['--analyze', '-d', restored.url('postgres', superuserPassword, 'physioplan')])
  restoredApp = new pg.Pool({
    connectionString: restored.url('physioplan_app', passwords.app, 'physioplan'),
    types: clinicTypes,
    max: 2
  })
}, 120_000)

afterAll(async () => {
  await restoredApp?.end()
  await original.end()
  restored?.stop()
  rmSync(folder, { recursive: true, force: true })
})

describe('a clinic backed up with pg_dump and restored with pg_restore', () => {
  it('has every row of every table', async () => {
    const superuser = new pg.Pool({
      connectionString: restored.url('postgres', superuserPassword, 'physioplan'),
      max: 1
    })
    try {
      expect(await census(superuser)).toEqual(originalCensus)
    } finally {
      await superuser.end()
    }
    expect(originalCensus.patients).toBeGreaterThanOrEqual(2)
  })

  it("lets the server's login in with its old password, still one clinic at a time", async () => {
    const names = async (scope: Parameters<typeof rowsOf>[1]) =>
      (await rowsOf<{ full_name: string }>(restoredApp, scope, 'SELECT full_name FROM patients'))
        .map((row) => row.full_name)
        .filter((name) => name.startsWith('Backed-up'))
    expect(await names(asAlex)).toEqual(['Backed-up Ann'])
    expect(await names(asBo)).toEqual(['Backed-up Bo'])
    expect(await rowsOf(restoredApp, null, 'SELECT id FROM patients')).toEqual([])
  })

  it('tells devices it was restored (another epoch), and resends no row from beyond its own ids', async () => {
    const input = { cursor: null, weeks: 4, pinned: [], held: [], page: null }
    const scope = { clinicId: clinics.a, accountId: users.alex }
    const app = pool('physioplan_app')
    const before = await postgresStore(app, scope)
      .read((q) => pullPage(q, input))
      .finally(() => app.end())
    const store = postgresStore(restoredApp, scope)
    const first = await store.read((q) => pullPage(q, input, 100_000))
    expect(first.epoch).not.toBe(before.epoch)
    expect(first.tables.find(({ table }) => table === 'exercises')?.rows.length).toBeGreaterThan(0)
    // rows restored with ids beyond this cluster's (the fill's, after the 5,000 above) are not
    // sent again; older ones come once more as this cluster's ids pass theirs, then never
    const exercises = async (where: string, values: unknown[]) =>
      (
        await rowsOf<{ id: number }>(
          restoredApp,
          asAlex,
          `SELECT id FROM exercises WHERE ${where} ORDER BY id`,
          values
        )
      ).map((row) => row.id)
    expect(await exercises('change_xid > pg_snapshot_xmax(pg_current_snapshot())', [])).toContain(
      annFilled.exercise
    )
    const next = await store.read((q) =>
      pullPage(q, { ...input, cursor: first.cursor, held: first.patients }, 100_000)
    )
    const sent = next.tables.flatMap(({ table, rows }) =>
      table === 'exercises' ? rows.map((row) => row.id) : []
    )
    expect(sent).not.toContain(annFilled.exercise)
    expect(sent).toEqual(
      await exercises(
        'change_xid >= $1::xid8 AND change_xid < pg_snapshot_xmax(pg_current_snapshot())',
        [first.cursor]
      )
    )
  })

  it('keeps the audit trail append-only', async () => {
    await expect(
      rowsOf(restoredApp, asAlex, 'UPDATE audit_log SET action = action RETURNING id')
    ).rejects.toThrow(/permission denied/)
  })

  it('goes on numbering after the restored rows', async () => {
    const [before] = await rowsOf<{ highest: number }>(
      restoredApp,
      asAlex,
      'SELECT max(id) AS highest FROM patients'
    )
    const made = await inScope(restoredApp, asAlex, (client) =>
      fillClinic(client, 'After the restore')
    )
    expect(made.patient).toBeGreaterThan(before!.highest)
  })
})
