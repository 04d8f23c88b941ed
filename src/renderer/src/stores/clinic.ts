import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError, Result } from '@shared/errors'
import type { AppInfo, ClinicSettings, Versioned } from '@shared/types'
import { call } from '../api'

/** The clinic's details and what the app knows about itself (version, data folder, counts). */
export const useClinicStore = defineStore('clinic', () => {
  const clinic = ref<(ClinicSettings & Versioned) | null>(null)
  const info = ref<AppInfo | null>(null)
  const error = ref<ApiError | null>(null)

  async function load(): Promise<void> {
    const [clinicResult, infoResult] = await Promise.all([
      call('clinic:get', {}),
      call('app:info', {})
    ])
    if (clinicResult.ok) clinic.value = clinicResult.data
    if (infoResult.ok) info.value = infoResult.data
    const failed = [clinicResult, infoResult].find((result) => !result.ok)
    error.value = failed && !failed.ok ? failed.error : null
  }

  /** Saved over the details as last loaded: if someone saved since, refused as a conflict. */
  async function save(settings: ClinicSettings): Promise<Result<ClinicSettings & Versioned>> {
    const result = await call('clinic:update', { ...settings, version: clinic.value?.version ?? 0 })
    if (result.ok) clinic.value = result.data
    return result
  }

  /** Whether to ask for the clinic's details before issuing: asked afresh, main decides. */
  async function needsDetails(): Promise<boolean> {
    const result = await call('app:info', {})
    if (result.ok) info.value = result.data
    return result.ok && result.data.askClinicDetails
  }

  /** "Skip for now": not asked again, in this window or any other. */
  async function skipDetails(): Promise<Result<null>> {
    const result = await call('clinic:skipDetails', { skip: true })
    if (result.ok && info.value) info.value.askClinicDetails = false
    return result
  }

  return { clinic, info, error, load, save, needsDetails, skipDetails }
})
