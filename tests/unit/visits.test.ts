import { describe, expect, it } from 'vitest'
import { toIsoDate } from '../../src/shared/dates'
import type {
  Dashboard,
  Patient,
  ProgramSnapshot,
  ProgramVersion,
  Template,
  Visit
} from '../../src/shared/types'
import { activeRedFlags, dashboard } from '../../src/main/core/visits'
import { ok } from './helpers'
import { contractApi, type ContractApi, countOf } from './contract'
import { noOutcomes, visitInput } from './visit-input'

const day = (offset: number) => toIsoDate(new Date(Date.now() + offset * 86_400_000))

async function patient(api: ContractApi, fullName = 'Ørjan Ågren'): Promise<Patient> {
  return ok<Patient>(api, 'patients:create', { fullName, dateOfBirth: '1975-06-30' })
}

describe('red flags across visits', () => {
  it('keeps a flag active from the visit that raised it until one resolves it', async () => {
    const api = await contractApi()
    const { id } = await patient(api)
    const active = () => api.store.read((q) => activeRedFlags(q, id))
    const flags = async () => (await active()).map((flag) => flag.flag)
    await ok(api, 'visits:create', {
      patientId: id,
      ...visitInput({ visitDate: day(-30), visitType: 'initial', redFlags: ['night-pain'] })
    })
    // a follow-up raises a new flag; the first stays active without being ticked again
    const followUp = await ok<Visit>(api, 'visits:create', {
      patientId: id,
      ...visitInput({ visitDate: day(-10), redFlags: ['saddle-numbness'] })
    })
    expect(await flags()).toEqual(['saddle-numbness', 'night-pain'])
    expect((await active())[0]).toMatchObject({ raisedOn: day(-10) })
    const later = await ok<Visit>(api, 'visits:create', {
      patientId: id,
      ...visitInput({
        visitDate: day(-2),
        resolvedFlags: [{ flag: 'saddle-numbness', note: 'MRI clear; symptoms gone' }]
      })
    })
    expect(later.resolvedFlags).toEqual([
      { flag: 'saddle-numbness', note: 'MRI clear; symptoms gone' }
    ])
    expect(await flags()).toEqual(['night-pain'])
    // the follow-up can't resolve its own flag, but an edit keeps it as it was
    const edit = await api.call('visits:update', {
      id: followUp.id,
      ...visitInput({
        visitDate: day(-10),
        resolvedFlags: [{ flag: 'saddle-numbness', note: null }]
      })
    })
    expect(edit.ok).toBe(false)
    expect(await countOf(api, 'visit_red_flags')).toBe(3)
  })

  it('puts the active flags, not an old initial screen, on a new handout', async () => {
    const api = await contractApi()
    const { id } = await patient(api)
    await ok(api, 'visits:create', {
      patientId: id,
      ...visitInput({ visitDate: day(-30), visitType: 'initial', redFlags: ['fever'] })
    })
    await ok(api, 'visits:create', {
      patientId: id,
      ...visitInput({
        visitDate: day(-3),
        redFlags: ['bladder-bowel'],
        resolvedFlags: [{ flag: 'fever', note: null }]
      })
    })
    const [template] = await ok<Template[]>(api, 'templates:list', {})
    const program = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: id,
      source: { kind: 'template', templateId: template!.id }
    })
    await ok(api, 'programs:issue', { versionId: program.id, version: program.version })
    const snapshot = await ok<ProgramSnapshot>(api, 'programs:snapshot', { versionId: program.id })
    expect(snapshot.redFlags).toEqual(['bladder-bowel'])
  })
})

