/**
 * Built-in program templates from the starter article, built from the
 * built-in exercises. Each description names what it follows.
 */
import type { Dose, ExercisePhase } from '@shared/types'
import { builtinExercises } from './exercises'

export interface BuiltinTemplateItem {
  /** a built-in exercise's key */
  exercise: string
  /** when it is done; the program itself when not given */
  phase?: ExercisePhase
  /** changes to the exercise's default dose for this template */
  dose?: Partial<Dose>
}

export interface BuiltinTemplate {
  key: string
  name: string
  description: string
  goals: string
  items: BuiltinTemplateItem[]
  advice: string[]
}

const lbpSources =
  'Follows the starter article “Lower back pain after running: causes and relief” and NICE guideline NG59 (low back pain and sciatica, 2016; updated 2020): stay active, exercise, self-management.'

/** On running days the warm-up comes before each run and the stretches after it. */
/** The exercise's own note, then when to do it. */
const noteWith = (exercise: string, when: string): string =>
  [builtinExercises.find((e) => e.key === exercise)?.dose.note, when].filter(Boolean).join(' ')

const beforeRunning = (exercise: string): BuiltinTemplateItem => ({
  exercise,
  phase: 'before',
  dose: { note: noteWith(exercise, 'Do this before every run.') }
})
const afterRunning = (exercise: string): BuiltinTemplateItem => ({
  exercise,
  phase: 'after',
  dose: { perDay: null, perWeek: 3, note: noteWith(exercise, 'Do this after every run.') }
})

export const builtinTemplates: BuiltinTemplate[] = [
  {
    key: 'lbp-relief',
    name: "Runner's low back pain — relief",
    description: `Gentle stretches, twice a day, to ease tightness and pain in the lower back after running. ${lbpSources}`,
    goals: 'Ease lower back pain and stiffness after running.',
    items: ['cat-camel', 'knee-to-chest', 'childs-pose', 'pelvic-tilt', 'lying-knee-twist'].map(
      (exercise) => ({ exercise })
    ),
    advice: ['heat-cold', 'pain-relief', 'rest-recovery', 'seek-help']
  },
  {
    key: 'lbp-core',
    name: "Runner's low back pain — core strengthening",
    description: `Core, back and buttock strengthening 3 days a week to support the spine while running, with a stretch for tight hip flexors. ${lbpSources} Strength dosing per the ACSM position stand (Garber et al. 2011): 2–3 days a week.`,
    goals: 'Build core and back strength to support the lower back.',
    items: [
      { exercise: 'plank' },
      { exercise: 'bird-dog' },
      { exercise: 'superman' },
      { exercise: 'glute-bridge' },
      { exercise: 'hip-flexor-stretch' }
    ],
    advice: ['running-form', 'seek-help']
  },
  {
    key: 'lbp-return-to-running',
    name: 'Prevention and return to running',
    description: `A dynamic warm-up before each run, strength work, and a cool-down with static stretches after it, with running-form and recovery advice. ${lbpSources}`,
    goals: 'Return to running without lower back pain, and keep it away.',
    items: [
      beforeRunning('leg-swings'),
      beforeRunning('arm-circles'),
      beforeRunning('walking-lunges'),
      { exercise: 'bird-dog' },
      { exercise: 'plank' },
      { exercise: 'glute-bridge' },
      afterRunning('cool-down-walk-jog'),
      afterRunning('hamstring-stretch'),
      afterRunning('hip-flexor-stretch'),
      afterRunning('pigeon-pose'),
      afterRunning('childs-pose')
    ],
    advice: ['running-form', 'warm-up-cool-down', 'rest-recovery', 'seek-help']
  }
]
