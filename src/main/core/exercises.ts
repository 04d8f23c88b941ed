/**
 * The exercise library: search, the exercise with its pictures and where it
 * is used, and the clinic's own exercises. On the query layer (issue 17);
 * the `…Sync` bridges serve what still runs synchronously on a `db`: the
 * import worker and the seed (their own connections or the main one).
 */
import type { Database } from 'better-sqlite3'
import { sql } from 'kysely'
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
import { nowIso } from './clock'
import { doseColumnNames, doseFromRow, doseParams } from './dose-columns'
import { closeTerms } from './fuzzy'
import { dialectSql } from './query/dialect'
import type { ExercisesTable, Query } from './query/schema'
import { rowsOf, runSteps, runStepsNow, type Steps } from './query/steps'
import { runNow, sqliteBuilder } from './query/sync'
import { searchTerms } from './search'
import { nextVersion, updateVersioned } from './versioned'

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

const doseNames = doseColumnNames('default_') as (keyof ExercisesTable & `default_${string}`)[]

/**
 * The columns a summary reads, by name: SQLite's generated columns (the
 * folded copies its search index reads) would be computed on every row read.
 */
const summaryColumns = [
  'e.id',
  'e.name',
  'e.source',
  'e.category',
  'e.body_regions',
  'e.position',
  'e.difficulty',
  'e.favourite',
  'e.easier_id',
  'e.harder_id',
  'e.conditions',
  'e.stages',
  'e.movements',
  ...doseNames.map((name) => `e.${name}` as const),
  'ez.name as easier_name',
  'hz.name as harder_name'
] as const

/** Exercises with the names of their easier and harder variants. */
const withLinks = (q: Query) =>
  q
    .selectFrom('exercises as e')
    .leftJoin('exercises as ez', 'ez.id', 'e.easier_id')
    .leftJoin('exercises as hz', 'hz.id', 'e.harder_id')

/** A joined variant (or next stage) as a link, or null where the join found none. */
export function linkFrom(id: number | null, name: string | null): ExerciseLink | null {
  return id === null ? null : { id, name: name ?? '' }
}

function summaryFrom(row: {
  id: number
  name: string
  source: ExerciseSource
  category: ExerciseCategory
  body_regions: string
  position: ExerciseSummary['position']
  difficulty: ExerciseSummary['difficulty']
  favourite: number
  easier_id: number | null
  harder_id: number | null
  easier_name: string | null
  harder_name: string | null
  conditions: string
  stages: string
  movements: string
}): ExerciseSummary {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    category: row.category,
    bodyRegions: JSON.parse(row.body_regions) as string[],
    position: row.position,
    difficulty: row.difficulty,
    favourite: row.favourite === 1,
    defaultDose: doseFromRow(row, 'default_'),
    easier: linkFrom(row.easier_id, row.easier_name),
    harder: linkFrom(row.harder_id, row.harder_name),
    conditions: JSON.parse(row.conditions) as string[],
    stages: JSON.parse(row.stages) as ExerciseStage[],
    movements: JSON.parse(row.movements) as ExerciseMovement[]
  }
}

/**
 * Library search: every typed word must match the start of a word in the
 * name, other names, body regions or summary ("hamstr", "bird dog"). When
 * that finds nothing, words one typo away count too ("hamstirng", "brid dog").
 * Best matches first when searching (for one or two letters, names that
 * start with them), favourites first and then alphabetical otherwise.
 */
export async function listExercises(
  q: Query,
  filters: ExerciseFilters
): Promise<ExerciseSummary[]> {
  const exact = await pageOf(q, await exerciseQuery(q, filters, false), 0)
  return exact.length > 0 || searchTerms(filters.query).length === 0
    ? exact
    : pageOf(q, await exerciseQuery(q, filters, true), 0)
}

/**
 * One page of the library search (`limits.exerciseList` exercises from
 * `offset`) with how many match in all, so a library of thousands can be
 * browsed to its end.
 */
