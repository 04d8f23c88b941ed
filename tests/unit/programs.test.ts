import { describe, expect, it } from 'vitest'
import { emptyDose } from '../../src/shared/dose'
import type {
  ExerciseSummary,
  Patient,
  ProgramDiff,
  ProgramSnapshot,
  ProgramVersion,
  ProgramVersionSummary,
  Template
} from '../../src/shared/types'
import { ok } from './helpers'
import { contractApi, countOf } from './contract'

async function setup() {
  const api = await contractApi()
  const patient = await ok<Patient>(api, 'patients:create', {
    fullName: 'Şükrü Çağlar',
    dateOfBirth: '1984-03-09'
  })
  const templates = await ok<Template[]>(api, 'templates:list', {})
  const relief = templates.find((t) => t.name.endsWith('relief'))!
  const draft = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patient.id,
    source: { kind: 'template', templateId: relief.id }
  })
  const library = await ok<ExerciseSummary[]>(api, 'exercises:list', {})
  const exerciseId = (name: string) => library.find((each) => each.name === name)!.id
  return { api, patient, relief, draft, exerciseId }
}

function contentOf(source: ProgramVersion) {
  const version = structuredClone(source)
  return {
    versionId: version.id,
    version: version.version,
    title: version.title,
    goals: version.goals,
    startDate: version.startDate,
    reviewDate: version.reviewDate,
    items: version.items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose })),
    advice: version.advice
  }
}

