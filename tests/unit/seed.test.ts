import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtinAdvice } from '../../src/main/core/seed/advice'
import { seedBuiltins } from '../../src/main/core/seed/apply'
import { builtinExercises, illustrationPaths } from '../../src/main/core/seed/exercises'
import * as library from '../../src/main/core/seed/content'
import { runningAdvice } from '../../src/main/core/seed/advice-running'
import { runningExercises } from '../../src/main/core/seed/exercises-running'
import { runningTemplates } from '../../src/main/core/seed/templates-running'
import { listExercises } from '../../src/main/core/exercises'
import { sqliteStore } from '../../src/main/core/query/store'
import { writeSettingSync } from '../../src/main/core/settings'
import { doseFromRow } from '../../src/main/core/dose-columns'
import { doseNoteConflicts, emptyDose, incompleteDoses } from '../../src/shared/dose'
import { difficulties, exerciseCategories, positions } from '../../src/shared/types'
import { illustrationFiles } from '../../scripts/illustrations.mts'
import { countRows, memoryDb } from './helpers'

const articleExercises = [
  'Cat-camel',
  'Knee-to-chest stretch',
  'Plank',
  'Bird-dog',
  'Superman',
  'Glute bridge',
  "Child's pose",
  'Pigeon pose',
  'Standing hamstring stretch',
  'Pelvic tilt',
  'Lying knee twist',
  'Leg swings',
  'Arm circles',
  'Walking lunges',
  'Light jog or walk cool-down',
  // tight hip flexors are named twice as a cause
  'Kneeling hip flexor stretch'
]

describe('built-in content', () => {
  it('has every exercise the article names, each with steps, a region and a dose', () => {
    expect(builtinExercises.map((e) => e.name)).toEqual(expect.arrayContaining(articleExercises))
    for (const exercise of builtinExercises) {
      expect(exercise.steps.length, exercise.name).toBeGreaterThanOrEqual(3)
      expect(exercise.bodyRegions.length, exercise.name).toBeGreaterThan(0)
      expect(Object.keys(exercise.dose).length, exercise.name).toBeGreaterThan(0)
    }
  })

  it('gives every built-in exercise its line illustrations, as files that exist', () => {
    for (const exercise of library.builtinExercises) {
      for (const path of illustrationPaths(exercise)) {
        expect(existsSync(join('resources', path)), path).toBe(true)
        expect(readFileSync(join('resources', path), 'utf8')).toMatch(/^<svg xmlns/)
      }
    }
    const db = memoryDb()
    const pictures = db
      .prepare(
        `SELECT e.builtin_key AS key, m.stage FROM exercise_media m JOIN exercises e ON e.id = m.exercise_id
         WHERE e.builtin_key IN ('plank', 'cat-camel') ORDER BY e.builtin_key, m.sort_order`
      )
      .all()
    expect(pictures).toEqual([
      { key: 'cat-camel', stage: 'start' },
      { key: 'cat-camel', stage: 'end' },
      { key: 'plank', stage: 'single' }
    ])
  })

  it("keeps the article's doses", () => {
    const byKey = new Map(builtinExercises.map((e) => [e.key, e]))
    expect(byKey.get('plank')?.dose).toMatchObject({ sets: 3, holdSeconds: 30 })
    expect(byKey.get('plank')?.dose.note).toMatch(/60 seconds and 5 times/)
    expect(byKey.get('cat-camel')?.dose).toMatchObject({ reps: 10 })
    expect(byKey.get('cat-camel')?.dose.note).toMatch(/15/)
    expect(byKey.get('knee-to-chest')?.dose).toMatchObject({ holdSeconds: 20, side: 'both' })
  })

  it('says how often for every exercise, and no note contradicts its dose', () => {
    for (const exercise of library.builtinExercises) {
      const dose = { ...emptyDose, ...exercise.dose }
      expect(incompleteDoses([{ exerciseName: exercise.name, dose }]), exercise.name).toEqual([])
      expect(doseNoteConflicts(dose), exercise.name).toEqual([])
    }
  })

  it('says how often for every template item, as seeded', () => {
    const db = memoryDb()
    const items = db
      .prepare(
        `SELECT e.name AS exerciseName, i.* FROM template_items i JOIN exercises e ON e.id = i.exercise_id`
      )
      .all() as Record<string, unknown>[]
    expect(items.length).toBeGreaterThan(15)
    const doses = items.map((item) => ({
      exerciseName: item.exerciseName as string,
      dose: doseFromRow(item)
    }))
    expect(incompleteDoses(doses)).toEqual([])
    for (const { exerciseName, dose } of doses) {
      expect(doseNoteConflicts(dose), exerciseName).toEqual([])
    }
  })

  it('cites what each template follows', () => {
    for (const template of library.builtinTemplates) {
      expect(template.description, template.key).toMatch(/\b(19|20)\d\d\b/)
    }
  })

  it("keeps the article's meaning: some twisting is normal, heat eases stiffness", () => {
    const text = (key: string) => {
      const advice = builtinAdvice.find((a) => a.key === key)!
      return [advice.intro, ...advice.points].join(' ')
    }
    expect(text('running-form')).toMatch(/Avoid excessive twisting/)
    expect(text('running-form')).toMatch(/a little rotation is normal/)
    expect(text('heat-cold')).toMatch(/Heat relaxes tight muscles and eases stiffness/)
    expect(text('heat-cold')).toMatch(/cold can reduce inflammation/)
    expect(text('seek-help')).toMatch(/severe, persists or gets worse/)
    expect(text('rest-recovery')).toMatch(/rest and recovery after running/i)
  })

  it('has the article advice, with heat and cold for 15 to 20 minutes', () => {
    expect(builtinAdvice.map((a) => a.key)).toEqual(
      expect.arrayContaining([
        'running-form',
        'warm-up-cool-down',
        'heat-cold',
        'pain-relief',
        'rest-recovery',
        'seek-help'
      ])
    )
    const heat = builtinAdvice.find((a) => a.key === 'heat-cold')
    expect(heat?.points.join(' ')).toMatch(/15 to 20 minutes/)
    const form = builtinAdvice.find((a) => a.key === 'running-form')?.points.join(' ') ?? ''
    for (const topic of [/midfoot/, /shorter/, /twisting/, /shoes/, /gradually/, /Stand tall/]) {
      expect(form).toMatch(topic)
    }
  })

  it('templates refer only to built-in exercises and advice', () => {
    const exerciseKeys = new Set(library.builtinExercises.map((e) => e.key))
    const adviceKeys = new Set(library.builtinAdvice.map((a) => a.key))
    for (const template of library.builtinTemplates) {
      expect(template.items.every((item) => exerciseKeys.has(item.exercise))).toBe(true)
      expect(template.advice.every((key) => adviceKeys.has(key))).toBe(true)
    }
  })
})

