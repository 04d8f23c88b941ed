import {
  backupFolder,
  backupStatus,
  makeBackup,
  restoreBackup,
  rotateBackups,
  setBackupFolder,
  writeVerifiedCopy
} from './backups'
import type { HandlerContext, HandlerTable } from './handlers'

/** Backups: made in the background, listed, checked and restored. */
export function backupHandlers(context: HandlerContext): HandlerTable<'backups'> {
  const { db, dataDir, paths, write, jobs } = context
  /** the backup folder's files, listed by main: the page may check or restore them */
  const statusOfBackups = () => {
    const status = backupStatus(db, dataDir)
    status.backups.forEach((backup) => paths.offer(backup.file))
    return status
  }
  return {
    'backups:status': statusOfBackups,
    'backups:start': async ({ saveAs }) => {
      if (saveAs) {
        const stamp = new Date().toISOString().slice(0, 10)
        const path = await context.desktop().chooseSavePath(`PhysioPlan backup ${stamp}.sqlite3`)
        return path
          ? {
              jobId: jobs.start('backup', (progress) => writeVerifiedCopy(context, path, progress))
            }
          : null
      }
      const folder = backupFolder(db, dataDir)
      const jobId = jobs.start('backup', async (progress) => {
        const made = await makeBackup(context, folder, new Date(), progress)
        rotateBackups(folder)
        return made
      })
      return { jobId }
    },
    'backups:chooseFolder': async () => {
      const picked = await context.desktop().chooseFolder('Folder for backups')
      return picked && paths.offer(picked)
    },
    'backups:setFolder': ({ folder }) => {
      const accepted = paths.accept(folder, 'folder')
      write(() => setBackupFolder(db, accepted))
      return statusOfBackups()
    },
    'backups:inspect': ({ file }) =>
      context.offThread.run('inspectBackup', { file: paths.accept(file, 'file') }),
    'backups:restore': ({ file }) =>
      restoreBackup(db, context, paths.accept(file, 'file'), backupFolder(db, dataDir))
  }
}
