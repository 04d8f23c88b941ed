import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { Exercise, ExerciseCategory, ExerciseMedia, ExerciseSummary } from '@shared/types'
import { doseFromRow } from './dose-columns'
import { ftsString, searchTerms } from './search'

type Row = Record<string, unknown>

function summaryFrom(row: Row): ExerciseSummary {
  return {
    id: row.id as number,
    name: row.name as string,
    source: row.source as ExerciseSummary['source'],
    category: row.category as ExerciseCategory,
    bodyRegions: JSON.parse(row.body_regions as string) as string[],
    position: row.position as ExerciseSummary['position'],
    difficulty: row.difficulty as ExerciseSummary['difficulty'],
    favourite: row.favourite === 1,
    defaultDose: doseFromRow(row, 'default_')
  }
}

/**
 * Library search: every typed word must match the start of a word in the
 * name, other names, body regions or summary ("hamstr", "bird dog").
 * Best matches first when searching, else alphabetical.
 */
export function listExercises(
  db: Database,
  options: { query?: string | undefined; category?: ExerciseCategory | undefined }
): ExerciseSummary[] {
  const terms = searchTerms(options.query)
  const where = ['e.archived_at IS NULL']
  const params: Record<string, string> = {}
  let from = 'exercises e'
  let order = 'e.name COLLATE NOCASE'
  if (terms.length > 0) {
    from = 'exercises_fts f JOIN exercises e ON e.id = f.rowid'
    where.push('exercises_fts MATCH @match')
    params.match = terms.map((term) => `${ftsString(term)}*`).join(' AND ')
    // name hits count most, then other names, regions, summary
    order = 'bm25(exercises_fts, 10, 5, 2, 1), e.name COLLATE NOCASE'
  }
  if (options.category) {
    where.push('e.category = @category')
    params.category = options.category
  }
  const rows = db
    .prepare(`SELECT e.* FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order}`)
    .all(params) as Row[]
  return rows.map(summaryFrom)
}

export function getExercise(db: Database, id: number): Exercise {
  const row = db.prepare('SELECT * FROM exercises WHERE id = ?').get(id) as Row | undefined
  if (row === undefined) {
    throw new AppError('not_found', 'That exercise could not be found in the library.')
  }
  const media = db
    .prepare(
      'SELECT id, kind, stage FROM exercise_media WHERE exercise_id = ? ORDER BY sort_order, id'
    )
    .all(id) as ExerciseMedia[]
  return {
    ...summaryFrom(row),
    summary: row.summary as string,
    steps: JSON.parse(row.steps as string) as string[],
    equipment: JSON.parse(row.equipment as string) as string[],
    caution: row.caution as string | null,
    archivedAt: row.archived_at as string | null,
    media
  }
}
