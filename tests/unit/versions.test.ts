/**
 * Issue 17's versions on the solo store: every row people edit is saved
 * from the version it was read at; a save from an older one changes nothing
 * and says when the row changed ("in another window": solo mode has no
 * accounts). tests/clinic/versions.test.ts has the same on PostgreSQL.
 */
import { describe, expect, it } from 'vitest'
import { emptyDose } from '../../src/shared/dose'
import type {
  ClinicSettings,
  Exercise,
  HandoutOptions,
  Patient,
  ProgramVersion,
  Template,
  Versioned
} from '../../src/shared/types'
import { changedMessage } from '../../src/main/core/versioned'
import { countRows, memoryApi, ok, type MemoryApi } from './helpers'

/** The refusal solo mode gives a stale save, the time in this computer's own zone. */
const staleInSolo = /^Changed in another window at \d\d:\d\d — reload to see it\.$/

async function refusedAsStale(api: MemoryApi, channel: string, input: unknown): Promise<void> {
  const result = await api.call(channel, input)
  expect(result.ok || result.error.code).toBe('conflict')
  expect(result.ok || result.error.message).toMatch(staleInSolo)
}

const patient = { fullName: 'Ida Holm', dateOfBirth: '1970-07-07' }

describe('versions on the rows people edit (solo)', () => {
  it('patient details: the current version saves and moves on; an old one is refused', async () => {
    const api = memoryApi()
    const created = await ok<Patient>(api, 'patients:create', patient)
    expect(created.version).toBe(1)
    const first = await ok<Patient>(api, 'patients:update', {
      ...patient,
      id: created.id,
      version: created.version,
      phone: '555 0101'
    })
    expect(first.version).toBe(2)
    // the other window still shows version 1
    await refusedAsStale(api, 'patients:update', {
      ...patient,
      id: created.id,
      version: created.version,
      phone: '555 9999'
    })
    expect((await ok<Patient>(api, 'patients:get', { id: created.id })).phone).toBe('555 0101')
    // only the first save is in the audit trail
    expect(countRows(api.db, 'audit_log', "action = 'update'")).toBe(1)
    const again = await ok<Patient>(api, 'patients:update', {
      ...patient,
      id: created.id,
      version: first.version,
      phone: '555 0202'
    })
    expect(again).toMatchObject({ version: 3, phone: '555 0202' })
  })

  it('drafts: each save answers the next one’s base; a save or issue from an old one is refused', async () => {
    const api = memoryApi()
    const { id: patientId } = await ok<Patient>(api, 'patients:create', patient)
    const draft = await ok<ProgramVersion>(api, 'programs:create', {
      patientId,
      source: { kind: 'blank' }
    })
    const content = (title: string, version: number) => ({
      versionId: draft.id,
      version,
      title,
      goals: '',
      startDate: null,
      reviewDate: null,
      items: [{ exerciseId: 1, dose: { ...emptyDose, reps: 10, perDay: 1 } }],
      advice: []
    })
    // a fast typist's saves in a row, each from the answer before
    let base = draft.version
    for (const title of ['K', 'Kn', 'Knees']) {
      base = (await ok<ProgramVersion>(api, 'programs:save', content(title, base))).version
    }
    expect(base).toBe(draft.version + 3)
    await refusedAsStale(api, 'programs:save', content('Hips', draft.version))
    await refusedAsStale(api, 'programs:issue', { versionId: draft.id, version: base - 1 })
    const kept = await ok<ProgramVersion>(api, 'programs:get', { versionId: draft.id })
    expect(kept).toMatchObject({ title: 'Knees', status: 'draft', version: base })
    const issued = await ok<ProgramVersion>(api, 'programs:issue', {
      versionId: draft.id,
      version: base
    })
    expect(issued).toMatchObject({ status: 'issued', version: base + 1 })
  })

  it('templates: details, a whole edit and a replace from a program each refuse an old version', async () => {
    const api = memoryApi()
    const { id: patientId } = await ok<Patient>(api, 'patients:create', patient)
    const draft = await ok<ProgramVersion>(api, 'programs:create', {
      patientId,
      source: { kind: 'template', templateId: 1 }
    })
    const mine = await ok<Template>(api, 'templates:saveFrom', {
      versionId: draft.id,
      name: 'Mine'
    })
    const details = { description: '', goals: '', nextId: null, painRule: null }
    const renamed = await ok<Template>(api, 'templates:update', {
      ...details,
      id: mine.id,
      version: mine.version,
      name: 'Mine, renamed'
    })
    expect(renamed.version).toBe(mine.version + 1)
    await refusedAsStale(api, 'templates:update', {
      ...details,
      id: mine.id,
      version: mine.version,
      name: 'Lost'
    })
    await refusedAsStale(api, 'templates:save', {
      ...details,
      id: mine.id,
      version: mine.version,
      name: 'Lost',
      items: [],
      adviceIds: [],
      walkRun: null
    })
    await refusedAsStale(api, 'templates:saveFrom', {
      versionId: draft.id,
      name: 'Lost',
      replace: { id: mine.id, version: mine.version }
    })
    const stored = (await ok<Template[]>(api, 'templates:list', {})).find((t) => t.id === mine.id)
    expect(stored).toMatchObject({ name: 'Mine, renamed', version: renamed.version })
    expect(stored!.items).toEqual(mine.items)
    // an id without a version is a bug the boundary refuses, not a blind overwrite
    const blind = await api.call('templates:save', {
      ...details,
      id: mine.id,
      name: 'Blind',
      items: [],
      adviceIds: [],
      walkRun: null
    })
    expect(blind.ok || blind.error).toMatchObject({ code: 'invalid_input', field: 'version' })
  })

  it('the clinic’s own exercises: an edit from an old version is refused, photos and all', async () => {
    const api = memoryApi()
    const fields = {
      name: 'Wall squat',
      summary: '',
      steps: ['Slide down the wall.'],
      category: 'strengthening',
      bodyRegions: ['knee'],
      position: 'standing',
      equipment: [],
      difficulty: 'easy',
      caution: null,
      defaultDose: emptyDose,
      photos: []
    }
    const created = await ok<Exercise>(api, 'exercises:create', fields)
    const edited = await ok<Exercise>(api, 'exercises:update', {
      ...fields,
      id: created.id,
      version: created.version,
      name: 'Wall sit'
    })
    expect(edited.version).toBe(created.version + 1)
    await refusedAsStale(api, 'exercises:update', {
      ...fields,
      id: created.id,
      version: created.version,
      name: 'Lost'
    })
    expect((await ok<Exercise>(api, 'exercises:get', { id: created.id })).name).toBe('Wall sit')
    // a favourite is no edit of the exercise: it leaves the version alone
    const starred = await ok<Exercise>(api, 'exercises:favourite', {
      id: created.id,
      favourite: true
    })
    expect(starred.version).toBe(edited.version)
  })

  it('settings: the first save names version 0, and two first saves can’t both land', async () => {
    const api = memoryApi()
    const blank = await ok<ClinicSettings & Versioned>(api, 'clinic:get', {})
    expect(blank.version).toBe(0)
    const named = await ok<ClinicSettings & Versioned>(api, 'clinic:update', {
      ...blank,
      clinicName: 'Fjord Physio'
    })
    expect(named.version).toBe(1)
    await refusedAsStale(api, 'clinic:update', { ...blank, clinicName: 'Lost' })
    expect((await ok<ClinicSettings>(api, 'clinic:get', {})).clinicName).toBe('Fjord Physio')

    const options = await ok<HandoutOptions & Versioned>(api, 'handouts:options', {})
    const letter = await ok<HandoutOptions & Versioned>(api, 'handouts:setOptions', {
      ...options,
      paper: 'LETTER'
    })
    expect(letter).toMatchObject({ paper: 'LETTER', version: 1 })
    await refusedAsStale(api, 'handouts:setOptions', { ...options, largePrint: true })
    await refusedAsStale(api, 'handouts:setOptions', { ...letter, version: 7 })
    expect(await ok(api, 'handouts:options', {})).toEqual(letter)
  })

  it('refuses an update that names no version at the boundary', async () => {
    const api = memoryApi()
    const created = await ok<Patient>(api, 'patients:create', patient)
    const blind = await api.call('patients:update', { ...patient, id: created.id })
    expect(blind.ok || blind.error).toMatchObject({
      code: 'invalid_input',
      field: 'version',
      message: 'A save must name the version it was based on'
    })
  })
})

