/**
 * What every domain's handler table (the `*.handlers.ts` files beside each
 * domain) is built from, and the rules they share: a handler that writes
 * runs its writes through `write`, in one transaction; a channel only the
 * desktop app can answer asks `desktop()`, which refuses the same way in the
 * browser host; a path from the page goes through `paths`. The domains on
 * the query layer (issue 17: patients so far) read and write through
 * `store` instead of `db` and `write`.
 */
import type { Database } from 'better-sqlite3'
import type { Channel } from '@shared/channels'
import type { Output, ValidInput } from '@shared/contract'
import { AppError } from '@shared/errors'
import type { AppInfo, DataHealth } from '@shared/types'
import type { OffThread } from '../offthread/pool'
import type { ClinicLink } from './clinic-link'
import type { DesktopActions } from './desktop-actions'
import type { HandoutReader, StartedPreviews } from './handouts'
import { jobRunner, type JobRunner } from './jobs'
import { typedPaths, type PathPolicy } from './paths'
import { sqliteStore, type QueryStore } from './query/store'

export type Handler<C extends Channel> = (input: ValidInput<C>) => Output<C> | Promise<Output<C>>

export type Handlers = { [C in Channel]: Handler<C> }

/** One domain's handlers: every channel named `domain:…`, and no other. */
export type HandlerTable<Domain extends string> = {
  [C in Channel as C extends `${Domain}:${string}` ? C : never]: Handler<C>
}

export interface ApiContext {
  db: Database
  /** a read-only connection for handouts' one-off reads (`connectHandoutReader`); absent, `db` */
  handoutDb?: Database
  transport: AppInfo['transport']
  version: string
  dataDir: string
  databaseFile: string
  /** the app's shipped pictures (built-in illustrations) and fonts */
  resourcesDir: string
  /** where handouts render and backups are copied, away from the main thread */
  offThread: OffThread
  /** dialogs, printer and viewer: only the desktop app has them */
  desktop?: DesktopActions
  /** which paths the page may name: typed ones (the default), or only those from dialogs */
  paths?: PathPolicy
  /**
   * The data file's pages, as the store's background check finds them (it
   * updates this object); absent, the file was checked before it opened.
   */
  health?: DataHealth
  /** the link to a clinic server (the hosts make it); absent, `clinicServer:*` is unavailable */
  clinic?: ClinicLink
}

export interface HandlerContext extends Omit<
  ApiContext,
  'desktop' | 'paths' | 'health' | 'handoutDb'
> {
  paths: PathPolicy
  health: DataHealth
  /**
   * runs `work` in one transaction: every handler of a domain not yet on `store` that writes to
   * the database writes through it
   */
  write: <T>(work: () => T) => T
  /** the query layer: `store.read(q => …)`, `store.write(q => …)`, with `write`'s rules */
  store: QueryStore
  /** handouts' reads, through `handoutDb` (`connectHandoutReader`): a store of its own that only reads */
  handoutReader: HandoutReader
  /** the desktop's dialogs, printer and viewer; elsewhere an `unavailable` error saying what to do instead */
  desktop: (otherwise?: string) => DesktopActions
  /** the one runner for long jobs (imports, backups), followed through `jobs:progress` */
  jobs: JobRunner
  /** drafts' previews started as their saves committed, for the preview call that follows */
  previews: StartedPreviews
}

/** Handouts' reads through their own connection: a store on it, of which only reads are used. */
export function handoutReader(handoutDb: Database): HandoutReader {
  return { read: sqliteStore(handoutDb).read }
}

export function handlerContext(context: ApiContext): HandlerContext {
  const { desktop, paths, health = { state: 'ok', message: null }, handoutDb, ...rest } = context
  const previews: StartedPreviews = new Map()
  const reader = handoutDb ?? context.db
  const beforeWrite = () => {
    // a write to a damaged file may spread the damage: stop until a backup takes its place
    if (health.state === 'damaged') throw new AppError('damaged', health.message ?? '')
    // a write may change what a started preview shows: the next preview draws afresh
    previews.clear()
  }
  return {
    ...rest,
    handoutReader: handoutReader(reader),
    health,
    paths: paths ?? typedPaths,
    jobs: jobRunner(),
    previews,
    write: (work) => {
      // only a `store.write` leaves a transaction open between statements: this would land inside it
      if (context.db.inTransaction) throw new Error('A write ran inside a query-layer write.')
      beforeWrite()
      return context.db.transaction(work)()
    },
    store: sqliteStore(context.db, beforeWrite),
    desktop: (otherwise = 'Use Download instead.') => {
      if (!desktop) {
        throw new AppError('unavailable', `Only the desktop app can do that here. ${otherwise}`)
      }
      return desktop
    }
  }
}
