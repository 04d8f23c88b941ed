import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { builtinExercises } from '../../src/main/core/seed/content'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { guessPosition, planImport } from '../../src/main/core/import/free-exercise-db'
import type {
  Exercise,
  ExerciseSummary,
  ImportReport,
  ImportStatus,
  MediaData
} from '../../src/shared/types'
import { countPhotos, countRows, fileApi, memoryApi, tempDir, type MemoryApi } from './helpers'

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

async function ok<T>(api: MemoryApi, channel: string, input: unknown): Promise<T> {
  const result = await api.call(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.data as T
}

async function runImport(api: MemoryApi, folder: string): Promise<ImportStatus> {
  const { jobId } = await ok<{ jobId: string }>(api, 'import:start', { folder })
  for (;;) {
    const status = await ok<ImportStatus>(api, 'import:status', { jobId })
    if (status.state === 'done' || status.state === 'failed') return status
    await new Promise((resolveWait) => setTimeout(resolveWait, 10))
  }
}

describe('mapping free-exercise-db records', () => {
  it('maps fields onto ours', () => {
    const plan = planImport([record], new Map())
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
    expect(guessPosition('Bird dog. Get on all fours.')).toBe('hands and knees')
    expect(guessPosition('Superman. Lie face down.')).toBe('lying on front')
    expect(guessPosition('Seated calf raise.')).toBe('sitting')
    expect(guessPosition('Kneeling hip flexor.')).toBe('kneeling')
    expect(guessPosition('Squat. Stand with feet apart.')).toBe('standing')
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
      new Map()
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
    expect(planImport({ not: 'a list' }, new Map()).problems).toEqual([
      { record: 'file', message: 'The file is not a list of exercises.' }
    ])
  })

  it('on re-import: unchanged records and local edits are skipped, changed ones updated', () => {
    const first = planImport([record], new Map()).records[0]!
    const ref = first.ref
    expect(planImport([record], new Map([[ref, first.hash]])).records[0]).toMatchObject({
      action: 'skip',
      notes: ['unchanged since the last import']
    })
    expect(planImport([record], new Map([[ref, null]])).records[0]?.action).toBe('skip')
    expect(
      planImport([{ ...record, level: 'expert' }], new Map([[ref, first.hash]])).records[0]?.action
    ).toBe('update')
  })
})

describe('importing a folder', () => {
  it('imports the sample set with its photos, once', async () => {
    const api = fileApi()
    const preview = await ok<ImportReport>(api, 'import:preview', { folder: sample })
    expect(preview).toMatchObject({ total: 37, added: 37, updated: 0, skipped: 0 })
    expect(countRows(api.db, 'exercises')).toBe(builtinExercises.length)

    const status = await runImport(api, sample)
    expect(status).toMatchObject({ state: 'done', done: 37, total: 37, error: null })
    // the sample leaves out one photo on purpose
    expect(status.report).toMatchObject({
      added: 37,
      skipped: 0,
      problems: [
        {
          record: 'Wind Sprints',
          message: 'photo Wind_Sprints/1.jpg is missing; imported without it.'
        }
      ]
    })
    expect(countRows(api.db, 'exercises')).toBe(builtinExercises.length + 37)
    expect(countPhotos(api.db)).toBe(73)

    const found = await ok<ExerciseSummary[]>(api, 'exercises:list', { query: 'inchworm' })
    expect(found.map((e) => [e.name, e.source])).toEqual([['Inchworm', 'imported']])
    const exercise = await ok<Exercise>(api, 'exercises:get', { id: found[0]!.id })
    expect(exercise.media.map((m) => m.stage)).toEqual(['start', 'end'])
    const photo = await ok<MediaData>(api, 'media:get', { id: exercise.media[0]!.id })
    expect(photo.dataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//)

    const again = await runImport(api, sample)
    expect(again.report).toMatchObject({ added: 0, updated: 0, skipped: 37 })
    expect(again.report?.problems[0]).toEqual({
      record: '3/4 Sit-Up',
      message: 'skipped: unchanged since the last import.'
    })
    expect(countRows(api.db, 'exercises')).toBe(builtinExercises.length + 37)
    expect(countPhotos(api.db)).toBe(73)
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
    expect(status.report?.added).toBe(1)
    expect(status.report?.problems).toEqual([
      {
        record: 'Hamstring Stretch',
        message: 'photo Hamstring_Stretch/1.jpg is missing; imported without it.'
      },
      {
        record: 'Hamstring Stretch',
        message: 'photo path “../../etc/passwd” leaves the images folder; not imported.'
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
    // the job fails as soon as it reads the file: wait for that, not for a fixed time
    let status = await ok<ImportStatus>(api, 'import:status', { jobId })
    for (let waited = 0; status.state === 'reading' && waited < 5000; waited += 20) {
      await new Promise((r) => setTimeout(r, 20))
      status = await ok<ImportStatus>(api, 'import:status', { jobId })
    }
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
    expect(status.report).toMatchObject({ total: 900, added: 900, problems: [] })
    expect(countPhotos(api.db)).toBe(1800)
    // a size test, not a timing one: 6 s on 2 busy cores
  }, 30_000)

  it('has no folder picker in the browser host', async () => {
    const api = memoryApi()
    const result = await api.call('import:chooseFolder', {})
    expect(result.ok || result.error.code).toBe('unavailable')
  })
})
