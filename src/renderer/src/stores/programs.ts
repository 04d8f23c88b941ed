import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { ApiError, Result } from '@shared/errors'
import type { ProgramDiff, ProgramVersion, ProgramVersionSummary, Template } from '@shared/types'
import type { ProgramSource } from '@shared/contract'
import { call } from '../api'
import { forget, journal, recover } from './draft-journal'
import { newKey, useDraftEditing, type EditableDraft } from './draft-editing'
import { useHandoutsStore } from './handouts'

export interface Draft extends EditableDraft {
  versionId: number
  title: string
  goals: string
  startDate: string | null
  reviewDate: string | null
}

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed'
export type { ProgramSource }

/** How long typing may pause before the draft is saved. */
const autosaveDelay = 120

function draftFrom(version: ProgramVersion): Draft {
  const { id, title, goals, startDate, reviewDate } = version
  return {
    versionId: id,
    title,
    goals,
    startDate,
    reviewDate,
    items: version.items.map((item) => ({ ...item, key: newKey() })),
    advice: version.advice.map((section) => ({ ...section, key: newKey() })),
    walkRun: version.walkRun
  }
}

export const useProgramsStore = defineStore('programs', () => {
  const handouts = useHandoutsStore()
  const versions = ref<ProgramVersionSummary[]>([])
  const version = ref<ProgramVersion | null>(null)
  const draft = ref<Draft | null>(null)
  const saveState = ref<SaveState>('saved')
  const savedAt = ref<Date | null>(null)
  const error = ref<ApiError | null>(null)
  const diff = ref<ProgramDiff | null>(null)
  /** set when unsaved edits from a closed window or crash were brought back */
  const recovered = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let saving: Promise<void> | null = null
  let loading = false
  const editing = useDraftEditing(draft, error)

  async function loadVersions(patientId: number): Promise<void> {
    const result = await call('programs:list', { patientId })
    if (result.ok) versions.value = result.data
    else error.value = result.error
  }

  function show(loaded: ProgramVersion): void {
    loading = true
    version.value = loaded
    handouts.outdated()
    const unsaved = loaded.status === 'draft' ? recover<Draft>(loaded.id, loaded.updatedAt) : null
    draft.value = unsaved ?? (loaded.status === 'draft' ? draftFrom(loaded) : null)
    recovered.value = unsaved !== null
    saveState.value = 'saved'
    error.value = null
    void Promise.resolve().then(() => {
      loading = false
      if (unsaved) schedule()
    })
  }

  function keep(result: Result<ProgramVersion>): Result<ProgramVersion> {
    if (result.ok) show(result.data)
    else error.value = result.error
    return result
  }

  async function open(versionId: number): Promise<void> {
    if (version.value?.id !== versionId) {
      version.value = null
      draft.value = null
    }
    keep(await call('programs:get', { versionId }))
  }

  async function create(
    patientId: number,
    source: ProgramSource,
    title?: string
  ): Promise<Result<ProgramVersion>> {
    return keep(await call('programs:create', { patientId, source, ...(title ? { title } : {}) }))
  }

  async function saveNow(): Promise<void> {
    const current = draft.value
    if (!current) return
    saveState.value = 'saving'
    const { versionId, title, goals, startDate, reviewDate } = current
    const result = await call('programs:save', {
      versionId,
      // the last save's answer (saves never overlap: flush waits), so only someone else's save
      // in between can make it stale
      version: version.value?.version ?? 0,
      title,
      goals,
      startDate,
      reviewDate,
      // drafts journaled before phases existed have none: the api reads that as 'main'
      items: current.items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose })),
      advice: current.advice.map(({ adviceId, kind, title, intro, points }) => ({
        adviceId,
        kind,
        title,
        intro,
        points
      })),
      walkRun: current.walkRun ?? null,
      preview: handouts.previewWith(versionId)
    })
    const editedMeanwhile = saveState.value !== 'saving'
    if (result.ok) {
      version.value = result.data
      if (editedMeanwhile && draft.value) {
        // the next save carries the newer edits; until then they stay journaled
        journal(versionId, result.data.updatedAt, draft.value)
      } else {
        forget(versionId)
        saveState.value = 'saved'
        savedAt.value = new Date()
        error.value = null
      }
    } else if (!editedMeanwhile) {
      saveState.value = 'failed'
      error.value = result.error
    }
  }

  /** Saves now if anything is waiting; resolves once the draft is stored. */
  async function flush(): Promise<void> {
    clearTimeout(timer)
    // while this waited, the autosave's own flush may have started the next save: wait for
    // each in turn, so what follows (an issue naming the version) comes after the last
    while (saving) await saving
    if (saveState.value === 'pending') {
      saving = saveNow()
      await saving
      saving = null
    }
  }

  function schedule(): void {
    saveState.value = 'pending'
    clearTimeout(timer)
    timer = setTimeout(() => void flush(), autosaveDelay)
  }

  watch(
    draft,
    (current) => {
      if (loading || !current || !version.value) return
      journal(current.versionId, version.value.updatedAt, current)
      schedule()
    },
    { deep: true }
  )

  /**
   * Refused with 'needs_confirmation' while a dose says neither how much nor
   * how often, unless `confirmIncompleteDoses` says the physiotherapist chose to.
   */
  async function issue(confirmIncompleteDoses = false): Promise<Result<ProgramVersion>> {
    await flush()
    if (!version.value) throw new Error('no program open')
    const { id: versionId, version: base } = version.value
    return keep(await call('programs:issue', { versionId, version: base, confirmIncompleteDoses }))
  }

  async function revise(versionId: number): Promise<Result<ProgramVersion>> {
    return keep(await call('programs:revise', { versionId }))
  }

  async function nextStage(versionId: number): Promise<Result<ProgramVersion>> {
    return keep(await call('programs:nextStage', { versionId }))
  }

  async function discard(versionId: number): Promise<Result<null>> {
    clearTimeout(timer)
    // this window's own save still on its way makes the version to discard
    while (saving) await saving
    const based = version.value?.id === versionId ? version.value.version : 0
    const result = await call('programs:discard', { versionId, version: based })
    if (result.ok) {
      forget(versionId)
      version.value = null
      draft.value = null
    }
    return result
  }

  async function compare(fromId: number, toId: number): Promise<void> {
    const result = await call('programs:compare', { fromId, toId })
    diff.value = result.ok ? result.data : null
    error.value = result.ok ? null : result.error
  }

  /**
   * A new template, or with `replace` one of the clinic's own templates
   * overwritten, as it was listed (someone's save since is refused).
   */
  async function saveAsTemplate(name: string, replace?: Template): Promise<Result<Template>> {
    await flush()
    if (!version.value) throw new Error('no program open')
    return call('templates:saveFrom', {
      versionId: version.value.id,
      name,
      ...(replace === undefined ? {} : { replace: { id: replace.id, version: replace.version } })
    })
  }

  /**
   * After a conflict: the draft as stored replaces the edits made here, which
   * stayed on screen until the physiotherapist chose this.
   */
  async function reload(): Promise<void> {
    clearTimeout(timer)
    while (saving) await saving
    const versionId = version.value?.id
    if (versionId === undefined) return
    forget(versionId)
    keep(await call('programs:get', { versionId }))
  }

  return {
    versions,
    version,
    draft,
    saveState,
    savedAt,
    error,
    diff,
    recovered,
    loadVersions,
    open,
    create,
    flush,
    ...editing,
    issue,
    revise,
    nextStage,
    discard,
    compare,
    saveAsTemplate,
    reload
  }
})
