import { describe, expect, it } from 'vitest'
import { emptyDose } from '../../src/shared/dose'
import type { AuditEntry, Patient, ProgramVersion, Visit } from '../../src/shared/types'
import { memoryApi, ok } from './helpers'
import { noOutcomes, visitInput } from './visit-input'

const visit = visitInput({
  visitDate: '2026-02-01',
  visitType: 'initial',
  subjective: 'Sore after running.',
  outcomes: { ...noOutcomes, nprs: { now: 5, worst24h: null, afterRunning: null } }
})

describe('the audit trail', () => {
  it('records each change to patient data with the changed fields’ names, never their content', async () => {
    const api = memoryApi()
    const patient = await ok<Patient>(api, 'patients:create', {
      fullName: 'Ida Holm',
      dateOfBirth: '1970-07-07',
      notes: 'Private note'
    })
    await ok(api, 'patients:update', {
      id: patient.id,
      version: patient.version,
      fullName: 'Ida Holm',
      dateOfBirth: '1970-07-07',
      phone: '555 0101',
      notes: 'Changed private note'
    })
    await ok(api, 'patients:archive', { id: patient.id, archived: true })
    const created = await ok<Visit>(api, 'visits:create', { patientId: patient.id, ...visit })
    await ok(api, 'visits:update', { id: created.id, ...visit, plan: 'Core work' })
    await ok(api, 'visits:delete', { id: created.id })
    const program = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'blank' }
    })
    const saved = await ok<ProgramVersion>(api, 'programs:save', {
      versionId: program.id,
      version: program.version,
      title: 'Knees',
      goals: '',
      startDate: null,
      reviewDate: null,
      items: [
        {
          exerciseId: 1,
          dose: { ...emptyDose, reps: 10, perDay: 1 }
        }
      ],
      advice: []
    })
    await ok(api, 'programs:issue', { versionId: program.id, version: saved.version })

    const trail = await ok<AuditEntry[]>(api, 'patients:history', { id: patient.id })
    expect(trail.map((entry) => [entry.entity, entry.action, entry.fields])).toEqual([
      ['program', 'issue', []],
      ['visit', 'delete', []],
      ['visit', 'update', ['plan']],
      ['visit', 'create', ['visitDate', 'visitType', 'subjective', 'outcomes']],
      ['patient', 'archive', []],
      ['patient', 'update', ['phone', 'notes']],
      ['patient', 'create', ['fullName', 'dateOfBirth', 'notes']]
    ])
    const stored = JSON.stringify(api.db.prepare('SELECT * FROM audit_log').all())
    for (const content of [
      'Ida Holm',
      'Private note',
      '555 0101',
      'Sore after running',
      'Core work'
    ]) {
      expect(stored).not.toContain(content)
    }
  })

  it('is append-only', async () => {
    const api = memoryApi()
    await ok(api, 'patients:create', { fullName: 'Ida Holm', dateOfBirth: '1970-07-07' })
    expect(() => api.db.prepare("UPDATE audit_log SET action = 'update'").run()).toThrow(
      /append-only/
    )
    expect(() => api.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
  })

  it('keeps the erase itself, with nothing that names the patient', async () => {
    const api = memoryApi()
    const patient = await ok<Patient>(api, 'patients:create', {
      fullName: 'Ida Holm',
      dateOfBirth: '1970-07-07'
    })
    await ok(api, 'patients:erase', { id: patient.id, confirmName: 'Ida Holm' })
    const rows = api.db.prepare('SELECT entity, action FROM audit_log ORDER BY id').all()
    expect(rows).toEqual([
      { entity: 'patient', action: 'create' },
      { entity: 'patient', action: 'erase' }
    ])
  })
})
