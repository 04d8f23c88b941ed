/**
 * The domain's clock. A write made offline in clinic mode (issue 18) is
 * applied later on the server, which runs it `at` the time it was made
 * (the `X-Made-At` header), so its created_at, updated_at, issue date and
 * audit entry say when the therapist did it, not when the laptop got a
 * network. Everywhere else, solo mode included, it is the real clock.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

const madeAt = new AsyncLocalStorage<Date>()

/** now, or when the write being applied was made */
export const now = (): Date => new Date(madeAt.getStore() ?? Date.now())

export const nowIso = (): string => now().toISOString()

/** `run` with the clock reading `when` (it doesn't move while `run` runs) */
export const at = <T>(when: Date, run: () => T): T => madeAt.run(when, run)