describe('visits', () => {
  it('records an initial assessment with outcomes and a red flag, scored', async () => {
    const api = await contractApi()
    const { id } = await patient(api)
    const created = await ok<Visit>(api, 'visits:create', {
      patientId: id,
      ...visitInput({
        visitDate: day(-14),
        visitType: 'initial',
        redFlags: ['night-pain'],
        subjective: 'Pain after long runs.',
        sessionsDone: 9,
        sessionsPrescribed: 14,
        nextVisitDate: day(0),
        outcomes: {
          nprs: { now: 6, worst24h: 8, afterRunning: 7 },
          odi: [3, 2, 1, 2, 3, 2, 1, null, 2, 1],
          rmdq: 11,
          psfs: [
            { activity: 'Running 5 km', rating: 3 },
            { activity: 'Sitting at work', rating: 5 },
            { activity: 'Lifting my child', rating: 4 }
          ]
        }
      })
    })
    expect(created).toMatchObject({
      visitType: 'initial',
      redFlags: ['night-pain'],
      resolvedFlags: [],
      outcomes: { nprs: { now: 6, worst24h: 8, afterRunning: 7 }, rmdq: 11 },
      scores: { odiPercent: 37.8, psfsMean: 4 }
    })
    expect(created.outcomes.odi).toEqual([3, 2, 1, 2, 3, 2, 1, null, 2, 1])
    expect(created.outcomes.psfs.map((item) => item.activity)).toEqual([
      'Running 5 km',
      'Sitting at work',
      'Lifting my child'
    ])
  })

  it('lists newest first, edits and deletes', async () => {
    const api = await contractApi()
    const { id } = await patient(api)
    const first = await ok<Visit>(api, 'visits:create', {
      patientId: id,
      ...visitInput({ visitDate: day(-20), visitType: 'initial' })
    })
    await ok(api, 'visits:create', { patientId: id, ...visitInput({ visitDate: day(-5) }) })
    expect(
      (await ok<Visit[]>(api, 'visits:list', { patientId: id })).map((v) => v.visitDate)
    ).toEqual([day(-5), day(-20)])
    const edited = await ok<Visit>(api, 'visits:update', {
      id: first.id,
      ...visitInput({ visitDate: day(-21), visitType: 'initial', plan: 'Core work' })
    })
    expect(edited).toMatchObject({ visitDate: day(-21), plan: 'Core work' })
    await ok(api, 'visits:delete', { id: first.id })
    expect(await ok<Visit[]>(api, 'visits:list', { patientId: id })).toHaveLength(1)
    expect(await countOf(api, 'visit_outcomes', { visit_id: first.id })).toBe(0)
  })

  it('links a visit to one of the patient’s program versions only', async () => {
    const api = await contractApi()
    const mine = await patient(api)
    const other = await patient(api, 'Anna Berg')
    const program = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: other.id,
      source: { kind: 'blank' }
    })
    const result = await api.call('visits:create', {
      patientId: mine.id,
      ...visitInput({ programVersionId: program.id })
    })
    expect(result.ok || result.error).toMatchObject({
      message: 'That program version is not one of this patient’s.',
      field: 'programVersionId'
    })
  })

  const bad: [string, Record<string, unknown>, RegExp][] = [
    [
      'NPRS above 10',
      { outcomes: { ...noOutcomes, nprs: { now: 11, worst24h: null, afterRunning: null } } },
      /Pain now must be between 0 and 10/
    ],
    [
      'an ODI section of 6',
      { outcomes: { ...noOutcomes, odi: [6, ...Array(9).fill(null)] } },
      /ODI section must be between 0 and 5/
    ],
    [
      'nine ODI sections',
      { outcomes: { ...noOutcomes, odi: Array(9).fill(1) } },
      /ODI has 10 sections/
    ],
    ['RMDQ of 25', { outcomes: { ...noOutcomes, rmdq: 25 } }, /RMDQ must be between 0 and 24/],
    [
      'two PSFS activities',
      {
        outcomes: {
          ...noOutcomes,
          psfs: [
            { activity: 'a', rating: 1 },
            { activity: 'b', rating: 2 }
          ]
        }
      },
      /PSFS takes 3 to 5 activities/
    ],
    [
      'a PSFS rating of 11',
      {
        outcomes: {
          ...noOutcomes,
          psfs: [
            { activity: 'a', rating: 11 },
            { activity: 'b', rating: 2 },
            { activity: 'c', rating: 2 }
          ]
        }
      },
      /PSFS rating must be between 0 and 10/
    ],
    ['a visit before birth', { visitDate: '1960-01-01' }, /before the patient was born/],
    ['a visit years ahead', { visitDate: day(800) }, /more than a year ahead/],
    [
      'a next visit before this one',
      { visitDate: day(-3), nextVisitDate: day(-10) },
      /next visit can’t be before this one/
    ],
    ['an unknown red flag', { redFlags: ['Feeling sad'] }, /Unknown red flag/],
    ['an unknown program version', { programVersionId: 4242 }, /not one of this patient’s/],
    ['a red flag listed twice', { redFlags: ['fever', 'fever'] }, /listed twice/],
    [
      'resolving a flag that was never raised',
      { resolvedFlags: [{ flag: 'trauma', note: null }] },
      /“Significant trauma” was not active before this visit/
    ],
    [
      'a flag both present and resolved',
      { redFlags: ['fever'], resolvedFlags: [{ flag: 'fever', note: null }] },
      /both present and resolved/
    ]
  ]
  for (const [name, change, message] of bad) {
    it(`refuses ${name}, writing nothing`, async () => {
      const api = await contractApi()
      const { id } = await patient(api)
      const result = await api.call('visits:create', { patientId: id, ...visitInput(change) })
      expect(result.ok || result.error.message).toMatch(message)
      expect(await countOf(api, 'visits')).toBe(0)
    })
  }
})

