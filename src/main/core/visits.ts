/**
 * Follow-up visits with their outcome measures, and who is due. On the query
 * layer (issue 17).
 */
import { sql } from 'kysely'
import { AppError } from '@shared/errors'
import { limits } from '@shared/limits'
import {
  flagHistory,
  redFlagKeys,
  redFlagRules,
  type ActiveFlag,
  type VisitFlags
} from '@shared/red-flags'
import type { Dashboard, DueGroup, Visit, VisitFields } from '@shared/types'
import { nowIso } from './clock'
import { audit, changedFields } from './audit'
import { getPatient } from './patients'
import { dialectSql } from './query/dialect'
import type { Query } from './query/schema'
import { outcomesFrom, scoresOf, writeOutcomes, type OutcomeRow } from './visit-outcomes'

const visitColumns = [
  'id',
  'patient_id as patientId',
  'visit_date as visitDate',
  'visit_type as visitType',
  'program_version_id as programVersionId',
  'subjective',
  'objective',
  'plan',
  'sessions_done as sessionsDone',
  'sessions_prescribed as sessionsPrescribed',
  'next_visit_date as nextVisitDate',
  'created_at as createdAt',
  'updated_at as updatedAt'
] as const

const visitRows = (q: Query) => q.selectFrom('visits').select(visitColumns)

type FlagRow = Awaited<ReturnType<ReturnType<typeof flagRows>['execute']>>[number]

const flagRows = (q: Query, visitIds: number[]) =>
  q
    .selectFrom('visit_red_flags')
    .select(['visit_id', 'flag', 'status', 'note'])
    .where('visit_id', 'in', visitIds)

function flagsFrom(rows: FlagRow[]): Pick<Visit, 'redFlags' | 'resolvedFlags'> {
  const sorted = [...rows].sort((a, b) => redFlagKeys.indexOf(a.flag) - redFlagKeys.indexOf(b.flag))
  return {
    redFlags: sorted.filter((row) => row.status === 'present').map((row) => row.flag),
    resolvedFlags: sorted
      .filter((row) => row.status === 'resolved')
      .map(({ flag, note }) => ({ flag, note }))
  }
}

/** Rows grouped by the visit they belong to. */
function byVisit<Row extends { visit_id: number }>(rows: Row[]): Map<number, Row[]> {
  const groups = new Map<number, Row[]>()
  for (const row of rows) groups.set(row.visit_id, [...(groups.get(row.visit_id) ?? []), row])
  return groups
}

/** Visits with their red flags and outcomes: three queries, however many visits. */
async function withDetails(
  q: Query,
  visits: Awaited<ReturnType<ReturnType<typeof visitRows>['execute']>>
): Promise<Visit[]> {
  if (visits.length === 0) return []
  const ids = visits.map((visit) => visit.id)
  const flags = byVisit(await flagRows(q, ids).execute())
  const outcomeRows = await q
    .selectFrom('visit_outcomes')
    .select(['visit_id', 'measure', 'item', 'value'])
    .where('visit_id', 'in', ids)
    .orderBy('rowid')
    .execute()
  const outcomes = byVisit<OutcomeRow & { visit_id: number }>(outcomeRows)
  return visits.map((visit) => {
    const recorded = outcomesFrom(outcomes.get(visit.id) ?? [])
    return {
      ...visit,
      ...flagsFrom(flags.get(visit.id) ?? []),
      outcomes: recorded,
      scores: scoresOf(recorded)
    }
  })
}

export async function getVisit(q: Query, id: number): Promise<Visit> {
  const rows = await visitRows(q).where('id', '=', id).execute()
  if (rows.length === 0) throw new AppError('not_found', 'That visit could not be found.')
  return (await withDetails(q, rows))[0]!
}

