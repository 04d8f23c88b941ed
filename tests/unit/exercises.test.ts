import { describe, expect, it } from 'vitest'
import { emptyDose } from '../../src/shared/dose'
import type {
  Exercise,
  ExerciseFacets,
  ExerciseFields,
  ExercisePage,
  ExerciseSummary,
  MediaData,
  Patient,
  ProgramVersion
} from '../../src/shared/types'
import { insertExercise } from '../../src/main/core/exercises'
import { editDistance } from '../../src/main/core/fuzzy'
import { ok } from './helpers'
import { contractApi, type ContractApi, countOf } from './contract'

const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const jpeg = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]).toString('base64')}`

const wallSquat = {
  name: 'Wall squat',
  summary: 'Slide down a wall to strengthen the thighs.',
  steps: [
    'Stand with your back against a wall.',
    'Slide down until your knees are bent.',
    'Hold, then slide up.'
  ],
  category: 'strengthening',
  bodyRegions: ['thighs', 'knees'],
  position: 'standing',
  equipment: ['wall'],
  difficulty: 'moderate',
  caution: null,
  defaultDose: { ...emptyDose, sets: 3, holdSeconds: 20 },
  photos: [{ dataUrl: png }, { dataUrl: jpeg }]
}

const names = async (api: ContractApi, filters: Record<string, unknown>) =>
  (await ok<ExerciseSummary[]>(api, 'exercises:list', filters)).map((e) => e.name)

describe('library search', () => {
  it('forgives a typo where it is cheap', async () => {
    const api = await contractApi()
    expect(await names(api, { query: 'hamstirng' })).toEqual(
      expect.arrayContaining(['Standing hamstring stretch', 'Leg swings', 'Nordic hamstring lower'])
    )
    expect((await names(api, { query: 'plnk' }))[0]).toBe('Plank')
    expect((await names(api, { query: 'brid dog' }))[0]).toBe('Bird-dog')
    expect(await names(api, { query: 'superamn' })).toEqual(['Superman'])
    expect(editDistance('abc', 'abc', 1)).toBe(0)
    expect(editDistance('hamstirng', 'hamstring', 2)).toBe(1)
  })

  it('orders a one- or two-letter search by name: names that start so, favourites first', async () => {
    const api = await contractApi()
    const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)
    const found = await names(api, { query: 'S' })
    const starting = found.filter((name) => name.toLowerCase().startsWith('s'))
    expect(starting.length).toBeGreaterThan(3)
    // then the exercises where another word starts so, also by name
    expect(found.length).toBeGreaterThan(starting.length)
    const rest = found.slice(starting.length)
    expect(found).toEqual([...[...starting].sort(byName), ...[...rest].sort(byName)])
    const favourite = (name: string) =>
      ok<ExerciseSummary[]>(api, 'exercises:list', { query: name }).then(([exercise]) =>
        ok(api, 'exercises:favourite', { id: exercise!.id, favourite: true })
      )
    await favourite(starting.at(-1)!)
    await favourite(rest.at(-1)!)
    const withFavourites = await names(api, { query: 's' })
    expect(withFavourites[0]).toBe(starting.at(-1))
    expect(withFavourites[starting.length]).toBe(rest.at(-1))

    const twoLetters = await names(api, { query: 'pl' })
    expect(twoLetters[0]).toBe('Plank')
    const page = await ok<ExercisePage>(api, 'exercises:page', { query: 'pl', offset: 0 })
    expect([page.total, page.exercises.map((e) => e.name)]).toEqual([twoLetters.length, twoLetters])
  })

  it('filters by region, position, difficulty, equipment, source and favourites', async () => {
    const api = await contractApi()
    const hamstrings = await names(api, { bodyRegion: 'hamstrings' })
    expect(hamstrings).toEqual(expect.arrayContaining(['Leg swings', 'Standing hamstring stretch']))
    expect(hamstrings).not.toContain('Plank')
    expect(await names(api, { position: 'kneeling' })).toEqual([
      "Child's pose",
      'Kneeling hip flexor stretch',
      'Nordic hamstring lower'
    ])
    expect(
      await names(api, {
        difficulty: 'moderate',
        category: 'strengthening',
        position: 'lying on front'
      })
    ).toEqual(['Plank', 'Superman'])
    expect(await names(api, { equipment: 'skipping rope' })).toEqual(['Skipping with a rope'])
    const plank = (await ok<ExerciseSummary[]>(api, 'exercises:list', { query: 'plank' }))[0]!
    await ok(api, 'exercises:favourite', { id: plank.id, favourite: true })
    expect(await names(api, { favouritesOnly: true })).toEqual(['Plank'])
    expect((await names(api, {}))[0]).toBe('Plank')
    await ok(api, 'exercises:create', wallSquat)
    expect(await names(api, { source: 'custom' })).toEqual(['Wall squat'])
    const facets = await ok<ExerciseFacets>(api, 'exercises:facets', {})
    expect(facets.bodyRegions).toContain('lower back')
    expect(facets.equipment).toEqual(expect.arrayContaining(['mat', 'step or ledge', 'wall']))
    expect(facets.equipment).toEqual([...facets.equipment].sort())
  })
})

it('answers at most the list limit; typing more narrows it', async () => {
  const api = await contractApi()
  await api.store.write(async (q) => {
    for (let n = 0; n < 250; n++) {
      await insertExercise(q, {
        ...(wallSquat as unknown as ExerciseFields),
        name: `Zebra walk ${n}`
      })
    }
  })
  expect(await names(api, { query: 'zebra' })).toHaveLength(200)
  expect(await names(api, { query: 'zebra 249' })).toEqual(['Zebra walk 249'])

  // the Library page goes past the first 200, with the total, search and filters kept
  const page = (filters: Record<string, unknown>) =>
    ok<ExercisePage>(api, 'exercises:page', filters)
  const stored = await countOf(api, 'exercises')
  const all = await page({ offset: 0 })
  expect([all.total, all.exercises.length]).toEqual([stored, 200])
  const rest = await page({ offset: 200 })
  expect([rest.total, rest.offset, rest.exercises.length]).toEqual([stored, 200, stored - 200])
  const seen = new Set([...all.exercises, ...rest.exercises].map((e) => e.id))
  expect(seen.size).toBe(stored)
  const zebras = await page({ query: 'zebra', offset: 200 })
  expect([zebras.total, zebras.exercises.length]).toEqual([250, 50])
  const standing = await page({ query: 'zebra', position: 'standing', offset: 0 })
  expect(standing.total).toBe(250)
  const lying = await page({ query: 'zebra', position: 'lying on back', offset: 0 })
  expect([lying.total, lying.exercises]).toEqual([0, []])
  // the forgiving search counts what it shows
  const typo = await page({ query: 'zebar', offset: 0 })
  expect([typo.total, typo.exercises.length]).toEqual([250, 200])
  const refused = await api.call('exercises:page', { offset: -1 })
  expect(refused.ok || refused.error.message).toBe('offset can’t be negative')
})

describe('custom exercises', () => {
  it('creates one with start and end photos, served as data URLs', async () => {
    const api = await contractApi()
    const created = await ok<Exercise>(api, 'exercises:create', wallSquat)
    expect(created).toMatchObject({ source: 'custom', name: 'Wall squat', steps: wallSquat.steps })
    expect(created.media.map((m) => m.stage)).toEqual(['start', 'end'])
    const first = await ok<MediaData>(api, 'media:get', { id: created.media[0]!.id })
    expect(first).toEqual({ id: created.media[0]!.id, mime: 'image/png', dataUrl: png })
  })

  it('edits it; a removed photo is retired, not deleted', async () => {
    const api = await contractApi()
    const created = await ok<Exercise>(api, 'exercises:create', wallSquat)
    const kept = created.media[1]!.id
    const edited = await ok<Exercise>(api, 'exercises:update', {
      ...wallSquat,
      id: created.id,
      version: created.version,
      name: 'Wall sit',
      photos: [{ mediaId: kept }]
    })
    expect(edited.name).toBe('Wall sit')
    expect(edited.media).toEqual([{ id: kept, kind: 'photo', stage: 'single' }])
    expect(await countOf(api, 'exercise_media', { kind: 'photo' })).toBe(2)
    const foreign = await api.call('exercises:update', {
      ...wallSquat,
      id: created.id,
      version: edited.version,
      photos: [{ mediaId: 999 }]
    })
    expect(foreign.ok || foreign.error.message).toBe('Photo 1 does not belong to this exercise.')
  })

  it('keeps built-ins read-only and duplicates them into an editable copy', async () => {
    const api = await contractApi()
    const plank = (await ok<ExerciseSummary[]>(api, 'exercises:list', { query: 'plank' }))[0]!
    const refused = await api.call('exercises:update', {
      ...wallSquat,
      id: plank.id,
      version: 1,
      photos: []
    })
    expect(refused.ok || refused.error.code).toBe('forbidden')
    const copy = await ok<Exercise>(api, 'exercises:duplicate', { id: plank.id })
    expect(copy).toMatchObject({ name: 'Plank (copy)', source: 'custom', copiedFromId: plank.id })
    expect(copy.defaultDose).toEqual(plank.defaultDose)
    const renamed = await ok<Exercise>(api, 'exercises:update', {
      ...wallSquat,
      id: copy.id,
      version: copy.version,
      name: 'Side plank',
      photos: []
    })
    expect(renamed.name).toBe('Side plank')
  })

  it('deletes an unused exercise, but only archives one a program uses', async () => {
    const api = await contractApi()
    const unused = await ok<Exercise>(api, 'exercises:create', wallSquat)
    await ok(api, 'exercises:delete', { id: unused.id })
    expect(await api.call('exercises:get', { id: unused.id })).toMatchObject({ ok: false })

    const used = await ok<Exercise>(api, 'exercises:create', wallSquat)
    const patient = await ok<Patient>(api, 'patients:create', {
      fullName: 'A B',
      dateOfBirth: '1980-01-01'
    })
    const draft = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'blank' }
    })
    const saved = await ok<ProgramVersion>(api, 'programs:save', {
      versionId: draft.id,
      version: draft.version,
      title: 'Knees',
      goals: '',
      startDate: null,
      reviewDate: null,
      items: [{ exerciseId: used.id, dose: { ...emptyDose, reps: 10, perDay: 1 } }],
      advice: []
    })
    await ok(api, 'programs:issue', { versionId: draft.id, version: saved.version })
    const refused = await api.call('exercises:delete', { id: used.id })
    expect(refused.ok || refused.error.message).toMatch(/can’t be deleted. Archive it instead/)
    const withUsage = await ok<Exercise>(api, 'exercises:get', { id: used.id })
    expect(withUsage.usage.programs).toEqual([
      { versionId: draft.id, versionNo: 1, title: 'Knees', status: 'issued', patientName: 'A B' }
    ])
    await ok(api, 'exercises:archive', { id: used.id, archived: true })
    expect(await names(api, { query: 'wall squat' })).not.toContain('Wall squat')
    const program = await ok<ProgramVersion>(api, 'programs:get', { versionId: draft.id })
    expect(program.items[0]).toMatchObject({ exerciseName: 'Wall squat', archived: true })
  })

  it('refuses bad fields and files that are not images, writing nothing', async () => {
    const api = await contractApi()
    const before = await countOf(api, 'exercises')
    for (const [input, message] of [
      [
        {
          ...wallSquat,
          photos: [{ dataUrl: `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}` }]
        },
        /Photo must be a PNG or JPEG/
      ],
      [{ ...wallSquat, steps: [] }, /Add at least one step/],
      [{ ...wallSquat, name: '' }, /Give the exercise a name/],
      [{ ...wallSquat, defaultDose: { ...emptyDose, reps: -1 } }, /Repetitions must be at least 1/],
      [{ ...wallSquat, position: 'upside down' }, /Choose a position/]
    ] as const) {
      const result = await api.call('exercises:create', input)
      expect(result.ok || result.error.message).toMatch(message)
    }
    expect(await countOf(api, 'exercises')).toBe(before)
  })
})
