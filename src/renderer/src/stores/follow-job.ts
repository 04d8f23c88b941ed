import type { Result } from '@shared/errors'
import type { AnyJobStatus, JobResults, JobStatus } from '@shared/types'

export type KindStatus<K extends keyof JobResults> = JobStatus<K, JobResults[K]>

/** How often a running job is asked how far it got: a bar that moves, not a busy api. */
export const pollEvery = 150

const isKind = <K extends keyof JobResults>(
  status: AnyJobStatus,
  kind: K
): status is AnyJobStatus & KindStatus<K> => status.kind === kind

/**
 * The stores' one way to follow a long job in main (an import, a backup):
 * asks `read` (a `jobs:progress` call) until the job is done or failed,
 * handing each status to `onProgress`. Resolves to the last status, or to
 * the error that stopped the asking. `read` is passed in so this needs no
 * window (and runs in unit tests).
 */
export async function followJob<K extends keyof JobResults>(
  kind: K,
  read: () => Promise<Result<AnyJobStatus>>,
  onProgress: (status: KindStatus<K>) => void,
  every = pollEvery
): Promise<Result<KindStatus<K>>> {
  for (;;) {
    const result = await read()
    if (!result.ok) return result
    const status = result.data
    if (!isKind(status, kind))
      return { ok: false, error: { code: 'internal', message: `That task is not a ${kind}.` } }
    onProgress(status)
    if (status.state !== 'running') return { ok: true, data: status }
    await new Promise((resolve) => setTimeout(resolve, every))
  }
}
