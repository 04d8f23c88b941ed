import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ApiError } from '@shared/errors'
import type { DataHealth } from '@shared/types'
import { call } from '../api'

/** How often to ask while the data file's pages are checked in the background (seconds at most). */
const askEvery = 2000

/**
 * The data file's health. After a clean close the app opens before its
 * pages are checked; while that check runs this asks again, so damage it
 * finds is shown to whoever is at the screen, not only to the next save.
 */
export const useHealthStore = defineStore('health', () => {
  const health = ref<DataHealth | null>(null)

  async function watch(): Promise<void> {
    const result = await call('app:health', {})
    if (!result.ok) return
    health.value = result.data
    if (result.data.state === 'checking') setTimeout(() => void watch(), askEvery)
  }

  /** Shown as the start's own damaged error would be: what happened and what to do. */
  const damage = computed<ApiError | null>(() =>
    health.value?.state === 'damaged'
      ? { code: 'damaged', message: health.value.message ?? '' }
      : null
  )

  return { health, damage, watch }
})
