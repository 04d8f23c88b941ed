/** Built-in program templates from the starter article, built from the built-in exercises. */

export interface BuiltinTemplate {
  key: string
  name: string
  description: string
  goals: string
  /** exercise keys, in order; doses come from each exercise's default */
  exercises: string[]
  advice: string[]
}

export const builtinTemplates: BuiltinTemplate[] = [
  {
    key: 'lbp-relief',
    name: "Runner's low back pain — relief",
    description: 'Gentle stretches to ease tightness and pain in the lower back after running.',
    goals: 'Ease lower back pain and stiffness after running.',
    exercises: ['cat-camel', 'knee-to-chest', 'childs-pose', 'pelvic-tilt', 'lying-knee-twist'],
    advice: ['heat-cold', 'pain-relief', 'seek-help']
  },
  {
    key: 'lbp-core',
    name: "Runner's low back pain — core strengthening",
    description: 'Core and back strengthening to support the spine while running.',
    goals: 'Build core and back strength to support the lower back.',
    exercises: ['plank', 'bird-dog', 'superman', 'glute-bridge'],
    advice: ['running-form', 'seek-help']
  },
  {
    key: 'lbp-return-to-running',
    name: 'Prevention and return to running',
    description:
      'Warm-up, strength, stretches and cool-down around each run, with running-form advice.',
    goals: 'Return to running without lower back pain, and keep it away.',
    exercises: [
      'leg-swings',
      'arm-circles',
      'walking-lunges',
      'bird-dog',
      'plank',
      'glute-bridge',
      'hamstring-stretch',
      'pigeon-pose',
      'childs-pose',
      'cool-down-walk-jog'
    ],
    advice: ['running-form', 'warm-up-cool-down', 'seek-help']
  }
]
