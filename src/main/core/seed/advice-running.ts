/**
 * Advice for the running-clinic templates, in the patient's words: what the
 * condition is, how to manage load, and when to seek help. The pain rules
 * follow the pain-monitoring model of Silbernagel 2007 (tendons) and the
 * usual return-to-running rule (pain at most 3 out of 10, settled by the
 * next morning).
 */
import type { BuiltinAdvice } from './advice'

/**
 * Hops and heavy heel raises both load the calf and Achilles: on separate
 * days, with a day free of both, the tendon gets time to recover.
 */
const spreadTheLoad =
  'Do your hopping and skipping on running days, before the run, and your heavy heel raises on the days in between; keep at least one day a week free of all of them.'

export const runningAdvice: BuiltinAdvice[] = [
  {
    key: 'pain-monitoring',
    kind: 'general',
    title: 'Using pain as your guide',
    intro:
      'Exercise and running are allowed to be a little uncomfortable while you recover. Score your pain from 0 (no pain) to 10 (worst imaginable) and use it to set how much you do.',
    points: [
      'During exercise, pain up to 3 out of 10 is acceptable. For a sore tendon your physiotherapist may allow up to 5 out of 10.',
      'The pain should settle by the next morning, back to how it was before.',
      'Pain and stiffness first thing in the morning should not build up from one week to the next.',
      'If any of these rules is broken, do less next time (fewer sets, lighter weight, shorter runs), not nothing. If they hold, you can keep going or take the next step.'
    ]
  },
  {
    key: 'return-to-running',
    kind: 'general',
    title: 'Getting back to running',
    intro: 'Return to running step by step, so your body has time to get used to the load again.',
    points: [
      'Start when you can walk briskly for 30 minutes and hop 10 times on the sore leg without pain.',
      "Begin with walking and running mixed, as in the weekly table under 'Your return to running', on flat, even ground.",
      'Run every other day at first, with a rest or cross-training day in between.',
      "Increase one thing at a time (time first, then pace), and only as the 'When to move on' box with your table says.",
      'Leave hills, speed work and races until you can run 30 minutes easily.'
    ]
  },
  {
    key: 'patellofemoral-pain',
    kind: 'general',
    title: 'Pain at the front of the knee',
    intro:
      'Patellofemoral pain is pain around or behind the kneecap. It is common in runners and comes from more load on the knee than it is ready for, not from damage. Strengthening the hip and thigh muscles is the treatment that works best; it usually takes 6 to 12 weeks of regular exercise to help, and some people need longer.',
    points: [
      'Cut back on what brings the pain on, such as running downhill, stairs, deep squats and sitting for a long time with bent knees, for now; you do not need to stop altogether.',
      'Keep running if the pain stays at 3 out of 10 or less and settles by the next day; shorten the run if it does not.',
      'A slightly shorter, quicker running stride puts less load on the knee.',
      'Do the knee and hip exercises regularly: they take several weeks to work.',
      'Taping or shoe inserts can help for a short time; ask your physiotherapist.'
    ]
  },
  {
    key: 'itb-syndrome',
    kind: 'general',
    title: 'Pain on the outside of the knee',
    intro:
      'Iliotibial band syndrome is pain on the outside of the knee from the band of tissue that runs down the outside of the thigh. It usually comes on at the same point in each run and is brought on by a rise in running, especially downhill or on a cambered road.',
    points: [
      'Reduce your running to a distance you can do without the pain coming on, or rest from running for a week or two if it comes on early in every run.',
      'Avoid downhill running and always running the same way round a track or on the same side of a sloping road.',
      'Strengthen the muscles on the side of your hip: these exercises are a usual part of treatment.',
      'A slightly shorter, quicker stride can ease the load on the outside of the knee.',
      'Cycling and swimming keep you fit while you recover, if they do not bring the pain on.'
    ]
  },
  {
    key: 'achilles-midportion',
    kind: 'general',
    title: 'Achilles tendon pain',
    intro:
      'Achilles tendinopathy is an overloaded Achilles tendon: it is often stiff and painful in the morning and at the start of a run, and may warm up as you go. Tendons get better with the right amount of load, built up over about 12 weeks; resting completely does not help them.',
    points: [
      'Use the pain rules: pain up to 5 out of 10 during the exercises (3 out of 10 while running) is fine if it settles by the next morning.',
      'Cut down on the loads that irritate the tendon most: hills, speed work, jumping and running in very flat or worn shoes.',
      'Do your calf exercises as prescribed, even on days you do not run.',
      'A small heel lift in your shoe can ease the pain for a while.',
      'Expect slow, steady progress over weeks, with ups and downs.',
      spreadTheLoad
    ]
  },
  {
    key: 'achilles-insertional',
    kind: 'general',
    title: 'Pain where the Achilles tendon joins the heel',
    intro:
      'Insertional Achilles tendinopathy is pain at the back of the heel bone, where the tendon attaches. The tendon is squeezed against the bone when the ankle bends up, so the exercises for it are done on a flat floor, never off a step.',
    points: [
      'Avoid letting your heel drop below your toes: no heel drops off a step and no strong calf stretches for now.',
      'A small heel lift in your shoes, and shoes with a soft heel counter, can ease the pressure.',
      'Use the pain rules: pain up to 5 out of 10 during the exercises (3 out of 10 while running) is fine if it settles by the next morning.',
      'Cut down on hills and speed work until the pain settles.',
      spreadTheLoad
    ]
  },
  {
    key: 'plantar-heel-pain',
    kind: 'general',
    title: 'Heel pain under the foot',
    intro:
      'Plantar heel pain (plantar fasciitis) is pain under the heel, often worst with the first steps in the morning or after sitting. The thick band under the foot has been overloaded. Most people get better, though it can take several months; strengthening helps.',
    points: [
      'Wear supportive, cushioned shoes indoors and out; avoid walking barefoot on hard floors for now.',
      'Stretch your calf and sole before your first steps in the morning.',
      'Cut down on long periods of standing and on running, to a level the heel tolerates.',
      'Keep a healthy body weight; this takes load off the heel.',
      'Heel cups or shoe inserts may help; ask your physiotherapist.',
      spreadTheLoad
    ]
  },
  {
    key: 'shin-pain',
    kind: 'general',
    title: 'Shin pain (shin splints)',
    intro:
      'Medial tibial stress syndrome ("shin splints") is pain along the inner edge of the shin bone, brought on by running more than the bone and muscles are used to. It settles with a reduction in running and a gradual build-up again.',
    points: [
      'Reduce running to a pain-free level, or rest from running for 2 to 4 weeks if it hurts every time. Keep fit with cycling or swimming.',
      'Return with a walk–run plan on soft, flat surfaces, and build up slowly.',
      'Strengthen your calves and hips while you are not running.',
      'Check your shoes: replace worn-out running shoes.',
      'Pain in one spot on the bone that hurts to touch, at night or when hopping may be a stress fracture: see your physiotherapist or doctor.'
    ]
  },
  {
    key: 'calf-strain',
    kind: 'general',
    title: 'Calf muscle strain',
    intro:
      'A calf strain is a tear in the calf muscle, often felt as a sudden pull or a kick in the back of the leg while running. Most small strains heal within a few weeks; bigger tears take longer. A gradual return to loading helps the muscle heal strong.',
    points: [
      'For the first few days, keep walking as normally as pain allows; a heel lift can help.',
      'Start gentle calf exercises as soon as they are comfortable; build up week by week.',
      'Avoid stretching hard or massaging deeply in the first days.',
      'Return to running only when you can do 20 or more single-leg heel raises and hop without pain.',
      'Calf strains often come back: keep doing calf strength work once you are running again.',
      spreadTheLoad
    ]
  },
  {
    key: 'hamstring-strain',
    kind: 'general',
    title: 'Hamstring strain',
    intro:
      'A hamstring strain is a tear in the muscles at the back of the thigh, usually felt as a sudden pain while sprinting or stretching. The exercises lengthen and strengthen the muscle as it heals; they should not be painful.',
    points: [
      'Walk as normally as you can, with short steps at first.',
      'Do the exercises without pain; a feeling of stretch or effort is fine.',
      'Do not stretch the hamstring hard or sprint until your physiotherapist has checked that the muscle is ready.',
      'Return to running starts slowly and builds up to full speed over several sessions.',
      'Keep up hamstring strength work, such as the Nordic lower, to lower the chance of another strain.'
    ]
  },
  {
    key: 'gluteal-tendinopathy',
    kind: 'general',
    title: 'Pain on the outside of the hip',
    intro:
      'Gluteal tendinopathy is pain on the outside of the hip from the tendons of the buttock muscles. The tendons are irritated by being squeezed when the leg crosses the middle of the body. In a large trial, more people improved with this advice and exercise than with an injection or with waiting.',
    points: [
      'Do not cross your legs or knees when sitting or standing.',
      'Stand evenly on both feet instead of hanging on one hip.',
      'Avoid low chairs: keep your hips higher than your knees.',
      'Do not lie on the painful side. When you lie on the other side, put a pillow between your knees.',
      'Do not stretch the outside of the hip or the buttock for now: stretching squeezes the tendon.',
      'Cut down on hills, stairs and long walks until the pain settles, then build up gradually.'
    ]
  },
  {
    key: 'ankle-sprain',
    kind: 'general',
    title: 'Ankle sprain',
    intro:
      'An ankle sprain is a stretch or tear of the ligaments on the outside of the ankle. Most heal well with early movement and exercise. Balance training matters: it lowers the chance of spraining the same ankle again.',
    points: [
      'In the first days, keep walking as much as pain allows, and raise the ankle when you rest to help swelling go down.',
      'A brace or tape can support the ankle while you get back to running and sport.',
      'Do your balance exercises every day, and keep them up after you are back to sport: they lower the chance of another sprain.',
      'Return to running when you can hop on the injured leg without pain and balance on it as well as on the other.'
    ]
  },
  {
    key: 'seek-help-leg',
    kind: 'seek-help',
    title: 'When to seek help',
    intro:
      'Contact your physiotherapist or doctor if your pain is severe, does not improve over two weeks, or keeps getting worse despite these exercises.',
    points: [
      'Call the emergency number now if you have calf pain or swelling together with shortness of breath or chest pain.',
      'See a doctor the same day if your calf becomes swollen, warm, red or tender without an injury (it could be a blood clot), if a joint is hot and swollen with fever, or if you cannot put weight on your leg and walk four steps after an injury.',
      'See a doctor the same day if you felt a sudden snap or kick at the back of the ankle and cannot rise onto your toes on that leg.',
      'Stop running and see your physiotherapist or doctor within a few days if you have pain in one spot on a bone that hurts to touch, at night or when hopping: it may be a stress fracture.',
      'Tell your physiotherapist promptly about numbness, tingling or weakness in your leg or foot.'
    ]
  }
]
