import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { builtinExercises } from '../../src/main/core/seed/content'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  guessPosition,
  nameKey,
  planImport,
  type ImportContext
} from '../../src/main/core/import/free-exercise-db'
import type {
  Exercise,
  ExerciseSummary,
  ImportReport,
  JobStatus,
  MediaData
} from '../../src/shared/types'

type ImportJob = JobStatus<'import', ImportReport>
import { countPhotos, countRows, fileApi, memoryApi, tempDir, type MemoryApi, ok } from './helpers'

const sample = resolve('tests/fixtures/free-exercise-db-sample')

const record = {
  id: 'Hamstring_Stretch',
  name: 'Hamstring Stretch',
  force: 'pull',
  level: 'beginner',
  mechanic: null,
  equipment: 'body only',
  primaryMuscles: ['hamstrings'],
  secondaryMuscles: ['calves', 'lower back'],
  instructions: ['Lie on your back with one leg extended.', 'Pull the leg toward you.'],
  category: 'stretching',
  images: ['Hamstring_Stretch/0.jpg', 'Hamstring_Stretch/1.jpg']
}

/** What the library holds: nothing imported yet, and these names. */
function context(
  existing: [string, string | null][] = [],
  names: string[] = [],
  importAnyway: string[] = []
): ImportContext {
  return {
    existing: new Map(existing),
    names: new Map(names.map((name) => [nameKey(name), { name, source: 'builtin', ref: null }])),
    importAnyway: new Set(importAnyway)
  }
}

async function runImport(
  api: MemoryApi,
  folder: string,
  importAnyway: string[] = []
): Promise<ImportJob> {
  const { jobId } = await ok<{ jobId: string }>(api, 'import:start', { folder, importAnyway })
  for (;;) {
    const status = await ok<ImportJob>(api, 'jobs:progress', { jobId })
    if (status.state === 'done' || status.state === 'failed') return status
    await new Promise((resolveWait) => setTimeout(resolveWait, 10))
  }
}

