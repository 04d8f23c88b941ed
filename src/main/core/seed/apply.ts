import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { doseColumnNames, doseParams } from '../dose-columns'
import { upsertBuiltinExerciseSync } from '../exercises'
import { readSettingSync, writeSettingSync } from '../settings'
import { builtinAdvice, builtinExercises, builtinTemplates } from './content'
import { illustrationPaths } from './exercises'
import { applyStructure } from './apply-structure'
import { builtinWalkRunPlans } from '@shared/walk-run'
import {
  movementsByExercise,
  progressionChains,
  stagedConditions,
  templateWalkRun
} from './structure'

const content = {
  exercises: builtinExercises,
  advice: builtinAdvice,
  templates: builtinTemplates,
  structure: [progressionChains, stagedConditions, movementsByExercise, templateWalkRun],
  walkRunPlans: builtinWalkRunPlans
}

/**
 * The version of the built-in content is its hash: any edit to the seed
 * files reaches existing clinics on the next start, with no number to bump.
 */
export const builtinContentVersion = createHash('sha256')
  .update(JSON.stringify(content))
  .digest('hex')
  .slice(0, 16)

const settingKey = 'builtin_content_version'

function upsertExercises(db: Database, now: string): Map<string, number> {
  const ids = new Map<string, number>()
  for (const { key, keywords, dose, ...fields } of builtinExercises) {
    const row = { ...fields, defaultDose: dose }
    ids.set(key, upsertBuiltinExerciseSync(db, key, row, keywords, now))
  }
  return ids
}

/**
 * Each built-in exercise's line illustrations, matched by file path so a
 * picture keeps its id (issued handouts refer to it); a dropped one is retired.
 */
function upsertIllustrations(db: Database, exerciseIds: Map<string, number>, now: string): void {
  const existing = db.prepare(
    "SELECT id, resource_path FROM exercise_media WHERE exercise_id = ? AND kind = 'illustration'"
  )
  const insert = db.prepare(
    `INSERT INTO exercise_media (exercise_id, kind, stage, sort_order, mime, resource_path)
     VALUES (?, 'illustration', ?, ?, 'image/svg+xml', ?)`
  )
  const keep = db.prepare(
    'UPDATE exercise_media SET stage = ?, sort_order = ?, retired_at = NULL WHERE id = ?'
  )
  const retire = db.prepare('UPDATE exercise_media SET retired_at = ? WHERE id = ?')
  for (const exercise of builtinExercises) {
    const exerciseId = exerciseIds.get(exercise.key)!
    const paths = illustrationPaths(exercise)
    const stages = paths.length === 1 ? ['single'] : ['start', 'end']
    const rows = existing.all(exerciseId) as { id: number; resource_path: string }[]
    paths.forEach((path, index) => {
      const row = rows.find((candidate) => candidate.resource_path === path)
      if (row) keep.run(stages[index], index, row.id)
      else insert.run(exerciseId, stages[index], index, path)
    })
    for (const row of rows.filter((candidate) => !paths.includes(candidate.resource_path))) {
      retire.run(now, row.id)
    }
  }
}

function upsertAdvice(db: Database, now: string): Map<string, number> {
  const upsert = db.prepare(`
    INSERT INTO advice_sections (builtin_key, kind, title, intro, points, sort_order, created_at, updated_at)
    VALUES (@key, @kind, @title, @intro, @points, @sortOrder, @now, @now)
    ON CONFLICT (builtin_key) DO UPDATE SET
      kind = excluded.kind, title = excluded.title, intro = excluded.intro,
      points = excluded.points, sort_order = excluded.sort_order, updated_at = excluded.updated_at
    RETURNING id`)
  const ids = new Map<string, number>()
  builtinAdvice.forEach((advice, index) => {
    const { key, kind, title, intro } = advice
    const params = { key, kind, title, intro, points: JSON.stringify(advice.points) }
    const row = upsert.get({ ...params, sortOrder: index, now }) as { id: number }
    ids.set(advice.key, row.id)
  })
  return ids
}

