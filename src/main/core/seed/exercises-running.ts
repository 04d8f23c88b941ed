/**
 * Built-in exercises for a running clinic: knee, hip, calf and Achilles,
 * foot and ankle, hamstring, trunk, balance and plyometrics. Doses follow the
 * protocol named in the keywords and the template that uses the exercise
 * (Alfredson 1998, Silbernagel 2007, Beyer 2015, Jonsson 2008, Rathleff 2015,
 * Askling 2013, Mellor 2018, Crossley 2016); where no protocol sets one, a
 * conservative starting dose the therapist adjusts. Every dose says how often.
 * Keys are permanent, as in exercises.ts.
 */
import type { BuiltinExercise } from './exercises'

/** Said under every hopping and jumping exercise. */
const plyometricCaution =
  'Only start hopping when you can do 20 single-leg heel raises and walk briskly for 30 minutes without pain. Land softly and quietly. Stop if pain builds during the session or is worse the next morning.'

/** Said under the calf exercises: how much pain is acceptable. */
const loadPain =
  'Mild discomfort is acceptable if it settles by the next morning: up to 3 out of 10, or up to 5 for a sore tendon if your physiotherapist says so. Stop and tell your physiotherapist if pain is sharp, or worse the next morning.'

/** Alfredson 1998: 3 × 15, twice a day, every day, for 12 weeks */
const alfredson = {
  sets: 3,
  reps: 15,
  perDay: 2,
  perWeek: 7,
  note: 'Alfredson protocol: for 12 weeks. When it no longer hurts, add weight in a backpack.'
}

/** Under every exercise that lowers the heel below the step. */
const offTheStep = `Not for pain at the back of the heel bone (insertional Achilles pain): use the floor-level heel drop instead. ${loadPain}`

