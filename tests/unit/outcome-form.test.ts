/** The visit form's outcome part and the progress charts, as plain functions. */
import { describe, expect, it } from 'vitest'
import type { Visit, VisitFields } from '../../src/shared/types'
import {
  outcomeDraft,
  outcomeForm,
  shownMeasures
} from '../../src/renderer/src/components/visits/outcome-form'
import { progressSeries } from '../../src/renderer/src/progress'
import { noOutcomes, visitInput } from './visit-input'
import { lefsTotal, startBackScore } from '../../src/shared/measures'

function visit(id: number, visitDate: string, outcomes: Partial<Visit['outcomes']>): Visit {
  const all = { ...noOutcomes, ...outcomes }
  return {
    ...(visitInput({ visitDate, outcomes: all }) as unknown as VisitFields),
    id,
    patientId: 1,
    createdAt: '',
    updatedAt: '',
    scores: {
      odiPercent: null,
      psfsMean: null,
      lefsTotal: lefsTotal(all.lefs),
      visaATotal: null,
      startBack: startBackScore(all.startBack)
    }
  }
}

describe('the visit form’s measures', () => {
  it('shows the chosen measures, and any the edited visit recorded', () => {
    expect(shownMeasures(['lefs', 'nprs'], null)).toEqual(['nprs', 'lefs'])
    const old = visit(1, '2026-01-01', { rmdq: 8, running: { ...noOutcomes.running, weeklyKm: 5 } })
    expect(shownMeasures(['lefs'], old)).toEqual(['rmdq', 'lefs', 'running'])
  })

  it('carries PSFS activities to a new visit unrated, and sends only rated ones', () => {
    const psfs = [
      { activity: 'Running', rating: 3 },
      { activity: 'Stairs', rating: 5 },
      { activity: 'Squatting', rating: 4 }
    ]
    const form = outcomeForm(null, visit(1, '2026-01-01', { psfs }))
    expect(form.psfs.map((item) => [item.activity, item.rating])).toEqual([
      ['Running', null],
      ['Stairs', null],
      ['Squatting', null],
      ['', null],
      ['', null]
    ])
    form.psfs[0]!.rating = 6
    expect(outcomeDraft(form).psfs).toEqual([{ activity: 'Running', rating: 6 }])
  })
})

describe('progress series', () => {
  it('judges LEFS and states running load and STarT Back risk in words', () => {
    const first = visit(1, '2026-01-01', {
      lefs: Array<number>(20).fill(2),
      running: { runsPerWeek: 2, weeklyKm: 10, longestKm: 5, pain: 4 },
      startBack: [1, 1, 1, 0, 1, 1, 1, 1, 0],
      groc: null
    })
    const last = visit(2, '2026-02-01', {
      lefs: Array<number>(20).fill(3),
      running: { runsPerWeek: 3, weeklyKm: 20, longestKm: 8, pain: 1 },
      startBack: [1, 0, 0, 0, 0, 1, 0, 0, 0],
      groc: 5
    })
    const series = progressSeries([last, first])
    const sentence = (key: string) => series.find((item) => item.key === key)?.sentence
    expect(series.map((item) => item.key)).toEqual([
      'lefs',
      'startBack',
      'groc',
      'runningPain',
      'runningLoad'
    ])
    expect(sentence('lefs')).toBe(
      'LEFS 40 → 60: improved 20 points, more than the 9-point threshold (Binkley 1999).'
    )
    expect(sentence('startBack')).toBe(
      'STarT Back 7 (high risk) → 2 (low risk): risk groups by Hill 2008.'
    )
    expect(sentence('groc')).toBe('GROC at the latest visit: +5 (a good deal better).')
    expect(sentence('runningPain')).toBe(
      'Pain during running 4 → 1: improved 3 points, more than the 2-point threshold (Farrar 2001).'
    )
    expect(sentence('runningLoad')).toBe(
      'Weekly distance 10 km → 20 km, longest run 5 km → 8 km, 2 → 3 runs a week.'
    )
    expect(series.find((item) => item.key === 'runningLoad')?.lines).toEqual([
      { label: 'Weekly distance (km)', values: [10, 20] },
      { label: 'Longest run (km)', values: [5, 8] }
    ])
  })
})
