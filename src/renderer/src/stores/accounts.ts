import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ClinicAccount } from '@shared/clinic-server'
import type { Input } from '@shared/contract'
import type { ApiError, Result } from '@shared/errors'
import { call } from '../api'

/**
 * The clinic's accounts, for its administrator (Settings → Accounts): the
 * server checks the role from the session; this shows what it answers.
 * Each change answers the accounts as they are now, so the table follows.
 */
export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<ClinicAccount[]>([])
  const error = ref<ApiError | null>(null)
  const busy = ref(false)

  async function change(work: () => Promise<Result<ClinicAccount[]>>): Promise<boolean> {
    busy.value = true
    const result = await work()
    busy.value = false
    error.value = result.ok ? null : result.error
    if (result.ok) accounts.value = result.data
    return result.ok
  }

  const load = () => change(() => call('accounts:list', {}))
  const add = (account: Input<'accounts:add'>) => change(() => call('accounts:add', account))
  const setDisabled = (login: string, disabled: boolean) =>
    change(() => call('accounts:setDisabled', { login, disabled }))
  const resetPassword = (login: string, password: string) =>
    change(() => call('accounts:resetPassword', { login, password }))
  const clearError = () => (error.value = null)

  return { accounts, error, busy, load, add, setDisabled, resetPassword, clearError }
})
