/**
 * Reading a free-exercise-db folder: where its JSON is, what importing it
 * would do. Both halves use it: the main thread to preview an import, the
 * data worker (run.ts) to plan the one it writes.
 */
import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { ImportReport } from '@shared/types'
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

export async function readPlan(db: Database, jsonFile: string): Promise<ImportPlan> {
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

export function reportOf(plan: ImportPlan, problems: ImportProblem[], file: string): ImportReport {
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
