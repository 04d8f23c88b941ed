/** How a form splits an api error between its fields and the notice above it. */
import { describe, expect, it } from 'vitest'
import type { ApiError } from '../../src/shared/errors'
import { problemsOf, useFieldErrors } from '../../src/renderer/src/composables/useFieldErrors'

const several: ApiError = {
  code: 'invalid_input',
  message: "Enter the patient's name",
  field: 'fullName',
  issues: [
    { field: 'fullName', message: "Enter the patient's name" },
    { field: 'defaultDose.sets', message: 'Sets must be at least 1' }
  ]
}

describe('field errors', () => {
  it('gives each field its own message, a field part to the whole field', () => {
    const { fieldError, notice } = useFieldErrors(() => several)
    expect(fieldError('fullName')).toBe("Enter the patient's name")
    expect(fieldError('defaultDose')).toBe('Sets must be at least 1')
    expect(fieldError('default')).toBeUndefined()
    expect(fieldError('email')).toBeUndefined()
    // several problems are also listed above the form
    expect(notice.value).toBe(several)
  })

  it('keeps one field problem beside its field, and a general one above the form', () => {
    const one: ApiError = { code: 'invalid_input', message: 'No exercises.json', field: 'folder' }
    expect(problemsOf(one)).toEqual([{ field: 'folder', message: 'No exercises.json' }])
    expect(useFieldErrors(() => one).notice.value).toBeNull()
    const general: ApiError = { code: 'unavailable', message: 'The disk is full' }
    expect(problemsOf(general)).toEqual([])
    expect(useFieldErrors(() => general).notice.value).toBe(general)
  })
})
