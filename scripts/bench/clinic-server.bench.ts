/**
 * Issue 17's figures for the clinic server: the patient page's calls and
 * patient search through HTTPS on loopback, at 50,000 patients, against the
 * same calls straight on the PostgreSQL store (no HTTP, no TLS), the two
 * interleaved call by call in one process. The cluster is clinic-pg.ts's.
 * The server runs in this process, so CPU per call covers client and
 * server (PostgreSQL's own CPU is not in it). Asserts nothing about time.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { it } from 'vitest'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { auditTrail } from '../../src/main/core/audit'
import { listExercises } from '../../src/main/core/exercises'
import { getPatient, listPatients } from '../../src/main/core/patients'
import { benchClinicCluster, benchServer, password, patients, therapists } from './clinic-pg'
import { grid, machine, recordResults, summarize } from './measure'

it(`the clinic server at ${patients.toLocaleString('en')} patients, over HTTPS and straight on the store`, async () => {
  const cluster = await benchClinicCluster()
  try {
    const { pool, client: newClient, close } = await benchServer(cluster, 'physioplan')
    const client = newClient()
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
        channel: 'patients:get' | 'patients:history' | 'patients:list' | 'exercises:list',
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
      // the library as the builder and the library page search it: words, prefixes, a typo
      const librarySearches: [string, string][] = [
        ['library search: "b", 1 letter', 'b'],
        ['library search: "calf", a word', 'calf'],
        ['library search: "hamstring str", two words', 'hamstring str'],
        ['library search: "hamstirng", a typo', 'hamstirng']
      ]
      for (const [label, query] of librarySearches) {
        const found = await store.read((q) => listExercises(q, { query }))
        cases.push({
          name: `${label}: ${found.length} shown`,
          target: '≤ 20 ms p95',
          runs: 100,
          viaHttps: () => https('exercises:list', { query }),
          viaStore: () => store.read((q) => listExercises(q, { query }))
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
      await close()
    }
  } finally {
    cluster.stop()
  }
})