export async function pageExercises(
  q: Query,
  filters: ExerciseFilters,
  offset: number
): Promise<ExercisePage> {
  let query = await exerciseQuery(q, filters, false)
  let total = await countOf(query)
  if (total === 0 && searchTerms(filters.query).length > 0) {
    query = await exerciseQuery(q, filters, true)
    total = await countOf(query)
  }
  return { exercises: await pageOf(q, query, offset), total, offset }
}

type ExerciseQuery = Awaited<ReturnType<typeof exerciseQuery>>

/**
 * One page of matches, in two steps: the ids sorted (a short search matches
 * thousands, and sorting whole rows cost more than finding them), then the
 * page's rows read and put in that order.
 */
async function pageOf(q: Query, query: ExerciseQuery, offset: number): Promise<ExerciseSummary[]> {
  const ids = (await query.select('e.id').limit(limits.exerciseList).offset(offset).execute()).map(
    (row) => row.id
  )
  if (ids.length === 0) return []
  const rows = await withLinks(q)
    .select(summaryColumns)
    .where(dialectSql(q).oneOf('e.id', ids))
    .execute()
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => summaryFrom(byId.get(id)!))
}

async function countOf(query: ExerciseQuery): Promise<number> {
  const { n } = await query
    .clearOrderBy()
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n)
}

/** Queries this short (letters in all) are ordered by name, not ranked: see `exerciseQuery`. */
const shortQuery = 2

const equalFilters = ['category', 'position', 'difficulty', 'source'] as const

const listFilters = [
  ['bodyRegion', 'e.body_regions'],
  ['equipment', 'e.equipment'],
  ['condition', 'e.conditions'],
  ['stage', 'e.stages'],
  ['movement', 'e.movements']
] as const

/**
 * The search's matches in order, filtered. With `forgiving`, each typed word
 * also matches the indexed words one typo away from it.
 */
async function exerciseQuery(q: Query, filters: ExerciseFilters, forgiving: boolean) {
  const dialect = dialectSql(q)
  const terms = searchTerms(filters.query)
  // one or two letters match a third of a large library, and ranking each match costs more
  // than finding them: names that start so come first, unranked
  const ranked = terms.join('').length > shortQuery
  const words = forgiving ? await dialect.libraryWords(q) : []
  const groups = terms.map((term) => [term, ...closeTerms(words, term)])
  let query = q
    .selectFrom('exercises as e')
    .$if(terms.length > 0, (s) =>
      s.innerJoin(dialect.libraryMatches(groups, ranked).as('m'), 'm.id', 'e.id')
    )
    .$if(!filters.includeArchived, (s) => s.where('e.archived_at', 'is', null))
    .$if(Boolean(filters.favouritesOnly), (s) => s.where('e.favourite', '=', 1))
  for (const key of equalFilters) {
    const value = filters[key]
    if (value) query = query.where(sql.ref(`e.${key}`), '=', value)
  }
  for (const [key, column] of listFilters) {
    const value = filters[key]
    if (value) query = query.where(dialect.listHas(column, value))
  }
  if (terms.length > 0 && ranked) {
    // name hits count most, then other names, tags, regions, summary
    return query.orderBy(sql`m.rank`).orderBy(dialect.caseless('e.name'))
  }
  if (terms.length > 0) query = query.orderBy(dialect.startsWith('e.name', terms.join(' ')), 'desc')
  return query.orderBy('e.favourite', 'desc').orderBy(dialect.caseless('e.name'))
}

/** The values the filters offer: every body region, piece of equipment and condition in use. */
export async function exerciseFacets(q: Query): Promise<ExerciseFacets> {
  const { exerciseListValues } = dialectSql(q)
  return {
    bodyRegions: await exerciseListValues(q, 'body_regions'),
    equipment: await exerciseListValues(q, 'equipment'),
    conditions: await exerciseListValues(q, 'conditions')
  }
}

