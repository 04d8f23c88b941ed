import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError } from '@shared/errors'
import { defaultHandoutOptions, type HandoutOptions } from '@shared/types'
import { call, isDesktop } from '../api'
import { downloadFile } from '../download'
import { latestOnly } from './latest-only'

export const useHandoutsStore = defineStore('handouts', () => {
  const options = ref<HandoutOptions>({ ...defaultHandoutOptions })
  const preview = ref<{ versionId: number; bytes: Uint8Array<ArrayBuffer> } | null>(null)
  const message = ref<string | null>(null)
  const error = ref<ApiError | null>(null)
  /** the version whose preview is on screen: its saves start drawing it (see `previewWith`) */
  const shown = ref<number | null>(null)
  const latest = latestOnly()

  function showing(versionId: number | null): void {
    shown.value = versionId
  }

  /** What a save of this version asks main to draw as it commits, so the preview after it is one render. */
  function previewWith(versionId: number): HandoutOptions | undefined {
    return shown.value === versionId ? options.value : undefined
  }

  async function loadOptions(): Promise<void> {
    const result = await call('handouts:options', {})
    if (result.ok) options.value = result.data
  }

  /** Remembered for the clinic: the next handout starts from these. */
  async function saveOptions(chosen: HandoutOptions): Promise<void> {
    options.value = chosen
    const result = await call('handouts:setOptions', chosen)
    error.value = result.ok ? null : result.error
  }

  async function refreshPreview(versionId: number): Promise<void> {
    const result = await latest(call('handouts:preview', { versionId, options: options.value }))
    if (result === undefined) return
    if (result.ok)
      preview.value = { versionId, bytes: result.data.bytes as Uint8Array<ArrayBuffer> }
    error.value = result.ok ? null : result.error
  }

  /** The browser host's way out: the PDF as a download. */
  async function download(versionId: number): Promise<void> {
    const result = await call('handouts:pdf', { versionId, options: options.value })
    error.value = result.ok ? null : result.error
    if (!result.ok) return
    downloadFile(result.data, 'application/pdf')
    message.value = `Downloaded “${result.data.fileName}”.`
  }

  async function save(versionId: number): Promise<void> {
    const result = await call('handouts:save', { versionId, options: options.value })
    error.value = result.ok ? null : result.error
    if (result.ok && result.data) message.value = `Saved to ${result.data}.`
  }

  async function print(versionId: number): Promise<void> {
    const result = await call('handouts:print', { versionId, options: options.value })
    error.value = result.ok ? null : result.error
  }

  async function open(versionId: number): Promise<void> {
    const result = await call('handouts:open', { versionId, options: options.value })
    error.value = result.ok ? null : result.error
  }

  return {
    isDesktop,
    options,
    preview,
    message,
    error,
    loadOptions,
    saveOptions,
    refreshPreview,
    showing,
    previewWith,
    download,
    save,
    print,
    open
  }
})
