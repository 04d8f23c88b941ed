/**
 * Programs, templates and handouts on the query layer (issue 17): what the
 * move could change — a failed save's rollback, the preview a save starts,
 * the library checks read in one statement, the handouts' own reader.
 */
import { describe, expect, it } from 'vitest'
import { emptyDose } from '@shared/dose'
import type { HandoutFile, ProgramVersion, Template } from '../../src/shared/types'
import { handoutReader } from '../../src/main/core/handlers'
import { assertExercisesExist, getVersion } from '../../src/main/core/programs'
import { sqliteStore } from '../../src/main/core/query/store'
import { countingRenders, issuedRelief, memoryApi, ok } from './helpers'
import { pdfText } from './pdf-tools'

const a4 = { paper: 'A4', largePrint: false, pictures: true, diaryWeeks: 2 } as const

/** A draft being edited, in an api whose handout renders are counted by the title they print. */
async function editing() {
  const { offThread, renders } = countingRenders()
  const api = memoryApi(offThread)
  const { version } = await issuedRelief(api, 'Ana Costa')
  const draft = await ok<ProgramVersion>(api, 'programs:revise', { versionId: version.id })
  renders.length = 0
  const content = (title: string, exerciseIds = draft.items.map((item) => item.exerciseId)) => ({
    versionId: draft.id,
    version: draft.version,
    title,
    goals: draft.goals,
    startDate: null,
    reviewDate: null,
    items: exerciseIds.map((exerciseId) => ({ exerciseId, phase: 'main', dose: emptyDose })),
    advice: []
  })
  return { api, draft, renders, content }
}

describe('programs on the query layer', () => {
  it('rolls a failed save back whole, and starts no preview for it', async () => {
    const { api, draft, renders, content } = await editing()
    const once = await ok<ProgramVersion>(api, 'programs:save', {
      ...content('Saved once'),
      preview: a4
    })
    expect(renders).toEqual(['Saved once'])
    // the title is written before the library check refuses the last item
    const ids = [...draft.items.map((item) => item.exerciseId), 999_999]
    const refused = await api.call('programs:save', {
      ...content('Never saved', ids),
      version: once.version,
      preview: a4
    })
    expect(refused.ok || refused.error).toMatchObject({
      code: 'invalid_input',
      field: `items.${draft.items.length}.exerciseId`
    })
    const stored = await sqliteStore(api.db).read((q) => getVersion(q, draft.id))
    expect(stored.title).toBe('Saved once')
    expect(stored.items.map((item) => item.exerciseId)).toEqual(
      draft.items.map((item) => item.exerciseId)
    )
    expect(renders).toEqual(['Saved once'])
    // the write cleared the started preview: the next one draws the draft as it stands
    const file = await ok<HandoutFile>(api, 'handouts:preview', {
      versionId: draft.id,
      options: a4
    })
    expect((await pdfText(Buffer.from(file.bytes))).text).toContain('Saved once')
    expect(renders).toEqual(['Saved once', 'Saved once'])
  })

  it('names the first missing exercise, however many repeat', async () => {
    const { api, draft } = await editing()
    const known = draft.items[0]!.exerciseId
    const item = (exerciseId: number) => ({ exerciseId, dose: emptyDose })
    const items = [known, known, 888_888, known, 999_999].map(item)
    await expect(
      sqliteStore(api.db).read((q) => assertExercisesExist(q, items))
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'items.2.exerciseId' })
    await expect(
      sqliteStore(api.db).read((q) => assertExercisesExist(q, [known, known].map(item)))
    ).resolves.toBeUndefined()
  })

  it('lists templates built-in first, then by name whatever its case', async () => {
    const { api, draft } = await editing()
    for (const name of ['gamma own', 'Beta own', 'alpha own'])
      await ok(api, 'templates:saveFrom', { versionId: draft.id, name })
    const templates = await ok<Template[]>(api, 'templates:list', {})
    const own = templates.filter((template) => !template.builtin)
    expect(own.map((template) => template.name)).toEqual(['alpha own', 'Beta own', 'gamma own'])
    expect(templates.slice(0, -3).every((template) => template.builtin)).toBe(true)
    // each keeps its own exercises when read all at once
    for (const template of own)
      expect(template.items.map((item) => item.exerciseId)).toEqual(
        draft.items.map((item) => item.exerciseId)
      )
  })

  it('reads handouts through a reader that refuses to be used inside its own read', async () => {
    const { api, draft } = await editing()
    const reader = handoutReader(api.db)
    const nested = reader.read(() => reader.read((q) => getVersion(q, draft.id)))
    await expect(nested).rejects.toThrow('use the q that work was given')
    expect((await reader.read((q) => getVersion(q, draft.id))).id).toBe(draft.id)
  })
})
