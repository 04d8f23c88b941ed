/**
 * Patients: the first domain on the query layer (issue 17). Every function
 * takes the `q` its handler's `store.read`/`store.write` hands it, first.
 */
import { sql } from 'kysely'
import { limits } from '@shared/limits'
import { AppError } from '@shared/errors'
import { inMeasureOrder, type MeasureKey } from '@shared/measures'
import type { Patient, PatientFields, PatientSummary } from '@shared/types'
import { nowIso } from './clock'
import { audit, changedFields } from './audit'
import type { Query } from './query/schema'
import { dialectSql } from './query/dialect'
import { fold, searchTerms } from './search'
import { updateVersioned } from './versioned'

const summaryColumns = [
  'p.id',
  'p.full_name as fullName',
  'p.date_of_birth as dateOfBirth',
  'p.condition',
  'p.archived_at as archivedAt',
  'p.updated_at as updatedAt'
] as const

const patientColumns = [
  ...summaryColumns,
  'p.sex',
  'p.phone',
  'p.email',
  'p.referral_source as referralSource',
  'p.notes',
  'p.measures',
  'p.created_at as createdAt',
  'p.version'
] as const

/**
 * Patients matching every typed term (each dialect says how: query/dialect.ts), active
 * before archived, by name. Both sides are folded: "lu" and "lukas" find
 * Łukasiewicz.
 */
export async function listPatients(
  q: Query,
  options: { query?: string | undefined; includeArchived?: boolean | undefined }
): Promise<PatientSummary[]> {
  const filters = await dialectSql(q).patientMatch(q, searchTerms(options.query))
  return (
    q
      .selectFrom('patients as p')
      .select(summaryColumns)
      .$if(!options.includeArchived, (s) => s.where('p.archived_at', 'is', null))
      .$if(filters.length > 0, (s) => s.where((e) => e.and(filters)))
      // Active patients only: the name index is already in this order, so the first 500 are read
      // and the rest never touched (at 100,000 patients, sorting them all took 30 ms)
      .$if(Boolean(options.includeArchived), (s) => s.orderBy(sql`p.archived_at IS NOT NULL`))
      .orderBy('p.sort_key')
      .orderBy('p.id')
      .limit(limits.patientList)
      .execute()
  )
}

const patientById = (q: Query, id: number) =>
  q.selectFrom('patients as p').select(patientColumns).where('p.id', '=', id)

type PatientRow = Awaited<ReturnType<ReturnType<typeof patientById>['executeTakeFirst']>>

function patientFrom(row: PatientRow): Patient {
  if (row === undefined) {
    throw new AppError('not_found', 'That patient could not be found. They may have been erased.')
  }
  return { ...row, measures: JSON.parse(row.measures) as MeasureKey[] }
}

export async function getPatient(q: Query, id: number): Promise<Patient> {
  return patientFrom(await patientById(q, id).executeTakeFirst())
}

/** Chooses the measures the patient's visit form shows and their progress charts follow. */
export async function setPatientMeasures(
  q: Query,
  id: number,
  measures: MeasureKey[]
): Promise<Patient> {
  const before = await getPatient(q, id)
  const ordered = inMeasureOrder(measures)
  if (JSON.stringify(ordered) === JSON.stringify(before.measures)) return before
  await q
    .updateTable('patients')
    .set({ measures: JSON.stringify(ordered), updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
  await audit(q, {
    patientId: id,
    entity: 'patient',
    entityId: id,
    action: 'update',
    fields: ['measures']
  })
  return getPatient(q, id)
}

function fieldColumns(fields: PatientFields) {
  return {
    full_name: fields.fullName,
    sort_key: fold(fields.fullName),
    date_of_birth: fields.dateOfBirth,
    sex: fields.sex,
    phone: fields.phone,
    email: fields.email,
    condition: fields.condition,
    referral_source: fields.referralSource,
    notes: fields.notes
  }
}

export async function createPatient(q: Query, fields: PatientFields): Promise<Patient> {
  const now = nowIso()
  const { id } = await q
    .insertInto('patients')
    .values({ ...fieldColumns(fields), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  const recorded = Object.keys(fields).filter((key) => fields[key as keyof PatientFields] !== null)
  await audit(q, {
    patientId: id,
    entity: 'patient',
    entityId: id,
    action: 'create',
    fields: recorded
  })
  return getPatient(q, id)
}

/** Saves the details as edited from `version`; refused if someone saved since (versioned.ts). */
export async function updatePatient(
  q: Query,
  id: number,
  version: number,
  fields: PatientFields
): Promise<Patient> {
  const before = await getPatient(q, id) // throws the readable not-found error
  await updateVersioned(q, { table: 'patients', id }, version, {
    ...fieldColumns(fields),
    updated_at: nowIso()
  })
  const changed = changedFields<PatientFields>(before, fields)
  if (changed.length) {
    await audit(q, {
      patientId: id,
      entity: 'patient',
      entityId: id,
      action: 'update',
      fields: changed
    })
  }
  return getPatient(q, id)
}

export async function setPatientArchived(
  q: Query,
  id: number,
  archived: boolean
): Promise<Patient> {
  const now = nowIso()
  await q
    .updateTable('patients')
    .set({
      // archiving again keeps the first date
      archived_at: archived ? sql<string>`coalesce(archived_at, ${now})` : null,
      updated_at: now
    })
    .where('id', '=', id)
    .execute()
  const action = archived ? 'archive' : 'restore'
  await audit(q, { patientId: id, entity: 'patient', entityId: id, action })
  // an unknown id throws the readable not-found error here, and the write rolls back
  return getPatient(q, id)
}
