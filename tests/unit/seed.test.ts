import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtinAdvice } from '../../src/main/seed/advice'
import { seedBuiltins } from '../../src/main/seed/apply'
import { builtinExercises, illustrationPaths } from '../../src/main/seed/exercises'
import { builtinTemplates } from '../../src/main/seed/templates'
import { writeSetting } from '../../src/main/settings'
import { doseFromRow } from '../../src/main/dose-columns'
import { doseNoteConflicts, emptyDose, incompleteDoses } from '../../src/shared/dose'
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
    for (const exercise of builtinExercises) {
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
    for (const exercise of builtinExercises) {
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
    for (const template of builtinTemplates) {
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
    const exerciseKeys = new Set(builtinExercises.map((e) => e.key))
    const adviceKeys = new Set(builtinAdvice.map((a) => a.key))
    for (const template of builtinTemplates) {
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
    writeSetting(db, 'builtin_content_version', 'an-older-version')
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