describe('seeding', () => {
  it('builds templates with each exercise default dose, changed where the template says', () => {
    const db = memoryDb()
    const rows = db
      .prepare(
        `SELECT t.name, e.builtin_key AS exercise, i.sets, i.hold_seconds AS hold FROM template_items i
         JOIN templates t ON t.id = i.template_id JOIN exercises e ON e.id = i.exercise_id
         WHERE e.builtin_key = 'plank' ORDER BY t.name`
      )
      .all()
    expect(rows).toEqual([
      { name: 'Prevention and return to running', exercise: 'plank', sets: 3, hold: 30 },
      { name: "Runner's low back pain — core strengthening", exercise: 'plank', sets: 3, hold: 30 }
    ])
    const childsPose = db.prepare(
      `SELECT i.phase, i.per_day AS perDay, i.per_week AS perWeek FROM template_items i
       JOIN templates t ON t.id = i.template_id JOIN exercises e ON e.id = i.exercise_id
       WHERE e.builtin_key = 'childs-pose' AND t.builtin_key = ?`
    )
    expect(childsPose.get('lbp-relief')).toEqual({ phase: 'main', perDay: 2, perWeek: null })
    expect(childsPose.get('lbp-return-to-running')).toEqual({
      phase: 'after',
      perDay: null,
      perWeek: 3
    })
  })

  it('does nothing when the content is current', () => {
    const db = memoryDb()
    expect(seedBuiltins(db)).toBe(false)
  })

  it('updates built-ins from a changed seed without touching what the clinic made', () => {
    const db = memoryDb()
    const now = new Date().toISOString()
    db.prepare(
      `INSERT INTO exercises (source, name, category, position, created_at, updated_at)
       VALUES ('custom', 'Clinic wall squat', 'strengthening', 'standing', ?, ?)`
    ).run(now, now)
    db.prepare(
      "UPDATE exercises SET name = 'Old name', favourite = 1 WHERE builtin_key = 'plank'"
    ).run()
    db.prepare(
      "INSERT INTO exercises (builtin_key, source, name, category, position, created_at, updated_at) VALUES ('retired', 'builtin', 'Retired move', 'stretch', 'standing', ?, ?)"
    ).run(now, now)
    writeSettingSync(db, 'builtin_content_version', 'an-older-version')
    const before = countRows(db, 'exercises')

    expect(seedBuiltins(db)).toBe(true)

    expect(countRows(db, 'exercises')).toBe(before)
    const plank = db
      .prepare("SELECT name, favourite FROM exercises WHERE builtin_key = 'plank'")
      .get()
    expect(plank).toEqual({ name: 'Plank', favourite: 1 })
    const custom = db
      .prepare("SELECT name, archived_at FROM exercises WHERE source = 'custom'")
      .get()
    expect(custom).toEqual({ name: 'Clinic wall squat', archived_at: null })
    const retired = db
      .prepare("SELECT archived_at FROM exercises WHERE builtin_key = 'retired'")
      .get() as {
      archived_at: string | null
    }
    expect(retired.archived_at).not.toBeNull()
  })
})

