/**
 * Reading a free-exercise-db folder: where its JSON is, what importing it
 * would do, which photos can be taken. Both halves use it: the main thread to
 * preview an import, the data worker (run.ts) to plan and write the one it runs.
 */
import { existsSync, statSync } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { basename, dirname, join, normalize, sep } from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { limits } from '@shared/limits'
import type { ExerciseSource, ImportReport } from '@shared/types'
import {
  nameKey,
  planImport,
  type ImportContext,
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

export async function readPlan(
  db: Database,
  jsonFile: string,
  importAnyway: readonly string[]
): Promise<ImportPlan> {
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
    .prepare('SELECT name, source, archived_at, import_ref, import_hash FROM exercises ORDER BY id')
    .all() as {
    name: string
    source: ExerciseSource
    archived_at: string | null
    import_ref: string | null
    import_hash: string | null
  }[]
  const context: ImportContext = {
    existing: new Map(),
    names: new Map(),
    importAnyway: new Set(importAnyway)
  }
  for (const row of rows) {
    if (row.import_ref !== null) context.existing.set(row.import_ref, row.import_hash)
    const key = nameKey(row.name)
    // the first of a name stands for it: built-ins come first
    if (row.archived_at === null && !context.names.has(key))
      context.names.set(key, { name: row.name, source: row.source, ref: row.import_ref })
  }
  return planImport(data, context)
}

/** Notes grouped by what they say, in the order each first appears, counting records. */
function groupsOf(problems: ImportProblem[]): ImportReport['groups'] {
  const groups = new Map<string, { records: Set<string>; lines: string[] }>()
  for (const problem of problems) {
    const group = groups.get(problem.group) ?? { records: new Set(), lines: [] }
    group.records.add(problem.record)
    group.lines.push(`${problem.record}: ${problem.message}`)
    groups.set(problem.group, group)
  }
  return [...groups].map(([message, group]) => ({
    message,
    count: group.records.size,
    lines: group.lines
  }))
}

/**
 * The same for the preview and the finished import: the preview checks the
 * photos too, so it shows every note the import will.
 */
export function reportOf(
  plan: ImportPlan,
  photoProblems: ImportProblem[],
  file: string
): ImportReport {
  const count = (action: PlannedRecord['action']) =>
    plan.records.filter((record) => record.action === action).length
  const problems = [
    ...plan.problems,
    ...photoProblems,
    ...plan.records.flatMap((record) => record.notes)
  ]
  return {
    file,
    total: plan.total,
    added: count('add'),
    updated: count('update'),
    skipped: plan.total - count('add') - count('update'),
    problems,
    groups: groupsOf(problems),
    duplicates: plan.records.flatMap(({ ref, fields, duplicateOf, action }) =>
      duplicateOf
        ? [{ ref, name: fields.name, existing: duplicateOf, imported: action !== 'skip' }]
        : []
    )
  }
}

/** A photo whose type and size were checked while reading; its bytes are read when written. */
export interface CheckedPhoto {
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

export async function checkPhotos(
  record: PlannedRecord,
  imagesDir: string,
  problems: ImportProblem[]
): Promise<CheckedPhoto[]> {
  const photos: CheckedPhoto[] = []
  for (const image of record.images) {
    const file = normalize(join(imagesDir, image))
    const say = (message: string, group: string) =>
      problems.push({ record: record.fields.name, message, group })
    if (!file.startsWith(normalize(imagesDir) + sep)) {
      say(
        `photo path “${image}” leaves the images folder; not imported.`,
        'photo outside the images folder, imported without it'
      )
      continue
    }
    let head: Buffer
    let size: number
    try {
      ;({ head, size } = await photoHead(file))
    } catch {
      say(`photo ${image} is missing; imported without it.`, 'photo missing, imported without it')
      continue
    }
    const mime =
      head[0] === 0xff && head[1] === 0xd8
        ? 'image/jpeg'
        : head[0] === 0x89 && head[1] === 0x50
          ? 'image/png'
          : null
    if (mime === null)
      say(
        `photo ${image} is not a JPEG or PNG; imported without it.`,
        'photo not a JPEG or PNG, imported without it'
      )
    else if (size > limits.photoBytes)
      say(
        `photo ${image} is larger than 2 MB; imported without it.`,
        'photo larger than 2 MB, imported without it'
      )
    else photos.push({ file, mime })
  }
  return photos
}
