/**
 * How the built-in content hangs together: which exercise is the easier or
 * harder variant of which, which template stage follows which, and the tags
 * a physiotherapist filters by. Kept apart from the content itself and
 * written by key, so the content files stay plain lists.
 */
import type { ExerciseMovement, ExerciseStage } from '@shared/types'
import { defaultPainRule } from '@shared/walk-run'

/**
 * Progression chains, easiest first: each exercise's harder variant is the
 * next in its chain. An exercise is in one chain at most.
 */
export const progressionChains: string[][] = [
  // a posterior pelvic tilt is the first part of a bridge
  ['pelvic-tilt', 'glute-bridge'],
  // four-point kneeling before a full-body hold
  ['bird-dog', 'plank'],
  // a gentle buttock stretch lying down before the deeper one
  ['knee-to-chest', 'pigeon-pose']
]

/**
 * Staged templates per condition, in order: each stage's template names the
 * next as the one "revise" moves a patient to. The exercises of a stage's
 * template are tagged with its condition and stage.
 */
export interface StagedCondition {
  condition: string
  stages: { template: string; stage: ExerciseStage }[]
}

export const stagedConditions: StagedCondition[] = [
  {
    condition: 'Low back pain',
    stages: [
      { template: 'lbp-relief', stage: 'early' },
      { template: 'lbp-core', stage: 'middle' },
      { template: 'lbp-return-to-running', stage: 'return' }
    ]
  }
]

/** Movement preference, where it matters. */
export const exerciseMovements: Record<string, ExerciseMovement[]> = {
  'cat-camel': ['flexion', 'extension'],
  'knee-to-chest': ['flexion'],
  'childs-pose': ['flexion'],
  'pelvic-tilt': ['flexion'],
  superman: ['extension'],
  plank: ['isometric']
}

/** Return-to-running templates: the walk–run plan they start with, and their pain rule. */
export const templateWalkRun: Record<string, { plan: string; painRule: string }> = {
  'lbp-return-to-running': { plan: 'walk-run-8', painRule: defaultPainRule }
}
