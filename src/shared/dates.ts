/** Dates are stored and sent as ISO calendar dates (YYYY-MM-DD) in the clinic's local time. */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/

export function toIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0')
  const day = String(date.getDate()).padStart(2, '0')
  return `${date.getFullYear()}-${month}-${day}`
}

export function todayIso(): string {
  return toIsoDate(new Date())
}

/** True for a well-formed date that exists on the calendar (no 2023-02-30). */
export function isRealIsoDate(value: string): boolean {
  const match = isoDatePattern.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(year, month - 1, day)
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day
}

/**
 * Date fields show day, month and year in the computer's own order and send
 * nothing until all three are typed, so messages speak of those, never of the
 * YYYY-MM-DD the field sends.
 */
export const wholeDate = (label: string) => `Enter the ${label} in full: day, month and year`

/** Whole years between a birth date and a reference date, both ISO. */
export function ageOn(dateOfBirth: string, onDate: string = todayIso()): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = onDate.split('-').map(Number) as [number, number, number]
  const hadBirthday = tm > bm || (tm === bm && td >= bd)
  return ty - by - (hadBirthday ? 0 : 1)
}
