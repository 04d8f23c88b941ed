/**
 * What the clinic server answers: the same handler tables the desktop runs
 * (core/*.handlers.ts), over a context whose `store` is the session's
 * PostgreSQL store. What only the solo store has (the SQLite `db`, the
 * workers, the desktop's dialogs) answers `unavailable` if a handler
 * reaches for it; the channels that do are left out of `servedChannels`.
 */
import type { Database } from 'better-sqlite3'
import type pg from 'pg'
import type { z } from 'zod'
import { channels, type Channel } from '@shared/channels'
import { AppError, toApiError, type Result } from '@shared/errors'
import { serverContract, type ServerChannel } from '@shared/server-contract'
import { validationError } from '../core/api'
import type { HandlerContext, Handlers, HandlerTable } from '../core/handlers'
import { exerciseHandlers } from '../core/exercises.handlers'
import { versionDrawable } from '../core/handouts'
import { handoutHandlers } from '../core/handouts.handlers'
import { patientHandlers } from '../core/patients.handlers'
import { programHandlers } from '../core/programs.handlers'
import type { QueryStore } from '../core/query/store'
import { settingsHandlers } from '../core/settings.handlers'
import { templateHandlers } from '../core/templates.handlers'
import { visitHandlers } from '../core/visits.handlers'
import { appliedKeys } from './idempotent'
import { pullPage } from './sync-pull'
import {
  addAccount,
  disableAccount,
  enableAccount,
  listAccounts,
  resetPassword,
  type Session
} from './accounts'

/**
 * The domains on the query layer, one line each: a domain joins the server
 * here when it moves (its channels that still need the desktop's own file
 * go in `needsSoloStore`).
 */
const domains = [
  patientHandlers,
  visitHandlers,
  exerciseHandlers,
  programHandlers,
  templateHandlers,
  settingsHandlers,
  handoutHandlers
]

/** Channels of those domains that reach for what only the solo store has. */
const needsSoloStore = new Set<Channel>([
  // handouts render on the desktop's workers from its SQLite file
  'patients:export',
  'patients:exportSave',
  // empties SQLite's journal after the erase
  'patients:erase',
  // the desktop's own build, data folder and data file's health: the desktop answers them
  'app:info',
  'app:health',
  // handouts render on the desktop (its workers, fonts and built-in pictures), from what the
  // server reads for it; saving, printing and opening a PDF are the desktop's own dialogs
  'handouts:pdf',
  'handouts:preview',
  'handouts:save',
  'handouts:print',
  'handouts:open'
])

const soloOnly = (what: string) =>
  new AppError(
    'unavailable',
    `The clinic server can’t do this yet (it needs ${what}, which only solo mode has).`
  )

/** Stands in for what only solo mode has: any use of it is refused, never half done. */
function absent<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: () => {
      throw soloOnly(what)
    }
  })
}

/** The context a session's calls run in: its store, and nothing of solo mode's. */
export function clinicContext(store: QueryStore, resourcesDir = ''): HandlerContext {
  return {
    store,
    db: absent<Database>('the desktop’s data file'),
    // nothing renders here, so a save or an opened draft starts no preview (startPreview
    // settles at once when its read is refused) and reads nothing for one
    handoutReader: { read: () => Promise.reject(soloOnly('the desktop’s handout workers')) },
    handoutSource: absent<HandlerContext['handoutSource']>('the desktop’s handout workers'),
    offThread: absent<HandlerContext['offThread']>('the desktop’s workers'),
    jobs: absent<HandlerContext['jobs']>('the desktop’s jobs'),
    paths: absent<HandlerContext['paths']>('a file on the desktop'),
    previews: new Map(),
    health: { state: 'ok', message: null },
    transport: 'web',
    version: 'clinic',
    dataDir: '',
    databaseFile: '',
    // the server's copy of the app's shipped files: built-in pictures for `media:get`
    resourcesDir,
    write: () => {
      throw soloOnly('the desktop’s data file')
    },
    desktop: () => {
      throw soloOnly('the desktop app')
    }
  }
}

