/** Follow-up visits with their outcome measures, and who is due. */
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { limits } from '@shared/limits'
import {
  flagHistory,
  redFlagKeys,
  redFlagRules,
  type ActiveFlag,
  type RedFlag,
  type VisitFlags
} from '@shared/red-flags'
import type { Dashboard, DashboardRow, DueGroup, Visit, VisitFields } from '@shared/types'
import { auditSync, changedFields } from './audit'
import { getPatientSync } from './patients'
import { readOutcomes, scoresOf, writeOutcomes } from './visit-outcomes'

type Row = Record<string, unknown>

const visitColumns = `id, patient_id AS patientId, visit_date AS visitDate, visit_type AS visitType,
  program_version_id AS programVersionId, subjective, objective, plan,
  sessions_done AS sessionsDone, sessions_prescribed AS sessionsPrescribed,
  next_visit_date AS nextVisitDate, created_at AS createdAt, updated_at AS updatedAt`

function visitFlags(db: Database, visitId: number): Pick<Visit, 'redFlags' | 'resolvedFlags'> {
  const rows = db
    .prepare('SELECT flag, status, note FROM visit_red_flags WHERE visit_id = ?')
    .all(visitId) as { flag: RedFlag; status: 'present' | 'resolved'; note: string | null }[]
  const order = (a: { flag: RedFlag }, b: { flag: RedFlag }) =>
    redFlagKeys.indexOf(a.flag) - redFlagKeys.indexOf(b.flag)
  rows.sort(order)
  return {
    redFlags: rows.filter((row) => row.status === 'present').map((row) => row.flag),
    resolvedFlags: rows
      .filter((row) => row.status === 'resolved')
      .map(({ flag, note }) => ({ flag, note }))
  }
}

function visitFrom(db: Database, row: Row): Visit {
  const outcomes = readOutcomes(db, row.id as number)
  return {
    ...(row as unknown as Omit<Visit, 'redFlags' | 'resolvedFlags' | 'outcomes' | 'scores'>),
    ...visitFlags(db, row.id as number),
    outcomes,
    scores: scoresOf(outcomes)
  }
}

export function getVisit(db: Database, id: number): Visit {
  const row = db.prepare(`SELECT ${visitColumns} FROM visits WHERE id = ?`).get(id) as
    Row | undefined
  if (row === undefined) throw new AppError('not_found', 'That visit could not be found.')
  return visitFrom(db, row)
}

/** A patient's visits, newest first. */
export function listVisits(db: Database, patientId: number): Visit[] {
  getPatientSync(db, patientId)
  const rows = db
    .prepare(
      `SELECT ${visitColumns} FROM visits WHERE patient_id = ? ORDER BY visit_date DESC, id DESC`
    )
    .all(patientId) as Row[]
  return rows.map((row) => visitFrom(db, row))
}

/** Every visit's red flags for one patient, for replaying which are active. */
function flagVisits(db: Database, patientId: number): VisitFlags[] {
  const visits = db
    .prepare('SELECT id, visit_date AS visitDate FROM visits WHERE patient_id = ?')
    .all(patientId) as { id: number; visitDate: string }[]
  return visits.map((visit) => ({ ...visit, ...visitFlags(db, visit.id) }))
}

/** The red flags active now: raised at a visit and not resolved at a later one. */
export function activeRedFlags(db: Database, patientId: number): ActiveFlag[] {
  return flagHistory(flagVisits(db, patientId)).active
}

/** A visit can resolve only a flag that was active before it. */
function checkResolutions(
  db: Database,
  patientId: number,
  visitId: number | null,
  fields: VisitFields
): void {
  if (fields.resolvedFlags.length === 0) return
  const before = flagHistory(flagVisits(db, patientId), {
    visitDate: fields.visitDate,
    id: visitId
  })
  for (const { flag } of fields.resolvedFlags) {
    if (!before.active.some((active) => active.flag === flag)) {
      throw new AppError(
        'invalid_input',
        `“${redFlagRules[flag].label}” was not active before this visit, so it can’t be resolved here.`,
        'resolvedFlags'
      )
    }
  }
}

function check(db: Database, patientId: number, fields: VisitFields): void {
  const patient = getPatientSync(db, patientId)
  if (fields.visitDate < patient.dateOfBirth) {
    throw new AppError(
      'invalid_input',
      'The visit date can’t be before the patient was born.',
      'visitDate'
    )
  }
  if (fields.nextVisitDate !== null && fields.nextVisitDate < fields.visitDate) {
    throw new AppError('invalid_input', 'The next visit can’t be before this one.', 'nextVisitDate')
  }
  if (fields.programVersionId !== null) {
    const owner = db
      .prepare(
        `SELECT g.patient_id AS patientId FROM program_versions v JOIN programs g ON g.id = v.program_id
         WHERE v.id = ?`
      )
      .get(fields.programVersionId) as { patientId: number } | undefined
    if (owner?.patientId !== patientId) {
      throw new AppError(
        'invalid_input',
        'That program version is not one of this patient’s.',
        'programVersionId'
      )
    }
  }
}

function writeFlags(db: Database, visitId: number, fields: VisitFields): void {
  db.prepare('DELETE FROM visit_red_flags WHERE visit_id = ?').run(visitId)
  const insert = db.prepare(
    'INSERT INTO visit_red_flags (visit_id, flag, status, note) VALUES (?, ?, ?, ?)'
  )
  for (const flag of fields.redFlags) insert.run(visitId, flag, 'present', null)
  for (const { flag, note } of fields.resolvedFlags) insert.run(visitId, flag, 'resolved', note)
}

