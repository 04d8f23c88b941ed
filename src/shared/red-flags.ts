/**
 * Red flags: signs of serious pathology screened at every visit. Each has an
 * urgency: signs of cauda equina syndrome mean emergency care now; the other
 * serious-pathology flags mean a doctor the same day (NICE NG59 and the
 * international framework for red flags, Finucane 2020). A flag raised at a
 * visit stays active until a later visit marks it resolved.
 */

export const redFlagKeys = [
  'saddle-numbness',
  'bladder-bowel',
  'sexual-dysfunction',
  'leg-weakness',
  'both-legs',
  'fever',
  'cancer-history',
  'weight-loss',
  'trauma',
  'night-pain'
] as const
export type RedFlag = (typeof redFlagKeys)[number]

export type Urgency = 'emergency' | 'same-day'

interface RedFlagRule {
  /** what the physiotherapist ticks */
  label: string
  urgency: Urgency
  /** the sign in the patient's own words, as the handout lists it */
  patientWords: string
}

export const redFlagRules: Record<RedFlag, RedFlagRule> = {
  'saddle-numbness': {
    label: 'Numbness in the saddle area',
    urgency: 'emergency',
    patientWords:
      'numbness or pins and needles around your genitals, bottom or inner thighs, or a change in feeling when you wipe after using the toilet'
  },
  'bladder-bowel': {
    label: 'New bladder or bowel trouble',
    urgency: 'emergency',
    patientWords:
      'new difficulty passing urine, leaking urine or stools, or not feeling when your bladder or bowel is full'
  },
  'sexual-dysfunction': {
    label: 'New sexual dysfunction',
    urgency: 'emergency',
    patientWords:
      'new loss of feeling in your genitals, or new problems with erection or ejaculation'
  },
  'leg-weakness': {
    label: 'Progressive leg weakness or numbness',
    urgency: 'emergency',
    patientWords: 'weakness or numbness in one or both legs that is getting worse'
  },
  'both-legs': {
    label: 'Symptoms in both legs',
    urgency: 'emergency',
    patientWords: 'new pain, numbness, pins and needles or weakness in both legs'
  },
  fever: {
    label: 'Fever or feeling unwell',
    urgency: 'same-day',
    patientWords: 'back pain with a fever, or feeling generally unwell'
  },
  'cancer-history': {
    label: 'History of cancer',
    urgency: 'same-day',
    patientWords: 'new or worsening back pain if you have ever had cancer'
  },
  'weight-loss': {
    label: 'Unexplained weight loss',
    urgency: 'same-day',
    patientWords: 'losing weight without trying'
  },
  trauma: {
    label: 'Significant trauma',
    urgency: 'same-day',
    patientWords: 'back pain after a fall, accident or other injury'
  },
  'night-pain': {
    label: 'Night pain not eased by rest',
    urgency: 'same-day',
    patientWords: 'pain at night that does not ease when you rest or change position'
  }
}

export const urgencyLabels: Record<Urgency, string> = {
  emergency: 'Emergency, now',
  'same-day': 'Urgent, same day'
}

/** The flags of one urgency, in the screen's order. */
export function flagsOf(urgency: Urgency, flags: readonly RedFlag[] = redFlagKeys): RedFlag[] {
  return redFlagKeys.filter(
    (flag) => flags.includes(flag) && redFlagRules[flag].urgency === urgency
  )
}

/** The most urgent of a list of flags, or null for none. */
export function highestUrgency(flags: readonly RedFlag[]): Urgency | null {
  if (flagsOf('emergency', flags).length) return 'emergency'
  return flags.length ? 'same-day' : null
}

/** The red-flag part of a visit: what was found present, and what was resolved. */
export interface VisitFlags {
  id: number
  visitDate: string
  redFlags: RedFlag[]
  resolvedFlags: { flag: RedFlag; note: string | null }[]
}

export interface ActiveFlag {
  flag: RedFlag
  /** the visit that raised it (the first of an unbroken run of visits) */
  raisedOn: string
  raisedAtVisit: number
}

export interface FlagEvent {
  flag: RedFlag
  event: 'raised' | 'resolved'
  date: string
  visitId: number
  note: string | null
}

const chronological = (a: VisitFlags, b: VisitFlags) =>
  a.visitDate === b.visitDate ? a.id - b.id : a.visitDate < b.visitDate ? -1 : 1

/**
 * Replays visits in date order: a flag is raised when a visit finds it and
 * it is not already active, and ends when a later visit resolves it.
 * `before`, when given, counts only the visits that come before that point
 * (a date, and the id of the visit being edited, if any).
 */
export function flagHistory(
  visits: readonly VisitFlags[],
  before?: { visitDate: string; id: number | null }
): { active: ActiveFlag[]; events: FlagEvent[] } {
  const active = new Map<RedFlag, ActiveFlag>()
  const events: FlagEvent[] = []
  const earlier = (visit: VisitFlags) =>
    before === undefined ||
    visit.visitDate < before.visitDate ||
    // a visit not yet written comes after every visit of its day
    (visit.visitDate === before.visitDate && (before.id === null || visit.id < before.id))
  for (const visit of [...visits].sort(chronological).filter(earlier)) {
    for (const { flag, note } of visit.resolvedFlags) {
      if (!active.delete(flag)) continue
      events.push({ flag, event: 'resolved', date: visit.visitDate, visitId: visit.id, note })
    }
    for (const flag of visit.redFlags) {
      if (active.has(flag)) continue
      active.set(flag, { flag, raisedOn: visit.visitDate, raisedAtVisit: visit.id })
      events.push({ flag, event: 'raised', date: visit.visitDate, visitId: visit.id, note: null })
    }
  }
  const order = (flag: RedFlag) => redFlagKeys.indexOf(flag)
  return {
    active: [...active.values()].sort((a, b) => order(a.flag) - order(b.flag)),
    events
  }
}
