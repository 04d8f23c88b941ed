import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { limits } from '@shared/limits'
import type {
  Exercise,
  ExerciseCategory,
  ExerciseExtras,
  ExerciseFacets,
  ExerciseLink,
  ExerciseMovement,
  ExerciseStage,
  ExerciseFields,
  ExerciseMedia,
  ExercisePage,
  ExerciseSource,
  ExerciseSummary,
  ExerciseTags,
  ExerciseUsage,
  Dose
} from '@shared/types'
import { doseColumnNames, doseFromRow, doseParams } from './dose-columns'
import { closeTerms } from './fuzzy'
import { ftsString, likePrefix, searchTerms } from './search'

type Row = Record<string, unknown>

export interface ExerciseFilters {
  query?: string | undefined
  category?: ExerciseCategory | undefined
  bodyRegion?: string | undefined
  position?: string | undefined
  equipment?: string | undefined
  difficulty?: string | undefined
  source?: ExerciseSource | undefined
  favouritesOnly?: boolean | undefined
  includeArchived?: boolean | undefined
  condition?: string | undefined
  stage?: ExerciseStage | undefined
  movement?: ExerciseMovement | undefined
}

/** The exercise with the names of its easier and harder variants. */
const withLinks = `e.*, ez.name AS easier_name, hz.name AS harder_name`
const joinLinks = `LEFT JOIN exercises ez ON ez.id = e.easier_id
  LEFT JOIN exercises hz ON hz.id = e.harder_id`

function linkFrom(row: Row, which: 'easier' | 'harder'): ExerciseLink | null {
  const id = row[`${which}_id`] as number | null
  return id === null ? null : { id, name: row[`${which}_name`] as string }
}

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
    defaultDose: doseFromRow(row, 'default_'),
    easier: linkFrom(row, 'easier'),
    harder: linkFrom(row, 'harder'),
    conditions: JSON.parse(row.conditions as string) as string[],
    stages: JSON.parse(row.stages as string) as ExerciseStage[],
    movements: JSON.parse(row.movements as string) as ExerciseMovement[]
  }
}

/**
 * Each typed word as an FTS prefix query; with `forgiving`, each word also
 * matches the indexed words one typo away from it.
 */
function matchExpression(db: Database, terms: string[], forgiving: boolean): string {
  return terms
    .map((term) => {
      const prefix = `${ftsString(term)}*`
      const near = forgiving ? closeTerms(db, term).map((word) => ftsString(word)) : []
      return near.length > 0 ? `(${[prefix, ...near].join(' OR ')})` : prefix
    })
    .join(' AND ')
}

/**
 * Library search: every typed word must match the start of a word in the
 * name, other names, body regions or summary ("hamstr", "bird dog"). When
 * that finds nothing, words one typo away count too ("hamstirng", "brid dog").
 * Best matches first when searching (for one or two letters, names that
 * start with them), favourites first and then alphabetical otherwise.
 */
export function listExercises(db: Database, filters: ExerciseFilters): ExerciseSummary[] {
  const exact = rowsOf(db, exerciseQuery(db, filters, false), 0)
  return exact.length > 0 || searchTerms(filters.query).length === 0
    ? exact
    : rowsOf(db, exerciseQuery(db, filters, true), 0)
}

/**
 * One page of the library search (`limits.exerciseList` exercises from
 * `offset`) with how many match in all, so a library of thousands can be
 * browsed to its end.
 */
export function pageExercises(
  db: Database,
  filters: ExerciseFilters,
  offset: number
): ExercisePage {
  let query = exerciseQuery(db, filters, false)
  let total = countOf(db, query)
  if (total === 0 && searchTerms(filters.query).length > 0) {
    query = exerciseQuery(db, filters, true)
    total = countOf(db, query)
  }
  return { exercises: rowsOf(db, query, offset), total, offset }
}

interface ExerciseQuery {
  from: string
  where: string
  order: string
  params: Record<string, string>
}

/**
 * The exercise columns a summary reads: the stored ones. `e.*` would also
 * compute the folded copies the search index reads (virtual generated
 * columns), a cost paid on every row read. Asked of the schema once a database.
 */
const storedColumns = new WeakMap<Database, string>()
function summaryColumns(db: Database): string {
  let columns = storedColumns.get(db)
  if (columns === undefined) {
    const names = db
      .prepare("SELECT name FROM pragma_table_xinfo('exercises') WHERE hidden = 0")
      .pluck()
      .all() as string[]
    columns = names.map((name) => `e.${name}`).join(', ')
    storedColumns.set(db, columns)
  }
  return columns
}

