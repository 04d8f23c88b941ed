import type { SyncStatus } from '../../src/shared/sync'
import { noCopyStatus } from '../../src/main/core/sync.handlers'

/** Connected, signed in, nothing waiting: the state a test changes to the one it shows. */
export const idleStatus: SyncStatus = noCopyStatus('online')
