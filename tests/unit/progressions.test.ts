import { describe, expect, it } from 'vitest'
import { seedBuiltins } from '../../src/main/core/seed/apply'
import { progressionChains, stagedConditions } from '../../src/main/core/seed/structure'
import { builtinExercises, builtinTemplates } from '../../src/main/core/seed/content'
import { writeSettingSync } from '../../src/main/core/settings'
import { emptyDose } from '../../src/shared/dose'
import { swapDose, swapItem } from '../../src/shared/progression'
import type { Dose, Exercise, ExerciseSummary } from '../../src/shared/types'
import { memoryDb, ok } from './helpers'
import { contractApi, type ContractApi } from './contract'

const dose = (fields: Partial<Dose>): Dose => ({ ...emptyDose, ...fields })

/** A built-in exercise's id by its key, as the api's store holds it. */
const idOf = async (api: ContractApi, key: string) =>
  (
    await api.store.read((q) =>
      q
        .selectFrom('exercises')
        .select('id')
        .where('builtin_key', '=', key)
        .executeTakeFirstOrThrow()
    )
  ).id

describe('swapping for an easier or harder variant', () => {
  const doubleHeelRaise = dose({ sets: 3, reps: 15, perDay: 1, perWeek: 7, note: 'Slowly.' })
  const loadedHeelRaise = dose({
    sets: 3,
    reps: 8,
    load: 'a backpack with books',
    restSeconds: 120,
    perWeek: 3,
    side: 'both',
    note: 'Add weight every week.'
  })

  it('takes how much from the new exercise and keeps how often as prescribed', () => {
    const item = dose({ ...doubleHeelRaise, perDay: null, perWeek: 2 })
    expect(swapDose(item, doubleHeelRaise, loadedHeelRaise)).toEqual({
      sets: 3,
      reps: 8,
      holdSeconds: null,
      durationSeconds: null,
      load: 'a backpack with books',
      restSeconds: 120,
      perDay: null,
      perWeek: 2,
      side: 'both',
      note: 'Add weight every week.'
    })
  })

  it('takes the new exercise’s frequency when it is meant less often', () => {
    // a daily item swapped for the heavy raise, done 3 days a week
    expect(swapDose(doubleHeelRaise, doubleHeelRaise, loadedHeelRaise)).toMatchObject({
      perDay: null,
      perWeek: 3
    })
    // twice a day counts as more often than 3 days a week
    const twiceDaily = dose({ ...doubleHeelRaise, perDay: 2, perWeek: null })
    expect(swapDose(twiceDaily, doubleHeelRaise, loadedHeelRaise)).toMatchObject({
      perDay: null,
      perWeek: 3
    })
    // a 3-days-a-week item swapped for a daily exercise stays at 3 days a week
    const threeDays = dose({ ...loadedHeelRaise, perDay: null, perWeek: 3 })
    expect(swapDose(threeDays, loadedHeelRaise, doubleHeelRaise)).toMatchObject({
      perDay: null,
      perWeek: 3
    })
  })

  it('gives the bridge swapped for the Nordic lower the Nordic’s 1 day a week', () => {
    const builtinDose = (key: string) =>
      dose(builtinExercises.find((exercise) => exercise.key === key)!.dose)
    const bridge = builtinDose('glute-bridge')
    expect(bridge.perWeek).toBe(3)
    expect(swapDose(bridge, bridge, builtinDose('nordic-hamstring'))).toMatchObject({
      perDay: null,
      perWeek: 1
    })
  })

  it('takes the new frequency only when the item had none', () => {
    const item = dose({ sets: 3, reps: 15 })
    expect(swapDose(item, doubleHeelRaise, loadedHeelRaise)).toMatchObject({
      perDay: null,
      perWeek: 3
    })
  })

  it('keeps the patient’s side when both are one-sided, and drops it for a two-footed variant', () => {
    const singleLeg = dose({ sets: 3, reps: 12, side: 'both', perDay: 1 })
    const onLeft = dose({ ...singleLeg, side: 'left' })
    expect(swapDose(onLeft, singleLeg, loadedHeelRaise).side).toBe('left')
    expect(swapDose(onLeft, singleLeg, doubleHeelRaise).side).toBeNull()
    expect(swapDose(dose({ reps: 15, perDay: 1 }), doubleHeelRaise, singleLeg).side).toBe('both')
  })

  it('keeps a note the physiotherapist wrote, and swaps a default note for the new one', () => {
    const own = dose({ ...doubleHeelRaise, note: 'Left leg only until the review.' })
    expect(swapDose(own, doubleHeelRaise, loadedHeelRaise).note).toBe(
      'Left leg only until the review.'
    )
    expect(swapDose(doubleHeelRaise, doubleHeelRaise, loadedHeelRaise).note).toBe(
      'Add weight every week.'
    )
    expect(swapDose(dose({ reps: 5 }), doubleHeelRaise, dose({ reps: 8 })).note).toBeNull()
  })

  it('swaps in place: the same position and phase, the others untouched', () => {
    const items = [
      { exerciseId: 1, phase: 'before', dose: dose({ reps: 10, perDay: 1 }), name: 'Swings' },
      { exerciseId: 2, phase: 'after', dose: doubleHeelRaise, name: 'Heel raise' },
      { exerciseId: 3, phase: 'main', dose: dose({ reps: 5, perDay: 1 }), name: 'Bridge' }
    ]
    const swapped = swapItem(
      items,
      1,
      doubleHeelRaise,
      { exerciseId: 9, defaultDose: loadedHeelRaise },
      { name: 'Loaded heel raise' }
    )
    expect(swapped.map((item) => [item.exerciseId, item.phase, item.name])).toEqual([
      [1, 'before', 'Swings'],
      [9, 'after', 'Loaded heel raise'],
      [3, 'main', 'Bridge']
    ])
    expect(swapped[1]!.dose).toMatchObject({ reps: 8, perDay: null, perWeek: 3 })
    expect(swapped[0]).toBe(items[0])
    expect(() =>
      swapItem(items, 3, doubleHeelRaise, { exerciseId: 9, defaultDose: dose({}) }, { name: 'x' })
    ).toThrow(/position 4/)
  })
})

