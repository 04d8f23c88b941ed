/**
 * Two therapists of one clinic pressing Revise (or Next stage) on the same
 * program at the same moment, each in their own transaction on the clinic
 * store (READ COMMITTED): the program row's lock makes the second wait and
 * then find the first one's draft, so both end well defined, never with
 * PostgreSQL's unique-key error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExercise } from '../../src/main/core/exercises'
import { createPatient } from '../../src/main/core/patients'
import {
  createProgram,
  issueVersion,
  listVersions,
  moveToNextStage,
  reviseVersion,
  saveDraft
} from '../../src/main/core/programs'
import type { QueryStore } from '../../src/main/core/query/store'
import { saveTemplate } from '../../src/main/core/templates'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { emptyDose } from '../../src/shared/dose'
import { patientFields } from '../unit/helpers'
import { newClinic, pool } from './clinic-db'

const app = pool('physioplan_app')
afterAll(async () => {
  await app.end()
})

let alex: QueryStore
let sam: QueryStore
let exerciseId: number
beforeAll(async () => {
  const clinic = await newClinic(['alex', 'sam'])
  const [alexId, samId] = clinic.accounts as [number, number]
  alex = postgresStore(app, { clinicId: clinic.clinic, accountId: alexId })
  sam = postgresStore(app, { clinicId: clinic.clinic, accountId: samId })
  exerciseId = (
    await alex.write((q) =>
      createExercise(
        q,
        {
          name: 'Calf raise',
          summary: 'Up on your toes, slowly down.',
          steps: ['Rise.', 'Lower over three seconds.'],
          category: 'strengthening',
          bodyRegions: ['ankle'],
          position: 'standing',
          equipment: [],
          difficulty: 'easy',
          caution: null,
          defaultDose: { ...emptyDose, sets: 3 }
        },
        { conditions: [], stages: [], movements: [], easierId: null, harderId: null },
        []
      )
    )
  ).id
})

const dose = { ...emptyDose, sets: 3, reps: 12, perDay: 1 }
const items = () => [{ exerciseId, phase: 'main' as const, dose }]

/** A patient's program, issued as version 1 (from `templateId` when given). */
async function issuedProgram(name: string, templateId?: number) {
  const patient = await alex.write((q) => createPatient(q, patientFields(name)))
  const source = templateId ? { kind: 'template' as const, templateId } : { kind: 'blank' as const }
  const draft = await alex.write((q) => createProgram(q, patient.id, source, 'Calves'))
  const saved = await alex.write((q) =>
    saveDraft(q, draft.id, draft.version, {
      title: 'Calves',
      goals: '',
      startDate: null,
      reviewDate: null,
      items: items(),
      advice: [],
      walkRun: null
    })
  )
  await alex.write((q) => issueVersion(q, draft.id, saved.version))
  return { patientId: patient.id, versionId: draft.id }
}

/** Each of `tries` rounds races both therapists, so a missing lock would show in most of them. */
const tries = 8

describe('programs under two writers at once (PostgreSQL)', () => {
  it('two Revise presses at once make one draft, which both get', async () => {
    for (let round = 0; round < tries; round++) {
      const { patientId, versionId } = await issuedProgram(`Race, Rev${round}`)
      const [first, second] = await Promise.all([
        alex.write((q) => reviseVersion(q, versionId)),
        sam.write((q) => reviseVersion(q, versionId))
      ])
      expect([first.status, first.versionNo]).toEqual(['draft', 2])
      expect(second.id).toBe(first.id)
      const versions = await alex.read((q) => listVersions(q, patientId))
      expect(versions.map((version) => version.versionNo).sort()).toEqual([1, 2])
    }
  })

  it('two Next stage presses at once make one next version; the second is told why not', async () => {
    const base = { description: 'Stage', goals: '', painRule: null, adviceIds: [], walkRun: null }
    const later = await alex.write((q) =>
      saveTemplate(q, { ...base, name: 'Calves, stage 2', nextId: null, items: items() })
    )
    const first = await alex.write((q) =>
      saveTemplate(q, { ...base, name: 'Calves, stage 1', nextId: later.id, items: items() })
    )
    for (let round = 0; round < tries; round++) {
      const { patientId, versionId } = await issuedProgram(`Race, Stage${round}`, first.id)
      const settled = await Promise.allSettled([
        alex.write((q) => moveToNextStage(q, versionId)),
        sam.write((q) => moveToNextStage(q, versionId))
      ])
      const moved = settled.flatMap((each) => (each.status === 'fulfilled' ? [each.value] : []))
      const refused = settled.flatMap((each) => (each.status === 'rejected' ? [each.reason] : []))
      expect(moved.map((version) => [version.versionNo, version.templateId])).toEqual([
        [2, later.id]
      ])
      expect(
        refused.map((error: Error & { code?: string }) => [error.code, error.message])
      ).toEqual([['conflict', 'Version 2 is a draft: discard it first to move to the next stage.']])
      const versions = await alex.read((q) => listVersions(q, patientId))
      expect(versions).toHaveLength(2)
    }
  })
})
