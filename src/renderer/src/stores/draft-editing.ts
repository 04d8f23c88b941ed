/**
 * The builder's edits to a list of exercises and advice, shared by the
 * program store (a patient's draft) and the templates store (a template
 * edited on the Templates screen): one set of rules for both.
 */
import { ref, watch, type Ref } from 'vue'
import type { ApiError } from '@shared/errors'
import { swapItem } from '@shared/progression'
import type { WalkRunPlan } from '@shared/walk-run'
import type {
  Dose,
  ExerciseLink,
  ExercisePhase,
  ExerciseSummary,
  ProgramAdvice
} from '@shared/types'
import { call } from '../api'

export interface DraftItem {
  /** local key for lists and drag-and-drop; not stored */
  key: number
  exerciseId: number
  exerciseName: string
  category: ExerciseSummary['category']
  archived: boolean
  phase: ExercisePhase
  dose: Dose
  /** absent in drafts journaled before variants existed */
  easier?: ExerciseLink | null
  harder?: ExerciseLink | null
}

export interface DraftAdvice extends ProgramAdvice {
  key: number
}

/** What the builder's components edit, whoever owns it. */
export interface EditableDraft {
  items: DraftItem[]
  advice: DraftAdvice[]
  /** absent in drafts journaled before walk–run plans existed */
  walkRun?: WalkRunPlan | null
}

let nextKey = 1
export const newKey = (): number => nextKey++

export function itemFromExercise(exercise: ExerciseSummary): DraftItem {
  return {
    key: newKey(),
    exerciseId: exercise.id,
    exerciseName: exercise.name,
    category: exercise.category,
    archived: false,
    phase: 'main',
    dose: { ...exercise.defaultDose },
    easier: exercise.easier,
    harder: exercise.harder
  }
}

export function useDraftEditing(draft: Ref<EditableDraft | null>, error: Ref<ApiError | null>) {
  const lastRemoved = ref<{ item: DraftItem; index: number } | null>(null)
  /** the row just added, for the list to bring into view */
  const lastAdded = ref<DraftItem | null>(null)
  let removing = false

  // Undo is offered until the next change of any kind, the removal itself excepted.
  watch(
    draft,
    () => {
      if (removing) removing = false
      else lastRemoved.value = null
    },
    { deep: true }
  )

  function addItem(exercise: ExerciseSummary): void {
    const item = itemFromExercise(exercise)
    draft.value?.items.push(item)
    lastAdded.value = item
  }

  function removeItem(index: number): void {
    const [item] = draft.value?.items.splice(index, 1) ?? []
    if (!item) return
    removing = true
    lastRemoved.value = { item, index }
  }

  function undoRemove(): DraftItem | null {
    const removed = lastRemoved.value
    if (!removed || !draft.value) return null
    draft.value.items.splice(removed.index, 0, removed.item)
    lastRemoved.value = null
    return removed.item
  }

  function moveItem(from: number, to: number): void {
    const items = draft.value?.items
    if (!items || to < 0 || to >= items.length) return
    const [item] = items.splice(from, 1)
    if (item) items.splice(to, 0, item)
  }

  function addAdvice(section: ProgramAdvice): DraftAdvice | null {
    if (!draft.value) return null
    const added = { ...section, points: [...section.points], key: newKey() }
    draft.value.advice.push(added)
    return added
  }

  function moveAdvice(from: number, to: number): void {
    const sections = draft.value?.advice
    if (!sections || to < 0 || to >= sections.length) return
    const [section] = sections.splice(from, 1)
    if (section) sections.splice(to, 0, section)
  }

  /**
   * Swaps an exercise for its easier or harder variant where it stands: same
   * position and phase, the dose by the shared rule (shared/progression.ts).
   */
  async function swap(index: number, direction: 'easier' | 'harder'): Promise<void> {
    const item = draft.value?.items[index]
    const target = item?.[direction]
    if (!item || !target) return
    const [from, to] = await Promise.all([
      call('exercises:get', { id: item.exerciseId }),
      call('exercises:get', { id: target.id })
    ])
    if (!from.ok) return void (error.value = from.error)
    if (!to.ok) return void (error.value = to.error)
    const items = draft.value?.items
    // the list may have changed while the exercises loaded: swap only the same row
    const at = items?.findIndex((each) => each.key === item.key) ?? -1
    if (!draft.value || !items || at === -1) return
    const replacement = { exerciseId: to.data.id, defaultDose: to.data.defaultDose }
    draft.value.items = swapItem(items, at, from.data.defaultDose, replacement, {
      key: item.key,
      exerciseName: to.data.name,
      category: to.data.category,
      archived: to.data.archivedAt !== null,
      easier: to.data.easier,
      harder: to.data.harder
    })
  }

  return {
    lastRemoved,
    lastAdded,
    addItem,
    removeItem,
    undoRemove,
    moveItem,
    addAdvice,
    moveAdvice,
    swap
  }
}

export type DraftEditing = ReturnType<typeof useDraftEditing>
