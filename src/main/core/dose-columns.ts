import { emptyDose } from '@shared/dose'
import type { Dose } from '@shared/types'

/** Dose fields and their column names; exercise defaults use the same names with `default_`. */
const columns: Record<keyof Dose, string> = {
  sets: 'sets',
  reps: 'reps',
  holdSeconds: 'hold_seconds',
  durationSeconds: 'duration_seconds',
  perDay: 'per_day',
  perWeek: 'per_week',
  side: 'side',
  load: 'load',
  restSeconds: 'rest_seconds',
  note: 'note'
}

const fields = Object.keys(columns) as (keyof Dose)[]

export function doseColumnNames(prefix = ''): string[] {
  return fields.map((field) => prefix + columns[field])
}

/** Reads a dose from a row whose dose columns carry `prefix`. */
export function doseFromRow(row: Record<string, unknown>, prefix = ''): Dose {
  const dose = { ...emptyDose } as Record<keyof Dose, unknown>
  for (const field of fields) dose[field] = row[prefix + columns[field]] ?? null
  return dose as Dose
}

/** Named parameters (`@default_sets` …) for a dose, missing fields as null. */
export function doseParams(dose: Partial<Dose>, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [prefix + columns[field], dose[field] ?? null]))
}
