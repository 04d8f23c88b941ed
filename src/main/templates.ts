import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { Template, TemplateItem } from '@shared/types'
import { doseColumnNames, doseFromRow } from './dose-columns'
import { getVersion } from './programs'

type Row = Record<string, unknown>

function templateFrom(db: Database, row: Row): Template {
  const items = db
    .prepare(
      `SELECT t.*, e.name AS exercise_name FROM template_items t
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
    items: items.map((item): TemplateItem => ({
      exerciseId: item.exercise_id as number,
      exerciseName: item.exercise_name as string,
      phase: item.phase as TemplateItem['phase'],
      dose: doseFromRow(item)
    })),
    advice
  }
}

export function listTemplates(db: Database): Template[] {
  const rows = db
    .prepare(
      `SELECT id, name, description, goals, builtin_key FROM templates
       WHERE archived_at IS NULL ORDER BY builtin_key IS NULL, name COLLATE NOCASE`
    )
    .all() as Row[]
  return rows.map((row) => templateFrom(db, row))
}

export function getTemplate(db: Database, id: number): Template {
  const row = db
    .prepare('SELECT id, name, description, goals, builtin_key FROM templates WHERE id = ?')
    .get(id) as Row | undefined
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
    db.prepare('UPDATE templates SET name = ?, goals = ?, updated_at = ? WHERE id = ?').run(
      name,
      version.goals,
      now,
      id
    )
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

export function updateTemplate(
  db: Database,
  id: number,
  fields: { name: string; description: string; goals: string }
): Template {
  assertOwn(db, id)
  db.prepare(
    'UPDATE templates SET name = ?, description = ?, goals = ?, updated_at = ? WHERE id = ?'
  ).run(fields.name, fields.description, fields.goals, new Date().toISOString(), id)
  return getTemplate(db, id)
}

/** Programs made from it keep their own copy; only the template goes. */
export function deleteTemplate(db: Database, id: number): null {
  assertOwn(db, id)
  db.prepare('DELETE FROM templates WHERE id = ?').run(id)
  return null
}
