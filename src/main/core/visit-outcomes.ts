/**
 * A visit's outcome measures as rows of visit_outcomes, one number per item:
 * ('nprs', 'now', 6), ('odi', '3', 2), ('lefs', '12', 3), ('running', 'weeklyKm', 24.5).
 */
import {
  lefsItems,
  lefsTotal,
  runningItems,
  startBackItems,
  startBackScore,
  visaAItems,
  visaATotal
} from '@shared/measures'
import { nprsItems, odiPercent, odiSections, psfsMean } from '@shared/outcomes'
import type { Visit, VisitOutcomes } from '@shared/types'
import type { Query } from './query/schema'

export interface OutcomeRow {
  measure: string
  item: string
  value: number
}

/** Questionnaires stored item by item, numbered from 1, null where left blank. */
const itemLists = {
  odi: odiSections.length,
  lefs: lefsItems.length,
  visaA: visaAItems.length,
  startBack: startBackItems.length
} as const

/** One visit's outcomes from its rows of visit_outcomes, in the order they were written. */
export function outcomesFrom(rows: OutcomeRow[]): VisitOutcomes {
  const value = (measure: string, item: string) =>
    rows.find((row) => row.measure === measure && row.item === item)?.value ?? null
  const items = (measure: keyof typeof itemLists) =>
    Array.from({ length: itemLists[measure] }, (_, index) => value(measure, String(index + 1)))
  return {
    nprs: {
      now: value('nprs', 'now'),
      worst24h: value('nprs', 'worst24h'),
      afterRunning: value('nprs', 'afterRunning')
    },
    odi: items('odi'),
    rmdq: value('rmdq', ''),
    psfs: rows
      .filter((row) => row.measure === 'psfs')
      .map((row) => ({ activity: row.item, rating: row.value })),
    legNprs: value('legNprs', ''),
    lefs: items('lefs'),
    visaA: items('visaA'),
    startBack: items('startBack'),
    groc: value('groc', ''),
    running: {
      runsPerWeek: value('running', 'runsPerWeek'),
      weeklyKm: value('running', 'weeklyKm'),
      longestKm: value('running', 'longestKm'),
      pain: value('running', 'pain')
    }
  }
}

/** Replaces a visit's outcome rows, in one statement. */
export async function writeOutcomes(
  q: Query,
  visitId: number,
  outcomes: VisitOutcomes
): Promise<void> {
  await q.deleteFrom('visit_outcomes').where('visit_id', '=', visitId).execute()
  const rows: (OutcomeRow & { visit_id: number })[] = []
  const put = (measure: string, item: string, value: number | null) => {
    if (value !== null) rows.push({ visit_id: visitId, measure, item, value })
  }
  for (const item of nprsItems) put('nprs', item, outcomes.nprs[item])
  for (const measure of Object.keys(itemLists) as (keyof typeof itemLists)[]) {
    outcomes[measure].forEach((score, index) => put(measure, String(index + 1), score))
  }
  put('rmdq', '', outcomes.rmdq)
  for (const { activity, rating } of outcomes.psfs) put('psfs', activity, rating)
  put('legNprs', '', outcomes.legNprs)
  put('groc', '', outcomes.groc)
  for (const item of runningItems) put('running', item, outcomes.running[item])
  // one multi-row insert: its rows take their rowids in this order, which PSFS is read back in
  if (rows.length > 0) await q.insertInto('visit_outcomes').values(rows).execute()
}

export function scoresOf(outcomes: VisitOutcomes): Visit['scores'] {
  return {
    odiPercent: odiPercent(outcomes.odi),
    psfsMean: psfsMean(outcomes.psfs.map((item) => item.rating)),
    lefsTotal: lefsTotal(outcomes.lefs),
    visaATotal: visaATotal(outcomes.visaA),
    startBack: startBackScore(outcomes.startBack)
  }
}
