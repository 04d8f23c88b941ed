/**
 * Home programs. A program is a series of versions: one draft at a time,
 * edited in place; issuing freezes it with a snapshot of exactly what the
 * handout shows; revising starts the next version as a copy.
 */
import type { Database } from 'better-sqlite3'
import { describeDose, incompleteDoses } from '@shared/dose'
import { AppError } from '@shared/errors'
import { diffVersions } from '@shared/program-diff'
import type {
  HandoutOptions,
  Dose,
  ExercisePhase,
  ProgramAdvice,
  ProgramDiff,
  ProgramSnapshot,
  ProgramVersion,
  ProgramVersionSummary
} from '@shared/types'
import { todayIso } from '@shared/dates'
import type { ProgramSource } from '@shared/contract'
import type { WalkRunPlan } from '@shared/walk-run'
import { doseColumnNames, doseFromRow, doseParams } from './dose-columns'
import { exerciseDetailsSync } from './exercises'
import { auditSync } from './audit'
import { getPatientSync } from './patients'
import { getClinicSync, readSettingSync } from './settings'
import { spinalHelpKey } from './seed/advice'
import { activeRedFlagsSync } from './visits'

type Row = Record<string, unknown>

export interface DraftContent {
  title: string
  goals: string
  startDate: string | null
  reviewDate: string | null
  /** phase: 'main' when not given */
  items: { exerciseId: number; phase?: ExercisePhase; dose: Dose }[]
  advice: ProgramAdvice[]
  /** none when not given */
  walkRun?: WalkRunPlan | null
}

const versionColumns = `v.id, v.program_id AS programId, p.patient_id AS patientId,
  v.version_no AS versionNo, v.status, v.title, v.goals, v.start_date AS startDate,
  v.review_date AS reviewDate, v.template_id AS templateId, v.issued_at AS issuedAt,
  v.created_at AS createdAt, v.updated_at AS updatedAt, v.walk_run AS walkRun,
  n.id AS nextStageId, n.name AS nextStageName, t.pain_rule AS templatePainRule`

function versionRow(db: Database, versionId: number): Row {
  const row = db
    .prepare(
      `SELECT ${versionColumns} FROM program_versions v JOIN programs p ON p.id = v.program_id
       LEFT JOIN templates t ON t.id = v.template_id
       LEFT JOIN templates n ON n.id = t.next_id AND n.archived_at IS NULL
       WHERE v.id = ?`
    )
    .get(versionId) as Row | undefined
  if (row === undefined) {
    throw new AppError('not_found', 'That program version could not be found.')
  }
  return row
}

export function getVersion(db: Database, versionId: number): ProgramVersion {
  const row = versionRow(db, versionId)
  const items = db
    .prepare(
      `SELECT i.*, e.name AS exercise_name, e.category, e.archived_at AS exercise_archived_at,
         e.easier_id, ez.name AS easier_name, e.harder_id, hz.name AS harder_name
       FROM program_items i JOIN exercises e ON e.id = i.exercise_id
       LEFT JOIN exercises ez ON ez.id = e.easier_id
       LEFT JOIN exercises hz ON hz.id = e.harder_id
       WHERE i.version_id = ? ORDER BY i.position`
    )
    .all(versionId) as Row[]
  const advice = db
    .prepare(
      `SELECT advice_id AS adviceId, kind, title, intro, points FROM program_advice
       WHERE version_id = ? ORDER BY position`
    )
    .all(versionId) as (Omit<ProgramAdvice, 'points'> & { points: string })[]
  const { nextStageId, nextStageName, walkRun, ...version } = row
  const link = (id: unknown, name: unknown) =>
    id === null ? null : { id: id as number, name: name as string }
  return {
    ...(version as unknown as Omit<ProgramVersion, 'items' | 'advice' | 'walkRun' | 'nextStage'>),
    walkRun: walkRun === null ? null : (JSON.parse(walkRun as string) as WalkRunPlan),
    nextStage: link(nextStageId, nextStageName),
    items: items.map((item) => ({
      exerciseId: item.exercise_id as number,
      exerciseName: item.exercise_name as string,
      category: item.category as ProgramVersion['items'][number]['category'],
      archived: item.exercise_archived_at !== null,
      phase: item.phase as ExercisePhase,
      dose: doseFromRow(item),
      easier: link(item.easier_id, item.easier_name),
      harder: link(item.harder_id, item.harder_name)
    })),
    advice: advice.map((section) => ({
      ...section,
      points: JSON.parse(section.points) as string[]
    }))
  }
}

