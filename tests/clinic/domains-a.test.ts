/**
 * Settings, advice, visits and the exercise library (domainsA17's domains)
 * on the clinic store: the same functions the solo app's handlers call,
 * through `postgresStore`, with postgres.ts's dialect functions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAdvice } from '../../src/main/core/advice'
import {
  createExercise,
  exerciseFacets,
  getExercise,
  listExercises,
  pageExercises
} from '../../src/main/core/exercises'
import { createPatient } from '../../src/main/core/patients'
import type { QueryStore } from '../../src/main/core/query/store'
import { getClinic, readSetting, updateClinic, writeSetting } from '../../src/main/core/settings'
import { createVisit, dashboard, listVisits } from '../../src/main/core/visits'
import { emptyDose } from '../../src/shared/dose'
import type { ExerciseExtras, ExerciseFields, VisitFields } from '../../src/shared/types'
import { patientFields } from '../unit/helpers'
import { visitInput } from '../unit/visit-input'
import { pool, twoClinics } from './clinic-db'

const app = pool('physioplan_app')
afterAll(async () => {
  await app.end()
})

let ours: QueryStore
let theirs: QueryStore
beforeAll(async () => {
  ;({ ours, theirs } = await twoClinics(app, ['robin', 'kim']))
})

const exercise = (name: string, summary: string): ExerciseFields => ({
  name,
  summary,
  steps: ['Slowly.'],
  category: 'strengthening',
  bodyRegions: ['Knees', 'thighs'],
  position: 'standing',
  equipment: ['wall'],
  difficulty: 'easy',
  caution: null,
  defaultDose: { ...emptyDose, sets: 3 }
})

const extras = (conditions: string[], easierId: number | null = null): ExerciseExtras => ({
  conditions,
  stages: [],
  movements: [],
  easierId,
  harderId: null
})

describe('domainsA17’s domains on PostgreSQL', () => {
  it('keeps settings per clinic, a second write replacing the first', async () => {
    await ours.write((q) => writeSetting(q, 'handout', { paper: 'A4' }))
    await ours.write((q) => writeSetting(q, 'handout', { paper: 'LETTER' }))
    expect(await ours.read((q) => readSetting(q, 'handout'))).toEqual({ paper: 'LETTER' })
    expect(await theirs.read((q) => readSetting(q, 'handout'))).toBeUndefined()
    const clinic = await ours.write(async (q) =>
      updateClinic(q, 0, { ...(await getClinic(q)), clinicName: 'Fjord Physio' })
    )
    expect(clinic.clinicName).toBe('Fjord Physio')
  })

  it('searches the library folded, by prefix, with a typo, filtered and paged', async () => {
    const bridge = await ours.write((q) =>
      createExercise(q, exercise('Glute bridge', 'Lift the hips.'), extras(['Low back pain']), [])
    )
    const made = await ours.write((q) =>
      createExercise(
        q,
        exercise('Hamstring bridge', 'Heels on a step, lift the hips.'),
        extras(['Hamstring strain'], bridge.id),
        []
      )
    )
    await ours.write((q) =>
      createExercise(q, exercise('bird dog', 'On all fours; a bridge is not it.'), extras([]), [])
    )
    const names = async (store: QueryStore, query: string, more = {}) =>
      (await store.read((q) => listExercises(q, { query, ...more }))).map((e) => e.name)
    // name hits before the summary's
    expect(await names(ours, 'bridg')).toEqual(['Glute bridge', 'Hamstring bridge', 'bird dog'])
    expect(await names(ours, 'hamstirng')).toEqual(['Hamstring bridge'])
    // one or two letters: names that start so first, in caseless order
    expect((await names(ours, 'b')).slice(0, 1)).toEqual(['bird dog'])
    expect(await names(ours, 'bridge', { condition: 'Hamstring strain' })).toEqual([
      'Hamstring bridge'
    ])
    expect(await names(theirs, 'bridge')).toEqual([])
    // a quote or a backslash typed is punctuation, as on SQLite, not tsquery syntax
    expect(await names(ours, "bridge'")).toEqual(await names(ours, 'bridge'))
    expect(await names(ours, 'bridge\\')).toEqual(await names(ours, 'bridge'))
    const page = await ours.read((q) => pageExercises(q, { query: 'bridge' }, 1))
    expect([page.total, page.exercises.map((e) => e.name)]).toEqual([
      3,
      ['Hamstring bridge', 'bird dog']
    ])
    const facets = await ours.read((q) => exerciseFacets(q))
    expect(facets.bodyRegions).toEqual(['Knees', 'thighs'])
    const got = await ours.read((q) => getExercise(q, made.id))
    expect(got.chain.map((link) => link.name)).toEqual(['Glute bridge', 'Hamstring bridge'])
  })

  it('lists advice in caseless order, and visits with the dashboard', async () => {
    const now = new Date().toISOString()
    await ours.write(async (q) => {
      for (const title of ['cherry', 'Banana', 'apple']) {
        await q
          .insertInto('advice_sections')
          .values({
            title,
            kind: 'general',
            intro: '',
            points: '[]',
            builtin_key: null,
            sort_order: 0,
            archived_at: null,
            created_at: now,
            updated_at: now
          })
          .execute()
      }
    })
    expect((await ours.read((q) => listAdvice(q))).map((a) => a.title)).toEqual([
      'apple',
      'Banana',
      'cherry'
    ])
    const patient = await ours.write((q) => createPatient(q, patientFields('Ørjan Ågren')))
    const fields = visitInput({
      visitDate: '2026-11-20',
      nextVisitDate: '2026-11-24',
      redFlags: ['night-pain']
    }) as unknown as VisitFields
    await ours.write((q) => createVisit(q, patient.id, fields))
    const visits = await ours.read((q) => listVisits(q, patient.id))
    expect(visits.map((visit) => visit.redFlags)).toEqual([['night-pain']])
    const board = await ours.read((q) => dashboard(q, '2026-11-27'))
    expect(board.overdue.rows.map((row) => [row.fullName, row.daysOverdue])).toEqual([
      ['Ørjan Ågren', 3]
    ])
    expect((await theirs.read((q) => dashboard(q, '2026-11-27'))).overdue.total).toBe(0)
  })
})
