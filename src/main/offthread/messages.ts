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

/** A started worker thread or child process, as a lane uses it. */
export interface Runner {
  post(request: TaskRequest): void
  /** held, it keeps the app's process alive (a task is running); idle, it doesn't */
  hold(held: boolean): void
  /** `now` stops a running task; otherwise it ends once idle, as it would on its own */
  stop(now: boolean): Promise<unknown>
}

export interface RunnerEvents {
  message(reply: TaskReply): void
  /** it stopped without being asked to; `outOfMemory` when its heap limit stopped it */
  failed(outOfMemory: boolean): void
}

/**
 * Starts the imports lane's child process running `workerFile` with Node's
 * `execArgv`: Node's fork in the browser host, Electron's utilityProcess on
 * the desktop (electron/utility-child.ts).
 */
export type ChildStarter = (workerFile: string, execArgv: string[], on: RunnerEvents) => Runner
