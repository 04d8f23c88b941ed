import { describe, expect, it } from 'vitest'
import type { SyncStatus } from '@shared/sync'
import { bannerWords } from '../../src/renderer/src/components/sync/banner'
import { formatAgo } from '../../src/renderer/src/format'
import { idleStatus } from './sync-status'

const say = (status: Partial<SyncStatus>, signedInAs: string | null = 'ann') =>
  bannerWords({ ...idleStatus, ...status }, signedInAs)

describe('the offline banner’s words', () => {
  it('says nothing in solo mode or online with nothing waiting', () => {
    expect(say({ state: 'solo' })).toBeNull()
    expect(say({})).toBeNull()
    expect(say({ state: 'signedOut' })).toBeNull()
  })

  it('says offline, with the waiting count, and offers to try now', () => {
    expect(say({ state: 'offline', waiting: 7 })).toEqual({
      headline:
        'Offline — working on this computer’s copy of the clinic. 7 changes waiting to be sent.',
      progress: null,
      canTry: true
    })
    expect(say({ state: 'offline', waiting: 1 })?.headline).toMatch(/ 1 change waiting to be sent/)
    expect(say({ state: 'offline' })?.headline).toBe(
      'Offline — working on this computer’s copy of the clinic.'
    )
    expect(say({ waiting: 2 })?.headline).toBe('2 changes waiting to be sent.')
  })

  it('counts a send and a pull under way, with their progress, and offers nothing meanwhile', () => {
    const sending = say({ state: 'sending', waiting: 7, progress: { done: 3, total: 7 } })
    expect(sending).toEqual({
      headline: 'Sending 3 of 7 changes…',
      progress: { done: 3, total: 7 },
      canTry: false
    })
    const pulling = say({ state: 'pulling', progress: { done: 1200, total: 4000 } })
    expect(pulling?.headline).toBe(
      `Bringing colleagues’ changes: ${(1200).toLocaleString()} of ${(4000).toLocaleString()}`
    )
    expect(pulling?.canTry).toBe(false)
    expect(say({ state: 'sending', waiting: 4 })?.headline).toBe('Sending 4 changes…')
  })

  it('names whose changes wait for whom', () => {
    const waiting = { state: 'signedOut', waiting: 7, waitingFor: 'ann' } as const
    expect(say(waiting, 'ada')?.headline).toBe(
      'Signed in as someone else: ann’s 7 changes wait for ann to sign in.'
    )
    expect(say(waiting, null)?.headline).toBe(
      'Not signed in: ann’s 7 changes wait for ann to sign in.'
    )
    expect(say(waiting, null)?.canTry).toBe(false)
  })
})

describe('how long ago', () => {
  const now = Date.parse('2026-11-28T10:00:00.000Z')
  it('reads at a glance, then gives the date', () => {
    expect(formatAgo('2026-11-28T09:59:40.000Z', now)).toBe('just now')
    expect(formatAgo('2026-11-28T09:58:00.000Z', now)).toBe('2 min ago')
    expect(formatAgo('2026-11-28T07:00:00.000Z', now)).toBe('3 h ago')
    expect(formatAgo('2026-11-26T07:00:00.000Z', now)).toMatch(/2026/)
  })
})
