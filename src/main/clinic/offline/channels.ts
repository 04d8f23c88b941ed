/**
 * The `sync:*` channels as main answers them in clinic mode (issue 18, the
 * renderer's view in @shared/sync): the status, catching up now, the
 * problems and their settling, pins, the weeks kept, and removing this
 * computer's copy, which is refused while anything made here is unsettled.
 */
import { rmSync } from 'node:fs'
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { SyncStatus } from '@shared/sync'
import type { HandlerTable } from '../../core/handlers'
import { listProblems } from './problems'
import { resolveProblem } from './resolve'
import type { ServerCall } from './send'
import { pinsOf, problemCount, setPin, setWeeks, waitingOf } from './state'

export interface SyncParts {
  /** the connected server's copy, if this computer keeps one */
  copy: () => { db: Database; file: string } | null
  status: () => SyncStatus
  syncNow: () => Promise<void>
  /** a catch-up is under way */
  busy: () => boolean
  serverCall: ServerCall
  newKey: () => string
  closeCopy: () => void
}

export function syncChannels(parts: SyncParts): HandlerTable<'sync'> {
  const { status, syncNow } = parts
  const needCopy = () => {
    const held = parts.copy()
    if (!held) {
      throw new AppError(
        'unavailable',
        'This computer keeps no copy of a clinic yet: connect and sign in first.'
      )
    }
    return held
  }
  return {
    'sync:status': status,
    'sync:now': async () => {
      await syncNow()
      return status()
    },
    'sync:problems': () => listProblems(needCopy().db),
    'sync:resolve': async ({ id, resolution }) => {
      const { db } = needCopy()
      const again = await resolveProblem(db, id, resolution, parts.serverCall, parts.newKey)
      if (again) void syncNow().catch(() => undefined)
      return listProblems(db)
    },
    'sync:pins': () => pinsOf(needCopy().db),
    // a patient newly kept comes whole with the next pull: asked for now, in the background
    'sync:pin': ({ patientId, pinned }) => {
      const pins = setPin(needCopy().db, patientId, pinned)
      void syncNow().catch(() => undefined)
      return pins
    },
    'sync:setWeeks': ({ weeks }) => {
      setWeeks(needCopy().db, weeks)
      void syncNow().catch(() => undefined)
      return status()
    },
    'sync:forget': () => {
      const { db, file } = needCopy()
      if (parts.busy()) {
        throw new AppError(
          'unavailable',
          'This computer is catching up with the clinic server: remove its copy once that is done.'
        )
      }
      const { waiting } = waitingOf(db)
      if (waiting > 0 || problemCount(db) > 0) {
        throw new AppError(
          'forbidden',
          `${waiting} change(s) made on this computer haven’t reached the clinic server yet: sign in and send them (or settle the problems) before removing this computer’s copy.`
        )
      }
      parts.closeCopy()
      for (const each of [file, `${file}-wal`, `${file}-shm`]) rmSync(each, { force: true })
      return status()
    }
  }
}
