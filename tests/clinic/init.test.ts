/**
 * `clinic-server init` on a cluster of its own (the suite's already has the
 * roles): from a superuser's connection string to a migrated database, a
 * clinic with its administrator, and a certificate whose fingerprint it reports.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { initClinicServer, serverFiles, type InitOptions } from '../../src/main/clinic/init'
import { openDatabase } from '../../src/main/core/db/open'
import { deriveKey } from '../../src/main/clinic/passwords'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { startCluster, type Cluster } from './pg-cluster'

// a migration that breaks, when a test says so: init must undo what it made before it
let breakMigration = false
vi.mock('../../src/main/clinic/pg-migrate', async (original) => {
  const actual = await original<typeof import('../../src/main/clinic/pg-migrate')>()
  return {
    ...actual,
    migrateClinic: async (...args: Parameters<typeof actual.migrateClinic>) => {
      if (breakMigration) throw new Error('The migration broke.')
      return actual.migrateClinic(...args)
    }
  }
})

let cluster: Cluster
const folders = mkdtempSync(join(tmpdir(), 'physioplan-init-'))
beforeAll(async () => {
  cluster = await startCluster()
})
afterAll(() => {
  cluster?.stop()
  rmSync(folders, { recursive: true, force: true })
})

const options = (folder: string): InitOptions => ({
  superuserUrl: cluster.url('postgres', cluster.superuserPassword),
  database: 'physioplan',
  clinicName: 'Riverside Physio',
  admin: { login: 'alex', displayName: 'Alex Moreau', password: 'correct horse battery' },
  names: { dns: ['clinic.local'], ips: ['127.0.0.1', '192.168.1.20'] },
  folder: join(folders, folder)
})

/** What the cluster holds of init's: its roles, and the databases not PostgreSQL's own. */
async function clusterHolds() {
  const superuser = new pg.Client({
    connectionString: cluster.url('postgres', cluster.superuserPassword)
  })
  await superuser.connect()
  try {
    const roles = await superuser.query(
      "SELECT rolname FROM pg_roles WHERE rolname LIKE 'physioplan%'"
    )
    const databases = await superuser.query(
      "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1') ORDER BY 1"
    )
    return {
      roles: roles.rows.map((row: { rolname: string }) => row.rolname),
      databases: databases.rows.map((row: { datname: string }) => row.datname)
    }
  } finally {
    await superuser.end()
  }
}

describe('clinic-server init, when it must stop', () => {
  it('never creates over, nor drops, a database of that name (a restored dump, say)', async () => {
    const superuser = new pg.Client({
      connectionString: cluster.url('postgres', cluster.superuserPassword)
    })
    await superuser.connect()
    await superuser.query('CREATE DATABASE restored')
    await superuser.end()
    await expect(
      initClinicServer({ ...options('restored'), database: 'restored' })
    ).rejects.toThrow(
      'This PostgreSQL server already has a database named restored. Nothing was changed; choose another name with --name.'
    )
    expect(await clusterHolds()).toEqual({ roles: [], databases: ['restored'] })
    expect(existsSync(join(folders, 'restored'))).toBe(false)
  })

  it('undoes its roles, database and files when a later step fails, and says why', async () => {
    breakMigration = true
    try {
      await expect(initClinicServer(options('broken'))).rejects.toThrow('The migration broke.')
    } finally {
      breakMigration = false
    }
    expect(await clusterHolds()).toEqual({ roles: [], databases: ['restored'] })
    expect(readdirSync(join(folders, 'broken'))).toEqual([])
  })

  it('states each problem with the options as a sentence, before touching anything', async () => {
    const bad = {
      ...options('bad'),
      database: 'Bad-Name',
      admin: { ...options('bad').admin, password: 'short' }
    }
    await expect(initClinicServer(bad)).rejects.toThrow(
      'database: lower-case letters, digits and _; admin.password: at least 12 characters. Nothing was changed.'
    )
    expect(existsSync(join(folders, 'bad'))).toBe(false)
  })
})