describe('programs', () => {
  it('starts from a template as a copy: exercises, doses and advice', async () => {
    const { draft, relief } = await setup()
    expect(draft).toMatchObject({
      versionNo: 1,
      status: 'draft',
      title: relief.name,
      templateId: relief.id
    })
    expect(draft.items.map((i) => i.exerciseName)).toEqual(relief.items.map((i) => i.exerciseName))
    expect(draft.items[0]?.dose).toEqual(relief.items[0]?.dose)
    expect(draft.advice.map((a) => a.title)).toEqual([
      'Heat and cold',
      'Pain relief medicine',
      'Rest and recovery after running',
      'When to seek professional help'
    ])
    expect(draft.advice[3]?.kind).toBe('seek-help')
  })

  it('saves a draft whole: order, doses, edited advice', async () => {
    const { api, draft, exerciseId } = await setup()
    const content = contentOf(draft)
    const plank = {
      exerciseId: exerciseId('Plank'),
      phase: 'main' as const,
      dose: { ...emptyDose, sets: 3, holdSeconds: 45, perDay: 2 }
    }
    content.items = [plank, ...content.items.slice(0, 2).reverse()]
    content.advice = [{ ...content.advice[0]!, intro: 'Heat before, ice after your run.' }]
    const saved = await ok<ProgramVersion>(api, 'programs:save', content)
    expect(saved.items.map((i) => i.exerciseName)).toEqual([
      'Plank',
      'Knee-to-chest stretch',
      'Cat-camel'
    ])
    expect(saved.items[0]?.dose).toMatchObject({ sets: 3, holdSeconds: 45, perDay: 2 })
    expect(saved.advice).toHaveLength(1)
    expect(saved.advice[0]?.intro).toBe('Heat before, ice after your run.')
    // the library's advice is untouched
    const library = await api.store.read((q) =>
      q
        .selectFrom('advice_sections')
        .select('intro')
        .where('builtin_key', '=', 'heat-cold')
        .executeTakeFirst()
    )
    expect(library).toEqual({
      intro:
        'Heat relaxes tight muscles and eases stiffness; cold can reduce inflammation and numb pain.'
    })
  })

  it('issues a frozen snapshot, refuses changes, and revises into the next version', async () => {
    const { api, draft, patient } = await setup()
    const issued = await ok<ProgramVersion>(api, 'programs:issue', {
      versionId: draft.id,
      version: draft.version
    })
    expect(issued.status).toBe('issued')
    expect(issued.issuedAt).toBeTruthy()

    const snapshot = await ok<ProgramSnapshot>(api, 'programs:snapshot', { versionId: draft.id })
    expect(snapshot.patient.fullName).toBe('Şükrü Çağlar')
    expect(snapshot.exercises.map((e) => e.name)).toEqual(draft.items.map((i) => i.exerciseName))
    expect(snapshot.exercises[1]).toMatchObject({
      name: 'Knee-to-chest stretch',
      doseLine: '3 repetitions each side, hold 20 seconds, twice a day'
    })
    expect(snapshot.exercises[0]?.steps.length).toBeGreaterThan(2)

    const refused = await api.call('programs:save', { ...contentOf(draft), title: 'Changed' })
    expect(refused.ok || refused.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/has been issued/)
    })

    // the library changing later does not change what was issued
    await api.store.write((q) =>
      q.updateTable('exercises').set({ name: 'Renamed' }).where('name', '=', 'Cat-camel').execute()
    )
    const again = await ok<ProgramSnapshot>(api, 'programs:snapshot', { versionId: draft.id })
    expect(JSON.stringify(again)).toBe(JSON.stringify(snapshot))

    const revision = await ok<ProgramVersion>(api, 'programs:revise', { versionId: draft.id })
    expect(revision).toMatchObject({ versionNo: 2, status: 'draft', programId: draft.programId })
    expect(revision.items.map((i) => i.exerciseId)).toEqual(draft.items.map((i) => i.exerciseId))
    const sameDraft = await ok<ProgramVersion>(api, 'programs:revise', { versionId: draft.id })
    expect(sameDraft.id).toBe(revision.id)

    const versions = await ok<ProgramVersionSummary[]>(api, 'programs:list', {
      patientId: patient.id
    })
    expect(versions.map((v) => [v.versionNo, v.status])).toEqual([
      [2, 'draft'],
      [1, 'issued']
    ])
  })

  it('compares two versions: added, removed, dose changed', async () => {
    const { api, draft, exerciseId } = await setup()
    await ok(api, 'programs:issue', { versionId: draft.id, version: draft.version })
    const next = await ok<ProgramVersion>(api, 'programs:revise', { versionId: draft.id })
    const content = contentOf(next)
    content.items = content.items.filter((i) => i.exerciseId !== exerciseId('Pelvic tilt'))
    content.items[0] = {
      ...content.items[0]!,
      dose: { ...content.items[0]!.dose, reps: 15, note: null }
    }
    content.items.push({
      exerciseId: exerciseId('Plank'),
      phase: 'main',
      dose: { ...emptyDose, sets: 3, holdSeconds: 30, perWeek: 3 }
    })
    content.advice = content.advice.slice(1)
    await ok(api, 'programs:save', content)
    const diff = await ok<ProgramDiff>(api, 'programs:compare', { fromId: draft.id, toId: next.id })
    expect(diff.added).toEqual([
      { exerciseName: 'Plank', doseLine: 'Hold 30 seconds, 3 times, 3 days a week' }
    ])
    expect(diff.removed).toEqual([
      { exerciseName: 'Pelvic tilt', doseLine: '10 repetitions, hold 5 seconds, twice a day' }
    ])
    expect(diff.changed).toEqual([
      {
        exerciseName: 'Cat-camel',
        before: '10 repetitions, twice a day — Build up to 15 repetitions.',
        after: '15 repetitions, twice a day'
      }
    ])
    expect(diff.unchanged).toBe(3)
    expect(diff.adviceRemoved).toEqual(['Heat and cold'])
  })

  it('starts blank or as a copy of the latest version, and discards drafts', async () => {
    const { api, patient, draft } = await setup()
    const blank = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'blank' },
      title: 'Knee'
    })
    expect(blank).toMatchObject({ title: 'Knee', items: [], advice: [] })
    const copy = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'copy', versionId: draft.id }
    })
    expect(copy.programId).not.toBe(draft.programId)
    expect(copy.items).toEqual(draft.items)
    // a discard names the version it saw: a save since then is not thrown away unseen
    const saved = await ok<ProgramVersion>(api, 'programs:save', {
      ...contentOf(blank),
      title: 'Saved since'
    })
    expect(
      await api.call('programs:discard', { versionId: blank.id, version: blank.version })
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('reload to see it') }
    })
    await ok(api, 'programs:discard', { versionId: blank.id, version: saved.version })
    expect(await api.call('programs:get', { versionId: blank.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' }
    })
    expect(await countOf(api, 'programs')).toBe(2)
  })

  it('asks before issuing an exercise with no dose or no frequency; going back changes nothing', async () => {
    const { api, draft, exerciseId } = await setup()
    const content = contentOf(draft)
    content.items.push(
      { exerciseId: exerciseId('Plank'), phase: 'main', dose: { ...emptyDose, sets: 3 } },
      { exerciseId: exerciseId('Superman'), phase: 'main', dose: { ...emptyDose, perDay: 1 } }
    )
    const saved = await ok<ProgramVersion>(api, 'programs:save', content)
    const refused = await api.call('programs:issue', {
      versionId: draft.id,
      version: saved.version
    })
    expect(refused.ok || refused.error).toEqual({
      code: 'needs_confirmation',
      message: 'Check the dose of 6. Plank (no frequency); 7. Superman (no dose) before issuing.',
      field: 'items'
    })
    expect((await ok<ProgramVersion>(api, 'programs:get', { versionId: draft.id })).status).toBe(
      'draft'
    )
    const issued = await ok<ProgramVersion>(api, 'programs:issue', {
      versionId: draft.id,
      version: saved.version,
      confirmIncompleteDoses: true
    })
    expect(issued.status).toBe('issued')
  })

  it('keeps when each exercise is done through saving, issuing and revising', async () => {
    const { api, draft } = await setup()
    const content = contentOf(draft)
    content.items[0]!.phase = 'before'
    content.items[4]!.phase = 'after'
    const saved = await ok<ProgramVersion>(api, 'programs:save', content)
    await ok(api, 'programs:issue', { versionId: draft.id, version: saved.version })
    const snapshot = await ok<ProgramSnapshot>(api, 'programs:snapshot', { versionId: draft.id })
    expect(snapshot.exercises.map((e) => e.phase)).toEqual([
      'before',
      'main',
      'main',
      'main',
      'after'
    ])
    const next = await ok<ProgramVersion>(api, 'programs:revise', { versionId: draft.id })
    expect(next.items.map((i) => i.phase)).toEqual(snapshot.exercises.map((e) => e.phase))

    // moving an exercise to after running shows in the comparison
    const moved = contentOf(next)
    moved.items[1]!.phase = 'after'
    await ok(api, 'programs:save', moved)
    const diff = await ok<ProgramDiff>(api, 'programs:compare', { fromId: draft.id, toId: next.id })
    expect(diff.changed).toEqual([
      {
        exerciseName: 'Knee-to-chest stretch',
        before: expect.not.stringContaining('after running'),
        after: expect.stringMatching(/\(after running \(cool-down\)\)$/)
      }
    ])
  })

  it('starts the return-to-running template with its warm-up before and stretches after', async () => {
    const { api, patient } = await setup()
    const templates = await ok<Template[]>(api, 'templates:list', {})
    const running = templates.find((t) => t.name === 'Prevention and return to running')!
    const draft = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'template', templateId: running.id }
    })
    const byPhase = (phase: string) =>
      draft.items.filter((i) => i.phase === phase).map((i) => i.exerciseName)
    expect(byPhase('before')).toEqual(['Leg swings', 'Arm circles', 'Walking lunges'])
    expect(byPhase('after')).toContain('Kneeling hip flexor stretch')
    expect(byPhase('after')[0]).toBe('Light jog or walk cool-down')
    // stretches after a run: on running days, not twice daily
    const childsPose = draft.items.find((i) => i.exerciseName === "Child's pose")!
    expect(childsPose.dose).toMatchObject({ perDay: null, perWeek: 3, holdSeconds: 30 })
  })

  it('refuses to issue an empty program', async () => {
    const { api, patient } = await setup()
    const blank = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'blank' }
    })
    const result = await api.call('programs:issue', { versionId: blank.id, version: blank.version })
    expect(result.ok || result.error.message).toBe(
      'Add at least one exercise before issuing the program.'
    )
  })
})

