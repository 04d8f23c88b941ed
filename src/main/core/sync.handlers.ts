import { AppError } from '@shared/errors'
import type { SyncState, SyncStatus } from '@shared/sync'
import type { HandlerContext, HandlerTable } from './handlers'

/** The status where no local copy is kept: solo mode, or connected before the first sign-in. */
export const noCopyStatus = (state: SyncState): SyncStatus => ({
  state,
  waiting: 0,
  problems: 0,
  progress: null,
  lastPullAt: null,
  message: null,
  localCopy: null,
  waitingFor: null
})

/** In solo mode this computer's file is the data: nothing is kept for offline or sent anywhere. */
const soloOnly = () => {
  throw new AppError(
    'unavailable',
    'Nothing to sync in solo mode: this computer’s own file holds the data. Offline copies are for clinic mode.'
  )
}

/**
 * Clinic mode offline: the desktop's hosts answer these from
 * clinic/offline/ (forward.ts puts its table first while connected); what
 * answers here is solo mode, or an api with no clinic link.
 */
export function syncHandlers(context: HandlerContext): HandlerTable<'sync'> {
  void context
  return {
    'sync:status': () => noCopyStatus('solo'),
    'sync:now': soloOnly,
    'sync:problems': () => [],
    'sync:resolve': soloOnly,
    'sync:pins': () => [],
    'sync:pin': soloOnly,
    'sync:setWeeks': soloOnly,
    'sync:forget': soloOnly
  }
}
