import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Input } from '@shared/contract'
import type { ApiError, Result } from '@shared/errors'
import { limits } from '@shared/limits'
import type { Dashboard, Visit } from '@shared/types'
import { call } from '../api'

export type VisitDraft = Omit<Input<'visits:create'>, 'patientId'>

export const useVisitsStore = defineStore('visits', () => {
  const visits = ref<Visit[]>([])
  const patientId = ref<number | null>(null)
  const board = ref<Dashboard | null>(null)
  /** rows per dashboard list; "Show more" raises it */
  const dueShown = ref<number>(limits.dashboardRows)
  const error = ref<ApiError | null>(null)

  async function load(id: number): Promise<void> {
    if (patientId.value !== id) visits.value = []
    patientId.value = id
    const result = await call('visits:list', { patientId: id })
    if (result.ok) visits.value = result.data
    error.value = result.ok ? null : result.error
  }

  async function loadDashboard(): Promise<void> {
    const result = await call('dashboard:get', { show: dueShown.value })
    if (result.ok) board.value = result.data
    error.value = result.ok ? null : result.error
  }

  function showMoreDue(): Promise<void> {
    dueShown.value = Math.min(limits.dashboardRowsMax, dueShown.value + 50)
    return loadDashboard()
  }

  /** After any change the patient's list and the dashboard both move. */
  async function refresh(result: Result<unknown>, id: number): Promise<void> {
    if (result.ok) await Promise.all([load(id), loadDashboard()])
  }

  async function create(id: number, draft: VisitDraft): Promise<Result<Visit>> {
    const result = await call('visits:create', { patientId: id, ...draft })
    await refresh(result, id)
    return result
  }

  async function update(visit: Visit, draft: VisitDraft): Promise<Result<Visit>> {
    const result = await call('visits:update', { id: visit.id, ...draft })
    await refresh(result, visit.patientId)
    return result
  }

  async function remove(visit: Visit): Promise<Result<null>> {
    const result = await call('visits:delete', { id: visit.id })
    await refresh(result, visit.patientId)
    error.value = result.ok ? null : result.error
    return result
  }

  return { visits, board, error, load, loadDashboard, showMoreDue, create, update, remove }
})
