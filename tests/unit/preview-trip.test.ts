import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startPreview, type StartedPreviews } from '../../src/main/core/handouts'
import type { HandoutFile, HandoutOptions, ProgramVersion, Versioned } from '../../src/shared/types'
import { countingRenders, inline, issuedRelief, memoryApi, ok, type MemoryApi } from './helpers'
import { pdfText } from './pdf-tools'
import { handoutReader } from '../../src/main/core/handlers'

const a4: HandoutOptions = { paper: 'A4', largePrint: false, pictures: true, diaryWeeks: 2 }

/** An api whose handout renders are counted (by the title they print). */
async function draftBeingEdited() {
  const { offThread, renders } = countingRenders()
  const api = memoryApi(offThread)
  const { patient, version } = await issuedRelief(api, 'Ana Costa')
  const draft = await ok<ProgramVersion>(api, 'programs:revise', { versionId: version.id })
  renders.length = 0
  return { api, patient, draft, renders }
}

/** The clinic's options, as a preview takes them: without the version their save would name. */
const clinicOptions = async (api: MemoryApi): Promise<HandoutOptions> => {
  const { version, ...options } = await ok<HandoutOptions & Versioned>(api, 'handouts:options', {})
  expect(version).toBe(0) // never saved in these tests: the defaults
  return options
}

/** Each draft's version as its last save answered, the next save's base (as the builder keeps it). */
const saved = new WeakMap<ProgramVersion, number>()

/** The autosave of one edit: the draft with a new title, and the preview beside it if shown. */
const save = async (
  api: MemoryApi,
  draft: ProgramVersion,
  title: string,
  preview?: HandoutOptions
) => {
  const answer = await ok<ProgramVersion>(api, 'programs:save', {
    versionId: draft.id,
    version: saved.get(draft) ?? draft.version,
    title,
    goals: draft.goals,
    startDate: draft.startDate,
    reviewDate: draft.reviewDate,
    items: draft.items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose })),
    advice: draft.advice.map(({ adviceId, kind, title, intro, points }) => ({
      adviceId,
      kind,
      title,
      intro,
      points
    })),
    walkRun: draft.walkRun ?? null,
    ...(preview ? { preview } : {})
  })
  saved.set(draft, answer.version)
  return answer
}

const previewText = async (api: MemoryApi, versionId: number, options = a4) => {
  const file = await ok<HandoutFile>(api, 'handouts:preview', { versionId, options })
  return (await pdfText(Buffer.from(file.bytes))).text
}

describe('a preview with no second trip', () => {
  it('renders once an edit: the preview call takes the render its save started', async () => {
    const { api, draft, renders } = await draftBeingEdited()
    await save(api, draft, 'Back in motion', a4)
    expect(renders).toEqual(['Back in motion'])
    expect(await previewText(api, draft.id)).toContain('Back in motion')
    expect(renders).toEqual(['Back in motion'])
    // taken once: the next preview (the options reopened, say) draws afresh
    await previewText(api, draft.id)
    expect(renders).toHaveLength(2)
  })

  it('draws afresh when the save did not start it or it no longer fits', async () => {
    const { api, patient, draft, renders } = await draftBeingEdited()
    await save(api, draft, 'No preview shown')
    expect(renders).toEqual([])
    expect(await previewText(api, draft.id)).toContain('No preview shown')
    expect(renders).toHaveLength(1)

    // other options than the save's
    await save(api, draft, 'Large print', a4)
    await previewText(api, draft.id, { ...a4, largePrint: true })
    expect(renders).toHaveLength(3)

    // a write in between (the patient renamed) may change what the handout shows
    await save(api, draft, 'Renamed patient', a4)
    await ok(api, 'patients:update', {
      id: patient.id,
      version: patient.version,
      fullName: 'Ana Costa Silva',
      dateOfBirth: patient.dateOfBirth
    })
    expect(await previewText(api, draft.id)).toContain('Ana Costa Silva')
    expect(renders).toHaveLength(5)
  })

  it("starts a draft's preview when it is opened, in the clinic's options, taken once", async () => {
    const { api, draft, renders } = await draftBeingEdited()
    const clinic = await clinicOptions(api)
    const opened = await ok<ProgramVersion>(api, 'programs:get', { versionId: draft.id })
    expect(renders).toEqual([opened.title])
    expect(await previewText(api, draft.id, clinic)).toContain(opened.title)
    expect(renders).toHaveLength(1)
    // an issued version starts none: its panel asks with the options it prints
    const issued = await ok<ProgramVersion[]>(api, 'programs:list', { patientId: draft.patientId })
    await ok(api, 'programs:get', { versionId: issued.find((v) => v.status === 'issued')!.id })
    expect(renders).toHaveLength(1)
  })

  it("never hands an opened draft's render to a preview after an edit", async () => {
    const { api, draft, renders } = await draftBeingEdited()
    const clinic = await clinicOptions(api)
    await ok(api, 'programs:get', { versionId: draft.id })
    await save(api, draft, 'Edited after opening')
    expect(await previewText(api, draft.id, clinic)).toContain('Edited after opening')
    expect(renders).toHaveLength(2)
  })

  it('keeps the renders of the last few drafts opened only', async () => {
    const { api, draft } = await draftBeingEdited()
    const started: StartedPreviews = new Map()
    const rendering = { resourcesDir: resolve('resources'), offThread: inline }
    for (const id of [1, 2, 3, 4, 5, 6, 3])
      startPreview(handoutReader(api.db), { ...draft, id }, a4, rendering, started)
    // the one opened again is the newest
    expect([...started.keys()]).toEqual([4, 5, 6, 3])
    await Promise.allSettled([...started.values()].map(({ file }) => file))
  })
})
