/**
 * Handouts in clinic mode, end to end: a program issued through the clinic
 * server, its drawable fetched through the desktop's client
 * (`remoteHandoutSource`), and the PDF rendered by the desktop's own
 * handout handlers with the real renderer, the clinic's photo arriving
 * byte for byte and the built-in picture read from the desktop's resources.
 * Then a draft saved on the server previews as saved, every time.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClinicClient } from '../../src/main/clinic/client'
import { remoteHandoutSource } from '../../src/main/clinic/remote-handouts'
import { createHandlers, dispatch } from '../../src/main/core/api'
import type { OffThread } from '../../src/main/offthread/pool'
import type { HandoutJob } from '../../src/main/offthread/tasks'
import { emptyDose } from '../../src/shared/dose'
import { defaultHandoutOptions, type HandoutFile } from '../../src/shared/types'
import { inline, memoryDb } from '../unit/helpers'
import { pdfText } from '../unit/pdf-tools'
import { inScope, pool } from './clinic-db'
import {
  dataOf,
  exerciseInput,
  issue,
  patientInput,
  saveDraft,
  servedClinics
} from './clinic-server'

const app = pool('physioplan_app')
let served: Awaited<ReturnType<typeof servedClinics>>
let dee: ClinicClient
let eli: ClinicClient
beforeAll(async () => {
  served = await servedClinics(app, { ours: ['dee'], theirs: ['eli'] })
  ;[dee, eli] = [await served.signIn('ours', 'dee'), await served.signIn('theirs', 'eli')]
})
afterAll(async () => {
  await served.close()
  await app.end()
})

/** A clinic's own photo: a JPEG, which the PDF embeds as it is, so its bytes can be found there. */
function photo(): Buffer {
  const canvas = createCanvas(64, 48)
  const context = canvas.getContext('2d')
  context.fillStyle = '#2a7f62'
  context.fillRect(0, 0, 64, 48)
  context.fillStyle = '#f4d35e'
  context.fillRect(16, 12, 32, 24)
  return canvas.toBuffer('image/jpeg')
}

const builtIn = 'illustrations/ankle-circles.svg'

/** The desktop's handlers in clinic mode: handouts render here from what the server sends. */
function desktop(client: ClinicClient) {
  const jobs: HandoutJob[] = []
  const offThread: OffThread = {
    ...inline,
    run: (name, input, onProgress) => {
      if (name === 'handout') jobs.push(input as HandoutJob)
      return inline.run(name, input, onProgress)
    }
  }
  const handlers = createHandlers({
    db: memoryDb(),
    transport: 'electron',
    version: 'test',
    dataDir: '/tmp/none',
    databaseFile: ':memory:',
    resourcesDir: resolve('resources'),
    offThread,
    handoutSource: remoteHandoutSource(client.call)
  })
  const pdf = async (channel: 'handouts:pdf' | 'handouts:preview', input: object) => {
    const file = dataOf(await dispatch(handlers, channel, input)) as HandoutFile
    return (await pdfText(Buffer.from(file.bytes))).text
  }
  return { handlers, jobs, pdf }
}

const dose = { ...emptyDose, sets: 3, reps: 15, perDay: 1 }
const content = (title: string, exerciseIds: number[]) => ({
  title,
  goals: 'Hop without pain',
  startDate: null,
  reviewDate: null,
  items: exerciseIds.map((exerciseId) => ({ exerciseId, phase: 'main', dose })),
  advice: [],
  walkRun: null
})