/** Every version of every program for a patient, newest first. */
export function listVersions(db: Database, patientId: number): ProgramVersionSummary[] {
  getPatientSync(db, patientId)
  return db
    .prepare(
      `SELECT v.id, v.program_id AS programId, v.version_no AS versionNo, v.status, v.title,
         v.issued_at AS issuedAt, v.updated_at AS updatedAt,
         (SELECT count(*) FROM program_items i WHERE i.version_id = v.id) AS itemCount
       FROM program_versions v JOIN programs p ON p.id = v.program_id
       WHERE p.patient_id = ? ORDER BY v.created_at DESC, v.id DESC`
    )
    .all(patientId) as ProgramVersionSummary[]
}

export function assertExercisesExist(db: Database, items: DraftContent['items']): void {
  const known = db.prepare('SELECT 1 FROM exercises WHERE id = ?')
  items.forEach((item, index) => {
    if (known.get(item.exerciseId) === undefined) {
      throw new AppError(
        'invalid_input',
        `Exercise ${index + 1} is not in the library any more. Remove it and add another.`,
        `items.${index}.exerciseId`
      )
    }
  })
}

function writeContent(db: Database, versionId: number, content: DraftContent): void {
  assertExercisesExist(db, content.items)
  db.prepare('DELETE FROM program_items WHERE version_id = ?').run(versionId)
  db.prepare('DELETE FROM program_advice WHERE version_id = ?').run(versionId)
  const doseNames = doseColumnNames()
  const addItem = db.prepare(
    `INSERT INTO program_items (version_id, position, exercise_id, phase, ${doseNames.join(', ')})
     VALUES (@versionId, @position, @exerciseId, @phase, ${doseNames.map((n) => '@' + n).join(', ')})`
  )
  content.items.forEach((item, position) => {
    const { exerciseId, phase = 'main', dose } = item
    addItem.run({ versionId, position, exerciseId, phase, ...doseParams(dose) })
  })
  const addAdvice = db.prepare(
    `INSERT INTO program_advice (version_id, position, advice_id, kind, title, intro, points)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  )
  content.advice.forEach((section, position) => {
    addAdvice.run(
      versionId,
      position,
      section.adviceId,
      section.kind,
      section.title,
      section.intro,
      JSON.stringify(section.points)
    )
  })
}

function assertDraft(db: Database, versionId: number): Row {
  const row = versionRow(db, versionId)
  if (row.status !== 'draft') {
    throw new AppError(
      'conflict',
      `Version ${String(row.versionNo)} has been issued and can't be changed. Revise it to make a new version.`
    )
  }
  return row
}

const planJson = (plan: WalkRunPlan | null | undefined) => (plan ? JSON.stringify(plan) : null)

/** Replaces a draft's whole content: autosave sends the draft as it stands. */
export function saveDraft(db: Database, versionId: number, content: DraftContent): ProgramVersion {
  assertDraft(db, versionId)
  db.prepare(
    `UPDATE program_versions SET title = ?, goals = ?, start_date = ?, review_date = ?,
       walk_run = ?, updated_at = ? WHERE id = ?`
  ).run(
    content.title,
    content.goals,
    content.startDate,
    content.reviewDate,
    planJson(content.walkRun),
    new Date().toISOString(),
    versionId
  )
  writeContent(db, versionId, content)
  return getVersion(db, versionId)
}