describe('clinic-server init', () => {
  it('makes the roles, the database, the clinic, its administrator and a pinned-to certificate', async () => {
    const report = await initClinicServer(options('first'))
    const read = (file: string) => readFileSync(join(report.folder, file), 'utf8')
    const mode = (file: string) => statSync(join(report.folder, file)).mode & 0o777
    expect([
      mode(''),
      mode(serverFiles.key),
      mode(serverFiles.settings),
      mode(serverFiles.owner)
    ]).toEqual([0o700, 0o600, 0o600, 0o600])
    // the file the server reads holds no owner's password: the owner may turn row-level security off
    expect(read(serverFiles.settings)).not.toContain('physioplan_owner')
    expect(JSON.parse(read(serverFiles.owner))).toEqual({
      migrations: expect.stringMatching(/^postgres:\/\/physioplan_owner:/)
    })

    const certificate = new X509Certificate(read(serverFiles.cert))
    expect(report.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(report.fingerprint).toBe(certificate.fingerprint256)
    expect(certificate.subjectAltName).toBe(
      'DNS:clinic.local, IP Address:127.0.0.1, IP Address:192.168.1.20'
    )
    expect(certificate.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' })
    expect(certificate.checkPrivateKey(createPrivateKey(read(serverFiles.key)))).toBe(true)

    // the server's connection string logs in as the app role, bound by row-level security
    const settings = JSON.parse(read(serverFiles.settings)) as { database: string }
    const app = new pg.Client({ connectionString: settings.database, types: clinicTypes })
    await app.connect()
    try {
      const scoped = async (clinic: number | null) => {
        await app.query('BEGIN')
        if (clinic !== null) {
          await app.query("SELECT set_config('physioplan.clinic_id', $1, true)", [String(clinic)])
        }
        const { rows } = await app.query(
          `SELECT current_user AS who, c.name AS clinic, a.id, a.login, a.display_name, a.role, a.password_hash
           FROM accounts a JOIN clinics c ON c.id = a.clinic_id`
        )
        await app.query('COMMIT')
        return rows
      }
      const [admin] = await scoped(report.clinicId)
      expect(admin).toMatchObject({
        who: 'physioplan_app',
        clinic: 'Riverside Physio',
        id: report.adminId,
        login: 'alex',
        display_name: 'Alex Moreau',
        role: 'administrator'
      })
      expect(await scoped(null)).toEqual([])
      // the stored hash is scrypt of the password, with its cost written beside it
      const [scheme, N, r, p, salt, hash] = (admin.password_hash as string).split('$')
      expect([scheme, N, r, p]).toEqual(['scrypt', '131072', '8', '1'])
      const key = await deriveKey('correct horse battery', Buffer.from(salt!, 'base64'), {
        N: Number(N),
        r: Number(r),
        p: Number(p),
        maxmem: 256 * 2 ** 20
      })
      expect(key.toString('base64')).toBe(hash)

      // the clinic starts with the built-in content a new solo app starts with
      const solo = openDatabase(':memory:').db
      const tables = [
        'exercises',
        'exercise_media',
        'templates',
        'template_items',
        'advice_sections'
      ]
      const count = (table: string) =>
        (solo.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
      await app.query('BEGIN')
      await app.query("SELECT set_config('physioplan.clinic_id', $1, true)", [
        String(report.clinicId)
      ])
      for (const table of tables) {
        const { rows } = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
        expect({ table, rows: rows[0]!.n }).toEqual({ table, rows: count(table) })
      }
      await app.query('COMMIT')
      expect(count('exercises')).toBeGreaterThan(20)
      solo.close()
    } finally {
      await app.end()
    }
  })

  it('refuses a folder that holds a server’s files, and a cluster that has one, changing nothing', async () => {
    await expect(initClinicServer(options('first'))).rejects.toThrow(
      /already holds a clinic server's server\.json, owner\.json, cert\.pem, key\.pem\. Nothing was changed/
    )
    // the roles exist already: all of init's work is refused, the first server's database kept
    await expect(initClinicServer({ ...options('second'), database: 'other' })).rejects.toThrow(
      /already has the physioplan roles: a clinic server was set up on it before\. Nothing was changed\./
    )
    const superuser = new pg.Client({
      connectionString: cluster.url('postgres', cluster.superuserPassword)
    })
    await superuser.connect()
    try {
      const { rows } = await superuser.query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'physioplan%' OR datname = 'other'"
      )
      expect(rows).toEqual([{ datname: 'physioplan' }])
    } finally {
      await superuser.end()
    }
  })

  it('refuses a weak administrator password before touching anything', async () => {
    const weak = { ...options('third'), admin: { ...options('third').admin, password: 'short' } }
    await expect(initClinicServer(weak)).rejects.toThrow(/at least 12 characters/)
  })
})
