/**
 * Every word a handout prints, in one place: a translation is a copy of
 * this file, not a code change.
 */
import { englishDoseWords } from '@shared/dose'

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
  howMuch: 'How much',
  caution: 'Take care',
  noPicture: 'No picture for this exercise',
  advice: 'Advice',
  seekHelp: 'When to seek help',
  seekHelpNow:
    'Your physiotherapist found signs that need a doctor’s attention: contact your doctor today. If you cannot, or your symptoms get worse, go to an emergency department.',
  seekHelpDefault:
    'Contact your physiotherapist or doctor if your pain persists or gets worse despite these exercises. Get urgent medical help if you have numbness around your groin or buttocks, new problems controlling your bladder or bowel, or weakness in your legs that is getting worse.',
  nextAppointment: 'Next appointment',
  nextAppointmentBlank: 'Next appointment: ______________________________',
  diary: 'Exercise diary',
  diaryIntro: 'Tick a box each time you do an exercise. Bring this sheet to your next appointment.',
  week: (number: number, from: string, to: string) => `Week ${number}: ${from} – ${to}`,
  exercise: 'Exercise',
  page: (current: number, count: number) => `Page ${current} of ${count}`,
  disclaimer:
    'Chosen for you by your physiotherapist. Stop and contact them if an exercise causes sharp or increasing pain.'
}

export type Words = typeof en
