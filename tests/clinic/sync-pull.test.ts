/**
 * The pull's desktop half (offline/pull.ts) against a real clinic server:
 * a local copy (the solo schema, in memory) catches up page by page and
 * then answers the solo handlers as the server would: the pulled patient
 * is found by search and shows its latest visit, the issued program prints
 * from its frozen rows, colleagues' changes and deletions arrive, dropped
 * patients go, and rows made on this device are never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClinicClient } from '../../src/main/clinic/client'
import {
  firstLocalId,
  pullOnce,
  type PullCall,
  type PullState
} from '../../src/main/clinic/offline/pull'
import type { Channel } from '../../src/shared/channels'
import { todayIso } from '../../src/shared/dates'
import type { Result } from '../../src/shared/errors'
import type { Dashboard, PatientSummary, ProgramVersion } from '../../src/shared/types'
import { memoryApi, type MemoryApi } from '../unit/helpers'
import { visitInput } from '../unit/visit-input'
import { pool } from './clinic-db'
import {
  dataOf,
  exerciseInput,
  issue,
  oneExerciseDraft,
  patientInput,
  servedClinics
} from './clinic-server'

const app = pool('physioplan_app')
let served: Awaited<ReturnType<typeof servedClinics>>
let ann: ClinicClient
let ben: ClinicClient

beforeAll(async () => {
  served = await servedClinics(app, { ours: ['ann', 'ben'], theirs: [] })
  ann = await served.signIn('ours', 'ann')
  ben = await served.signIn('ours', 'ben')
})
afterAll(async () => {
  await served.close()
  await app.end()
})

const callOf =
  (client: ClinicClient): PullCall =>
  (channel, input) =>
    client.call(channel as unknown as Channel, input) as Promise<Result<unknown>>

/** The local copy's answer to a solo call, or the test fails naming the error. */
const local = async <T>(copy: MemoryApi, channel: string, input: unknown) =>
  dataOf((await copy.call(channel, input)) as Result<T>)