describe('the follow-up dashboard', () => {
  it('sorts patients into due today, this week, overdue and no next visit', async () => {
    const api = await contractApi()
    const add = async (name: string, next: string | null, type = 'follow-up') => {
      const { id } = await patient(api, name)
      await ok(api, 'visits:create', {
        patientId: id,
        ...visitInput({ visitDate: day(-30), visitType: type, nextVisitDate: next })
      })
      return id
    }
    await add('Today Tove', day(0))
    await add('Week Wim', day(5))
    await add('Later Lea', day(20))
    const late = await add('Late Lars', day(-3))
    await add('Later Late Lou', day(-10))
    await add('None Nina', null)
    await add('Done Dora', null, 'discharge')
    await patient(api, 'New Nils')
    const board = await ok<Dashboard>(api, 'dashboard:get', {})
    expect(board.today.rows.map((row) => row.fullName)).toEqual(['Today Tove'])
    expect(board.thisWeek.rows.map((row) => row.fullName)).toEqual(['Week Wim'])
    expect(board.overdue.rows.map((row) => [row.fullName, row.daysOverdue])).toEqual([
      ['Later Late Lou', 10],
      ['Late Lars', 3]
    ])
    expect(board.noNextVisit.rows.map((row) => row.fullName)).toEqual(['New Nils', 'None Nina'])

    // recording the visit moves the patient off the overdue list
    await ok(api, 'visits:create', { patientId: late, ...visitInput({ nextVisitDate: day(14) }) })
    expect(
      (await api.store.read((q) => dashboard(q, day(0)))).overdue.rows.map((row) => row.fullName)
    ).toEqual(['Later Late Lou'])
  })

  it('answers each list’s total and its first rows, as many as asked', async () => {
    const api = await contractApi()
    for (let n = 0; n < 30; n++) {
      const { id } = await patient(api, `Late ${String(n).padStart(2, '0')}`)
      await ok(api, 'visits:create', {
        patientId: id,
        ...visitInput({ visitDate: day(-60), nextVisitDate: day(-1 - n) })
      })
    }
    const first = await ok<Dashboard>(api, 'dashboard:get', {})
    expect(first.overdue.total).toBe(30)
    expect(first.overdue.rows).toHaveLength(20)
    // the longest overdue first, so the cut keeps the most pressing
    expect(first.overdue.rows[0]).toMatchObject({ fullName: 'Late 29', daysOverdue: 30 })
    const more = await ok<Dashboard>(api, 'dashboard:get', { show: 25 })
    expect(more.overdue.rows).toHaveLength(25)
    expect(await api.call('dashboard:get', { show: 0 })).toMatchObject({ ok: false })
    expect(await api.call('dashboard:get', { show: 5000 })).toMatchObject({
      ok: false,
      error: { message: 'show must be 1000 or fewer' }
    })
  })
})
