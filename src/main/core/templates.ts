/**
 * Program templates, built-in and the clinic's own. On the query layer
 * (issue 17): every function takes its handler's `q` first.
 */
import { sql } from 'kysely'
import { AppError } from '@shared/errors'
import type { Template, TemplateItem } from '@shared/types'
import type { WalkRunPlan } from '@shared/walk-run'
import type { ValidInput } from '@shared/contract'
import { nowIso } from './clock'
import { doseFromRow } from './dose-columns'
import { assertExercisesExist, doseColumns, doseNames, getVersion } from './programs'
import type { Query } from './query/schema'
import { dialectSql } from './query/dialect'
import { updateVersioned } from './versioned'

const templateRows = (q: Query) =>
  q
    .selectFrom('templates as t')
    // the next stage, unless it was archived
    .leftJoin('templates as n', (join) =>
      join.onRef('n.id', '=', 't.next_id').on('n.archived_at', 'is', null)
    )
    .select([
      't.id',
      't.name',
      't.description',
      't.goals',
      't.builtin_key',
      't.pain_rule',
      't.walk_run',
      't.version',
      'n.id as next_id',
      'n.name as next_name'
    ])

type TemplateRow = Awaited<ReturnType<ReturnType<typeof templateRows>['execute']>>[number]

/** The templates of `rows` whole: their exercises and advice read for all of them at once. */
async function templatesFrom(q: Query, rows: TemplateRow[]): Promise<Template[]> {
  if (rows.length === 0) return []
  const ids = dialectSql(q).oneOf(
    't.template_id',
    rows.map((row) => row.id)
  )
  const items = await q
    .selectFrom('template_items as t')
    .innerJoin('exercises as e', 'e.id', 't.exercise_id')
    .selectAll('t')
    .select([
      'e.name as exercise_name',
      'e.category as exercise_category',
      'e.archived_at as exercise_archived_at'
    ])
    .where(ids)
    .orderBy('t.template_id')
    .orderBy('t.position')
    .execute()
  const advice = await q
    .selectFrom('template_advice as t')
    .innerJoin('advice_sections as a', 'a.id', 't.advice_id')
    .select(['t.template_id', 'a.id', 'a.title'])
    .where(ids)
    .orderBy('t.template_id')
    .orderBy('t.position')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    goals: row.goals,
    builtin: row.builtin_key !== null,
    next: row.next_id === null ? null : { id: row.next_id, name: row.next_name ?? '' },
    painRule: row.pain_rule,
    walkRun: row.walk_run === null ? null : (JSON.parse(row.walk_run) as WalkRunPlan),
    version: row.version,
    items: items
      .filter((item) => item.template_id === row.id)
      .map((item): TemplateItem => ({
        exerciseId: item.exercise_id,
        exerciseName: item.exercise_name,
        category: item.exercise_category,
        archived: item.exercise_archived_at !== null,
        phase: item.phase,
        dose: doseFromRow(item)
      })),
    advice: advice
      .filter((section) => section.template_id === row.id)
      .map(({ id, title }) => ({ id, title }))
  }))
}

export async function listTemplates(q: Query): Promise<Template[]> {
  const rows = await templateRows(q)
    .where('t.archived_at', 'is', null)
    .orderBy(sql`t.builtin_key IS NULL`)
    .orderBy(dialectSql(q).caseless('t.name'))
    .execute()
  return templatesFrom(q, rows)
}

export async function getTemplate(q: Query, id: number): Promise<Template> {
  const row = await templateRows(q).where('t.id', '=', id).executeTakeFirst()
  if (row === undefined) throw new AppError('not_found', 'That template could not be found.')
  const [template] = await templatesFrom(q, [row])
  return template!
}

async function assertOwn(q: Query, id: number): Promise<void> {
  if ((await getTemplate(q, id)).builtin) {
    throw new AppError(
      'forbidden',
      'Built-in templates can’t be changed. Start a program from it and save that as your own template.'
    )
  }
}

async function clearContent(q: Query, id: number): Promise<void> {
  await q.deleteFrom('template_items').where('template_id', '=', id).execute()
  await q.deleteFrom('template_advice').where('template_id', '=', id).execute()
}

/**
 * A template from a program version: its exercises with their doses, and the
 * library advice it uses (an edited advice copy is the patient's own and is
 * not carried over). With `replaceId`, one of the clinic's own templates
 * takes this content instead: how a template's exercises are edited.
 */
