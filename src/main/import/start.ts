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
import { locateImport, readPlan, reportOf } from './read'

/** What an import would do, without writing anything. */
export async function previewImport(db: Database, path: string): Promise<ImportReport> {
  const { jsonFile } = locateImport(path)
  const plan = await readPlan(db, jsonFile)
  return reportOf(plan, plan.problems, jsonFile)
}

/** Starts an import on the data worker and returns its job's id at once. */
export function startImport(source: BackupSource, path: string, jobs: JobRunner): string {
  locateImport(path) // a wrong folder is said at once, not as a failed job
  return jobs.start(
    'import',
    (progress) =>
      source.offThread.run(
        'import',
        { databaseFile: source.databaseFile, schemaVersion, path },
        progress
      ),
    'The import failed and nothing was written.'
  )
}
