/** Built-in advice sections from the starter article, in the patient's words. */
import type { AdviceSection } from '@shared/types'

export interface BuiltinAdvice extends Pick<AdviceSection, 'title' | 'kind' | 'intro' | 'points'> {
  key: string
}

export const builtinAdvice: BuiltinAdvice[] = [
  {
    key: 'running-form',
    kind: 'general',
    title: 'Running form',
    intro:
      'Good running form spreads the load of each stride and takes strain off your lower back.',
    points: [
      'Stand tall: keep your head up and look ahead, not down at your feet.',
      'Relax your shoulders and avoid hunching forward.',
      'Keep your core muscles gently engaged to support your spine.',
      'Land on your midfoot rather than your heel.',
      'Take shorter, quicker strides: do not overstride.',
      'Avoid twisting or rotating your upper body as you run.',
      'Wear supportive running shoes.',
      'Increase your running distance and speed gradually.'
    ]
  },
  {
    key: 'warm-up-cool-down',
    kind: 'general',
    title: 'Warm-up and cool-down',
    intro: 'Warming up prepares your muscles for running; cooling down helps them recover.',
    points: [
      'Before you run, warm up with dynamic moves such as leg swings, arm circles and walking lunges.',
      'After you run, cool down with light jogging or walking.',
      'Then do your static stretches, while your muscles are warm.'
    ]
  },
  {
    key: 'heat-cold',
    kind: 'general',
    title: 'Heat and cold',
    intro: 'Heat or cold on the sore area can ease pain and reduce inflammation.',
    points: [
      'Use a heating pad or an ice pack for 15 to 20 minutes at a time.',
      'You can alternate between heat and cold.',
      'Wrap ice packs in a cloth: never put ice directly on your skin.'
    ]
  },
  {
    key: 'pain-relief',
    kind: 'general',
    title: 'Pain relief medicine',
    intro: 'Over-the-counter anti-inflammatory medicine, such as ibuprofen, can help manage pain.',
    points: [
      'Follow the dose on the label.',
      'Ask a pharmacist, doctor or your physiotherapist first if you are unsure, take other medicines or have other health conditions.'
    ]
  },
  {
    key: 'seek-help',
    kind: 'seek-help',
    title: 'When to seek professional help',
    intro:
      'Contact your physiotherapist or doctor if your pain persists or gets worse despite these exercises.',
    points: [
      'Get urgent medical help if you have numbness around your groin or buttocks, new problems controlling your bladder or bowel, or weakness or numbness in your legs that is getting worse.',
      'Also seek help promptly if back pain comes with fever or feeling unwell, or with pain at night that rest does not ease.'
    ]
  }
]
