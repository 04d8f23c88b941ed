/** The visit form's outcome fields: filled from a visit, shown by the patient's measures, sent as outcomes. */
import { inMeasureOrder, runningItems, type MeasureKey, type RunningLoad } from '@shared/measures'
import { blankOutcomes } from '@shared/outcomes'
import type { Visit, VisitOutcomes } from '@shared/types'

/** As VisitOutcomes, but with five PSFS rows to fill, a rating possibly still blank. */
export type OutcomeForm = Omit<VisitOutcomes, 'psfs'> & {
  psfs: { activity: string; rating: number | null }[]
}

/** "" (an emptied number input) is not recorded. */
export const parseScore = (raw: string): number | null => (raw === '' ? null : Number(raw))

/**
 * A new visit starts blank, re-rating the previous visit's PSFS activities;
 * an edit starts from what the visit recorded.
 */
export function outcomeForm(visit: Visit | null, previous: Visit | null): OutcomeForm {
  // a deep copy to edit; the store's visit is a reactive proxy, which structuredClone refuses
  const from = JSON.parse(JSON.stringify(visit?.outcomes ?? blankOutcomes())) as VisitOutcomes
  const carried = (visit ?? previous)?.outcomes.psfs ?? []
  return {
    ...from,
    psfs: Array.from({ length: 5 }, (_, index) => ({
      activity: carried[index]?.activity ?? '',
      rating: visit ? (carried[index]?.rating ?? null) : null
    }))
  }
}

export function outcomeDraft(form: OutcomeForm): VisitOutcomes {
  return {
    ...form,
    psfs: form.psfs
      .filter((item) => item.activity.trim() !== '' && item.rating !== null)
      .map((item) => ({ activity: item.activity, rating: item.rating! }))
  }
}

const anyValue = (values: (number | null)[]) => values.some((value) => value !== null)

/** The measures a visit recorded something for, so an edit never hides a value. */
export function recordedMeasures(outcomes: VisitOutcomes): MeasureKey[] {
  const running: RunningLoad = outcomes.running
  const recorded: Record<MeasureKey, boolean> = {
    nprs: anyValue(Object.values(outcomes.nprs)),
    legNprs: outcomes.legNprs !== null,
    odi: anyValue(outcomes.odi),
    rmdq: outcomes.rmdq !== null,
    psfs: outcomes.psfs.length > 0,
    lefs: anyValue(outcomes.lefs),
    visaA: anyValue(outcomes.visaA),
    startBack: anyValue(outcomes.startBack),
    groc: outcomes.groc !== null,
    running: anyValue(runningItems.map((item) => running[item]))
  }
  return (Object.keys(recorded) as MeasureKey[]).filter((key) => recorded[key])
}

/** What the form shows: the patient's measures, and any this visit already recorded. */
export function shownMeasures(chosen: MeasureKey[], visit: Visit | null): MeasureKey[] {
  return inMeasureOrder([...chosen, ...(visit ? recordedMeasures(visit.outcomes) : [])])
}
