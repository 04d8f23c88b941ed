/**
 * Built-in templates for common running injuries, one per stage where the
 * protocol is staged, each citing its source in the description. Items
 * start from the exercise's default dose; `dose` overrides it where the
 * protocol of this template sets another.
 */
import type { Dose } from '@shared/types'
import type { BuiltinTemplate, BuiltinTemplateItem } from './templates'

const main = (...exercises: string[]): BuiltinTemplateItem[] =>
  exercises.map((exercise) => ({ exercise }))
const after = (...exercises: string[]): BuiltinTemplateItem[] =>
  exercises.map((exercise) => ({ exercise, phase: 'after' }))
const before = (...exercises: string[]): BuiltinTemplateItem[] =>
  exercises.map((exercise) => ({ exercise, phase: 'before' }))

/** Silbernagel 2007, phases 1 and 2: 3 × 10 then 3 × 15, every day */
const silbernagel = (reps: number): Partial<Dose> => ({ sets: 3, reps, perDay: 1, perWeek: 7 })
/** Beyer 2015 heavy slow resistance, weeks 1 to 12, three days a week */
const heavySlow: Partial<Dose> = {
  sets: 3,
  reps: 15,
  perDay: null,
  perWeek: 3,
  restSeconds: 120,
  load: 'a weight you can lift 15 times',
  note: '3 seconds up, 3 seconds down. Week 1: 3 × 15; weeks 2–3: 3 × 12; weeks 4–5: 4 × 10; weeks 6–8: 4 × 8; weeks 9–12: 4 × 6, adding weight each time.'
}
const tendonAdvice = ['pain-monitoring', 'seek-help-leg']

