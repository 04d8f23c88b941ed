import type { HandlerContext, HandlerTable } from './handlers'

/** Following any long job (an import, a backup) by its id. */
export function jobHandlers({ jobs }: HandlerContext): HandlerTable<'jobs'> {
  return { 'jobs:progress': ({ jobId }) => jobs.get(jobId) }
}
