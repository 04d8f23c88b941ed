/**
 * Every word a handout prints, in one place: a translation is a copy of
 * this file, not a code change.
 */
import { englishDoseWords } from '@shared/dose'
import { describeWeek } from '@shared/walk-run'

export const en = {
  locale: 'en-GB',
  /** "3 sets of 10, hold 5 seconds, twice a day, each side" */
  dose: englishDoseWords,
  documentTitle: 'Home exercise program',
  preparedFor: 'Prepared for',
  issued: 'Issued',
  therapist: 'Your physiotherapist',
  goals: 'Your goals',
  starts: 'Start',
  review: 'Review',
  exercises: 'Your exercises',
  /** headings when a program groups its exercises by when they are done */
  phases: {
    before: 'Before each run: warm-up',
    main: 'Your main exercises',
    after: 'After each run: cool-down and stretches'
  },
  painRule: 'Stop and contact your physiotherapist if an exercise causes sharp or increasing pain.',
  howMuch: 'How much',
  /** under an exercise with an easier variant */
  tooHard: (easier: string) => `Too hard? Try “${easier}” instead, and tell your physiotherapist.`,
  walkRun: {
    heading: 'Your return to running',
    intro:
      'Run on separate days, with a rest day between, at an easy pace at which you could still talk. Warm up first. Tick a box after each session.',
    week: 'Week',
    session: 'Each session',
    done: 'Tick each session',
    painRule: 'When to move on',
    /** "Run 1 minute, walk 2 minutes, 6 times" */
    describe: describeWeek
  },
  caution: 'Take care',
  noPicture: 'No picture for this exercise',
  advice: 'Advice',
  seekHelp: 'When to seek help',
  /** the flags found, in the patient's words, joined; then where to go */
  emergencyNow: (signs: string, call: string) =>
    `Your physiotherapist found signs that need emergency care: ${signs}. Go to an emergency department or ${call} now. Do not wait to see if it gets better, and do not start these exercises until a doctor has seen you.`,
  sameDayNow: (signs: string) =>
    `Your physiotherapist found signs that need a doctor today: ${signs}. See your doctor today; if you can’t, go to an urgent care centre or emergency department. Ask the doctor whether you should start these exercises.`,
  /** same-day signs found beside emergency ones */
  alsoFound: (signs: string) => `Also tell the doctor about: ${signs}.`,
  /** snapshots from before flags had urgencies */
  seekHelpNowLegacy:
    'Your physiotherapist found signs that need a doctor’s attention today. If you have any of the emergency signs listed under “When to seek help”, go to an emergency department or call the emergency number now.',
  call: (number: string) => (number ? `call ${number}` : 'call the emergency number'),
  emergencyList: (call: string) => `Go to an emergency department or ${call} now if you have:`,
  sameDayList:
    'See a doctor the same day (your GP, or an urgent care centre if you can’t) if you have:',
  seekHelpDefault:
    'Contact your physiotherapist or doctor if your pain is severe, persists or gets worse despite these exercises.',
  nextAppointment: 'Next appointment',
  nextAppointmentBlank: 'Next appointment: ______________________________',
  diary: 'Exercise diary',
  diaryIntro:
    'Tick a box each time you do an exercise: an exercise done twice a day has two boxes a day. For exercises done only on some days of the week, tick just the days you do them. Bring this sheet to your next appointment.',
  week: (number: number, from: string, to: string) => `Week ${number}: ${from} – ${to}`,
  exercise: 'Exercise',
  page: (current: number, count: number) => `Page ${current} of ${count}`,
  disclaimer:
    'Chosen for you by your physiotherapist. Stop and contact them if an exercise causes sharp or increasing pain.',
  /** the footer's note when the full one doesn't fit on its line (large print) */
  disclaimerShort: 'Sharp or increasing pain? Stop and contact your physiotherapist.'
}

export type Words = typeof en