async function usageOf(q: Query, id: number): Promise<ExerciseUsage> {
  const templates = await q
    .selectFrom('template_items as i')
    .innerJoin('templates as t', 't.id', 'i.template_id')
    .select(['t.id', 't.name'])
    .distinct()
    .where('i.exercise_id', '=', id)
    .where('t.archived_at', 'is', null)
    .orderBy('t.name')
    .execute()
  const programs = await q
    .selectFrom('program_items as i')
    .innerJoin('program_versions as v', 'v.id', 'i.version_id')
    .innerJoin('programs as g', 'g.id', 'v.program_id')
    .innerJoin('patients as p', 'p.id', 'g.patient_id')
    .select([
      'v.id as versionId',
      'v.version_no as versionNo',
      'v.title',
      'v.status',
      'p.full_name as patientName',
      'v.updated_at'
    ])
    .distinct()
    .where('i.exercise_id', '=', id)
    .orderBy('v.updated_at', 'desc')
    .limit(50)
    .execute()
  // updated_at is selected for the order alone: PostgreSQL orders a DISTINCT only by what it selects
  return {
    templates,
    programs: programs.map(({ versionId, versionNo, title, status, patientName }) => ({
      versionId,
      versionNo,
      title,
      status,
      patientName
    }))
  }
}

/**
 * The progression chain through an exercise, easiest first: its easier
 * variants, itself, its harder ones. A loop (a clinic's links can make one)
 * ends the chain where it would repeat.
 */
async function chainOf(q: Query, self: ExerciseLink): Promise<ExerciseLink[]> {
  const seen = new Set([self.id])
  async function walk(harder: boolean): Promise<ExerciseLink[]> {
    const found: ExerciseLink[] = []
    let current = self.id
    for (;;) {
      const [next] = await q
        .selectFrom('exercises as e')
        .innerJoin('exercises as n', 'n.id', harder ? 'e.harder_id' : 'e.easier_id')
        .select(['n.id', 'n.name'])
        .where('e.id', '=', current)
        .execute()
      if (next === undefined || seen.has(next.id)) return found
      seen.add(next.id)
      found.push(next)
      current = next.id
    }
  }
  const easier = await walk(false)
  return [...easier.reverse(), self, ...(await walk(true))]
}

/** An exercise with its pictures; `getExercise` adds where it is used. */
export async function exerciseDetails(q: Query, id: number): Promise<Omit<Exercise, 'usage'>> {
  const [row] = await withLinks(q)
    .select([
      ...summaryColumns,
      'e.summary',
      'e.steps',
      'e.equipment',
      'e.caution',
      'e.archived_at',
      'e.copied_from_id',
      'e.version'
    ])
    .where('e.id', '=', id)
    .execute()
  if (row === undefined) {
    throw new AppError('not_found', 'That exercise could not be found in the library.')
  }
  const media: ExerciseMedia[] = await q
    .selectFrom('exercise_media')
    .select(['id', 'kind', 'stage'])
    .where('exercise_id', '=', id)
    .where('retired_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return {
    ...summaryFrom(row),
    summary: row.summary,
    steps: JSON.parse(row.steps) as string[],
    equipment: JSON.parse(row.equipment) as string[],
    caution: row.caution,
    archivedAt: row.archived_at,
    copiedFromId: row.copied_from_id,
    version: row.version,
    media,
    chain: await chainOf(q, { id, name: row.name })
  }
}

export async function getExercise(q: Query, id: number): Promise<Exercise> {
  return { ...(await exerciseDetails(q, id)), usage: await usageOf(q, id) }
}