export const runningTemplates: BuiltinTemplate[] = [
  {
    key: 'pfp-early',
    name: 'Patellofemoral pain — stage 1: settle the knee',
    description:
      'Knee and hip strengthening in a comfortable range, with advice on load. Follows the 2016 patellofemoral pain consensus statement (Crossley et al. 2016, BJSM): exercise therapy combining hip and knee exercises.',
    goals: 'Ease knee pain and start strengthening the thigh and hip.',
    items: main(
      'quad-set',
      'straight-leg-raise',
      'seated-knee-extension',
      'wall-sit',
      'side-lying-hip-abduction',
      'clamshell'
    ),
    advice: ['patellofemoral-pain', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'pfp-middle',
    name: 'Patellofemoral pain — stage 2: build strength',
    description:
      'Weight-bearing knee and hip strengthening, progressed as pain allows. Crossley et al. 2016 consensus statement: combined hip and knee exercise therapy.',
    goals: 'Squat, step and climb stairs without knee pain.',
    items: [
      ...main(
        'squat',
        'step-up',
        'forward-step-down',
        'single-leg-bridge',
        'lateral-band-walk',
        'side-plank-knees'
      ),
      ...after('standing-quad-stretch')
    ],
    advice: ['patellofemoral-pain', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'pfp-return',
    name: 'Patellofemoral pain — stage 3: return to running',
    description:
      'Single-leg strength and landing control alongside a graded return to running. Crossley et al. 2016 consensus statement: continue hip and knee exercise therapy while returning to activity.',
    goals: 'Run your usual distance without knee pain.',
    items: [
      ...before('a-skips'),
      ...main(
        'single-leg-squat',
        'split-squat',
        'rear-foot-elevated-split-squat',
        'step-up-knee-drive',
        'side-plank',
        'hop-and-stick'
      ),
      ...after('standing-quad-stretch')
    ],
    advice: ['patellofemoral-pain', 'return-to-running', 'seek-help-leg']
  },
  {
    key: 'itbs-early',
    name: 'Iliotibial band syndrome — stage 1: hip strength',
    description:
      'Hip abductor strengthening while running is reduced. Based on the hip abductor programme of Fredericson et al. 2000 (Clin J Sport Med) and the review of Baker and Fredericson 2016 (Phys Med Rehabil Clin N Am).',
    goals: 'Settle the pain on the outside of the knee and strengthen the side of the hip.',
    items: main(
      'side-lying-hip-abduction',
      'hip-hitch',
      'clamshell',
      'glute-bridge',
      'side-plank-knees'
    ),
    advice: ['itb-syndrome', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'itbs-return',
    name: 'Iliotibial band syndrome — stage 2: return to running',
    description:
      'Single-leg strength and control with a graded return to running. Fredericson et al. 2000; Baker and Fredericson 2016.',
    goals: 'Run without pain on the outside of the knee, including downhill.',
    items: [
      ...before('a-skips'),
      ...main(
        'single-leg-squat',
        'lateral-band-walk',
        'side-plank',
        'single-leg-deadlift',
        'step-up-knee-drive'
      )
    ],
    advice: ['itb-syndrome', 'return-to-running', 'seek-help-leg']
  },
  {
    key: 'achilles-alfredson',
    name: 'Achilles tendinopathy (mid-portion) — heel drops (Alfredson)',
    description:
      'Eccentric calf training off a step with the knee straight and bent, 3 × 15 twice a day, every day, for 12 weeks (Alfredson et al. 1998, Am J Sports Med). For pain in the middle of the tendon.',
    goals: 'Reduce Achilles pain and strengthen the calf over 12 weeks.',
    items: main('eccentric-heel-drop-straight', 'eccentric-heel-drop-bent'),
    advice: ['achilles-midportion', ...tendonAdvice]
  },
  {
    key: 'achilles-mid-early',
    name: 'Achilles tendinopathy (mid-portion) — stage 1: settle the tendon',
    description:
      'Phase 1 of the Silbernagel et al. 2007 programme (Am J Sports Med): heel raises on the floor, 3 × 10 every day, guided by the pain-monitoring model. The heel-raise hold is an addition, not part of the programme.',
    goals: 'Calm the tendon and restore calf strength for walking.',
    items: [
      { exercise: 'isometric-heel-raise' },
      { exercise: 'heel-raise-double', dose: silbernagel(10) },
      { exercise: 'heel-raise-single', dose: silbernagel(10) },
      { exercise: 'seated-heel-raise', dose: silbernagel(10) },
      { exercise: 'floor-heel-drop', dose: { ...silbernagel(10), note: null } }
    ],
    advice: ['achilles-midportion', ...tendonAdvice]
  },
  {
    key: 'achilles-mid-hsr',
    name: 'Achilles tendinopathy (mid-portion) — stage 2: heavy slow resistance',
    description:
      'Heavy slow resistance calf training three days a week for 12 weeks, from 3 × 15 to 4 × 6 with increasing weight, 3 seconds up and 3 seconds down (Beyer et al. 2015, Am J Sports Med). Adapted for home: the trial used gym machines and a barbell, with both legs together.',
    goals: 'Build calf and tendon strength with heavy, slow heel raises.',
    items: [
      { exercise: 'seated-heel-raise', dose: heavySlow },
      { exercise: 'heel-raise-loaded', dose: heavySlow },
      { exercise: 'bent-knee-heel-raise', dose: { ...heavySlow, side: 'both' } }
    ],
    advice: ['achilles-midportion', ...tendonAdvice]
  },
  {
    key: 'achilles-mid-return',
    name: 'Achilles tendinopathy (mid-portion) — stage 3: return to running',
    description:
      'Based on phases 3 and 4 of Silbernagel et al. 2007 (Am J Sports Med): heel raises off a step with added weight, quick rebounding heel raises and hopping, with a graded return to running. Done here three times a week, as in the maintenance phase; phase 3 of the programme is daily.',
    goals: 'Return to running and jumping, and keep the tendon strong.',
    items: [
      {
        exercise: 'heel-raise-loaded',
        dose: {
          sets: 3,
          reps: 15,
          perDay: null,
          perWeek: 3,
          load: 'added weight in a backpack',
          note: null
        }
      },
      { exercise: 'heel-raise-step', dose: { sets: 3, reps: 15, perWeek: 3 } },
      ...main('pogo-jumps', 'single-leg-hops', 'skipping-rope')
    ],
    advice: ['achilles-midportion', 'return-to-running', ...tendonAdvice]
  },
  {
    key: 'achilles-insertional-early',
    name: 'Achilles tendinopathy (insertional) — stage 1: floor-level heel drops',
    description:
      'Eccentric calf training on a flat floor, never below floor level, 3 × 15 twice a day, every day, for 12 weeks (Jonsson et al. 2008, BJSM). For pain where the tendon joins the heel bone.',
    goals: 'Reduce heel pain while strengthening the calf without squeezing the tendon.',
    items: main('floor-heel-drop', 'isometric-heel-raise', 'seated-heel-raise'),
    advice: ['achilles-insertional', ...tendonAdvice]
  },
  {
    key: 'achilles-insertional-return',
    name: 'Achilles tendinopathy (insertional) — stage 2: strength and return to running',
    description:
      'Heavier heel raises on flat ground and a graded return to running, keeping the heel above the toes (Jonsson et al. 2008: floor-level loading for insertional tendinopathy).',
    goals: 'Return to running with a strong calf and a settled heel.',
    items: [
      {
        exercise: 'heel-raise-single',
        dose: {
          sets: 3,
          reps: 15,
          perWeek: 3,
          note: 'Keep your heel on or above the floor; make it harder with weight in a backpack, not by dropping off a step.'
        }
      },
      { exercise: 'seated-heel-raise', dose: heavySlow },
      { exercise: 'bent-knee-heel-raise', dose: { sets: 3, reps: 15, perWeek: 3 } },
      ...main('pogo-jumps', 'skipping-rope')
    ],
    advice: ['achilles-insertional', 'return-to-running', ...tendonAdvice]
  },
  {
    key: 'plantar-heel-strength',
    name: 'Plantar heel pain — high-load strength (Rathleff)',
    description:
      'High-load heel raises on one leg with a towel under the toes, every other day: 3 sets of 12-repetition maximum, then 4 × 10 after 2 weeks and 5 × 8 after 4 weeks (Rathleff et al. 2015, Scand J Med Sci Sports). The sole and calf stretches are added here; in the trial, stretching was the comparison treatment.',
    goals: 'Reduce heel pain, especially with the first steps in the morning.',
    items: [
      ...main('plantar-fascia-heel-raise'),
      ...after('plantar-fascia-stretch', 'calf-stretch-straight', 'calf-stretch-bent')
    ],
    advice: ['plantar-heel-pain', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'plantar-heel-return',
    name: 'Plantar heel pain — return to running',
    description:
      'Continue the high-load heel raise (Rathleff et al. 2015) and add foot strength, hopping and a graded return to running.',
    goals: 'Run without heel pain.',
    items: [
      ...main('plantar-fascia-heel-raise', 'short-foot', 'heel-raise-single', 'pogo-jumps'),
      ...after('plantar-fascia-stretch')
    ],
    advice: ['plantar-heel-pain', 'return-to-running', 'seek-help-leg']
  },
  {
    key: 'mtss-early',
    name: 'Shin pain (MTSS) — stage 1: unload and strengthen',
    description:
      'Relative rest from running, calf, shin, foot and hip strengthening. Follows the reviews of Moen et al. 2009 (Sports Med) and Winters 2020 (Unfallchirurg): reduce load, strengthen, then return gradually.',
    goals: 'Let the shin settle while building strength for running.',
    items: main(
      'toe-raises',
      'heel-raise-double',
      'seated-heel-raise',
      'short-foot',
      'side-lying-hip-abduction',
      'single-leg-balance'
    ),
    advice: ['shin-pain', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'mtss-return',
    name: 'Shin pain (MTSS) — stage 2: return to running',
    description:
      'Single-leg calf strength, hopping and a graded walk–run return. Moen et al. 2009; Winters 2020.',
    goals: 'Return to running without shin pain.',
    items: [
      ...before('heel-walks'),
      ...main('heel-raise-single', 'bent-knee-heel-raise', 'single-leg-squat', 'pogo-jumps'),
      ...after('calf-stretch-straight')
    ],
    advice: ['shin-pain', 'return-to-running', 'seek-help-leg']
  },
  {
    key: 'calf-strain-early',
    name: 'Calf strain — stage 1: early loading',
    description:
      'Gentle, pain-free calf loading in the first days after a strain. Follows the staged rehabilitation described by expert clinicians in Green et al. 2022 (Sports Med Open); few trials guide calf strain rehabilitation.',
    goals: 'Walk normally and start loading the calf without pain.',
    items: [
      ...main('band-ankle-push', 'seated-heel-raise'),
      { exercise: 'isometric-heel-raise', dose: { note: 'Use both legs at first.' } },
      ...after('towel-calf-stretch')
    ],
    advice: ['calf-strain', 'seek-help-leg']
  },
  {
    key: 'calf-strain-middle',
    name: 'Calf strain — stage 2: build strength',
    description:
      'Progressive heel raises on two legs, one leg and off a step, straight and bent knee (Green et al. 2022).',
    goals: 'Do 20 or more single-leg heel raises without pain.',
    items: [
      ...main(
        'heel-raise-double',
        'heel-raise-single',
        'bent-knee-heel-raise',
        'seated-heel-raise',
        'heel-raise-step'
      ),
      ...after('calf-stretch-straight')
    ],
    advice: ['calf-strain', 'seek-help-leg']
  },
  {
    key: 'calf-strain-return',
    name: 'Calf strain — stage 3: return to running',
    description:
      'Heavy calf strength, hopping and running drills with a graded return to running (Green et al. 2022).',
    goals: 'Return to running at full speed without the calf tightening.',
    items: [
      ...before('a-skips'),
      ...main('heel-raise-loaded', 'bent-knee-heel-raise', 'pogo-jumps', 'single-leg-hops'),
      ...after('calf-stretch-bent')
    ],
    advice: ['calf-strain', 'return-to-running', 'seek-help-leg']
  },
  {
    key: 'hamstring-l-protocol',
    name: 'Hamstring strain — lengthening exercises (Askling L-protocol)',
    description:
      'The three lengthening exercises of Askling et al. 2013 (BJSM), started about 5 days after the injury and done without pain: the Extender 3 × 12 twice a day, every day; the Diver 3 × 6 every other day; the Glider 3 × 4 every third day. The heel-dig hold is an addition.',
    goals: 'Heal and lengthen the hamstring and return to running.',
    items: main('askling-extender', 'askling-diver', 'askling-glider', 'hamstring-heel-dig'),
    advice: ['hamstring-strain', 'seek-help-leg']
  },
  {
    key: 'hamstring-return',
    name: 'Hamstring strain — return to running and prevention',
    description:
      'Hamstring strength for the return to running and to prevent another strain: the Nordic hamstring exercise at low volume (Petersen et al. 2011; van der Horst et al. 2015) after the Askling 2013 L-protocol, whose Diver and Glider go on at their protocol doses.',
    goals: 'Return to full-speed running and lower the risk of another strain.',
    items: [
      ...before('a-skips'),
      // the Diver and the Glider go on, at the L-protocol's doses, while running builds up
      ...main(
        'askling-diver',
        'askling-glider',
        'nordic-hamstring',
        'single-leg-deadlift',
        'bridge-heels-on-step'
      )
    ],
    advice: ['hamstring-strain', 'return-to-running', 'seek-help-leg']
  },
  {
    key: 'gluteal-early',
    name: 'Gluteal tendinopathy — stage 1: education and holds',
    description:
      'Education on avoiding positions that squeeze the tendon, with isometric hip abduction, as in the LEAP trial (Mellor et al. 2018, BMJ).',
    goals: 'Ease hip pain day and night and start strengthening.',
    items: main(
      'isometric-hip-abduction-lying',
      'isometric-hip-abduction-standing',
      'glute-bridge',
      'sit-to-stand'
    ),
    advice: ['gluteal-tendinopathy', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'gluteal-strength',
    name: 'Gluteal tendinopathy — stage 2: functional strength',
    description:
      'Progressive functional loading: bridging, squats, step-ups and side-stepping, as in the LEAP trial (Mellor et al. 2018, BMJ).',
    goals: 'Walk, climb stairs and run without hip pain.',
    items: main(
      'single-leg-bridge',
      'squat',
      'step-up',
      'lateral-band-walk',
      'single-leg-deadlift'
    ),
    advice: ['gluteal-tendinopathy', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'ankle-sprain-early',
    name: 'Lateral ankle sprain — stage 1: movement and early strength',
    description:
      'Early movement, strength and balance after a sprain, following the clinical practice guidelines of Vuurberg et al. 2018 (BJSM) and Martin et al. 2021 (JOSPT): exercise therapy with early weight-bearing.',
    goals: 'Walk normally and get the ankle moving and strong again.',
    items: main(
      'ankle-circles',
      'band-ankle-push',
      'band-ankle-eversion',
      'heel-raise-double',
      'single-leg-balance'
    ),
    advice: ['ankle-sprain', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'ankle-sprain-middle',
    name: 'Lateral ankle sprain — stage 2: balance and strength',
    description:
      'Balance and proprioception training on one leg with harder surfaces and tasks (Vuurberg et al. 2018; Martin et al. 2021).',
    goals: 'Balance on the injured leg as well as on the other.',
    items: main(
      'single-leg-balance-cushion',
      'star-excursion',
      'single-leg-ball-throw',
      'heel-raise-single',
      'knee-to-wall'
    ),
    advice: ['ankle-sprain', 'pain-monitoring', 'seek-help-leg']
  },
  {
    key: 'ankle-sprain-return',
    name: 'Lateral ankle sprain — stage 3: return to running and sport',
    description:
      'Hopping, landing and cutting with continued balance training to lower the risk of another sprain (Vuurberg et al. 2018; Martin et al. 2021).',
    goals: 'Run, hop and change direction with confidence, and prevent another sprain.',
    items: [
      ...before('a-skips'),
      ...main('lateral-hops', 'hop-and-stick', 'single-leg-hops', 'single-leg-balance-cushion')
    ],
    advice: ['ankle-sprain', 'return-to-running', 'seek-help-leg']
  }
]
