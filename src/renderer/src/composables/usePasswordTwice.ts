import { ref } from 'vue'
import type { ApiError } from '@shared/errors'

/**
 * A password typed twice (PasswordTwice.vue): `same()` before sending says
 * whether the two match, and otherwise marks the second field, so a typo
 * never becomes someone's password.
 */
export function usePasswordTwice() {
  const password = ref('')
  const repeat = ref('')
  const mismatch = ref<ApiError | null>(null)
  function same(): boolean {
    mismatch.value =
      password.value === repeat.value
        ? null
        : {
            code: 'invalid_input',
            field: 'repeat',
            message: 'The two passwords differ: type the same password twice.'
          }
    return mismatch.value === null
  }
  return { password, repeat, mismatch, same }
}
