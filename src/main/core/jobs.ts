import { randomUUID } from 'node:crypto'
import { BoundedMap } from '@shared/bounded-map'
import { AppError, toApiError } from '@shared/errors'
import type { JobResults, JobStatus } from '@shared/types'

/** How many jobs' statuses are kept for polling; older ones are forgotten, not kept all day. */
export const jobsKept = 50

type Progress = (done: number, total: number) => void

/**
 * The one mechanism for long work in main (imports, backups, and any later
 * long job): a job is started here, runs (usually on a worker), and the page
 * follows it by id through the one `jobs:progress` channel. `Results` names
 * each kind of job and what it ends with.
 */
export function jobRunner<Results extends object = JobResults>() {
  type Status = { [K in keyof Results]: JobStatus<K, Results[K]> }[keyof Results]
  const jobs = new BoundedMap<string, Status>(jobsKept)
  return {
    /**
     * Starts `work` and returns the job's id at once. A failure is kept as the
     * person-facing message of an AppError, a storage problem's message, or
     * else `failed` (what it means for this kind of job).
     */
    start<K extends keyof Results>(
      kind: K,
      work: (progress: Progress) => Promise<Results[K]>,
      failed?: string
    ): string {
      const id = randomUUID()
      const status: JobStatus<K, Results[K]> = {
        kind,
        state: 'running',
        done: 0,
        total: 0,
        result: null,
        error: null
      }
      jobs.set(id, status as Status)
      work((done, total) => Object.assign(status, { done, total })).then(
        (result) => Object.assign(status, { state: 'done', result }),
        (error: unknown) => {
          const { code, message } = toApiError(error)
          const said = error instanceof AppError || code === 'unavailable' || !failed
          Object.assign(status, { state: 'failed', error: said ? message : failed })
        }
      )
      return id
    },
    get(id: string): Status {
      const status = jobs.get(id)
      if (!status)
        throw new AppError('not_found', 'That task is not known (was the app restarted?).')
      return { ...status }
    }
  }
}

export type JobRunner = ReturnType<typeof jobRunner<JobResults>>