function templateContent(db: Database, templateId: number): DraftContent & { name: string } {
  const template = db
    .prepare('SELECT name, goals, walk_run FROM templates WHERE id = ? AND archived_at IS NULL')
    .get(templateId) as { name: string; goals: string; walk_run: string | null } | undefined
  if (template === undefined) {
    throw new AppError('not_found', 'That template could not be found.', 'source.templateId')
  }
  const items = (
    db
      .prepare('SELECT * FROM template_items WHERE template_id = ? ORDER BY position')
      .all(templateId) as Row[]
  ).map((row) => ({
    exerciseId: row.exercise_id as number,
    phase: row.phase as ExercisePhase,
    dose: doseFromRow(row)
  }))
  const advice = db
    .prepare(
      `SELECT a.id AS adviceId, a.kind, a.title, a.intro, a.points FROM template_advice t
       JOIN advice_sections a ON a.id = t.advice_id WHERE t.template_id = ? ORDER BY t.position`
    )
    .all(templateId) as (Omit<ProgramAdvice, 'points'> & { points: string })[]
  return {
    name: template.name,
    title: template.name,
    goals: template.goals,
    startDate: null,
    reviewDate: null,
    items,
    advice: advice.map((section) => ({
      ...section,
      points: JSON.parse(section.points) as string[]
    })),
    walkRun: template.walk_run === null ? null : (JSON.parse(template.walk_run) as WalkRunPlan)
  }
}

function contentOf(version: ProgramVersion): DraftContent {
  const { title, goals, startDate, reviewDate, advice, walkRun } = version
  const items = version.items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose }))
  return { title, goals, startDate, reviewDate, items, advice, walkRun }
}