describe('built-in progressions and tags', () => {
  it('links every chain by key, each exercise in one chain', () => {
    const keys = new Set(builtinExercises.map((exercise) => exercise.key))
    const chained = progressionChains.flat()
    expect(chained.filter((key) => !keys.has(key))).toEqual([])
    expect(new Set(chained).size).toBe(chained.length)
    const templateKeys = new Set(builtinTemplates.map((template) => template.key))
    const staged = stagedConditions.flatMap((condition) => condition.stages.map((s) => s.template))
    expect(staged.filter((key) => !templateKeys.has(key))).toEqual([])
  })

  it('shows the chain on an exercise, easiest first, with the links in the list', async () => {
    const api = await contractApi()
    const bridge = await ok<Exercise>(api, 'exercises:get', { id: await idOf(api, 'glute-bridge') })
    expect(bridge.chain.map((link) => link.name)).toEqual([
      'Pelvic tilt',
      'Glute bridge',
      'Single-leg bridge'
    ])
    const heelRaise = await ok<Exercise>(api, 'exercises:get', {
      id: await idOf(api, 'heel-raise-step')
    })
    expect(heelRaise.chain.map((link) => link.name)).toEqual([
      'Heel raise on both feet',
      'Heel raise on one leg',
      'Heel raise off a step',
      'Heavy heel raise with a weight'
    ])
    expect(bridge.easier).toEqual({ id: await idOf(api, 'pelvic-tilt'), name: 'Pelvic tilt' })
    const list = await ok<ExerciseSummary[]>(api, 'exercises:list', { query: 'pelvic tilt' })
    expect(list[0]!.harder?.name).toBe('Glute bridge')
  })

  it('seeds again without changing links or tags, and restores them when changed', () => {
    const db = memoryDb()
    const snapshot = () =>
      db
        .prepare(
          `SELECT builtin_key, easier_id, harder_id, conditions, stages, movements FROM exercises
           ORDER BY id`
        )
        .all()
    const before = snapshot()
    expect(seedBuiltins(db)).toBe(false)
    expect(snapshot()).toEqual(before)
    db.prepare(
      "UPDATE exercises SET harder_id = NULL, stages = '[]' WHERE builtin_key = 'bird-dog'"
    ).run()
    writeSettingSync(db, 'builtin_content_version', 'older')
    expect(seedBuiltins(db)).toBe(true)
    expect(snapshot()).toEqual(before)
    expect(seedBuiltins(db)).toBe(false)
  })

  it('filters by condition, stage and movement, and finds tags by search', async () => {
    const api = await contractApi()
    const names = async (filters: object) =>
      (await ok<ExerciseSummary[]>(api, 'exercises:list', filters)).map((e) => e.name)
    const early = await names({ condition: 'Low back pain', stage: 'early' })
    expect(early).toEqual(expect.arrayContaining(['Cat-camel', 'Pelvic tilt']))
    expect(early).not.toContain('Plank')
    const returning = await ok<ExerciseSummary[]>(api, 'exercises:list', {
      stage: 'return',
      movement: 'isometric'
    })
    expect(returning.map((e) => e.name)).toContain('Plank')
    for (const exercise of returning) {
      expect(exercise.stages, exercise.name).toContain('return')
      expect(exercise.movements, exercise.name).toContain('isometric')
    }
    expect(await names({ movement: 'extension' })).toEqual(['Cat-camel', 'Superman'])
    const achilles = await names({ condition: 'Achilles tendinopathy', movement: 'eccentric' })
    expect(achilles).toEqual(
      expect.arrayContaining(['Heel drop off a step, knee straight (Alfredson)'])
    )
    expect(achilles).not.toContain('Nordic hamstring lower')
    // "isometric" is a tag word the search index holds, not only a keyword
    expect(await names({ query: 'isometric' })).toContain('Plank')
    const rejected = await api.call('exercises:list', { stage: 'someday' })
    expect(rejected.ok ? null : rejected.error.message).toBe('Unknown stage')
  })
})

