import { describe, expect, it } from 'vitest'
import {
  describeDose,
  describeSeconds,
  doseNoteConflicts,
  emptyDose,
  incompleteDoses,
  sessionsPerDay
} from '../../src/shared/dose'

describe('dose in plain words', () => {
  it('reads like the handout example, the side before the frequency', () => {
    const dose = {
      ...emptyDose,
      sets: 3,
      reps: 10,
      holdSeconds: 5,
      perDay: 2,
      side: 'both' as const
    }
    expect(describeDose(dose)).toBe('3 sets of 10 each side, hold 5 seconds, twice a day')
  })

  it('says that an alternating count is per side', () => {
    expect(describeDose({ ...emptyDose, reps: 10, side: 'alternating', perWeek: 3 })).toBe(
      '10 repetitions each side, alternating sides, 3 days a week'
    )
    expect(describeDose({ ...emptyDose, perDay: 3, side: 'alternating' })).toBe(
      'Alternating sides, 3 times a day'
    )
  })

  it('puts the side after a hold or a time when nothing is counted', () => {
    expect(describeDose({ ...emptyDose, holdSeconds: 30, side: 'both', perDay: 1 })).toBe(
      'Hold 30 seconds each side, once a day'
    )
    expect(describeDose({ ...emptyDose, reps: 8, side: 'left', perWeek: 3 })).toBe(
      '8 repetitions on the left side, 3 days a week'
    )
  })

  it('says how many times a hold is done, rather than "3 sets" of nothing', () => {
    expect(describeDose({ ...emptyDose, sets: 3, holdSeconds: 30, perWeek: 3 })).toBe(
      'Hold 30 seconds, 3 times, 3 days a week'
    )
    expect(describeDose({ ...emptyDose, sets: 2, holdSeconds: 20, side: 'both' })).toBe(
      'Hold 20 seconds, twice each side'
    )
    expect(describeDose({ ...emptyDose, sets: 5, holdSeconds: 30, restSeconds: 60 })).toBe(
      'Hold 30 seconds, 5 times, rest 1 minute between each'
    )
  })

  it('keeps a load after the side, so it is not read as per side', () => {
    expect(describeDose({ ...emptyDose, sets: 3, reps: 12, side: 'both', load: '4 kg' })).toBe(
      '3 sets of 12 each side with 4 kg'
    )
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
    expect(describeDose({ ...emptyDose, durationSeconds: 300 })).toBe('For 5 minutes')
  })

  it('starts in lower case after a label', () => {
    const dose = { ...emptyDose, durationSeconds: 600, perWeek: 3 }
    expect(describeDose(dose, undefined, false)).toBe('for 10 minutes, 3 days a week')
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

describe('doses a patient could not follow', () => {
  it('lists exercises without an amount or without a frequency, numbered', () => {
    const items = [
      { exerciseName: 'Plank', dose: { ...emptyDose, holdSeconds: 30, perWeek: 3 } },
      { exerciseName: 'Bridge', dose: { ...emptyDose, reps: 10 } },
      { exerciseName: 'Walk', dose: { ...emptyDose, perDay: 1 } },
      { exerciseName: 'Stretch', dose: emptyDose }
    ]
    expect(incompleteDoses(items)).toEqual([
      { number: 2, exerciseName: 'Bridge', missing: 'no frequency' },
      { number: 3, exerciseName: 'Walk', missing: 'no dose' },
      { number: 4, exerciseName: 'Stretch', missing: 'no dose or frequency' }
    ])
  })

  it('gives one diary box per session a day', () => {
    expect(sessionsPerDay({ ...emptyDose, perDay: 2 })).toBe(2)
    expect(sessionsPerDay({ ...emptyDose, perWeek: 3 })).toBe(1)
  })
})

describe('a note that contradicts its dose', () => {
  it('catches a different frequency, a missing or different hold', () => {
    expect(doseNoteConflicts({ ...emptyDose, perDay: 1, note: 'Do this twice a day.' })).toEqual([
      'the note says “twice a day”'
    ])
    expect(doseNoteConflicts({ ...emptyDose, perWeek: 3, note: 'Every day.' })).toHaveLength(1)
    expect(doseNoteConflicts({ ...emptyDose, reps: 5, note: 'Hold for 10 seconds.' })).toHaveLength(
      1
    )
    expect(
      doseNoteConflicts({ ...emptyDose, holdSeconds: 40, note: 'Hold for 20 to 30 seconds.' })
    ).toHaveLength(1)
  })

  it('accepts a matching note and targets to build up to', () => {
    expect(
      doseNoteConflicts({ ...emptyDose, holdSeconds: 20, note: 'Hold for 20 to 30 seconds.' })
    ).toEqual([])
    expect(
      doseNoteConflicts({ ...emptyDose, perDay: 1, note: 'Build up to twice a day. Go gently.' })
    ).toEqual([])
  })
})
