/**
 * The contract's implementation: every domain's handler table, joined, and
 * the one `dispatch` both shells call. The core: it imports no shell.
 */
import type { ZodError } from 'zod'
import { isChannel } from '@shared/channels'
import { contract } from '@shared/contract'
import { toApiError, AppError, type ApiError, type FieldIssue, type Result } from '@shared/errors'
import { soloAccountHandlers } from './accounts.handlers'
import { backupHandlers } from './backups.handlers'
import { clinicServerHandlers } from './clinic-server.handlers'
import { exerciseHandlers } from './exercises.handlers'
import { damagedWhileOpen, isDamaged } from './db/open'
import { handlerContext, type ApiContext, type HandlerContext, type Handlers } from './handlers'
import type { HandoutSource } from './handouts'
import { handoutHandlers } from './handouts.handlers'
import { importHandlers } from './import/handlers'
import { jobHandlers } from './jobs.handlers'
import { patientHandlers } from './patients.handlers'
import { programHandlers } from './programs.handlers'
import { settingsHandlers } from './settings.handlers'
import { syncHandlers } from './sync.handlers'
import { templateHandlers } from './templates.handlers'
import { visitHandlers } from './visits.handlers'

export type { ApiContext, Handlers } from './handlers'

/** Every channel's handler: the compiler checks that the tables cover the contract. */
export function createHandlers(apiContext: ApiContext): Handlers {
  return createApi(apiContext).handlers
}

/**
 * The handlers, and the same handlers drawing handouts on this computer's
 * workers from another source of versions and options (`drawingFrom`: in
 * clinic mode, the clinic server's).
 */
export function createApi(apiContext: ApiContext): {
  handlers: Handlers
  drawingFrom: (source: HandoutSource) => Handlers
} {
  const context = handlerContext(apiContext)
  const handlers = stopAtDamage(context, {
    ...settingsHandlers(context),
    ...patientHandlers(context),
    ...exerciseHandlers(context),
    ...importHandlers(context),
    ...programHandlers(context),
    ...templateHandlers(context),
    ...handoutHandlers(context),
    ...visitHandlers(context),
    ...backupHandlers(context),
    ...jobHandlers(context),
    ...clinicServerHandlers(context),
    ...syncHandlers(context),
    ...soloAccountHandlers()
  })
  return {
    handlers,
    drawingFrom: (source) => ({
      ...handlers,
      ...handoutHandlers({ ...context, handoutSource: source })
    })
  }
}

/**
 * A damaged page any call runs into means what the background check's
 * finding means: every write stops and the banner says what to do. Each
 * handler stays as synchronous as it was.
 */
function stopAtDamage(context: HandlerContext, handlers: Handlers): Handlers {
  const found = (error: unknown): never => {
    if (!isDamaged(error)) throw error
    const message = damagedWhileOpen(context.databaseFile)
    Object.assign(context.health, { state: 'damaged', message })
    throw new AppError('damaged', message)
  }
  const guarded: Record<string, (input: unknown) => unknown> = {}
  for (const [channel, handler] of Object.entries(handlers) as [
    string,
    (input: unknown) => unknown
  ][]) {
    guarded[channel] = (input) => {
      try {
        const result = handler(input)
        return result instanceof Promise ? result.catch(found) : result
      } catch (error) {
        return found(error)
      }
    }
  }
  return guarded as Handlers
}

/** One field's problem as a sentence: "Exercise 2: …" inside a program's lists. */
function fieldIssue(issue: ZodError['issues'][number]): FieldIssue {
  const [list, index] = issue.path
  const where =
    typeof index === 'number' && (list === 'items' || list === 'advice')
      ? `${list === 'items' ? 'Exercise' : 'Advice section'} ${index + 1}: `
      : ''
  return { field: issue.path.join('.'), message: where + issue.message }
}

/**
 * Every problem with the input, as sentences for the form that sent it: the
 * first as the error's message and field, and all of them (one per field, in
 * the schema's order) in `issues`, so the form marks every field at once.
 */
export function validationError(error: ZodError): ApiError {
  const issue = error.issues[0]
  if (issue === undefined) return { code: 'invalid_input', message: 'The request was not valid.' }
  if (issue.code === 'unrecognized_keys') {
    const plural = issue.keys.length > 1 ? 's' : ''
    return { code: 'invalid_input', message: `Unexpected field${plural}: ${issue.keys.join(', ')}` }
  }
  if (issue.path.length === 0) {
    return { code: 'invalid_input', message: 'The request must be an object of named fields.' }
  }
  const issues: FieldIssue[] = []
  for (const each of error.issues) {
    if (each.path.length === 0 || each.code === 'unrecognized_keys') continue
    const found = fieldIssue(each)
    if (!issues.some((known) => known.field === found.field)) issues.push(found)
  }
  const first = issues[0]!
  return { code: 'invalid_input', message: first.message, field: first.field, issues }
}

/** How a host reaches the api: a channel and its raw input in, a Result out, never throwing. */
export type Dispatch = (channel: string, rawInput: unknown) => Promise<Result<unknown>>

/**
 * What an unexpected failure's log line may say. The desktop and the browser
 * host log to their own terminal, on the machine that holds the data, so
 * the message stays: it names what broke. On the clinic server the log is
 * shared and kept, and a database's message can quote what a request sent
 * (a patient's name in a constraint's or a cast's error): there, the
 * error's name and code only.
 */
export interface DispatchOptions {
  logMessages: boolean
}

function logFailure(channel: string, error: unknown, { logMessages }: DispatchOptions): void {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: '' }
  if (logMessages) return console.error(`[api] ${channel} failed: ${name}: ${message}`)
  const { code } = (error ?? {}) as { code?: unknown }
  const known = typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''
  console.error(`[api] ${channel} failed: ${name}${known}`)
}

/**
 * The one entry point both transports use: validate, run, and turn any
 * failure into a Result. Never throws. Unexpected errors are logged as
 * `options` allow (`DispatchOptions`); parameters never reach the log.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown,
  options: DispatchOptions = { logMessages: true }
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'not_found', message: `Unknown request "${channel}".` } }
  }
  const parsed = contract[channel].input.safeParse(rawInput ?? {})
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown
    return { ok: true, data: await handler(parsed.data) }
  } catch (error) {
    if (!(error instanceof AppError)) logFailure(channel, error, options)
    return { ok: false, error: toApiError(error) }
  }
}