/** A patient's visits, newest first. */
export async function listVisits(q: Query, patientId: number): Promise<Visit[]> {
  await getPatient(q, patientId) // an unknown patient: the readable not-found error
  const rows = await visitRows(q)
    .where('patient_id', '=', patientId)
    .orderBy('visit_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return withDetails(q, rows)
}

/** Every visit's red flags for one patient, for replaying which are active. */
async function flagVisits(q: Query, patientId: number): Promise<VisitFlags[]> {
  const visits = await q
    .selectFrom('visits')
    .select(['id', 'visit_date as visitDate'])
    .where('patient_id', '=', patientId)
    .execute()
  if (visits.length === 0) return []
  const flags = byVisit(
    await flagRows(
      q,
      visits.map((visit) => visit.id)
    ).execute()
  )
  return visits.map((visit) => ({ ...visit, ...flagsFrom(flags.get(visit.id) ?? []) }))
}

/** The red flags active now: raised at a visit and not resolved at a later one. */
export async function activeRedFlags(q: Query, patientId: number): Promise<ActiveFlag[]> {
  return flagHistory(await flagVisits(q, patientId)).active
}

/** A visit can resolve only a flag that was active before it. */
async function checkResolutions(
  q: Query,
  patientId: number,
  visitId: number | null,
  fields: VisitFields
): Promise<void> {
  if (fields.resolvedFlags.length === 0) return
  const before = flagHistory(await flagVisits(q, patientId), {
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

async function check(q: Query, patientId: number, fields: VisitFields): Promise<void> {
  const patient = await getPatient(q, patientId)
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
    const owner = await q
      .selectFrom('program_versions as v')
      .innerJoin('programs as g', 'g.id', 'v.program_id')
      .select('g.patient_id as patientId')
      .where('v.id', '=', fields.programVersionId)
      .executeTakeFirst()
    if (owner?.patientId !== patientId) {
      throw new AppError(
        'invalid_input',
        'That program version is not one of this patient’s.',
        'programVersionId'
      )
    }
  }
}

async function writeFlags(q: Query, visitId: number, fields: VisitFields): Promise<void> {
  await q.deleteFrom('visit_red_flags').where('visit_id', '=', visitId).execute()
  const rows = [
    ...fields.redFlags.map((flag) => ({ flag, status: 'present' as const, note: null })),
    ...fields.resolvedFlags.map(({ flag, note }) => ({ flag, status: 'resolved' as const, note }))
  ]
  if (rows.length > 0) {
    await q
      .insertInto('visit_red_flags')
      .values(rows.map((row) => ({ ...row, visit_id: visitId })))
      .execute()
  }
}

function columnsOf(fields: VisitFields) {
  return {
    visit_date: fields.visitDate,
    visit_type: fields.visitType,
    program_version_id: fields.programVersionId,
    subjective: fields.subjective,
    objective: fields.objective,
    plan: fields.plan,
    sessions_done: fields.sessionsDone,
    sessions_prescribed: fields.sessionsPrescribed,
    next_visit_date: fields.nextVisitDate
  }
}

export async function createVisit(
  q: Query,
  patientId: number,
  fields: VisitFields
): Promise<Visit> {
  await check(q, patientId, fields)
  await checkResolutions(q, patientId, null, fields)
  const now = nowIso()
  const { id } = await q
    .insertInto('visits')
    .values({ ...columnsOf(fields), patient_id: patientId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeFlags(q, id, fields)
  await writeOutcomes(q, id, fields.outcomes)
  const recorded = Object.keys(fields).filter((key) => {
    const value = fields[key as keyof VisitFields]
    return value !== null && !(Array.isArray(value) && value.length === 0)
  })
  await audit(q, { patientId, entity: 'visit', entityId: id, action: 'create', fields: recorded })
  return getVisit(q, id)
}

export async function updateVisit(q: Query, id: number, fields: VisitFields): Promise<Visit> {
  const visit = await getVisit(q, id)
  await check(q, visit.patientId, fields)
  await checkResolutions(q, visit.patientId, id, fields)
  await q
    .updateTable('visits')
    .set({ ...columnsOf(fields), updated_at: nowIso() })
    .where('id', '=', id)
    .execute()
  await writeFlags(q, id, fields)
  await writeOutcomes(q, id, fields.outcomes)
  const after = await getVisit(q, id)
  const changed = changedFields(visitFieldsOf(visit), visitFieldsOf(after))
  if (changed.length) {
    await audit(q, {
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

export async function deleteVisit(q: Query, id: number): Promise<null> {
  const visit = await getVisit(q, id)
  await q.deleteFrom('visits').where('id', '=', id).execute()
  await audit(q, { patientId: visit.patientId, entity: 'visit', entityId: id, action: 'delete' })
  return null
}

function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/** Whole days from one ISO date to a later one. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)

/**
 * Who is due, in four lists, each with its total and its first `show` rows: a
 * clinic with years of patients can have thousands without a next visit, and
 * a page of thousands of rows helps nobody (and took seconds to draw). By each
 * active patient's latest visit; patients discharged at it are not listed.
 */
export async function dashboard(
  q: Query,
  today: string,
  show: number = limits.dashboardRows
): Promise<Dashboard> {
  const weekEnd = addDays(today, 7)
  const group = async (q: Query, range: 'overdue' | 'today' | 'thisWeek' | 'noNextVisit') => {
    // each list a range of the patients_due index (migration 006), already in the list's order:
    // its condition word for word, the literal too, so the planner may read the lists from it
    const due = q
      .selectFrom('patients')
      .where('archived_at', 'is', null)
      .where('latest_visit_type', 'is distinct from', sql.lit('discharge'))
      .where((e) => {
        const next = e.ref('latest_next_visit_date')
        if (range === 'overdue') return e(next, '<', today) // the longest overdue first
        if (range === 'today') return e(next, '=', today)
        if (range === 'thisWeek') return e.and([e(next, '>', today), e(next, '<=', weekEnd)])
        return e(next, 'is', null)
      })
    const rows = await due
      .select([
        'id as patientId',
        'full_name as fullName',
        'condition',
        'latest_visit_date as lastVisitDate',
        'latest_next_visit_date as nextVisitDate'
      ])
      .orderBy('latest_next_visit_date')
      .orderBy('sort_key')
      .orderBy('id')
      .limit(show)
      .execute()
    // a list shorter than the cut is whole: only a full one is counted (a query saved, a round
    // trip on the clinic server)
    const total =
      rows.length < show
        ? rows.length
        : Number(
            (await due.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
          )
    const listed: DueGroup = {
      total,
      rows: rows.map((row) => ({
        ...row,
        lastVisitDate: row.lastVisitDate!,
        daysOverdue:
          row.nextVisitDate === null ? 0 : Math.max(0, daysBetween(row.nextVisitDate, today))
      }))
    }
    return listed
  }
  // one snapshot for the reads: an import committing between them would make a list's
  // total disagree with its rows
  return dialectSql(q).oneSnapshot(q, async (q) => ({
    overdue: await group(q, 'overdue'),
    today: await group(q, 'today'),
    thisWeek: await group(q, 'thisWeek'),
    noNextVisit: await group(q, 'noNextVisit')
  }))
}
