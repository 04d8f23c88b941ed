/**
 * The patient's data rights: everything about them in one archive (right of
 * access, moving clinics), and erasure that leaves no trace in the file.
 */
import type { Database } from 'better-sqlite3'
import { strToU8, zipSync } from 'fflate'
import { AppError } from '@shared/errors'
import type { HandoutFile } from '@shared/types'
import { audit } from './audit'
import { namePart } from './file-names'
import {
  drawable,
  getHandoutOptions,
  renderHandout,
  type Drawable,
  type HandoutRendering
} from './handouts'
import type { OffThread } from '../offthread/pool'
import type { Query } from './query/schema'
import { dialectSql } from './query/dialect'
import { getPatient } from './patients'
import { getSnapshot, getVersion, listVersions } from './programs'
import { listVisits } from './visits'

/** Bumped when the archive's JSON changes shape; see docs/patient-export.md. */
export const exportFormatVersion = 3

/**
 * Everything the archive holds about a patient, read at once: with each
 * issued version's pictures, and the clinic's handout options, to draw their
 * handouts after the read.
 */
export async function patientRecord(q: Query, patientId: number, resourcesDir: string) {
  const patient = await getPatient(q, patientId)
  const programVersions = []
  const issued: { versionNo: number; drawn: Drawable }[] = []
  for (const summary of await listVersions(q, patientId)) {
    const snapshot = summary.status === 'issued' ? await getSnapshot(q, summary.id) : null
    const version = await getVersion(q, summary.id)
    programVersions.push({ ...version, snapshot })
    if (snapshot) {
      issued.push({
        versionNo: version.versionNo,
        drawn: await drawable(q, snapshot, resourcesDir)
      })
    }
  }
  return {
    patient,
    visits: await listVisits(q, patientId),
    programVersions,
    issued,
    options: await getHandoutOptions(q)
  }
}

/** The archive of a patient's record, with each issued version's handout. */
export async function exportPatient(
  record: Awaited<ReturnType<typeof patientRecord>>,
  rendering: HandoutRendering
): Promise<HandoutFile> {
  const { patient, visits, programVersions, issued, options } = record
  const files: Record<string, Uint8Array> = {}
  const handouts: string[] = []
  for (const { versionNo, drawn } of issued) {
    const file = await renderHandout(drawn, options, rendering)
    const name = `handouts/v${versionNo} ${file.fileName}`
    files[name] = file.bytes
    handouts.push(name)
  }
  const document = {
    format: 'physioplan-patient-export',
    formatVersion: exportFormatVersion,
    exportedAt: new Date().toISOString(),
    patient,
    visits,
    programVersions,
    handouts
  }
  files['patient.json'] = strToU8(JSON.stringify(document, null, 2))
  const date = document.exportedAt.slice(0, 10)
  return {
    // at most 80 bytes of name: 113 before ".zip"
    fileName: `${namePart(patient.fullName, 80)} - PhysioPlan export - ${date}.zip`,
    bytes: zipSync(files, { level: 6, mtime: new Date(document.exportedAt) })
  }
}

/**
 * Deletes every row about a patient — programs, versions and snapshots,
 * visits and scores, search entries — once their full name is typed. With
 * secure_delete and the index's secure-delete, the freed space is zeroed;
 * the caller empties the WAL afterwards (clearJournal) so no copy stays there either.
 */
export async function erasePatient(
  q: Query,
  patientId: number,
  confirmName: string
): Promise<null> {
  const patient = await getPatient(q, patientId)
  if (confirmName.trim() !== patient.fullName) {
    throw new AppError(
      'invalid_input',
      `Type the patient’s full name, ${patient.fullName}, to confirm.`,
      'confirmName'
    )
  }
  await q.deleteFrom('patients').where('id', '=', patientId).execute()
  await audit(q, { patientId, entity: 'patient', entityId: patientId, action: 'erase' })
  await dialectSql(q).optimizePatientSearch(q)
  return null
}

/**
 * wal_checkpoint(TRUNCATE) without waiting on the main thread: true when the
 * WAL was copied into the file and emptied. A reader on an older snapshot
 * (a backup or import on a worker) makes it give up at once instead.
 */
export function truncateJournal(db: Database): boolean {
  const wait = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
    return result?.busy === 0
  } finally {
    db.pragma(`busy_timeout = ${wait}`)
  }
}

/**
 * After an erase, the deleted pages' last copies live in the WAL until a
 * checkpoint empties it. When a worker's read holds the checkpoint back,
 * wait for the workers to finish and try again; false when still blocked
 * (the store empties the WAL when it closes, and the person is told).
 */
export async function clearJournal(db: Database, offThread: OffThread): Promise<boolean> {
  if (truncateJournal(db)) return true
  await offThread.idle()
  return truncateJournal(db)
}
