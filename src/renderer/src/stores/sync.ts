import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ApiError, Result } from '@shared/errors'
import type { SyncChoice, SyncProblem, SyncStatus } from '@shared/sync'
import { call } from '../api'

/** How often the banner asks while in clinic mode: a send or a pull shows its progress about live. */
export const pollEvery = 3000

/**
 * Clinic mode offline (issue 18): this computer's copy of the clinic, the
 * changes waiting in its outbox and the problems waiting for the therapist.
 * Main keeps all of it; this asks, with one timer for the whole app that
 * runs only in clinic mode and only while the window is shown (a hidden
 * window has nobody to tell, and its timers would wake the laptop for nothing).
 */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus | null>(null)
  const problems = ref<SyncProblem[]>([])
  /** patients pinned "take offline" on this computer */
  const pins = ref<number[]>([])
  const busy = ref(false)

  /** connected to a clinic server (reachable or not): solo mode has nothing to sync */
  const clinic = computed(() => status.value !== null && status.value.state !== 'solo')

  let timer: ReturnType<typeof setTimeout> | null = null
  let watching = false

  async function load(): Promise<void> {
    const result = await call('sync:status', {})
    if (result.ok) status.value = result.data
  }

  function stopTimer(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  /** Always clears first, so a tick started by the window coming back never makes a second timer. */
  function schedule(): void {
    stopTimer()
    if (!clinic.value || document.visibilityState === 'hidden') return
    timer = setTimeout(() => void tick(), pollEvery)
  }

  async function tick(): Promise<void> {
    await load()
    schedule()
  }

  /** Starts asking, once for the app (App.vue): later calls find the timer already running. */
  function watch(): Promise<void> {
    if (watching) return Promise.resolve()
    watching = true
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') stopTimer()
      // back in view: the state may have changed meanwhile, so ask at once
      else void tick()
    })
    return tick()
  }

  /**
   * Each change answers the state as it is now. A refusal is main's own
   * words, handed back to the screen that asked (the banner, the conflicts
   * screen and Settings each show their own): null when it went through.
   */
  async function step<T>(
    work: () => Promise<Result<T>>,
    take: (data: T) => void
  ): Promise<ApiError | null> {
    busy.value = true
    const result = await work()
    busy.value = false
    if (!result.ok) return result.error
    take(result.data)
    return null
  }

  const takeStatus = (data: SyncStatus) => (status.value = data)
  /** "Try now": send what waits, then pull colleagues' changes. */
  const now = () => step(() => call('sync:now', {}), takeStatus)
  const setWeeks = (weeks: number) => step(() => call('sync:setWeeks', { weeks }), takeStatus)
  const forget = () => step(() => call('sync:forget', { confirm: true }), takeStatus)

  const loadProblems = () =>
    step(
      () => call('sync:problems', {}),
      (data) => (problems.value = data)
    )

  /** The list becomes what main answers; the banner's count follows at once, not at the next tick. */
  async function resolve(
    id: number,
    resolution: { choose: SyncChoice } | 'discard' | 'retry'
  ): Promise<ApiError | null> {
    const refused = await step(
      () => call('sync:resolve', { id, resolution }),
      (data) => (problems.value = data)
    )
    if (!refused) await load()
    return refused
  }

  async function loadPins(): Promise<void> {
    const result = await call('sync:pins', {})
    if (result.ok) pins.value = result.data
  }

  const pin = (patientId: number, pinned: boolean) =>
    step(
      () => call('sync:pin', { patientId, pinned }),
      (data) => (pins.value = data)
    )

  return {
    status,
    problems,
    pins,
    busy,
    clinic,
    load,
    watch,
    now,
    setWeeks,
    forget,
    loadProblems,
    resolve,
    loadPins,
    pin
  }
})