describe('templates', () => {
  it('saves a program as a template; later template edits leave programs alone', async () => {
    const { api, patient, draft } = await setup()
    const mine = await ok<Template>(api, 'templates:saveFrom', {
      versionId: draft.id,
      name: 'My relief'
    })
    expect(mine).toMatchObject({ name: 'My relief', builtin: false })
    expect(mine.items.map((i) => i.exerciseId)).toEqual(draft.items.map((i) => i.exerciseId))
    expect(mine.advice.map((a) => a.title)).toEqual(draft.advice.map((a) => a.title))

    const fromMine = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'template', templateId: mine.id }
    })
    const renamed = await ok<Template>(api, 'templates:update', {
      id: mine.id,
      version: mine.version,
      name: 'Relief v2',
      description: '',
      goals: 'New goals'
    })
    expect(renamed.name).toBe('Relief v2')
    await ok(api, 'templates:delete', { id: mine.id })
    const program = await ok<ProgramVersion>(api, 'programs:get', { versionId: fromMine.id })
    expect(program).toMatchObject({ title: 'My relief', templateId: null, items: fromMine.items })
  })

  it('replaces an own template with a program’s content', async () => {
    const { api, draft, exerciseId } = await setup()
    const mine = await ok<Template>(api, 'templates:saveFrom', {
      versionId: draft.id,
      name: 'Mine'
    })
    const content = contentOf(draft)
    content.items = [
      { exerciseId: exerciseId('Plank'), phase: 'after', dose: { ...emptyDose, sets: 2 } }
    ]
    await ok(api, 'programs:save', content)
    const replaced = await ok<Template>(api, 'templates:saveFrom', {
      versionId: draft.id,
      name: 'Mine, shorter',
      replace: { id: mine.id, version: mine.version }
    })
    expect(replaced).toMatchObject({ id: mine.id, name: 'Mine, shorter' })
    expect(replaced.items.map((i) => [i.exerciseName, i.phase, i.dose.sets])).toEqual([
      ['Plank', 'after', 2]
    ])
    const templates = await ok<Template[]>(api, 'templates:list', {})
    expect(templates.filter((t) => !t.builtin)).toHaveLength(1)
  })

  it('builds a template on the Templates screen, then edits it whole', async () => {
    const { api, patient, relief, exerciseId } = await setup()
    const advice = await ok<{ id: number; title: string }[]>(api, 'advice:list', {})
    const plank = {
      exerciseId: exerciseId('Plank'),
      phase: 'main',
      dose: { ...emptyDose, sets: 3 }
    }
    const made = await ok<Template>(api, 'templates:save', {
      name: 'Core, clinic version',
      description: 'Our own core start',
      goals: 'A stronger trunk',
      nextId: relief.id,
      painRule: '',
      items: [plank],
      adviceIds: [advice[1]!.id, advice[0]!.id],
      walkRun: null
    })
    expect(made).toMatchObject({
      name: 'Core, clinic version',
      builtin: false,
      next: { id: relief.id },
      painRule: null
    })
    expect(made.items).toEqual([
      {
        exerciseId: plank.exerciseId,
        exerciseName: 'Plank',
        category: 'strengthening',
        archived: false,
        phase: 'main',
        dose: { ...emptyDose, sets: 3 }
      }
    ])
    expect(made.advice.map((a) => a.id)).toEqual([advice[1]!.id, advice[0]!.id])

    const edited = await ok<Template>(api, 'templates:save', {
      id: made.id,
      version: made.version,
      name: 'Core, clinic version 2',
      description: '',
      goals: '',
      nextId: null,
      painRule: 'No pain above 2 out of 10.',
      items: [
        { ...plank, phase: 'after' },
        { exerciseId: exerciseId('Cat-camel'), phase: 'before', dose: { ...emptyDose, reps: 10 } }
      ],
      adviceIds: [],
      walkRun: null
    })
    expect(edited).toMatchObject({ id: made.id, next: null, advice: [] })
    expect(edited.items.map((i) => [i.exerciseName, i.phase])).toEqual([
      ['Plank', 'after'],
      ['Cat-camel', 'before']
    ])
    // a program started from it gets its content
    const program = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'template', templateId: made.id }
    })
    expect(program.items.map((i) => i.exerciseName)).toEqual(['Plank', 'Cat-camel'])
  })

  it('refuses a template built from what is not there, and a built-in overwritten', async () => {
    const { api, relief, exerciseId } = await setup()
    const base = {
      name: 'Mine',
      description: '',
      goals: '',
      nextId: null,
      painRule: '',
      items: [{ exerciseId: exerciseId('Plank'), phase: 'main', dose: emptyDose }],
      adviceIds: [],
      walkRun: null
    }
    const before = await countOf(api, 'templates')
    const refusals = [
      [{ ...base, items: [{ ...base.items[0], exerciseId: 999_999 }] }, 'items.0.exerciseId'],
      [{ ...base, adviceIds: [999_999] }, 'adviceIds.0'],
      [{ ...base, name: '' }, 'name'],
      [
        { ...base, items: [{ ...base.items[0], dose: { ...emptyDose, sets: 500 } }] },
        'items.0.dose.sets'
      ]
    ] as const
    for (const [input, field] of refusals) {
      const result = await api.call('templates:save', input)
      expect(result.ok || result.error).toMatchObject({ code: 'invalid_input', field })
    }
    const builtin = await api.call('templates:save', {
      ...base,
      id: relief.id,
      version: relief.version
    })
    expect(builtin.ok || builtin.error.code).toBe('forbidden')
    // a template can't be its own next stage
    const mine = await ok<Template>(api, 'templates:save', base)
    const loop = await api.call('templates:save', {
      ...base,
      id: mine.id,
      version: mine.version,
      nextId: mine.id
    })
    expect(loop.ok || loop.error.field).toBe('nextId')
    expect(await countOf(api, 'templates')).toBe(before + 1)
  })

  it('keeps built-in templates read-only', async () => {
    const { api, relief, draft } = await setup()
    const result = await api.call('templates:delete', { id: relief.id })
    expect(result.ok || result.error.code).toBe('forbidden')
    const replace = await api.call('templates:saveFrom', {
      versionId: draft.id,
      name: 'Overwrite',
      replace: { id: relief.id, version: relief.version }
    })
    expect(replace.ok || replace.error.code).toBe('forbidden')
  })
})

