/**
 * The builder's components (exercise list, picker, advice, walk–run plan,
 * undo) edit whatever draft the page around them provides: a patient's
 * program on the program page, a template on the Templates screen.
 */
import { inject, provide, type InjectionKey } from 'vue'
import type { ApiError } from '@shared/errors'
import type { DraftEditing, DraftItem, EditableDraft } from '../../stores/draft-editing'

/** A Pinia store (refs unwrapped) that holds a draft and edits it with `useDraftEditing`. */
export interface BuilderStore extends Omit<DraftEditing, 'lastRemoved' | 'lastAdded'> {
  draft: EditableDraft | null
  error: ApiError | null
  lastRemoved: { item: DraftItem; index: number } | null
  lastAdded: DraftItem | null
}

export interface Builder {
  store: BuilderStore
  /** the pain-rule wording a walk–run plan added here starts with */
  painRule: () => string
  /**
   * 'patient': advice text is edited for this patient only; 'library': a
   * template refers to the advice library's sections as they are written.
   */
  adviceText: 'patient' | 'library'
}

const builderKey: InjectionKey<Builder> = Symbol('builder')

export function provideBuilder(builder: Builder): void {
  provide(builderKey, builder)
}

export function useBuilder(): Builder {
  const builder = inject(builderKey)
  if (!builder) throw new Error('a builder component needs a page that provides its draft')
  return builder
}
