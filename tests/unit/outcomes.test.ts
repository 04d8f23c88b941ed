import { describe, expect, it } from 'vitest'
import { describeChange, odiBand, odiPercent, psfsMean } from '../../src/shared/outcomes'

describe('ODI', () => {
  it('scores all ten sections: sum / 50 × 100', () => {
    // worked example: 3+2+1+2+3+2+1+0+2+1 = 17 of 50 = 34%
    expect(odiPercent([3, 2, 1, 2, 3, 2, 1, 0, 2, 1])).toBe(34)
    expect(odiPercent([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(0)
    expect(odiPercent([5, 5, 5, 5, 5, 5, 5, 5, 5, 5])).toBe(100)
  })

  it('scores with one section missing over 45', () => {
    // 17 of 45 answered points (sex life left blank) = 37.8%
    expect(odiPercent([3, 2, 1, 2, 3, 2, 1, null, 2, 1])).toBe(37.8)
  })

  it('scores with two sections missing over 40', () => {
    // 16 of 40 = 40%
    expect(odiPercent([3, 2, 1, 2, 3, null, 1, null, 2, 2])).toBe(40)
  })

  it('is not computed with fewer than 8 sections answered', () => {
    expect(odiPercent([3, 2, 1, 2, 3, null, 1, null, null, 2])).toBeNull()
    expect(odiPercent([])).toBeNull()
  })

  it('bands the percent', () => {
    expect([0, 20, 21, 40, 41, 60, 61, 80, 81, 100].map(odiBand)).toEqual([
      'minimal',
      'minimal',
      'moderate',
      'moderate',
      'severe',
      'severe',
      'crippling',
      'crippling',
      'bed-bound',
      'bed-bound'
    ])
  })
})

describe('PSFS', () => {
  it('is the mean of the activity ratings', () => {
    expect(psfsMean([3, 5, 4])).toBe(4)
    expect(psfsMean([2, 5, 6, 7])).toBe(5)
    expect(psfsMean([1, 2, 2, 3, 4])).toBe(2.4)
    expect(psfsMean([7, 8, 8])).toBe(7.7)
    expect(psfsMean([])).toBeNull()
  })
})

describe('clinically important change', () => {
  it('words the change as the therapist reads it', () => {
    expect(describeChange('odi', 42, 24).sentence).toBe(
      'ODI 42% → 24%: improved 18 points, more than the 10-point threshold (Ostelo 2008).'
    )
    expect(describeChange('nprs', 6, 5).sentence).toBe(
      'NPRS 6 → 5: improved 1 point, less than the 2-point threshold (Ostelo 2008).'
    )
    expect(describeChange('psfs', 3, 6).sentence).toBe(
      'PSFS 3 → 6: improved 3 points, more than the 2-point threshold (Stratford 1995).'
    )
    expect(describeChange('rmdq', 8, 14).sentence).toBe(
      'RMDQ 8 → 14: worse by 6 points, more than the 5-point threshold (Ostelo 2008).'
    )
    expect(describeChange('nprs', 4, 4).sentence).toBe('NPRS 4 → 4: no change.')
  })

  const cases: [Parameters<typeof describeChange>, boolean, number][] = [
    // NPRS: 2 points
    [['nprs', 7, 6], false, 1],
    [['nprs', 7, 5], true, 2],
    [['nprs', 7, 4], true, 3],
    // ODI: 10 points
    [['odi', 40, 31], false, 9],
    [['odi', 20, 14], true, 6], // 30% relative (Ostelo 2008)
    [['odi', 20, 15], false, 5],
    [['odi', 40, 30], true, 10],
    [['odi', 40, 29], true, 11],
    // RMDQ: 5 points
    [['rmdq', 12, 8], false, 4],
    [['rmdq', 12, 7], true, 5],
    [['rmdq', 12, 6], true, 6],
    // PSFS: 2 points, higher is better
    [['psfs', 4, 5.9], false, 1.9],
    [['psfs', 4, 6], true, 2],
    [['psfs', 4, 6.1], true, 2.1],
    [['psfs', 6, 4], true, -2]
  ]
  for (const [[measure, from, to], important, improvement] of cases) {
    it(`${measure} ${from} → ${to} is ${important ? '' : 'not '}important`, () => {
      const change = describeChange(measure, from, to)
      expect(change.important).toBe(important)
      expect(change.improvement).toBe(improvement)
    })
  }

  it('says when the threshold is exactly reached', () => {
    expect(describeChange('odi', 40, 30).sentence).toBe(
      'ODI 40% → 30%: improved 10 points, reaching the 10-point threshold (Ostelo 2008).'
    )
  })

  it('reports an ODI relative improvement of 30% when the 10 points are not reached', () => {
    const change = describeChange('odi', 20, 12)
    expect(change.sentence).toBe(
      'ODI 20% → 12%: improved 8 points, less than the 10-point threshold (Ostelo 2008), but a 40% improvement, reaching the 30% threshold.'
    )
    expect(change.important).toBe(true)
    // under 30% relative and under 10 points: not important, no relative clause
    expect(describeChange('odi', 40, 31)).toMatchObject({ important: false })
    expect(describeChange('odi', 40, 31).sentence).not.toMatch(/%\s*improvement/)
    // a relative worsening is never reported as the relative threshold
    expect(describeChange('odi', 10, 16).sentence).not.toMatch(/30% threshold/)
  })
})
