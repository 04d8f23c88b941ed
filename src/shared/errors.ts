export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unavailable'
  /** the data file can't be read; a backup can take its place */
  | 'damaged'
  | 'internal'

/** What the renderer gets when a call fails: a code for logic, a sentence for people. */
export interface ApiError {
  code: ErrorCode
  message: string
  /** The input field the message is about, when there is one (for inline form errors). */
  field?: string
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/** Thrown by domain code for failures a person can act on; anything else is 'internal'. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) {
    return error.field === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, field: error.field }
  }
  return {
    code: 'internal',
    message: 'Something went wrong and nothing was saved. Please try again.'
  }
}
