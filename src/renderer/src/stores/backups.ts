import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError } from '@shared/errors'
import type { BackupContents, BackupStatus } from '@shared/types'
import { call, isDesktop } from '../api'
import { followJob } from './follow-job'

export const useBackupsStore = defineStore('backups', () => {
  const status = ref<BackupStatus | null>(null)
  const progress = ref<{ done: number; total: number } | null>(null)
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

  /** Starts a backup and follows it to the end, page count by page count. */
  const backUp = (saveAs: boolean) =>
    act(async () => {
      const started = await call('backups:start', { saveAs })
      error.value = started.ok ? null : started.error
      if (!started.ok || !started.data) return null
      const { jobId } = started.data
      const followed = await followJob(
        'backup',
        () => call('jobs:progress', { jobId }),
        ({ done, total }) => (progress.value = { done, total })
      )
      progress.value = null
      if (!followed.ok) {
        error.value = followed.error
        return null
      }
      if (followed.data.state === 'failed') {
        error.value = { code: 'unavailable', message: followed.data.error ?? 'The backup failed.' }
        return null
      }
      return saveAs ? `Saved and checked: ${followed.data.result?.file}` : 'Backed up and checked.'
    })

  const runNow = () => backUp(false)
  const saveAs = () => backUp(true)

  /** Desktop: the system's folder dialog (main opens only folders picked there). */
  async function chooseFolder(): Promise<string | null> {
    const result = await call('backups:chooseFolder', {})
    error.value = result.ok ? null : result.error
    return result.ok ? result.data : null
  }

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
    progress,
    checked,
    busy,
    message,
    error,
    load,
    runNow,
    saveAs,
    chooseFolder,
    setFolder,
    inspect,
    restore
  }
})
