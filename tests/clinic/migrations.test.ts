/**
 * The clinic store's migration runner (src/main/clinic/pg-migrate.ts), each
 * case on a database of its own in the suite's cluster.
 */
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import {
  clinicSchemaVersion,
  migrateClinic,
  pgMigrations,
  pgSchemaVersion
} from '../../src/main/clinic/pg-migrate'
import { createClinicDatabase } from '../../src/main/clinic/roles'
import { url } from './clinic-db'

const opened: pg.Client[] = []
afterAll(async () => {
  await Promise.all(opened.map((client) => client.end()))
})

let databases = 0
/** A new, empty database owned by physioplan_owner, and `count` owner connections to it. */
async function emptyDatabase(count = 1): Promise<pg.Client[]> {
  const name = `physioplan_runner_${++databases}`
  const superuser = new pg.Client({ connectionString: url('postgres', 'postgres') })
  await superuser.connect()
  try {
    await createClinicDatabase(superuser, name)
  } finally {
    await superuser.end()
  }
  const clients = Array.from(
    { length: count },
    () => new pg.Client({ connectionString: url('physioplan_owner', name) })
  )
  await Promise.all(clients.map((client) => client.connect()))
  opened.push(...clients)
  return clients
}

const tableCount = async (client: pg.Client) =>
  Number(
    (
      await client.query(
        "SELECT count(*) AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
      )
    ).rows[0].n
  )

describe('the clinic migration runner', () => {
  it('applies every migration to an empty database, and a second run changes nothing', async () => {
    const [client] = await emptyDatabase()
    expect(await migrateClinic(client!)).toEqual({ from: 0, to: pgSchemaVersion })
    expect(await clinicSchemaVersion(client!)).toBe(pgSchemaVersion)
    const applied = await client!.query('SELECT version, name FROM schema_migrations ORDER BY 1')
    expect(applied.rows).toEqual(pgMigrations.map(({ version, name }) => ({ version, name })))
    const tables = await tableCount(client!)
    expect(tables).toBeGreaterThan(15)

    expect(await migrateClinic(client!)).toEqual({ from: pgSchemaVersion, to: pgSchemaVersion })
    expect((await client!.query('SELECT count(*)::int AS n FROM schema_migrations')).rows).toEqual([
      { n: pgSchemaVersion }
    ])
    expect(await tableCount(client!)).toBe(tables)
  })

  it('refuses a database from a newer version before touching it', async () => {
    const [client] = await emptyDatabase()
    // what a newer server would leave: its own version recorded, nothing we know yet
    await client!
      .query(`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO schema_migrations (version, name) VALUES (${pgSchemaVersion + 1}, 'from-the-future')`)
    const refusal = await migrateClinic(client!).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(AppError)
    expect(refusal).toMatchObject({
      code: 'unavailable',
      message:
        `This clinic database was saved by a newer version of PhysioPlan (data version ${pgSchemaVersion + 1}; ` +
        `this version reads up to ${pgSchemaVersion}). Install the newer version of the clinic server to open it. ` +
        'Nothing in the database was changed.'
    })
    // migration 001 never ran: none of its tables, its version row not added
    expect(await tableCount(client!)).toBe(1)
    expect(await clinicSchemaVersion(client!)).toBe(pgSchemaVersion + 1)
  })

  it('lets one of two servers starting at once migrate; the other waits and finds nothing to do', async () => {
    const [first, second] = await emptyDatabase(2)
    const reports = await Promise.all([migrateClinic(first!), migrateClinic(second!)])
    expect(reports.map((report) => report.from).sort()).toEqual([0, pgSchemaVersion])
    expect(reports.every((report) => report.to === pgSchemaVersion)).toBe(true)
    expect((await first!.query('SELECT count(*)::int AS n FROM schema_migrations')).rows).toEqual([
      { n: pgSchemaVersion }
    ])
  })

  it('applies all pending migrations or none, and says which one failed', async () => {
    const [client] = await emptyDatabase()
    const broken = [
      ...pgMigrations,
      {
        version: pgSchemaVersion + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (); SELECT 1 / 0'
      }
    ]
    await expect(migrateClinic(client!, broken)).rejects.toThrow(
      `Updating the clinic database to version ${pgSchemaVersion + 1} (broken) failed: division by zero. Nothing was changed.`
    )
    expect(await tableCount(client!)).toBe(0)
    expect(await clinicSchemaVersion(client!)).toBe(0)
  })
})