async function assertEditable(q: Query, id: number): Promise<Exercise> {
  const exercise = await getExercise(q, id)
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

function fieldColumns(fields: RowFields) {
  return {
    name: fields.name,
    summary: fields.summary,
    steps: JSON.stringify(fields.steps),
    category: fields.category,
    body_regions: JSON.stringify(fields.bodyRegions),
    position: fields.position,
    equipment: JSON.stringify(fields.equipment),
    difficulty: fields.difficulty,
    caution: fields.caution,
    ...(doseParams(fields.defaultDose, 'default_') as Pick<
      ExercisesTable,
      (typeof doseNames)[number]
    >)
  }
}

interface NewExercise {
  source: ExerciseSource
  copiedFromId?: number | null
  keywords?: string
}

const exerciseInsert = (q: Query, fields: ExerciseFields, extra: NewExercise) => {
  const now = nowIso()
  return q
    .insertInto('exercises')
    .values({
      ...fieldColumns(fields),
      source: extra.source,
      copied_from_id: extra.copiedFromId ?? null,
      keywords: extra.keywords ?? '',
      created_at: now,
      updated_at: now
    })
    .returning('id')
}

export async function insertExercise(
  q: Query,
  fields: ExerciseFields,
  extra: NewExercise = { source: 'custom' }
): Promise<number> {
  return (await exerciseInsert(q, fields, extra).executeTakeFirstOrThrow()).id
}

/** `insertExercise` for the import worker, on its own connection. */
export function insertExerciseSync(
  db: Database,
  fields: ExerciseFields,
  extra: NewExercise
): number {
  return runNow(db, exerciseInsert(sqliteBuilder, fields, extra))[0]!.id
}

/** A built-in exercise by its key (the seed's): inserted the first time, its content replaced after. */
export function upsertBuiltinExerciseSync(
  db: Database,
  key: string,
  fields: RowFields,
  keywords: string,
  now: string
): number {
  const columns = { ...fieldColumns(fields), keywords, updated_at: now }
  const query = sqliteBuilder
    .insertInto('exercises')
    .values({ ...columns, builtin_key: key, source: 'builtin', created_at: now })
    .onConflict((conflict) =>
      conflict
        .columns(dialectSql(sqliteBuilder).uniqueKey(['builtin_key']))
        .doUpdateSet(
          Object.fromEntries(
            Object.keys(columns).map((column) => [column, sql.ref(`excluded.${column}`)])
          )
        )
    )
    .returning('id')
  return runNow(db, query)[0]!.id
}

/** Where an imported exercise came from and the content it was imported with (the import worker's). */
export function setImportSourceSync(
  db: Database,
  id: number,
  source: { ref: string; hash: string; keywords: string }
): void {
  runNow(
    db,
    sqliteBuilder
      .updateTable('exercises')
      .set({ import_ref: source.ref, import_hash: source.hash, keywords: source.keywords })
      .where('id', '=', id)
  )
}

/** The built-ins' easier and harder links, all cleared: the seed then draws its chains afresh. */
export function clearBuiltinVariantsSync(db: Database): void {
  runNow(
    db,
    sqliteBuilder
      .updateTable('exercises')
      .set({ easier_id: null, harder_id: null })
      .where('builtin_key', 'is not', null)
  )
}

/** An exercise's easier and harder variants as they are given (the seed's own chains). */
export function linkVariantsSync(
  db: Database,
  id: number,
  easierId: number | null,
  harderId: number | null
): void {
  runNow(
    db,
    sqliteBuilder
      .updateTable('exercises')
      .set({ easier_id: easierId, harder_id: harderId })
      .where('id', '=', id)
  )
}

/** A built-in exercise's tags, by its key (the seed's). */
export function setBuiltinTagsSync(db: Database, key: string, tags: ExerciseTags): void {
  runNow(
    db,
    sqliteBuilder
      .updateTable('exercises')
      .set({
        conditions: JSON.stringify(tags.conditions),
        stages: JSON.stringify(tags.stages),
        movements: JSON.stringify(tags.movements)
      })
      .where('builtin_key', '=', key)
  )
}

const editedColumns = (fields: ExerciseFields) => ({
  ...fieldColumns(fields),
  import_hash: null,
  updated_at: nowIso()
})

/** Saves an exercise as edited from `version`; refused if someone saved since (versioned.ts). */
export async function updateExerciseRow(
  q: Query,
  id: number,
  version: number,
  fields: ExerciseFields
): Promise<void> {
  await updateVersioned(q, { table: 'exercises', id }, version, editedColumns(fields))
}

/**
 * A re-import's update, on the import worker's connection: the file is what
 * the clinic chose to bring in, so it checks no version, but moves it on, so
 * an edit begun before the import is refused rather than overwriting it.
 */
export function updateExerciseRowSync(db: Database, id: number, fields: ExerciseFields): void {
  runNow(
    db,
    sqliteBuilder
      .updateTable('exercises')
      .set({ ...editedColumns(fields), version: nextVersion })
      .where('id', '=', id)
  )
}

/**
 * An exercise's tags and its easier and harder variants. A variant must be
 * another exercise in the library.
 */
export async function setExtras(q: Query, id: number, extras: ExerciseExtras): Promise<void> {
  for (const [field, linked] of [
    ['easierId', extras.easierId],
    ['harderId', extras.harderId]
  ] as const) {
    if (linked === null) continue
    if (linked === id) {
      throw new AppError('invalid_input', 'An exercise can’t be its own variant.', field)
    }
    const exists = await q
      .selectFrom('exercises')
      .select('id')
      .where('id', '=', linked)
      .executeTakeFirst()
    if (exists === undefined) {
      throw new AppError('invalid_input', 'That variant is not in the library.', field)
    }
  }
  if (extras.easierId !== null && extras.easierId === extras.harderId) {
    throw new AppError('invalid_input', 'The easier and harder variants must differ.', 'harderId')
  }
  await q
    .updateTable('exercises')
    .set({
      conditions: JSON.stringify(extras.conditions),
      stages: JSON.stringify(extras.stages),
      movements: JSON.stringify(extras.movements),
      easier_id: extras.easierId,
      harder_id: extras.harderId
    })
    .where('id', '=', id)
    .execute()
}

/** A form's input as the exercise's own fields and its extras. */
export function splitExtras(
  input: ExerciseFields & ExerciseExtras
): [ExerciseFields, ExerciseExtras] {
  const { conditions, stages, movements, easierId, harderId, ...fields } = input
  return [fields, { conditions, stages, movements, easierId, harderId }]
}

export type PhotoInput = { mediaId: number } | { data: Buffer; mime: 'image/png' | 'image/jpeg' }

function* photosStep(q: Query, exerciseId: number, photos: PhotoInput[]): Steps<void> {
  const now = nowIso()
  const kept = photos.flatMap((photo) => ('mediaId' in photo ? [photo.mediaId] : []))
  yield* rowsOf(
    q
      .updateTable('exercise_media')
      .set({ retired_at: now })
      .where('exercise_id', '=', exerciseId)
      .where('retired_at', 'is', null)
      .$if(kept.length > 0, (s) => s.where('id', 'not in', kept))
  )
  const stageOf = (index: number) =>
    photos.length === 1 ? 'single' : index === 0 ? 'start' : index === 1 ? 'end' : 'single'
  for (const [index, photo] of photos.entries()) {
    if ('mediaId' in photo) {
      const moved = yield* rowsOf(
        q
          .updateTable('exercise_media')
          .set({ sort_order: index, stage: stageOf(index) })
          .where('id', '=', photo.mediaId)
          .where('exercise_id', '=', exerciseId)
          .returning('id')
      )
      if (moved.length === 0) {
        throw new AppError('invalid_input', `Photo ${index + 1} does not belong to this exercise.`)
      }
    } else {
      yield* rowsOf(
        q.insertInto('exercise_media').values({
          exercise_id: exerciseId,
          kind: 'photo',
          stage: stageOf(index),
          sort_order: index,
          mime: photo.mime,
          resource_path: null,
          data: photo.data,
          width: null,
          height: null,
          retired_at: null
        })
      )
    }
  }
}

/**
 * Sets an exercise's photos in order: the first is the start position, the
 * second the end. Photos dropped from the list are retired, not deleted, so
 * handouts issued with them print the same.
 */
export async function setPhotos(q: Query, exerciseId: number, photos: PhotoInput[]): Promise<void> {
  await runSteps(q, photosStep(q, exerciseId, photos))
}

/** `setPhotos` for the import worker, on its own connection. */
export function setPhotosSync(db: Database, exerciseId: number, photos: PhotoInput[]): void {
  runStepsNow(db, photosStep(sqliteBuilder, exerciseId, photos))
}

export async function createExercise(
  q: Query,
  fields: ExerciseFields,
  extras: ExerciseExtras,
  photos: PhotoInput[]
): Promise<Exercise> {
  const id = await insertExercise(q, fields)
  await setExtras(q, id, extras)
  await setPhotos(q, id, photos)
  return getExercise(q, id)
}

export async function updateExercise(
  q: Query,
  id: number,
  version: number,
  fields: ExerciseFields,
  extras: ExerciseExtras,
  photos: PhotoInput[]
): Promise<Exercise> {
  await assertEditable(q, id)
  await updateExerciseRow(q, id, version, fields)
  await setExtras(q, id, extras)
  await setPhotos(q, id, photos)
  return getExercise(q, id)
}

/** An editable copy of any exercise, pictures included. */
export async function duplicateExercise(q: Query, id: number): Promise<Exercise> {
  const original = await getExercise(q, id)
  const copyId = await insertExercise(
    q,
    { ...original, name: `${original.name} (copy)`.slice(0, 200) },
    { source: 'custom', copiedFromId: original.id }
  )
  const { conditions, stages, movements, easier, harder } = original
  await setExtras(q, copyId, {
    conditions,
    stages,
    movements,
    easierId: easier?.id ?? null,
    harderId: harder?.id ?? null
  })
  const copied = [
    'kind',
    'stage',
    'sort_order',
    'mime',
    'resource_path',
    'data',
    'width',
    'height'
  ] as const
  await q
    .insertInto('exercise_media')
    .columns(['exercise_id', ...copied])
    .expression((e) =>
      e
        .selectFrom('exercise_media')
        .select([sql.lit(copyId).as('exercise_id'), ...copied])
        .where('exercise_id', '=', id)
        .where('retired_at', 'is', null)
    )
    .execute()
  return getExercise(q, copyId)
}

export async function setFavourite(q: Query, id: number, favourite: boolean): Promise<Exercise> {
  await getExercise(q, id)
  await q
    .updateTable('exercises')
    .set({ favourite: favourite ? 1 : 0 })
    .where('id', '=', id)
    .execute()
  return getExercise(q, id)
}

export async function setExerciseArchived(
  q: Query,
  id: number,
  archived: boolean
): Promise<Exercise> {
  await assertEditable(q, id)
  const now = nowIso()
  await q
    .updateTable('exercises')
    .set({
      // archiving again keeps the first date
      archived_at: archived ? sql<string>`coalesce(archived_at, ${now})` : null,
      updated_at: now
    })
    .where('id', '=', id)
    .execute()
  return getExercise(q, id)
}

/** Only an exercise no program or template uses can go; the rest can be archived. */
export async function deleteExercise(q: Query, id: number): Promise<null> {
  const exercise = await assertEditable(q, id)
  const uses = exercise.usage.programs.length + exercise.usage.templates.length
  const used = await q
    .selectFrom('program_items')
    .select('id')
    .where('exercise_id', '=', id)
    .limit(1)
    .executeTakeFirst()
  if (uses > 0 || used !== undefined) {
    throw new AppError(
      'conflict',
      `“${exercise.name}” is used in programs or templates, so it can’t be deleted. Archive it instead: old handouts stay whole.`
    )
  }
  await q.deleteFrom('exercises').where('id', '=', id).execute()
  return null
}
