/** What crosses between the main thread and a worker. */
import { AppError, type ErrorCode } from '@shared/errors'
import type { TaskName } from './tasks'

export interface TaskRequest {
  id: number
  name: TaskName
  input: unknown
}

/** An error as it can cross: a person-facing AppError stays one; others keep name and code. */
export interface SentError {
  appError: boolean
  name: string
  message: string
  code?: string
  field?: string
}

export type TaskReply =
  | { id: number; progress: [done: number, total: number] }
  | { id: number; value: unknown }
  | { id: number; error: SentError }

export function sendableError(error: unknown): SentError {
  if (!(error instanceof Error)) return { appError: false, name: 'Error', message: String(error) }
  const { code, field } = error as { code?: unknown; field?: unknown }
  return {
    appError: error instanceof AppError,
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof field === 'string' ? { field } : {})
  }
}

export function receivedError(sent: SentError): Error {
  if (sent.appError) return new AppError(sent.code as ErrorCode, sent.message, sent.field)
  // the code is what toApiError reads (SQLITE_FULL and the like)
  return Object.assign(new Error(sent.message), { name: sent.name, code: sent.code })
}
