import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { BoundedMap } from '@shared/bounded-map'
import type { Input } from '@shared/contract'
import type { ApiError, Result } from '@shared/errors'
import type { AdviceSection, Exercise, ExerciseFacets, ExerciseSummary } from '@shared/types'
import { call } from '../api'
import { latestOnly } from './latest-only'

export type ExerciseFilters = Omit<Input<'exercises:list'>, 'query'>
export type ExerciseDraft = Input<'exercises:create'>
export type PhotoEntry = ExerciseDraft['photos'][number]

export const useLibraryStore = defineStore('library', () => {
  const query = ref('')
  const filters = reactive<ExerciseFilters>({})
  const results = ref<ExerciseSummary[]>([])
  /** how many match the search and filters in all, and where the shown page starts */
  const total = ref(0)
  const offset = ref(0)
  const facets = ref<ExerciseFacets>({ bodyRegions: [], equipment: [], conditions: [] })
  const selected = ref<Exercise | null>(null)
  const advice = ref<AdviceSection[]>([])
  const error = ref<ApiError | null>(null)
  /**
   * data: URLs by media id; pictures never change once stored. Bounded: a
   * day of browsing the library would otherwise keep every photo it showed.
   */
  const pictures = reactive(new BoundedMap<number, string>(100))
  const latest = latestOnly()
  const pickerQuery = ref('')
  const pickerResults = ref<ExerciseSummary[]>([])
  const latestPick = latestOnly()

  /** The Library page: a page of what matches, the first unless `from` says otherwise. */
  async function search(from = 0): Promise<void> {
    const set = Object.fromEntries(Object.entries(filters).filter(([, value]) => value))
    const result = await latest(
      call('exercises:page', { query: query.value, ...set, offset: from })
    )
    if (result === undefined) return
    if (result.ok) {
      results.value = result.data.exercises
      total.value = result.data.total
      offset.value = result.data.offset
    }
    error.value = result.ok ? null : result.error
  }

  /** The builder's search panel: its own query, so the Library page keeps its place. */
  async function searchPicker(): Promise<void> {
    const result = await latestPick(call('exercises:list', { query: pickerQuery.value }))
    if (result === undefined) return
    if (result.ok) pickerResults.value = result.data
    else error.value = result.error
  }

  /** Exercises a form offers as an easier or harder variant: the first few that match. */
  async function findVariants(text: string): Promise<ExerciseSummary[]> {
    const result = await call('exercises:list', { query: text })
    return result.ok ? result.data.slice(0, 8) : []
  }

  async function loadFacets(): Promise<void> {
    const result = await call('exercises:facets', {})
    if (result.ok) facets.value = result.data
  }

  async function select(id: number): Promise<void> {
    const result = await call('exercises:get', { id })
    if (result.ok) selected.value = result.data
    error.value = result.ok ? null : result.error
  }

  async function loadPicture(id: number): Promise<void> {
    if (pictures.has(id)) return
    const result = await call('media:get', { id })
    if (result.ok) pictures.set(id, result.data.dataUrl)
  }

  async function loadAdvice(): Promise<void> {
    const result = await call('advice:list', {})
    if (result.ok) advice.value = result.data
    else error.value = result.error
  }

  /** Keeps the open exercise and the list in step after any change. */
  async function keep(result: Result<Exercise>): Promise<Result<Exercise>> {
    if (result.ok) {
      selected.value = result.data
      await Promise.all([search(offset.value), loadFacets()])
    } else {
      error.value = result.error
    }
    return result
  }

  const create = async (draft: ExerciseDraft) => keep(await call('exercises:create', draft))
  /** `version`: the one the form was filled from; an older one is refused as a conflict. */
  const update = async (id: number, version: number, draft: ExerciseDraft) =>
    keep(await call('exercises:update', { id, version, ...draft }))
  const duplicate = async (id: number) => keep(await call('exercises:duplicate', { id }))
  const setFavourite = async (id: number, favourite: boolean) =>
    keep(await call('exercises:favourite', { id, favourite }))
  const setArchived = async (id: number, archived: boolean) =>
    keep(await call('exercises:archive', { id, archived }))

  async function remove(id: number): Promise<Result<null>> {
    const result = await call('exercises:delete', { id })
    if (result.ok) {
      selected.value = null
      await search(offset.value)
    }
    error.value = result.ok ? null : result.error
    return result
  }

  return {
    query,
    filters,
    results,
    total,
    offset,
    facets,
    selected,
    advice,
    error,
    pictures,
    pickerQuery,
    pickerResults,
    search,
    searchPicker,
    findVariants,
    loadFacets,
    select,
    loadPicture,
    loadAdvice,
    create,
    update,
    duplicate,
    setFavourite,
    setArchived,
    remove
  }
})
