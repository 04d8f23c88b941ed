import type { Dose, Side } from './types'

export const emptyDose: Dose = {
  sets: null,
  reps: null,
  holdSeconds: null,
  durationSeconds: null,
  perDay: null,
  perWeek: null,
  side: null,
  load: null,
  restSeconds: null,
  note: null
}

/** The words a dose is written with; a handout translation supplies its own. */
export interface DoseWords {
  count: (count: number, unit: 'set' | 'repetition' | 'second' | 'minute' | 'day') => string
  setsOf: (sets: string, reps: number) => string
  /** a hold or a time done several times: "3 times" */
  times: (count: number) => string
  withLoad: (amount: string, load: string) => string
  useLoad: (load: string) => string
  hold: (time: string) => string
  duration: (time: string) => string
  /** `each`: between the holds or times of a timed set, which has no sets to rest between */
  rest: (time: string, each: boolean) => string
  timesPerDay: (perDay: number) => string
  daysPerWeek: (perWeek: number) => string
  /** after a count: "10 repetitions each side" */
  side: Record<Side, string>
  /** with nothing counted */
  sideAlone: Record<Side, string>
}

export const englishDoseWords: DoseWords = {
  count: (count, unit) => `${count} ${count === 1 ? unit : `${unit}s`}`,
  setsOf: (sets, reps) => `${sets} of ${reps}`,
  times: (count) => (count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`),
  withLoad: (amount, load) => `${amount} with ${load}`,
  useLoad: (load) => `use ${load}`,
  hold: (time) => `hold ${time}`,
  duration: (time) => `for ${time}`,
  rest: (time, each) => `rest ${time} between ${each ? 'each' : 'sets'}`,
  timesPerDay: (perDay) =>
    perDay === 1 ? 'once a day' : perDay === 2 ? 'twice a day' : `${perDay} times a day`,
  daysPerWeek: (perWeek) =>
    perWeek === 7 ? 'every day' : `${perWeek} ${perWeek === 1 ? 'day' : 'days'} a week`,
  // the count is always per side: "alternating" says how, not how many
  side: {
    both: 'each side',
    left: 'on the left side',
    right: 'on the right side',
    alternating: 'each side, alternating sides'
  },
  sideAlone: {
    both: 'each side',
    left: 'left side',
    right: 'right side',
    alternating: 'alternating sides'
  }
}

/** 45 -> "45 seconds", 60 -> "1 minute", 90 -> "1 minute 30 seconds" */
export function describeSeconds(total: number, words: DoseWords = englishDoseWords): string {
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  if (minutes === 0) return words.count(seconds, 'second')
  if (seconds === 0) return words.count(minutes, 'minute')
  return `${words.count(minutes, 'minute')} ${words.count(seconds, 'second')}`
}

/** Sets of a hold or a time read as how many times it is done, after the hold. */
const timedSets = (dose: Dose) =>
  dose.sets !== null && dose.reps === null && (dose.holdSeconds ?? dose.durationSeconds) !== null

function volume(dose: Dose, words: DoseWords): string | null {
  const { sets, reps } = dose
  if (sets !== null && reps !== null) return words.setsOf(words.count(sets, 'set'), reps)
  if (reps !== null) return words.count(reps, 'repetition')
  if (sets !== null && !timedSets(dose)) return words.count(sets, 'set')
  return null
}

function frequency(dose: Dose, words: DoseWords): string | null {
  const daily = dose.perDay === null ? null : words.timesPerDay(dose.perDay)
  if (dose.perWeek === null) return daily
  const weekly = words.daysPerWeek(dose.perWeek)
  return daily === null ? weekly : `${daily}, ${weekly}`
}

/**
 * The dose in the plain words printed for the patient, e.g.
 * "3 sets of 10 each side, hold 5 seconds, twice a day". The side goes with
 * the count it qualifies, before the frequency; the note is not included: it
 * prints on its own line. `capital: false` for use after a label ("How much:").
 */
export function describeDose(
  dose: Dose,
  words: DoseWords = englishDoseWords,
  capital = true
): string {
  const time = (seconds: number) => describeSeconds(seconds, words)
  const side = dose.side === null ? null : words.side[dose.side]
  const counted = [
    volume(dose, words),
    dose.holdSeconds === null ? null : words.hold(time(dose.holdSeconds)),
    dose.durationSeconds === null ? null : words.duration(time(dose.durationSeconds))
  ]
  // "hold 30 seconds, 3 times": the count goes with the first timed part
  if (timedSets(dose)) {
    const timed = counted.findIndex((part, index) => index > 0 && part !== null)
    counted[timed] = `${counted[timed]}, ${words.times(dose.sets!)}`
  }
  // the side follows the first thing counted: "10 repetitions each side"
  const sided = counted.findIndex((part) => part !== null)
  if (side !== null && sided >= 0) counted[sided] = `${counted[sided]} ${side}`
  const [amount, hold, duration] = counted
  const parts = [
    amount != null && dose.load !== null ? words.withLoad(amount, dose.load) : amount,
    amount == null && dose.load !== null ? words.useLoad(dose.load) : null,
    hold,
    duration,
    dose.side !== null && sided < 0 ? words.sideAlone[dose.side] : null,
    dose.restSeconds === null ? null : words.rest(time(dose.restSeconds), timedSets(dose)),
    frequency(dose, words)
  ].filter((part): part is string => part != null)
  if (parts.length === 0) return ''
  const sentence = parts.join(', ')
  return capital ? sentence.charAt(0).toUpperCase() + sentence.slice(1) : sentence
}

/** How many times a day a dose is done: one diary box each. */
export function sessionsPerDay(dose: Dose): number {
  return dose.perDay ?? 1
}

export interface IncompleteDose {
  /** the exercise's number in the program, from 1 */
  number: number
  exerciseName: string
  missing: 'no dose' | 'no frequency' | 'no dose or frequency'
}

/** Exercises a patient couldn't follow: nothing says how much, or how often. */
export function incompleteDoses(
  items: readonly { exerciseName: string; dose: Dose }[]
): IncompleteDose[] {
  return items.flatMap(({ exerciseName, dose }, index) => {
    const amount = [dose.sets, dose.reps, dose.holdSeconds, dose.durationSeconds].some(
      (value) => value !== null
    )
    const often = dose.perDay !== null || dose.perWeek !== null
    if (amount && often) return []
    const missing = !amount && !often ? 'no dose or frequency' : amount ? 'no frequency' : 'no dose'
    return [{ number: index + 1, exerciseName, missing }]
  })
}

const spelledTimes: Record<string, number> = { once: 1, twice: 2 }

/**
 * Where a dose's note says something its numbers don't: "twice a day" over a
 * dose done once a day, "every day" over 3 days a week, a hold the dose
 * doesn't have. Targets to build up to are not contradictions.
 */
export function doseNoteConflicts(dose: Dose): string[] {
  const note = (dose.note ?? '').toLowerCase().replace(/build up to[^.]*\.?/g, '')
  const conflicts: string[] = []
  const daily = /\b(once|twice|(\d+) times) a day\b/.exec(note)
  if (daily) {
    const count = spelledTimes[daily[1]!] ?? Number(daily[2])
    if (dose.perDay !== count) conflicts.push(`the note says “${daily[0]}”`)
  }
  const weekly = /\b(every day|(\d) days a week)\b/.exec(note)
  if (weekly) {
    const days = weekly[1] === 'every day' ? 7 : Number(weekly[2])
    if (dose.perWeek !== days) conflicts.push(`the note says “${weekly[0]}”`)
  }
  const hold = /\bhold(?: for)? (\d+)(?: to (\d+))? seconds\b/.exec(note)
  if (hold) {
    const [low, high] = [Number(hold[1]), Number(hold[2] ?? hold[1])]
    if (dose.holdSeconds === null || dose.holdSeconds < low || dose.holdSeconds > high) {
      conflicts.push(`the note says “${hold[0]}”`)
    }
  }
  return conflicts
}