export const runningExercises: BuiltinExercise[] = [
  // Knee
  {
    key: 'wall-sit',
    pictures: 'single',
    name: 'Wall sit',
    keywords:
      'wall squat isometric quadriceps hold patellofemoral knee pain anterior knee runners knee',
    summary: 'Slide down a wall and hold, to strengthen the thigh muscles without moving the knee.',
    steps: [
      'Stand with your back against a wall and your feet about two foot lengths away from it.',
      'Slide your back down the wall until your knees are bent as far as is comfortable, no further than a right angle.',
      'Keep your knees in line with your second toe and your weight through your heels.',
      'Hold, breathing normally, then slide back up the wall.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'thighs'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'moderate',
    caution:
      'Choose a depth where knee pain stays mild (no more than 3 out of 10). Come up higher if it builds.',
    dose: {
      sets: 5,
      holdSeconds: 30,
      perDay: 1,
      perWeek: 5,
      note: 'Build up to 45-second holds, resting a minute between them.'
    }
  },
  {
    key: 'spanish-squat',
    pictures: 'single',
    name: 'Spanish squat',
    keywords:
      'spanish squat band behind knees isometric quadriceps patellar patellofemoral knee pain',
    summary:
      'Sit back into a squat against a strong band behind your knees, keeping your shins upright.',
    steps: [
      'Tie a strong band or belt around something solid and step into the loop so it sits just behind both knees.',
      'Step back until the band is tight, feet hip-width apart.',
      'Sit back as if onto a chair, keeping your shins upright and letting the band hold your knees.',
      'Hold at a comfortable depth, then stand up slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'thighs'],
    position: 'standing',
    equipment: ['resistance band'],
    difficulty: 'moderate',
    caution:
      'Check the band is tied firmly before you lean back. Keep knee pain mild (no more than 3 out of 10).',
    dose: {
      sets: 5,
      holdSeconds: 30,
      perDay: 1,
      perWeek: 5,
      note: 'Build up to 45-second holds.'
    }
  },
  {
    key: 'step-up',
    pictures: 'start-end',
    name: 'Step-up',
    keywords: 'step up stair box quadriceps glute patellofemoral knee iliotibial hip strength',
    summary: 'Step up onto a low step with control, pushing through the front leg.',
    steps: [
      'Stand facing a low, sturdy step. Put your whole working foot on it.',
      'Push through that heel to step up, keeping your knee in line with your second toe.',
      'Bring the other foot up to stand tall on the step.',
      'Step down slowly with the other foot first, then repeat.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'thighs', 'glutes'],
    position: 'standing',
    equipment: ['step or ledge'],
    difficulty: 'easy',
    caution:
      'Use a rail or wall for balance. Start with a low step and raise it as you get stronger.',
    dose: { sets: 3, reps: 10, side: 'both', perWeek: 3, note: 'Build up to 15 repetitions.' }
  },
  {
    key: 'step-up-knee-drive',
    pictures: 'single',
    name: 'Step-up with knee drive',
    keywords: 'step up knee drive running drill progression harder hip flexor glute knee',
    summary: 'Step up and drive the other knee up, as in running, then step back down.',
    steps: [
      'Stand facing a step with your working foot on it.',
      'Push up through that foot and drive the other knee up in front of you, swinging the opposite arm as when running.',
      'Hold your balance for a moment at the top.',
      'Step back down slowly and repeat.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'hips', 'glutes'],
    position: 'standing',
    equipment: ['step or ledge'],
    difficulty: 'moderate',
    caution: 'Progress to this once ordinary step-ups are easy and pain-free.',
    dose: { sets: 3, reps: 10, side: 'both', perWeek: 3 }
  },
  {
    key: 'forward-step-down',
    pictures: 'start-end',
    name: 'Forward step-down',
    keywords:
      'step down eccentric quadriceps knee control patellofemoral iliotibial single leg progression',
    summary:
      'Standing on a step, slowly lower the other heel to the floor in front by bending the standing knee.',
    steps: [
      'Stand on a low step on your working leg, the other foot just off the front edge.',
      'Slowly bend your standing knee to lower the other heel toward the floor, keeping your knee in line with your second toe and your hips level.',
      'Lightly touch the heel down without putting weight on it.',
      'Straighten back up slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'thighs', 'hips'],
    position: 'standing',
    equipment: ['step or ledge'],
    difficulty: 'moderate',
    caution: 'Start with a low step; hold a rail or wall. Knee pain should stay mild.',
    dose: { sets: 3, reps: 10, side: 'both', perWeek: 3 }
  },
  {
    key: 'single-leg-squat',
    pictures: 'start-end',
    name: 'Single-leg squat',
    keywords:
      'single leg squat one leg knee control hip patellofemoral iliotibial progression harder',
    summary: 'Squat on one leg, keeping the knee in line with the toes and the hips level.',
    steps: [
      'Stand on your working leg, the other foot just off the floor in front of you.',
      'Reach your arms forward and bend your standing knee as if to sit back onto a chair.',
      'Keep your knee over your second toe and your hips level; go only as low as you can control.',
      'Push back up to standing.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'thighs', 'glutes', 'hips'],
    position: 'standing',
    equipment: [],
    difficulty: 'hard',
    caution:
      'Stand next to a wall or chair to steady yourself. Do it in front of a mirror to check your knee.',
    dose: { sets: 3, reps: 8, side: 'both', perWeek: 3, note: 'Build up to 12 repetitions.' }
  },
  {
    key: 'split-squat',
    pictures: 'start-end',
    name: 'Split squat',
    keywords: 'split squat static lunge quadriceps glute knee patellofemoral strength',
    summary: 'With one foot forward and one back, lower the back knee toward the floor and rise.',
    steps: [
      'Stand with one foot a long step in front of the other, back heel lifted.',
      'Keeping your body upright, bend both knees to lower your back knee toward the floor.',
      'Keep your front knee over your front foot.',
      'Push through the front heel to come back up. Finish the set, then switch legs.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'thighs', 'glutes'],
    position: 'standing',
    equipment: [],
    difficulty: 'moderate',
    caution: 'Go only as low as is comfortable for your knees.',
    dose: { sets: 3, reps: 10, side: 'both', perWeek: 3 }
  },
  {
    key: 'rear-foot-elevated-split-squat',
    pictures: 'start-end',
    name: 'Rear-foot-elevated split squat',
    keywords:
      'bulgarian split squat rear foot elevated quadriceps glute knee strength progression harder',
    summary: 'A split squat with the back foot resting on a chair or bench behind you.',
    steps: [
      'Stand a long step in front of a chair or bench, facing away from it.',
      'Rest the top of your back foot on the seat.',
      'Bend your front knee to lower straight down, keeping your body upright and the knee over the foot.',
      'Push through the front heel to rise. Finish the set, then switch legs.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'thighs', 'glutes'],
    position: 'standing',
    equipment: ['chair'],
    difficulty: 'hard',
    caution: 'Use a steady chair against a wall. Progress to this once split squats are easy.',
    dose: {
      sets: 3,
      reps: 8,
      side: 'both',
      perWeek: 3,
      note: 'Add weight in your hands when 12 repetitions are easy.'
    }
  },
  {
    key: 'squat',
    pictures: 'start-end',
    name: 'Squat',
    keywords: 'squat bodyweight quadriceps glute knee hip gluteal tendinopathy patellofemoral',
    summary: 'Sit back and down as if onto a chair, then stand up again.',
    steps: [
      'Stand with your feet hip-width apart and your arms out in front.',
      'Push your hips back and bend your knees as if to sit on a chair, keeping your chest up.',
      'Keep your knees in line with your toes and your weight through your heels.',
      'Go as low as is comfortable, then stand up.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'thighs', 'glutes'],
    position: 'standing',
    equipment: [],
    difficulty: 'easy',
    caution: 'Squat only as deep as is comfortable for your knees and hips.',
    dose: { sets: 3, reps: 10, perWeek: 3, note: 'Build up to 15 repetitions, then hold a weight.' }
  },
  {
    key: 'sit-to-stand',
    pictures: 'start-end',
    name: 'Sit to stand',
    keywords: 'sit to stand chair rise squat gluteal tendinopathy hip knee easy regression',
    summary: 'Stand up from a chair without using your hands, and sit down slowly.',
    steps: [
      'Sit near the front of a firm chair with your feet hip-width apart.',
      'Lean forward and stand up without using your hands, knees apart in line with your toes.',
      'Stand tall, then sit back down slowly and with control.'
    ],
    category: 'strengthening',
    bodyRegions: ['thighs', 'glutes', 'knees'],
    position: 'sitting',
    equipment: ['chair'],
    difficulty: 'easy',
    caution:
      'If you have hip pain, use a higher chair or a cushion so your hips stay above your knees, and keep your knees apart.',
    dose: { sets: 3, reps: 10, perDay: 1, perWeek: 5 }
  },
  {
    key: 'straight-leg-raise',
    pictures: 'start-end',
    name: 'Straight leg raise',
    keywords: 'straight leg raise SLR quadriceps lying knee patellofemoral early easy',
    summary: 'Lying on your back, lift a straight leg to strengthen the front of the thigh.',
    steps: [
      'Lie on your back with one knee bent and the other leg straight.',
      'Tighten the thigh of the straight leg so the knee locks straight.',
      'Lift it to the height of the other knee, hold for a moment, and lower it slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['thighs', 'knees'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: null,
    dose: { sets: 3, reps: 10, holdSeconds: 2, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'seated-knee-extension',
    pictures: 'start-end',
    name: 'Seated knee extension',
    keywords: 'knee extension quadriceps sitting ankle weight patellofemoral early',
    summary:
      'Sitting on a chair, straighten your knee slowly, with a light weight at the ankle if you have one.',
    steps: [
      'Sit on a chair with your feet on the floor; put a light ankle weight on if your therapist gave you one.',
      'Slowly straighten one knee as far as is comfortable.',
      'Hold for a moment, then lower slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['thighs', 'knees'],
    position: 'sitting',
    equipment: ['chair', 'weights'],
    difficulty: 'easy',
    caution:
      'Work in the range that is comfortable; your therapist may ask you to stop before the knee is fully straight.',
    dose: { sets: 3, reps: 10, side: 'both', perWeek: 3 }
  },
  {
    key: 'quad-set',
    pictures: 'single',
    name: 'Quadriceps tightening over a towel',
    keywords: 'quad set static quadriceps isometric towel knee early easy patellofemoral',
    summary:
      'Sitting with your legs out straight, press the back of the knee down into a rolled towel.',
    steps: [
      'Sit with your legs out in front of you and a small rolled towel under one knee.',
      'Tighten the front of your thigh to press the back of your knee down into the towel; your heel may lift.',
      'Hold, then relax.'
    ],
    category: 'strengthening',
    bodyRegions: ['thighs', 'knees'],
    position: 'sitting',
    equipment: ['towel', 'mat'],
    difficulty: 'easy',
    caution: null,
    dose: { reps: 10, holdSeconds: 5, side: 'both', perDay: 2, perWeek: 7 }
  },
  {
    key: 'standing-quad-stretch',
    pictures: 'single',
    name: 'Standing thigh stretch',
    keywords: 'quadriceps stretch quad stretch standing front thigh knee patellofemoral',
    summary: 'Standing, hold your ankle behind you to stretch the front of the thigh.',
    steps: [
      'Stand next to a wall and hold it for balance.',
      'Bend one knee and take hold of that ankle behind you.',
      'Gently bring the heel toward your buttock, knees side by side, until you feel a stretch at the front of the thigh.',
      'Hold, then switch legs.'
    ],
    category: 'stretch',
    bodyRegions: ['thighs'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution: 'Use a towel around the ankle if you cannot reach it. Ease off if your knee hurts.',
    dose: { reps: 3, holdSeconds: 30, side: 'both', perDay: 1, perWeek: 7 }
  },
  // Hip
  {
    key: 'side-lying-hip-abduction',
    pictures: 'start-end',
    name: 'Side-lying leg lift',
    keywords:
      'side lying hip abduction leg raise gluteus medius iliotibial band syndrome patellofemoral hip',
    summary:
      'Lying on your side, lift the top leg up and slightly back to strengthen the side of the hip.',
    steps: [
      'Lie on your side with the bottom knee bent for balance and the top leg straight.',
      'Turn the toes of the top leg slightly down and keep the leg a little behind your body.',
      'Lift the top leg up slowly, without rolling your hips back.',
      'Hold for a moment, then lower slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['hips', 'glutes'],
    position: 'lying on side',
    equipment: ['mat'],
    difficulty: 'easy',
    caution:
      'If you have pain on the outside of the hip (gluteal tendinopathy), ask your therapist before doing this one.',
    dose: {
      sets: 3,
      reps: 15,
      side: 'both',
      perDay: 1,
      perWeek: 5,
      note: 'Build up to 3 sets of 20.'
    }
  },
  {
    key: 'clamshell',
    pictures: 'start-end',
    name: 'Clamshell',
    keywords: 'clam clamshell hip external rotation gluteus medius band patellofemoral iliotibial',
    summary: 'Lying on your side with knees bent, open the top knee like a shell, feet together.',
    steps: [
      'Lie on your side with your hips and knees bent and your feet together.',
      'Keep your feet touching and lift the top knee as far as you can without rolling your hips back.',
      'Hold for a moment, then lower slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['hips', 'glutes'],
    position: 'lying on side',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: 'Put a band around your knees to make it harder once it is easy.',
    dose: { sets: 3, reps: 15, side: 'both', perDay: 1, perWeek: 5 }
  },
  {
    key: 'isometric-hip-abduction-lying',
    pictures: 'single',
    name: 'Lying hip push-out against a belt',
    keywords:
      'isometric hip abduction supine belt gluteal tendinopathy LEAP trochanteric greater trochanter hip pain',
    summary:
      'Lying with knees bent and a belt around them, push your knees out against the belt and hold.',
    steps: [
      'Lie on your back with your knees bent and a belt looped around your thighs just above the knees, knees hip-width apart.',
      'Push your knees gently outward against the belt, without moving them.',
      'Build up to a firm but comfortable push and hold it, breathing normally.',
      'Relax slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['hips', 'glutes'],
    position: 'lying on back',
    equipment: ['belt', 'mat'],
    difficulty: 'easy',
    caution:
      'Push only as hard as stays comfortable; this exercise should ease, not increase, hip pain.',
    dose: {
      reps: 5,
      holdSeconds: 30,
      perDay: 1,
      perWeek: 7,
      note: 'Build up to 45-second holds.'
    }
  },
  {
    key: 'isometric-hip-abduction-standing',
    pictures: 'single',
    name: 'Standing hip push against a wall',
    keywords:
      'isometric hip abduction standing wall gluteal tendinopathy LEAP gluteus medius hip pain',
    summary: 'Standing side-on to a wall, push the outside of your leg into the wall and hold.',
    steps: [
      'Stand side-on to a wall, the leg nearest the wall a hand-width away from it.',
      'Stand tall on the other leg, with your hips level.',
      'Press the outside of the leg nearest the wall into the wall, without leaning.',
      'Hold, then relax. Turn around and repeat on the other side if your therapist asks.'
    ],
    category: 'strengthening',
    bodyRegions: ['hips', 'glutes'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution: 'Keep the push comfortable and your pelvis level: do not hang on the standing hip.',
    dose: { reps: 5, holdSeconds: 30, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'single-leg-bridge',
    pictures: 'start-end',
    name: 'Single-leg bridge',
    keywords: 'single leg bridge glute hamstring hip progression harder gluteal tendinopathy',
    summary: 'A bridge on one leg, the other leg held straight, hips level.',
    steps: [
      'Lie on your back with one knee bent, foot flat, and the other leg straight in line with the bent thigh.',
      'Push through the heel of the bent leg to lift your hips until your body is in a straight line.',
      'Keep your hips level; hold for a moment.',
      'Lower slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['glutes', 'hamstrings', 'hips'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'moderate',
    caution: 'Progress to this once a two-legged bridge is easy.',
    dose: { sets: 3, reps: 10, side: 'both', perWeek: 3 }
  },
  {
    key: 'hip-hitch',
    pictures: 'start-end',
    name: 'Hip hitch',
    keywords:
      'hip hitch pelvic drop hip drop step gluteus medius iliotibial band syndrome ITBS patellofemoral',
    summary:
      'Standing on one leg on a step, let the other hip drop a little, then lift it level again.',
    steps: [
      'Stand side-on on a step on your working leg, the other leg hanging free off the edge.',
      'Keeping both knees straight, let the free side of your pelvis drop slowly so that foot moves down.',
      'Lift it back up past level using the side of your standing hip.',
      'Keep your upper body still and upright throughout.'
    ],
    category: 'strengthening',
    bodyRegions: ['hips', 'glutes'],
    position: 'standing',
    equipment: ['step or ledge'],
    difficulty: 'moderate',
    caution:
      'Hold a rail or wall. If you have pain on the outside of the hip, ask your therapist first.',
    dose: {
      sets: 3,
      reps: 15,
      side: 'both',
      perDay: 1,
      perWeek: 5,
      note: 'Build up to 3 sets of 20.'
    }
  },
  {
    key: 'side-plank-knees',
    pictures: 'single',
    name: 'Side plank on knees',
    keywords: 'side plank knees bent short lever lateral core hip easier regression',
    summary:
      'Propped on one forearm with knees bent, lift your hips to make a straight line from head to knees.',
    steps: [
      'Lie on your side with your elbow under your shoulder and your knees bent behind you.',
      'Lift your hips off the floor so that your head, hips and knees are in a line.',
      'Hold, breathing steadily, then lower. Switch sides.'
    ],
    category: 'strengthening',
    bodyRegions: ['core', 'hips'],
    position: 'lying on side',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: 'Stop if it hurts your shoulder.',
    dose: { reps: 3, holdSeconds: 20, side: 'both', perWeek: 3, note: 'Build up to 45 seconds.' }
  },
  {
    key: 'side-plank',
    pictures: 'single',
    name: 'Side plank',
    keywords: 'side plank lateral core hip abductor gluteus medius iliotibial harder progression',
    summary: 'Propped on one forearm with legs straight, hold your body in a straight line.',
    steps: [
      'Lie on your side with your elbow under your shoulder and your legs straight, feet stacked.',
      'Lift your hips until your body is a straight line from head to feet.',
      'Hold, breathing steadily, then lower. Switch sides.'
    ],
    category: 'strengthening',
    bodyRegions: ['core', 'hips'],
    position: 'lying on side',
    equipment: ['mat'],
    difficulty: 'moderate',
    caution: 'Go back to the knees version if your hips sag or your shoulder hurts.',
    dose: { reps: 3, holdSeconds: 30, side: 'both', perWeek: 3, note: 'Build up to 60 seconds.' }
  },
  {
    key: 'lateral-band-walk',
    pictures: 'start-end',
    name: 'Side-stepping with a band',
    keywords: 'lateral band walk monster walk crab walk side step resistance band glute hip',
    summary: 'With a band around your knees, take slow steps sideways in a slight squat.',
    steps: [
      'Put a resistance band around your legs just above the knees.',
      'Stand with feet hip-width apart and bend your knees slightly.',
      'Step sideways slowly, keeping tension on the band and your toes pointing forward.',
      'Take the set number of steps one way, then come back the other way.'
    ],
    category: 'strengthening',
    bodyRegions: ['hips', 'glutes'],
    position: 'standing',
    equipment: ['resistance band'],
    difficulty: 'moderate',
    caution: null,
    dose: { sets: 3, reps: 10, side: 'both', perWeek: 3, note: '10 steps each way.' }
  },
  // Calf and Achilles
  {
    key: 'heel-raise-double',
    pictures: 'start-end',
    name: 'Heel raise on both feet',
    keywords:
      'heel raise calf raise both legs double leg achilles calf strain plantar easy start Silbernagel',
    summary: 'Standing on both feet, rise up onto your toes and lower slowly.',
    steps: [
      'Stand with your feet hip-width apart, fingertips on a wall for balance.',
      'Rise up onto your toes as high as you can, over about 2 seconds.',
      'Lower your heels slowly, over about 3 seconds.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution: loadPain,
    dose: { sets: 3, reps: 15, perDay: 1, perWeek: 7 }
  },
  {
    key: 'heel-raise-single',
    pictures: 'start-end',
    name: 'Heel raise on one leg',
    keywords:
      'single leg heel raise calf raise one leg achilles calf strain soleus progression harder',
    summary: 'Standing on one leg, rise up onto your toes and lower slowly.',
    steps: [
      'Stand on one leg with your fingertips on a wall for balance.',
      'Rise up onto your toes as high as you can, keeping your knee straight.',
      'Lower your heel slowly to the floor.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'moderate',
    caution: loadPain,
    dose: { sets: 3, reps: 15, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'heel-raise-step',
    pictures: 'start-end',
    name: 'Heel raise off a step',
    keywords:
      'heel raise step edge full range calf raise single leg achilles mid-portion Silbernagel progression',
    summary:
      'Standing on one leg on the edge of a step, lower the heel below the step and rise up high.',
    steps: [
      'Stand on one leg with the front half of your foot on the edge of a step, fingertips on a wall.',
      'Let your heel sink slowly below the level of the step.',
      'Rise up onto your toes as high as you can.',
      'Lower slowly and repeat.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['step or ledge', 'wall'],
    difficulty: 'moderate',
    caution: `Not for pain at the back of the heel bone (insertional Achilles pain): do your heel raises on the flat floor. ${loadPain}`,
    dose: { sets: 3, reps: 15, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'heel-raise-loaded',
    pictures: 'start-end',
    name: 'Heavy heel raise with a weight',
    keywords:
      'heavy slow resistance HSR Beyer loaded heel raise weight backpack calf achilles mid-portion strength',
    summary: 'A slow heel raise off a step, holding a weight or wearing a loaded backpack.',
    steps: [
      'Hold a weight in one hand, or wear a backpack with weight in it, and stand on the edge of a step, fingertips on a wall.',
      'Rise up onto your toes over 3 seconds, knees straight.',
      'Lower over 3 seconds until your heels are just below the step.',
      'Use a weight that makes the last repetition hard but possible with good form.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['step or ledge', 'weights'],
    difficulty: 'hard',
    caution: loadPain,
    dose: {
      sets: 3,
      reps: 15,
      perWeek: 3,
      restSeconds: 120,
      load: 'a weight you can lift 15 times',
      note: 'Heavy slow resistance: 3 seconds up, 3 seconds down. Over 12 weeks go from 3 × 15 to 4 × 6 with a heavier weight.'
    }
  },
  {
    key: 'bent-knee-heel-raise',
    pictures: 'start-end',
    name: 'Bent-knee heel raise',
    keywords: 'bent knee heel raise soleus calf raise achilles calf strain soleus strain',
    summary:
      'Standing on one leg with the knee slightly bent, rise up onto your toes, keeping the bend.',
    steps: [
      'Stand on one leg with your fingertips on a wall and bend the knee slightly.',
      'Keeping the knee bent the same amount, rise up onto your toes.',
      'Lower slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'moderate',
    caution: loadPain,
    dose: { sets: 3, reps: 15, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'seated-heel-raise',
    pictures: 'start-end',
    name: 'Seated heel raise',
    keywords: 'seated heel raise soleus calf raise sitting weight on knee HSR achilles calf strain',
    summary: 'Sitting, lift your heels and lower them slowly; later with a weight on your knees.',
    steps: [
      'Sit on a chair with your feet flat. When your physiotherapist says, rest a weight on your knees (a bag of books works).',
      'Lift your heels as high as you can, keeping your toes on the floor.',
      'Lower slowly, over about 3 seconds.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'sitting',
    equipment: ['chair', 'weights'],
    difficulty: 'easy',
    caution: null,
    dose: {
      sets: 3,
      reps: 15,
      perDay: 1,
      perWeek: 7,
      note: 'Add weight on your knees when it gets easy.'
    }
  },
  {
    key: 'eccentric-heel-drop-straight',
    pictures: 'start-end',
    name: 'Heel drop off a step, knee straight (Alfredson)',
    keywords:
      'Alfredson eccentric heel drop calf lowering straight knee gastrocnemius achilles mid-portion tendinopathy',
    summary: 'Rise on both feet, then lower slowly on the sore leg only, knee straight.',
    steps: [
      'Stand on the edge of a step on the balls of both feet, fingertips on a wall.',
      'Rise up onto your toes using both legs.',
      'Take your weight onto the sore leg and lift the other foot.',
      'Keeping the knee straight, lower your heel slowly below the step, over about 3 seconds. Put the other foot back to rise again.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['step or ledge', 'wall'],
    difficulty: 'moderate',
    caution: offTheStep,
    dose: alfredson
  },
  {
    key: 'eccentric-heel-drop-bent',
    pictures: 'start-end',
    name: 'Heel drop off a step, knee bent (Alfredson)',
    keywords:
      'Alfredson eccentric heel drop bent knee soleus calf lowering achilles mid-portion tendinopathy',
    summary: 'Rise on both feet, then lower slowly on the sore leg only, knee slightly bent.',
    steps: [
      'Stand on the edge of a step on the balls of both feet, fingertips on a wall, knees slightly bent.',
      'Rise up onto your toes using both legs.',
      'Take your weight onto the sore leg and lift the other foot.',
      'Keeping the knee bent, lower your heel slowly below the step, over about 3 seconds. Put the other foot back to rise again.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['step or ledge', 'wall'],
    difficulty: 'moderate',
    caution: offTheStep,
    dose: alfredson
  },
  {
    key: 'floor-heel-drop',
    pictures: 'start-end',
    name: 'Heel drop on the floor',
    keywords:
      'insertional achilles tendinopathy Jonsson floor level eccentric heel drop flat ground calf lowering',
    summary:
      'Rise on both feet, then lower slowly to the floor on the sore leg only; the heel never drops below the floor.',
    steps: [
      'Stand on a flat floor, fingertips on a wall.',
      'Rise up onto your toes using both legs.',
      'Take your weight onto the sore leg and lift the other foot.',
      'Lower the heel slowly to the floor, over about 3 seconds. Do not use a step.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution: `Working on the flat floor keeps pressure off the heel bone where the tendon attaches. ${loadPain}`,
    dose: {
      sets: 3,
      reps: 15,
      perDay: 2,
      perWeek: 7,
      note: 'Jonsson protocol: for 12 weeks. Add weight in a backpack when it no longer hurts.'
    }
  },
  {
    key: 'isometric-heel-raise',
    pictures: 'single',
    name: 'Heel raise hold',
    keywords: 'isometric calf hold heel raise hold achilles pain relief calf strain early static',
    summary: 'Rise halfway onto your toes on one leg and hold still.',
    steps: [
      'Stand on one leg with your fingertips on a wall.',
      'Rise halfway up onto your toes.',
      'Hold that height without moving, breathing normally.',
      'Lower slowly and rest before the next hold.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution:
      'Use both legs if one leg is too painful. Pain during the hold should stay mild and settle soon afterwards.',
    dose: {
      sets: 5,
      holdSeconds: 30,
      side: 'both',
      perDay: 2,
      perWeek: 7,
      restSeconds: 60,
      note: 'Build up to 45-second holds.'
    }
  },
  {
    key: 'plantar-fascia-heel-raise',
    pictures: 'start-end',
    name: 'Heel raise with a towel under the toes (Rathleff)',
    keywords:
      'Rathleff high load plantar fascia heel raise towel under toes plantar heel pain plantar fasciitis fasciopathy',
    summary:
      'On one leg on a step, a rolled towel under your toes, rise slowly onto your toes, hold, and lower slowly.',
    steps: [
      'Roll up a towel and put it on the edge of a step. Stand on your sore leg with your toes on the towel, so they bend up, and the heel free. Fingertips on a wall.',
      'Rise up onto your toes over 3 seconds.',
      'Hold at the top for 2 seconds.',
      'Lower over 3 seconds.'
    ],
    category: 'strengthening',
    bodyRegions: ['feet', 'calves'],
    position: 'standing',
    equipment: ['step or ledge', 'towel', 'wall'],
    difficulty: 'moderate',
    caution: 'Some heel pain during the exercise is acceptable if it settles by the next day.',
    dose: {
      sets: 3,
      reps: 12,
      perWeek: 3,
      note: 'Every other day. Add books in a backpack so that 12 is all you can do. After 2 weeks: 4 sets of 10; after 4 weeks: 5 sets of 8, heavier each time.'
    }
  },
  // Foot and ankle
  {
    key: 'towel-curls',
    pictures: 'start-end',
    name: 'Towel scrunch',
    keywords: 'towel curls toe curls foot intrinsic towel scrunch plantar heel pain arch',
    summary: 'Sitting, scrunch a towel toward you with your toes.',
    steps: [
      'Sit with your bare foot on the end of a towel laid flat on the floor.',
      'Keeping your heel down, curl your toes to pull the towel toward you.',
      'Spread the towel out again and repeat.'
    ],
    category: 'strengthening',
    bodyRegions: ['feet'],
    position: 'sitting',
    equipment: ['towel', 'chair'],
    difficulty: 'easy',
    caution: null,
    dose: { sets: 3, reps: 10, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'short-foot',
    pictures: 'single',
    name: 'Short foot (arch lift)',
    keywords: 'short foot exercise arch doming foot intrinsic plantar heel pain shin splints MTSS',
    summary:
      'Lift the arch of your foot by drawing the ball of the foot toward the heel, toes relaxed.',
    steps: [
      'Sit with your bare feet flat on the floor.',
      'Without curling your toes, draw the ball of your foot toward your heel so the arch lifts.',
      'Hold, keeping your toes long and relaxed, then let go.',
      'When it is easy sitting, do it standing, then standing on one leg.'
    ],
    category: 'strengthening',
    bodyRegions: ['feet'],
    position: 'sitting',
    equipment: ['chair'],
    difficulty: 'easy',
    caution: null,
    dose: { reps: 10, holdSeconds: 5, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'calf-stretch-straight',
    pictures: 'single',
    name: 'Calf stretch against a wall, knee straight',
    keywords: 'calf stretch gastrocnemius wall stretch straight knee achilles plantar heel pain',
    summary:
      'Lean into a wall with one leg behind, heel down and knee straight, to stretch the upper calf.',
    steps: [
      'Stand facing a wall with your hands on it, one foot a long step behind the other.',
      'Keep your back knee straight and your back heel on the floor, toes pointing forward.',
      'Bend your front knee and lean toward the wall until you feel a stretch in your back calf.',
      'Hold, then switch legs.'
    ],
    category: 'stretch',
    bodyRegions: ['calves'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution:
      'For pain at the back of the heel bone (insertional Achilles pain), stretch gently or leave this out.',
    dose: { reps: 3, holdSeconds: 30, side: 'both', perDay: 2, perWeek: 7 }
  },
  {
    key: 'calf-stretch-bent',
    pictures: 'single',
    name: 'Calf stretch against a wall, knee bent',
    keywords: 'soleus stretch calf stretch bent knee wall lower calf achilles',
    summary: 'Like the wall calf stretch, but with the back knee bent to stretch the lower calf.',
    steps: [
      'Stand facing a wall with your hands on it, one foot a short step behind the other.',
      'Keep your back heel on the floor and bend both knees.',
      'Sink down until you feel a stretch low in the back calf.',
      'Hold, then switch legs.'
    ],
    category: 'stretch',
    bodyRegions: ['calves'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution:
      'For pain at the back of the heel bone (insertional Achilles pain), stretch gently or leave this out.',
    dose: { reps: 3, holdSeconds: 30, side: 'both', perDay: 2, perWeek: 7 }
  },
  {
    key: 'plantar-fascia-stretch',
    pictures: 'single',
    name: 'Sole stretch against a wall',
    keywords: 'plantar fascia stretch toes up wall arch sole plantar heel pain plantar fasciitis',
    summary: 'With your heel on the floor and toes up against a wall, lean in to stretch the sole.',
    steps: [
      'Stand facing a wall. Put the toes of one foot up against the wall, heel on the floor.',
      'Keeping that knee straight, lean gently toward the wall.',
      'Feel the stretch along the sole of your foot and the calf.',
      'Hold, then relax.'
    ],
    category: 'stretch',
    bodyRegions: ['feet', 'calves'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution: 'Do it first thing in the morning, and before standing after a long sit.',
    dose: { reps: 3, holdSeconds: 30, side: 'both', perDay: 3, perWeek: 7 }
  },
  {
    key: 'towel-calf-stretch',
    pictures: 'single',
    name: 'Calf stretch with a towel',
    keywords:
      'towel calf stretch long sitting strap stretch achilles calf strain plantar early gentle',
    summary: 'Sitting with your leg straight, pull a towel around the ball of the foot toward you.',
    steps: [
      'Sit on the floor or a bed with your leg out straight.',
      'Loop a towel around the ball of your foot and hold both ends.',
      'Gently pull the towel to bring your toes toward you until you feel a stretch in the calf.',
      'Hold, then relax.'
    ],
    category: 'stretch',
    bodyRegions: ['calves', 'feet'],
    position: 'sitting',
    equipment: ['towel', 'mat'],
    difficulty: 'easy',
    caution: 'After a calf strain keep it gentle: a mild stretch, never pain.',
    dose: { reps: 3, holdSeconds: 30, side: 'both', perDay: 2, perWeek: 7 }
  },
  {
    key: 'band-ankle-push',
    pictures: 'start-end',
    name: 'Ankle push against a band',
    keywords: 'band plantarflexion theraband calf ankle push early calf strain ankle sprain',
    summary:
      'Sitting with your leg out, push your foot down against a resistance band, like pressing a pedal.',
    steps: [
      'Sit with your leg out straight and a resistance band around the ball of your foot, holding the ends.',
      'Start with your toes pointing up.',
      'Push your foot down against the band, like pressing a pedal.',
      'Let it come back slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'sitting',
    equipment: ['resistance band', 'mat'],
    difficulty: 'easy',
    caution: null,
    dose: { sets: 3, reps: 15, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'band-ankle-eversion',
    pictures: 'start-end',
    name: 'Turning the foot out against a band',
    keywords: 'ankle eversion band peroneal peroneus lateral ankle sprain strength theraband',
    summary: 'Sitting, with a band around both feet, turn the sore foot outward against the band.',
    steps: [
      'Sit on a chair and loop a resistance band around both feet, across the front of the feet.',
      'Keep your heels on the floor and your knees still.',
      'Turn the sore foot outward against the band, little toe leading.',
      'Return slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['ankles'],
    position: 'sitting',
    equipment: ['resistance band', 'chair'],
    difficulty: 'easy',
    caution: null,
    dose: { sets: 3, reps: 15, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'ankle-circles',
    pictures: 'single',
    name: 'Ankle circles',
    keywords: 'ankle circles alphabet range of motion mobility early ankle sprain swelling',
    summary: 'Sitting with the foot off the floor, draw slow circles with your foot.',
    steps: [
      'Sit on a chair and lift your foot off the floor.',
      'Slowly draw circles with your foot, moving only at the ankle.',
      'Make the circles as big as is comfortable, then go the other way.'
    ],
    category: 'mobility',
    bodyRegions: ['ankles'],
    position: 'sitting',
    equipment: ['chair'],
    difficulty: 'easy',
    caution: null,
    dose: { reps: 10, side: 'both', perDay: 3, perWeek: 7, note: '10 circles each way.' }
  },
  {
    key: 'toe-raises',
    pictures: 'start-end',
    name: 'Toe raises against a wall',
    keywords:
      'toe raise tibialis anterior shin raise dorsiflexion shin splints medial tibial stress syndrome MTSS',
    summary:
      'Leaning your back on a wall, lift your toes and the front of your feet up, heels down.',
    steps: [
      'Stand with your back against a wall and your heels about a foot length away from it.',
      'Keeping your heels on the floor, lift your toes and the front of your feet as high as you can.',
      'Lower slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['shins', 'ankles'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution: null,
    dose: { sets: 3, reps: 15, perDay: 1, perWeek: 5, note: 'Build up to 3 sets of 25.' }
  },
  {
    key: 'heel-walks',
    pictures: 'single',
    name: 'Heel walking',
    keywords:
      'heel walk walking on heels tibialis anterior shin strength shin splints MTSS warm-up',
    summary: 'Walk on your heels with your toes lifted.',
    steps: [
      'Stand tall and lift your toes and the front of your feet off the floor.',
      'Walk forward on your heels with small steps.',
      'Keep your toes up the whole way.'
    ],
    category: 'strengthening',
    bodyRegions: ['shins', 'ankles'],
    position: 'walking',
    equipment: [],
    difficulty: 'easy',
    caution: null,
    dose: { sets: 3, durationSeconds: 30, perDay: 1, perWeek: 5 }
  },
  {
    key: 'knee-to-wall',
    pictures: 'start-end',
    name: 'Knee to wall',
    keywords: 'knee to wall ankle dorsiflexion lunge mobility ankle sprain calf stiffness',
    summary: 'In a lunge facing a wall, push the front knee toward the wall, heel down.',
    steps: [
      'Stand facing a wall with one foot in front, toes a short distance from the wall.',
      'Keeping your front heel on the floor, bend the knee forward to touch the wall.',
      'Go back and repeat. Move your foot back a little when it gets easy.'
    ],
    category: 'mobility',
    bodyRegions: ['ankles', 'calves'],
    position: 'standing',
    equipment: ['wall'],
    difficulty: 'easy',
    caution: 'Feel a stretch, not a pinch, at the front of the ankle.',
    dose: { reps: 10, side: 'both', perDay: 2, perWeek: 7 }
  },
  // Hamstring
  {
    key: 'nordic-hamstring',
    pictures: 'start-end',
    name: 'Nordic hamstring lower',
    keywords: 'nordic hamstring curl eccentric hamstring strain prevention harder late',
    summary:
      'Kneeling with your ankles held, lean forward as slowly as you can, then catch yourself.',
    steps: [
      'Kneel on a soft mat with your ankles held down by a partner or hooked under something heavy and stable.',
      'Keep your body straight from knees to head and cross your arms or hold them ready.',
      'Lean forward as slowly as you can, using the backs of your thighs to brake.',
      'Catch yourself with your hands, then push back up to kneeling.'
    ],
    category: 'strengthening',
    bodyRegions: ['hamstrings'],
    position: 'kneeling',
    equipment: ['mat'],
    difficulty: 'hard',
    caution:
      'Only when your therapist says the hamstring is ready. Expect sore muscles for a day or two after the first sessions.',
    dose: {
      sets: 2,
      reps: 5,
      perWeek: 1,
      note: 'Build up slowly to 2 sessions a week and 3 sets of 6 to 8.'
    }
  },
  {
    key: 'askling-extender',
    pictures: 'start-end',
    name: 'The Extender (Askling)',
    keywords: 'Askling L-protocol extender hamstring strain lengthening supine knee extension',
    summary: 'Lying on your back holding your thigh upright, slowly straighten the knee.',
    steps: [
      'Lie on your back and lift the injured leg so the thigh points up, holding it behind the knee with both hands.',
      'Slowly straighten the knee as far as you can without pain.',
      'Let the knee bend again slowly.'
    ],
    category: 'stretch',
    bodyRegions: ['hamstrings'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: 'It should feel like a stretch, never pain. Move slowly.',
    dose: { sets: 3, reps: 12, perDay: 2, perWeek: 7 }
  },
  {
    key: 'askling-diver',
    pictures: 'start-end',
    name: 'The Diver (Askling)',
    keywords: 'Askling L-protocol diver hamstring strain lengthening single leg hip hinge',
    summary:
      'Standing on the injured leg, tip forward with arms reaching ahead and the other leg reaching back.',
    steps: [
      'Stand on the injured leg, knee slightly bent, the other foot just off the floor behind.',
      'Tip forward from the hip, reaching your arms forward and your free leg backward, as if diving.',
      'Keep your hips level and the standing knee slightly bent.',
      'Come back up with control.'
    ],
    category: 'strengthening',
    bodyRegions: ['hamstrings', 'glutes'],
    position: 'standing',
    equipment: [],
    difficulty: 'moderate',
    caution: 'It should not be painful. Start slowly and go only as far as is comfortable.',
    dose: { sets: 3, reps: 6, perWeek: 3, note: 'Every other day.' }
  },
  {
    key: 'askling-glider',
    pictures: 'start-end',
    name: 'The Glider (Askling)',
    keywords: 'Askling L-protocol glider hamstring strain lengthening sliding split',
    summary:
      'Holding a support, slide the back foot away while the injured front leg controls the move.',
    steps: [
      'Stand holding a chair back, the injured leg in front and the other foot behind on a towel or in a sock on a smooth floor.',
      'Keep most of your weight on the front heel, knee slightly bent.',
      'Slide the back foot slowly backward, letting your body lower.',
      'Pull yourself back up using your arms, not the injured leg.'
    ],
    category: 'strengthening',
    bodyRegions: ['hamstrings'],
    position: 'standing',
    equipment: ['chair', 'towel'],
    difficulty: 'moderate',
    caution: 'Slide only as far as is comfortable. It should not be painful.',
    dose: { sets: 3, reps: 4, perWeek: 2, note: 'Once every third day.' }
  },
  {
    key: 'single-leg-deadlift',
    pictures: 'start-end',
    name: 'Single-leg deadlift',
    keywords: 'single leg deadlift romanian RDL hip hinge hamstring glute balance weight',
    summary:
      'Holding a weight, hinge forward on one leg with a flat back, the other leg reaching back.',
    steps: [
      'Stand on one leg, knee slightly bent, a weight in the opposite hand.',
      'Hinge forward from the hip with a flat back, letting the free leg reach behind you.',
      'Lower the weight toward the floor as far as you can keep your back flat and hips level.',
      'Squeeze your buttock to stand back up.'
    ],
    category: 'strengthening',
    bodyRegions: ['hamstrings', 'glutes'],
    position: 'standing',
    equipment: ['weights'],
    difficulty: 'moderate',
    caution: 'Start without a weight. Touch a wall with the other hand if you lose balance.',
    dose: {
      sets: 3,
      reps: 8,
      side: 'both',
      perWeek: 3,
      note: 'Build up to 12, then use a heavier weight.'
    }
  },
  {
    key: 'bridge-heels-on-step',
    pictures: 'start-end',
    name: 'Bridge with heels on a step',
    keywords: 'hamstring bridge heels on step chair long lever bridge hamstring strain',
    summary: 'Lying with your heels on a step or chair, lift your hips.',
    steps: [
      'Lie on your back with your heels on a step or the edge of a chair, knees slightly bent.',
      'Press your heels down and lift your hips until your body is in a line.',
      'Hold for a moment, then lower slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['hamstrings', 'glutes'],
    position: 'lying on back',
    equipment: ['step or ledge', 'mat'],
    difficulty: 'moderate',
    caution: 'Stop if you feel cramp or pain at the back of the thigh.',
    dose: { sets: 3, reps: 10, holdSeconds: 3, perWeek: 3, note: 'Progress to one leg.' }
  },
  {
    key: 'prone-hamstring-curl',
    pictures: 'start-end',
    name: 'Lying hamstring curl',
    keywords: 'prone hamstring curl knee flexion ankle weight band hamstring strain',
    summary: 'Lying face down, bend one knee to bring the heel toward your buttock.',
    steps: [
      'Lie on your front with your legs straight; add an ankle weight if your therapist gave you one.',
      'Bend one knee to bring the heel up toward your buttock.',
      'Lower it slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['hamstrings'],
    position: 'lying on front',
    equipment: ['mat', 'weights'],
    difficulty: 'easy',
    caution: null,
    dose: { sets: 3, reps: 12, side: 'both', perDay: 1, perWeek: 5 }
  },
  {
    key: 'hamstring-heel-dig',
    pictures: 'single',
    name: 'Heel dig',
    keywords: 'isometric hamstring heel dig supine hold early hamstring strain',
    summary:
      'Lying on your back with one knee slightly bent, press the heel into the floor and hold.',
    steps: [
      'Lie on your back with one knee bent and the heel on the floor.',
      'Press the heel down into the floor, as if pulling it toward you, without moving.',
      'Hold, breathing normally, then relax.'
    ],
    category: 'strengthening',
    bodyRegions: ['hamstrings'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'easy',
    caution: 'Push only as hard as is pain-free.',
    dose: { reps: 5, holdSeconds: 10, side: 'both', perDay: 2, perWeek: 7 }
  },
  // Trunk
  {
    key: 'dead-bug',
    pictures: 'start-end',
    name: 'Dead bug',
    keywords: 'dead bug core stability supine opposite arm leg anti extension abdominal',
    summary:
      'Lying on your back, arms up and knees bent, reach one arm back and the opposite leg out.',
    steps: [
      'Lie on your back with your arms pointing to the ceiling and your hips and knees bent to a right angle.',
      'Gently flatten your lower back toward the floor.',
      'Slowly reach one arm back overhead and straighten the opposite leg out, without letting your back arch.',
      'Come back to the start and switch sides.'
    ],
    category: 'strengthening',
    bodyRegions: ['core'],
    position: 'lying on back',
    equipment: ['mat'],
    difficulty: 'moderate',
    caution: null,
    dose: { sets: 3, reps: 10, side: 'alternating', perWeek: 3, note: '10 each side.' }
  },
  // Balance
  {
    key: 'single-leg-balance',
    pictures: 'single',
    name: 'Standing on one leg',
    keywords: 'single leg balance stance proprioception ankle sprain knee easy',
    summary: 'Stand on one leg and keep your balance.',
    steps: [
      'Stand on one leg near a wall or kitchen counter.',
      'Keep your standing knee soft and your hips level.',
      'Hold your balance. When it is easy, close your eyes or turn your head slowly.'
    ],
    category: 'strengthening',
    bodyRegions: ['ankles', 'feet', 'hips'],
    position: 'standing',
    equipment: [],
    difficulty: 'easy',
    caution: 'Stand where you can grab something steady.',
    dose: { reps: 3, holdSeconds: 30, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'single-leg-balance-cushion',
    pictures: 'single',
    name: 'Standing on one leg on a cushion',
    keywords: 'single leg balance cushion foam pillow unstable proprioception ankle sprain harder',
    summary: 'Stand on one leg on a cushion or folded towel and keep your balance.',
    steps: [
      'Put a firm cushion, balance pad or folded towel on the floor near a wall or counter.',
      'Stand on it on one leg, knee soft.',
      'Hold your balance. Make it harder by closing your eyes or catching a ball.'
    ],
    category: 'strengthening',
    bodyRegions: ['ankles', 'feet', 'hips'],
    position: 'standing',
    equipment: ['cushion'],
    difficulty: 'moderate',
    caution: 'Stand where you can grab something steady.',
    dose: { reps: 3, holdSeconds: 30, side: 'both', perDay: 1, perWeek: 7 }
  },
  {
    key: 'star-excursion',
    pictures: 'start-end',
    name: 'Star reach',
    keywords: 'star excursion balance test Y balance reach single leg ankle sprain knee control',
    summary:
      'Standing on one leg, reach the other foot as far as you can along lines on the floor.',
    steps: [
      'Make a star on the floor with tape: lines going forward, to the side and backward.',
      'Stand on one leg in the middle, knee soft.',
      'Reach the other foot as far as you can along a line, lightly touch, and come back without losing balance.',
      'Go round the lines in turn.'
    ],
    category: 'strengthening',
    bodyRegions: ['ankles', 'knees', 'hips'],
    position: 'standing',
    equipment: [],
    difficulty: 'moderate',
    caution: 'Keep the standing knee in line with your toes.',
    dose: {
      sets: 3,
      reps: 8,
      side: 'both',
      perDay: 1,
      perWeek: 5,
      note: 'One reach along each line is one repetition.'
    }
  },
  {
    key: 'single-leg-ball-throw',
    pictures: 'single',
    name: 'Ball throw on one leg',
    keywords:
      'single leg balance ball throw catch wall proprioception ankle sprain return to sport',
    summary: 'Standing on one leg, throw a ball against a wall and catch it.',
    steps: [
      'Stand on one leg about two metres from a wall.',
      'Throw a ball against the wall and catch it, keeping your balance.',
      'Keep going for the set time, then switch legs.'
    ],
    category: 'strengthening',
    bodyRegions: ['ankles', 'knees', 'hips'],
    position: 'standing',
    equipment: ['ball', 'wall'],
    difficulty: 'moderate',
    caution: null,
    dose: { sets: 3, durationSeconds: 30, side: 'both', perDay: 1, perWeek: 5 }
  },
  // Plyometrics
  {
    key: 'pogo-jumps',
    pictures: 'single',
    name: 'Pogo jumps',
    keywords: 'pogo jumps hops both feet ankle bounce plyometric achilles calf return to running',
    summary: 'Small, quick, springy jumps on both feet, knees almost straight.',
    steps: [
      'Stand tall with your feet hip-width apart.',
      'Jump up and down with small, quick, springy bounces, using your ankles more than your knees.',
      'Land on the balls of your feet and spend as little time on the ground as you can.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles'],
    position: 'standing',
    equipment: [],
    difficulty: 'moderate',
    caution: plyometricCaution,
    dose: { sets: 3, reps: 20, perWeek: 3, restSeconds: 60 }
  },
  {
    key: 'single-leg-hops',
    pictures: 'single',
    name: 'Hopping on one leg',
    keywords: 'single leg hop hopping on the spot plyometric calf achilles return to running',
    summary: 'Hop on the spot on one leg, landing softly.',
    steps: [
      'Stand on one leg near a wall or counter.',
      'Hop on the spot with small, quick hops, landing softly on the ball of your foot.',
      'Keep your knee in line with your toes.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles', 'knees'],
    position: 'standing',
    equipment: [],
    difficulty: 'hard',
    caution: plyometricCaution,
    dose: { sets: 3, reps: 15, side: 'both', perWeek: 3, restSeconds: 60 }
  },
  {
    key: 'a-skips',
    pictures: 'single',
    name: 'Skipping drill',
    keywords: 'A skip skipping drill running drill plyometric warm-up knee drive return to running',
    summary:
      'Skip forward, driving one knee up at a time with the opposite arm, landing on the ball of the foot.',
    steps: [
      'Skip forward, lifting one knee to hip height with a small hop on the other foot.',
      'Swing the opposite arm forward as in running.',
      'Land lightly on the ball of your foot, then change legs.'
    ],
    category: 'strengthening',
    bodyRegions: ['hips', 'calves', 'whole body'],
    position: 'walking',
    equipment: [],
    difficulty: 'moderate',
    caution:
      'Start once you can jog without pain. Skip lightly; leave it out if it brings on your pain.',
    dose: { sets: 3, durationSeconds: 20, perWeek: 3, note: 'About 20 metres, walk back to rest.' }
  },
  {
    key: 'lateral-hops',
    pictures: 'start-end',
    name: 'Side-to-side hops',
    keywords:
      'lateral hops side to side hop over line single leg plyometric ankle sprain return to sport',
    summary: 'On one leg, hop sideways over a line and back.',
    steps: [
      'Put a line of tape on the floor and stand on one leg beside it.',
      'Hop sideways over the line and land softly.',
      'Hop back. Keep your knee soft and in line with your toes.'
    ],
    category: 'strengthening',
    bodyRegions: ['ankles', 'knees'],
    position: 'standing',
    equipment: [],
    difficulty: 'hard',
    caution: plyometricCaution,
    dose: { sets: 3, reps: 10, side: 'both', perWeek: 3 }
  },
  {
    key: 'hop-and-stick',
    pictures: 'single',
    name: 'Hop and hold',
    keywords: 'hop and stick single leg landing hold knee control plyometric return to sport',
    summary: 'Hop forward on one leg and land softly, holding the landing still.',
    steps: [
      'Stand on one leg.',
      'Hop forward a short distance and land on the same leg with your knee bent.',
      'Hold the landing still for 2 seconds, knee over your toes, before the next hop.'
    ],
    category: 'strengthening',
    bodyRegions: ['knees', 'ankles', 'hips'],
    position: 'standing',
    equipment: [],
    difficulty: 'hard',
    caution: plyometricCaution,
    dose: { sets: 3, reps: 6, side: 'both', perWeek: 3 }
  },
  {
    key: 'skipping-rope',
    pictures: 'single',
    name: 'Skipping with a rope',
    keywords: 'skipping rope jump rope plyometric calf achilles shin return to running',
    summary: 'Skip with a rope on both feet, with small, light jumps.',
    steps: [
      'Hold the rope handles at hip height.',
      'Turn the rope with your wrists and jump just high enough for it to pass under your feet.',
      'Land lightly on the balls of your feet.'
    ],
    category: 'strengthening',
    bodyRegions: ['calves', 'ankles', 'whole body'],
    position: 'standing',
    equipment: ['skipping rope'],
    difficulty: 'moderate',
    caution: plyometricCaution,
    dose: { sets: 3, durationSeconds: 60, perWeek: 3, restSeconds: 60 }
  }
]
