import { describe, expect, it } from 'vitest'
import {
  flagHistory,
  flagsOf,
  highestUrgency,
  redFlagKeys,
  redFlagRules,
  type VisitFlags
} from '../../src/shared/red-flags'

describe('red flag urgency', () => {
  it('treats every sign of cauda equina syndrome as an emergency', () => {
    expect(flagsOf('emergency')).toEqual([
      'saddle-numbness',
      'bladder-bowel',
      'sexual-dysfunction',
      'leg-weakness',
      'both-legs'
    ])
  })

  it('sends the other serious-pathology flags to a doctor the same day', () => {
    expect(flagsOf('same-day')).toEqual([
      'fever',
      'cancer-history',
      'weight-loss',
      'trauma',
      'night-pain'
    ])
  })

  it('takes the most urgent of several flags', () => {
    expect(highestUrgency(['night-pain', 'both-legs'])).toBe('emergency')
    expect(highestUrgency(['weight-loss'])).toBe('same-day')
    expect(highestUrgency([])).toBeNull()
  })

  it('words every flag for the patient, without clinical jargon', () => {
    for (const flag of redFlagKeys) {
      const words = redFlagRules[flag].patientWords
      expect(words.length, flag).toBeGreaterThan(10)
      expect(words, flag).not.toMatch(/cauda|equina|saddle anaesthesia|dysfunction/i)
    }
  })
})

const visit = (id: number, visitDate: string, found: VisitFlags['redFlags'], resolved = []) =>
  ({ id, visitDate, redFlags: found, resolvedFlags: resolved }) as VisitFlags

describe('which flags are active', () => {
  const visits: VisitFlags[] = [
    // out of order on purpose: replayed by date
    { ...visit(3, '2026-03-01', []), resolvedFlags: [{ flag: 'fever', note: 'Settled' }] },
    visit(1, '2026-01-10', ['fever', 'trauma']),
    visit(2, '2026-02-01', ['fever']),
    visit(4, '2026-04-01', ['fever'])
  ]

  it('raises at the first visit, keeps through repeats, ends at a resolution, and can recur', () => {
    const { active, events } = flagHistory(visits)
    expect(active).toEqual([
      { flag: 'fever', raisedOn: '2026-04-01', raisedAtVisit: 4 },
      { flag: 'trauma', raisedOn: '2026-01-10', raisedAtVisit: 1 }
    ])
    expect(events.map((e) => [e.flag, e.event, e.date, e.note])).toEqual([
      ['fever', 'raised', '2026-01-10', null],
      ['trauma', 'raised', '2026-01-10', null],
      ['fever', 'resolved', '2026-03-01', 'Settled'],
      ['fever', 'raised', '2026-04-01', null]
    ])
  })

  it('counts only the visits before a point, for the visit being written', () => {
    // a new visit comes after the visits already written on its day
    expect(
      flagHistory(visits, { visitDate: '2026-03-01', id: null }).active.map((a) => a.flag)
    ).toEqual(['trauma'])
    expect(
      flagHistory(visits, { visitDate: '2026-02-28', id: null }).active.map((a) => a.flag)
    ).toEqual(['fever', 'trauma'])
    // editing visit 3 itself: it does not count its own resolution
    expect(
      flagHistory(visits, { visitDate: '2026-03-01', id: 3 }).active.map((a) => a.flag)
    ).toEqual(['fever', 'trauma'])
    expect(flagHistory(visits, { visitDate: '2026-01-10', id: 1 }).active).toEqual([])
  })

  it('ignores the resolution of a flag that is not active', () => {
    const { active, events } = flagHistory([
      { ...visit(1, '2026-01-01', []), resolvedFlags: [{ flag: 'trauma', note: null }] }
    ])
    expect(active).toEqual([])
    expect(events).toEqual([])
  })
})
