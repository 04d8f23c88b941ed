import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Bridge } from '@shared/bridge'
import type { SyncProblem, SyncStatus } from '@shared/sync'
import { idleStatus } from './sync-status'

declare global {
  // the preload's window.api (src/preload/index.d.ts), which main's type configuration can't see
  interface Window {
    api?: Bridge
  }
}

const solo: SyncStatus = { ...idleStatus, state: 'solo' }
const offline: SyncStatus = { ...solo, state: 'offline', waiting: 7, problems: 2 }
const conflict: SyncProblem = {
  kind: 'conflict',
  id: 1,
  entity: 'patient',
  entityId: 41,
  label: 'Ann Lee',
  fields: [{ key: 'phone', label: 'Phone', mine: '555 1234', theirs: '555 9999' }],
  madeAt: '2026-11-27T10:00:00.000Z',
  theirsBy: 'Ada Berg',
  theirsAt: '2026-11-27T11:00:00.000Z'
}
const refused: SyncProblem = {
  kind: 'refused',
  id: 2,
  label: 'New visit for Ann Lee on 2026-11-27',
  message: 'The patient was erased.',
  madeAt: '2026-11-27T10:05:00.000Z'
}

// the store's only way out: the api, answered here as main would
const calls: { channel: string; input: unknown }[] = []
let status: SyncStatus = solo
let problems: SyncProblem[] = []
let refusal: string | null = null
vi.mock('../../src/renderer/src/api', () => ({
  isDesktop: false,
  call: (channel: string, input: Record<string, unknown>) => {
    calls.push({ channel, input })
    if (refusal) return Promise.resolve({ ok: false, error: { code: 'invalid', message: refusal } })
    if (channel === 'sync:problems') return Promise.resolve({ ok: true, data: problems })
    if (channel === 'sync:resolve') {
      problems = problems.filter((problem) => problem.id !== input.id)
      status = { ...status, problems: problems.length }
      return Promise.resolve({ ok: true, data: problems })
    }
    if (channel === 'sync:pin')
      return Promise.resolve({ ok: true, data: input.pinned ? [input.patientId] : [] })
    return Promise.resolve({ ok: true, data: status })
  }
}))
const { useSyncStore, pollEvery } = await import('../../src/renderer/src/stores/sync')

/** the window's visibility, as a browser's document reports it and tells of its changes (one a test) */
const makePage = () => Object.assign(new EventTarget(), { visibilityState: 'visible' })
let page = makePage()
function show(visibility: 'visible' | 'hidden'): void {
  page.visibilityState = visibility
  page.dispatchEvent(new Event('visibilitychange'))
}
const asked = () => calls.filter((call) => call.channel === 'sync:status').length

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
  page = makePage()
  vi.stubGlobal('document', page)
  calls.length = 0
  status = solo
  problems = [conflict, refused]
  refusal = null
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the sync store', () => {
  it('asks once in solo mode and never again', async () => {
    const sync = useSyncStore()
    await sync.watch()
    await vi.advanceTimersByTimeAsync(pollEvery * 5)
    expect(asked()).toBe(1)
    expect(sync.clinic).toBe(false)
  })

  it('asks every few seconds in clinic mode, with one timer however often it is started', async () => {
    status = offline
    const sync = useSyncStore()
    await Promise.all([sync.watch(), sync.watch(), sync.watch()])
    expect(asked()).toBe(1)
    await vi.advanceTimersByTimeAsync(pollEvery * 3)
    expect(asked()).toBe(4)
    expect(sync.status?.waiting).toBe(7)
    expect(vi.getTimerCount()).toBe(1)
  })

  it('stops while the window is hidden and asks at once when it shows again', async () => {
    status = offline
    const sync = useSyncStore()
    await sync.watch()
    show('hidden')
    await vi.advanceTimersByTimeAsync(pollEvery * 10)
    expect(asked()).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
    status = { ...offline, waiting: 3 }
    show('visible')
    await vi.advanceTimersByTimeAsync(0)
    expect(asked()).toBe(2)
    expect(sync.status?.waiting).toBe(3)
    // shown twice in a row (a tick under way as the timer is set): still one timer
    show('visible')
    await vi.advanceTimersByTimeAsync(pollEvery)
    expect(vi.getTimerCount()).toBe(1)
  })

  it('stops asking when the app goes back to solo mode', async () => {
    status = offline
    const sync = useSyncStore()
    await sync.watch()
    status = solo
    await vi.advanceTimersByTimeAsync(pollEvery)
    await vi.advanceTimersByTimeAsync(pollEvery * 5)
    expect(asked()).toBe(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('resolves a conflict field by field: the list is the answer, the count follows at once', async () => {
    status = offline
    const sync = useSyncStore()
    await sync.loadProblems()
    expect(sync.problems.map((problem) => problem.id)).toEqual([1, 2])
    expect(await sync.resolve(1, { choose: { phone: 'theirs' } })).toBeNull()
    expect(calls.find((call) => call.channel === 'sync:resolve')?.input).toEqual({
      id: 1,
      resolution: { choose: { phone: 'theirs' } }
    })
    expect(sync.problems.map((problem) => problem.id)).toEqual([2])
    expect(sync.status?.problems).toBe(1)
  })

  it('hands a refusal back in main’s words and keeps what it had', async () => {
    status = offline
    const sync = useSyncStore()
    await sync.load()
    await sync.loadProblems()
    refusal = 'Changes wait to be sent: send them before removing the copy.'
    expect(await sync.forget()).toEqual({ code: 'invalid', message: refusal })
    expect(await sync.resolve(2, 'discard')).toEqual({ code: 'invalid', message: refusal })
    expect(sync.problems).toHaveLength(2)
    expect(sync.status?.state).toBe('offline')
    expect(sync.busy).toBe(false)
  })

  it('pins a patient and unpins them, the list as main answers it', async () => {
    const sync = useSyncStore()
    await sync.pin(41, true)
    expect(sync.pins).toEqual([41])
    await sync.pin(41, false)
    expect(sync.pins).toEqual([])
  })

  it('sends the weeks to keep and takes the status answered', async () => {
    status = { ...offline, localCopy: { patients: 12, weeks: 6, pinned: 1, bytes: 1 } }
    const sync = useSyncStore()
    expect(await sync.setWeeks(6)).toBeNull()
    expect(calls.at(-1)).toEqual({ channel: 'sync:setWeeks', input: { weeks: 6 } })
    expect(sync.status?.localCopy?.weeks).toBe(6)
  })
})
