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
  // a posterior pelvic tilt is the first part of a bridge; then one leg
  ['pelvic-tilt', 'glute-bridge', 'single-leg-bridge'],
  // four-point kneeling before a full-body hold
  ['bird-dog', 'plank'],
  // a gentle buttock stretch lying down before the deeper one
  ['knee-to-chest', 'pigeon-pose'],
  // both feet, one leg, off a step (more range), with load
  ['heel-raise-double', 'heel-raise-single', 'heel-raise-step', 'heel-raise-loaded'],
  // soleus: seated (supported) before standing with bent knees
  ['seated-heel-raise', 'bent-knee-heel-raise'],
  ['towel-calf-stretch', 'calf-stretch-straight'],
  ['towel-curls', 'short-foot'],
  ['quad-set', 'straight-leg-raise'],
  ['sit-to-stand', 'squat', 'split-squat', 'rear-foot-elevated-split-squat'],
  ['step-up', 'step-up-knee-drive'],
  ['forward-step-down', 'single-leg-squat'],
  // Mellor 2018: isometric holds, lying then standing, before moving against
  // load, which starts with the clam before lifting the whole leg
  ['isometric-hip-abduction-lying', 'isometric-hip-abduction-standing'],
  ['clamshell', 'side-lying-hip-abduction'],
  ['side-plank-knees', 'side-plank'],
  ['single-leg-balance', 'single-leg-balance-cushion', 'star-excursion'],
  // a hold, a bridge on the heels, then the Nordic lower
  ['hamstring-heel-dig', 'bridge-heels-on-step', 'nordic-hamstring'],
  // two feet, one foot, sideways
  ['pogo-jumps', 'single-leg-hops', 'lateral-hops']
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
  },
  {
    condition: 'Patellofemoral pain',
    stages: [
      { template: 'pfp-early', stage: 'early' },
      { template: 'pfp-middle', stage: 'middle' },
      { template: 'pfp-return', stage: 'return' }
    ]
  },
  {
    condition: 'Iliotibial band syndrome',
    stages: [
      { template: 'itbs-early', stage: 'early' },
      { template: 'itbs-return', stage: 'return' }
    ]
  },
  {
    condition: 'Achilles tendinopathy',
    stages: [
      { template: 'achilles-mid-early', stage: 'early' },
      { template: 'achilles-mid-hsr', stage: 'middle' },
      { template: 'achilles-mid-return', stage: 'return' }
    ]
  },
  {
    condition: 'Achilles tendinopathy',
    stages: [
      { template: 'achilles-insertional-early', stage: 'early' },
      { template: 'achilles-insertional-return', stage: 'return' }
    ]
  },
  // a 12-week protocol of its own, in place of the staged mid-portion ones
  {
    condition: 'Achilles tendinopathy',
    stages: [{ template: 'achilles-alfredson', stage: 'middle' }]
  },
  {
    condition: 'Plantar heel pain',
    stages: [
      { template: 'plantar-heel-strength', stage: 'middle' },
      { template: 'plantar-heel-return', stage: 'return' }
    ]
  },
  {
    condition: 'Shin pain (MTSS)',
    stages: [
      { template: 'mtss-early', stage: 'early' },
      { template: 'mtss-return', stage: 'return' }
    ]
  },
  {
    condition: 'Calf strain',
    stages: [
      { template: 'calf-strain-early', stage: 'early' },
      { template: 'calf-strain-middle', stage: 'middle' },
      { template: 'calf-strain-return', stage: 'return' }
    ]
  },
  {
    condition: 'Hamstring strain',
    stages: [
      { template: 'hamstring-l-protocol', stage: 'early' },
      { template: 'hamstring-return', stage: 'return' }
    ]
  },
  {
    condition: 'Gluteal tendinopathy',
    stages: [
      { template: 'gluteal-early', stage: 'early' },
      { template: 'gluteal-strength', stage: 'middle' }
    ]
  },
  {
    condition: 'Lateral ankle sprain',
    stages: [
      { template: 'ankle-sprain-early', stage: 'early' },
      { template: 'ankle-sprain-middle', stage: 'middle' },
      { template: 'ankle-sprain-return', stage: 'return' }
    ]
  }
]

