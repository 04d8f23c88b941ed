import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { Template, TemplateItem } from '@shared/types'
import type { WalkRunPlan } from '@shared/walk-run'
import type { ValidInput } from '@shared/contract'
import { doseColumnNames, doseFromRow, doseParams } from './dose-columns'
import { assertExercisesExist, getVersion } from './programs'

type Row = Record<string, unknown>

function templateFrom(db: Database, row: Row): Template {
  const items = db
    .prepare(
      `SELECT t.*, e.name AS exercise_name, e.category AS exercise_category,
         e.archived_at AS exercise_archived_at FROM template_items t
       JOIN exercises e ON e.id = t.exercise_id WHERE t.template_id = ? ORDER BY t.position`
    )
    .all(row.id) as Row[]
  const advice = db
    .prepare(
      `SELECT a.id, a.title FROM template_advice t
       JOIN advice_sections a ON a.id = t.advice_id WHERE t.template_id = ? ORDER BY t.position`
    )
    .all(row.id) as Template['advice']
  return {
    id: row.id as number,
    name: row.name as string,
    description: row.description as string,
    goals: row.goals as string,
    builtin: row.builtin_key !== null,
    next:
      row.next_id === null ? null : { id: row.next_id as number, name: row.next_name as string },
    painRule: row.pain_rule as string | null,
    walkRun: row.walk_run === null ? null : (JSON.parse(row.walk_run as string) as WalkRunPlan),
    items: items.map((item): TemplateItem => ({
      exerciseId: item.exercise_id as number,
      exerciseName: item.exercise_name as string,
      category: item.exercise_category as TemplateItem['category'],
      archived: item.exercise_archived_at !== null,
      phase: item.phase as TemplateItem['phase'],
      dose: doseFromRow(item)
    })),
    advice
  }
}

const templateColumns = `t.id, t.name, t.description, t.goals, t.builtin_key, t.pain_rule,
  t.walk_run, n.id AS next_id, n.name AS next_name`
/** the next stage, unless it was archived */
const templateJoin =
  'FROM templates t LEFT JOIN templates n ON n.id = t.next_id AND n.archived_at IS NULL'

export function listTemplates(db: Database): Template[] {
  const rows = db
    .prepare(
      `SELECT ${templateColumns} ${templateJoin}
       WHERE t.archived_at IS NULL ORDER BY t.builtin_key IS NULL, t.name COLLATE NOCASE`
    )
    .all() as Row[]
  return rows.map((row) => templateFrom(db, row))
}

export function getTemplate(db: Database, id: number): Template {
  const row = db.prepare(`SELECT ${templateColumns} ${templateJoin} WHERE t.id = ?`).get(id) as
    Row | undefined
  if (row === undefined) throw new AppError('not_found', 'That template could not be found.')
  return templateFrom(db, row)
}

function assertOwn(db: Database, id: number): void {
  if (getTemplate(db, id).builtin) {
    throw new AppError(
      'forbidden',
      'Built-in templates can’t be changed. Start a program from it and save that as your own template.'
    )
  }
}

/**
 * A template from a program version: its exercises with their doses, and the
 * library advice it uses (an edited advice copy is the patient's own and is
 * not carried over). With `replaceId`, one of the clinic's own templates
 * takes this content instead: how a template's exercises are edited.
 */
export function saveTemplateFrom(
  db: Database,
  versionId: number,
  name: string,
  replaceId?: number
): Template {
  const version = getVersion(db, versionId)
  const now = new Date().toISOString()
  // the walk–run plan goes with the exercises, and its pain rule becomes the template's wording
  const plan = version.walkRun === null ? null : JSON.stringify(version.walkRun)
  const painRule = version.walkRun?.painRule ?? null
  let id: number
  if (replaceId === undefined) {
    id = (
      db
        .prepare(
          `INSERT INTO templates (name, description, goals, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?) RETURNING id`
        )
        .get(name, `From “${version.title}”`, version.goals, now, now) as { id: number }
    ).id
  } else {
    assertOwn(db, replaceId)
    id = replaceId
    db.prepare(
      'UPDATE templates SET name = ?, goals = ?, walk_run = ?, pain_rule = ?, updated_at = ? WHERE id = ?'
    ).run(name, version.goals, plan, painRule, now, id)
    db.prepare('DELETE FROM template_items WHERE template_id = ?').run(id)
    db.prepare('DELETE FROM template_advice WHERE template_id = ?').run(id)
  }
  const doseNames = doseColumnNames()
  db.prepare(
    `INSERT INTO template_items (template_id, position, exercise_id, phase, ${doseNames.join(', ')})
     SELECT ?, position, exercise_id, phase, ${doseNames.join(', ')} FROM program_items
     WHERE version_id = ?`
  ).run(id, versionId)
  db.prepare(
    `INSERT INTO template_advice (template_id, position, advice_id)
     SELECT ?, row_number() OVER (ORDER BY position) - 1, advice_id FROM program_advice
     WHERE version_id = ? AND advice_id IS NOT NULL`
  ).run(id, versionId)
  return getTemplate(db, id)
}

