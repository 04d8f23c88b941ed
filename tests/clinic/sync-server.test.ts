/**
 * Issue 18's server side against a real PostgreSQL: writes with an
 * Idempotency-Key apply once (repeats, racing repeats, failures that record
 * nothing, X-Made-At), and `sync:pull` answers what a device lacks (the
 * library and kept patients first, then colleagues' changes, children with
 * their roots, deletions, pages, weeks and pins), never missing a row a
 * transaction committed after the pull's snapshot.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Channel } from '../../src/shared/channels'
import type { Result } from '../../src/shared/errors'
import { serverContract } from '../../src/shared/server-contract'
import type { ClinicClient } from '../../src/main/clinic/client'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { pullPage } from '../../src/main/clinic/sync-pull'
import { visitInput } from '../unit/visit-input'
import { inScope, pool, rowsOf } from './clinic-db'
import {
  dataOf,
  exerciseInput,
  oneExerciseDraft,
  patientInput,
  servedClinics
} from './clinic-server'

const app = pool('physioplan_app')
let served: Awaited<ReturnType<typeof servedClinics>>
let ann: ClinicClient
let ben: ClinicClient

beforeAll(async () => {
  served = await servedClinics(app, { ours: ['ann', 'ben'], theirs: ['tom'] })
  ann = await served.signIn('ours', 'ann')
  ben = await served.signIn('ours', 'ben')
})
afterAll(async () => {
  await served.close()
  await app.end()
})

type PullInput = Parameters<typeof pullPage>[1]
type Page = ReturnType<(typeof serverContract)['sync:pull']['result']['parse']>

const serverCall = (client: ClinicClient, channel: string, input: unknown) =>
  client.call(channel as Channel, input) as Promise<Result<unknown>>

/** One page, checked against the protocol's result schema. */
async function page(client: ClinicClient, input: Partial<PullInput>): Promise<Page> {
  const sent = { cursor: null, weeks: 4, pinned: [], held: [], page: null, ...input }
  return serverContract['sync:pull'].result.parse(
    dataOf(await serverCall(client, 'sync:pull', sent))
  )
}

/** Every page of a pull, merged: rows by table, deletions, the final cursor. */
async function pullAll(client: ClinicClient, input: Partial<PullInput>) {
  const rows = new Map<string, Record<string, unknown>[]>()
  const deleted: Page['deleted'] = []
  let answer = await page(client, input)
  for (;;) {
    for (const { table, rows: some } of answer.tables)
      rows.set(table, [...(rows.get(table) ?? []), ...some])
    deleted.push(...answer.deleted)
    if (answer.next === null) break
    answer = await page(client, { ...input, page: answer.next })
  }
  const idsOf = (table: string) => (rows.get(table) ?? []).map((row) => row.id)
  return { ...answer, rows, deleted, idsOf }
}

const keyed = (key: string, madeAt?: string) => ({ idempotencyKey: key, madeAt })

const patientCount = async (fullName: string) =>
  (
    await rowsOf<{ n: number }>(
      app,
      { clinic: served.clinics.ours.clinic },
      'SELECT count(*)::int AS n FROM patients WHERE full_name = $1',
      [fullName]
    )
  )[0]!.n

const applied = async (key: string) =>
  dataOf(await serverCall(ann, 'sync:applied', { keys: [key, randomUUID()] })) as {
    applied: string[]
  }

