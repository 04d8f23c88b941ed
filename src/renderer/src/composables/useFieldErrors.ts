import { computed, nextTick, ref, watch, type ComputedRef, type Ref } from 'vue'
import { wholeDate } from '@shared/dates'
import type { ApiError, FieldIssue } from '@shared/errors'

/** Every field problem in an api error: its `issues`, or the one `field` an older error names. */
export function problemsOf(error: ApiError | null): FieldIssue[] {
  if (!error?.field) return []
  return error.issues ?? [{ field: error.field, message: error.message }]
}

/**
 * The fields the browser could not read: a date typed only in part, a number
 * field holding "1e". Their value arrives empty, so an optional one would be
 * saved as if left blank; naming them keeps what was typed from vanishing.
 */
export function unreadableFields(form: HTMLElement | null): ApiError | null {
  const issues = Array.from(form?.querySelectorAll('input') ?? [])
    .filter((input) => input.validity.badInput)
    .map((input) => {
      const label = input.labels?.[0]?.textContent?.trim() ?? 'field'
      const message =
        input.type === 'number'
          ? `${label} must be a number`
          : // "Next visit" reads as "Enter the next visit date in full"
            wholeDate(/date/i.test(label) ? label.toLowerCase() : `${label.toLowerCase()} date`)
      return { field: input.id, message }
    })
  const [first] = issues
  return first ? { code: 'invalid_input', ...first, issues } : null
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
  /**
   * Before a submit: marks the fields the browser could not read (see
   * `unreadableFields`) and says whether there were any, so nothing is sent.
   */
  refuseUnreadable: () => boolean
} {
  const unreadable = ref<ApiError | null>(null)
  const current = () => unreadable.value ?? error()
  if (form) {
    watch(current, async (shown) => {
      if (!shown) return
      await nextTick()
      const target =
        form.value?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        form.value?.querySelector<HTMLElement>('[role="alert"]')
      target?.scrollIntoView({ block: 'center' })
      target?.focus({ preventScroll: true })
    })
  }
  const covers = (name: string, field: string) => field === name || field.startsWith(`${name}.`)
  // the names the form marks fields by: an unreadable field is known by its id,
  // and one no name covers is told in the notice, never left unsaid
  const marked = new Set<string>()
  return {
    fieldError: (name) => {
      marked.add(name)
      return problemsOf(current()).find((problem) => covers(name, problem.field))?.message
    },
    notice: computed(() => {
      const shown = current()
      const unmarked =
        shown === unreadable.value &&
        ![...marked].some((name) => covers(name, unreadable.value?.field ?? ''))
      return shown && (unmarked || !shown.field || problemsOf(shown).length > 1) ? shown : null
    }),
    refuseUnreadable: () => {
      unreadable.value = unreadableFields(form?.value ?? null)
      return unreadable.value !== null
    }
  }
}
