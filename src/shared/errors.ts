export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unavailable'
  /** allowed only once the person confirms it (the message says what) */
  | 'needs_confirmation'
  /** the data file can't be read; a backup can take its place */
  | 'damaged'
  | 'internal'

/** What the renderer gets when a call fails: a code for logic, a sentence for people. */
export interface ApiError {
  code: ErrorCode
  message: string
  /** The input field the message is about, when there is one (for inline form errors). */
  field?: string
  /**
   * Every field the input got wrong, one message each (the first is `field`
   * and `message`), so a form can mark them all at once.
   */
  issues?: FieldIssue[]
}

export interface FieldIssue {
  field: string
  message: string
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

/** What to tell a person when the disk, not their input, refused a write. */
const storageProblems: [RegExp, string][] = [
  [
    /^SQLITE_FULL/,
    'The disk is full, so nothing was saved. Free some space (or move the data folder), then try again.'
  ],
  [
    /^SQLITE_(READONLY|CANTOPEN|IOERR)/,
    'PhysioPlan can’t write to its data folder, so nothing was saved. Check that the folder (or the USB stick) is not read-only or removed, then try again.'
  ]
]

export function toApiError(error: unknown): ApiError {
  const code = (error as { code?: unknown } | null)?.code
  const storage =
    typeof code === 'string' && storageProblems.find(([pattern]) => pattern.test(code))
  if (storage) return { code: 'unavailable', message: storage[1] }
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
