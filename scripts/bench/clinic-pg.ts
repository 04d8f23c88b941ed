/**
 * The clinic the PostgreSQL benches share (issue 17): 30 therapists,
 * 50,000 patients and the built-in library on a cluster built once into .bench/ (PostgreSQL 15+ from
 * Debian) and started again on later runs.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { clinicClient, type ClinicClient } from '../../src/main/clinic/client'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { connected } from '../../src/main/clinic/init'
import { migrateClinic, pgSchemaVersion } from '../../src/main/clinic/pg-migrate'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { createClinicDatabase, createClinicRoles } from '../../src/main/clinic/roles'
import { startClinicServer, type ClinicServer } from '../../src/main/clinic/server'
import { fold } from '../../src/main/core/search'
import { copySeed } from '../../tests/clinic/contract-store'
import { startCluster, type Cluster } from '../../tests/clinic/pg-cluster'

export const patients = 50_000
export const therapists = 30
export const roles = { owner: 'bench-owner-password', app: 'bench-app-password' }
/** every therapist's password (therapist0 … therapist29; therapist0 administers) */
export const password = 'bench password 1'

const firstNames = [
  'Ada',
  'Ben',
  'Chloé',
  'Dmitri',
  'Eilidh',
  'Farah',
  'Grzegorz',
  'Hana',
  'Ìfẹ́',
  'Jonas',
  'Kwame',
  'Łucja',
  'Mateo',
  'Nuala',
  'Ørjan',
  'Priya',
  'Quentin',
  'Rosa',
  'Søren',
  'Tomás',
  'Uma',
  'Vítor',
  'Wiebke',
  'Xiu',
  'Yusuf',
  'Zoë'
]
const lastNames = Array.from(
  { length: 2_000 },
  (_, i) =>
    ['Okafor', 'Łukasiewicz', 'Straße', 'Nakamura', 'Moreau', 'Brennan', 'Haddad', 'Ivanova'][
      i % 8
    ]! + (i < 8 ? '' : `-${(i * 7919) % 9973}`)
)
const conditions = [
  'Achilles tendinopathy',
  'Patellofemoral pain',
  'Plantar heel pain',
  'Low back pain',
  'Medial tibial stress',
  'Hamstring strain',
  'Hip osteoarthritis',
  'ITB syndrome',
  'Ankle sprain',
  'Neck pain',
  'Shoulder impingement',
  'Knee osteoarthritis'
]

/** The clinic: 30 therapists, 50,000 patients with a created row in the audit trail each. */
async function fill(owner: pg.Client): Promise<void> {
  await migrateClinic(owner)
  await owner.query('BEGIN')
  const clinic = (
    await owner.query<{ id: number }>(
      "INSERT INTO clinics (name) VALUES ('Bench Physio') RETURNING id"
    )
  ).rows[0]!.id
  await owner.query("SELECT set_config('physioplan.clinic_id', $1, true)", [String(clinic)])
  const hash = await hashPassword(password, { ...scryptCost, N: 2 ** 10 })
  const accounts: number[] = []
  for (let i = 0; i < therapists; i++) {
    const { rows } = await owner.query<{ id: number }>(
      `INSERT INTO accounts (login, display_name, role, password_hash) VALUES ($1, $1, $2, $3) RETURNING id`,
      [`therapist${i}`, i === 0 ? 'administrator' : 'therapist', hash]
    )
    accounts.push(rows[0]!.id)
  }
  const now = '2026-11-27T12:00:00.000Z'
  for (let start = 0; start < patients; start += 5_000) {
    const names = Array.from({ length: 5_000 }, (_, i) => {
      const n = start + i
      return `${firstNames[n % firstNames.length]} ${lastNames[Math.floor(n / firstNames.length) % lastNames.length]}`
    })
    const conditionOf = names.map((_, i) => conditions[(start + i) % conditions.length]!)
    // each batch recorded by one therapist, as the audit policy wants the transaction's own account
    await owner.query("SELECT set_config('physioplan.user_id', $1, true)", [
      String(accounts[(start / 5_000) % therapists])
    ])
    await owner.query(
      `WITH made AS (
         INSERT INTO patients (full_name, sort_key, date_of_birth, condition, created_at, updated_at)
         SELECT name, key, '1980-05-05', condition, $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(name, key, condition)
         RETURNING id)
       INSERT INTO audit_log (at, patient_id, entity, entity_id, action, fields)
       SELECT $4, id, 'patient', id, 'create', '["fullName","dateOfBirth","condition"]' FROM made`,
      [names, names.map(fold), conditionOf, now]
    )
  }
  // the built-in library a clinic starts with (init's seed), for the library's search
  await copySeed(owner)
  await owner.query('COMMIT')
  await owner.query('ANALYZE')
}

