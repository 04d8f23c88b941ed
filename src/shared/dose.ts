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
  withLoad: (amount: string, load: string) => string
  useLoad: (load: string) => string
  hold: (time: string) => string
  duration: (time: string) => string
  rest: (time: string) => string
  timesPerDay: (perDay: number) => string
  daysPerWeek: (perWeek: number) => string
  side: Record<Side, string>
}

export const englishDoseWords: DoseWords = {
  count: (count, unit) => `${count} ${count === 1 ? unit : `${unit}s`}`,
  setsOf: (sets, reps) => `${sets} of ${reps}`,
  withLoad: (amount, load) => `${amount} with ${load}`,
  useLoad: (load) => `use ${load}`,
  hold: (time) => `hold ${time}`,
  duration: (time) => `for ${time}`,
  rest: (time) => `rest ${time} between sets`,
  timesPerDay: (perDay) =>
    perDay === 1 ? 'once a day' : perDay === 2 ? 'twice a day' : `${perDay} times a day`,
  daysPerWeek: (perWeek) =>
    perWeek === 7 ? 'every day' : `${perWeek} ${perWeek === 1 ? 'day' : 'days'} a week`,
  side: {
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

function volume(dose: Dose, words: DoseWords): string | null {
  const { sets, reps } = dose
  if (sets !== null && reps !== null) return words.setsOf(words.count(sets, 'set'), reps)
  if (reps !== null) return words.count(reps, 'repetition')
  if (sets !== null) return words.count(sets, 'set')
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
 * "3 sets of 10, hold 5 seconds, twice a day, each side". The note is not
 * included: it prints on its own line.
 */
export function describeDose(dose: Dose, words: DoseWords = englishDoseWords): string {
  const amount = volume(dose, words)
  const time = (seconds: number) => describeSeconds(seconds, words)
  const parts = [
    amount !== null && dose.load !== null ? words.withLoad(amount, dose.load) : amount,
    amount === null && dose.load !== null ? words.useLoad(dose.load) : null,
    dose.holdSeconds === null ? null : words.hold(time(dose.holdSeconds)),
    dose.durationSeconds === null ? null : words.duration(time(dose.durationSeconds)),
    dose.restSeconds === null ? null : words.rest(time(dose.restSeconds)),
    frequency(dose, words),
    dose.side === null ? null : words.side[dose.side]
  ].filter((part): part is string => part !== null)
  if (parts.length === 0) return ''
  const sentence = parts.join(', ')
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}
