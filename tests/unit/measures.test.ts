import { describe, expect, it } from 'vitest'
import {
  describeRunningLoad,
  formatGroc,
  grocWords,
  inMeasureOrder,
  lefsTotal,
  startBackScore,
  visaATotal
} from '../../src/shared/measures'
import { describeChange } from '../../src/shared/outcomes'

const lefs = (...scores: (number | null)[]) =>
  [...scores, ...Array<number>(20).fill(2)].slice(0, 20)

describe('LEFS (Binkley 1999)', () => {
  it('totals the 20 item scores, 0–80', () => {
    expect(lefsTotal(Array<number>(20).fill(4))).toBe(80)
    expect(lefsTotal(Array<number>(20).fill(0))).toBe(0)
    // 4 + 3 + 1 + 0 and sixteen 2s = 8 + 32 = 40
    expect(lefsTotal(lefs(4, 3, 1, 0))).toBe(40)
  })

  it('is not scored with any item left blank: the paper gives no rule for missing items', () => {
    expect(lefsTotal(lefs(null))).toBeNull()
    expect(lefsTotal(Array<null>(20).fill(null))).toBeNull()
    // a list of the wrong length is never scored
    expect(lefsTotal(Array<number>(19).fill(4))).toBeNull()
  })
})

describe('VISA-A (Robinson 2001)', () => {
  it('totals the 8 items, 0–100, item 8 counting up to 30', () => {
    expect(visaATotal([10, 10, 10, 10, 10, 10, 10, 30])).toBe(100)
    expect(visaATotal([0, 0, 0, 0, 0, 0, 0, 0])).toBe(0)
    expect(visaATotal([5, 6, 7, 4, 3, 2, 4, 15])).toBe(46)
  })

  it('needs all 8 items', () => {
    expect(visaATotal([5, 6, 7, 4, 3, 2, 4, null])).toBeNull()
    expect(visaATotal([null, 6, 7, 4, 3, 2, 4, 15])).toBeNull()
  })
})

describe('Keele STarT Back (Hill 2008)', () => {
  const items = (...ones: number[]) =>
    Array.from({ length: 9 }, (_, index) => (ones.includes(index + 1) ? 1 : 0))

  it('totals all nine items and the psychosocial subscale (items 5–9)', () => {
    expect(startBackScore(items(1, 2, 5, 9))).toEqual({ total: 4, psychosocial: 2, risk: 'medium' })
    expect(startBackScore(items(1, 2, 3, 4, 5, 6, 7, 8, 9))).toEqual({
      total: 9,
      psychosocial: 5,
      risk: 'high'
    })
  })

  const groups: [number[], 'low' | 'medium' | 'high'][] = [
    [[], 'low'],
    [[1, 2, 3], 'low'],
    // a total of 3 is low risk even when all three are psychosocial
    [[5, 6, 7], 'low'],
    [[1, 2, 3, 4], 'medium'],
    [[1, 2, 5, 6, 7], 'medium'], // total 5, subscale 3
    [[5, 6, 7, 8], 'high'], // total 4, subscale 4
    [[1, 5, 6, 7, 9], 'high'],
    [[1, 2, 3, 4, 5, 6, 7], 'medium'] // total 7, subscale 3
  ]
  for (const [ones, risk] of groups) {
    it(`items ${ones.join(', ') || 'none'} scoring 1 are ${risk} risk`, () => {
      expect(startBackScore(items(...ones))?.risk).toBe(risk)
    })
  }

  it('needs all nine items', () => {
    const missing: (number | null)[] = items(1, 2, 3, 4, 5)
    missing[8] = null
    expect(startBackScore(missing)).toBeNull()
    expect(startBackScore(items(1).slice(0, 8))).toBeNull()
  })
})

describe('Global Rating of Change', () => {
  it('words each rating as the 15-point scale does (Jaeschke 1989)', () => {
    expect(grocWords(0)).toBe('no change')
    expect(grocWords(1)).toBe('almost the same, hardly any better at all')
    expect(grocWords(-1)).toBe('almost the same, hardly any worse at all')
    expect(grocWords(3)).toBe('somewhat better')
    expect(grocWords(5)).toBe('a good deal better')
    expect(grocWords(-4)).toBe('moderately worse')
    expect(grocWords(7)).toBe('a very great deal better')
    expect(grocWords(-7)).toBe('a very great deal worse')
    expect(formatGroc(5)).toBe('+5 (a good deal better)')
    expect(formatGroc(-2)).toBe('-2 (a little worse)')
  })
})

describe('running load', () => {
  const load = (runsPerWeek: number | null, weeklyKm: number | null, longestKm: number | null) => ({
    runsPerWeek,
    weeklyKm,
    longestKm,
    pain: null
  })

  it('states the change without judging it', () => {
    expect(describeRunningLoad(load(2, 10, 4), load(4, 25.5, 10))).toBe(
      'Weekly distance 10 km → 25.5 km, longest run 4 km → 10 km, 2 → 4 runs a week.'
    )
    expect(describeRunningLoad(load(null, 10, null), load(3, 12, 6))).toBe(
      'Weekly distance 10 km → 12 km.'
    )
    expect(describeRunningLoad(load(null, null, 5), load(3, 12, null))).toBeNull()
  })
})

describe('the new measures’ clinically important change', () => {
  it('names each threshold and its source', () => {
    expect(describeChange('lefs', 40, 52).sentence).toBe(
      'LEFS 40 → 52: improved 12 points, more than the 9-point threshold (Binkley 1999).'
    )
    expect(describeChange('lefs', 40, 48)).toMatchObject({ important: false, improvement: 8 })
    expect(describeChange('lefs', 40, 49)).toMatchObject({ important: true, improvement: 9 })
    expect(describeChange('visaA', 46, 60).sentence).toBe(
      'VISA-A 46 → 60: improved 14 points, more than the 6.5-point threshold (McCormack 2015).'
    )
    expect(describeChange('visaA', 46, 52)).toMatchObject({ important: false })
    expect(describeChange('legNprs', 6, 3).sentence).toBe(
      'Leg pain NPRS 6 → 3: improved 3 points, more than the 2-point threshold (Farrar 2001).'
    )
    expect(describeChange('runningPain', 2, 5).sentence).toBe(
      'Pain during running 2 → 5: worse by 3 points, more than the 2-point threshold (Farrar 2001).'
    )
  })
})

describe('a patient’s measures', () => {
  it('keep the order of the measures list', () => {
    expect(inMeasureOrder(['running', 'lefs', 'nprs'])).toEqual(['nprs', 'lefs', 'running'])
  })
})
