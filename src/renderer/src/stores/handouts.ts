import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiError } from '@shared/errors'
import { defaultHandoutOptions, type HandoutOptions, type Versioned } from '@shared/types'
import { call, isDesktop } from '../api'
import { downloadFile } from '../download'
import { latestOnly } from './latest-only'

export const useHandoutsStore = defineStore('handouts', () => {
  const options = ref<HandoutOptions>({ ...defaultHandoutOptions })
  /** the version of the clinic's options `options` were loaded or saved at (0: never saved) */
  let optionsVersion = 0
  /** the options' saves, in the order they were chosen (`saveOptions`) */
  let saving: Promise<void> = Promise.resolve()
  let latestChoice = 0
  const preview = ref<{ versionId: number; bytes: Uint8Array<ArrayBuffer> } | null>(null)
  const message = ref<string | null>(null)
  const error = ref<ApiError | null>(null)
  /** the version whose preview is on screen: its saves start drawing it (see `previewWith`) */
  const shown = ref<number | null>(null)
  const latest = latestOnly()
  /**
   * What the preview in hand was drawn from (version, its revision, options),
   * or null once something else may have changed it (the patient, the clinic,
   * red flags): opening the preview again needs no new one while it holds.
   */
  let previewOf: string | null = null
  let optionsLoaded: Promise<void> | null = null
  let asking: { wanted: string | null; answer: Promise<void> } | null = null

  function showing(versionId: number | null): void {
    shown.value = versionId
  }

  /** What a save of this version asks main to draw as it commits, so the preview after it is one render. */
  function previewWith(versionId: number): HandoutOptions | undefined {
    return shown.value === versionId ? options.value : undefined
  }

  /** The clinic's options, asked once a session (a failure is asked again next time). */
  function loadOptions(): Promise<void> {
    optionsLoaded ??= call('handouts:options', {}).then((result) => {
      if (result.ok) keepOptions(result.data)
      else optionsLoaded = null
    })
    return optionsLoaded
  }

  function keepOptions({ version, ...saved }: HandoutOptions & Versioned): void {
    options.value = saved
    optionsVersion = version
  }

  /** After a conflict: the clinic's options as saved now replace the ones chosen here. */
  async function reloadOptions(): Promise<void> {
    optionsLoaded = null
    await loadOptions()
    error.value = null
  }

  /**
   * Remembered for the clinic: the next handout starts from these. Saved over
   * the options as loaded; if a colleague saved since, refused as a conflict
   * (the choice stays on screen until reloaded).
   */
  function saveOptions(chosen: HandoutOptions): Promise<void> {
    options.value = chosen
    const choice = ++latestChoice
    // one save at a time, each based on the version the one before it made: two quick
    // changes must not refuse each other as a conflict
    saving = saving.then(async () => {
      // a newer choice was made before this one left: that one is saved instead
      if (choice !== latestChoice) return
      const result = await call('handouts:setOptions', { ...chosen, version: optionsVersion })
      if (result.ok && choice === latestChoice) keepOptions(result.data)
      else if (result.ok) optionsVersion = result.data.version
      error.value = result.ok ? null : result.error
    })
    return saving
  }

  /** The version's preview, asked of main unless the one in hand shows this revision already. */
  function refreshPreview(versionId: number, revision: string | null): Promise<void> {
    const wanted = revision === null ? null : JSON.stringify([versionId, revision, options.value])
    if (wanted !== null && wanted === previewOf && preview.value?.versionId === versionId)
      return Promise.resolve()
    // the same one already asked for (the builder's, at idle): one render, not two
    if (wanted !== null && asking?.wanted === wanted) return asking.answer
    const answer = askPreview(versionId, wanted)
    asking = { wanted, answer }
    void answer.finally(() => {
      if (asking?.answer === answer) asking = null
    })
    return answer
  }

  async function askPreview(versionId: number, wanted: string | null): Promise<void> {
    const result = await latest(call('handouts:preview', { versionId, options: options.value }))
    if (result === undefined) return
    if (result.ok) {
      preview.value = { versionId, bytes: result.data.bytes as Uint8Array<ArrayBuffer> }
      previewOf = wanted
    }
    error.value = result.ok ? null : result.error
  }

  /** After an erase: the handouts drawn in this window, bytes and pages, are let go. */
  async function forgetDrawn(): Promise<void> {
    preview.value = null
    previewOf = null
    const { forgetDocuments } = await import('../components/handouts/pdf')
    forgetDocuments()
  }

  /** A version (re)loaded from main: what else it shows may have changed meanwhile. */
  function outdated(): void {
    previewOf = null
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
    reloadOptions,
    saveOptions,
    refreshPreview,
    outdated,
    forgetDrawn,
    showing,
    previewWith,
    download,
    save,
    print,
    open
  }
})
