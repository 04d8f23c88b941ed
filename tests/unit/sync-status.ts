import type { SyncStatus } from '../../src/shared/sync'

/** Connected, signed in, nothing waiting: the state a test changes to the one it shows. */
export const idleStatus: SyncStatus = {
  state: 'online',
  waiting: 0,
  problems: 0,
  progress: null,
  lastPullAt: null,
  message: null,
  localCopy: null,
  waitingFor: null
}
