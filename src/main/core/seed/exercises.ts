/**
 * Built-in exercises from the starter article ("Lower back pain after
 * running"). Steps and doses follow the article where it gives them; where it
 * names an exercise without a dose, the default is a conservative starting
 * dose the therapist adjusts per patient. Every dose says how often: relief
 * stretches twice a day, strengthening 3 days a week (ACSM 2011), warm-up and
 * cool-down on 3 running days a week. Keys are permanent: the seed finds
 * rows by key, so renaming an exercise here updates it in every clinic.
 */
import type { Dose, ExerciseFields } from '@shared/types'

export interface BuiltinExercise extends Omit<ExerciseFields, 'defaultDose'> {
  key: string
  /** other words people search with */
  keywords: string
  dose: Partial<Dose>
  /** one picture, or start and end positions (resources/illustrations/) */
  pictures: 'single' | 'start-end'
}

/** The illustration files of a built-in exercise, relative to resources/. */
export function illustrationPaths(exercise: Pick<BuiltinExercise, 'key' | 'pictures'>): string[] {
  return exercise.pictures === 'single'
    ? [`illustrations/${exercise.key}.svg`]
    : [`illustrations/${exercise.key}-start.svg`, `illustrations/${exercise.key}-end.svg`]
}

export const builtinExercises: BuiltinExercise[] = [
  {
    key: 'cat-camel',
    pictures: 'start-end',
    name: 'Cat-camel',
    keywords: 'cat cow camel stretch spine flexion extension',
    summary: 'Gently round and arch your back on hands and knees to ease lower back stiffness.',
    steps: [
      'Start on your hands and knees, with your hands directly under your shoulders and your knees under your hips.',
      'Slowly round your back upward, like a stretching cat, tucking your chin to your chest.',
      'Then gently arch your back downward, lifting your head and chest toward the ceiling.',
      'Repeat the movement, focusing on the stretch in your lower back.'
    ],
    category: 'mobility',
    bodyRegions: ['lower back'],
    position: 'hands and knees',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: 'Move slowly and only as far as is comfortable.',
    dose: { reps: 10, perDay: 2, note: 'Build up to 15 repetitions.' }
  },
  {
    key: 'knee-to-chest',
    pictures: 'start-end',
    name: 'Knee-to-chest stretch',
    keywords: 'single knee to chest hug lower back glute stretch',
    summary:
      'Lying on your back, hug one knee to your chest to stretch the lower back and buttock.',
    steps: [
      'Lie on your back with your knees bent and your feet flat on the ground.',
      'Bring one knee toward your chest, using your hands to gently pull it closer.',
      'Hold the stretch, feeling it in your lower back and buttock.',
      'Lower the leg and repeat with the other leg.'
    ],
    category: 'stretch',
    bodyRegions: ['lower back', 'glutes'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: null,
    dose: {
      reps: 3,
      holdSeconds: 20,
      side: 'both',
      perDay: 2,
      note: 'Build up to a 30-second hold.'
    }
  },
  {
    key: 'plank',
    pictures: 'single',
    name: 'Plank',
    keywords: 'front plank core abdominal hold prone bridge',
    summary: 'Hold a straight line from head to heels to strengthen the deep core muscles.',
    steps: [
      'Start in a push-up position, with your hands directly under your shoulders.',
      'Tighten your core and keep a straight line from your head to your heels.',
      'Hold the position, keeping your stomach muscles tight and breathing steadily.',
      'Lower down, rest, and repeat for the number of sets.'
    ],
    category: 'strengthening',
    bodyRegions: ['core', 'lower back'],
    position: 'lying on front',
    equipment: ['mat'],
    difficulty: 'moderate',
    caution:
      'Stop if your lower back sags or aches. To make it easier, rest on your forearms and knees.',
    dose: { sets: 3, holdSeconds: 30, perWeek: 3, note: 'Build up to 60 seconds and 5 times.' }
  },
  {
    key: 'bird-dog',
    pictures: 'start-end',
    name: 'Bird-dog',
    keywords: 'bird dog quadruped opposite arm leg raise core stability',
    summary: 'On all fours, reach one arm and the opposite leg out long to train core control.',
    steps: [
      'Begin on all fours, with your hands under your shoulders and your knees under your hips.',
      'Extend one arm forward while extending the opposite leg back, making a straight line from head to toe.',
      'Hold for a few seconds without letting your back sag or twist.',
      'Return to all fours and switch sides.'
    ],
    category: 'strengthening',
    bodyRegions: ['core', 'lower back', 'glutes'],
    position: 'hands and knees',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: null,
    dose: { reps: 10, holdSeconds: 5, side: 'alternating', perWeek: 3 }
  },
  {
    key: 'superman',
    pictures: 'start-end',
    name: 'Superman',
    keywords: 'supermans back extension prone arm leg lift',
    summary: 'Lying face down, lift your arms, chest and legs to strengthen the back muscles.',
    steps: [
      'Lie face down on a mat with your arms stretched out in front of you.',
      'At the same time, lift your arms, chest and legs off the floor, using your back muscles.',
      'Hold for a few seconds.',
      'Lower back down slowly and rest before the next one.'
    ],
    category: 'strengthening',
    bodyRegions: ['lower back', 'glutes'],
    position: 'lying on front',
    equipment: ['mat'],
    difficulty: 'moderate',
    caution: 'Lift only as high as is comfortable. Leave it out if it increases your back pain.',
    dose: { reps: 10, holdSeconds: 3, perWeek: 3 }
  },
  {
    key: 'glute-bridge',
    pictures: 'start-end',
    name: 'Glute bridge',
    keywords: 'bridge bridging hip lift buttock',
    summary: 'Lying on your back, lift your hips to strengthen the buttocks and lower back.',
    steps: [
      'Lie on your back with your knees bent and your feet flat on the ground, hip-width apart.',
      'Tighten your buttocks and lift your hips until your body makes a straight line from shoulders to knees.',
      'Hold briefly at the top without arching your lower back.',
      'Lower your hips slowly back to the ground.'
    ],
    category: 'strengthening',
    bodyRegions: ['glutes', 'lower back'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: null,
    dose: { sets: 2, reps: 10, holdSeconds: 3, perWeek: 3 }
  },
  {
    key: 'childs-pose',
    pictures: 'single',
    name: "Child's pose",
    keywords: 'childs pose child yoga kneeling back stretch',
    summary: 'Kneel and sit back on your heels, arms reaching forward, to stretch the lower back.',
    steps: [
      'Kneel on the ground with your big toes together and your knees comfortably apart.',
      'Sit back on your heels while reaching your arms forward along the floor.',
      'Let your chest sink toward the floor and feel the stretch in your lower back.',
      'Breathe slowly while you hold, then walk your hands back to come up.'
    ],
    category: 'stretch',
    bodyRegions: ['lower back', 'hips'],
    position: 'kneeling',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: 'Put a cushion between your heels and buttocks if your knees are uncomfortable.',
    dose: { reps: 3, holdSeconds: 30, perDay: 2 }
  },
  {
    key: 'pigeon-pose',
    pictures: 'single',
    name: 'Pigeon pose',
    keywords: 'pigeon yoga hip opener piriformis glute stretch',
    summary: 'With one leg bent in front and the other behind, lean forward to stretch the hip.',
    steps: [
      'Sit on the ground with one leg bent in front of you and the other leg stretched out behind you.',
      'Keep your hips level and square to the front.',
      'Lean forward over the front leg until you feel a stretch in your hip and lower back.',
      'Hold, then come up slowly and switch legs.'
    ],
    category: 'stretch',
    bodyRegions: ['hips', 'glutes', 'lower back'],
    position: 'sitting',
    equipment: ['mat'],
    difficulty: 'moderate',
    caution: 'Leave it out if it hurts your knee; ask your therapist for an easier hip stretch.',
    dose: { reps: 2, holdSeconds: 30, side: 'both', perWeek: 3 }
  },
  {
    key: 'hip-flexor-stretch',
    pictures: 'single',
    name: 'Kneeling hip flexor stretch',
    keywords: 'hip flexor stretch psoas iliopsoas half kneeling lunge stretch front of hip',
    summary:
      'Kneeling on one knee, tuck your pelvis and shift forward to stretch the front of the hip.',
    steps: [
      'Kneel on one knee on a mat or cushion, with the other foot flat on the floor in front of you and that knee bent at a right angle.',
      'Keep your upper body upright with your hands on your hips, and gently tighten your stomach and buttock muscles to tuck your pelvis under.',
      'Keeping your back straight, shift your weight slowly forward until you feel a stretch at the front of the hip of the kneeling leg.',
      'Hold, then come back and switch legs.'
    ],
    category: 'stretch',
    bodyRegions: ['hips', 'lower back'],
    position: 'kneeling',
    equipment: ['mat'],
    difficulty: 'easy',
    caution:
      'Keep your lower back from arching: the stretch should be at the front of the hip, not in your back. Put a cushion under the knee if it is uncomfortable.',
    dose: { reps: 2, holdSeconds: 30, side: 'both', perDay: 1 }
  },
  {
    key: 'hamstring-stretch',
    pictures: 'single',
    name: 'Standing hamstring stretch',
    keywords: 'hamstring stretch back of thigh heel on step',
    summary: 'With your heel on a low step, lean forward to stretch the back of the thigh.',
    steps: [
      'Stand upright facing a low ledge or step.',
      'Rest the heel of one leg on the ledge, keeping that knee straight but not locked.',
      'Keeping your back straight, bend forward from your hips until you feel a stretch at the back of your thigh.',
      'Hold, then switch legs.'
    ],
    category: 'stretch',
    bodyRegions: ['hamstrings', 'lower back'],
    position: 'standing',
    equipment: ['step or ledge'],
    difficulty: 'easy',
    caution: 'Hold on to something steady for balance.',
    dose: { reps: 2, holdSeconds: 30, side: 'both', perWeek: 3 }
  },
  {
    key: 'pelvic-tilt',
    pictures: 'single',
    name: 'Pelvic tilt',
    keywords: 'pelvic tilts posterior tilt flatten back abdominal',
    summary: 'Lying on your back, flatten your lower back into the floor by tilting the pelvis.',
    steps: [
      'Lie on your back with your knees bent and your feet flat on the ground.',
      'Tighten your stomach muscles and gently press your lower back flat into the floor, tilting your pelvis up.',
      'Hold, breathing normally.',
      'Relax and let your back return to its natural curve.'
    ],
    category: 'mobility',
    bodyRegions: ['lower back', 'core'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: null,
    dose: { reps: 10, holdSeconds: 5, perDay: 2 }
  },
  {
    key: 'lying-knee-twist',
    pictures: 'start-end',
    name: 'Lying knee twist',
    keywords: 'lumbar rotation knee rolls supine twist trunk rotation',
    summary: 'Lying on your back, let both knees fall to one side to gently rotate the lower back.',
    steps: [
      'Lie on your back with your knees bent, your feet flat and your arms out to the sides.',
      'Keeping both shoulders on the floor, slowly let your knees fall to one side.',
      'Hold where you feel a gentle stretch in your lower back.',
      'Bring your knees back to the middle and repeat to the other side.'
    ],
    category: 'stretch',
    bodyRegions: ['lower back'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: null,
    dose: { reps: 5, holdSeconds: 10, side: 'alternating', perDay: 2 }
  },
  {
    key: 'leg-swings',
    pictures: 'start-end',
    name: 'Leg swings',
    keywords: 'leg swing dynamic warm up hip',
    summary: 'Swing one leg forward and back to warm up the hips before a run.',
    steps: [
      'Stand side-on to a wall or post and hold it with your inside hand for balance.',
      'Swing your outside leg forward and back in a smooth, controlled arc.',
      'Let the swing grow a little bigger as you loosen up.',
      'Turn around and repeat with the other leg.'
    ],
    category: 'warm-up',
    bodyRegions: ['hips', 'hamstrings'],
    position: 'standing',
    equipment: [],
    difficulty: 'easy',
    caution: null,
    dose: { reps: 10, side: 'both', perWeek: 3 }
  },
  {
    key: 'arm-circles',
    pictures: 'single',
    name: 'Arm circles',
    keywords: 'arm circle shoulder warm up dynamic',
    summary: 'Circle your arms to loosen the shoulders and upper back before a run.',
    steps: [
      'Stand tall with your feet hip-width apart and your arms out to the sides at shoulder height.',
      'Make small circles forward, gradually making them bigger.',
      'Then circle backward, from small to big.'
    ],
    category: 'warm-up',
    bodyRegions: ['shoulders', 'upper back'],
    position: 'standing',
    equipment: [],
    difficulty: 'easy',
    caution: null,
    dose: { reps: 10, perWeek: 3, note: '10 forward, then 10 backward.' }
  },
  {
    key: 'walking-lunges',
    pictures: 'single',
    name: 'Walking lunges',
    keywords: 'lunge lunges walking dynamic warm up thigh',
    summary: 'Step forward into a lunge, one leg after the other, to warm up the legs and hips.',
    steps: [
      'Stand tall with your hands on your hips.',
      'Take a long step forward and lower your back knee toward the ground, keeping your front knee over your ankle.',
      'Push off the back foot and bring it forward into the next lunge.',
      'Keep your upper body upright as you walk forward.'
    ],
    category: 'warm-up',
    bodyRegions: ['thighs', 'glutes', 'hips'],
    position: 'walking',
    equipment: [],
    difficulty: 'moderate',
    caution: 'Keep the lunges shallow if your knees hurt.',
    dose: { reps: 10, side: 'alternating', perWeek: 3 }
  },
  {
    key: 'cool-down-walk-jog',
    pictures: 'single',
    name: 'Light jog or walk cool-down',
    keywords: 'cool down cooldown walk jog easy recovery',
    summary: 'Ease down from your run with light jogging or walking before you stretch.',
    steps: [
      'At the end of your run, slow to a light jog or a brisk walk.',
      'Keep moving at an easy pace while your breathing settles.',
      'Finish with your static stretches.'
    ],
    category: 'cool-down',
    bodyRegions: ['whole body'],
    position: 'walking',
    equipment: [],
    difficulty: 'easy',
    caution: null,
    dose: { durationSeconds: 300, perWeek: 3, note: 'Build up to 10 minutes.' }
  }
]