describe('the conflict message', () => {
  const now = new Date(2026, 10, 28, 15, 30)
  const at = new Date(2026, 10, 28, 10, 42).toISOString()

  it('names the account, or says it was you elsewhere, at the clinic’s local time', () => {
    expect(changedMessage({ at, by: { name: 'Alex', mine: false } }, now)).toBe(
      'Changed by Alex at 10:42 — reload to see it.'
    )
    expect(changedMessage({ at, by: { name: 'Alex', mine: true } }, now)).toBe(
      'Changed by you in another window at 10:42 — reload to see it.'
    )
    expect(changedMessage({ at, by: { name: null, mine: false } }, now)).toBe(
      'Changed by someone else at 10:42 — reload to see it.'
    )
    expect(changedMessage({ at, by: null }, now)).toBe(
      'Changed in another window at 10:42 — reload to see it.'
    )
  })

  it('adds the date when it was not today, and no time when none was recorded', () => {
    const before = new Date(2026, 10, 27, 9, 5).toISOString()
    expect(changedMessage({ at: before, by: { name: 'Sam', mine: false } }, now)).toBe(
      'Changed by Sam on 2026-11-27 at 09:05 — reload to see it.'
    )
    expect(changedMessage({ at: null, by: null }, now)).toBe(
      'Changed in another window — reload to see it.'
    )
  })
})