describe('mapping free-exercise-db records', () => {
  it('maps fields onto ours', () => {
    const plan = planImport([record], context())
    expect(plan.problems).toEqual([])
    expect(plan.records[0]).toMatchObject({
      ref: 'free-exercise-db:Hamstring_Stretch',
      action: 'add',
      keywords: 'pull  stretching',
      images: ['Hamstring_Stretch/0.jpg', 'Hamstring_Stretch/1.jpg'],
      fields: {
        name: 'Hamstring Stretch',
        category: 'stretch',
        difficulty: 'easy',
        equipment: [],
        bodyRegions: ['hamstrings', 'calves', 'lower back'],
        position: 'lying on back',
        steps: record.instructions
      }
    })
  })

  it('reads the starting position from the words', () => {
    expect(guessPosition('Bird dog', 'Get on all fours.')).toBe('hands and knees')
    expect(guessPosition('Superman', 'Lie face down.')).toBe('lying on front')
    expect(guessPosition('Seated calf raise')).toBe('sitting')
    expect(guessPosition('Kneeling hip flexor')).toBe('kneeling')
    expect(guessPosition('Squat', 'Stand with feet apart.')).toBe('standing')
    // a bridge and a bench press are lying, whatever the first step begins with
    expect(guessPosition('Barbell Glute Bridge', 'Begin seated on the ground.')).toBe(
      'lying on back'
    )
    expect(guessPosition('Dumbbell Bench Press', 'Sit down on a flat bench.')).toBe('lying on back')
    expect(guessPosition('Janda Sit-Up', 'Position your body in the basic sit-up position.')).toBe(
      'lying on back'
    )
    // the first posture the step names, not the first in a fixed list
    expect(guessPosition('Flutter Kicks', 'On a flat bench lie facedown.')).toBe('lying on front')
    expect(guessPosition('Quad stretch', 'Start off by lying on your right side.')).toBe(
      'lying on side'
    )
    expect(guessPosition('Hip Circles (prone)', 'Position yourself on your hands and knees.')).toBe(
      'hands and knees'
    )
    expect(guessPosition('Oblique Crunch', 'Slowly lay down on the bench.')).toBe('lying on back')
    expect(guessPosition('Butt-Ups', 'Begin a pushup position on your forearms.')).toBe(
      'lying on front'
    )
    expect(guessPosition('Dancer’s Stretch', 'Sit up on the floor.')).toBe('sitting')
    expect(guessPosition('Wind Sprints', 'Hang from a pull-up bar.')).toBe('standing')
  })

  it('reads every record of the sample set in its right position', async () => {
    const { readFileSync } = await import('node:fs')
    const data = JSON.parse(readFileSync(join(sample, 'exercises.json'), 'utf8')) as unknown[]
    const positions = Object.fromEntries(
      planImport(data, context()).records.map((r) => [r.fields.name, r.fields.position])
    )
    expect(positions).toMatchObject({
      '3/4 Sit-Up': 'lying on back',
      'Butt-Ups': 'lying on front',
      "Dancer's Stretch": 'sitting',
      'Decline Oblique Crunch': 'lying on back',
      'Flutter Kicks': 'lying on front',
      'Gorilla Chin/Crunch': 'standing',
      'Hip Circles (prone)': 'hands and knees',
      'Janda Sit-Up': 'lying on back',
      'Kneeling Hip Flexor': 'kneeling',
      'Natural Glute Ham Raise': 'kneeling',
      'On Your Side Quad Stretch': 'lying on side',
      'Prone Manual Hamstring': 'lying on front',
      "Runner's Stretch": 'standing',
      'Seated Calf Stretch': 'sitting',
      'Side Leg Raises': 'standing',
      'Toe Touchers': 'lying on back'
    })
  })

  it('flags a record named like a library exercise, skipped unless chosen', () => {
    const plank = { ...record, id: 'Plank', name: 'plank', instructions: ['Hold.'] }
    const pose = { ...record, id: 'Childs_Pose', name: 'Childs Pose', instructions: ['Rest.'] }
    const library = ['Plank', 'Child’s pose']
    const plan = planImport([plank, pose, record], context([], library))
    expect(plan.records.map((r) => [r.fields.name, r.action, r.duplicateOf?.name])).toEqual([
      ['plank', 'skip', 'Plank'],
      ['Childs Pose', 'skip', 'Child’s pose'],
      ['Hamstring Stretch', 'add', undefined]
    ])
    expect(plan.records[0]!.notes).toEqual([
      {
        record: 'plank',
        message: 'skipped: likely a duplicate of the built-in exercise “Plank”.',
        group: 'likely duplicates of exercises in your library, skipped'
      }
    ])
    const chosen = planImport([plank, pose], context([], library, ['free-exercise-db:Plank']))
    expect(chosen.records.map((r) => [r.action, r.notes.length])).toEqual([
      ['add', 0],
      ['skip', 1]
    ])
    expect(nameKey('Side Leg Raises')).toBe(nameKey('side-leg raise'))
  })

  it('says what it does with nulls, duplicates and odd records, and keeps the rest', () => {
    const plan = planImport(
      [
        record,
        { ...record, name: null },
        { ...record, id: 'x', name: 'No steps', instructions: null },
        {
          ...record,
          id: 'y',
          name: 'Odd',
          category: null,
          level: null,
          equipment: null,
          primaryMuscles: null
        },
        { ...record },
        'not a record',
        { ...record, id: 'z', name: 'Ł'.repeat(250) }
      ],
      context()
    )
    expect(plan.records.map((r) => r.fields.name.slice(0, 5))).toEqual(['Hamst', 'Odd', 'ŁŁŁŁŁ'])
    expect(plan.records[1]?.fields).toMatchObject({
      category: 'strengthening',
      difficulty: 'easy',
      equipment: [],
      bodyRegions: ['calves', 'lower back']
    })
    expect(plan.records[2]?.fields.name).toHaveLength(200)
    expect(plan.problems.map((p) => `${p.record}: ${p.message}`)).toEqual([
      'record 2: has no name; skipped.',
      'No steps: has no instructions; skipped.',
      'Odd: category “missing” filed under Strengthening.',
      'Hamstring Stretch: appears twice in the file; the second is skipped.',
      'record 6: is not an exercise record; skipped.',
      `${'Ł'.repeat(250)}: name is longer than 200 characters; shortened.`
    ])
    expect(planImport({ not: 'a list' }, context()).problems).toEqual([
      {
        record: 'file',
        message: 'The file is not a list of exercises.',
        group: 'The file is not a list of exercises.'
      }
    ])
  })

  it('on re-import: unchanged records and local edits are skipped, changed ones updated', () => {
    const first = planImport([record], context()).records[0]!
    const ref = first.ref
    expect(planImport([record], context([[ref, first.hash]])).records[0]).toMatchObject({
      action: 'skip',
      notes: [{ message: 'skipped: unchanged since the last import.' }]
    })
    expect(planImport([record], context([[ref, null]])).records[0]?.action).toBe('skip')
    expect(
      planImport([{ ...record, level: 'expert' }], context([[ref, first.hash]])).records[0]?.action
    ).toBe('update')
    // a record updating its own earlier import is not a duplicate of itself
    const own = context([[ref, first.hash]])
    own.names.set(nameKey(record.name), { name: record.name, source: 'imported', ref })
    expect(planImport([{ ...record, level: 'expert' }], own).records[0]).toMatchObject({
      action: 'update',
      duplicateOf: null
    })
  })
})