/** A next stage must be another template, and following the stages must never loop back. */
function assertNextStage(db: Database, id: number, nextId: number | null): void {
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
    const row = db.prepare('SELECT next_id FROM templates WHERE id = ?').get(current) as
      { next_id: number | null } | undefined
    if (row === undefined) {
      throw new AppError('invalid_input', 'That next stage is not a template.', 'nextId')
    }
    current = row.next_id
  }
}

export function updateTemplate(
  db: Database,
  id: number,
  fields: {
    name: string
    description: string
    goals: string
    nextId: number | null
    painRule: string | null
  }
): Template {
  assertOwn(db, id)
  assertNextStage(db, id, fields.nextId)
  db.prepare(
    `UPDATE templates SET name = ?, description = ?, goals = ?, next_id = ?, pain_rule = ?,
       updated_at = ? WHERE id = ?`
  ).run(
    fields.name,
    fields.description,
    fields.goals,
    fields.nextId,
    fields.painRule,
    new Date().toISOString(),
    id
  )
  return getTemplate(db, id)
}

function assertAdviceExists(db: Database, adviceIds: number[]): void {
  const known = db.prepare('SELECT 1 FROM advice_sections WHERE id = ?')
  adviceIds.forEach((adviceId, index) => {
    if (known.get(adviceId) === undefined) {
      throw new AppError(
        'invalid_input',
        `Advice ${index + 1} is not in the advice library any more. Remove it.`,
        `adviceIds.${index}`
      )
    }
  })
}

/**
 * A template built on the Templates screen, whole: a new one without `id`,
 * otherwise one of the clinic's own with all its content replaced. Programs
 * made from it before keep their own copy.
 */
export function saveTemplate(db: Database, content: ValidInput<'templates:save'>): Template {
  const { name, description, goals, nextId, painRule, items, adviceIds, walkRun } = content
  assertExercisesExist(db, items)
  assertAdviceExists(db, adviceIds)
  const now = new Date().toISOString()
  const plan = walkRun === null ? null : JSON.stringify(walkRun)
  let id = content.id
  if (id === undefined) {
    id = (
      db
        .prepare(
          `INSERT INTO templates (name, description, goals, pain_rule, walk_run, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`
        )
        .get(name, description, goals, painRule, plan, now, now) as { id: number }
    ).id
  } else {
    assertOwn(db, id)
    db.prepare(
      `UPDATE templates SET name = ?, description = ?, goals = ?, pain_rule = ?, walk_run = ?,
         updated_at = ? WHERE id = ?`
    ).run(name, description, goals, painRule, plan, now, id)
    db.prepare('DELETE FROM template_items WHERE template_id = ?').run(id)
    db.prepare('DELETE FROM template_advice WHERE template_id = ?').run(id)
  }
  // checked once the template has its id, so a new template can't name itself either
  assertNextStage(db, id, nextId)
  db.prepare('UPDATE templates SET next_id = ? WHERE id = ?').run(nextId, id)
  const doseNames = doseColumnNames()
  const addItem = db.prepare(
    `INSERT INTO template_items (template_id, position, exercise_id, phase, ${doseNames.join(', ')})
     VALUES (@id, @position, @exerciseId, @phase, ${doseNames.map((n) => '@' + n).join(', ')})`
  )
  items.forEach(({ exerciseId, phase, dose }, position) => {
    addItem.run({ id, position, exerciseId, phase, ...doseParams(dose) })
  })
  const addAdvice = db.prepare(
    'INSERT INTO template_advice (template_id, position, advice_id) VALUES (?, ?, ?)'
  )
  adviceIds.forEach((adviceId, position) => addAdvice.run(id, position, adviceId))
  return getTemplate(db, id)
}

/** Programs made from it keep their own copy; only the template goes. */
export function deleteTemplate(db: Database, id: number): null {
  assertOwn(db, id)
  db.prepare('DELETE FROM templates WHERE id = ?').run(id)
  return null
}
