/**
 * What the query layer (issue 17) costs the patients calls: the direct
 * better-sqlite3 statements patients.ts ran before it moved (kept below as
 * the peer, as of commit 5f6f28e), against the same calls through the store
 * the handlers use now, and through Kysely as shipped (its driver prepares
 * every statement on every call), interleaved call by call in one process
 * on the benchmark clinics. Prints median, p95 and CPU per call with the
 * load average; asserts nothing about time.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { it } from 'vitest'
import { limits } from '@shared/limits'
import type { PatientFields } from '@shared/types'
import { auditTrail, changedFields } from '../../src/main/core/audit'
import { getPatient, listPatients, updatePatient } from '../../src/main/core/patients'
import type { Query, Schema } from '../../src/main/core/query/schema'
import { sqliteStore } from '../../src/main/core/query/store'
import { fold, ftsString, likePrefix, searchTerms } from '../../src/main/core/search'
import { clinicSize, largeClinicSize, openClinic, type ClinicSize } from './clinic'
import { grid, machine, recordResults, summarize } from './measure'

/** The 100,000-patient clinic runs unless PHYSIOPLAN_BENCH_LARGE=0. */
const runLarge = process.env.PHYSIOPLAN_BENCH_LARGE !== '0'

const summaryColumns = `p.id, p.full_name AS fullName, p.date_of_birth AS dateOfBirth,
  p.condition, p.archived_at AS archivedAt, p.updated_at AS updatedAt`
const patientColumns = `${summaryColumns}, p.sex, p.phone, p.email,
  p.referral_source AS referralSource, p.notes, p.measures, p.created_at AS createdAt`

interface Calls {
  list: (query: string) => unknown
  get: (id: number) => unknown
  history: (id: number) => unknown
  update: (id: number, fields: PatientFields) => unknown
}

/** The patients calls as they were before the query layer: statements prepared once, run directly. */
function before(db: Database.Database): Calls {
  const get = (id: number) => {
    const row = db.prepare(`SELECT ${patientColumns} FROM patients p WHERE p.id = ?`).get(id) as
      { measures: string } | undefined
    return { ...row!, measures: JSON.parse(row!.measures) as string[] }
  }
  return {
    list: (query: string) => {
      const terms = searchTerms(query)
      const long = terms.filter((term) => [...term].length >= 3)
      const short = terms.filter((term) => [...term].length < 3)
      const where = ['p.archived_at IS NULL']
      const params: Record<string, string | number> = { limit: limits.patientList }
      if (long.length > 0) {
        where.push('p.id IN (SELECT rowid FROM patients_fts WHERE patients_fts MATCH @match)')
        params.match = long.map(ftsString).join(' AND ')
      }
      short.forEach((term, i) => {
        where.push(`(p.sort_key LIKE @s${i} ESCAPE '\\' OR p.sort_key LIKE @w${i} ESCAPE '\\')`)
        params[`s${i}`] = likePrefix(term)
        params[`w${i}`] = `% ${likePrefix(term)}`
      })
      const sql = `SELECT ${summaryColumns} FROM patients p WHERE ${where.join(' AND ')}
        ORDER BY p.sort_key, p.id LIMIT @limit`
      return db.prepare(sql).all(params)
    },
    get,
    history: (id: number) =>
      (
        db
          .prepare(
            `SELECT id, at, patient_id AS patientId, entity, entity_id AS entityId, action, fields
             FROM audit_log WHERE patient_id = ? ORDER BY id DESC`
          )
          .all(id) as { fields: string }[]
      ).map((row) => ({ ...row, fields: JSON.parse(row.fields) as string[] })),
    update: (id: number, fields: PatientFields) =>
      db.transaction(() => {
        const old = get(id)
        db.prepare(
          `UPDATE patients SET full_name = @fullName, sort_key = @sortKey, date_of_birth = @dateOfBirth,
            sex = @sex, phone = @phone, email = @email, condition = @condition,
            referral_source = @referralSource, notes = @notes, updated_at = @now WHERE id = @id`
        ).run({ ...fields, sortKey: fold(fields.fullName), id, now: new Date().toISOString() })
        const changed = changedFields(old as unknown as PatientFields, fields)
        db.prepare(
          `INSERT INTO audit_log (at, patient_id, entity, entity_id, action, fields)
           VALUES (?, ?, 'patient', ?, 'update', ?)`
        ).run(new Date().toISOString(), id, id, JSON.stringify(changed))
        return get(id)
      })()
  }
}

/** The same calls on a Kysely instance, as the handlers make them. */
function onQueryLayer(
  read: <T>(work: (q: Query) => Promise<T>) => Promise<T>,
  write = read
): Calls {
  // each patient's version as the last save returned it, as the renderer keeps it (read once)
  const versions = new Map<number, number>()
  return {
    list: (query) => read((q) => listPatients(q, { query })),
    get: (id) => read((q) => getPatient(q, id)),
    history: (id) => read((q) => auditTrail(q, id)),
    update: (id, fields) =>
      write(async (q) => {
        const base = versions.get(id) ?? (await getPatient(q, id)).version
        versions.set(id, (await updatePatient(q, id, base, fields)).version)
      })
  }
}

