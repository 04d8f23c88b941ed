/**
 * Outcome measures: stored as numbers, scored here. No questionnaire wording
 * is reproduced (ODI and RMDQ are licensed); the app shows section names and
 * takes the numbers from the paper form.
 */

/** The ten ODI sections, by name only. */
export const odiSections = [
  'Pain intensity',
  'Personal care',
  'Lifting',
  'Walking',
  'Sitting',
  'Standing',
  'Sleeping',
  'Sex life',
  'Social life',
  'Travelling'
] as const

export const nprsItems = ['now', 'worst24h', 'afterRunning'] as const
export type NprsItem = (typeof nprsItems)[number]
export const nprsLabels: Record<NprsItem, string> = {
  now: 'Pain now',
  worst24h: 'Worst in the last 24 hours',
  afterRunning: 'After running'
}

export const redFlags = [
  'Numbness in the saddle area',
  'New bladder or bowel trouble',
  'Progressive leg weakness or numbness',
  'Fever or feeling unwell',
  'History of cancer',
  'Unexplained weight loss',
  'Significant trauma',
  'Night pain not eased by rest'
] as const
export type RedFlag = (typeof redFlags)[number]

export type OdiBand = 'minimal' | 'moderate' | 'severe' | 'crippling' | 'bed-bound'

/** Fewer answered sections than this and the ODI is not computed. */
export const odiMinimumAnswered = 8

/**
 * ODI percent = sum / (5 × answered) × 100, from ten section scores 0–5
 * (null = left blank); null when fewer than 8 sections are answered.
 */
export function odiPercent(sections: (number | null)[]): number | null {
  const answered = sections.filter((score): score is number => score !== null)
  if (answered.length < odiMinimumAnswered) return null
  const sum = answered.reduce((total, score) => total + score, 0)
  return Math.round((sum / (5 * answered.length)) * 1000) / 10
}

export function odiBand(percent: number): OdiBand {
  if (percent <= 20) return 'minimal'
  if (percent <= 40) return 'moderate'
  if (percent <= 60) return 'severe'
  if (percent <= 80) return 'crippling'
  return 'bed-bound'
}

/** PSFS: the mean of 3–5 activity ratings (0–10), one decimal; null without ratings. */
export function psfsMean(ratings: number[]): number | null {
  if (ratings.length === 0) return null
  return (
    Math.round((ratings.reduce((total, rating) => total + rating, 0) / ratings.length) * 10) / 10
  )
}

export type Measure = 'nprs' | 'odi' | 'rmdq' | 'psfs'

interface MeasureRule {
  label: string
  unit: string
  /** the minimal clinically important difference */
  mcid: number
  /** pain and disability improve downwards; function (PSFS) upwards */
  betterWhen: 'lower' | 'higher'
}

export const measureRules: Record<Measure, MeasureRule> = {
  nprs: { label: 'NPRS', unit: '', mcid: 2, betterWhen: 'lower' },
  odi: { label: 'ODI', unit: '%', mcid: 10, betterWhen: 'lower' },
  rmdq: { label: 'RMDQ', unit: '', mcid: 5, betterWhen: 'lower' },
  psfs: { label: 'PSFS', unit: '', mcid: 2, betterWhen: 'higher' }
}

export interface Change {
  measure: Measure
  from: number
  to: number
  /** in points; positive when the patient is better */
  improvement: number
  /** the change reaches the minimal clinically important difference */
  important: boolean
  sentence: string
}

const round = (value: number) => Math.round(value * 10) / 10
const points = (value: number) => `${round(value)} ${round(value) === 1 ? 'point' : 'points'}`

/** "ODI 42% → 24%: improved 18 points, more than the 10-point threshold." */
export function describeChange(measure: Measure, from: number, to: number): Change {
  const rule = measureRules[measure]
  const improvement = round(rule.betterWhen === 'lower' ? from - to : to - from)
  const size = Math.abs(improvement)
  const important = size >= rule.mcid
  const direction = improvement > 0 ? 'improved' : improvement < 0 ? 'worse by' : 'no change'
  const threshold = `the ${rule.mcid}-point threshold`
  const verdict =
    improvement === 0
      ? ''
      : important
        ? size === rule.mcid
          ? `, reaching ${threshold}`
          : `, more than ${threshold}`
        : `, less than ${threshold}`
  const head = `${rule.label} ${round(from)}${rule.unit} → ${round(to)}${rule.unit}`
  const body = improvement === 0 ? direction : `${direction} ${points(size)}${verdict}`
  return { measure, from, to, improvement, important, sentence: `${head}: ${body}.` }
}