/** Movement preference, where it matters. */
export const movementsByExercise: Record<string, ExerciseMovement[]> = {
  'cat-camel': ['flexion', 'extension'],
  'knee-to-chest': ['flexion'],
  'childs-pose': ['flexion'],
  'pelvic-tilt': ['flexion'],
  superman: ['extension'],
  plank: ['isometric'],
  'wall-sit': ['isometric'],
  'spanish-squat': ['isometric'],
  'quad-set': ['isometric'],
  'isometric-hip-abduction-lying': ['isometric'],
  'isometric-hip-abduction-standing': ['isometric'],
  'isometric-heel-raise': ['isometric'],
  'side-plank-knees': ['isometric'],
  'side-plank': ['isometric'],
  'hamstring-heel-dig': ['isometric'],
  'eccentric-heel-drop-straight': ['eccentric'],
  'eccentric-heel-drop-bent': ['eccentric'],
  'floor-heel-drop': ['eccentric'],
  'nordic-hamstring': ['eccentric'],
  // Askling's L-protocol: loading the hamstring while it lengthens
  'askling-extender': ['eccentric'],
  'askling-diver': ['eccentric'],
  'askling-glider': ['eccentric'],
  'forward-step-down': ['eccentric'],
  'pogo-jumps': ['plyometric'],
  'single-leg-hops': ['plyometric'],
  'lateral-hops': ['plyometric'],
  'hop-and-stick': ['plyometric'],
  'a-skips': ['plyometric'],
  'skipping-rope': ['plyometric']
}

/**
 * The running clinic's rule, printed beside the walk–run table; the "Getting
 * back to running" advice in the same handout points to it instead of
 * repeating it, so the two never disagree.
 */
const runningRule =
  'Move on to the next week once you have done its sessions, and only if pain during running stays at 3 out of 10 or less and is back to its usual level by the next morning. If it goes above 3 but has settled by the morning, repeat the week. If it goes above 5, or is still worse the next morning, go back one week (in week 1, rest two days, then start week 1 again).'

/** For a sore tendon, morning stiffness is the other signal (Silbernagel 2007). */
const tendonRule = `${runningRule} Morning stiffness and pain in your tendon should not build up from one week to the next.`

/** Plantar heel pain shows in the first steps after rest. */
const plantarRule = `${runningRule} Your first steps in the morning should be no more painful than they were the week before.`

/** A healing hamstring gets no pain allowance and no speed until checked. */
const hamstringRule =
  'Run at an easy pace with no pain at the back of your thigh; a feeling of tightness that fades within a few minutes is fine. Move on only if the back of your thigh is no sorer the next morning. If you feel pain there during a run, stop, walk home, repeat the previous week and tell your physiotherapist. Do not run fast or sprint until your physiotherapist has checked you.'

/** Bone under stress (shin pain) gets no pain allowance while running. */
const boneRule =
  'Move on to the next week only if you run without shin pain and your shin is no more sore the next morning. If pain starts during a run, stop and walk home, and repeat the previous week once it has settled. Pain in one spot that stays at rest or wakes you at night: see your physiotherapist or doctor before running again.'

/** Return-to-running templates: the walk–run plan they start with, and their pain rule. */
export const templateWalkRun: Record<string, { plan: string; painRule: string }> = {
  'lbp-return-to-running': { plan: 'walk-run-8', painRule: defaultPainRule },
  'pfp-return': { plan: 'walk-run-8', painRule: runningRule },
  'itbs-return': { plan: 'walk-run-8', painRule: runningRule },
  'achilles-mid-return': { plan: 'walk-run-8', painRule: tendonRule },
  'achilles-insertional-return': { plan: 'walk-run-8', painRule: tendonRule },
  'plantar-heel-return': { plan: 'walk-run-8', painRule: plantarRule },
  'mtss-return': { plan: 'walk-run-10-gentle', painRule: boneRule },
  'calf-strain-return': { plan: 'walk-run-8', painRule: runningRule },
  'hamstring-return': { plan: 'walk-run-4-quick', painRule: hamstringRule },
  'ankle-sprain-return': { plan: 'walk-run-4-quick', painRule: runningRule }
}
