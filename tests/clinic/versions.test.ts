/**
 * Issue 17's done-means test on the clinic store: two therapists of one
 * clinic edit the same patient, draft, template, exercise or settings; the
 * second save, based on the version both read, is refused with the first's
 * name and the time (this process's clock, the clinic's). Over HTTPS for the
 * patient, as two desktops would; through the store for the rest.
 */
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { clinicClient, type ClinicClient } from '../../src/main/clinic/client'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { startClinicServer, type ClinicServer } from '../../src/main/clinic/server'
import { createExercise, getExercise, updateExercise } from '../../src/main/core/exercises'
import { editHandoutOptions, setHandoutOptions } from '../../src/main/core/handouts'
import { createPatient, getPatient, updatePatient } from '../../src/main/core/patients'
import { createProgram, getVersion, issueVersion, saveDraft } from '../../src/main/core/programs'
import type { QueryStore } from '../../src/main/core/query/store'
import { editClinic, updateClinic } from '../../src/main/core/settings'
import { getTemplate, saveTemplateFrom, updateTemplate } from '../../src/main/core/templates'
import { emptyDose } from '../../src/shared/dose'
import type { Patient } from '../../src/shared/types'
import { patientFields } from '../unit/helpers'
import { newClinic, pool } from './clinic-db'

const app = pool('physioplan_app')
const password = 'correct horse battery'
let clinic: Awaited<ReturnType<typeof newClinic>>
let asAlex: QueryStore
let asSam: QueryStore
let server: ClinicServer
const clients: ClinicClient[] = []

beforeAll(async () => {
  const passwordHash = await hashPassword(password, { ...scryptCost, N: 2 ** 10 })
  clinic = await newClinic(['alex', 'sam'], { passwordHash })
  asAlex = postgresStore(app, { clinicId: clinic.clinic, accountId: clinic.accounts[0]! })
  asSam = postgresStore(app, { clinicId: clinic.clinic, accountId: clinic.accounts[1]! })
  // server.test.ts leaves this address throttled on its clock, hours ahead: start clean
  await app.query('DELETE FROM sign_in_failures')
  const certificate = await makeServerCertificate({ dns: [], ips: ['127.0.0.1'] })
  server = await startClinicServer({
    pool: app,
    ...certificate,
    port: 0,
    host: '127.0.0.1',
    resourcesDir: resolve('resources')
  })
  for (const login of clinic.logins) {
    const session = clinicClient({ host: '127.0.0.1', port: server.port }, certificate.cert)
    await session.signIn(login, password)
    clients.push(session)
  }
})
afterAll(async () => {
  clients.forEach((each) => each.close())
  await server.close()
  await app.end()
})

/** newClinic names an account after its login, capitalised: Alex-<clinic>. */
const alex = () => `Alex-${clinic.clinic}`
/** The clinic's local time of an ISO instant, as the message gives it. */
const hhmm = (iso: string) => {
  const at = new Date(iso)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}
const changedBy = (name: string, iso: string) =>
  `Changed by ${name} at ${hhmm(iso)} — reload to see it.`

const noExtras = { conditions: [], stages: [], movements: [], easierId: null, harderId: null }
const wallSquat = {
  name: 'Wall squat',
  summary: '',
  steps: ['Slide down the wall.'],
  category: 'strengthening' as const,
  bodyRegions: ['knee'],
  position: 'standing' as const,
  equipment: [],
  difficulty: 'easy' as const,
  caution: null,
  defaultDose: { ...emptyDose, sets: 3, perDay: 1 }
}
const newExercise = () => asAlex.write((q) => createExercise(q, wallSquat, noExtras, []))

