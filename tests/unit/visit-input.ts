import { todayIso } from '../../src/shared/dates'
import { blankOutcomes } from '../../src/shared/outcomes'
import type { VisitFields, VisitOutcomes } from '../../src/shared/types'

/** A visit with nothing measured: every outcome left blank. */
export const noOutcomes: VisitOutcomes = blankOutcomes()

/**
 * The fields of `visits:create` for a follow-up today with nothing filled in,
 * changed by `overrides`; loosely typed so tests can also send invalid values.
 */
export function visitInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const blank: VisitFields = {
    visitDate: todayIso(),
    visitType: 'follow-up',
    programVersionId: null,
    subjective: null,
    objective: null,
    plan: null,
    redFlags: [],
    resolvedFlags: [],
    sessionsDone: null,
    sessionsPrescribed: null,
    nextVisitDate: null,
    outcomes: noOutcomes
  }
  return { ...blank, ...overrides }
}