function variants(db: Database.Database): Record<string, Calls> {
  const store = sqliteStore(db)
  const shipped = new Kysely<Schema>({ dialect: new SqliteDialect({ database: db }) })
  return {
    'before: better-sqlite3 direct': before(db),
    'now: query layer (Kysely + statement cache)': onQueryLayer(store.read, store.write),
    'Kysely as shipped (no cache)': onQueryLayer(
      (work) => work(shipped),
      (work) => shipped.transaction().execute(work)
    )
  }
}

interface Row {
  call: string
  variant: string
  medianMs: number
  p95Ms: number
  cpuMsPerCall: number
}

/** Every variant once per round, in a rotating order; wall and CPU time per call. */
async function interleaved(
  call: string,
  calls: Record<string, Calls>,
  rounds: number,
  run: (calls: Calls, round: number) => unknown
): Promise<Row[]> {
  const names = Object.keys(calls)
  const wall = names.map((): number[] => [])
  const cpu = names.map(() => 0)
  const warmUp = 10
  for (let round = -warmUp; round < rounds; round++) {
    for (let turn = 0; turn < names.length; turn++) {
      const i = (round + warmUp + turn) % names.length
      const startCpu = process.cpuUsage()
      const start = performance.now()
      await run(calls[names[i]!]!, round + warmUp)
      const ms = performance.now() - start
      const used = process.cpuUsage(startCpu)
      if (round < 0) continue
      wall[i]!.push(ms)
      cpu[i]! += (used.user + used.system) / 1000
    }
  }
  return names.map((variant, i) => {
    const { medianMs, p95Ms } = summarize(call, wall[i]!)
    return { call, variant, medianMs, p95Ms, cpuMsPerCall: cpu[i]! / rounds }
  })
}

const names = ['çağlar', 'łukasiewicz', 'fernández', 'moreau', 'okafor', 'tanaka']

async function measureScale(size: ClinicSize): Promise<Row[]> {
  const { db } = openClinic(size)
  const rounds = size.patients > clinicSize.patients ? 60 : 150
  const someone = (round: number) => 1 + ((round * 7919) % size.patients)
  const rows: Row[] = []
  // writes on a copy in memory, so the clinic file stays as built
  let copy: Database.Database | undefined
  try {
    const calls = variants(db)
    for (const length of [1, 3, 6]) {
      const prefixes = names.map((name) => name.slice(0, length))
      const call = `patients:list, search ${length} letter${length > 1 ? 's' : ''}`
      rows.push(
        ...(await interleaved(call, calls, rounds, (c, r) =>
          c.list(prefixes[r % prefixes.length]!)
        ))
      )
    }
    rows.push(
      ...(await interleaved('patients:list, first 500', calls, rounds, (c) => c.list(''))),
      ...(await interleaved('patients:get', calls, rounds * 4, (c, r) => c.get(someone(r)))),
      ...(await interleaved('patients:history', calls, rounds * 4, (c, r) => c.history(someone(r))))
    )
    if (size.patients > clinicSize.patients) return rows
    const bytes = db.serialize()
    // the header's WAL mode can't open in memory: back to a rollback journal (file format bytes)
    bytes[18] = bytes[19] = 1
    copy = new Database(bytes)
  } finally {
    db.close()
  }
  try {
    const fields = (round: number) => ({
      fullName: `Bench Patient ${round}`,
      dateOfBirth: '1980-01-01',
      sex: null,
      phone: round % 2 ? '555 0101' : null,
      email: null,
      condition: 'Achilles tendinopathy',
      referralSource: null,
      notes: null
    })
    rows.push(
      ...(await interleaved('patients:update (one transaction)', variants(copy), rounds, (c, r) =>
        c.update(someone(r), fields(r))
      ))
    )
  } finally {
    copy.close()
  }
  return rows
}

it('query layer: the patients calls before and after, interleaved', async () => {
  const loadBefore = loadavg()
  const scales = [clinicSize, ...(runLarge ? [largeClinicSize] : [])]
  const results: { patients: number; rows: Row[] }[] = []
  for (const size of scales)
    results.push({ patients: size.patients, rows: await measureScale(size) })
  const loadAfter = loadavg()
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ')
  console.log(
    `\nQuery layer (issue 17): the patients calls, interleaved call by call\n` +
      `${machine()}; load average ${load(loadBefore)} before, ${load(loadAfter)} after`
  )
  for (const { patients, rows } of results) {
    console.log(
      `\n${patients.toLocaleString('en')} patients\n\n` +
        grid(
          ['call', 'variant', 'median ms', 'p95 ms', 'CPU ms/call'],
          rows.map((r) => [
            r.call,
            r.variant,
            r.medianMs.toFixed(3),
            r.p95Ms.toFixed(3),
            r.cpuMsPerCall.toFixed(3)
          ])
        )
    )
  }
  recordResults('queryLayer', { loadBefore, loadAfter, results })
})