describe('the running clinic library', () => {
  const exerciseKeys = new Set(library.builtinExercises.map((e) => e.key))
  const adviceKeys = new Set(library.builtinAdvice.map((a) => a.key))

  it('has at least 80 exercises in all, each complete, under a key of its own', () => {
    expect(library.builtinExercises.length).toBeGreaterThanOrEqual(80)
    expect(exerciseKeys.size).toBe(library.builtinExercises.length)
    for (const exercise of runningExercises) {
      expect(exercise.steps.length, exercise.key).toBeGreaterThanOrEqual(3)
      expect(exercise.summary.length, exercise.key).toBeGreaterThan(20)
      expect(exercise.bodyRegions.length, exercise.key).toBeGreaterThan(0)
      expect(exerciseCategories, exercise.key).toContain(exercise.category)
      expect(positions, exercise.key).toContain(exercise.position)
      expect(difficulties, exercise.key).toContain(exercise.difficulty)
    }
  })

  it('keeps the protocols’ doses', () => {
    const dose = (key: string) => runningExercises.find((e) => e.key === key)?.dose
    const alfredson = { sets: 3, reps: 15, perDay: 2, perWeek: 7 }
    expect(dose('eccentric-heel-drop-straight')).toMatchObject(alfredson)
    expect(dose('eccentric-heel-drop-bent')).toMatchObject(alfredson)
    expect(dose('floor-heel-drop')).toMatchObject(alfredson)
    expect(dose('plantar-fascia-heel-raise')).toMatchObject({ sets: 3, reps: 12, perWeek: 3 })
    expect(dose('plantar-fascia-heel-raise')?.note).toMatch(/every other day/i)
    expect(dose('askling-extender')).toMatchObject({ sets: 3, reps: 12, perDay: 2 })
    expect(dose('askling-diver')).toMatchObject({ sets: 3, reps: 6, perWeek: 3 })
    expect(dose('askling-glider')).toMatchObject({ sets: 3, reps: 4, perWeek: 2 })
  })

  it('draws each exercise as many times as its pictures say, inside the picture box', () => {
    for (const exercise of library.builtinExercises) {
      const files = illustrationPaths(exercise).map((path) => path.replace('illustrations/', ''))
      expect(illustrationFiles(exercise.key), exercise.key).toEqual(files)
      for (const path of illustrationPaths(exercise)) {
        const svg = readFileSync(join('resources', path), 'utf8')
        for (const [, x, y, half] of pointsOf(svg)) {
          expect(x - half, path).toBeGreaterThanOrEqual(0)
          expect(x + half, path).toBeLessThanOrEqual(200)
          expect(y - half, path).toBeGreaterThanOrEqual(0)
          expect(y + half, path).toBeLessThanOrEqual(140)
        }
      }
    }
  })

  it('has templates that cite their source and use only built-in keys', () => {
    expect(runningTemplates.length).toBeGreaterThanOrEqual(10)
    for (const template of runningTemplates) {
      expect(template.description, template.key).toMatch(/\b(19|20)\d\d\b/)
      expect(template.items.length, template.key).toBeGreaterThan(0)
      for (const item of template.items) expect(exerciseKeys, template.key).toContain(item.exercise)
      for (const key of template.advice) expect(adviceKeys, template.key).toContain(key)
      expect(template.advice, template.key).toContain('seek-help-leg')
    }
  })

  it('finds exercises by the condition they serve', async () => {
    const store = sqliteStore(memoryDb())
    const names = async (query: string) =>
      (await store.read((q) => listExercises(q, { query }))).map((e) => e.name)
    expect(await names('achilles')).toEqual(
      expect.arrayContaining([
        'Heel drop off a step, knee straight (Alfredson)',
        'Heel drop on the floor'
      ])
    )
    expect(await names('patellofemoral')).toEqual(expect.arrayContaining(['Wall sit', 'Step-up']))
    expect(await names('plantar')).toContain('Heel raise with a towel under the toes (Rathleff)')
    expect((await names('harder')).length).toBeGreaterThan(3)
  })

  it('brings a clinic that has only the article content up to date without touching its own', () => {
    const db = memoryDb()
    const now = new Date().toISOString()
    // the clinic as it was before this content: no running rows
    const runningKeys = JSON.stringify(runningExercises.map((e) => e.key))
    const inKeys = (table: string, keys: string) =>
      db
        .prepare(`DELETE FROM ${table} WHERE builtin_key IN (SELECT value FROM json_each(?))`)
        .run(keys)
    inKeys('templates', JSON.stringify(runningTemplates.map((t) => t.key)))
    inKeys('advice_sections', JSON.stringify(runningAdvice.map((a) => a.key)))
    inKeys('exercises', runningKeys)
    writeSettingSync(db, 'builtin_content_version', 'the-article-only-version')
    // the clinic's own changes: a favourite, an archived built-in, its own exercise and template
    db.prepare("UPDATE exercises SET favourite = 1 WHERE builtin_key = 'plank'").run()
    db.prepare("UPDATE exercises SET archived_at = ? WHERE builtin_key = 'superman'").run(now)
    db.prepare(
      `INSERT INTO exercises (source, name, category, position, created_at, updated_at)
       VALUES ('custom', 'Clinic calf raise', 'strengthening', 'standing', ?, ?)`
    ).run(now, now)
    const template = db
      .prepare(
        `INSERT INTO templates (name, description, goals, created_at, updated_at)
         VALUES ('Our knee plan', 'Ours', '', ?, ?) RETURNING id`
      )
      .get(now, now) as { id: number }
    db.prepare(
      `INSERT INTO template_items (template_id, position, exercise_id, sets, reps)
       SELECT ?, 0, id, 4, 8 FROM exercises WHERE builtin_key = 'glute-bridge'`
    ).run(template.id)
    const before = countRows(db, 'exercises')

    expect(seedBuiltins(db)).toBe(true)
    expect(seedBuiltins(db)).toBe(false)

    expect(countRows(db, 'exercises')).toBe(before + runningExercises.length)
    expect(countRows(db, 'exercises', 'builtin_key IS NOT NULL')).toBe(
      library.builtinExercises.length
    )
    expect(countRows(db, 'templates', 'builtin_key IS NOT NULL')).toBe(
      library.builtinTemplates.length
    )
    expect(countRows(db, 'exercise_media', "kind = 'illustration' AND retired_at IS NULL")).toBe(
      library.builtinExercises.flatMap((e) => illustrationPaths(e)).length
    )
    expect(db.prepare("SELECT favourite FROM exercises WHERE builtin_key = 'plank'").get()).toEqual(
      {
        favourite: 1
      }
    )
    expect(
      db.prepare("SELECT archived_at FROM exercises WHERE builtin_key = 'superman'").get()
    ).toEqual({ archived_at: now })
    expect(countRows(db, 'exercises', "name = 'Clinic calf raise' AND archived_at IS NULL")).toBe(1)
    expect(
      db
        .prepare(
          `SELECT t.name, t.builtin_key AS key, i.sets, i.reps FROM templates t
           JOIN template_items i ON i.template_id = t.id WHERE t.id = ?`
        )
        .all(template.id)
    ).toEqual([{ name: 'Our knee plan', key: null, sets: 4, reps: 8 }])
  })
})

/** Every line end (with half its stroke) and circle (with its radius) in a picture. */
function pointsOf(svg: string): [string, number, number, number][] {
  const lines = [
    ...svg.matchAll(/<line x1="(.+?)" y1="(.+?)" x2="(.+?)" y2="(.+?)" .*?stroke-width="(.+?)"/g)
  ]
  const circles = [...svg.matchAll(/<circle cx="(.+?)" cy="(.+?)" r="(.+?)"/g)]
  return [
    ...lines.flatMap(([whole, x1, y1, x2, y2, width]): [string, number, number, number][] => [
      [whole, Number(x1), Number(y1), Number(width) / 2],
      [whole, Number(x2), Number(y2), Number(width) / 2]
    ]),
    ...circles.map(([whole, x, y, r]): [string, number, number, number] => [
      whole,
      Number(x),
      Number(y),
      Number(r)
    ])
  ]
}
