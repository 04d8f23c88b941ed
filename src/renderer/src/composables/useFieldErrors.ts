import { computed, type ComputedRef } from 'vue'
import type { ApiError } from '@shared/errors'

/** Splits an api error into the message under one field, or a notice for the whole form. */
export function useFieldErrors(error: () => ApiError | null): {
  fieldError: (name: string) => string | undefined
  generalError: ComputedRef<ApiError | null>
} {
  return {
    fieldError: (name) => (error()?.field === name ? error()?.message : undefined),
    generalError: computed(() => {
      const current = error()
      return current && !current.field ? current : null
    })
  }
}
