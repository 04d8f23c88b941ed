import { computed, nextTick, watch, type ComputedRef, type Ref } from 'vue'
import type { ApiError, FieldIssue } from '@shared/errors'

/** Every field problem in an api error: its `issues`, or the one `field` an older error names. */
export function problemsOf(error: ApiError | null): FieldIssue[] {
  if (!error?.field) return []
  return error.issues ?? [{ field: error.field, message: error.message }]
}

/**
 * Splits an api error into the message beside each field and a notice above
 * the form. With `form`, a failed save also moves focus to the first marked
 * field (or the notice when no field is marked), scrolled into view: the
 * problems are then where the person is looking, not in a banner above.
 */
export function useFieldErrors(
  error: () => ApiError | null,
  form?: Ref<HTMLElement | null>
): {
  /** The message for a field, or for any part of it (`dose` covers `dose.sets`). */
  fieldError: (name: string) => string | undefined
  /** What the notice above the form shows: a problem with no field, or the list of several. */
  notice: ComputedRef<ApiError | null>
} {
  if (form) {
    watch(error, async (current) => {
      if (!current) return
      await nextTick()
      const target =
        form.value?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        form.value?.querySelector<HTMLElement>('[role="alert"]')
      target?.scrollIntoView({ block: 'center' })
      target?.focus({ preventScroll: true })
    })
  }
  return {
    fieldError: (name) =>
      problemsOf(error()).find(
        (problem) => problem.field === name || problem.field.startsWith(`${name}.`)
      )?.message,
    notice: computed(() => {
      const current = error()
      return current && (!current.field || problemsOf(current).length > 1) ? current : null
    })
  }
}
