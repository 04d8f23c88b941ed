/**
 * What the clinic server answers: the same handler tables the desktop runs
 * (core/*.handlers.ts), over a context whose `store` is the session's
 * PostgreSQL store. What only the solo store has (the SQLite `db`, the
 * workers, the desktop's dialogs) answers `unavailable` if a handler
 * reaches for it; the channels that do are left out of `servedChannels`.
 */
import type { Database } from 'better-sqlite3'
import type { Channel } from '@shared/channels'
import { AppError } from '@shared/errors'
import type { HandlerContext, Handlers } from '../core/handlers'
import { exerciseHandlers } from '../core/exercises.handlers'
import { patientHandlers } from '../core/patients.handlers'
import type { QueryStore } from '../core/query/store'
import { visitHandlers } from '../core/visits.handlers'

/**
 * The domains on the query layer, one line each: a domain joins the server
 * here when it moves (its channels that still need the desktop's own file
 * go in `needsSoloStore`).
 */
const domains = [patientHandlers, visitHandlers, exerciseHandlers]

/** Channels of those domains that reach for what only the solo store has. */
const needsSoloStore = new Set<Channel>([
  // handouts render on the desktop's workers from its SQLite file
  'patients:export',
  'patients:exportSave',
  // empties SQLite's journal after the erase
  'patients:erase',
  // a built-in picture is a file among the desktop app's resources
  'media:get'
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
export function clinicContext(store: QueryStore): HandlerContext {
  return {
    store,
    db: absent<Database>('the desktop’s data file'),
    // handouts read what the session's store reads; the clinic has no second connection
    handoutReader: { read: (work) => store.read(work) },
    offThread: absent<HandlerContext['offThread']>('the desktop’s workers'),
    jobs: absent<HandlerContext['jobs']>('the desktop’s jobs'),
    paths: absent<HandlerContext['paths']>('a file on the desktop'),
    previews: new Map(),
    health: { state: 'ok', message: null },
    transport: 'web',
    version: 'clinic',
    dataDir: '',
    databaseFile: '',
    resourcesDir: '',
    write: () => {
      throw soloOnly('the desktop’s data file')
    },
    desktop: () => {
      throw soloOnly('the desktop app')
    }
  }
}

/** The channels the server answers, from the domains' own tables. */
export const servedChannels: ReadonlySet<string> = new Set(
  domains
    .flatMap((table) => Object.keys(table(clinicContext(absent('a session')))))
    .filter((channel) => !needsSoloStore.has(channel as Channel))
)

/** The served domains' handlers for one session's store. */
export function servedHandlers(store: QueryStore): Handlers {
  const context = clinicContext(store)
  // dispatch looks up only the channels servedChannels let through
  return Object.assign({}, ...domains.map((table) => table(context))) as Handlers
}