/**
 * One page of matches, in two steps: the ids sorted (a short search matches
 * thousands, and sorting whole rows cost more than finding them), then the
 * page's rows read in that order.
 */
function rowsOf(db: Database, query: ExerciseQuery, offset: number): ExerciseSummary[] {
  const ids = db
    .prepare(
      `SELECT e.id FROM ${query.from} ${query.where}
       ORDER BY ${query.order} LIMIT ${limits.exerciseList} OFFSET @offset`
    )
    .pluck()
    .all({ ...query.params, offset }) as number[]
  const rows = db
    .prepare(
      `SELECT ${summaryColumns(db)}, ez.name AS easier_name, hz.name AS harder_name
       FROM json_each(@ids) page JOIN exercises e ON e.id = page.value ${joinLinks}
       ORDER BY page.key`
    )
    .all({ ids: JSON.stringify(ids) }) as Row[]
  return rows.map(summaryFrom)
}

const countOf = (db: Database, query: ExerciseQuery): number =>
  db
    .prepare(`SELECT count(*) FROM ${query.from} ${query.where}`)
    .pluck()
    .get(query.params) as number

/** Queries this short (letters in all) are ordered by name, not ranked: see `exerciseQuery`. */
const shortQuery = 2

function exerciseQuery(db: Database, filters: ExerciseFilters, forgiving: boolean): ExerciseQuery {
  const terms = searchTerms(filters.query)
  const where: string[] = []
  const params: Record<string, string> = {}
  let from = 'exercises e'
  let order = 'e.favourite DESC, e.name COLLATE NOCASE'
  if (!filters.includeArchived) where.push('e.archived_at IS NULL')
  if (terms.length > 0) {
    from = 'exercises_fts f JOIN exercises e ON e.id = f.rowid'
    where.push('exercises_fts MATCH @match')
    params.match = matchExpression(db, terms, forgiving)
    if (terms.join('').length <= shortQuery) {
      // one or two letters match a third of a large library, and ranking each
      // match costs more than finding them: names that start so come first
      params.namePrefix = likePrefix(terms.join(' '))
      order = `e.name LIKE @namePrefix ESCAPE '\\' DESC, ${order}`
    } else {
      // name hits count most, then other names, tags, regions, summary
      order = 'bm25(exercises_fts, 10, 5, 2, 1, 3), e.name COLLATE NOCASE'
    }
  }
  const equal = {
    category: 'category',
    position: 'position',
    difficulty: 'difficulty',
    source: 'source'
  }
  for (const [key, column] of Object.entries(equal)) {
    const value = filters[key as keyof typeof equal]
    if (value) {
      where.push(`e.${column} = @${key}`)
      params[key] = value
    }
  }
  for (const [key, column] of [
    ['bodyRegion', 'body_regions'],
    ['equipment', 'equipment'],
    ['condition', 'conditions'],
    ['stage', 'stages'],
    ['movement', 'movements']
  ] as const) {
    const value = filters[key]
    if (value) {
      where.push(`EXISTS (SELECT 1 FROM json_each(e.${column}) WHERE value = @${key})`)
      params[key] = value
    }
  }
  if (filters.favouritesOnly) where.push('e.favourite = 1')
  return { from, where: where.length ? `WHERE ${where.join(' AND ')}` : '', order, params }
}

/** The values the filters offer: every body region and piece of equipment in use. */
export function exerciseFacets(db: Database): ExerciseFacets {
  const distinct = (column: string) =>
    (
      db
        .prepare(
          `SELECT DISTINCT j.value AS value FROM exercises e, json_each(e.${column}) j
           WHERE e.archived_at IS NULL ORDER BY j.value COLLATE NOCASE`
        )
        .all() as { value: string }[]
    ).map((row) => row.value)
  return {
    bodyRegions: distinct('body_regions'),
    equipment: distinct('equipment'),
    conditions: distinct('conditions')
  }
}

function usageOf(db: Database, id: number): ExerciseUsage {
  const templates = db
    .prepare(
      `SELECT DISTINCT t.id, t.name FROM template_items i JOIN templates t ON t.id = i.template_id
       WHERE i.exercise_id = ? AND t.archived_at IS NULL ORDER BY t.name`
    )
    .all(id) as ExerciseUsage['templates']
  const programs = db
    .prepare(
      `SELECT DISTINCT v.id AS versionId, v.version_no AS versionNo, v.title, v.status,
         p.full_name AS patientName
       FROM program_items i JOIN program_versions v ON v.id = i.version_id
       JOIN programs g ON g.id = v.program_id JOIN patients p ON p.id = g.patient_id
       WHERE i.exercise_id = ? ORDER BY v.updated_at DESC LIMIT 50`
    )
    .all(id) as ExerciseUsage['programs']
  return { templates, programs }
}