export async function saveTemplateFrom(
  q: Query,
  versionId: number,
  name: string,
  replace?: { id: number; version: number }
): Promise<Template> {
  const version = await getVersion(q, versionId)
  const now = nowIso()
  // the walk–run plan goes with the exercises, and its pain rule becomes the template's wording
  const plan = version.walkRun === null ? null : JSON.stringify(version.walkRun)
  const painRule = version.walkRun?.painRule ?? null
  let id: number
  if (replace === undefined) {
    id = (
      await q
        .insertInto('templates')
        .values({
          builtin_key: null,
          name,
          description: `From “${version.title}”`,
          goals: version.goals,
          next_id: null,
          pain_rule: null,
          walk_run: null,
          archived_at: null,
          created_at: now,
          updated_at: now
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  } else {
    await assertOwn(q, replace.id)
    id = replace.id
    await updateVersioned(q, { table: 'templates', id }, replace.version, {
      name,
      goals: version.goals,
      walk_run: plan,
      pain_rule: painRule,
      updated_at: now
    })
    await clearContent(q, id)
  }
  // typed, so PostgreSQL takes the parameter as the id column's type
  const templateId = sql<number>`CAST(${id} AS bigint)`
  await q
    .insertInto('template_items')
    .columns(['template_id', 'position', 'exercise_id', 'phase', ...doseNames])
    .expression((eb) =>
      eb
        .selectFrom('program_items')
        .select([templateId.as('template_id'), 'position', 'exercise_id', 'phase', ...doseNames])
        .where('version_id', '=', versionId)
    )
    .execute()
  await q
    .insertInto('template_advice')
    .columns(['template_id', 'position', 'advice_id'])
    .expression((eb) =>
      eb
        .selectFrom('program_advice')
        .select([
          templateId.as('template_id'),
          sql<number>`row_number() OVER (ORDER BY position) - 1`.as('position'),
          'advice_id'
        ])
        .where('version_id', '=', versionId)
        .where('advice_id', 'is not', null)
    )
    .execute()
  return getTemplate(q, id)
}

/** A next stage must be another template, and following the stages must never loop back. */
async function assertNextStage(q: Query, id: number, nextId: number | null): Promise<void> {
  const seen = new Set([id])
  for (let current = nextId; current !== null;) {
    if (seen.has(current)) {
      throw new AppError(
        'invalid_input',
        'That next stage leads back to this template: stages must go forward.',
        'nextId'
      )
    }
    seen.add(current)
    const row = await q
      .selectFrom('templates')
      .select('next_id')
      .where('id', '=', current)
      .executeTakeFirst()
    if (row === undefined) {
      throw new AppError('invalid_input', 'That next stage is not a template.', 'nextId')
    }
    current = row.next_id
  }
}

export async function updateTemplate(
  q: Query,
  id: number,
  version: number,
  fields: {
    name: string
    description: string
    goals: string
    nextId: number | null
    painRule: string | null
  }
): Promise<Template> {
  await assertOwn(q, id)
  await assertNextStage(q, id, fields.nextId)
  await updateVersioned(q, { table: 'templates', id }, version, {
    name: fields.name,
    description: fields.description,
    goals: fields.goals,
    next_id: fields.nextId,
    pain_rule: fields.painRule,
    updated_at: nowIso()
  })
  return getTemplate(q, id)
}

async function assertAdviceExists(q: Query, adviceIds: number[]): Promise<void> {
  if (adviceIds.length === 0) return
  const found = await q
    .selectFrom('advice_sections as a')
    .select('a.id')
    .where(dialectSql(q).oneOf('a.id', adviceIds))
    .execute()
  const known = new Set(found.map((row) => row.id))
  const index = adviceIds.findIndex((adviceId) => !known.has(adviceId))
  if (index >= 0) {
    throw new AppError(
      'invalid_input',
      `Advice ${index + 1} is not in the advice library any more. Remove it.`,
      `adviceIds.${index}`
    )
  }
}

/**
 * A template built on the Templates screen, whole: a new one without `id`,
 * otherwise one of the clinic's own with all its content replaced. Programs
 * made from it before keep their own copy.
 */
export async function saveTemplate(
  q: Query,
  content: ValidInput<'templates:save'>
): Promise<Template> {
  const { name, description, goals, nextId, painRule, items, adviceIds, walkRun } = content
  await assertExercisesExist(q, items)
  await assertAdviceExists(q, adviceIds)
  const now = nowIso()
  const fields = {
    name,
    description,
    goals,
    pain_rule: painRule,
    walk_run: walkRun === null ? null : JSON.stringify(walkRun),
    updated_at: now
  }
  let id = content.id
  if (id === undefined) {
    id = (
      await q
        .insertInto('templates')
        .values({ ...fields, builtin_key: null, next_id: null, archived_at: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  } else {
    await assertOwn(q, id)
    // the contract requires a version with an id; no row is at version 0, so none is forced
    await updateVersioned(q, { table: 'templates', id }, content.version ?? 0, fields)
    await clearContent(q, id)
  }
  // checked once the template has its id, so a new template can't name itself either
  await assertNextStage(q, id, nextId)
  await q.updateTable('templates').set({ next_id: nextId }).where('id', '=', id).execute()
  const templateId = id
  if (items.length > 0) {
    await q
      .insertInto('template_items')
      .values(
        items.map(({ exerciseId, phase, dose }, position) => ({
          template_id: templateId,
          position,
          exercise_id: exerciseId,
          phase,
          ...doseColumns(dose)
        }))
      )
      .execute()
  }
  if (adviceIds.length > 0) {
    await q
      .insertInto('template_advice')
      .values(
        adviceIds.map((adviceId, position) => ({
          template_id: templateId,
          position,
          advice_id: adviceId
        }))
      )
      .execute()
  }
  return getTemplate(q, id)
}

/** Programs made from it keep their own copy; only the template goes. */
export async function deleteTemplate(q: Query, id: number): Promise<null> {
  await assertOwn(q, id)
  await q.deleteFrom('templates').where('id', '=', id).execute()
  return null
}
