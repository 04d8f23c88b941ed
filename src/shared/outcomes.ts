/**
 * Outcome measures: stored as numbers, scored here. No questionnaire wording
 * is reproduced (ODI and RMDQ are licensed); the app shows section names and
 * takes the numbers from the paper form.
 */
import { lefsItems, startBackItems, visaAItems } from './measures'
import type { VisitOutcomes } from './types'

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

/** A visit with nothing measured: every outcome left blank. */
export function blankOutcomes(): VisitOutcomes {
  return {
    nprs: { now: null, worst24h: null, afterRunning: null },
    odi: odiSections.map(() => null),
    rmdq: null,
    psfs: [],
    legNprs: null,
    lefs: lefsItems.map(() => null),
    visaA: visaAItems.map(() => null),
    startBack: startBackItems.map(() => null),
    groc: null,
    running: { runsPerWeek: null, weeklyKm: null, longestKm: null, pain: null }
  }
}

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

/** The measures whose change is judged against a minimal clinically important difference. */
export type Measure =
  'nprs' | 'legNprs' | 'odi' | 'rmdq' | 'psfs' | 'lefs' | 'visaA' | 'runningPain'

interface MeasureRule {
  label: string
  unit: string
  /** the minimal clinically important difference */
  mcid: number
  /** the published source of the threshold, as the change sentence names it */
  source: string
  /** a relative improvement that also counts as important (ODI: 30%), in percent */
  relativeMcid?: number
  /** pain and disability improve downwards; function (PSFS, LEFS, VISA-A) upwards */
  betterWhen: 'lower' | 'higher'
}

/**
 * Thresholds for low back pain from the international consensus of Ostelo
 * 2008 (Spine 33:90–94): 2 points on a 0–10 pain scale, 10 ODI points or 30%,
 * 5 RMDQ points; PSFS 2 points for the mean score (Stratford 1995). Leg pain
 * and pain during running: 2 points on a 0–10 scale (Farrar 2001, Pain
 * 94:149–158). LEFS 9 points (Binkley 1999, Phys Ther 79:371–383). VISA-A 6.5
 * points (McCormack 2015, Int J Sports Phys Ther 10:639–644), derived in
 * insertional Achilles tendinopathy. For mid-portion tendinopathy a 2021
 * JOSPT cohort (51(10)) reported 14 points over 12 weeks and 7 over 24
 * weeks; its authors were not verified here, so it is not yet used.
 */
export const measureRules: Record<Measure, MeasureRule> = {
  nprs: { label: 'NPRS', unit: '', mcid: 2, source: 'Ostelo 2008', betterWhen: 'lower' },
  legNprs: {
    label: 'Leg pain NPRS',
    unit: '',
    mcid: 2,
    source: 'Farrar 2001',
    betterWhen: 'lower'
  },
  odi: {
    label: 'ODI',
    unit: '%',
    mcid: 10,
    source: 'Ostelo 2008',
    relativeMcid: 30,
    betterWhen: 'lower'
  },
  rmdq: { label: 'RMDQ', unit: '', mcid: 5, source: 'Ostelo 2008', betterWhen: 'lower' },
  psfs: { label: 'PSFS', unit: '', mcid: 2, source: 'Stratford 1995', betterWhen: 'higher' },
  lefs: { label: 'LEFS', unit: '', mcid: 9, source: 'Binkley 1999', betterWhen: 'higher' },
  visaA: { label: 'VISA-A', unit: '', mcid: 6.5, source: 'McCormack 2015', betterWhen: 'higher' },
  runningPain: {
    label: 'Pain during running',
    unit: '',
    mcid: 2,
    source: 'Farrar 2001',
    betterWhen: 'lower'
  }
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

/**
 * "ODI 42% → 24%: improved 18 points, more than the 10-point threshold
 * (Ostelo 2008)." Where a measure also has a relative threshold and the
 * absolute one is missed, the relative improvement is reported too.
 */
export function describeChange(measure: Measure, from: number, to: number): Change {
  const rule = measureRules[measure]
  const improvement = round(rule.betterWhen === 'lower' ? from - to : to - from)
  const size = Math.abs(improvement)
  const absolute = size >= rule.mcid
  const relative =
    rule.relativeMcid !== undefined && improvement > 0 && from !== 0
      ? Math.round((improvement / from) * 100)
      : null
  const relativeMet = !absolute && relative !== null && relative >= rule.relativeMcid!
  const direction = improvement > 0 ? 'improved' : improvement < 0 ? 'worse by' : 'no change'
  const threshold = `the ${rule.mcid}-point threshold (${rule.source})`
  const verdict =
    improvement === 0
      ? ''
      : absolute
        ? size === rule.mcid
          ? `, reaching ${threshold}`
          : `, more than ${threshold}`
        : `, less than ${threshold}`
  const alsoRelative = relativeMet
    ? `, but a ${relative}% improvement, reaching the ${rule.relativeMcid}% threshold`
    : ''
  const head = `${rule.label} ${round(from)}${rule.unit} → ${round(to)}${rule.unit}`
  const body = improvement === 0 ? direction : `${direction} ${points(size)}${verdict}`
  return {
    measure,
    from,
    to,
    improvement,
    important: absolute || relativeMet,
    sentence: `${head}: ${body}${alsoRelative}.`
  }
}