/**
 * The progression chain through an exercise, easiest first: its easier
 * variants, itself, its harder ones. A loop (a clinic's links can make one)
 * ends the chain where it would repeat.
 */
function chainOf(db: Database, self: ExerciseLink): ExerciseLink[] {
  const step = db.prepare(
    `SELECT n.id, n.name FROM exercises e JOIN exercises n
     ON n.id = CASE WHEN @harder THEN e.harder_id ELSE e.easier_id END WHERE e.id = @id`
  )
  const seen = new Set([self.id])
  const walk = (harder: boolean): ExerciseLink[] => {
    const found: ExerciseLink[] = []
    let current = self.id
    for (;;) {
      const next = step.get({ id: current, harder: harder ? 1 : 0 }) as ExerciseLink | undefined
      if (next === undefined || seen.has(next.id)) return found
      seen.add(next.id)
      found.push(next)
      current = next.id
    }
  }
  return [...walk(false).reverse(), self, ...walk(true)]
}

/** An exercise with its pictures; `getExercise` adds where it is used. */
export function exerciseDetails(db: Database, id: number): Omit<Exercise, 'usage'> {
  const row = db
    .prepare(`SELECT ${withLinks} FROM exercises e ${joinLinks} WHERE e.id = ?`)
    .get(id) as Row | undefined
  if (row === undefined) {
    throw new AppError('not_found', 'That exercise could not be found in the library.')
  }
  const media = db
    .prepare(
      `SELECT id, kind, stage FROM exercise_media WHERE exercise_id = ? AND retired_at IS NULL
       ORDER BY sort_order, id`
    )
    .all(id) as ExerciseMedia[]
  return {
    ...summaryFrom(row),
    summary: row.summary as string,
    steps: JSON.parse(row.steps as string) as string[],
    equipment: JSON.parse(row.equipment as string) as string[],
    caution: row.caution as string | null,
    archivedAt: row.archived_at as string | null,
    copiedFromId: row.copied_from_id as number | null,
    media,
    chain: chainOf(db, { id, name: row.name as string })
  }
}

export function getExercise(db: Database, id: number): Exercise {
  return { ...exerciseDetails(db, id), usage: usageOf(db, id) }
}

function assertEditable(db: Database, id: number): Exercise {
  const exercise = getExercise(db, id)
  if (exercise.source === 'builtin') {
    throw new AppError(
      'forbidden',
      'Built-in exercises can’t be changed. Duplicate it to make your own editable copy.'
    )
  }
  return exercise
}

/** The exercises table is written here only: the api, the seed and the import all call in. */
type RowFields = Omit<ExerciseFields, 'defaultDose'> & { defaultDose: Partial<Dose> }

function fieldParams(fields: RowFields): Record<string, unknown> {
  return {
    name: fields.name,
    summary: fields.summary,
    steps: JSON.stringify(fields.steps),
    category: fields.category,
    bodyRegions: JSON.stringify(fields.bodyRegions),
    position: fields.position,
    equipment: JSON.stringify(fields.equipment),
    difficulty: fields.difficulty,
    caution: fields.caution,
    ...doseParams(fields.defaultDose, 'default_')
  }
}

const doseNames = doseColumnNames('default_')

export function insertExercise(
  db: Database,
  fields: ExerciseFields,
  extra: { source: ExerciseSource; copiedFromId?: number | null; keywords?: string } = {
    source: 'custom'
  }
): number {
  const now = new Date().toISOString()
  const { id } = db
    .prepare(
      `INSERT INTO exercises (source, copied_from_id, name, keywords, summary, steps, category,
         body_regions, position, equipment, difficulty, caution, ${doseNames.join(', ')},
         created_at, updated_at)
       VALUES (@source, @copiedFromId, @name, @keywords, @summary, @steps, @category,
         @bodyRegions, @position, @equipment, @difficulty, @caution,
         ${doseNames.map((name) => '@' + name).join(', ')}, @now, @now)
       RETURNING id`
    )
    .get({
      ...fieldParams(fields),
      source: extra.source,
      copiedFromId: extra.copiedFromId ?? null,
      keywords: extra.keywords ?? '',
      now
    }) as { id: number }
  return id
}

