/**
 * A visit's outcome measures as rows of visit_outcomes, one number per item:
 * ('nprs', 'now', 6), ('odi', '3', 2), ('lefs', '12', 3), ('running', 'weeklyKm', 24.5).
 */
import type { Database } from 'better-sqlite3'
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

interface OutcomeRow {
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

export function readOutcomes(db: Database, visitId: number): VisitOutcomes {
  const rows = db
    .prepare('SELECT measure, item, value FROM visit_outcomes WHERE visit_id = ? ORDER BY rowid')
    .all(visitId) as OutcomeRow[]
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

export function writeOutcomes(db: Database, visitId: number, outcomes: VisitOutcomes): void {
  db.prepare('DELETE FROM visit_outcomes WHERE visit_id = ?').run(visitId)
  const insert = db.prepare(
    'INSERT INTO visit_outcomes (visit_id, measure, item, value) VALUES (?, ?, ?, ?)'
  )
  const put = (measure: string, item: string, value: number | null) => {
    if (value !== null) insert.run(visitId, measure, item, value)
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
