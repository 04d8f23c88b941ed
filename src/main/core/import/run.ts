/**
 * Writing a free-exercise-db folder into the database in one transaction:
 * what the data worker runs for an import (its task table is the only
 * importer of this file; the main thread starts imports as jobs).
 */
import { readFileSync } from 'node:fs'
import type { Database } from 'better-sqlite3'
import type { ImportReport } from '@shared/types'
import { connect } from '../db/connect'
import {
  insertExerciseSync,
  setImportSourceSync,
  setPhotosSync,
  updateExerciseRowSync
} from '../exercises'
import type { ImportProblem, PlannedRecord } from './free-exercise-db'
import { checkPhotos, locateImport, readPlan, reportOf, type CheckedPhoto } from './read'

/** An import as the main thread hands it over: the live file, the schema it has, the folder. */
export interface ImportJob {
  databaseFile: string
  schemaVersion: number
  path: string
  /** refs of likely duplicates the physiotherapist chose to import anyway */
  importAnyway: readonly string[]
}

function writeRecord(db: Database, record: PlannedRecord, photos: CheckedPhoto[]): void {
  const existing = db.prepare('SELECT id FROM exercises WHERE import_ref = ?').get(record.ref) as
    { id: number } | undefined
  let id: number
  if (existing) {
    id = existing.id
    updateExerciseRowSync(db, id, record.fields)
  } else {
    id = insertExerciseSync(db, record.fields, { source: 'imported', keywords: record.keywords })
  }
  setImportSourceSync(db, id, { ref: record.ref, hash: record.hash, keywords: record.keywords })
  setPhotosSync(
    db,
    id,
    photos.map(({ file, mime }) => ({ data: readFileSync(file), mime }))
  )
}

/**
 * Imports the folder into the database file, through a connection of its
 * own: this runs on the data worker, so the window stays responsive while
 * photos are read and rows written. Photos are checked first; then every row
 * is written in one transaction, so an import is either all there or not at
 * all. Each photo's bytes are read as its row is written, not all held at
 * once: 1,800 photos held together left the process ~45 MB larger for the
 * rest of the day. `progress` counts photos checked; done = total means writing.
 */
export async function importFolder(
  { databaseFile, schemaVersion, path, importAnyway }: ImportJob,
  progress: (done: number, total: number) => void
): Promise<ImportReport> {
  const { jsonFile, imagesDir } = locateImport(path)
  const db = connect(databaseFile, schemaVersion)
  // one pass over the rows: a 2 MB page cache, not the 16 MB default, which the
  // allocator kept for the rest of the day after the connection closed (~60 → ~45 MB)
  db.pragma('cache_size = -2000')
  try {
    const plan = await readPlan(db, jsonFile, importAnyway)
    const work = plan.records.filter((record) => record.action !== 'skip')
    const problems: ImportProblem[] = []
    const photos: CheckedPhoto[][] = []
    for (const record of work) {
      progress(photos.length, work.length)
      photos.push(await checkPhotos(record, imagesDir, problems))
    }
    progress(work.length, work.length)
    db.transaction(() => work.forEach((record, index) => writeRecord(db, record, photos[index]!)))()
    return reportOf(plan, problems, jsonFile)
  } finally {
    db.close()
  }
}