/** The bench clinic's cluster, started (and built the first time); `stop` keeps it. */
export async function benchClinicCluster(): Promise<Cluster> {
  const folder = resolve('.bench', `pg-clinic-v${pgSchemaVersion}-library-vacuumed-${patients}p`)
  const filled = join(folder, 'filled')
  if (existsSync(folder) && !existsSync(filled)) rmSync(folder, { recursive: true, force: true })
  const cluster = await startCluster(folder)
  if (!existsSync(filled)) {
    const started = performance.now()
    await connected(cluster.url('postgres', cluster.superuserPassword), async (superuser) => {
      await createClinicRoles(superuser, roles)
      await createClinicDatabase(superuser, 'physioplan')
    })
    await connected(cluster.url('physioplan_owner', roles.owner, 'physioplan'), fill)
    // as autovacuum leaves a clinic's tables soon after a bulk load: visibility map and
    // statistics in place, so the first run measures a settled database, not a fresh load
    await connected(cluster.url('postgres', cluster.superuserPassword, 'physioplan'), (superuser) =>
      superuser.query('VACUUM (ANALYZE)')
    )
    writeFileSync(filled, new Date().toISOString())
    console.log(
      `Built the bench cluster in ${((performance.now() - started) / 1000).toFixed(1)} s: ${folder}`
    )
  }
  return cluster
}

/**
 * A copy of the bench clinic named `copy`, for a bench that writes, so the
 * others' 50,000 patients stay as built; `drop` removes it.
 */
export async function benchClinicCopy(
  cluster: Cluster,
  copy: string
): Promise<{ drop: () => Promise<void> }> {
  const superuserUrl = cluster.url('postgres', cluster.superuserPassword, 'postgres')
  await connected(superuserUrl, async (superuser) => {
    await superuser.query(`DROP DATABASE IF EXISTS ${copy}`)
    await superuser.query(`CREATE DATABASE ${copy} TEMPLATE physioplan OWNER physioplan_owner`)
    await superuser.query(`REVOKE ALL ON DATABASE ${copy} FROM PUBLIC`)
    await superuser.query(`GRANT CONNECT ON DATABASE ${copy} TO physioplan_app`)
  })
  return {
    drop: async () => {
      await connected(superuserUrl, (superuser) =>
        superuser.query(`DROP DATABASE IF EXISTS ${copy}`)
      )
    }
  }
}

export interface BenchServer {
  /** the server's own pool, as physioplan_app */
  pool: pg.Pool
  server: ClinicServer
  /** a new desktop's client, pinned to the server's certificate */
  client: () => ClinicClient
  close: () => Promise<void>
}

/** A clinic server on loopback over `database` of the bench cluster, in this process. */
export async function benchServer(cluster: Cluster, database: string): Promise<BenchServer> {
  const pool = new pg.Pool({
    connectionString: cluster.url('physioplan_app', roles.app, database),
    types: clinicTypes,
    max: 10
  })
  const certificate = await makeServerCertificate({ dns: ['bench.local'], ips: ['127.0.0.1'] })
  const server = await startClinicServer({
    pool,
    ...certificate,
    port: 0,
    host: '127.0.0.1',
    resourcesDir: resolve('resources')
  })
  return {
    pool,
    server,
    client: () => clinicClient({ host: '127.0.0.1', port: server.port }, certificate.cert),
    close: async () => {
      await server.close()
      await pool.end()
    }
  }
}
