/**
 * Writing a free-exercise-db folder into the database in one transaction:
 * what the data worker runs for an import (its task table is the only
 * importer of this file; the main thread starts imports as jobs).
 */
import { readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join, normalize, sep } from 'node:path'
import type { Database } from 'better-sqlite3'
import { limits } from '@shared/limits'
import type { ImportReport } from '@shared/types'
import { connect } from '../db/connect'
import { insertExercise, setPhotos, updateExerciseRow } from '../exercises'
import type { ImportProblem, PlannedRecord } from './free-exercise-db'
import { locateImport, readPlan, reportOf } from './read'

/** An import as the main thread hands it over: the live file, the schema it has, the folder. */
export interface ImportJob {
  databaseFile: string
  schemaVersion: number
  path: string
}

/** A photo whose type and size were checked while reading; its bytes are read when written. */
interface CheckedPhoto {
  file: string
  mime: 'image/png' | 'image/jpeg'
}

/** The type (first bytes) and size of a file, without reading all of it. */
async function photoHead(file: string): Promise<{ head: Buffer; size: number }> {
  const handle = await open(file)
  try {
    const head = Buffer.alloc(2)
    await handle.read(head, 0, 2, 0)
    return { head, size: (await handle.stat()).size }
  } finally {
    await handle.close()
  }
}

async function checkPhotos(
  record: PlannedRecord,
  imagesDir: string,
  problems: ImportProblem[]
): Promise<CheckedPhoto[]> {
  const photos: CheckedPhoto[] = []
  for (const image of record.images) {
    const file = normalize(join(imagesDir, image))
    const say = (message: string) => problems.push({ record: record.fields.name, message })
    if (!file.startsWith(normalize(imagesDir) + sep)) {
      say(`photo path “${image}” leaves the images folder; not imported.`)
      continue
    }
    let head: Buffer
    let size: number
    try {
      ;({ head, size } = await photoHead(file))
    } catch {
      say(`photo ${image} is missing; imported without it.`)
      continue
    }
    const mime =
      head[0] === 0xff && head[1] === 0xd8
        ? 'image/jpeg'
        : head[0] === 0x89 && head[1] === 0x50
          ? 'image/png'
          : null
    if (mime === null) say(`photo ${image} is not a JPEG or PNG; imported without it.`)
    else if (size > limits.photoBytes)
      say(`photo ${image} is larger than 2 MB; imported without it.`)
    else photos.push({ file, mime })
  }
  return photos
}

function writeRecord(db: Database, record: PlannedRecord, photos: CheckedPhoto[]): void {
  const existing = db.prepare('SELECT id FROM exercises WHERE import_ref = ?').get(record.ref) as
    { id: number } | undefined
  let id: number
  if (existing) {
    id = existing.id
    updateExerciseRow(db, id, record.fields)
  } else {
    id = insertExercise(db, record.fields, { source: 'imported', keywords: record.keywords })
  }
  db.prepare('UPDATE exercises SET import_ref = ?, import_hash = ?, keywords = ? WHERE id = ?').run(
    record.ref,
    record.hash,
    record.keywords,
    id
  )
  setPhotos(
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
  { databaseFile, schemaVersion, path }: ImportJob,
  progress: (done: number, total: number) => void
): Promise<ImportReport> {
  const { jsonFile, imagesDir } = locateImport(path)
  const db = connect(databaseFile, schemaVersion)
  // one pass over the rows: a 2 MB page cache, not the 16 MB default, which the
  // allocator kept for the rest of the day after the connection closed (~60 → ~45 MB)
  db.pragma('cache_size = -2000')
  try {
    const plan = await readPlan(db, jsonFile)
    const work = plan.records.filter((record) => record.action !== 'skip')
    const problems = [...plan.problems]
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