describe('bad program input is refused whole', () => {
  const cases: [string, (content: ReturnType<typeof contentOf>) => void, RegExp, string][] = [
    [
      'negative reps',
      (c) => (c.items[1]!.dose.reps = -3),
      /^Exercise 2: Repetitions must be at least 1$/,
      'items.1.dose.reps'
    ],
    [
      '500 sets',
      (c) => (c.items[0]!.dose.sets = 500),
      /^Exercise 1: Sets must be 20 or fewer$/,
      'items.0.dose.sets'
    ],
    [
      'half a repetition',
      (c) => (c.items[0]!.dose.reps = 2.5),
      /whole number/,
      'items.0.dose.reps'
    ],
    [
      'a 10 MB note',
      (c) => (c.items[0]!.dose.note = 'x'.repeat(10_000_000)),
      /Note is too long/,
      'items.0.dose.note'
    ],
    [
      'an unknown exercise',
      (c) => (c.items[0]!.exerciseId = 999_999),
      /Exercise 1 is not in the library/,
      'items.0.exerciseId'
    ],
    ['a blank title', (c) => (c.title = ' '), /Give the program a title/, 'title'],
    [
      'review before start',
      (c) => ((c.startDate = '2026-05-10'), (c.reviewDate = '2026-05-01')),
      /review date can't be before/,
      'reviewDate'
    ],
    [
      'too many exercises',
      (c) => (c.items = Array(61).fill(c.items[0])),
      /60 exercises at most/,
      'items'
    ]
  ]
  for (const [name, spoil, message, field] of cases) {
    it(name, async () => {
      const { api, draft } = await setup()
      const content = contentOf(draft)
      spoil(content)
      const result = await api.call('programs:save', content)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error.message).toMatch(message)
      expect(result.error.field).toBe(field)
      expect(await ok(api, 'programs:get', { versionId: draft.id })).toEqual(draft)
    })
  }
})
