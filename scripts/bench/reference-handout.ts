/** The reference handout: the 10-exercise return-to-running program, issued, with a 2-week diary. */
import { resolve } from 'node:path'
import { emptyDose } from '@shared/dose'
import type { HandoutOptions, ProgramSnapshot } from '@shared/types'
import { openDatabase, type Db } from '../../src/main/core/db/open'
import type { HandoutAssets } from '../../src/main/core/handout/document'
import { handoutAssets } from '../../src/main/core/handouts'
import { createPatient } from '../../src/main/core/patients'
import { sqliteStore } from '../../src/main/core/query/store'
import { createProgram, getSnapshot, issueVersion, saveDraft } from '../../src/main/core/programs'
import { updateClinic } from '../../src/main/core/settings'

export const referenceOptions: Record<string, HandoutOptions> = {
  a4: { paper: 'A4', largePrint: false, pictures: true, diaryWeeks: 2 },
  'a4-large': { paper: 'A4', largePrint: true, pictures: true, diaryWeeks: 2 },
  letter: { paper: 'LETTER', largePrint: false, pictures: true, diaryWeeks: 2 },
  'letter-large': { paper: 'LETTER', largePrint: true, pictures: true, diaryWeeks: 2 }
}

export const resourcesDir = resolve('resources')

export async function referenceHandout(): Promise<{ db: Db; snapshot: ProgramSnapshot }> {
  const { db } = openDatabase(':memory:')
  const store = sqliteStore(db)
  await store.write((q) =>
    updateClinic(q, 0, {
      clinicName: 'Fjord Physiotherapy',
      address: 'Storgata 1\n0155 Oslo',
      phone: '+47 22 00 00 00',
      email: 'post@fjord.example',
      emergencyNumber: '112',
      therapistName: 'Zoë Łukasiewicz',
      logoDataUrl: null
    })
  )
  const patient = await store.write((q) =>
    createPatient(q, {
      fullName: 'Şükrü Çağlar',
      dateOfBirth: '1984-03-09',
      sex: null,
      phone: null,
      email: null,
      condition: 'Low back pain after running',
      referralSource: null,
      notes: null
    })
  )
  const templateId = (
    db.prepare("SELECT id FROM templates WHERE builtin_key = 'lbp-return-to-running'").get() as {
      id: number
    }
  ).id
  const draft = await store.write((q) =>
    createProgram(q, patient.id, { kind: 'template', templateId }, undefined)
  )
  const saved = await store.write((q) =>
    saveDraft(q, draft.id, draft.version, {
      title: draft.title,
      goals: draft.goals,
      startDate: '2026-11-30',
      reviewDate: '2026-12-14',
      items: draft.items.map((item, index) => ({
        exerciseId: item.exerciseId,
        dose: { ...emptyDose, ...item.dose, perDay: 1, perWeek: index < 3 ? 3 : 5 }
      })),
      advice: draft.advice
    })
  )
  await store.write((q) => issueVersion(q, draft.id, saved.version))
  return { db, snapshot: await store.read((q) => getSnapshot(q, draft.id)) }
}

/** The reference program stretched to `count` exercises (repeating its ten): a long handout. */
export function longSnapshot(snapshot: ProgramSnapshot, count = 40): ProgramSnapshot {
  return {
    ...snapshot,
    exercises: Array.from({ length: count }, (_, index) => ({
      ...snapshot.exercises[index % snapshot.exercises.length]!
    }))
  }
}

/** The pictures `snapshot` prints, read from `db` as the app reads them. */
export function assetsOf(db: Db, snapshot: ProgramSnapshot): Promise<HandoutAssets> {
  return sqliteStore(db).read((q) => handoutAssets(q, snapshot, resourcesDir))
}
