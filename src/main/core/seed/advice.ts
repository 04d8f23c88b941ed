/** Built-in advice sections from the starter article, in the patient's words. */
import type { AdviceSection } from '@shared/types'

export interface BuiltinAdvice extends Pick<AdviceSection, 'title' | 'kind' | 'intro' | 'points'> {
  key: string
}

/** The back's help section: programs with it list the spinal red flags. */
export const spinalHelpKey = 'seek-help'

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
      'Land on your midfoot rather than your heel; if you change how you land, change it gradually.',
      'Take shorter, quicker strides: do not overstride.',
      'Avoid excessive twisting of your upper body: a little rotation is normal when you run.',
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
    intro:
      'Heat relaxes tight muscles and eases stiffness; cold can reduce inflammation and numb pain.',
    points: [
      'Use a heating pad or an ice pack for 15 to 20 minutes at a time.',
      'You can alternate between heat and cold.',
      'Wrap ice packs in a cloth: never put ice directly on your skin.',
      'Don’t use heat or ice on skin that is numb or has less feeling, and don’t fall asleep on a heating pad.'
    ]
  },
  {
    key: 'pain-relief',
    kind: 'general',
    title: 'Pain relief medicine',
    intro: 'Over-the-counter anti-inflammatory medicine, such as ibuprofen, can help manage pain.',
    points: [
      'Follow the dose on the label.',
      'Take the lowest dose that helps, for the shortest time.',
      'Ask a pharmacist or doctor first if you have had a stomach ulcer or bleeding, have asthma, kidney, liver or heart problems, are pregnant, take blood thinners or other medicines, or are unsure.'
    ]
  },
  {
    key: 'rest-recovery',
    kind: 'general',
    title: 'Rest and recovery after running',
    intro: 'Proper rest and recovery after running help ease back pain and let your body adapt.',
    points: [
      'After each run, cool down and do your stretches.',
      'Increase your running intensity and distance gradually.',
      'If your back is sore after a run, take it easier until it settles, and keep gently active.'
    ]
  },
  {
    key: spinalHelpKey,
    kind: 'seek-help',
    title: 'When to seek professional help',
    intro:
      'Contact your physiotherapist or doctor if your pain is severe, persists or gets worse despite these exercises.',
    points: [
      'Stop any exercise that causes sharp or increasing pain, and tell your physiotherapist.',
      'A physiotherapist or an orthopaedic specialist can assess you and adjust your treatment.'
    ]
  }
]
