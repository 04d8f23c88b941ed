import { ageOn } from '@shared/dates'

/** "warm-up" -> "Warm-up" */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The noun as the count needs it: "exercise" for 1, "exercises" for 0 or 2. */
export function nounFor(count: number, noun: string, plural = `${noun}s`): string {
  return count === 1 ? noun : plural
}

/** "1 program", "2 programs", "1,200 exercises" */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString()} ${nounFor(count, noun, plural)}`
}

/** "9 Mar 1984" for an ISO date, read as a calendar date (no time-zone shift). */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  return new Date(year, month - 1, day).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric'
  })
}

export function formatBirth(dateOfBirth: string): string {
  return `${formatDate(dateOfBirth)} (${ageOn(dateOfBirth)} y)`
}

/** "12.3 MB": a file's size as a person reads it */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * "just now", "2 min ago", "3 h ago", then the date and time: how long ago
 * something happened, for a line that is read at a glance.
 */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`
  return formatDateTime(iso)
}

/** "27 Nov 2026, 14:02" in the computer's own time zone */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  })
}
