import { AppError } from '@shared/errors'
import type { HandlerContext, HandlerTable } from './handlers'

// issue 18: built on the sync-client18 branch
const notYet = () => {
  throw new AppError('unavailable', 'Not built yet.')
}

/** Clinic mode offline: the local copy, the outbox and the conflicts (clinic/offline/). */
export function syncHandlers(context: HandlerContext): HandlerTable<'sync'> {
  void context
  return {
    'sync:status': () => ({
      state: 'solo',
      waiting: 0,
      problems: 0,
      progress: null,
      lastPullAt: null,
      message: null,
      localCopy: null,
      waitingFor: null
    }),
    'sync:now': notYet,
    'sync:problems': () => [],
    'sync:resolve': notYet,
    'sync:pins': () => [],
    'sync:pin': notYet,
    'sync:setWeeks': notYet,
    'sync:forget': notYet
  }
}
