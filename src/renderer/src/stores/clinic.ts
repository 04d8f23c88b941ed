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

  /**
   * Saved over the details at `version`, the one the form was filled from
   * (not whatever was loaded since): if someone saved since, refused as a conflict.
   */
  async function save(
    settings: ClinicSettings,
    version: number
  ): Promise<Result<ClinicSettings & Versioned>> {
    const result = await call('clinic:update', { ...settings, version })
    if (result.ok) clinic.value = result.data
    return result
  }

  /** Whether to ask for the clinic's details before issuing: asked afresh, main decides. */
  async function needsDetails(): Promise<boolean> {
    const result = await call('clinic:askDetails', {})
    return result.ok && result.data
  }

  /** "Skip for now": not asked again, in this window or any other. */
  async function skipDetails(): Promise<Result<null>> {
    return call('clinic:skipDetails', { skip: true })
  }

  return { clinic, info, error, load, save, needsDetails, skipDetails }
})
