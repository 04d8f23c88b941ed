import { describe, expect, it } from 'vitest'
import { stagedConditions } from '../../src/main/core/seed/structure'
import { getSnapshot } from '../../src/main/core/programs'
import {
  builtinWalkRunPlans,
  defaultPainRule,
  describeWeek,
  planFrom,
  type WalkRunPlan
} from '../../src/shared/walk-run'
import type {
  HandoutFile,
  Patient,
  ProgramDiff,
  ProgramVersion,
  Template
} from '../../src/shared/types'
import { ok } from './helpers'
import { contractApi, soloApi, type ContractApi } from './contract'
import { pdfText } from './pdf-tools'

const flat = (text: string) => text.replace(/\s+/g, ' ')

describe('walk–run plans', () => {
  it('build each week on the last, to 30 minutes of running without stopping', () => {
    for (const plan of builtinWalkRunPlans) {
      // the longest run without a walk break never falls, and never more than doubles
      const longest = plan.weeks.map((week) => week.runMinutes)
      expect(longest, plan.key).toEqual([...longest].sort((a, b) => a - b))
      const steps = longest.slice(1).map((minutes, index) => minutes / longest[index]!)
      expect(Math.max(...steps), plan.key).toBeLessThanOrEqual(2)
      expect(plan.weeks.at(-1), plan.key).toEqual({
        runMinutes: 30,
        walkMinutes: 0,
        repeats: 1,
        sessions: 3
      })
      expect(plan.description, plan.key).toMatch(/Silbernagel et al\. 2007/)
    }
  })

  it('words a week as the patient does it', () => {
    expect(describeWeek({ runMinutes: 1, walkMinutes: 2, repeats: 6, sessions: 3 })).toBe(
      'Run 1 minute, walk 2 minutes, 6 times'
    )
    expect(describeWeek({ runMinutes: 30, walkMinutes: 0, repeats: 1, sessions: 3 })).toBe(
      'Run 30 minutes without stopping'
    )
  })
})

async function patientWith(api: ContractApi) {
  return ok<Patient>(api, 'patients:create', { fullName: 'Ana Runner', dateOfBirth: '1990-01-01' })
}

const templateNamed = async (api: ContractApi, ending: string) =>
  (await ok<Template[]>(api, 'templates:list', {})).find((t) => t.name.endsWith(ending))!

function saveInput(version: ProgramVersion, walkRun: WalkRunPlan | null) {
  const { title, goals, startDate, reviewDate, advice } = version
  const items = version.items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose }))
  return {
    versionId: version.id,
    version: version.version,
    title,
    goals,
    startDate,
    reviewDate,
    items,
    advice,
    walkRun
  }
}

/** A program edited to a short walk–run plan with its own rule, issued: frozen with it. */
async function issuedWithPlan(api: ContractApi) {
  const patient = await patientWith(api)
  const template = await templateNamed(api, 'core strengthening')
  const draft = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patient.id,
    source: { kind: 'template', templateId: template.id }
  })
  expect(draft.walkRun).toBeNull()
  const plan = planFrom(builtinWalkRunPlans[2]!, 'Keep pain at 2 out of 10 or less.')
  plan.weeks[0]!.sessions = 2
  const saved = await ok<ProgramVersion>(api, 'programs:save', saveInput(draft, plan))
  expect(saved.walkRun).toEqual(plan)
  const issued = await ok<ProgramVersion>(api, 'programs:issue', {
    versionId: draft.id,
    version: saved.version
  })
  expect((await api.store.read((q) => getSnapshot(q, issued.id))).walkRun).toEqual(plan)
  return { issued, plan }
}

describe('a walk–run plan in a program', () => {
  it('comes with a return-to-running template, with the template’s pain rule', async () => {
    const api = await contractApi()
    const patient = await patientWith(api)
    const template = await templateNamed(api, 'Prevention and return to running')
    expect(template.walkRun?.name).toBe('Walk–run: 10 weeks to 30 minutes')
    const version = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'template', templateId: template.id }
    })
    expect(version.walkRun).toMatchObject({ planKey: 'walk-run-8', painRule: defaultPainRule })
    expect(version.walkRun?.weeks[0]).toEqual({
      runMinutes: 1,
      walkMinutes: 2,
      repeats: 6,
      sessions: 3
    })
  })

  it('is edited per patient, frozen when issued and compared', async () => {
    const api = await contractApi()
    const { issued, plan } = await issuedWithPlan(api)

    const next = await ok<ProgramVersion>(api, 'programs:revise', { versionId: issued.id })
    expect(next.walkRun).toEqual(plan)
    const longer = { ...plan, weeks: [...plan.weeks, { ...plan.weeks.at(-1)!, runMinutes: 40 }] }
    await ok(api, 'programs:save', saveInput(next, longer))
    const diff = await ok<ProgramDiff>(api, 'programs:compare', {
      fromId: issued.id,
      toId: next.id
    })
    expect(diff.walkRun?.after.at(-2)).toBe(
      'Week 7: Run 40 minutes without stopping, 3 sessions a week'
    )
    expect(diff.walkRun?.before).toHaveLength(7)
  })

  // handouts render on the desktop, from what its store reads (in clinic mode too: served.ts)
  it('is printed with tick boxes and its rule', async () => {
    const api = soloApi()
    const { issued } = await issuedWithPlan(api)

    const handout = await ok<HandoutFile>(api, 'handouts:pdf', { versionId: issued.id })
    const { text } = await pdfText(Buffer.from(handout.bytes))
    const page = flat(text)
    expect(page).toContain('Your return to running')
    expect(page).toContain('Walk–run, short: 6 weeks to 30 minutes')
    expect(page).toContain('Run 3 minutes, walk 1 minute, 5 times')
    expect(page).toContain('Run 30 minutes without stopping')
    expect(page).toContain('When to move on Keep pain at 2 out of 10 or less.')
    // the plank's easier variant, under it
    expect(page).toContain('Too hard? Try “Bird-dog” instead, and tell your physiotherapist.')
    const without = await ok<HandoutFile>(api, 'handouts:pdf', {
      versionId: issued.id,
      options: {
        paper: 'A4',
        largePrint: true,
        pictures: false,
        diaryWeeks: 0,
        easierVariants: false
      }
    })
    const large = flat((await pdfText(Buffer.from(without.bytes))).text)
    expect(large).not.toContain('Too hard?')
    expect(large).toContain('When to move on Keep pain at 2 out of 10 or less.')
  })

  it('refuses a week that can’t be followed, saying which', async () => {
    const api = await contractApi()
    const patient = await patientWith(api)
    const draft = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'blank' }
    })
    const plan = planFrom(builtinWalkRunPlans[0]!)
    plan.weeks[1]!.sessions = 9
    const result = await api.call('programs:save', saveInput(draft, plan))
    expect(result.ok ? null : result.error.message).toBe('Sessions a week must be 1 to 7')
    const empty = await api.call('programs:save', saveInput(draft, { ...plan, weeks: [] }))
    expect(empty.ok ? null : empty.error.message).toBe('A walk–run plan needs at least one week')
  })
})

