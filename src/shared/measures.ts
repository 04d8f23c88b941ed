/**
 * Which measures a patient uses, and the scoring of the lower-limb and
 * running ones. LEFS, VISA-A and the Keele STarT Back Tool are licensed: the
 * app names items by short neutral topics of our own and stores the scores
 * from the paper form, never the questions.
 */
import type { RunningLoad } from './contract'

export type { RunningLoad }

export const measureKeys = [
  'nprs',
  'legNprs',
  'odi',
  'rmdq',
  'psfs',
  'lefs',
  'visaA',
  'startBack',
  'groc',
  'running'
] as const
export type MeasureKey = (typeof measureKeys)[number]

/** What every patient used before measures could be chosen, and new patients start with. */
export const defaultMeasures: MeasureKey[] = ['nprs', 'odi', 'rmdq', 'psfs']

export const measureNames: Record<MeasureKey, string> = {
  nprs: 'NPRS — back pain',
  legNprs: 'NPRS — leg pain',
  odi: 'Oswestry Disability Index (ODI)',
  rmdq: 'Roland-Morris Disability Questionnaire (RMDQ)',
  psfs: 'Patient-Specific Functional Scale (PSFS)',
  lefs: 'Lower Extremity Functional Scale (LEFS)',
  visaA: 'VISA-A (Achilles tendinopathy)',
  startBack: 'Keele STarT Back',
  groc: 'Global Rating of Change (GROC)',
  running: 'Running load and pain during running'
}

/** In the order of the measures list, without repeats. */
export const inMeasureOrder = (keys: readonly MeasureKey[]): MeasureKey[] =>
  measureKeys.filter((key) => keys.includes(key))

/** LEFS: 20 activities, each 0 (extreme difficulty) to 4 (no difficulty). Topics only. */
export const lefsItems = [
  'Usual work',
  'Hobbies and sport',
  'Bath',
  'Indoor walking',
  'Shoes and socks',
  'Squatting',
  'Lifting from the floor',
  'Light housework',
  'Heavy housework',
  'Car',
  'Short walk',
  'Long walk',
  'Stairs',
  'Standing 1 hour',
  'Sitting 1 hour',
  'Running, even ground',
  'Running, uneven ground',
  'Sharp turns running',
  'Hopping',
  'Rolling in bed'
] as const

/**
 * LEFS total 0–80, the sum of the 20 item scores (Binkley 1999). The paper
 * gives no rule for scoring a form with items left blank, so a total is
 * computed only when all 20 are answered; null otherwise.
 */
export function lefsTotal(items: (number | null)[]): number | null {
  if (items.length !== lefsItems.length || items.some((score) => score === null)) return null
  return (items as number[]).reduce((total, score) => total + score, 0)
}

/** VISA-A: 8 items by topic; items 1–7 score 0–10, item 8 (whichever part applies) 0–30. */
export const visaAItems = [
  'Morning stiffness',
  'Calf stretch',
  'Walking',
  'Stairs down',
  'Heel raises',
  'Hopping',
  'Sport now',
  'Training with symptoms'
] as const
export const visaAMaxima = [10, 10, 10, 10, 10, 10, 10, 30] as const
/** Item 7 has four answers on the form, scored 0, 4, 7 and 10. */
export const visaAItem7Scores = [0, 4, 7, 10] as const

/** VISA-A total 0–100, the sum of all 8 items (Robinson 2001); null unless all 8 are answered. */
export function visaATotal(items: (number | null)[]): number | null {
  if (items.length !== visaAItems.length || items.some((score) => score === null)) return null
  return (items as number[]).reduce((total, score) => total + score, 0)
}

/**
 * Keele STarT Back: 9 items scored 0 or 1 (item 9, bothersomeness, counts 1
 * for "very much" or "extremely", as the paper form's key says). Items 5–9
 * are the psychosocial subscale.
 */
export const startBackItems = [
  'Leg pain',
  'Shoulder or neck pain',
  'Walking',
  'Dressing',
  'Fear of activity',
  'Worry',
  'Catastrophising',
  'Low mood',
  'Bothersomeness'
] as const
export const startBackPsychosocialFrom = 4 // index of item 5

export type StartBackRisk = 'low' | 'medium' | 'high'

export interface StartBackScore {
  total: number
  psychosocial: number
  risk: StartBackRisk
}

/**
 * Total 0–9 and psychosocial subscale 0–5; risk by Hill 2008: total 3 or
 * less is low; otherwise a subscale of 3 or less is medium, 4 or 5 high.
 * Null unless all 9 items are answered.
 */
export function startBackScore(items: (number | null)[]): StartBackScore | null {
  if (items.length !== startBackItems.length || items.some((score) => score === null)) return null
  const scores = items as number[]
  const total = scores.reduce((sum, score) => sum + score, 0)
  const psychosocial = scores
    .slice(startBackPsychosocialFrom)
    .reduce((sum, score) => sum + score, 0)
  const risk: StartBackRisk = total <= 3 ? 'low' : psychosocial <= 3 ? 'medium' : 'high'
  return { total, psychosocial, risk }
}

/** The 15-point Global Rating of Change (Jaeschke 1989), −7 to +7, in words. */
const grocSteps = [
  'no change',
  'almost the same, hardly any',
  'a little',
  'somewhat',
  'moderately',
  'a good deal',
  'a great deal',
  'a very great deal'
] as const

export function grocWords(rating: number): string {
  if (rating === 0) return 'no change'
  const size = grocSteps[Math.min(Math.abs(rating), 7)]!
  const way = rating > 0 ? 'better' : 'worse'
  return Math.abs(rating) === 1 ? `${size} ${way} at all` : `${size} ${way}`
}

export const formatGroc = (rating: number): string =>
  `${rating > 0 ? '+' : ''}${rating} (${grocWords(rating)})`

export const runningItems = ['runsPerWeek', 'weeklyKm', 'longestKm', 'pain'] as const

const km = (value: number) => `${Math.round(value * 10) / 10} km`

/**
 * "Weekly distance 10 km → 25 km, longest run 4 km → 10 km, 2 → 4 runs a
 * week." Load has no clinically important difference: the change is stated,
 * not judged. Null when no load value was recorded at both visits.
 */
export function describeRunningLoad(from: RunningLoad, to: RunningLoad): string | null {
  const parts: string[] = []
  if (from.weeklyKm !== null && to.weeklyKm !== null)
    parts.push(`weekly distance ${km(from.weeklyKm)} → ${km(to.weeklyKm)}`)
  if (from.longestKm !== null && to.longestKm !== null)
    parts.push(`longest run ${km(from.longestKm)} → ${km(to.longestKm)}`)
  if (from.runsPerWeek !== null && to.runsPerWeek !== null)
    parts.push(`${from.runsPerWeek} → ${to.runsPerWeek} runs a week`)
  if (parts.length === 0) return null
  const sentence = parts.join(', ')
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`
}
