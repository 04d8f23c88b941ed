import type { Database } from 'better-sqlite3'
import { limits } from '@shared/limits'
import { AppError } from '@shared/errors'
import { inMeasureOrder, type MeasureKey } from '@shared/measures'
import type { Patient, PatientFields, PatientSummary } from '@shared/types'
import { audit, changedFields } from './audit'
import { fold, ftsString, likePrefix, searchTerms } from './search'

const summaryColumns = `p.id, p.full_name AS fullName, p.date_of_birth AS dateOfBirth,
  p.condition, p.archived_at AS archivedAt, p.updated_at AS updatedAt`

const patientColumns = `${summaryColumns}, p.sex, p.phone, p.email,
  p.referral_source AS referralSource, p.notes, p.measures, p.created_at AS createdAt`

/**
 * Patients matching every typed term, active before archived, by name.
 * Terms of 3+ letters use the trigram index (any part of the name or
 * condition); shorter ones match the start of a word in the name. Both
 * compare folded text: "lu" and "lukas" find Łukasiewicz.
 */
export function listPatients(
  db: Database,
  options: { query?: string | undefined; includeArchived?: boolean | undefined }
): PatientSummary[] {
  const terms = searchTerms(options.query)
  const long = terms.filter((term) => [...term].length >= 3)
  const short = terms.filter((term) => [...term].length < 3)
  const where: string[] = []
  const params: Record<string, string | number> = { limit: limits.patientList }
  if (!options.includeArchived) where.push('p.archived_at IS NULL')
  if (long.length > 0) {
    where.push('p.id IN (SELECT rowid FROM patients_fts WHERE patients_fts MATCH @match)')
    params.match = long.map(ftsString).join(' AND ')
  }
  short.forEach((term, index) => {
    where.push(`(p.sort_key LIKE @s${index} ESCAPE '\\' OR p.sort_key LIKE @w${index} ESCAPE '\\')`)
    params[`s${index}`] = likePrefix(term)
    params[`w${index}`] = `% ${likePrefix(term)}`
  })
  // Active patients only: the name index is already in this order, so the first 500 are read
  // and the rest never touched (at 100,000 patients, sorting them all took 30 ms)
  const order = options.includeArchived
    ? 'p.archived_at IS NOT NULL, p.sort_key, p.id'
    : 'p.sort_key, p.id'
  const sql = `SELECT ${summaryColumns} FROM patients p
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order}
    LIMIT @limit`
  return db.prepare(sql).all(params) as PatientSummary[]
}

export function getPatient(db: Database, id: number): Patient {
  const row = db.prepare(`SELECT ${patientColumns} FROM patients p WHERE p.id = ?`).get(id) as
    (Omit<Patient, 'measures'> & { measures: string }) | undefined
  if (row === undefined) {
    throw new AppError('not_found', 'That patient could not be found. They may have been erased.')
  }
  return { ...row, measures: JSON.parse(row.measures) as MeasureKey[] }
}

/** Chooses the measures the patient's visit form shows and their progress charts follow. */
export function setPatientMeasures(db: Database, id: number, measures: MeasureKey[]): Patient {
  const before = getPatient(db, id)
  const ordered = inMeasureOrder(measures)
  if (JSON.stringify(ordered) === JSON.stringify(before.measures)) return before
  db.prepare('UPDATE patients SET measures = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(ordered),
    new Date().toISOString(),
    id
  )
  audit(db, {
    patientId: id,
    entity: 'patient',
    entityId: id,
    action: 'update',
    fields: ['measures']
  })
  return getPatient(db, id)
}

function fieldParams(fields: PatientFields) {
  return {
    fullName: fields.fullName,
    sortKey: fold(fields.fullName),
    dateOfBirth: fields.dateOfBirth,
    sex: fields.sex,
    phone: fields.phone,
    email: fields.email,
    condition: fields.condition,
    referralSource: fields.referralSource,
    notes: fields.notes
  }
}

export function createPatient(db: Database, fields: PatientFields): Patient {
  const now = new Date().toISOString()
  const { id } = db
    .prepare(
      `INSERT INTO patients (full_name, sort_key, date_of_birth, sex, phone, email, condition,
        referral_source, notes, created_at, updated_at)
       VALUES (@fullName, @sortKey, @dateOfBirth, @sex, @phone, @email, @condition,
        @referralSource, @notes, @now, @now)
       RETURNING id`
    )
    .get({ ...fieldParams(fields), now }) as { id: number }
  const recorded = Object.keys(fields).filter((key) => fields[key as keyof PatientFields] !== null)
  audit(db, { patientId: id, entity: 'patient', entityId: id, action: 'create', fields: recorded })
  return getPatient(db, id)
}

export function updatePatient(db: Database, id: number, fields: PatientFields): Patient {
  const before = getPatient(db, id)
  const { changes } = db
    .prepare(
      `UPDATE patients SET full_name = @fullName, sort_key = @sortKey, date_of_birth = @dateOfBirth, sex = @sex,
        phone = @phone, email = @email, condition = @condition,
        referral_source = @referralSource, notes = @notes, updated_at = @now
       WHERE id = @id`
    )
    .run({ ...fieldParams(fields), id, now: new Date().toISOString() })
  if (changes === 0) getPatient(db, id) // throws the readable not-found error
  const changed = changedFields(fieldParams(before), fieldParams(fields)).filter(
    (key) => key !== 'sortKey'
  )
  if (changed.length) {
    audit(db, { patientId: id, entity: 'patient', entityId: id, action: 'update', fields: changed })
  }
  return getPatient(db, id)
}

export function setPatientArchived(db: Database, id: number, archived: boolean): Patient {
  const now = new Date().toISOString()
  db.prepare(
    `UPDATE patients SET archived_at = CASE WHEN @archived THEN coalesce(archived_at, @now) END,
      updated_at = @now WHERE id = @id`
  ).run({ id, archived: archived ? 1 : 0, now })
  const action = archived ? 'archive' : 'restore'
  audit(db, { patientId: id, entity: 'patient', entityId: id, action })
  return getPatient(db, id)
}