/** A built-in exercise by its key: inserted the first time, its content replaced after. */
export function upsertBuiltinExercise(
  db: Database,
  key: string,
  fields: RowFields,
  keywords: string,
  now: string
): number {
  const { id } = db
    .prepare(
      `INSERT INTO exercises (builtin_key, source, name, keywords, summary, steps, category,
         body_regions, position, equipment, difficulty, caution, ${doseNames.join(', ')},
         created_at, updated_at)
       VALUES (@key, 'builtin', @name, @keywords, @summary, @steps, @category,
         @bodyRegions, @position, @equipment, @difficulty, @caution,
         ${doseNames.map((name) => '@' + name).join(', ')}, @now, @now)
       ON CONFLICT (builtin_key) DO UPDATE SET
         name = excluded.name, keywords = excluded.keywords, summary = excluded.summary,
         steps = excluded.steps, category = excluded.category,
         body_regions = excluded.body_regions, position = excluded.position,
         equipment = excluded.equipment, difficulty = excluded.difficulty,
         caution = excluded.caution,
         ${doseNames.map((name) => `${name} = excluded.${name}`).join(', ')},
         updated_at = excluded.updated_at
       RETURNING id`
    )
    .get({ ...fieldParams(fields), key, keywords, now }) as { id: number }
  return id
}

/** Where an imported exercise came from and the content it was imported with. */
export function setImportSource(
  db: Database,
  id: number,
  source: { ref: string; hash: string; keywords: string }
): void {
  db.prepare('UPDATE exercises SET import_ref = ?, import_hash = ?, keywords = ? WHERE id = ?').run(
    source.ref,
    source.hash,
    source.keywords,
    id
  )
}

/** The built-ins' easier and harder links, all cleared: the seed then draws its chains afresh. */
export function clearBuiltinVariants(db: Database): void {
  db.prepare(
    'UPDATE exercises SET easier_id = NULL, harder_id = NULL WHERE builtin_key IS NOT NULL'
  ).run()
}

/** An exercise's easier and harder variants as they are given (the seed's own chains). */
export function linkVariants(
  db: Database,
  id: number,
  easierId: number | null,
  harderId: number | null
): void {
  db.prepare('UPDATE exercises SET easier_id = ?, harder_id = ? WHERE id = ?').run(
    easierId,
    harderId,
    id
  )
}

/** A built-in exercise's tags, by its key. */
export function setBuiltinTags(db: Database, key: string, tags: ExerciseTags): void {
  db.prepare(
    'UPDATE exercises SET conditions = ?, stages = ?, movements = ? WHERE builtin_key = ?'
  ).run(
    JSON.stringify(tags.conditions),
    JSON.stringify(tags.stages),
    JSON.stringify(tags.movements),
    key
  )
}

export function updateExerciseRow(db: Database, id: number, fields: ExerciseFields): void {
  db.prepare(
    `UPDATE exercises SET name = @name, summary = @summary, steps = @steps,
       category = @category, body_regions = @bodyRegions, position = @position,
       equipment = @equipment, difficulty = @difficulty, caution = @caution,
       ${doseNames.map((name) => `${name} = @${name}`).join(', ')},
       import_hash = NULL, updated_at = @now
     WHERE id = @id`
  ).run({ ...fieldParams(fields), id, now: new Date().toISOString() })
}

/**
 * An exercise's tags and its easier and harder variants. A variant must be
 * another exercise in the library.
 */
export function setExtras(db: Database, id: number, extras: ExerciseExtras): void {
  const exists = db.prepare('SELECT 1 FROM exercises WHERE id = ?')
  for (const [field, linked] of [
    ['easierId', extras.easierId],
    ['harderId', extras.harderId]
  ] as const) {
    if (linked === null) continue
    if (linked === id) {
      throw new AppError('invalid_input', 'An exercise can’t be its own variant.', field)
    }
    if (exists.get(linked) === undefined) {
      throw new AppError('invalid_input', 'That variant is not in the library.', field)
    }
  }
  if (extras.easierId !== null && extras.easierId === extras.harderId) {
    throw new AppError('invalid_input', 'The easier and harder variants must differ.', 'harderId')
  }
  db.prepare(
    `UPDATE exercises SET conditions = ?, stages = ?, movements = ?, easier_id = ?, harder_id = ?
     WHERE id = ?`
  ).run(
    JSON.stringify(extras.conditions),
    JSON.stringify(extras.stages),
    JSON.stringify(extras.movements),
    extras.easierId,
    extras.harderId,
    id
  )
}

/** A form's input as the exercise's own fields and its extras. */
export function splitExtras(
  input: ExerciseFields & ExerciseExtras
): [ExerciseFields, ExerciseExtras] {
  const { conditions, stages, movements, easierId, harderId, ...fields } = input
  return [fields, { conditions, stages, movements, easierId, harderId }]
}