/** The channels the server answers, from the domains' own tables, and the administrator's accounts. */
export const servedChannels: ReadonlySet<string> = new Set([
  ...domains
    .flatMap((table) => Object.keys(table(clinicContext(absent('a session')))))
    .filter((channel) => !needsSoloStore.has(channel as Channel)),
  ...channels.filter((channel) => channel.startsWith('accounts:'))
])

/**
 * The administrator's accounts panel, over accounts.ts: the session (its
 * role read from the database when the token was looked up, never from the
 * request) is what accounts.ts checks; each change answers the list as it is now.
 */
export function accountHandlers(pool: pg.Pool, session: Session): HandlerTable<'accounts'> {
  const list = () => listAccounts(pool, session)
  return {
    'accounts:list': list,
    'accounts:add': async (account) => {
      await addAccount(pool, session, account)
      return list()
    },
    'accounts:setDisabled': async ({ login, disabled }) => {
      await (disabled ? disableAccount : enableAccount)(pool, session, login)
      return list()
    },
    'accounts:resetPassword': async ({ login, password }) => {
      await resetPassword(pool, session, login, password)
      return list()
    }
  }
}

/**
 * A clinic's visits are append-only (issue 17): a recorded visit stays as it
 * was recorded, so two therapists never overwrite each other's notes and an
 * offline copy (issue 18) never conflicts over one. A correction is a new visit.
 */
const recordedAsItWas = () =>
  Promise.reject(
    new AppError(
      'forbidden',
      'In a clinic a recorded visit stays as it was recorded: record a new visit to correct or add to it.'
    )
  )

/** The served domains' handlers for one session's store. */
export function servedHandlers(store: QueryStore, resourcesDir: string): Handlers {
  const context = clinicContext(store, resourcesDir)
  // dispatch looks up only the channels servedChannels let through
  return Object.assign({}, ...domains.map((table) => table(context)), {
    'visits:update': recordedAsItWas,
    'visits:delete': recordedAsItWas
  }) as Handlers
}

type ServerHandlers = {
  [C in ServerChannel]: (
    input: z.output<(typeof serverContract)[C]['input']>
  ) => Promise<z.input<(typeof serverContract)[C]['result']>>
}

export const isServerChannel = (channel: string): channel is ServerChannel =>
  Object.hasOwn(serverContract, channel)

/**
 * The server's own channels (server-contract.ts) for one session's store:
 * what a desktop's main process reads to render a handout itself. Built-in
 * pictures go by name (the desktop has the files), the clinic's own as data:
 * URLs, in the order the handout prints them.
 */
function serverHandlers(store: QueryStore): ServerHandlers {
  return {
    'handouts:drawable': ({ versionId, layout }) =>
      store.read(async (q) => {
        const { snapshot, assets } = await versionDrawable(q, versionId, layout ?? null, null)
        return { snapshot, pictures: [...assets.pictures] }
      }),
    'sync:pull': (input) => store.read((q) => pullPage(q, input)),
    'sync:applied': ({ keys }) => store.read(async (q) => ({ applied: await appliedKeys(q, keys) }))
  }
}

/**
 * A server channel's answer, as `dispatch` answers the contract's: its input
 * checked, any failure a Result. Logged as server.ts logs, by name only: a
 * message may quote what was sent.
 */
export async function answerServerChannel(
  store: QueryStore,
  channel: ServerChannel,
  rawInput: unknown
): Promise<Result<unknown>> {
  const parsed = serverContract[channel].input.safeParse(rawInput ?? {})
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) }
  try {
    // the input parsed by this channel's own schema: its handler's
    const handler = serverHandlers(store)[channel] as (input: unknown) => Promise<unknown>
    return { ok: true, data: await handler(parsed.data) }
  } catch (error) {
    if (!(error instanceof AppError)) {
      console.error(`[clinic] ${channel} failed: ${error instanceof Error ? error.name : 'Error'}`)
    }
    return { ok: false, error: toApiError(error) }
  }
}