function insertVersion(
  db: Database,
  programId: number,
  versionNo: number,
  content: DraftContent,
  templateId: number | null
): ProgramVersion {
  const now = new Date().toISOString()
  const { id } = db
    .prepare(
      `INSERT INTO program_versions (program_id, version_no, title, goals, start_date,
         review_date, template_id, walk_run, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
    )
    .get(
      programId,
      versionNo,
      content.title,
      content.goals,
      content.startDate,
      content.reviewDate,
      templateId,
      planJson(content.walkRun),
      now,
      now
    ) as { id: number }
  writeContent(db, id, content)
  return getVersion(db, id)
}

/** A new program for a patient, as version 1 in draft: blank, from a template, or a copy. */
export function createProgram(
  db: Database,
  patientId: number,
  source: ProgramSource,
  title: string | undefined
): ProgramVersion {
  getPatientSync(db, patientId)
  let content: DraftContent = {
    title: 'Home exercise program',
    goals: '',
    startDate: null,
    reviewDate: null,
    items: [],
    advice: [],
    walkRun: null
  }
  let templateId: number | null = null
  if (source.kind === 'template') {
    content = templateContent(db, source.templateId)
    templateId = source.templateId
  } else if (source.kind === 'copy') {
    const original = getVersion(db, source.versionId)
    if (original.patientId !== patientId) {
      throw new AppError(
        'invalid_input',
        'Copy a program of this patient only.',
        'source.versionId'
      )
    }
    content = contentOf(original)
  }
  if (title) content = { ...content, title }
  const now = new Date().toISOString()
  const { id: programId } = db
    .prepare('INSERT INTO programs (patient_id, created_at) VALUES (?, ?) RETURNING id')
    .get(patientId, now) as { id: number }
  return insertVersion(db, programId, 1, content, templateId)
}

/**
 * Whether every seek-help section of a program is a built-in one other than
 * the back's (the leg conditions' has its own warning signs). A clinic's own
 * section, or none, keeps the spinal red flags on the handout: the safe side.
 */
function helpIsForAnotherRegion(db: Database, advice: ProgramAdvice[]): boolean {
  const help = advice.filter((section) => section.kind === 'seek-help')
  const keyOf = db.prepare('SELECT builtin_key FROM advice_sections WHERE id = ?').pluck()
  return (
    help.length > 0 &&
    help.every((section) => {
      const key = section.adviceId === null ? null : (keyOf.get(section.adviceId) as string | null)
      return key !== null && key !== undefined && key !== spinalHelpKey
    })
  )
}

export function buildSnapshot(
  db: Database,
  version: ProgramVersion,
  issuedAt: string
): ProgramSnapshot {
  const patient = getPatientSync(db, version.patientId)
  const mediaIds = db.prepare(
    'SELECT id FROM exercise_media WHERE exercise_id = ? AND retired_at IS NULL ORDER BY sort_order, id'
  )
  const redFlags = activeRedFlagsSync(db, version.patientId).map((active) => active.flag)
  return {
    format: 1,
    issuedAt,
    redFlags,
    spinalFlags: redFlags.length > 0 || !helpIsForAnotherRegion(db, version.advice),
    patient: { id: patient.id, fullName: patient.fullName, dateOfBirth: patient.dateOfBirth },
    clinic: getClinicSync(db),
    program: {
      programId: version.programId,
      versionId: version.id,
      versionNo: version.versionNo,
      title: version.title,
      goals: version.goals,
      startDate: version.startDate,
      reviewDate: version.reviewDate
    },
    exercises: version.items.map((item) => {
      const exercise = exerciseDetailsSync(db, item.exerciseId)
      return {
        exerciseId: exercise.id,
        name: exercise.name,
        summary: exercise.summary,
        steps: exercise.steps,
        caution: exercise.caution,
        mediaIds: (mediaIds.all(exercise.id) as { id: number }[]).map((media) => media.id),
        phase: item.phase,
        dose: item.dose,
        doseLine: describeDose(item.dose),
        easierName: item.easier?.name ?? null
      }
    }),
    advice: version.advice,
    walkRun: version.walkRun
  }
}

/**
 * Freezes a draft: stores the snapshot the handout prints from, forever. A
 * patient can't follow a dose that doesn't say how much or how often, so
 * those are refused until the physiotherapist confirms them.
 */
export function issueVersion(
  db: Database,
  versionId: number,
  confirmIncompleteDoses = false
): ProgramVersion {
  assertDraft(db, versionId)
  const version = getVersion(db, versionId)
  if (version.items.length === 0) {
    throw new AppError('invalid_input', 'Add at least one exercise before issuing the program.')
  }
  const incomplete = incompleteDoses(version.items)
  if (incomplete.length && !confirmIncompleteDoses) {
    throw new AppError(
      'needs_confirmation',
      `Check the dose of ${incomplete.map((item) => `${item.number}. ${item.exerciseName} (${item.missing})`).join('; ')} before issuing.`,
      'items'
    )
  }
  const issuedAt = new Date().toISOString()
  // the layout chosen for handouts is frozen with the rest: every reprint is the same
  const layout = readSettingSync<Partial<HandoutOptions>>(db, 'handout')?.layout ?? 'standard'
  const snapshot = { ...buildSnapshot(db, version, issuedAt), layout }
  db.prepare(
    `UPDATE program_versions SET status = 'issued', issued_at = ?, snapshot = ?, updated_at = ?
     WHERE id = ?`
  ).run(issuedAt, JSON.stringify(snapshot), issuedAt, versionId)
  auditSync(db, {
    patientId: version.patientId,
    entity: 'program',
    entityId: versionId,
    action: 'issue'
  })
  return getVersion(db, versionId)
}

export function getSnapshot(db: Database, versionId: number): ProgramSnapshot {
  const row = db.prepare('SELECT snapshot FROM program_versions WHERE id = ?').get(versionId) as
    { snapshot: string | null } | undefined
  if (row === undefined) throw new AppError('not_found', 'That program version could not be found.')
  if (row.snapshot === null) {
    throw new AppError('conflict', 'This version is still a draft: issue it first.')
  }
  return JSON.parse(row.snapshot) as ProgramSnapshot
}

/**
 * The next version as an editable copy of this one. If the program already
 * has a draft, that draft is returned: there is only ever one.
 */
export function reviseVersion(db: Database, versionId: number): ProgramVersion {
  const version = getVersion(db, versionId)
  const existing = db
    .prepare("SELECT id FROM program_versions WHERE program_id = ? AND status = 'draft'")
    .get(version.programId) as { id: number } | undefined
  if (existing) return getVersion(db, existing.id)
  const { latest } = db
    .prepare('SELECT max(version_no) AS latest FROM program_versions WHERE program_id = ?')
    .get(version.programId) as { latest: number }
  return insertVersion(db, version.programId, latest + 1, contentOf(version), version.templateId)
}

/** The one side of a one-sided program (a sore left Achilles), if it has one. */
function programSide(version: ProgramVersion): 'left' | 'right' | null {
  const sides = new Set(version.items.map((item) => item.dose.side).filter((side) => side !== null))
  const [only] = [...sides]
  return sides.size === 1 && (only === 'left' || only === 'right') ? only : null
}

/**
 * Moves a patient to the next stage of the staged template their program
 * started from, as the next version in one step: the next stage's exercises,
 * doses, advice and walk–run plan. What the physiotherapist made for this
 * patient stays: a title or goals they rewrote (the old stage's own words
 * become the new stage's), advice written for this patient only, the side of
 * a one-sided program, and the walk–run plan when the next stage brings none.
 * The stage starts today; a review date still ahead is kept.
 */
export function moveToNextStage(db: Database, versionId: number): ProgramVersion {
  const version = getVersion(db, versionId)
  if (version.nextStage === null || version.templateId === null) {
    throw new AppError('not_found', 'This program’s template has no next stage.')
  }
  const draft = db
    .prepare(
      "SELECT version_no AS versionNo FROM program_versions WHERE program_id = ? AND status = 'draft'"
    )
    .get(version.programId) as { versionNo: number } | undefined
  if (draft) {
    throw new AppError(
      'conflict',
      `Version ${draft.versionNo} is a draft: discard it first to move to the next stage.`
    )
  }
  const stage = db
    .prepare('SELECT name, goals FROM templates WHERE id = ?')
    .get(version.templateId) as { name: string; goals: string }
  const next = templateContent(db, version.nextStage.id)
  const side = programSide(version)
  const today = todayIso()
  const content: DraftContent = {
    title: version.title === stage.name ? next.title : version.title,
    goals: version.goals === stage.goals ? next.goals : version.goals,
    startDate: today,
    reviewDate:
      version.reviewDate !== null && version.reviewDate > today ? version.reviewDate : null,
    items: next.items.map((item) => ({
      ...item,
      dose: side !== null && item.dose.side !== null ? { ...item.dose, side } : item.dose
    })),
    advice: [...next.advice, ...version.advice.filter((section) => section.adviceId === null)],
    walkRun: next.walkRun ?? version.walkRun ?? null
  }
  const { latest } = db
    .prepare('SELECT max(version_no) AS latest FROM program_versions WHERE program_id = ?')
    .get(version.programId) as { latest: number }
  return insertVersion(db, version.programId, latest + 1, content, version.nextStage.id)
}

/** Discards a draft; the program goes with it when that was its only version. */
export function deleteDraft(db: Database, versionId: number): null {
  const row = assertDraft(db, versionId)
  db.prepare('DELETE FROM program_versions WHERE id = ?').run(versionId)
  db.prepare(
    'DELETE FROM programs WHERE id = ? AND NOT EXISTS (SELECT 1 FROM program_versions WHERE program_id = ?)'
  ).run(row.programId, row.programId)
  return null
}

export function compareVersions(db: Database, fromId: number, toId: number): ProgramDiff {
  const from = getVersion(db, fromId)
  const to = getVersion(db, toId)
  if (from.patientId !== to.patientId) {
    throw new AppError('invalid_input', 'Compare two versions of the same patient’s programs.')
  }
  return diffVersions(from, to)
}
