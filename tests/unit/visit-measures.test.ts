/** The lower-limb and running measures through the api: stored, scored, validated, chosen. */
import { describe, expect, it } from 'vitest'
import type { AuditEntry, Patient, Visit, VisitOutcomes } from '../../src/shared/types'
import { ok } from './helpers'
import { contractApi, type ContractApi, countOf } from './contract'
import { noOutcomes, visitInput } from './visit-input'

const patient = (api: ContractApi) =>
  ok<Patient>(api, 'patients:create', { fullName: 'Zoë Łukasiewicz', dateOfBirth: '1988-02-29' })

const measured: VisitOutcomes = {
  ...noOutcomes,
  legNprs: 5,
  lefs: [4, 3, 3, 4, 4, 2, 3, 4, 2, 4, 4, 3, 3, 3, 4, 1, 1, 0, 0, 4],
  visaA: [6, 5, 8, 7, 5, 3, 4, 10],
  startBack: [1, 0, 1, 0, 1, 1, 0, 1, 1],
  groc: 4,
  running: { runsPerWeek: 3, weeklyKm: 18.5, longestKm: 8, pain: 4 }
}

describe('lower-limb and running measures at a visit', () => {
  it('stores each item and scores LEFS, VISA-A and STarT Back', async () => {
    const api = await contractApi()
    const { id } = await patient(api)
    const visit = await ok<Visit>(api, 'visits:create', {
      patientId: id,
      ...visitInput({ outcomes: measured })
    })
    expect(visit.outcomes).toEqual(measured)
    expect(visit.scores).toMatchObject({
      lefsTotal: 56,
      visaATotal: 48,
      startBack: { total: 6, psychosocial: 4, risk: 'high' }
    })
    // 1 leg pain + 20 LEFS + 8 VISA-A + 9 STarT Back + 1 GROC + 4 running values
    expect(await countOf(api, 'visit_outcomes')).toBe(43)
  })

  it('leaves a questionnaire with a blank item unscored, and the old shape of a visit still works', async () => {
    const api = await contractApi()
    const { id } = await patient(api)
    const lefs: (number | null)[] = [...measured.lefs]
    lefs[7] = null
    const visit = await ok<Visit>(api, 'visits:create', {
      patientId: id,
      ...visitInput({ outcomes: { ...measured, lefs, startBack: [1, 0, 1, 0, 1, 1, 0, 1, null] } })
    })
    expect(visit.outcomes.lefs[7]).toBeNull()
    expect(visit.scores).toMatchObject({ lefsTotal: null, startBack: null, visaATotal: 48 })
    // a caller that knows only NPRS, ODI, RMDQ and PSFS records a visit as before
    const { nprs, odi, rmdq, psfs } = noOutcomes
    const old = await ok<Visit>(api, 'visits:create', {
      patientId: id,
      ...visitInput({ outcomes: { nprs: { ...nprs, now: 3 }, odi, rmdq, psfs } })
    })
    expect(old.outcomes).toEqual({ ...noOutcomes, nprs: { ...nprs, now: 3 } })
  })

  const invalid: [string, Record<string, unknown>, string, string][] = [
    [
      'a LEFS item over 4',
      { lefs: measured.lefs.map((s, i) => (i === 3 ? 5 : s)) },
      'outcomes.lefs.3',
      'LEFS item 4 (Indoor walking) must be between 0 and 4'
    ],
    ['a short LEFS', { lefs: [4, 4] }, 'outcomes.lefs', 'LEFS takes 20 item scores'],
    [
      'VISA-A item 1 over 10',
      { visaA: [11, 5, 8, 7, 5, 3, 4, 10] },
      'outcomes.visaA.0',
      'VISA-A item 1 (Morning stiffness) must be between 0 and 10'
    ],
    [
      'VISA-A item 8 over 30',
      { visaA: [6, 5, 8, 7, 5, 3, 4, 31] },
      'outcomes.visaA.7',
      'VISA-A item 8 (Training with symptoms) must be between 0 and 30'
    ],
    [
      'VISA-A item 7 of 5',
      { visaA: [6, 5, 8, 7, 5, 3, 5, 10] },
      'outcomes.visaA.6',
      'VISA-A item 7 (Sport now) is scored 0, 4, 7 or 10'
    ],
    [
      'a STarT Back item of 2',
      { startBack: [2, 0, 1, 0, 1, 1, 0, 1, 1] },
      'outcomes.startBack.0',
      'STarT Back item 1 (Leg pain) must be between 0 and 1'
    ],
    [
      'a GROC of 8',
      { groc: 8 },
      'outcomes.groc',
      'Global rating of change must be between −7 and +7'
    ],
    ['leg pain of 11', { legNprs: 11 }, 'outcomes.legNprs', 'Leg pain must be between 0 and 10'],
    [
      'a negative distance',
      { running: { ...measured.running, weeklyKm: -1 } },
      'outcomes.running.weeklyKm',
      "Weekly distance can't be negative"
    ],
    [
      'a distance to the metre',
      { running: { ...measured.running, longestKm: 8.25 } },
      'outcomes.running.longestKm',
      'Longest run takes one decimal at most'
    ],
    [
      'running pain of 12',
      { running: { ...measured.running, pain: 12 } },
      'outcomes.running.pain',
      'Pain during running must be between 0 and 10'
    ]
  ]
  for (const [what, change, field, message] of invalid) {
    it(`refuses ${what} with a readable message`, async () => {
      const api = await contractApi()
      const { id } = await patient(api)
      const result = await api.call('visits:create', {
        patientId: id,
        ...visitInput({ outcomes: { ...measured, ...change } })
      })
      expect(result).toMatchObject({ ok: false, error: { field, message } })
      expect(await countOf(api, 'visits')).toBe(0)
    })
  }
})

