/**
 * A broad set of handouts, each fully determined (snapshot, options,
 * pictures): every built-in template in both layouts, the bench's reference
 * handout with every option, red flags, photos and a logo, a long program.
 * Their bytes must never change for the same input (issued handouts are
 * reprinted byte for byte, after an update too).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { HandoutOptions, ProgramSnapshot } from '../../src/shared/types'
import type { HandoutAssets } from '../../src/main/core/handout/document'
import { buildSnapshot, createProgram } from '../../src/main/core/programs'
import { createPatient } from '../../src/main/core/patients'
import { listTemplates } from '../../src/main/core/templates'
import { sqliteStore } from '../../src/main/core/query/store'
import { longSnapshot, referenceHandout } from '../../scripts/bench/reference-handout'
import { patientFields, assetsOf } from './helpers'

export interface HandoutVariant {
  name: string
  snapshot: ProgramSnapshot
  options: HandoutOptions
  assets: HandoutAssets
}

const issuedAt = '2026-11-27T09:30:00.000Z'
const base: HandoutOptions = { paper: 'A4', largePrint: false, pictures: true, diaryWeeks: 2 }

const photo = (folder: string, file: string) =>
  `data:image/jpeg;base64,${readFileSync(
    resolve('tests/fixtures/free-exercise-db-sample/images', folder, file)
  ).toString('base64')}`

export async function handoutVariants(): Promise<HandoutVariant[]> {
  const { db, snapshot: reference } = await referenceHandout()
  try {
    const variants: HandoutVariant[] = []
    const add = async (name: string, snapshot: ProgramSnapshot, options: HandoutOptions) =>
      variants.push({ name, snapshot, options, assets: await assetsOf(db, snapshot) })

    const store = sqliteStore(db)
    const patient = await store.write((q) =>
      createPatient(q, { ...patientFields('Ørjan Ågren-Þórsdóttir'), dateOfBirth: '1971-06-30' })
    )
    for (const template of (await store.read(listTemplates)).filter((t) => t.builtin)) {
      const snapshot = await store.write(async (q) => {
        const source = { kind: 'template', templateId: template.id } as const
        const draft = await createProgram(q, patient.id, source, '')
        return buildSnapshot(q, draft, issuedAt)
      })
      for (const layout of ['standard', 'compact'] as const)
        await add(`template ${template.name}, ${layout}`, { ...snapshot, layout }, base)
    }

    const fixed = { ...reference, issuedAt }
    const papers = ['A4', 'LETTER'] as const
    for (const layout of ['standard', 'compact'] as const) {
      const snapshot = { ...fixed, layout }
      for (const paper of papers)
        for (const largePrint of [false, true])
          for (const pictures of [true, false])
            await add(
              `reference, ${layout}, ${paper}, large ${largePrint}, pictures ${pictures}`,
              snapshot,
              {
                ...base,
                paper,
                largePrint,
                pictures
              }
            )
      for (const diaryWeeks of [0, 1, 4])
        await add(`reference, ${layout}, ${diaryWeeks} diary weeks`, snapshot, {
          ...base,
          diaryWeeks
        })
      await add(`reference, ${layout}, no easier variants`, snapshot, {
        ...base,
        easierVariants: false
      })
      await add(`reference, ${layout}, 40 exercises`, longSnapshot(snapshot, 40), base)
    }
    await add(
      'reference, emergency and same-day flags',
      {
        ...fixed,
        redFlags: ['saddle-numbness', 'night-pain'] as ProgramSnapshot['redFlags']
      },
      base
    )
    await add('reference, legacy urgent', { ...fixed, urgent: true, redFlags: undefined }, base)
    await add(
      'reference, no dates',
      {
        ...fixed,
        program: { ...fixed.program, startDate: null, reviewDate: null, goals: '' }
      },
      base
    )
    await add('reference, no exercises', { ...fixed, exercises: [] }, base)

    // photos (JPEG, embedded as images) and a logo, in both layouts
    const [first, second] = fixed.exercises
    const withPhotos: ProgramSnapshot = {
      ...fixed,
      clinic: { ...fixed.clinic, logoDataUrl: photo('Cocoons', '0.jpg') },
      exercises: [
        { ...first!, mediaIds: [9001, 9002] },
        { ...second!, mediaIds: [9003] },
        ...fixed.exercises.slice(2)
      ]
    }
    for (const layout of ['standard', 'compact'] as const) {
      const snapshot = { ...withPhotos, layout }
      const assets = await assetsOf(db, snapshot)
      assets.pictures.set(9001, { kind: 'image', dataUrl: photo('Air_Bike', '0.jpg') })
      assets.pictures.set(9002, { kind: 'image', dataUrl: photo('Air_Bike', '1.jpg') })
      assets.pictures.set(9003, { kind: 'image', dataUrl: photo('Cocoons', '1.jpg') })
      for (const paper of papers)
        variants.push({
          name: `photos and logo, ${layout}, ${paper}`,
          snapshot,
          options: { ...base, paper },
          assets
        })
    }
    return variants
  } finally {
    db.close()
  }
}
