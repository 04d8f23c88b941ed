/**
 * Issue 17's figures for the clinic server: the patient page's calls and
 * patient search through HTTPS on loopback, at 50,000 patients, against the
 * same calls straight on the PostgreSQL store (no HTTP, no TLS), the two
 * interleaved call by call in one process. The cluster is built once into
 * .bench/ (PostgreSQL 15+ from Debian) and started again on later runs.
 * The server runs in this process, so CPU per call covers client and
 * server (PostgreSQL's own CPU is not in it). Asserts nothing about time.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { it } from 'vitest'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { clinicClient } from '../../src/main/clinic/client'
import { connected } from '../../src/main/clinic/init'
import { migrateClinic, pgSchemaVersion } from '../../src/main/clinic/pg-migrate'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { createClinicDatabase, createClinicRoles } from '../../src/main/clinic/roles'
import { startClinicServer } from '../../src/main/clinic/server'
import { auditTrail } from '../../src/main/core/audit'
import { getPatient, listPatients } from '../../src/main/core/patients'
import { fold } from '../../src/main/core/search'
import { startCluster } from '../../tests/clinic/pg-cluster'
import { grid, machine, recordResults, summarize } from './measure'

const patients = 50_000
const therapists = 30
const roles = { owner: 'bench-owner-password', app: 'bench-app-password' }
const password = 'bench password 1'

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
  await owner.query('COMMIT')
  await owner.query('ANALYZE')
}

it(`the clinic server at ${patients.toLocaleString('en')} patients, over HTTPS and straight on the store`, async () => {
  const folder = resolve('.bench', `pg-clinic-v${pgSchemaVersion}-${patients}p`)
  const filled = join(folder, 'filled')
  if (existsSync(folder) && !existsSync(filled)) rmSync(folder, { recursive: true, force: true })
  const cluster = await startCluster(folder)
  try {
    const ownerUrl = cluster.url('physioplan_owner', roles.owner, 'physioplan')
    if (!existsSync(filled)) {
      const started = performance.now()
      await connected(cluster.url('postgres', cluster.superuserPassword), async (superuser) => {
        await createClinicRoles(superuser, roles)
        await createClinicDatabase(superuser, 'physioplan')
      })
      await connected(ownerUrl, fill)
      writeFileSync(filled, new Date().toISOString())
      console.log(
        `Built the bench cluster in ${((performance.now() - started) / 1000).toFixed(1)} s: ${folder}`
      )
    }
    const pool = new pg.Pool({
      connectionString: cluster.url('physioplan_app', roles.app, 'physioplan'),
      types: clinicTypes,
      max: 10
    })
    const certificate = await makeServerCertificate({ dns: ['bench.local'], ips: ['127.0.0.1'] })
    const server = await startClinicServer({ pool, ...certificate, port: 0, host: '127.0.0.1' })
    const client = clinicClient({ host: '127.0.0.1', port: server.port }, certificate.cert)
    try {
      await client.signIn('therapist3', password)
      // the session's scope, for the same calls straight on the store
      const { rows } = await pool.query<{ id: number; clinic_id: number }>(
        "SELECT id, clinic_id FROM physioplan_account_for_sign_in('therapist3')"
      )
      const store = postgresStore(pool, { clinicId: rows[0]!.clinic_id, accountId: rows[0]!.id })
      // patients spread over the whole table (ids run 1…50,000 in the freshly built clinic)
      const ids = Array.from({ length: 400 }, (_, i) => 1 + ((i * 7919) % patients))
      const https = async (
        channel: 'patients:get' | 'patients:history' | 'patients:list',
        input: object
      ) => {
        const result = await client.call(channel, input)
        if (!result.ok) throw new Error(result.error.message)
      }
      const cases: {
        name: string
        target: string
        runs: number
        viaHttps: (run: number) => Promise<unknown>
        viaStore: (run: number) => Promise<unknown>
      }[] = [
        {
          name: 'patients:get (patient page)',
          target: '≤ 50 ms p95',
          runs: 300,
          viaHttps: (run) => https('patients:get', { id: ids[run % ids.length]! }),
          viaStore: (run) => store.read((q) => getPatient(q, ids[run % ids.length]!))
        },
        {
          name: 'patients:history (patient page)',
          target: '≤ 50 ms p95',
          runs: 300,
          viaHttps: (run) => https('patients:history', { id: ids[run % ids.length]! }),
          viaStore: (run) => store.read((q) => auditTrail(q, ids[run % ids.length]!))
        },
        {
          name: 'patients:list, no query (first 500)',
          target: '',
          runs: 100,
          viaHttps: () => https('patients:list', {}),
          viaStore: () => store.read((q) => listPatients(q, {}))
        }
      ]
      // a rare term goes through the trigram index (≤ 1,000 matches), a common one walks the names
      const searches: [string, string][] = [
        ['search: "okafor-1", part of a name (rare)', 'okafor-1'],
        ['search: "nakamura-2", part of a name (rare)', 'nakamura-2'],
        ['search: "achilles", 1 in 12 (common)', 'achilles'],
        ['search: "ova", a syllable (common)', 'ova'],
        ['search: "lu", 1–2 letters', 'lu'],
        ['search: no match', 'zzzqx']
      ]
      for (const [label, query] of searches) {
        const found = await store.read((q) => listPatients(q, { query }))
        cases.push({
          name: `${label}: ${found.length} shown`,
          target: '≤ 20 ms p95',
          runs: 100,
          viaHttps: () => https('patients:list', { query }),
          viaStore: () => store.read((q) => listPatients(q, { query }))
        })
      }
      const loadBefore = loadavg()
      const rowsOut: string[][] = []
      const results: Record<string, object> = {}
      for (const each of cases) {
        for (let run = 0; run < 20; run++) {
          await each.viaHttps(run)
          await each.viaStore(run)
        }
        const times = { https: [] as number[], store: [] as number[] }
        const cpu = { https: 0, store: 0 }
        for (let run = 0; run < each.runs; run++) {
          for (const via of ['https', 'store'] as const) {
            const startCpu = process.cpuUsage()
            const start = performance.now()
            await (via === 'https' ? each.viaHttps(run) : each.viaStore(run))
            times[via].push(performance.now() - start)
            const used = process.cpuUsage(startCpu)
            cpu[via] += (used.user + used.system) / 1000
          }
        }
        const https = summarize(each.name, times.https)
        const direct = summarize(each.name, times.store)
        results[each.name] = {
          https,
          store: direct,
          cpuMsPerCall: { https: cpu.https / each.runs, store: cpu.store / each.runs }
        }
        rowsOut.push([
          each.name,
          String(each.runs),
          `${https.medianMs.toFixed(2)} / ${https.p95Ms.toFixed(2)}`,
          `${direct.medianMs.toFixed(2)} / ${direct.p95Ms.toFixed(2)}`,
          `${(cpu.https / each.runs).toFixed(2)} / ${(cpu.store / each.runs).toFixed(2)}`,
          each.target
        ])
      }
      const loadAfter = loadavg()
      const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ')
      console.log(
        `\nClinic server, ${patients.toLocaleString('en')} patients, ${therapists} therapists, PostgreSQL on loopback\n` +
          `${machine()}; load average ${load(loadBefore)} before, ${load(loadAfter)} after\n` +
          grid(
            [
              'call',
              'runs',
              'HTTPS median / p95 ms',
              'store median / p95 ms',
              'CPU ms/call https / store',
              'target'
            ],
            rowsOut
          )
      )
      recordResults('clinic-server', { patients, loadBefore, loadAfter, results })
    } finally {
      client.close()
      await server.close()
      await pool.end()
    }
  } finally {
    cluster.stop()
  }
})
