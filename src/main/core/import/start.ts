/**
 * The main thread's half of an import: what it would do (read here, it
 * writes nothing), and starting it as a job on the data worker, which writes
 * it (run.ts).
 */
import type { Database } from 'better-sqlite3'
import type { ImportReport } from '@shared/types'
import type { BackupSource } from '../backups'
import { schemaVersion } from '../db/migrate'
import type { JobRunner } from '../jobs'
import type { ImportProblem } from './free-exercise-db'
import { checkPhotos, locateImport, readPlan, reportOf } from './read'

/** What an import would do, without writing anything; the photos are checked, not read. */
export async function previewImport(
  db: Database,
  path: string,
  importAnyway: readonly string[] = []
): Promise<ImportReport> {
  const { jsonFile, imagesDir } = locateImport(path)
  const plan = await readPlan(db, jsonFile, importAnyway)
  const problems: ImportProblem[] = []
  for (const record of plan.records.filter((item) => item.action !== 'skip'))
    await checkPhotos(record, imagesDir, problems)
  return reportOf(plan, problems, jsonFile)
}

/** Starts an import on the data worker and returns its job's id at once. */
export function startImport(
  source: BackupSource,
  path: string,
  jobs: JobRunner,
  importAnyway: readonly string[] = []
): string {
  locateImport(path) // a wrong folder is said at once, not as a failed job
  return jobs.start(
    'import',
    (progress) =>
      source.offThread.run(
        'import',
        { databaseFile: source.databaseFile, schemaVersion, path, importAnyway },
        progress
      ),
    'The import failed and nothing was written.'
  )
}
