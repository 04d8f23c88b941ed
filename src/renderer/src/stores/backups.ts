import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError } from '@shared/errors'
import type { BackupContents, BackupStatus } from '@shared/types'
import { call, isDesktop } from '../api'

export const useBackupsStore = defineStore('backups', () => {
  const status = ref<BackupStatus | null>(null)
  const checked = ref<BackupContents | null>(null)
  const busy = ref(false)
  const message = ref<string | null>(null)
  const error = ref<ApiError | null>(null)

  async function load(): Promise<void> {
    const result = await call('backups:status', {})
    if (result.ok) status.value = result.data
    error.value = result.ok ? null : result.error
  }

  /** Runs one backup action with the busy flag and a message for the person. */
  async function act(work: () => Promise<string | null>): Promise<void> {
    busy.value = true
    message.value = null
    try {
      message.value = await work()
    } finally {
      busy.value = false
    }
    await load()
  }

  const runNow = () =>
    act(async () => {
      const result = await call('backups:run', {})
      error.value = result.ok ? null : result.error
      return result.ok ? 'Backed up and checked.' : null
    })

  const saveAs = () =>
    act(async () => {
      const result = await call('backups:saveAs', {})
      error.value = result.ok ? null : result.error
      return result.ok && result.data ? `Saved and checked: ${result.data.file}` : null
    })

  const setFolder = (folder: string) =>
    act(async () => {
      const result = await call('backups:setFolder', { folder })
      error.value = result.ok ? null : result.error
      return result.ok ? 'Backups will be kept in that folder.' : null
    })

  async function inspect(file: string): Promise<void> {
    const result = await call('backups:inspect', { file })
    checked.value = result.ok ? result.data : null
    error.value = result.ok ? null : result.error
  }

  const restore = (file: string) =>
    act(async () => {
      const result = await call('backups:restore', { file })
      error.value = result.ok ? null : result.error
      if (!result.ok) return null
      checked.value = null
      return `Restored. The data from before is kept at ${result.data.safetyCopy}.`
    })

  return {
    isDesktop,
    status,
    checked,
    busy,
    message,
    error,
    load,
    runNow,
    saveAs,
    setFolder,
    inspect,
    restore
  }
})