export type PhotoInput = { mediaId: number } | { data: Buffer; mime: 'image/png' | 'image/jpeg' }

/**
 * Sets an exercise's photos in order: the first is the start position, the
 * second the end. Photos dropped from the list are retired, not deleted, so
 * handouts issued with them print the same.
 */
export function setPhotos(db: Database, exerciseId: number, photos: PhotoInput[]): void {
  const now = new Date().toISOString()
  const kept = photos.flatMap((photo) => ('mediaId' in photo ? [photo.mediaId] : []))
  db.prepare(
    `UPDATE exercise_media SET retired_at = ? WHERE exercise_id = ? AND retired_at IS NULL
     AND id NOT IN (SELECT value FROM json_each(?))`
  ).run(now, exerciseId, JSON.stringify(kept))
  const stageOf = (index: number) =>
    photos.length === 1 ? 'single' : index === 0 ? 'start' : index === 1 ? 'end' : 'single'
  const reorder = db.prepare(
    'UPDATE exercise_media SET sort_order = ?, stage = ? WHERE id = ? AND exercise_id = ?'
  )
  const insert = db.prepare(
    `INSERT INTO exercise_media (exercise_id, kind, stage, sort_order, mime, data)
     VALUES (?, 'photo', ?, ?, ?, ?)`
  )
  photos.forEach((photo, index) => {
    if ('mediaId' in photo) {
      const { changes } = reorder.run(index, stageOf(index), photo.mediaId, exerciseId)
      if (changes === 0) {
        throw new AppError('invalid_input', `Photo ${index + 1} does not belong to this exercise.`)
      }
    } else {
      insert.run(exerciseId, stageOf(index), index, photo.mime, photo.data)
    }
  })
}

export function createExercise(
  db: Database,
  fields: ExerciseFields,
  extras: ExerciseExtras,
  photos: PhotoInput[]
): Exercise {
  const id = insertExercise(db, fields)
  setExtras(db, id, extras)
  setPhotos(db, id, photos)
  return getExercise(db, id)
}

export function updateExercise(
  db: Database,
  id: number,
  fields: ExerciseFields,
  extras: ExerciseExtras,
  photos: PhotoInput[]
): Exercise {
  assertEditable(db, id)
  updateExerciseRow(db, id, fields)
  setExtras(db, id, extras)
  setPhotos(db, id, photos)
  return getExercise(db, id)
}

/** An editable copy of any exercise, pictures included. */
export function duplicateExercise(db: Database, id: number): Exercise {
  const original = getExercise(db, id)
  const copyId = insertExercise(
    db,
    { ...original, name: `${original.name} (copy)`.slice(0, 200) },
    { source: 'custom', copiedFromId: original.id }
  )
  const { conditions, stages, movements, easier, harder } = original
  setExtras(db, copyId, {
    conditions,
    stages,
    movements,
    easierId: easier?.id ?? null,
    harderId: harder?.id ?? null
  })
  db.prepare(
    `INSERT INTO exercise_media (exercise_id, kind, stage, sort_order, mime, resource_path, data, width, height)
     SELECT ?, kind, stage, sort_order, mime, resource_path, data, width, height FROM exercise_media
     WHERE exercise_id = ? AND retired_at IS NULL`
  ).run(copyId, id)
  return getExercise(db, copyId)
}

export function setFavourite(db: Database, id: number, favourite: boolean): Exercise {
  getExercise(db, id)
  db.prepare('UPDATE exercises SET favourite = ? WHERE id = ?').run(favourite ? 1 : 0, id)
  return getExercise(db, id)
}

export function setExerciseArchived(db: Database, id: number, archived: boolean): Exercise {
  assertEditable(db, id)
  const now = new Date().toISOString()
  db.prepare(
    `UPDATE exercises SET archived_at = CASE WHEN ? THEN coalesce(archived_at, ?) END,
       updated_at = ? WHERE id = ?`
  ).run(archived ? 1 : 0, now, now, id)
  return getExercise(db, id)
}

/** Only an exercise no program or template uses can go; the rest can be archived. */
export function deleteExercise(db: Database, id: number): null {
  const exercise = assertEditable(db, id)
  const uses = exercise.usage.programs.length + exercise.usage.templates.length
  const used = db.prepare('SELECT 1 FROM program_items WHERE exercise_id = ? LIMIT 1').get(id)
  if (uses > 0 || used !== undefined) {
    throw new AppError(
      'conflict',
      `“${exercise.name}” is used in programs or templates, so it can’t be deleted. Archive it instead: old handouts stay whole.`
    )
  }
  db.prepare('DELETE FROM exercises WHERE id = ?').run(id)
  return null
}