describe('writes with an Idempotency-Key', () => {
  it('applies a key once and answers a repeat with the first answer', async () => {
    const key = randomUUID()
    const first = await ann.call('patients:create', patientInput('Once, Olga'), keyed(key))
    const again = await ann.call('patients:create', patientInput('Once, Olga'), keyed(key))
    expect(first.ok).toBe(true)
    expect(again).toEqual(first)
    expect(await patientCount('Once, Olga')).toBe(1)
    expect((await applied(key)).applied).toEqual([key])
    // a keyless call is as before: it runs each time
    await ann.call('patients:create', patientInput('Once, Olga'))
    expect(await patientCount('Once, Olga')).toBe(2)
  })

  it('lets racing repeats apply once: the second waits for the first, then answers its answer', async () => {
    for (let round = 0; round < 4; round++) {
      const key = randomUUID()
      const name = `Racing, Rita${round}`
      const answers = await Promise.all([
        ann.call('patients:create', patientInput(name), keyed(key)),
        ann.call('patients:create', patientInput(name), keyed(key)),
        ann.call('patients:create', patientInput(name), keyed(key))
      ])
      expect(answers.every((answer) => answer.ok)).toBe(true)
      expect(answers[1]).toEqual(answers[0])
      expect(answers[2]).toEqual(answers[0])
      expect(await patientCount(name)).toBe(1)
    }
  })

  it('records nothing for a call that fails, so a retry runs again', async () => {
    const key = randomUUID()
    const refused = await ann.call(
      'patients:create',
      { ...patientInput(''), fullName: '' },
      keyed(key)
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect((await applied(key)).applied).toEqual([])
    // a conflict rolls back what the call wrote before it failed
    const patient = dataOf(await ann.call('patients:create', patientInput('Stale, Sid')))
    dataOf(
      await ben.call('patients:update', {
        id: patient.id,
        ...patientInput('Stale, Sid B'),
        version: patient.version
      })
    )
    const stale = randomUUID()
    const conflict = await ann.call(
      'patients:update',
      { id: patient.id, ...patientInput('Stale, Sid A'), version: patient.version },
      keyed(stale)
    )
    expect(conflict).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await applied(stale)).applied).toEqual([])
    const retried = await ann.call('patients:create', patientInput('Retried, Rob'), keyed(key))
    expect(retried.ok).toBe(true)
    expect(await patientCount('Retried, Rob')).toBe(1)
  })

  it('refuses a key reused by another account or for another call', async () => {
    const key = randomUUID()
    dataOf(await ann.call('patients:create', patientInput('Keyed, Kim'), keyed(key)))
    expect(await ben.call('patients:create', patientInput('Keyed, Kim'), keyed(key))).toMatchObject(
      {
        ok: false,
        error: { code: 'invalid_input' }
      }
    )
    expect(await patientCount('Keyed, Kim')).toBe(1)
  })

  it('dates the write and its audit entry when it was made offline, within bounds', async () => {
    const madeAt = new Date(Date.now() - 3 * 86_400_000).toISOString()
    const made = dataOf(
      await ann.call('patients:create', patientInput('Offline, Olaf'), keyed(randomUUID(), madeAt))
    )
    expect(made.createdAt).toBe(madeAt)
    expect(made.updatedAt).toBe(madeAt)
    const trail = await rowsOf<{ at: string }>(
      app,
      { clinic: served.clinics.ours.clinic },
      "SELECT at FROM audit_log WHERE patient_id = $1 AND action = 'create'",
      [made.id]
    )
    expect(trail).toEqual([{ at: madeAt }])
    const visit = dataOf(
      await ann.call(
        'visits:create',
        { patientId: made.id, ...visitInput({ subjective: 'Sore' }) },
        keyed(randomUUID(), madeAt)
      )
    )
    expect(visit.createdAt).toBe(madeAt)

    const ahead = new Date(Date.now() + 6 * 60_000).toISOString()
    const old = new Date(Date.now() - 61 * 86_400_000).toISOString()
    for (const [when, words] of [
      [ahead, 'more than 5 minutes from now'],
      [old, 'more than 60 days ago'],
      ['yesterday', 'must be an ISO time']
    ] as [string, string][]) {
      const answer = await ann.call(
        'patients:create',
        patientInput('Refused, Rex'),
        keyed(randomUUID(), when)
      )
      expect(answer).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining(words) }
      })
    }
    expect(await patientCount('Refused, Rex')).toBe(0)
  })
})

