import type { Database } from 'better-sqlite3'
import type { AdviceSection, Template, TemplateItem } from '@shared/types'
import { doseFromRow } from './dose-columns'

type Row = Record<string, unknown>

export function listAdvice(db: Database): AdviceSection[] {
  const rows = db
    .prepare(
      `SELECT id, title, kind, intro, points, builtin_key FROM advice_sections
       WHERE archived_at IS NULL ORDER BY sort_order, title COLLATE NOCASE`
    )
    .all() as Row[]
  return rows.map((row) => ({
    id: row.id as number,
    title: row.title as string,
    kind: row.kind as AdviceSection['kind'],
    intro: row.intro as string,
    points: JSON.parse(row.points as string) as string[],
    builtin: row.builtin_key !== null
  }))
}

export function listTemplates(db: Database): Template[] {
  const templates = db
    .prepare(
      `SELECT id, name, description, goals, builtin_key FROM templates
       WHERE archived_at IS NULL ORDER BY builtin_key IS NULL, name COLLATE NOCASE`
    )
    .all() as Row[]
  const items = db.prepare(
    `SELECT t.*, e.name AS exercise_name FROM template_items t
     JOIN exercises e ON e.id = t.exercise_id WHERE t.template_id = ? ORDER BY t.position`
  )
  const advice = db.prepare(
    `SELECT a.id, a.title FROM template_advice t
     JOIN advice_sections a ON a.id = t.advice_id WHERE t.template_id = ? ORDER BY t.position`
  )
  return templates.map((row) => ({
    id: row.id as number,
    name: row.name as string,
    description: row.description as string,
    goals: row.goals as string,
    builtin: row.builtin_key !== null,
    items: (items.all(row.id) as Row[]).map((item): TemplateItem => ({
      exerciseId: item.exercise_id as number,
      exerciseName: item.exercise_name as string,
      dose: doseFromRow(item)
    })),
    advice: advice.all(row.id) as Template['advice']
  }))
}
