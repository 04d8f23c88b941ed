import type { Dose } from './types'

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

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** 45 -> "45 seconds", 60 -> "1 minute", 90 -> "1 minute 30 seconds" */
export function describeSeconds(total: number): string {
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  if (minutes === 0) return plural(seconds, 'second')
  if (seconds === 0) return plural(minutes, 'minute')
  return `${plural(minutes, 'minute')} ${plural(seconds, 'second')}`
}

function volume(dose: Dose): string | null {
  const { sets, reps } = dose
  if (sets !== null && reps !== null) return `${plural(sets, 'set')} of ${reps}`
  if (reps !== null) return plural(reps, 'repetition')
  if (sets !== null) return plural(sets, 'set')
  return null
}

function timesPerDay(perDay: number): string {
  if (perDay === 1) return 'once a day'
  if (perDay === 2) return 'twice a day'
  return `${perDay} times a day`
}

function frequency(dose: Dose): string | null {
  const { perDay, perWeek } = dose
  const daily = perDay === null ? null : timesPerDay(perDay)
  if (perWeek === null) return daily
  const weekly = perWeek === 7 ? 'every day' : `${plural(perWeek, 'day')} a week`
  return daily === null ? weekly : `${daily}, ${weekly}`
}

const sideWords = {
  both: 'each side',
  left: 'left side',
  right: 'right side',
  alternating: 'alternating sides'
} as const

/**
 * The dose in the plain words printed for the patient, e.g.
 * "3 sets of 10, hold 5 seconds, twice a day, each side". The note is not
 * included: it prints on its own line.
 */
export function describeDose(dose: Dose): string {
  const amount = volume(dose)
  const parts = [
    amount !== null && dose.load !== null ? `${amount} with ${dose.load}` : amount,
    amount === null && dose.load !== null ? `use ${dose.load}` : null,
    dose.holdSeconds === null ? null : `hold ${describeSeconds(dose.holdSeconds)}`,
    dose.durationSeconds === null ? null : `for ${describeSeconds(dose.durationSeconds)}`,
    dose.restSeconds === null ? null : `rest ${describeSeconds(dose.restSeconds)} between sets`,
    frequency(dose),
    dose.side === null ? null : sideWords[dose.side]
  ].filter((part): part is string => part !== null)
  if (parts.length === 0) return ''
  const sentence = parts.join(', ')
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}
