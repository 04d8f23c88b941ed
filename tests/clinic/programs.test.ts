/**
 * Programs and templates (domainsB17's domains) on the clinic store: the same
 * functions the solo app's handlers call, through `postgresStore`. Not served
 * yet (served.ts); this is what serving them would run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExercise } from '../../src/main/core/exercises'
import { createPatient } from '../../src/main/core/patients'
import {
  compareVersions,
  createProgram,
  deleteDraft,
  getSnapshot,
  issueVersion,
  listVersions,
  reviseVersion,
  saveDraft
} from '../../src/main/core/programs'
import type { QueryStore } from '../../src/main/core/query/store'
import { deleteTemplate, listTemplates, saveTemplateFrom } from '../../src/main/core/templates'
import { emptyDose } from '../../src/shared/dose'
import { patientFields } from '../unit/helpers'
import { pool, twoClinics } from './clinic-db'

const app = pool('physioplan_app')
afterAll(async () => {
  await app.end()
})

let ours: QueryStore
let theirs: QueryStore
beforeAll(async () => {
  ;({ ours, theirs } = await twoClinics(app, ['noor', 'ola']))
})

const exercise = (name: string) => ({
  name,
  summary: 'Slowly, within comfort.',
  steps: ['Hold for a breath.'],
  category: 'strengthening' as const,
  bodyRegions: ['knees'],
  position: 'standing' as const,
  equipment: [],
  difficulty: 'easy' as const,
  caution: null,
  defaultDose: { ...emptyDose, sets: 3 }
})
const noExtras = { conditions: [], stages: [], movements: [], easierId: null, harderId: null }

describe('domainsB17’s domains on PostgreSQL', () => {
  it('builds, saves, issues, revises and compares a program, and keeps it in its clinic', async () => {
    const [squat, bridge] = [
      await ours.write((q) => createExercise(q, exercise('Wall squat'), noExtras, [])),
      await ours.write((q) => createExercise(q, exercise('Glute bridge'), noExtras, []))
    ]
    const patient = await ours.write((q) =>
      createPatient(q, { ...patientFields('Prog, Ram'), condition: 'Knee pain' })
    )
    const draft = await ours.write((q) => createProgram(q, patient.id, { kind: 'blank' }, 'Knees'))
    const dose = { ...emptyDose, sets: 3, reps: 10, perDay: 1 }
    const content = (ids: number[]) => ({
      title: 'Knees',
      goals: 'Stairs without pain',
      startDate: null,
      reviewDate: null,
      items: ids.map((exerciseId) => ({ exerciseId, phase: 'main' as const, dose })),
      advice: []
    })
    const saved = await ours.write((q) =>
      saveDraft(q, draft.id, draft.version, content([squat.id, bridge.id]))
    )
    expect(saved.items.map((item) => item.exerciseName)).toEqual(['Wall squat', 'Glute bridge'])

    const issued = await ours.write((q) => issueVersion(q, draft.id, saved.version))
    expect(issued.status).toBe('issued')
    const snapshot = await ours.read((q) => getSnapshot(q, draft.id))
    expect(snapshot.exercises.map((each) => each.name)).toEqual(['Wall squat', 'Glute bridge'])
    expect(snapshot.patient.fullName).toBe('Prog, Ram')

    const revised = await ours.write((q) => reviseVersion(q, draft.id))
    expect([revised.status, revised.versionNo]).toEqual(['draft', 2])
    // revising again finds the open draft instead of making another
    expect((await ours.write((q) => reviseVersion(q, draft.id))).id).toBe(revised.id)
    const resaved = await ours.write((q) =>
      saveDraft(q, revised.id, revised.version, content([bridge.id]))
    )
    const diff = await ours.read((q) => compareVersions(q, draft.id, revised.id))
    expect(JSON.stringify(diff)).toContain('Wall squat')
    expect(
      (await ours.read((q) => listVersions(q, patient.id))).map((v) => [v.versionNo, v.itemCount])
    ).toEqual([
      [2, 1],
      [1, 2]
    ])

    // a template from the issued version, then gone again
    const template = await ours.write((q) => saveTemplateFrom(q, draft.id, 'knees after surgery'))
    const names = (await ours.read(listTemplates)).map((each) => each.name)
    expect(names).toContain('knees after surgery')
    await ours.write((q) => deleteTemplate(q, template.id))
    expect((await ours.read(listTemplates)).map((each) => each.id)).not.toContain(template.id)
    await ours.write((q) => deleteDraft(q, revised.id, resaved.version))

    // the other clinic sees none of it
    expect(
      await theirs.read((q) => listVersions(q, patient.id)).catch((e: Error) => e)
    ).toMatchObject({ code: 'not_found' })
    await expect(theirs.read((q) => getSnapshot(q, draft.id))).rejects.toMatchObject({
      code: 'not_found'
    })
  })
})
