import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError } from '@shared/errors'
import type { AdviceSection, Exercise, ExerciseCategory, ExerciseSummary } from '@shared/types'
import { call } from '../api'
import { latestOnly } from './latest-only'

export const useLibraryStore = defineStore('library', () => {
  const query = ref('')
  const category = ref<ExerciseCategory | null>(null)
  const results = ref<ExerciseSummary[]>([])
  const selected = ref<Exercise | null>(null)
  const advice = ref<AdviceSection[]>([])
  const error = ref<ApiError | null>(null)
  const latest = latestOnly()
  const pickerQuery = ref('')
  const pickerResults = ref<ExerciseSummary[]>([])
  const latestPick = latestOnly()

  async function search(): Promise<void> {
    const result = await latest(
      call('exercises:list', {
        query: query.value,
        ...(category.value ? { category: category.value } : {})
      })
    )
    if (result === undefined) return
    if (result.ok) {
      results.value = result.data
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** The builder's search panel: its own query, so the Library page keeps its place. */
  async function searchPicker(): Promise<void> {
    const result = await latestPick(call('exercises:list', { query: pickerQuery.value }))
    if (result === undefined) return
    if (result.ok) pickerResults.value = result.data
    else error.value = result.error
  }

  async function select(id: number): Promise<void> {
    const result = await call('exercises:get', { id })
    if (result.ok) selected.value = result.data
    else error.value = result.error
  }

  async function loadAdvice(): Promise<void> {
    const result = await call('advice:list', {})
    if (result.ok) advice.value = result.data
    else error.value = result.error
  }

  return {
    query,
    category,
    results,
    selected,
    advice,
    error,
    pickerQuery,
    pickerResults,
    search,
    searchPicker,
    select,
    loadAdvice
  }
})
