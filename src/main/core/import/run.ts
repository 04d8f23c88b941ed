/** Reading a free-exercise-db folder from disk and writing it in one transaction. */
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { basename, dirname, join, normalize, sep } from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { limits } from '@shared/limits'
import type { ImportReport, ImportStatus } from '@shared/types'
import type { BackupSource } from '../backups'
import { connect } from '../db/open'
import { insertExercise, setImportSource, setPhotos, updateExerciseRow } from '../exercises'
import {
  planImport,
  type ImportPlan,
  type ImportProblem,
  type PlannedRecord
} from './free-exercise-db'

const maxJsonBytes = 50_000_000

/** A folder holding exercises.json and images/, or the JSON file itself. */
export function locateImport(path: string): { jsonFile: string; imagesDir: string } {
  const jsonFile =
    existsSync(path) && statSync(path).isDirectory() ? join(path, 'exercises.json') : path
  if (!existsSync(jsonFile) || !statSync(jsonFile).isFile()) {
    throw new AppError('invalid_input', `No exercises.json was found at ${path}.`, 'folder')
  }
  if (statSync(jsonFile).size > maxJsonBytes) {
    throw new AppError('invalid_input', `${basename(jsonFile)} is larger than 50 MB.`, 'folder')
  }
  return { jsonFile, imagesDir: join(dirname(jsonFile), 'images') }
}

async function readPlan(db: Database, jsonFile: string): Promise<ImportPlan> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(jsonFile, 'utf8'))
  } catch {
    // never the parser's message: it quotes the file's first bytes (of /etc/shadow, say)
    throw new AppError(
      'invalid_input',
      `${basename(jsonFile)} can’t be read as JSON. Is it the exercises.json of a free-exercise-db folder?`,
      'folder'
    )
  }
  const rows = db
    .prepare('SELECT import_ref, import_hash FROM exercises WHERE import_ref IS NOT NULL')
    .all() as { import_ref: string; import_hash: string | null }[]
  return planImport(data, new Map(rows.map((row) => [row.import_ref, row.import_hash])))
}

function reportOf(plan: ImportPlan, problems: ImportProblem[], file: string): ImportReport {
  const count = (action: PlannedRecord['action']) =>
    plan.records.filter((record) => record.action === action).length
  return {
    file,
    total: plan.total,
    added: count('add'),
    updated: count('update'),
    skipped: plan.total - count('add') - count('update'),
    problems: [
      ...problems,
      ...plan.records.flatMap((record) =>
        record.notes.map((note) => ({ record: record.fields.name, message: `skipped: ${note}.` }))
      )
    ]
  }
}

/** What an import would do, without writing anything. */
export async function previewImport(db: Database, path: string): Promise<ImportReport> {
  const { jsonFile } = locateImport(path)
  const plan = await readPlan(db, jsonFile)
  return reportOf(plan, plan.problems, jsonFile)
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
  setImportSource(db, id, { ref: record.ref, hash: record.hash, keywords: record.keywords })
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
  databaseFile: string,
  path: string,
  progress: (done: number, total: number) => void
): Promise<ImportReport> {
  const { jsonFile, imagesDir } = locateImport(path)
  const db = connect(databaseFile)
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

/** Starts an import on the data worker and returns its id at once; `status` reports progress. */
export function startImport(
  source: BackupSource,
  path: string,
  jobs: Map<string, ImportStatus>
): string {
  locateImport(path) // a wrong folder is said at once, not as a failed job
  const id = randomUUID()
  const status: ImportStatus = { state: 'reading', done: 0, total: 0, report: null, error: null }
  jobs.set(id, status)
  source.offThread
    .run('import', { databaseFile: source.databaseFile, path }, (done, total) =>
      Object.assign(status, { done, total, state: done === total ? 'writing' : 'reading' })
    )
    .then(
      (report) => Object.assign(status, { state: 'done', report }),
      (error: unknown) =>
        Object.assign(status, {
          state: 'failed',
          error:
            error instanceof AppError ? error.message : 'The import failed and nothing was written.'
        })
    )
  return id
}
