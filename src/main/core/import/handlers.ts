import type { HandlerContext, HandlerTable } from '../handlers'
import { previewImport, startImport } from './start'

/** Importing a library folder: pick it, preview it, run it as a job. */
export function importHandlers(context: HandlerContext): HandlerTable<'import'> {
  const { db, paths, jobs } = context
  return {
    'import:chooseFolder': async () => {
      const desktop = context.desktop('Type or paste the folder’s path instead.')
      const picked = await desktop.chooseFolder('Folder with exercises.json')
      return picked && paths.offer(picked)
    },
    'import:preview': ({ folder, importAnyway }) =>
      previewImport(db, paths.accept(folder, 'folder'), importAnyway),
    // the import writes through a connection of its own: started through write(), it is
    // refused as every other write is while the data file is damaged
    'import:start': ({ folder, importAnyway }) =>
      context.write(() => ({
        jobId: startImport(context, paths.accept(folder, 'folder'), jobs, importAnyway)
      }))
  }
}