describe('moving to the next stage', () => {
  it('names the next stage of each staged template', async () => {
    const api = await contractApi()
    const templates = await ok<Template[]>(api, 'templates:list', {})
    const idOf = await builtinTemplateIds(api)
    for (const { stages } of stagedConditions) {
      stages.slice(0, -1).forEach((stage, index) => {
        const template = templates.find((t) => t.id === idOf.get(stage.template))!
        expect(template.next?.id).toBe(idOf.get(stages[index + 1]!.template))
      })
    }
  })

  it('makes the next version from the next stage, keeping what was made for this patient', async () => {
    const api = await contractApi()
    const patient = await patientWith(api)
    const relief = await templateNamed(api, 'relief')
    const draft = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'template', templateId: relief.id }
    })
    expect(draft.nextStage?.name).toBe("Runner's low back pain — core strengthening")
    const own = {
      adviceId: null,
      kind: 'general',
      title: 'For Ana',
      intro: 'Sleep well.',
      points: []
    }
    const edited = saveInput(draft, null)
    edited.goals = 'Run the Oslo half marathon.'
    edited.reviewDate = '2099-01-01'
    edited.advice = [...draft.advice, own] as ProgramVersion['advice']
    const saved = await ok<ProgramVersion>(api, 'programs:save', edited)
    const refused = await api.call('programs:nextStage', { versionId: draft.id })
    expect(refused.ok ? null : refused.error.message).toBe(
      'Version 1 is a draft: discard it first to move to the next stage.'
    )
    await ok(api, 'programs:issue', { versionId: draft.id, version: saved.version })

    const next = await ok<ProgramVersion>(api, 'programs:nextStage', { versionId: draft.id })
    const core = await templateNamed(api, 'core strengthening')
    expect(next).toMatchObject({
      versionNo: 2,
      status: 'draft',
      templateId: core.id,
      // the template's own title becomes the new stage's; the goals Ana's physio wrote stay
      title: core.name,
      goals: 'Run the Oslo half marathon.',
      reviewDate: '2099-01-01'
    })
    expect(next.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(next.items.map((item) => item.exerciseName)).toEqual(
      core.items.map((item) => item.exerciseName)
    )
    expect(next.items.map((item) => item.dose)).toEqual(core.items.map((item) => item.dose))
    expect(next.advice.map((section) => section.title)).toEqual([
      ...core.advice.map((section) => section.title),
      'For Ana'
    ])
    expect(next.nextStage?.name).toBe('Prevention and return to running')

    await ok(api, 'programs:issue', { versionId: next.id, version: next.version })
    const last = await ok<ProgramVersion>(api, 'programs:nextStage', { versionId: next.id })
    expect(last.walkRun?.planKey).toBe('walk-run-8')
    expect(last.nextStage).toBeNull()
    await ok(api, 'programs:issue', { versionId: last.id, version: last.version })
    const end = await api.call('programs:nextStage', { versionId: last.id })
    expect(end.ok ? null : end.error.message).toBe('This program’s template has no next stage.')
  })

  it('refuses a next stage that loops back to the template', async () => {
    const api = await contractApi()
    const patient = await patientWith(api)
    const draft = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'blank' }
    })
    const a = await ok<Template>(api, 'templates:saveFrom', { versionId: draft.id, name: 'A' })
    const b = await ok<Template>(api, 'templates:saveFrom', { versionId: draft.id, name: 'B' })
    const fields = { description: '', goals: '', painRule: null }
    const linked = await ok<Template>(api, 'templates:update', {
      id: a.id,
      version: a.version,
      name: 'A',
      ...fields,
      nextId: b.id
    })
    expect(linked.next).toEqual({ id: b.id, name: 'B' })
    const loop = await api.call('templates:update', {
      id: b.id,
      version: b.version,
      name: 'B',
      ...fields,
      nextId: a.id
    })
    expect(loop.ok ? null : loop.error.message).toBe(
      'That next stage leads back to this template: stages must go forward.'
    )
  })
})

/** Each built-in template's id by its key, as the store holds them. */
async function builtinTemplateIds(api: ContractApi): Promise<Map<string | null, number>> {
  const rows = await api.store.read((q) =>
    q.selectFrom('templates').select(['id', 'builtin_key']).execute()
  )
  return new Map(rows.map((row) => [row.builtin_key, row.id]))
}