describe('importing a folder', () => {
  it('imports the sample set with its photos, once', async () => {
    const api = fileApi()
    const preview = await ok<ImportReport>(api, 'import:preview', { folder: sample })
    // two records share a built-in's name: flagged, skipped unless chosen
    expect(preview).toMatchObject({ total: 37, added: 35, updated: 0, skipped: 2 })
    expect(preview.duplicates).toEqual([
      {
        ref: 'free-exercise-db:Ankle_Circles',
        name: 'Ankle Circles',
        existing: { name: 'Ankle circles', source: 'builtin' },
        imported: false
      },
      {
        ref: 'free-exercise-db:Split_Squats',
        name: 'Split Squats',
        existing: { name: 'Split squat', source: 'builtin' },
        imported: false
      }
    ])
    // the preview checks the photos, so it already says what the report will
    expect(preview.groups).toEqual([
      {
        message: 'photo missing, imported without it',
        count: 1,
        lines: ['Wind Sprints: photo Wind_Sprints/1.jpg is missing; imported without it.']
      },
      {
        message: 'likely duplicates of exercises in your library, skipped',
        count: 2,
        lines: [
          'Ankle Circles: skipped: likely a duplicate of the built-in exercise “Ankle circles”.',
          'Split Squats: skipped: likely a duplicate of the built-in exercise “Split squat”.'
        ]
      }
    ])
    expect(countRows(api.db, 'exercises')).toBe(builtinExercises.length)

    const status = await runImport(api, sample, ['free-exercise-db:Ankle_Circles'])
    expect(status).toMatchObject({ state: 'done', done: 36, total: 36, error: null })
    expect(status.result).toMatchObject({ added: 36, skipped: 1 })
    expect(status.result?.groups).toEqual([
      preview.groups[0],
      { ...preview.groups[1], count: 1, lines: [preview.groups[1]!.lines[1]] }
    ])
    expect(status.result?.duplicates.map((d) => [d.name, d.imported])).toEqual([
      ['Ankle Circles', true],
      ['Split Squats', false]
    ])
    expect(countRows(api.db, 'exercises')).toBe(builtinExercises.length + 36)
    expect(countPhotos(api.db)).toBe(71)

    const found = await ok<ExerciseSummary[]>(api, 'exercises:list', { query: 'inchworm' })
    expect(found.map((e) => [e.name, e.source])).toEqual([['Inchworm', 'imported']])
    const exercise = await ok<Exercise>(api, 'exercises:get', { id: found[0]!.id })
    expect(exercise.media.map((m) => m.stage)).toEqual(['start', 'end'])
    const photo = await ok<MediaData>(api, 'media:get', { id: exercise.media[0]!.id })
    expect(photo.dataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//)
    // each photo's own bytes, though the import reads them all through the same buffers
    for (const [index, media] of exercise.media.entries()) {
      const stored = await ok<MediaData>(api, 'media:get', { id: media.id })
      const file = join(sample, 'images', 'Inchworm', `${index}.jpg`)
      expect(stored.dataUrl).toBe(`data:image/jpeg;base64,${readFileSync(file).toString('base64')}`)
    }

    // again: the imported Ankle Circles is its own, not a duplicate; Split Squats still is
    const again = await runImport(api, sample)
    expect(again.result).toMatchObject({ added: 0, updated: 0, skipped: 37 })
    expect(again.result?.problems[0]).toEqual({
      record: '3/4 Sit-Up',
      message: 'skipped: unchanged since the last import.',
      group: 'unchanged since the last import, skipped'
    })
    expect(again.result?.groups.map((group) => [group.count, group.message])).toEqual([
      [36, 'unchanged since the last import, skipped'],
      [1, 'likely duplicates of exercises in your library, skipped']
    ])
    expect(countRows(api.db, 'exercises')).toBe(builtinExercises.length + 36)
    expect(countPhotos(api.db)).toBe(71)
  })

  it('reports a missing photo and imports the record without it', async () => {
    const api = fileApi()
    const folder = tempDir()
    mkdirSync(join(folder, 'images', 'Hamstring_Stretch'), { recursive: true })
    copyFileSync(
      join(sample, 'images/Hamstring_Stretch/0.jpg'),
      join(folder, 'images/Hamstring_Stretch/0.jpg')
    )
    writeFileSync(
      join(folder, 'exercises.json'),
      JSON.stringify([{ ...record, images: [...record.images, '../../etc/passwd'] }])
    )
    const status = await runImport(api, folder)
    expect(status.result?.added).toBe(1)
    expect(status.result?.problems).toEqual([
      {
        record: 'Hamstring Stretch',
        message: 'photo Hamstring_Stretch/1.jpg is missing; imported without it.',
        group: 'photo missing, imported without it'
      },
      {
        record: 'Hamstring Stretch',
        message: 'photo path “../../etc/passwd” leaves the images folder; not imported.',
        group: 'photo outside the images folder, imported without it'
      }
    ])
    expect(countPhotos(api.db)).toBe(1)
  })

  it('refuses a file that is not JSON, or a folder without one, writing nothing', async () => {
    const api = fileApi()
    const folder = tempDir()
    const none = await api.call('import:preview', { folder })
    expect(none.ok || none.error.message).toBe(`No exercises.json was found at ${folder}.`)
    writeFileSync(join(folder, 'exercises.json'), '[{"name": "Plank",')
    const broken = await api.call('import:start', { folder })
    expect(broken.ok).toBe(true)
    const jobId = broken.ok ? (broken.data as { jobId: string }).jobId : ''
    await new Promise((r) => setTimeout(r, 50))
    const status = await ok<ImportJob>(api, 'jobs:progress', { jobId })
    expect(status).toMatchObject({
      state: 'failed',
      error:
        'exercises.json can’t be read as JSON. Is it the exercises.json of a free-exercise-db folder?'
    })
    expect(countRows(api.db, 'exercises')).toBe(builtinExercises.length)
  })

  it('never quotes the file in its message (a system file chosen by mistake)', async () => {
    const api = fileApi()
    const shadow = join(tempDir(), 'shadow')
    writeFileSync(shadow, 'root:$6$s3cr3tsalt$hashhashhash:19000:0:99999:7:::\n')
    const refused = await api.call('import:preview', { folder: shadow })
    expect(refused.ok || refused.error.message).toBe(
      'shadow can’t be read as JSON. Is it the exercises.json of a free-exercise-db folder?'
    )
  })

  it('handles a full-size set (900 records, 1,800 photos)', async () => {
    const api = fileApi()
    const folder = tempDir()
    const records = Array.from({ length: 900 }, (_, n) => ({
      ...record,
      id: `Exercise_${n}`,
      name: `Generated exercise ${n}`,
      images: [`Exercise_${n}/0.jpg`, `Exercise_${n}/1.jpg`]
    }))
    for (const item of records) {
      mkdirSync(join(folder, 'images', item.id), { recursive: true })
      for (const photo of ['0.jpg', '1.jpg']) {
        copyFileSync(
          join(sample, 'images/Hamstring_Stretch', photo),
          join(folder, 'images', item.id, photo)
        )
      }
    }
    writeFileSync(join(folder, 'exercises.json'), JSON.stringify(records))
    const status = await runImport(api, folder)
    expect(status.result).toMatchObject({ total: 900, added: 900, problems: [] })
    expect(countPhotos(api.db)).toBe(1800)
    // a size test, not a timing one: 6 s on 2 busy cores
  }, 30_000)

  it('has no folder picker in the browser host', async () => {
    const api = memoryApi()
    const result = await api.call('import:chooseFolder', {})
    expect(result.ok || result.error.code).toBe('unavailable')
  })
})