const inDays = (days: number) => {
  const date = new Date(`${todayIso()}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

describe('pullOnce into a local copy', () => {
  it('makes a copy the solo handlers answer from, and keeps it in step', async () => {
    const exercise = dataOf(await ben.call('exercises:create', exerciseInput('Calf raise, pulled')))
    const patient = dataOf(await ann.call('patients:create', patientInput('Pulled, Paula')))
    dataOf(
      await ann.call('visits:create', {
        patientId: patient.id,
        ...visitInput({ visitType: 'initial', nextVisitDate: inDays(3), redFlags: ['night-pain'] })
      })
    )
    const draft = await oneExerciseDraft(ann, patient.id, exercise.id)
    await issue(ann, draft.id)
    const colleagues = dataOf(await ben.call('patients:create', patientInput('Pinned, Pia')))

    const copy = memoryApi()
    // a patient made on this computer while offline, waiting in its outbox
    copy.db
      .prepare(
        `INSERT INTO patients (id, full_name, sort_key, date_of_birth, created_at, updated_at)
         VALUES (?, 'Offline, Otto', 'offline, otto', '1970-01-01', ?, ?)`
      )
      .run(firstLocalId + 1, new Date().toISOString(), new Date().toISOString())
    const progress: { done: number; total: number }[] = []
    let state: PullState = { cursor: null, epoch: null, weeks: 4, pinned: [colleagues.id] }
    const first = await pullOnce(callOf(ann), copy.db, state, (each) => progress.push(each))
    expect(first.patients).toEqual([patient.id, colleagues.id].sort((a, b) => a - b))
    expect(first.epochChanged).toBe(false)
    expect(progress.at(-1)).toEqual({ done: first.rows, total: first.rows })

    // search (the local triggers' index) and the latest visit (the dashboard's)
    const found = await local<PatientSummary[]>(copy, 'patients:list', { query: 'pulled' })
    expect(found.map((each) => each.id)).toEqual([patient.id])
    const dashboard = await local<Dashboard>(copy, 'dashboard:get', {})
    expect(dashboard.thisWeek.rows).toMatchObject([
      { patientId: patient.id, nextVisitDate: inDays(3), lastVisitDate: todayIso() }
    ])
    // the issued version, frozen here too, with its item and the library's exercise
    const issued = await local<ProgramVersion>(copy, 'programs:get', { versionId: draft.id })
    expect(issued).toMatchObject({ status: 'issued', items: [{ exerciseId: exercise.id }] })
    expect((await local<{ name: string }>(copy, 'exercises:get', { id: exercise.id })).name).toBe(
      'Calf raise, pulled'
    )
    const names = async () =>
      (await local<PatientSummary[]>(copy, 'patients:list', {})).map((each) => each.fullName).sort()
    expect(await names()).toEqual(['Offline, Otto', 'Pinned, Pia', 'Pulled, Paula'])

    // a colleague renames the patient; a draft is started and thrown away
    const current = dataOf(await ben.call('patients:get', { id: patient.id }))
    dataOf(
      await ben.call('patients:update', {
        id: patient.id,
        ...patientInput('Renamed, Paula'),
        version: current.version
      })
    )
    const revised = dataOf(await ann.call('programs:revise', { versionId: draft.id }))
    state = { ...state, cursor: first.cursor, epoch: first.epoch }
    const second = await pullOnce(callOf(ann), copy.db, state)
    expect(
      await local<ProgramVersion>(copy, 'programs:get', { versionId: revised.id })
    ).toMatchObject({ status: 'draft' })
    dataOf(await ann.call('programs:discard', { versionId: revised.id, version: revised.version }))
    state = { ...state, cursor: second.cursor }
    const third = await pullOnce(callOf(ann), copy.db, state)
    expect((await copy.call('programs:get', { versionId: revised.id })).ok).toBe(false)
    expect(
      (await local<PatientSummary[]>(copy, 'patients:list', { query: 'renamed' })).map(
        (each) => each.id
      )
    ).toEqual([patient.id])
    expect(await local<PatientSummary[]>(copy, 'patients:list', { query: 'pulled' })).toEqual([])

    // unpinned: dropped, unless writes wait for it; this computer's own patient stays
    state = { ...state, cursor: third.cursor, pinned: [] }
    const waiting = await pullOnce(callOf(ann), copy.db, state, undefined, new Set([colleagues.id]))
    expect(waiting.patients).toEqual([patient.id])
    expect(await names()).toEqual(['Offline, Otto', 'Pinned, Pia', 'Renamed, Paula'])
    state = { ...state, cursor: waiting.cursor }
    await pullOnce(callOf(ann), copy.db, state)
    expect(await names()).toEqual(['Offline, Otto', 'Renamed, Paula'])

    // an exercise deleted on the server that a program made here still holds stays here
    const held = dataOf(await ben.call('exercises:create', exerciseInput('Held, not deleted')))
    state = { ...state, cursor: (await pullOnce(callOf(ann), copy.db, state)).cursor }
    const made = new Date().toISOString()
    copy.db
      .exec(`INSERT INTO programs (id, patient_id, created_at) VALUES (${firstLocalId + 2}, ${firstLocalId + 1}, '${made}');
      INSERT INTO program_versions (id, program_id, version_no, title, created_at, updated_at)
        VALUES (${firstLocalId + 3}, ${firstLocalId + 2}, 1, 'Made offline', '${made}', '${made}');
      INSERT INTO program_items (id, version_id, position, exercise_id) VALUES (${firstLocalId + 4}, ${firstLocalId + 3}, 0, ${held.id})`)
    dataOf(await ben.call('exercises:delete', { id: held.id }))
    state = { ...state, cursor: (await pullOnce(callOf(ann), copy.db, state)).cursor }
    expect((await local<{ name: string }>(copy, 'exercises:get', { id: held.id })).name).toBe(
      'Held, not deleted'
    )

    // another database (restored, replaced): everything again, and the caller is told
    const moved = await pullOnce(callOf(ann), copy.db, { ...state, epoch: 'another' })
    expect(moved.epochChanged).toBe(true)
    expect(await names()).toEqual(['Offline, Otto', 'Renamed, Paula'])
    expect(copy.db.pragma('foreign_key_check')).toEqual([])
  })
})
