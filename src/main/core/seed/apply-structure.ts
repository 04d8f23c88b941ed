/**
 * Applies the built-in structure (seed/structure.ts) after the content:
 * progression links, tags, next stages and walk–run plans on built-in rows.
 * Only rows with a builtin_key are touched; the clinic's own keep theirs.
 */
import type { Database } from 'better-sqlite3'
import { builtinWalkRunPlans, planFrom } from '@shared/walk-run'
import type { ExerciseStage } from '@shared/types'
import { clearBuiltinVariantsSync, linkVariantsSync, setBuiltinTagsSync } from '../exercises'
import {
  movementsByExercise,
  progressionChains,
  stagedConditions,
  templateWalkRun
} from './structure'

function idOf(db: Database, table: 'exercises' | 'templates', key: string): number {
  const row = db.prepare(`SELECT id FROM ${table} WHERE builtin_key = ?`).get(key) as
    { id: number } | undefined
  if (row === undefined) throw new Error(`Built-in structure refers to unknown ${table} key ${key}`)
  return row.id
}

function linkProgressions(db: Database): void {
  clearBuiltinVariantsSync(db)
  for (const chain of progressionChains) {
    const ids = chain.map((key) => idOf(db, 'exercises', key))
    ids.forEach((id, index) =>
      linkVariantsSync(db, id, ids[index - 1] ?? null, ids[index + 1] ?? null)
    )
  }
}

/** Each exercise of a staged template takes its condition and stage; movements by key. */
function tagExercises(db: Database): void {
  const tags = new Map<string, { conditions: Set<string>; stages: Set<ExerciseStage> }>()
  const itemKeys = db.prepare(
    `SELECT e.builtin_key AS key FROM template_items i JOIN exercises e ON e.id = i.exercise_id
     WHERE i.template_id = ? AND e.builtin_key IS NOT NULL`
  )
  for (const { condition, stages } of stagedConditions) {
    for (const { template, stage } of stages) {
      const keys = itemKeys.all(idOf(db, 'templates', template)) as { key: string }[]
      for (const { key } of keys) {
        const entry = tags.get(key) ?? { conditions: new Set(), stages: new Set() }
        entry.conditions.add(condition)
        entry.stages.add(stage)
        tags.set(key, entry)
      }
    }
  }
  const stageOrder = ['early', 'middle', 'late', 'return']
  const keys = db.prepare('SELECT builtin_key AS key FROM exercises WHERE builtin_key IS NOT NULL')
  for (const { key } of keys.all() as { key: string }[]) {
    const entry = tags.get(key)
    const stages = [...(entry?.stages ?? [])].sort(
      (a, b) => stageOrder.indexOf(a) - stageOrder.indexOf(b)
    )
    setBuiltinTagsSync(db, key, {
      conditions: [...(entry?.conditions ?? [])].sort(),
      stages,
      movements: movementsByExercise[key] ?? []
    })
  }
}

function stageTemplates(db: Database): void {
  db.prepare(
    'UPDATE templates SET next_id = NULL, pain_rule = NULL, walk_run = NULL WHERE builtin_key IS NOT NULL'
  ).run()
  const setNext = db.prepare('UPDATE templates SET next_id = ? WHERE id = ?')
  for (const { stages } of stagedConditions) {
    stages.forEach(({ template }, index) => {
      const next = stages[index + 1]
      if (next) setNext.run(idOf(db, 'templates', next.template), idOf(db, 'templates', template))
    })
  }
  const setPlan = db.prepare('UPDATE templates SET pain_rule = ?, walk_run = ? WHERE id = ?')
  for (const [template, { plan, painRule }] of Object.entries(templateWalkRun)) {
    const builtin = builtinWalkRunPlans.find((each) => each.key === plan)
    if (!builtin) throw new Error(`Built-in template ${template} refers to unknown plan ${plan}`)
    setPlan.run(
      painRule,
      JSON.stringify(planFrom(builtin, painRule)),
      idOf(db, 'templates', template)
    )
  }
}

export function applyStructure(db: Database): void {
  linkProgressions(db)
  tagExercises(db)
  stageTemplates(db)
}
