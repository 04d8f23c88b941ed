import { describeChange, measureRules, type Change, type Measure } from '@shared/outcomes'
import type { Visit } from '@shared/types'

export interface Series {
  measure: Measure
  label: string
  points: { date: string; value: number }[]
  /** baseline to latest, when there are two or more */
  change: Change | null
}

const pick: Record<Measure, (visit: Visit) => number | null> = {
  nprs: (visit) => visit.outcomes.nprs.now,
  odi: (visit) => visit.scores.odiPercent,
  rmdq: (visit) => visit.outcomes.rmdq,
  psfs: (visit) => visit.scores.psfsMean
}

const labels: Record<Measure, string> = {
  nprs: 'Pain now (NPRS)',
  odi: 'Disability (ODI %)',
  rmdq: 'Disability (RMDQ)',
  psfs: 'Function (PSFS mean)'
}

/** Each measure's values over time, oldest first, with the change from baseline in words. */
export function progressSeries(visits: Visit[]): Series[] {
  const oldestFirst = [...visits].reverse()
  return (Object.keys(measureRules) as Measure[]).flatMap((measure) => {
    const points = oldestFirst.flatMap((visit) => {
      const value = pick[measure](visit)
      return value === null ? [] : [{ date: visit.visitDate, value }]
    })
    if (points.length === 0) return []
    const change =
      points.length > 1 ? describeChange(measure, points[0]!.value, points.at(-1)!.value) : null
    return [{ measure, label: labels[measure], points, change }]
  })
}