describe('the clinic’s own variants and tags', () => {
  const own = {
    name: 'Wall squat',
    summary: '',
    steps: ['Slide down a wall and hold.'],
    category: 'strengthening',
    bodyRegions: ['knees'],
    position: 'standing',
    equipment: [],
    difficulty: 'moderate',
    caution: null,
    defaultDose: { ...emptyDose, sets: 3, holdSeconds: 30, perDay: 1 },
    photos: []
  }

  it('stores tags and links set in the form, and copies them with a duplicate', async () => {
    const api = await contractApi()
    const created = await ok<Exercise>(api, 'exercises:create', {
      ...own,
      conditions: ['Patellofemoral pain'],
      stages: ['early'],
      movements: ['isometric'],
      easierId: await idOf(api, 'pelvic-tilt'),
      harderId: await idOf(api, 'plank')
    })
    expect(created).toMatchObject({
      conditions: ['Patellofemoral pain'],
      stages: ['early'],
      movements: ['isometric'],
      easier: { name: 'Pelvic tilt' },
      harder: { name: 'Plank' }
    })
    // Pelvic tilt's own harder link is the glute bridge, so the chain goes back that way only
    expect(created.chain.map((link) => link.name)).toEqual(['Pelvic tilt', 'Wall squat', 'Plank'])
    const facets = await ok<{ conditions: string[] }>(api, 'exercises:facets', {})
    expect(facets.conditions).toEqual(
      expect.arrayContaining(['Achilles tendinopathy', 'Low back pain', 'Patellofemoral pain'])
    )
    const copy = await ok<Exercise>(api, 'exercises:duplicate', { id: created.id })
    expect(copy).toMatchObject({ conditions: ['Patellofemoral pain'], harder: { name: 'Plank' } })
  })

  it('refuses a variant that is the exercise itself or not in the library', async () => {
    const api = await contractApi()
    const created = await ok<Exercise>(api, 'exercises:create', own)
    const self = await api.call('exercises:update', {
      ...own,
      id: created.id,
      version: created.version,
      harderId: created.id
    })
    expect(self.ok ? null : self.error).toMatchObject({
      message: 'An exercise can’t be its own variant.',
      field: 'harderId'
    })
    const missing = await api.call('exercises:update', {
      ...own,
      id: created.id,
      version: created.version,
      easierId: 9999
    })
    expect(missing.ok ? null : missing.error.message).toBe('That variant is not in the library.')
  })

  it('ends a chain where a loop of links would repeat it', async () => {
    const api = await contractApi()
    const a = await ok<Exercise>(api, 'exercises:create', { ...own, name: 'A' })
    const b = await ok<Exercise>(api, 'exercises:create', { ...own, name: 'B', harderId: a.id })
    await ok(api, 'exercises:update', {
      ...own,
      id: a.id,
      version: a.version,
      name: 'A',
      harderId: b.id
    })
    const chain = (await ok<Exercise>(api, 'exercises:get', { id: a.id })).chain
    expect(chain.map((link) => link.name)).toEqual(['A', 'B'])
  })
})
