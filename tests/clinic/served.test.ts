/**
 * Programs, templates, the clinic's settings, handout options and advice
 * served over HTTPS by the clinic server, through the client the desktop
 * uses: what a therapist does with a program, start to revision, each call
 * answered by the desktop's own handlers on the session's clinic store, and
 * none of it reaching another clinic's session.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ClinicClient } from '../../src/main/clinic/client'
import { emptyDose } from '../../src/shared/dose'
import { defaultHandoutOptions } from '../../src/shared/types'
import { visitInput } from '../unit/visit-input'
import { inScope, pool } from './clinic-db'
import {
  dataOf,
  exerciseInput,
  issue,
  patientInput,
  saveDraft,
  servedClinics
} from './clinic-server'

const app = pool('physioplan_app')
const logged = vi.spyOn(console, 'error')
let served: Awaited<ReturnType<typeof servedClinics>>
let ann: ClinicClient
let ben: ClinicClient
let cal: ClinicClient
beforeAll(async () => {
  served = await servedClinics(app, { ours: ['ann', 'ben'], theirs: ['cal'] })
  ;[ann, ben, cal] = [
    await served.signIn('ours', 'ann'),
    await served.signIn('ours', 'ben'),
    await served.signIn('theirs', 'cal')
  ]
})
afterAll(async () => {
  await served.close()
  await app.end()
})

describe('programs, templates, settings and advice through the clinic server', () => {
  it('builds a program from a template, saves, issues and revises it', async () => {
    const clinic = served.clinics.ours.clinic
    await inScope(app, { clinic }, (client) =>
      client.query(
        "INSERT INTO advice_sections (title, intro, created_at, updated_at) VALUES ('Load management', 'Pain up to 3/10 is fine.', $1, $1)",
        [new Date().toISOString()]
      )
    )
    const advice = dataOf(await ann.call('advice:list', {}))
    expect(advice.map((section) => section.title)).toEqual(['Load management'])

    const [raise, bent] = [
      dataOf(await ann.call('exercises:create', exerciseInput('Calf raise, straight knee'))),
      dataOf(await ann.call('exercises:create', exerciseInput('Calf raise, bent knee')))
    ]
    const dose = { ...emptyDose, sets: 3, reps: 15, perDay: 1 }
    const template = dataOf(
      await ann.call('templates:save', {
        name: 'Achilles, loading',
        description: 'Heavy slow calf loading (Alfredson 1998; Silbernagel 2007).',
        goals: 'Walk without morning stiffness',
        nextId: null,
        painRule: 'Pain up to 3/10 during, settled by the next morning.',
        items: [raise, bent].map((exercise) => ({ exerciseId: exercise.id, phase: 'main', dose })),
        adviceIds: [advice[0]!.id],
        walkRun: null
      })
    )
    const listed = dataOf(await ben.call('templates:list', {}))
    expect(listed.map((each) => each.name)).toEqual(['Achilles, loading'])

    const patient = dataOf(await ann.call('patients:create', patientInput('Served, Sol')))
    const draft = dataOf(
      await ann.call('programs:create', {
        patientId: patient.id,
        source: { kind: 'template', templateId: template.id }
      })
    )
    expect(draft.items.map((item) => item.exerciseName)).toEqual([raise.name, bent.name])
    expect(draft.advice.map((section) => section.title)).toEqual(['Load management'])

    // the save asks for the preview beside it: the server renders nothing, and the save stands
    const saved = await saveDraft(ann, draft.id, {
      title: 'Achilles, week 1',
      goals: draft.goals,
      startDate: '2026-11-30',
      reviewDate: '2026-12-14',
      items: [{ exerciseId: bent.id, phase: 'main', dose: { ...dose, reps: 12 } }],
      advice: draft.advice,
      walkRun: null,
      preview: defaultHandoutOptions
    })
    expect(saved.items.map((item) => [item.exerciseName, item.dose.reps])).toEqual([
      [bent.name, 12]
    ])
    expect(dataOf(await ben.call('programs:get', { versionId: draft.id })).title).toBe(
      'Achilles, week 1'
    )

    const issued = await issue(ann, draft.id)
    expect(issued.status).toBe('issued')
    const snapshot = dataOf(await ben.call('programs:snapshot', { versionId: draft.id }))
    expect(snapshot.exercises.map((each) => each.name)).toEqual([bent.name])
    expect(snapshot.patient.fullName).toBe('Served, Sol')

    const revised = dataOf(await ben.call('programs:revise', { versionId: draft.id }))
    expect([revised.status, revised.versionNo, revised.title]).toEqual([
      'draft',
      2,
      'Achilles, week 1'
    ])
    const versions = dataOf(await ann.call('programs:list', { patientId: patient.id }))
    expect(versions.map((version) => [version.versionNo, version.status]).sort()).toEqual([
      [1, 'issued'],
      [2, 'draft']
    ])
    const diff = dataOf(await ann.call('programs:compare', { fromId: draft.id, toId: revised.id }))
    expect(diff).toBeTruthy()

    // another clinic's session finds none of it
    expect(dataOf(await cal.call('templates:list', {}))).toEqual([])
    expect(dataOf(await cal.call('advice:list', {}))).toEqual([])
    for (const call of [
      cal.call('programs:list', { patientId: patient.id }),
      cal.call('programs:get', { versionId: draft.id }),
      cal.call('programs:snapshot', { versionId: draft.id }),
      cal.call('programs:revise', { versionId: draft.id }),
      cal.call('programs:create', { patientId: patient.id, source: { kind: 'blank' } }),
      cal.call('templates:delete', { id: template.id })
    ]) {
      expect(await call).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
    expect(dataOf(await ann.call('templates:list', {}))).toHaveLength(1)
    // nothing a patient told us reached the log
    expect(JSON.stringify(logged.mock.calls)).not.toMatch(/Served|Achilles/)
  })

  it('reads and updates the clinic’s own details and handout options', async () => {
    const details = {
      clinicName: 'Harbour Physio',
      address: '1 Quay Street',
      phone: '01234 567890',
      email: 'desk@harbour.example',
      therapistName: '',
      emergencyNumber: '112',
      logoDataUrl: null
    }
    const { version } = dataOf(await ann.call('clinic:get', {}))
    expect(dataOf(await ann.call('clinic:update', { ...details, version }))).toMatchObject(details)
    expect(dataOf(await ben.call('clinic:get', {}))).toMatchObject(details)
    expect(dataOf(await cal.call('clinic:get', {})).clinicName).not.toBe('Harbour Physio')

    const options = { ...defaultHandoutOptions, paper: 'LETTER', diaryWeeks: 4 } as const
    const stored = dataOf(await ben.call('handouts:options', {})).version
    const set = await ben.call('handouts:setOptions', { ...options, version: stored })
    expect(dataOf(set)).toMatchObject(options)
    expect(dataOf(await ann.call('handouts:options', {}))).toMatchObject(options)
    expect(dataOf(await cal.call('handouts:options', {}))).toMatchObject(defaultHandoutOptions)
  })

  it('leaves what only the desktop has to the desktop, saying so', async () => {
    for (const call of [
      ann.call('handouts:preview', { versionId: 1 }),
      ann.call('handouts:save', { versionId: 1 }),
      ann.call('app:info', {})
    ]) {
      expect(await call).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    }
  })

  it('keeps a recorded visit as it was recorded: no edit, no delete', async () => {
    const patient = dataOf(await ann.call('patients:create', patientInput('Visited, Vera')))
    const visit = dataOf(
      await ann.call('visits:create', {
        patientId: patient.id,
        ...visitInput({ subjective: 'Sore' })
      })
    )
    for (const call of [
      ben.call('visits:update', { id: visit.id, ...visitInput({ subjective: 'Fine' }) }),
      ben.call('visits:delete', { id: visit.id })
    ]) {
      expect(await call).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('record a new visit') }
      })
    }
    const [kept] = dataOf(await ann.call('visits:list', { patientId: patient.id }))
    expect(kept).toMatchObject({ id: visit.id, subjective: 'Sore' })
  })
})
