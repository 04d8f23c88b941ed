/**
 * Issue 17: ten therapists writing at once for a minute through the clinic
 * server on loopback, each on its own HTTPS connection and session: new
 * patients, visits, and edits of the same 20 patients (so edits collide).
 * Every answer is sorted into saved, refused as a conflict, or anything
 * else; the run fails on anything else, on a deadlock, or when the database
 * holds a different number of rows or audit entries than the answers said
 * were saved. Throughput is reported, never asserted. It runs on a copy of
 * the bench clinic (clinic-pg.ts), dropped at the end, so the other
 * benches' 50,000 patients stay as built. PHYSIOPLAN_WRITERS_SECONDS
 * shortens the minute while working on it.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { expect, it } from 'vitest'
import type { ClinicClient } from '../../src/main/clinic/client'
import { connected } from '../../src/main/clinic/init'
import type { Channel } from '../../src/shared/channels'
import { visitInput } from '../../tests/unit/visit-input'
import { benchClinicCluster, benchClinicCopy, benchServer, password } from './clinic-pg'
import { grid, machine, recordResults } from './measure'

const writers = 10
const seconds = Number(process.env.PHYSIOPLAN_WRITERS_SECONDS ?? 60)
/** the patients every writer edits: ids 1…20 of the freshly built clinic */
const shared = Array.from({ length: 20 }, (_, i) => i + 1)
const copy = 'physioplan_writers'

type Outcome = { saved: number; conflicts: number; other: string[] }

/** One writer's next write, by turn: what it sends and which audit entry a save leaves. */
function nextWrite(
  client: ClinicClient,
  writer: number,
  turn: number
): { channel: Channel; send: () => Promise<{ ok: boolean; code?: string; message?: string }> } {
  const patientId = shared[(writer * 7 + turn) % shared.length]!
  const answer = async (result: Promise<Awaited<ReturnType<ClinicClient['call']>>>) => {
    const settled = await result
    return settled.ok
      ? { ok: true }
      : { ok: false, code: settled.error.code, message: settled.error.message }
  }
  switch (turn % 4) {
    case 0:
      return {
        channel: 'patients:create',
        send: () =>
          answer(
            client.call('patients:create', {
              fullName: `Writer ${writer} patient ${turn}`,
              dateOfBirth: '1984-03-09',
              condition: 'Low back pain'
            })
          )
      }
    case 1:
      return {
        channel: 'visits:create',
        send: () => answer(client.call('visits:create', { patientId, ...visitInput() }))
      }
    default:
      // read, change, save: what the patient form does, so two writers can base a save on the
      // same version of the row, and the second is refused as a conflict
      return {
        channel: 'patients:update',
        send: async () => {
          const read = await client.call('patients:get', { id: patientId })
          if (!read.ok) return { ok: false, code: read.error.code, message: read.error.message }
          const { id, version, fullName, dateOfBirth, sex, phone, email, referralSource, notes } =
            read.data
          return answer(
            client.call('patients:update', {
              ...{ id, version, fullName, dateOfBirth, sex, phone, email, referralSource, notes },
              condition: `Low back pain (writer ${writer}, turn ${turn})`
            })
          )
        }
      }
  }
}

it(`${writers} clients writing at once for ${seconds} s through the clinic server`, async () => {
  const cluster = await benchClinicCluster()
  const superuserUrl = (database: string) =>
    cluster.url('postgres', cluster.superuserPassword, database)
  try {
    const { drop } = await benchClinicCopy(cluster, copy)
    const counts = () =>
      connected(superuserUrl(copy), async (superuser) => {
        const { rows } = await superuser.query<
          Record<'patients' | 'visits' | 'versions' | Channel, number>
        >(
          `SELECT (SELECT count(*)::int FROM patients) AS patients,
             (SELECT count(*)::int FROM visits) AS visits,
             (SELECT count(*)::int FROM audit_log WHERE entity = 'patient' AND action = 'create') AS "patients:create",
             (SELECT count(*)::int FROM audit_log WHERE entity = 'visit' AND action = 'create') AS "visits:create",
             (SELECT count(*)::int FROM audit_log WHERE entity = 'patient' AND action = 'update') AS "patients:update",
             (SELECT sum(version)::int FROM patients WHERE id = ANY($1)) AS versions`,
          [shared]
        )
        return rows[0]!
      })
    const before = await counts()
    const { client, close } = await benchServer(cluster, copy)
    const clients = Array.from({ length: writers }, client)
    const outcomes = new Map<Channel, Outcome>()
    try {
      // one after another: sign-ins from one address at once are throttled past the fifth (a
      // try is counted before its password is checked, accounts.ts), and these share 127.0.0.1
      for (const [i, client] of clients.entries())
        await client.signIn(`therapist${i + 1}`, password)
      const loadBefore = loadavg()
      const started = performance.now()
      const deadline = started + seconds * 1000
      await Promise.all(
        clients.map(async (client, writer) => {
          for (let turn = writer; performance.now() < deadline; turn++) {
            const write = nextWrite(client, writer, turn)
            const outcome = outcomes.get(write.channel) ?? { saved: 0, conflicts: 0, other: [] }
            outcomes.set(write.channel, outcome)
            const answer = await write.send()
            if (answer.ok) outcome.saved++
            else if (answer.code === 'conflict') outcome.conflicts++
            else outcome.other.push(`${answer.code}: ${answer.message}`)
          }
        })
      )
      const elapsed = (performance.now() - started) / 1000
      const loadAfter = loadavg()
      const after = await counts()
      const rows = [...outcomes].map(([channel, { saved, conflicts, other }]) => [
        channel,
        String(saved),
        String(conflicts),
        String(other.length),
        (saved / elapsed).toFixed(1),
        String(after[channel]! - before[channel]!)
      ])
      const saved = [...outcomes.values()].reduce((sum, each) => sum + each.saved, 0)
      const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ')
      console.log(
        `\nClinic server, ${writers} writers at once for ${elapsed.toFixed(1)} s, PostgreSQL on loopback\n` +
          `${machine()}; load average ${load(loadBefore)} before, ${load(loadAfter)} after\n` +
          grid(
            ['write', 'saved', 'conflicts', 'other errors', 'saved per s', 'audit entries added'],
            rows
          ) +
          `\n${saved} writes saved, ${(saved / elapsed).toFixed(1)} per second`
      )
      recordResults('clinic-writers', {
        writers,
        seconds: elapsed,
        loadBefore,
        loadAfter,
        outcomes: Object.fromEntries(outcomes)
      })
      // nothing but saves and conflicts, and every save in the database with its audit entry
      for (const [channel, outcome] of outcomes) {
        expect(outcome.other, channel).toEqual([])
        expect(after[channel]! - before[channel]!, channel).toBe(outcome.saved)
      }
      expect(after.patients - before.patients).toBe(outcomes.get('patients:create')!.saved)
      expect(after.visits - before.visits).toBe(outcomes.get('visits:create')!.saved)
      // no lost update: each saved edit moved its patient's version on by exactly one
      expect(after.versions - before.versions).toBe(outcomes.get('patients:update')!.saved)
    } finally {
      for (const each of clients) each.close()
      await close()
      await drop()
    }
  } finally {
    cluster.stop()
  }
}, 600_000)
