import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ApiError, Result } from '@shared/errors'
import type { AdviceSection, Template } from '@shared/types'
import { call } from '../api'
import { newKey, useDraftEditing, type EditableDraft } from './draft-editing'

/** A template open in the builder on the Templates screen; `id` null until first saved. */
export interface TemplateDraft extends EditableDraft {
  id: number | null
  /** the version it was opened at, which its save names; null for a new template */
  version: number | null
  name: string
  description: string
  goals: string
  nextId: number | null
  painRule: string
}

export const useTemplatesStore = defineStore('templates', () => {
  const templates = ref<Template[]>([])
  const error = ref<ApiError | null>(null)
  const draft = ref<TemplateDraft | null>(null)
  /** the draft as opened, to tell whether leaving would lose anything */
  const opened = ref('')
  const editing = useDraftEditing(draft, error)
  const unsaved = computed(
    () => draft.value !== null && JSON.stringify(draft.value) !== opened.value
  )

  async function load(): Promise<void> {
    const result = await call('templates:list', {})
    if (result.ok) templates.value = result.data
    error.value = result.ok ? null : result.error
  }

  async function remove(id: number): Promise<Result<null>> {
    const result = await call('templates:delete', { id })
    if (result.ok) await load()
    return result
  }

  /**
   * Opens a template in the builder: `id` null for a new one. `copy` starts a
   * new template from this one's content (how a built-in one is adapted).
   */
  async function edit(id: number | null, copy = false): Promise<void> {
    draft.value = null
    const [, advice] = await Promise.all([load(), call('advice:list', {})])
    if (!advice.ok) return void (error.value = advice.error)
    const template = id === null ? null : templates.value.find((each) => each.id === id)
    if (template === undefined) {
      error.value = { code: 'not_found', message: 'That template could not be found.' }
      return
    }
    draft.value = draftFrom(template, advice.data, copy)
    opened.value = JSON.stringify(draft.value)
  }

  async function save(): Promise<Result<Template>> {
    const current = draft.value
    if (!current) throw new Error('no template open')
    const { id, version, name, description, goals, nextId, painRule, items, advice, walkRun } =
      current
    const result = await call('templates:save', {
      ...(id === null ? {} : { id, version: version ?? 0 }),
      name,
      description,
      goals,
      nextId,
      painRule,
      items: items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose })),
      adviceIds: advice.flatMap(({ adviceId }) => (adviceId === null ? [] : [adviceId])),
      walkRun: walkRun ?? null
    })
    error.value = result.ok ? null : result.error
    if (result.ok) {
      draft.value = null
      await load()
    }
    return result
  }

  return {
    templates,
    error,
    draft,
    unsaved,
    ...editing,
    load,
    remove,
    edit,
    save
  }
})

function draftFrom(
  template: Template | null,
  library: AdviceSection[],
  copy: boolean
): TemplateDraft {
  const advice = (template?.advice ?? []).flatMap(({ id }) => {
    const section = library.find((each) => each.id === id)
    if (!section) return []
    const { kind, title, intro, points } = section
    return [{ adviceId: id, kind, title, intro, points: [...points], key: newKey() }]
  })
  return {
    id: copy ? null : (template?.id ?? null),
    version: copy ? null : (template?.version ?? null),
    name: template ? (copy ? `${template.name} (my copy)` : template.name) : '',
    description: template?.description ?? '',
    goals: template?.goals ?? '',
    nextId: template?.next?.id ?? null,
    painRule: template?.painRule ?? '',
    items: (template?.items ?? []).map((item) => ({ ...item, key: newKey() })),
    advice,
    walkRun: template?.walkRun ?? null
  }
}
