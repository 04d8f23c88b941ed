import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Input } from '@shared/contract'
import type { ApiError, Result } from '@shared/errors'
import type { MeasureKey } from '@shared/measures'
import type { AuditEntry, Patient, PatientSummary } from '@shared/types'
import { call, isDesktop } from '../api'
import { downloadFile } from '../download'
import { useHandoutsStore } from './handouts'
import { latestOnly } from './latest-only'

export type PatientDraft = Input<'patients:create'>

export const usePatientsStore = defineStore('patients', () => {
  const query = ref('')
  const includeArchived = ref(false)
  const results = ref<PatientSummary[]>([])
  const searched = ref(false)
  const current = ref<Patient | null>(null)
  const error = ref<ApiError | null>(null)
  const latest = latestOnly()

  /** Runs on every keystroke; an older answer arriving late is dropped. */
  async function search(): Promise<void> {
    const result = await latest(
      call('patients:list', { query: query.value, includeArchived: includeArchived.value })
    )
    if (result === undefined) return
    searched.value = true
    if (result.ok) {
      results.value = result.data
      error.value = null
    } else {
      error.value = result.error
    }
  }

  async function open(id: number): Promise<void> {
    if (current.value?.id !== id) current.value = null
    const result = await call('patients:get', { id })
    if (result.ok) {
      current.value = result.data
      error.value = null
    } else {
      error.value = result.error
    }
  }

  function keep(result: Result<Patient>): Result<Patient> {
    if (result.ok) current.value = result.data
    return result
  }

  async function create(draft: PatientDraft): Promise<Result<Patient>> {
    return keep(await call('patients:create', draft))
  }

  /** `version`: the one the form was filled from; an older one is refused as a conflict. */
  async function update(
    id: number,
    version: number,
    draft: PatientDraft
  ): Promise<Result<Patient>> {
    return keep(await call('patients:update', { id, version, ...draft }))
  }

  async function setMeasures(id: number, measures: MeasureKey[]): Promise<Result<Patient>> {
    return keep(await call('patients:setMeasures', { id, measures }))
  }

  async function setArchived(id: number, archived: boolean): Promise<Result<Patient>> {
    return keep(await call('patients:archive', { id, archived }))
  }

  const history = ref<AuditEntry[]>([])

  async function loadHistory(id: number): Promise<void> {
    const result = await call('patients:history', { id })
    history.value = result.ok ? result.data : []
  }

  /** The archive: the save dialog on the desktop, a download in the browser. */
  async function exportData(id: number): Promise<string | null> {
    if (isDesktop) {
      const saved = await call('patients:exportSave', { id })
      error.value = saved.ok ? null : saved.error
      return saved.ok && saved.data ? `Saved to ${saved.data}.` : null
    }
    const result = await call('patients:export', { id })
    error.value = result.ok ? null : result.error
    if (!result.ok) return null
    downloadFile(result.data, 'application/zip')
    return `Downloaded “${result.data.fileName}”.`
  }

  /** Said on the patient list after an erase the journal still holds (see erase). */
  const erasedNotice = ref<string | null>(null)

  async function erase(id: number, confirmName: string): Promise<Result<unknown>> {
    const fullName = current.value?.fullName ?? 'The patient'
    const result = await call('patients:erase', { id, confirmName })
    if (result.ok) {
      current.value = null
      results.value = results.value.filter((patient) => patient.id !== id)
      // their handouts' bytes and drawn pages go too (main's handout worker forgets their words)
      void useHandoutsStore().forgetDrawn()
      // a backup or import was reading: the file's journal keeps the old pages until the app closes
      erasedNotice.value = result.data.journalCleared
        ? null
        : `${fullName} was erased. Until PhysioPlan is closed, the name remains in its journal file (physioplan.sqlite3-wal); closing the app removes it.`
    }
    return result
  }

  return {
    history,
    loadHistory,
    exportData,
    erase,
    erasedNotice,
    query,
    includeArchived,
    results,
    searched,
    current,
    error,
    search,
    open,
    create,
    update,
    setMeasures,
    setArchived
  }
})