describe('the measures a patient uses', () => {
  it('start as NPRS, ODI, RMDQ and PSFS and are chosen per patient, in list order, audited', async () => {
    const api = await contractApi()
    const created = await patient(api)
    expect(created.measures).toEqual(['nprs', 'odi', 'rmdq', 'psfs'])
    const chosen = await ok<Patient>(api, 'patients:setMeasures', {
      id: created.id,
      measures: ['running', 'lefs', 'nprs']
    })
    expect(chosen.measures).toEqual(['nprs', 'lefs', 'running'])
    expect((await ok<Patient>(api, 'patients:get', { id: created.id })).measures).toEqual([
      'nprs',
      'lefs',
      'running'
    ])
    const history = await ok<AuditEntry[]>(api, 'patients:history', { id: created.id })
    expect(history.some((entry) => entry.fields.includes('measures'))).toBe(true)
    // editing the patient's details keeps their measures
    await ok(api, 'patients:update', {
      id: created.id,
      version: created.version,
      fullName: 'Zoë Łukasiewicz',
      dateOfBirth: '1988-02-29',
      condition: 'Achilles tendinopathy'
    })
    expect((await ok<Patient>(api, 'patients:get', { id: created.id })).measures).toEqual([
      'nprs',
      'lefs',
      'running'
    ])
  })

  it('refuses an empty choice, an unknown measure and a repeat', async () => {
    const api = await contractApi()
    const { id } = await patient(api)
    const set = (measures: unknown) => api.call('patients:setMeasures', { id, measures })
    expect(await set([])).toMatchObject({
      ok: false,
      error: { message: 'Choose at least one measure' }
    })
    expect(await set(['koos'])).toMatchObject({ ok: false, error: { message: 'Unknown measure' } })
    expect(await set(['lefs', 'lefs'])).toMatchObject({
      ok: false,
      error: { message: 'A measure is listed twice' }
    })
    expect((await ok<Patient>(api, 'patients:get', { id })).measures).toEqual([
      'nprs',
      'odi',
      'rmdq',
      'psfs'
    ])
  })
})
