import { randomUUID } from 'node:crypto'
import { BoundedMap } from '@shared/bounded-map'
import { AppError, toApiError } from '@shared/errors'
import type { JobStatus } from '@shared/types'

/** How many jobs' statuses are kept for polling; older ones are forgotten, not kept all day. */
export const jobsKept = 50

/** Long tasks the page follows by polling: started here, reported by id. */
export function jobRunner<T>() {
  const jobs = new BoundedMap<string, JobStatus<T>>(jobsKept)
  return {
    start(work: (progress: (done: number, total: number) => void) => Promise<T>): string {
      const id = randomUUID()
      const status: JobStatus<T> = {
        state: 'running',
        done: 0,
        total: 0,
        result: null,
        error: null
      }
      jobs.set(id, status)
      work((done, total) => Object.assign(status, { done, total })).then(
        (result) => Object.assign(status, { state: 'done', result }),
        (error: unknown) =>
          Object.assign(status, { state: 'failed', error: toApiError(error).message })
      )
      return id
    },
    get(id: string): JobStatus<T> {
      const status = jobs.get(id)
      if (!status)
        throw new AppError('not_found', 'That task is not known (was the app restarted?).')
      return { ...status }
    }
  }
}