function params(fields: VisitFields): Record<string, unknown> {
  return {
    visitDate: fields.visitDate,
    visitType: fields.visitType,
    programVersionId: fields.programVersionId,
    subjective: fields.subjective,
    objective: fields.objective,
    plan: fields.plan,
    sessionsDone: fields.sessionsDone,
    sessionsPrescribed: fields.sessionsPrescribed,
    nextVisitDate: fields.nextVisitDate
  }
}

export function createVisit(db: Database, patientId: number, fields: VisitFields): Visit {
  check(db, patientId, fields)
  checkResolutions(db, patientId, null, fields)
  const now = new Date().toISOString()
  const { id } = db
    .prepare(
      `INSERT INTO visits (patient_id, visit_date, visit_type, program_version_id, subjective,
         objective, plan, sessions_done, sessions_prescribed, next_visit_date,
         created_at, updated_at)
       VALUES (@patientId, @visitDate, @visitType, @programVersionId, @subjective, @objective,
         @plan, @sessionsDone, @sessionsPrescribed, @nextVisitDate, @now, @now)
       RETURNING id`
    )
    .get({ ...params(fields), patientId, now }) as { id: number }
  writeFlags(db, id, fields)
  writeOutcomes(db, id, fields.outcomes)
  const recorded = Object.keys(fields).filter((key) => {
    const value = fields[key as keyof VisitFields]
    return value !== null && !(Array.isArray(value) && value.length === 0)
  })
  auditSync(db, { patientId, entity: 'visit', entityId: id, action: 'create', fields: recorded })
  return getVisit(db, id)
}

export function updateVisit(db: Database, id: number, fields: VisitFields): Visit {
  const visit = getVisit(db, id)
  check(db, visit.patientId, fields)
  checkResolutions(db, visit.patientId, id, fields)
  db.prepare(
    `UPDATE visits SET visit_date = @visitDate, visit_type = @visitType,
       program_version_id = @programVersionId, subjective = @subjective, objective = @objective,
       plan = @plan, sessions_done = @sessionsDone,
       sessions_prescribed = @sessionsPrescribed, next_visit_date = @nextVisitDate,
       updated_at = @now WHERE id = @id`
  ).run({ ...params(fields), id, now: new Date().toISOString() })
  writeFlags(db, id, fields)
  writeOutcomes(db, id, fields.outcomes)
  const after = getVisit(db, id)
  const changed = changedFields(visitFieldsOf(visit), visitFieldsOf(after))
  if (changed.length) {
    auditSync(db, {
      patientId: visit.patientId,
      entity: 'visit',
      entityId: id,
      action: 'update',
      fields: changed
    })
  }
  return after
}

/** The part of a visit a person edits: what "changed fields" are compared on. */
function visitFieldsOf(visit: Visit): VisitFields {
  const { visitDate, visitType, programVersionId, subjective, objective, plan } = visit
  const { redFlags, resolvedFlags, sessionsDone, sessionsPrescribed, nextVisitDate, outcomes } =
    visit
  return {
    visitDate,
    visitType,
    programVersionId,
    subjective,
    objective,
    plan,
    redFlags,
    resolvedFlags,
    sessionsDone,
    sessionsPrescribed,
    nextVisitDate,
    outcomes
  }
}

export function deleteVisit(db: Database, id: number): null {
  const visit = getVisit(db, id)
  db.prepare('DELETE FROM visits WHERE id = ?').run(id)
  auditSync(db, { patientId: visit.patientId, entity: 'visit', entityId: id, action: 'delete' })
  return null
}

function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/** The four lists' ranges of `patients_due` (migration 006), each already in the list's order. */
const dueLists = {
  // the longest overdue first, so the cut keeps the most pressing
  overdue: 'latest_next_visit_date < @today',
  today: 'latest_next_visit_date = @today',
  thisWeek: 'latest_next_visit_date > @today AND latest_next_visit_date <= @weekEnd',
  noNextVisit: 'latest_next_visit_date IS NULL'
} as const

// the index's own condition, word for word, so SQLite reads the lists from it
const inIndex = `archived_at IS NULL AND latest_visit_type IS NOT 'discharge'`

/**
 * Who is due, in four lists, each with its total and its first `show` rows: a
 * clinic with years of patients can have thousands without a next visit, and
 * a page of thousands of rows helps nobody (and took seconds to draw). By each
 * active patient's latest visit; patients discharged at it are not listed.
 */
export function dashboard(
  db: Database,
  today: string,
  show: number = limits.dashboardRows
): Dashboard {
  const bounds = { today, weekEnd: addDays(today, 7) }
  const group = (range: string): DueGroup => {
    const where = `WHERE ${inIndex} AND ${range}`
    const { total } = db
      .prepare(`SELECT count(*) AS total FROM patients INDEXED BY patients_due ${where}`)
      .get(bounds) as { total: number }
    const rows = db
      .prepare(
        `SELECT id AS patientId, full_name AS fullName, condition,
           latest_visit_date AS lastVisitDate, latest_next_visit_date AS nextVisitDate,
           max(0, coalesce(
             CAST(julianday(@today) - julianday(latest_next_visit_date) AS INTEGER), 0
           )) AS daysOverdue
         FROM patients INDEXED BY patients_due ${where}
         ORDER BY latest_next_visit_date, sort_key, id LIMIT @show`
      )
      .all({ ...bounds, show }) as DashboardRow[]
    return { total, rows }
  }
  // one snapshot for the eight reads: an import committing between them would make a
  // list's total disagree with its rows
  return db.transaction(() => ({
    overdue: group(dueLists.overdue),
    today: group(dueLists.today),
    thisWeek: group(dueLists.thisWeek),
    noNextVisit: group(dueLists.noNextVisit)
  }))()
}