describe('two therapists editing the same row (PostgreSQL)', () => {
  it('the same patient over HTTPS: the second is refused, naming the first and when', async () => {
    const [alexDesk, samDesk] = clients as [ClinicClient, ClinicClient]
    const created = await alexDesk.call('patients:create', patientFields('Holm, Ida'))
    const read = (created.ok && created.data) as Patient
    // both open the patient at version 1, then each saves an edit
    const first = await alexDesk.call('patients:update', {
      ...patientFields('Holm, Ida'),
      id: read.id,
      version: read.version,
      phone: '555 0101'
    })
    expect(first).toMatchObject({ ok: true, data: { version: read.version + 1 } })
    const second = await samDesk.call('patients:update', {
      ...patientFields('Holm, Ida'),
      id: read.id,
      version: read.version,
      notes: 'Sam’s note'
    })
    const saved = (first.ok && first.data) as Patient
    expect(second).toEqual({
      ok: false,
      error: { code: 'conflict', message: changedBy(alex(), saved.updatedAt) }
    })
    expect(await samDesk.call('patients:get', { id: read.id })).toMatchObject({
      ok: true,
      data: { phone: '555 0101', notes: null, version: saved.version }
    })
    // Alex's own second window is told it was Alex
    const own = await alexDesk.call('patients:update', {
      ...patientFields('Holm, Ida'),
      id: read.id,
      version: read.version
    })
    expect(own).toMatchObject({
      error: {
        message: `Changed by you in another window at ${hhmm(saved.updatedAt)} — reload to see it.`
      }
    })
  })

  it('saves racing from one version: exactly one lands, the other is a conflict', async () => {
    const read = await asAlex.write((q) => createPatient(q, patientFields('Race, Rita')))
    const save = (store: QueryStore, phone: string) =>
      store
        .write((q) =>
          updatePatient(q, read.id, read.version, { ...patientFields('Race, Rita'), phone })
        )
        .then(
          (patient) => patient.phone,
          (error: { code?: string }) => error.code
        )
    const outcomes = await Promise.all([save(asAlex, '1'), save(asSam, '2')])
    // one phone saved, one refusal: never both, never an internal error or a deadlock
    expect([...outcomes].sort()).toEqual([outcomes.includes('1') ? '1' : '2', 'conflict'])
    const stored = await asSam.read((q) => getPatient(q, read.id))
    expect(stored).toMatchObject({
      version: read.version + 1,
      phone: outcomes.find((outcome) => outcome !== 'conflict')
    })
  })

  it('the same draft, and its issue, from an old version', async () => {
    const patient = await asAlex.write((q) => createPatient(q, patientFields('Draft, Dan')))
    const draft = await asAlex.write((q) =>
      createProgram(q, patient.id, { kind: 'blank' }, 'Knees')
    )
    const { id: exerciseId } = await newExercise()
    const content = (title: string) => ({
      title,
      goals: '',
      startDate: null,
      reviewDate: null,
      items: [{ exerciseId, dose: wallSquat.defaultDose }],
      advice: []
    })
    const alexSaved = await asAlex.write((q) => saveDraft(q, draft.id, draft.version, content('A')))
    const refused = asSam.write((q) => saveDraft(q, draft.id, draft.version, content('S')))
    await expect(refused).rejects.toMatchObject({
      code: 'conflict',
      message: changedBy(alex(), alexSaved.updatedAt)
    })
    await expect(
      asSam.write((q) => issueVersion(q, draft.id, draft.version, true))
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await asSam.read((q) => getVersion(q, draft.id))).toMatchObject({
      title: 'A',
      status: 'draft',
      version: alexSaved.version
    })
  })

  it('the same template, and one of the clinic’s own exercises', async () => {
    const exercise = await newExercise()
    const edit = (store: QueryStore, name: string) =>
      store.write((q) =>
        updateExercise(q, exercise.id, exercise.version, { ...wallSquat, name }, noExtras, [])
      )
    await edit(asAlex, 'Wall sit')
    const current = await asSam.read((q) => getExercise(q, exercise.id))
    await expect(edit(asSam, 'Lost')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(new RegExp(`^Changed by ${alex()} at \\d\\d:\\d\\d`))
    })
    expect(current).toMatchObject({ name: 'Wall sit', version: exercise.version + 1 })

    const patient = await asAlex.write((q) => createPatient(q, patientFields('Temp, Tom')))
    const draft = await asAlex.write((q) =>
      createProgram(q, patient.id, { kind: 'blank' }, 'Knees')
    )
    const template = await asAlex.write((q) => saveTemplateFrom(q, draft.id, 'Our knees'))
    const details = (name: string) => ({
      name,
      description: '',
      goals: '',
      nextId: null,
      painRule: null
    })
    await asAlex.write((q) => updateTemplate(q, template.id, template.version, details('Knees v2')))
    await expect(
      asSam.write((q) => updateTemplate(q, template.id, template.version, details('Lost')))
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(alex()) })
    await expect(
      asSam.write((q) => saveTemplateFrom(q, draft.id, 'Lost', template))
    ).rejects.toMatchObject({ code: 'conflict' })
    expect(await asSam.read((q) => getTemplate(q, template.id))).toMatchObject({
      name: 'Knees v2',
      version: template.version + 1
    })
  })

  it('the clinic’s settings: details and handout options', async () => {
    const { version: unsaved, ...details } = await asSam.read((q) => editClinic(q))
    expect(unsaved).toBe(0)
    await asAlex.write((q) => updateClinic(q, 0, { ...details, clinicName: 'Fjord Physio' }))
    await expect(
      asSam.write((q) => updateClinic(q, 0, { ...details, phone: '22 00 00 00' }))
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(alex()) })
    const { version: seen, ...options } = await asSam.read((q) => editHandoutOptions(q))
    await asAlex.write((q) => setHandoutOptions(q, seen, { ...options, paper: 'LETTER' }))
    await expect(
      asSam.write((q) => setHandoutOptions(q, seen, { ...options, largePrint: true }))
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(alex()) })
    expect(await asSam.read((q) => editClinic(q))).toMatchObject({
      clinicName: 'Fjord Physio',
      phone: '',
      version: 1
    })
  })
})
