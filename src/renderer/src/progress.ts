import { describeRunningLoad, formatGroc, type RunningLoad } from '@shared/measures'
import { describeChange, type Change, type Measure } from '@shared/outcomes'
import type { Visit } from '@shared/types'

export interface Series {
  key: string
  label: string
  /** the visits with a value, oldest first */
  dates: string[]
  /** one or more lines over those dates (running load: weekly distance and longest run) */
  lines: { label: string; values: (number | null)[] }[]
  /** baseline to latest against the measure's MCID, when it has one and two or more values */
  change: Change | null
  /** what the panel says: the change in words, or the measure's own reading */
  sentence: string | null
  /** the y axis, with its tick step if the default is uneven; null lets the chart fit the values */
  range: { min: number; max: number; step?: number } | null
  /** the measure whose MCID marks the points, if any */
  judge: Measure | null
}

interface Spec {
  key: string
  label: string
  lines: { label: string; value: (visit: Visit) => number | null }[]
  range: Series['range']
  judge?: Measure
  /** the reading when the measure has no MCID to judge by, from the first and latest visit */
  words?: (first: Visit, last: Visit, count: number) => string | null
}

const scale = (max: number) => ({ min: 0, max })
const line = (label: string, value: (visit: Visit) => number | null) => [{ label, value }]
const load = (visit: Visit): RunningLoad => visit.outcomes.running

const specs: Spec[] = [
  {
    key: 'nprs',
    label: 'Pain now (NPRS)',
    lines: line('Pain now', (v) => v.outcomes.nprs.now),
    range: scale(10),
    judge: 'nprs'
  },
  {
    key: 'legNprs',
    label: 'Leg pain (NPRS)',
    lines: line('Leg pain', (v) => v.outcomes.legNprs),
    range: scale(10),
    judge: 'legNprs'
  },
  {
    key: 'odi',
    label: 'Disability (ODI %)',
    lines: line('ODI %', (v) => v.scores.odiPercent),
    range: scale(100),
    judge: 'odi'
  },
  {
    key: 'rmdq',
    label: 'Disability (RMDQ)',
    lines: line('RMDQ', (v) => v.outcomes.rmdq),
    range: scale(24),
    judge: 'rmdq'
  },
  {
    key: 'psfs',
    label: 'Function (PSFS mean)',
    lines: line('PSFS mean', (v) => v.scores.psfsMean),
    range: scale(10),
    judge: 'psfs'
  },
  {
    key: 'lefs',
    label: 'Function (LEFS)',
    lines: line('LEFS', (v) => v.scores.lefsTotal),
    range: scale(80),
    judge: 'lefs'
  },
  {
    key: 'visaA',
    label: 'Achilles (VISA-A)',
    lines: line('VISA-A', (v) => v.scores.visaATotal),
    range: scale(100),
    judge: 'visaA'
  },
  {
    key: 'startBack',
    label: 'Risk (STarT Back total)',
    lines: line('STarT Back total', (v) => v.scores.startBack?.total ?? null),
    range: scale(9),
    words: (first, last, count) => {
      const reading = (visit: Visit) =>
        `${visit.scores.startBack!.total} (${visit.scores.startBack!.risk} risk)`
      return count > 1
        ? `STarT Back ${reading(first)} → ${reading(last)}: risk groups by Hill 2008.`
        : `STarT Back ${reading(first)}: risk groups by Hill 2008.`
    }
  },
  {
    key: 'groc',
    label: 'Global rating of change',
    lines: line('GROC', (v) => v.outcomes.groc),
    range: { min: -7, max: 7, step: 7 },
    words: (_, last) => `GROC at the latest visit: ${formatGroc(last.outcomes.groc!)}.`
  },
  {
    key: 'runningPain',
    label: 'Pain during running',
    lines: line('Pain during running', (v) => load(v).pain),
    range: scale(10),
    judge: 'runningPain'
  },
  {
    key: 'runningLoad',
    label: 'Running load (km a week)',
    lines: [
      { label: 'Weekly distance (km)', value: (v) => load(v).weeklyKm },
      { label: 'Longest run (km)', value: (v) => load(v).longestKm }
    ],
    range: null,
    words: (first, last, count) => (count > 1 ? describeRunningLoad(load(first), load(last)) : null)
  }
]

/** Each measure's values over time, oldest first, with the change from baseline in words. */
export function progressSeries(visits: Visit[]): Series[] {
  const oldestFirst = [...visits].reverse()
  return specs.flatMap((spec) => {
    const measured = oldestFirst.filter((visit) =>
      spec.lines.some((item) => item.value(visit) !== null)
    )
    if (measured.length === 0) return []
    const first = measured[0]!
    const last = measured.at(-1)!
    const main = spec.lines[0]!.value
    const judged = measured.filter((visit) => main(visit) !== null)
    const change =
      spec.judge && judged.length > 1
        ? describeChange(spec.judge, main(judged[0]!)!, main(judged.at(-1)!)!)
        : null
    return [
      {
        key: spec.key,
        label: spec.label,
        dates: measured.map((visit) => visit.visitDate),
        lines: spec.lines.map((item) => ({
          label: item.label,
          values: measured.map(item.value)
        })),
        change,
        sentence: change?.sentence ?? spec.words?.(first, last, measured.length) ?? null,
        range: spec.range,
        judge: spec.judge ?? null
      }
    ]
  })
}