describe('handouts in clinic mode', () => {
  let heel: { id: number }
  let circles: { id: number }
  let issuedId: number
  const jpeg = photo()

  it('renders an issued program on the desktop from the server’s drawable', async () => {
    const dataUrl = `data:image/jpeg;base64,${jpeg.toString('base64')}`
    heel = dataOf(
      await dee.call('exercises:create', {
        ...exerciseInput('Heel drop on a step'),
        photos: [{ dataUrl }]
      })
    )
    circles = dataOf(await dee.call('exercises:create', exerciseInput('Ankle circles')))
    // a built-in illustration, as the library's import names it: a file every desktop ships
    const [{ id: illustration }] = await inScope(
      app,
      { clinic: served.clinics.ours.clinic },
      async (client) =>
        (
          await client.query<{ id: number }>(
            `INSERT INTO exercise_media (exercise_id, kind, stage, sort_order, mime, resource_path)
             VALUES ($1, 'illustration', 'single', 0, 'image/svg+xml', $2) RETURNING id`,
            [circles.id, builtIn]
          )
        ).rows as [{ id: number }]
    )
    const patient = dataOf(await dee.call('patients:create', patientInput('Remote, Rhea')))
    const draft = dataOf(
      await dee.call('programs:create', { patientId: patient.id, source: { kind: 'blank' } })
    )
    await saveDraft(dee, draft.id, content('Ankles', [heel.id, circles.id]))
    expect((await issue(dee, draft.id)).status).toBe('issued')
    issuedId = draft.id

    const drawn = await remoteHandoutSource(dee.call).drawable(issuedId)
    expect(drawn.snapshot.patient.fullName).toBe('Remote, Rhea')
    const pictures = [...drawn.assets.pictures.values()]
    expect(pictures).toEqual([
      { kind: 'image', dataUrl },
      { kind: 'shipped', mime: 'image/svg+xml', path: builtIn }
    ])

    const { handlers, jobs, pdf } = desktop(dee)
    // no options given: the clinic's, from the server
    const text = await pdf('handouts:pdf', { versionId: issuedId })
    expect(text).toContain('Heel drop on a step')
    expect(text).toContain('Ankle circles')
    expect(text).toContain('Remote, Rhea')
    // the photo's bytes crossed the wire intact: the PDF embeds the very JPEG
    const file = dataOf(
      await dispatch(handlers, 'handouts:pdf', { versionId: issuedId })
    ) as HandoutFile
    expect(Buffer.from(file.bytes).indexOf(jpeg)).toBeGreaterThan(0)
    // the built-in picture was drawn from this desktop's own copy
    const svg = readFileSync(resolve('resources', builtIn), 'utf8')
    expect(jobs[0]!.assets.pictures.get(illustration)).toEqual({ kind: 'svg', svg })
  })

  it('previews a draft saved on the server as saved, never an earlier render', async () => {
    const revised = dataOf(await dee.call('programs:revise', { versionId: issuedId }))
    const { pdf } = desktop(dee)
    const options = { ...defaultHandoutOptions, layout: 'compact' } as const
    for (const [title, ids, shown, gone] of [
      ['Ankles, week 2', [circles.id], 'Ankle circles', 'Heel drop on a step'],
      ['Ankles, week 3', [heel.id], 'Heel drop on a step', 'Ankle circles']
    ] as const) {
      // the builder's save asks for its preview; in clinic mode the save is the server's
      await saveDraft(dee, revised.id, { ...content(title, [...ids]), preview: options })
      const text = await pdf('handouts:preview', { versionId: revised.id, options })
      expect(text).toContain(title)
      expect(text).toContain(shown)
      expect(text).not.toContain(gone)
    }
    // the issued version previews as it was issued, whatever the draft says now
    const issued = await pdf('handouts:preview', { versionId: issuedId, options })
    expect(issued).toContain('Heel drop on a step')
    expect(issued).toContain('Ankle circles')
  })

  it('gives another clinic’s session nothing, and checks what it is asked', async () => {
    await expect(remoteHandoutSource(eli.call).drawable(issuedId)).rejects.toMatchObject({
      code: 'not_found'
    })
    await expect(remoteHandoutSource(dee.call).drawable(issuedId + 1)).rejects.toMatchObject({
      code: 'conflict',
      message: 'This version is still a draft: issue it first.'
    })
    const asked = dee.call as unknown as (channel: string, input: unknown) => Promise<unknown>
    expect(await asked('handouts:drawable', { versionId: 'one' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'versionId' }
    })
  })
})