function upsertTemplates(
  db: Database,
  now: string,
  exerciseIds: Map<string, number>,
  adviceIds: Map<string, number>
): void {
  const doseNames = doseColumnNames()
  const upsert = db.prepare(`
    INSERT INTO templates (builtin_key, name, description, goals, created_at, updated_at)
    VALUES (@key, @name, @description, @goals, @now, @now)
    ON CONFLICT (builtin_key) DO UPDATE SET
      name = excluded.name, description = excluded.description, goals = excluded.goals,
      updated_at = excluded.updated_at
    RETURNING id`)
  const clearItems = db.prepare('DELETE FROM template_items WHERE template_id = ?')
  const clearAdvice = db.prepare('DELETE FROM template_advice WHERE template_id = ?')
  const addItem = db.prepare(`
    INSERT INTO template_items (template_id, position, exercise_id, phase, ${doseNames.join(', ')})
    VALUES (@templateId, @position, @exerciseId, @phase, ${doseNames.map((name) => '@' + name).join(', ')})`)
  const defaultDoses = new Map(builtinExercises.map((exercise) => [exercise.key, exercise.dose]))
  const addAdvice = db.prepare(
    'INSERT INTO template_advice (template_id, position, advice_id) VALUES (?, ?, ?)'
  )
  const idOf = (ids: Map<string, number>, key: string): number => {
    const id = ids.get(key)
    if (id === undefined) throw new Error(`Built-in template refers to unknown key ${key}`)
    return id
  }
  for (const template of builtinTemplates) {
    const { key, name, description, goals } = template
    const { id: templateId } = upsert.get({ key, name, description, goals, now }) as { id: number }
    clearItems.run(templateId)
    clearAdvice.run(templateId)
    template.items.forEach((item, position) => {
      // the exercise's default dose, with the template's changes
      const dose = { ...defaultDoses.get(item.exercise), ...item.dose }
      const exerciseId = idOf(exerciseIds, item.exercise)
      addItem.run({
        templateId,
        position,
        exerciseId,
        phase: item.phase ?? 'main',
        ...doseParams(dose)
      })
    })
    template.advice.forEach((adviceKey, position) => {
      addAdvice.run(templateId, position, idOf(adviceIds, adviceKey))
    })
  }
}

/** Built-ins a newer seed dropped are archived, never deleted: programs may use them. */
function archiveRetired(db: Database, table: string, keys: string[], now: string): void {
  db.prepare(
    `UPDATE ${table} SET archived_at = ? WHERE builtin_key IS NOT NULL AND archived_at IS NULL
     AND builtin_key NOT IN (SELECT value FROM json_each(?))`
  ).run(now, JSON.stringify(keys))
}

/**
 * Brings the built-in library up to this app's content, in one transaction.
 * Does nothing when already current. Rows the clinic made (no builtin_key)
 * are never touched; the clinic's own state on built-ins (favourite,
 * archived) is kept.
 */
export function seedBuiltins(db: Database): boolean {
  if (readSettingSync<string>(db, settingKey) === builtinContentVersion) return false
  db.transaction(() => {
    const now = new Date().toISOString()
    const exerciseIds = upsertExercises(db, now)
    upsertIllustrations(db, exerciseIds, now)
    const adviceIds = upsertAdvice(db, now)
    upsertTemplates(db, now, exerciseIds, adviceIds)
    applyStructure(db)
    archiveRetired(db, 'exercises', [...exerciseIds.keys()], now)
    archiveRetired(db, 'advice_sections', [...adviceIds.keys()], now)
    archiveRetired(
      db,
      'templates',
      builtinTemplates.map((template) => template.key),
      now
    )
    writeSettingSync(db, settingKey, builtinContentVersion)
  })()
  return true
}
