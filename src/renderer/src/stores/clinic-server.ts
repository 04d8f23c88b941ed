import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ClinicCertificateCheck, ClinicServerStatus } from '@shared/clinic-server'
import type { ApiError, Result } from '@shared/errors'
import { call } from '../api'
import { journalDrafts } from './draft-journal'

/**
 * Solo mode or a clinic server (issue 17): the Settings screen's steps
 * (check the certificate, trust it, sign in) and the header's line saying
 * which clinic and who. Main keeps the state; this asks for it.
 */
export const useClinicServerStore = defineStore('clinicServer', () => {
  const status = ref<ClinicServerStatus | null>(null)
  /** what "Check" found, until it is trusted or cancelled */
  const checked = ref<ClinicCertificateCheck | null>(null)
  const error = ref<ApiError | null>(null)
  const busy = ref(false)

  const signedIn = computed(() => (status.value?.mode === 'clinic' ? status.value.signedIn : null))

  async function step<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
    busy.value = true
    const result = await work()
    busy.value = false
    error.value = result.ok ? null : result.error
    return result
  }

  /**
   * The other stores hold what the other mode showed (patients, ids,
   * drafts); a call with one of those ids would reach the wrong store. After
   * a change of store or of account the page starts afresh, as when the app
   * opens.
   */
  const startAfresh = () => window.location.reload()

  async function load(): Promise<void> {
    const result = await call('clinicServer:status', {})
    if (result.ok) status.value = result.data
    journalDrafts(status.value?.mode !== 'clinic')
  }

  async function check(address: string): Promise<void> {
    checked.value = null
    const result = await step(() => call('clinicServer:check', { address }))
    if (result.ok) checked.value = result.data
  }

  /** "Trust and connect": main pins the certificate only if the server still shows this fingerprint. */
  async function connect(): Promise<void> {
    const confirmed = checked.value
    if (!confirmed) return
    const { address, fingerprint } = confirmed
    const result = await step(() => call('clinicServer:connect', { address, fingerprint }))
    checked.value = null
    if (result.ok) status.value = result.data
  }

  async function signIn(login: string, password: string): Promise<void> {
    const result = await step(() => call('clinicServer:signIn', { login, password }))
    if (result.ok) startAfresh()
  }

  /** the clinic's patients leave the page with the account that opened them */
  async function signOut(): Promise<void> {
    const result = await step(() => call('clinicServer:signOut', {}))
    if (result.ok) startAfresh()
  }

  async function solo(): Promise<void> {
    const result = await step(() => call('clinicServer:solo', {}))
    if (result.ok) startAfresh()
  }

  const cancelCheck = () => {
    checked.value = null
    error.value = null
  }

  return {
    status,
    checked,
    error,
    busy,
    signedIn,
    load,
    check,
    connect,
    cancelCheck,
    signIn,
    signOut,
    solo
  }
})
