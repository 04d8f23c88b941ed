/**
 * Graded walk–run plans: a weekly table of run/walk intervals that builds to
 * continuous running, with the pain-monitoring rule that says when to move on.
 */
import type { WalkRunPlan, WalkRunWeek } from './contract'

export type { WalkRunPlan, WalkRunWeek }

/**
 * The pain-monitoring model of Silbernagel et al. 2007 (Am J Sports Med):
 * pain during and after activity is allowed up to 5 out of 10 if it settles
 * by the next morning. For return to running the stricter limit of 3 out of
 * 10 decides when to move on; above that the week is repeated, and above 5,
 * or pain not settled by the morning, means a step back.
 */
export const defaultPainRule =
  'Move on to the next week only if pain during running stays at 3 out of 10 or less and is back to its usual level by the next morning. If it goes above 3 but settles by the morning, repeat the week. If it goes above 5, or is still worse the next morning, go back one week.'

export function runningMinutes(week: WalkRunWeek): number {
  return week.runMinutes * week.repeats
}

const minutes = (count: number) => `${count} ${count === 1 ? 'minute' : 'minutes'}`

/** "Run 1 minute, walk 2 minutes, 6 times" or "Run 30 minutes without stopping". */
export function describeWeek(week: WalkRunWeek): string {
  if (week.walkMinutes === 0) {
    const run = `Run ${minutes(week.runMinutes)} without stopping`
    return week.repeats === 1 ? run : `${run}, ${week.repeats} times with a short rest`
  }
  const times = week.repeats === 1 ? 'once' : week.repeats === 2 ? 'twice' : `${week.repeats} times`
  return `Run ${minutes(week.runMinutes)}, walk ${minutes(week.walkMinutes)}, ${times}`
}

/** "3 sessions a week" */
export function describeSessions(week: WalkRunWeek): string {
  return `${week.sessions} ${week.sessions === 1 ? 'session' : 'sessions'} a week`
}

const week = (runMinutes: number, walkMinutes: number, repeats: number): WalkRunWeek => ({
  runMinutes,
  walkMinutes,
  repeats,
  sessions: 3
})

export interface BuiltinWalkRunPlan {
  key: string
  name: string
  /** who it suits and what it follows, for the physiotherapist */
  description: string
  weeks: WalkRunWeek[]
}

const source =
  'Run on alternate days, at an easy pace, on flat even ground, progressing by the pain-monitoring rule (Silbernagel et al. 2007), as in the graded return-to-running programmes of Warden, Davis and Fredericson 2014 (JOSPT) for runners after injury.'

/**
 * Three sessions a week on alternate days, each about 20–30 minutes, the
 * running share growing week by week to 30 minutes without stopping.
 */
export const builtinWalkRunPlans: BuiltinWalkRunPlan[] = [
  {
    key: 'walk-run-8',
    name: 'Walk–run: 10 weeks to 30 minutes',
    description: `After a tendon or muscle injury, once walking 30 minutes and 20 single-leg heel raises are pain-free. ${source}`,
    weeks: [
      week(1, 2, 6),
      week(2, 2, 5),
      week(3, 2, 5),
      week(4, 1, 5),
      week(6, 1, 4),
      week(9, 1, 3),
      week(14, 1, 2),
      week(20, 0, 1),
      week(25, 0, 1),
      week(30, 0, 1)
    ]
  },
  {
    key: 'walk-run-10-gentle',
    name: 'Walk–run, gentle: 12 weeks to 30 minutes',
    description: `After a bone stress injury or shin pain, or a long break from running: shorter runs and longer walks at first. ${source}`,
    weeks: [
      week(1, 4, 4),
      week(1, 3, 5),
      week(2, 3, 5),
      week(3, 2, 5),
      week(4, 2, 5),
      week(5, 1, 4),
      week(7, 1, 3),
      week(11, 1, 2),
      week(15, 0, 1),
      week(20, 0, 1),
      week(25, 0, 1),
      week(30, 0, 1)
    ]
  },
  {
    key: 'walk-run-4-quick',
    name: 'Walk–run, short: 6 weeks to 30 minutes',
    description: `After a minor injury or a break of a few weeks, for a runner who walks and hops without pain. ${source}`,
    weeks: [
      week(3, 1, 5),
      week(5, 1, 4),
      week(9, 1, 3),
      week(15, 1, 2),
      week(20, 0, 1),
      week(30, 0, 1)
    ]
  }
]

/** A built-in plan as a program's own copy, with the pain rule given. */
export function planFrom(plan: BuiltinWalkRunPlan, painRule = defaultPainRule): WalkRunPlan {
  return {
    planKey: plan.key,
    name: plan.name,
    weeks: plan.weeks.map((each) => ({ ...each })),
    painRule
  }
}

/** The plan in lines for comparing two versions. */
export function planLines(plan: WalkRunPlan | null): string[] {
  if (plan === null) return []
  return plan.weeks.map(
    (each, index) => `Week ${index + 1}: ${describeWeek(each)}, ${describeSessions(each)}`
  )
}
