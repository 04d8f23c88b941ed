import { describe, expect, it } from 'vitest'
import { describeDose, describeSeconds, emptyDose } from '../../src/shared/dose'

describe('dose in plain words', () => {
  it('reads like the handout example', () => {
    const dose = {
      ...emptyDose,
      sets: 3,
      reps: 10,
      holdSeconds: 5,
      perDay: 2,
      side: 'both' as const
    }
    expect(describeDose(dose)).toBe('3 sets of 10, hold 5 seconds, twice a day, each side')
  })

  it('handles singulars, loads, rest and weekly frequency', () => {
    expect(describeDose({ ...emptyDose, sets: 1, reps: 1 })).toBe('1 set of 1')
    expect(describeDose({ ...emptyDose, reps: 12, load: 'a yellow band' })).toBe(
      '12 repetitions with a yellow band'
    )
    expect(describeDose({ ...emptyDose, load: '2 kg' })).toBe('Use 2 kg')
    expect(describeDose({ ...emptyDose, sets: 3, restSeconds: 90, perWeek: 3 })).toBe(
      '3 sets, rest 1 minute 30 seconds between sets, 3 days a week'
    )
    expect(describeDose({ ...emptyDose, perDay: 1, perWeek: 7 })).toBe('Once a day, every day')
    expect(describeDose({ ...emptyDose, perDay: 3, side: 'alternating' })).toBe(
      '3 times a day, alternating sides'
    )
    expect(describeDose({ ...emptyDose, durationSeconds: 300 })).toBe('For 5 minutes')
  })

  it('is empty for an empty dose and leaves the note out', () => {
    expect(describeDose(emptyDose)).toBe('')
    expect(describeDose({ ...emptyDose, note: 'Go gently' })).toBe('')
  })

  it('words seconds and minutes', () => {
    expect(describeSeconds(1)).toBe('1 second')
    expect(describeSeconds(60)).toBe('1 minute')
    expect(describeSeconds(150)).toBe('2 minutes 30 seconds')
  })
})
