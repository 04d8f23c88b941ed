import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ApiError } from '@shared/errors'
import type { ImportReport } from '@shared/types'
import { call } from '../api'
import { followJob, type KindStatus } from './follow-job'

export const useImportsStore = defineStore('imports', () => {
  const folder = ref('')
  const preview = ref<ImportReport | null>(null)
  const status = ref<KindStatus<'import'> | null>(null)
  const error = ref<ApiError | null>(null)
  /** refs of likely duplicates the physiotherapist ticked to import anyway */
  const importAnyway = ref<string[]>([])
  const toImport = computed(() =>
    preview.value ? preview.value.added + preview.value.updated + importAnyway.value.length : 0
  )

  async function chooseFolder(): Promise<void> {
    const result = await call('import:chooseFolder', {})
    if (result.ok && result.data) folder.value = result.data
    error.value = result.ok ? null : result.error
  }

  async function check(): Promise<void> {
    status.value = null
    importAnyway.value = []
    const result = await call('import:preview', { folder: folder.value })
    preview.value = result.ok ? result.data : null
    error.value = result.ok ? null : result.error
  }

  async function run(): Promise<void> {
    const started = await call('import:start', {
      folder: folder.value,
      importAnyway: importAnyway.value
    })
    if (!started.ok) {
      error.value = started.error
      return
    }
    status.value = {
      kind: 'import',
      state: 'running',
      done: 0,
      total: toImport.value,
      result: null,
      error: null
    }
    const followed = await followJob(
      'import',
      () => call('jobs:progress', { jobId: started.data.jobId }),
      (job) => (status.value = job)
    )
    if (!followed.ok) error.value = followed.error
  }

  return {
    folder,
    preview,
    status,
    error,
    importAnyway,
    toImport,
    chooseFolder,
    check,
    run
  }
})