describe('sync:pull', () => {
  it('pulls the library and the kept patients first, then colleagues’ changes, children with their roots, deletions', async () => {
    const exercise = dataOf(await ben.call('exercises:create', exerciseInput('Calf raise, sync')))
    const mine = dataOf(await ann.call('patients:create', patientInput('Mine, May')))
    const theirs = dataOf(await ben.call('patients:create', patientInput('Theirs, Tia')))
    const draft = await oneExerciseDraft(ann, mine.id, exercise.id)
    dataOf(
      await ann.call('visits:create', {
        patientId: mine.id,
        ...visitInput({ redFlags: ['night-pain'] })
      })
    )

    const first = await pullAll(ann, {})
    expect(first.patients).toContain(mine.id)
    expect(first.patients).not.toContain(theirs.id)
    expect(first.idsOf('patients')).toContain(mine.id)
    expect(first.idsOf('patients')).not.toContain(theirs.id)
    expect(first.idsOf('exercises')).toContain(exercise.id)
    expect(first.idsOf('program_versions')).toContain(draft.id)
    expect(
      first.rows.get('program_items')!.filter((row) => row.version_id === draft.id)
    ).toHaveLength(1)
    expect(first.rows.get('visit_red_flags')).toMatchObject([{ flag: 'night-pain' }])
    // columns as SQLite has them: no clinic, no feed, no search plumbing
    const patient = first.rows.get('patients')!.find((row) => row.id === mine.id)!
    expect(patient).toMatchObject({ full_name: 'Mine, May', version: 1 })
    for (const column of ['clinic_id', 'change_xid', 'search_text', 'updated_by']) {
      expect(patient).not.toHaveProperty(column)
    }
    expect(first.progress).toEqual({ done: first.progress.total, total: first.progress.total })
    // the other clinic's device sees none of it
    const tom = await served.signIn('theirs', 'tom')
    const elsewhere = await pullAll(tom, { pinned: [mine.id] })
    expect(elsewhere.idsOf('patients')).toEqual([])
    expect(elsewhere.idsOf('exercises')).not.toContain(exercise.id)

    const held = first.patients
    const nothing = await pullAll(ann, { cursor: first.cursor, held })
    expect(nothing.idsOf('patients')).toEqual([])
    expect(nothing.idsOf('program_versions')).toEqual([])

    // a colleague's change to a kept patient; a child row changed alone brings its root
    dataOf(
      await ben.call('patients:update', {
        id: mine.id,
        ...patientInput('Mine, May B'),
        version: mine.version
      })
    )
    await inScope(
      app,
      { clinic: served.clinics.ours.clinic, user: served.clinics.ours.accounts[1] },
      (client) =>
        client.query("UPDATE program_items SET note = 'Slowly' WHERE version_id = $1", [draft.id])
    )
    const changed = await pullAll(ann, { cursor: first.cursor, held })
    expect(changed.rows.get('patients')).toMatchObject([{ id: mine.id, full_name: 'Mine, May B' }])
    expect(changed.idsOf('program_versions')).toEqual([draft.id])
    expect(changed.rows.get('program_items')).toMatchObject([
      { version_id: draft.id, note: 'Slowly' }
    ])
    expect(changed.idsOf('visits')).toEqual([])

    // a discarded draft arrives as deleted
    const { version } = dataOf(await ann.call('programs:get', { versionId: draft.id }))
    dataOf(await ann.call('programs:discard', { versionId: draft.id, version }))
    const gone = await pullAll(ann, { cursor: changed.cursor, held })
    expect(gone.deleted).toContainEqual({ table: 'program_versions', id: draft.id })
  })

  it('never misses a row a transaction commits after the pull’s snapshot', async () => {
    const patient = dataOf(await ann.call('patients:create', patientInput('Slow, Sam')))
    const before = await pullAll(ann, {})
    const scope = { clinic: served.clinics.ours.clinic, user: served.clinics.ours.accounts[1] }
    const client = await app.connect()
    try {
      // a colleague's transaction takes its id and writes, then a pull runs while it is open
      await client.query('BEGIN')
      await client.query(
        "SELECT set_config('physioplan.clinic_id', $1, true), set_config('physioplan.user_id', $2, true)",
        [String(scope.clinic), String(scope.user)]
      )
      await client.query("UPDATE patients SET notes = 'Late note' WHERE id = $1", [patient.id])
      const during = await pullAll(ann, { cursor: before.cursor, held: before.patients })
      expect(during.idsOf('patients')).toEqual([])
      await client.query('COMMIT')
      // committed after `during`'s snapshot, with an xid below its cursor's end: the next pull has it
      const after = await pullAll(ann, { cursor: during.cursor, held: during.patients })
      expect(after.rows.get('patients')).toMatchObject([{ id: patient.id, notes: 'Late note' }])
    } finally {
      client.release()
    }
  })

  it('pages: each resumes where the last stopped, and all of them hold what one would', async () => {
    for (let index = 0; index < 6; index++) {
      dataOf(await ann.call('patients:create', patientInput(`Paged, Pat${index}`)))
    }
    const store = postgresStore(app, {
      clinicId: served.clinics.ours.clinic,
      accountId: served.clinics.ours.accounts[0]!
    })
    const input: PullInput = { cursor: null, weeks: 4, pinned: [], held: [], page: null }
    const whole = await store.read((q) => pullPage(q, input))
    expect(whole.next).toBeNull()
    const seen: string[] = []
    let at = await store.read((q) => pullPage(q, input, 4))
    let pages = 1
    for (;;) {
      seen.push(
        ...at.tables.flatMap(({ table, rows }) =>
          rows.map((row) => `${table}:${JSON.stringify(row)}`)
        )
      )
      expect(at.cursor).toBe(whole.cursor)
      if (at.next === null) break
      at = await store.read((q) => pullPage(q, { ...input, page: at.next }, 4))
      pages++
    }
    const all = whole.tables.flatMap(({ table, rows }) =>
      rows.map((row) => `${table}:${JSON.stringify(row)}`)
    )
    expect(pages).toBeGreaterThan(3)
    expect(seen.sort()).toEqual(all.sort())
    expect(at.progress).toEqual({ done: all.length, total: all.length })
    expect(
      await page(ann, { page: 'bm90IGEgdG9rZW4' }).catch((error: Error) => error.message)
    ).toMatch(/start the pull again/)
  })

  it('keeps the patients seen within `weeks`, the pinned ones, and sends newly kept ones whole', async () => {
    const long = new Date(Date.now() - 20 * 86_400_000).toISOString()
    const earlier = dataOf(
      await ann.call('patients:create', patientInput('Earlier, Eve'), keyed(randomUUID(), long))
    )
    const colleagues = dataOf(await ben.call('patients:create', patientInput('Colleague, Cy')))
    const twoWeeks = await pullAll(ann, { weeks: 2 })
    expect(twoWeeks.patients).not.toContain(earlier.id)
    const fourWeeks = await pullAll(ann, { weeks: 4, pinned: [colleagues.id, 999_999_999] })
    expect(fourWeeks.patients).toContain(earlier.id)
    expect(fourWeeks.patients).toContain(colleagues.id)
    expect(fourWeeks.patients).not.toContain(999_999_999)
    // held but no longer kept: left out of `patients`, so the device drops it
    const later = await pullAll(ann, {
      cursor: fourWeeks.cursor,
      weeks: 2,
      held: fourWeeks.patients
    })
    expect(later.patients).not.toContain(earlier.id)
    // pinned now, not held: it comes whole though nothing changed
    const pinned = await pullAll(ann, {
      cursor: later.cursor,
      weeks: 2,
      pinned: [earlier.id],
      held: later.patients
    })
    expect(pinned.idsOf('patients')).toEqual([earlier.id])
    expect(pinned.rows.get('audit_log')!.every((row) => row.patient_id === earlier.id)).toBe(true)
  })
})
