import { AppError } from '@shared/errors'
import { BoundedMap } from '@shared/bounded-map'
import type { ImportStatus } from '@shared/types'
import type { HandlerContext, HandlerTable } from '../handlers'
import { jobsKept } from '../jobs'
import { previewImport, startImport } from './run'

/** Importing a library folder: pick it, preview it, run it and follow its progress. */
export function importHandlers(context: HandlerContext): HandlerTable<'import'> {
  const { db, paths } = context
  const imports = new BoundedMap<string, ImportStatus>(jobsKept)
  return {
    'import:chooseFolder': async () => {
      const desktop = context.desktop('Type or paste the folder’s path instead.')
      const picked = await desktop.chooseFolder('Folder with exercises.json')
      return picked && paths.offer(picked)
    },
    'import:preview': ({ folder }) => previewImport(db, paths.accept(folder, 'folder')),
    'import:start': ({ folder }) => ({
      jobId: startImport(context, paths.accept(folder, 'folder'), imports)
    }),
    'import:status': ({ jobId }) => {
      const status = imports.get(jobId)
      if (!status)
        throw new AppError('not_found', 'That import is not known (was the app restarted?).')
      return { ...status }
    }
  }
}
