/**
 * Home programs. A program is a series of versions: one draft at a time,
 * edited in place; issuing freezes it with a snapshot of exactly what the
 * handout shows; revising starts the next version as a copy. On the query
 * layer (issue 17): every function takes its handler's `q` first.
 */
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
import { nowIso } from './clock'
import { doseColumnNames, doseFromRow, doseParams } from './dose-columns'
import { audit } from './audit'
import { getPatient } from './patients'
import type { Insertable } from 'kysely'
import { compiledOnce, type Param } from './query/compiled'
import type { DoseColumns, ProgramAdviceTable, ProgramItemsTable, Query } from './query/schema'
import { dialectSql } from './query/dialect'
import { spinalHelpKey } from './seed/advice'
import { exerciseDetails, linkFrom } from './exercises'
import { getClinic, readSetting } from './settings'
import { activeRedFlags } from './visits'
import { nextVersion, refuseStale, updateVersioned } from './versioned'

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

// compiled once: a save reads its draft twice, and compiling this took longer than running it
const versionById = compiledOnce((q, param) =>
  q
    .selectFrom('program_versions as v')
    .innerJoin('programs as p', 'p.id', 'v.program_id')
    .leftJoin('templates as t', 't.id', 'v.template_id')
    // the next stage, unless it was archived
    .leftJoin('templates as n', (join) =>
      join.onRef('n.id', '=', 't.next_id').on('n.archived_at', 'is', null)
    )
    .select([
      'v.id',
      'v.program_id as programId',
      'p.patient_id as patientId',
      'v.version_no as versionNo',
      'v.status',
      'v.title',
      'v.goals',
      'v.start_date as startDate',
      'v.review_date as reviewDate',
      'v.template_id as templateId',
      'v.issued_at as issuedAt',
      'v.created_at as createdAt',
      'v.updated_at as updatedAt',
      'v.walk_run as walkRun',
      'v.version',
      'n.id as nextStageId',
      'n.name as nextStageName',
      't.pain_rule as templatePainRule'
    ])
    .where('v.id', '=', param<number>(0))
)

type VersionRow = Awaited<ReturnType<typeof versionById>>[number]

async function versionRow(q: Query, versionId: number): Promise<VersionRow> {
  const [row] = await versionById(q, [versionId])
  if (row === undefined) {
    throw new AppError('not_found', 'That program version could not be found.')
  }
  return row
}

const pointsOf = <T extends { points: string }>(section: T) => ({
  ...section,
  points: JSON.parse(section.points) as string[]
})

const planOf = (json: string | null) => (json === null ? null : (JSON.parse(json) as WalkRunPlan))

const itemsOf = compiledOnce((q, param) =>
  q
    .selectFrom('program_items as i')
    .innerJoin('exercises as e', 'e.id', 'i.exercise_id')
    .leftJoin('exercises as ez', 'ez.id', 'e.easier_id')
    .leftJoin('exercises as hz', 'hz.id', 'e.harder_id')
    .selectAll('i')
    .select([
      'e.name as exercise_name',
      'e.category',
      'e.archived_at as exercise_archived_at',
      'e.easier_id',
      'ez.name as easier_name',
      'e.harder_id',
      'hz.name as harder_name'
    ])
    .where('i.version_id', '=', param<number>(0))
    .orderBy('i.position')
)

const adviceOf = compiledOnce((q, param) =>
  q
    .selectFrom('program_advice')
    .select(['advice_id as adviceId', 'kind', 'title', 'intro', 'points'])
    .where('version_id', '=', param<number>(0))
    .orderBy('position')
)

export async function getVersion(q: Query, versionId: number): Promise<ProgramVersion> {
  const row = await versionRow(q, versionId)
  const items = await itemsOf(q, [versionId])
  const advice = await adviceOf(q, [versionId])
  const { nextStageId, nextStageName, walkRun, ...version } = row
  return {
    ...version,
    walkRun: planOf(walkRun),
    nextStage: linkFrom(nextStageId, nextStageName),
    items: items.map((item) => ({
      exerciseId: item.exercise_id,
      exerciseName: item.exercise_name,
      category: item.category,
      archived: item.exercise_archived_at !== null,
      phase: item.phase,
      dose: doseFromRow(item),
      easier: linkFrom(item.easier_id, item.easier_name),
      harder: linkFrom(item.harder_id, item.harder_name)
    })),
    advice: advice.map(pointsOf)
  }
}

// compiled once: the patient page asks for it on every visit
const versionsOf = compiledOnce((q, param) =>
  q
    .selectFrom('program_versions as v')
    .innerJoin('programs as p', 'p.id', 'v.program_id')
    .select((eb) => [
      'v.id',
      'v.program_id as programId',
      'v.version_no as versionNo',
      'v.status',
      'v.title',
      'v.issued_at as issuedAt',
      'v.updated_at as updatedAt',
      eb
        .selectFrom('program_items as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.version_id', '=', 'v.id')
        .$asScalar()
        .$notNull()
        .as('itemCount')
    ])
    .where('p.patient_id', '=', param<number>(0))
    .orderBy('v.created_at', 'desc')
    .orderBy('v.id', 'desc')
)

/** Every version of every program for a patient, newest first. */
export async function listVersions(q: Query, patientId: number): Promise<ProgramVersionSummary[]> {
  await getPatient(q, patientId)
  return versionsOf(q, [patientId])
}

/** Refuses items naming an exercise the library no longer has, pointing at the first. */
export async function assertExercisesExist(q: Query, items: DraftContent['items']): Promise<void> {
  if (items.length === 0) return
  const found = await q
    .selectFrom('exercises as e')
    .select('e.id')
    .where(dialectSql(q).oneOf('e.id', [...new Set(items.map((item) => item.exerciseId))]))
    .execute()
  const known = new Set(found.map((row) => row.id))
  const index = items.findIndex((item) => !known.has(item.exerciseId))
  if (index >= 0) {
    throw new AppError(
      'invalid_input',
      `Exercise ${index + 1} is not in the library any more. Remove it and add another.`,
      `items.${index}.exerciseId`
    )
  }
}

/** A dose as its ten columns. */
export const doseColumns = (dose: Partial<Dose>) => doseParams(dose) as unknown as DoseColumns

/** The ten dose columns' names, as the item tables' inserts list them. */
export const doseNames = doseColumnNames() as (keyof DoseColumns)[]

const clearItems = compiledOnce((q, param) =>
  q.deleteFrom('program_items').where('version_id', '=', param<number>(0))
)
const clearAdvice = compiledOnce((q, param) =>
  q.deleteFrom('program_advice').where('version_id', '=', param<number>(0))
)

/** `count` rows of `columns`, each value the next of a run's values, row after row. */
const rowsOf = <Row>(columns: readonly string[], count: number, param: Param) =>
  Array.from(
    { length: count },
    (_, row) =>
      Object.fromEntries(
        columns.map((column, index) => [column, param(row * columns.length + index)])
      ) as Row
  )

const itemColumns = ['version_id', 'position', 'exercise_id', 'phase', ...doseNames]
const insertItems = compiledOnce((q, param, count: number) =>
  q
    .insertInto('program_items')
    .values(rowsOf<Insertable<ProgramItemsTable>>(itemColumns, count, param))
)

const adviceColumns = ['version_id', 'position', 'advice_id', 'kind', 'title', 'intro', 'points']
const insertAdvice = compiledOnce((q, param, count: number) =>
  q
    .insertInto('program_advice')
    .values(rowsOf<Insertable<ProgramAdviceTable>>(adviceColumns, count, param))
)

async function writeContent(q: Query, versionId: number, content: DraftContent): Promise<void> {
  await assertExercisesExist(q, content.items)
  await clearItems(q, [versionId])
  await clearAdvice(q, [versionId])
  const { items, advice } = content
  if (items.length > 0) {
    // in itemColumns' order
    const values = items.flatMap(({ exerciseId, phase = 'main', dose }, position) => {
      const columns = doseColumns(dose)
      return [versionId, position, exerciseId, phase, ...doseNames.map((name) => columns[name])]
    })
    await insertItems(q, values, items.length)
  }
  if (advice.length > 0) {
    // in adviceColumns' order
    const values = advice.flatMap((section, position) => [
      versionId,
      position,
      section.adviceId,
      section.kind,
      section.title,
      section.intro,
      JSON.stringify(section.points)
    ])
    await insertAdvice(q, values, advice.length)
  }
}

async function assertDraft(q: Query, versionId: number): Promise<VersionRow> {
  const row = await versionRow(q, versionId)
  if (row.status !== 'draft') {
    throw new AppError(
      'conflict',
      `Version ${String(row.versionNo)} has been issued and can't be changed. Revise it to make a new version.`
    )
  }
  return row
}

const planJson = (plan: WalkRunPlan | null | undefined) => (plan ? JSON.stringify(plan) : null)

// versioned.ts's update, compiled once: autosave runs it on every pause in typing
const updateDraft = compiledOnce((q, param) =>
  q
    .updateTable('program_versions')
    .set({
      title: param(0),
      goals: param(1),
      start_date: param(2),
      review_date: param(3),
      walk_run: param(4),
      updated_at: param(5),
      version: nextVersion
    })
    .where('id', '=', param<number>(6))
    .where('version', '=', param<number>(7))
    .returning('version')
)

/**
 * Replaces a draft's whole content: autosave sends the draft as it stands,
 * with the version it was edited from (each save's answer is the next
 * one's base), so a colleague's save in between is refused, not overwritten.
 */
export async function saveDraft(
  q: Query,
  versionId: number,
  version: number,
  content: DraftContent
): Promise<ProgramVersion> {
  await assertDraft(q, versionId)
  const { title, goals, startDate, reviewDate, walkRun } = content
  const now = nowIso()
  const values = [title, goals, startDate, reviewDate, planJson(walkRun), now, versionId, version]
  const saved = await updateDraft(q, values)
  if (saved.length === 0) await refuseStale(q, { table: 'program_versions', id: versionId })
  await writeContent(q, versionId, content)
  return getVersion(q, versionId)
}

async function templateContent(
  q: Query,
  templateId: number
): Promise<DraftContent & { name: string }> {
  const template = await q
    .selectFrom('templates')
    .select(['name', 'goals', 'walk_run'])
    .where('id', '=', templateId)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
  if (template === undefined) {
    throw new AppError('not_found', 'That template could not be found.', 'source.templateId')
  }
  const items = await q
    .selectFrom('template_items')
    .selectAll()
    .where('template_id', '=', templateId)
    .orderBy('position')
    .execute()
  const advice = await q
    .selectFrom('template_advice as t')
    .innerJoin('advice_sections as a', 'a.id', 't.advice_id')
    .select(['a.id as adviceId', 'a.kind', 'a.title', 'a.intro', 'a.points'])
    .where('t.template_id', '=', templateId)
    .orderBy('t.position')
    .execute()
  return {
    name: template.name,
    title: template.name,
    goals: template.goals,
    startDate: null,
    reviewDate: null,
    items: items.map((row) => ({
      exerciseId: row.exercise_id,
      phase: row.phase,
      dose: doseFromRow(row)
    })),
    advice: advice.map(pointsOf),
    walkRun: planOf(template.walk_run)
  }
}

function contentOf(version: ProgramVersion): DraftContent {
  const { title, goals, startDate, reviewDate, advice, walkRun } = version
  const items = version.items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose }))
  return { title, goals, startDate, reviewDate, items, advice, walkRun }
}

async function insertVersion(
  q: Query,
  programId: number,
  versionNo: number,
  content: DraftContent,
  templateId: number | null
): Promise<ProgramVersion> {
  const now = nowIso()
  const { id } = await q
    .insertInto('program_versions')
    .values({
      program_id: programId,
      version_no: versionNo,
      title: content.title,
      goals: content.goals,
      start_date: content.startDate,
      review_date: content.reviewDate,
      template_id: templateId,
      walk_run: planJson(content.walkRun),
      issued_at: null,
      snapshot: null,
      created_at: now,
      updated_at: now
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeContent(q, id, content)
  return getVersion(q, id)
}

/** A new program for a patient, as version 1 in draft: blank, from a template, or a copy. */
export async function createProgram(
  q: Query,
  patientId: number,
  source: ProgramSource,
  title: string | undefined
): Promise<ProgramVersion> {
  await getPatient(q, patientId)
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
    content = await templateContent(q, source.templateId)
    templateId = source.templateId
  } else if (source.kind === 'copy') {
    const original = await getVersion(q, source.versionId)
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
  const { id: programId } = await q
    .insertInto('programs')
    .values({ patient_id: patientId, created_at: nowIso(), archived_at: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return insertVersion(q, programId, 1, content, templateId)
}

/**
 * Whether every seek-help section of a program is a built-in one other than
 * the back's (the leg conditions' has its own warning signs). A clinic's own
 * section, or none, keeps the spinal red flags on the handout: the safe side.
 */
async function helpIsForAnotherRegion(q: Query, advice: ProgramAdvice[]): Promise<boolean> {
  const help = advice.filter((section) => section.kind === 'seek-help')
  const ids = help.map((section) => section.adviceId)
  if (help.length === 0 || ids.includes(null)) return false
  const rows = await q
    .selectFrom('advice_sections as a')
    .select(['a.id', 'a.builtin_key'])
    .where(dialectSql(q).oneOf('a.id', ids as number[]))
    .execute()
  const keys = new Map(rows.map((row) => [row.id, row.builtin_key]))
  return ids.every((id) => {
    const key = keys.get(id as number)
    return key !== null && key !== undefined && key !== spinalHelpKey
  })
}

/** Each exercise's pictures a handout prints, in their order. */
async function mediaIdsOf(q: Query, exerciseIds: number[]): Promise<Map<number, number[]>> {
  const ids = new Map(exerciseIds.map((id) => [id, [] as number[]]))
  if (exerciseIds.length === 0) return ids
  const rows = await q
    .selectFrom('exercise_media as m')
    .select(['m.id', 'm.exercise_id'])
    .where(dialectSql(q).oneOf('m.exercise_id', [...ids.keys()]))
    .where('m.retired_at', 'is', null)
    .orderBy('m.sort_order')
    .orderBy('m.id')
    .execute()
  for (const row of rows) ids.get(row.exercise_id)?.push(row.id)
  return ids
}

/**
 * `each` of `items` in turn, awaited one after another: inside a write, a
 * failing query must not leave its siblings still running on `q` after the
 * rollback (on PostgreSQL the connection may already serve another call).
 */
async function inOrder<T, R>(items: T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const done: R[] = []
  for (const item of items) done.push(await each(item))
  return done
}

export async function buildSnapshot(
  q: Query,
  version: ProgramVersion,
  issuedAt: string
): Promise<ProgramSnapshot> {
  const patient = await getPatient(q, version.patientId)
  const mediaIds = await mediaIdsOf(
    q,
    version.items.map((item) => item.exerciseId)
  )
  const redFlags = (await activeRedFlags(q, version.patientId)).map((active) => active.flag)
  return {
    format: 1,
    issuedAt,
    redFlags,
    spinalFlags: redFlags.length > 0 || !(await helpIsForAnotherRegion(q, version.advice)),
    patient: { id: patient.id, fullName: patient.fullName, dateOfBirth: patient.dateOfBirth },
    clinic: await getClinic(q),
    program: {
      programId: version.programId,
      versionId: version.id,
      versionNo: version.versionNo,
      title: version.title,
      goals: version.goals,
      startDate: version.startDate,
      reviewDate: version.reviewDate
    },
    exercises: await inOrder(version.items, async (item) => {
      const exercise = await exerciseDetails(q, item.exerciseId)
      return {
        exerciseId: exercise.id,
        name: exercise.name,
        summary: exercise.summary,
        steps: exercise.steps,
        caution: exercise.caution,
        mediaIds: mediaIds.get(exercise.id) ?? [],
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
export async function issueVersion(
  q: Query,
  versionId: number,
  base: number,
  confirmIncompleteDoses = false
): Promise<ProgramVersion> {
  await assertDraft(q, versionId)
  const version = await getVersion(q, versionId)
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
  const issuedAt = nowIso()
  // the layout chosen for handouts is frozen with the rest: every reprint is the same
  const layout = (await readSetting<Partial<HandoutOptions>>(q, 'handout'))?.layout ?? 'standard'
  const snapshot = { ...(await buildSnapshot(q, version, issuedAt)), layout }
  // what is frozen must be the draft the physiotherapist saw, not a colleague's later save
  await updateVersioned(q, { table: 'program_versions', id: versionId }, base, {
    status: 'issued',
    issued_at: issuedAt,
    snapshot: JSON.stringify(snapshot),
    updated_at: issuedAt
  })
  await audit(q, {
    patientId: version.patientId,
    entity: 'program',
    entityId: versionId,
    action: 'issue'
  })
  return getVersion(q, versionId)
}

export async function getSnapshot(q: Query, versionId: number): Promise<ProgramSnapshot> {
  const row = await q
    .selectFrom('program_versions')
    .select('snapshot')
    .where('id', '=', versionId)
    .executeTakeFirst()
  if (row === undefined) throw new AppError('not_found', 'That program version could not be found.')
  if (row.snapshot === null) {
    throw new AppError('conflict', 'This version is still a draft: issue it first.')
  }
  return JSON.parse(row.snapshot) as ProgramSnapshot
}

/**
 * Holds the program row until the write commits: revising and moving to the
 * next stage check for a draft and number the next version, and two
 * therapists pressing Revise together on the clinic store (READ COMMITTED)
 * would otherwise both pass the check and collide on the version number. The
 * second waits here, then sees the first one's draft.
 */
async function lockProgram(q: Query, programId: number): Promise<void> {
  const select = q.selectFrom('programs').select('id').where('id', '=', programId)
  await dialectSql(q).forUpdate(select).execute()
}

const draftOf = (q: Query, programId: number) =>
  q
    .selectFrom('program_versions')
    .select(['id', 'version_no as versionNo'])
    .where('program_id', '=', programId)
    .where('status', '=', 'draft')
    .executeTakeFirst()

/** The number the program's next version takes; under `lockProgram`, so no one else takes it. */
async function nextVersionNo(q: Query, programId: number): Promise<number> {
  const { latest } = await q
    .selectFrom('program_versions')
    .select((eb) => eb.fn.max('version_no').as('latest'))
    .where('program_id', '=', programId)
    .executeTakeFirstOrThrow()
  return latest + 1
}

/**
 * The next version as an editable copy of this one. If the program already
 * has a draft, that draft is returned: there is only ever one.
 */
export async function reviseVersion(q: Query, versionId: number): Promise<ProgramVersion> {
  const version = await getVersion(q, versionId)
  await lockProgram(q, version.programId)
  const existing = await draftOf(q, version.programId)
  if (existing) return getVersion(q, existing.id)
  const versionNo = await nextVersionNo(q, version.programId)
  return insertVersion(q, version.programId, versionNo, contentOf(version), version.templateId)
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
export async function moveToNextStage(q: Query, versionId: number): Promise<ProgramVersion> {
  const version = await getVersion(q, versionId)
  if (version.nextStage === null || version.templateId === null) {
    throw new AppError('not_found', 'This program’s template has no next stage.')
  }
  await lockProgram(q, version.programId)
  const draft = await draftOf(q, version.programId)
  if (draft) {
    throw new AppError(
      'conflict',
      `Version ${draft.versionNo} is a draft: discard it first to move to the next stage.`
    )
  }
  const stage = await q
    .selectFrom('templates')
    .select(['name', 'goals'])
    .where('id', '=', version.templateId)
    .executeTakeFirstOrThrow()
  const next = await templateContent(q, version.nextStage.id)
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
  const versionNo = await nextVersionNo(q, version.programId)
  return insertVersion(q, version.programId, versionNo, content, version.nextStage.id)
}

/** Discards a draft; the program goes with it when that was its only version. */
/** Discards the draft if it is still at version `base`; otherwise says who saved it since. */
export async function deleteDraft(q: Query, versionId: number, base: number): Promise<null> {
  const row = await assertDraft(q, versionId)
  const deleted = await q
    .deleteFrom('program_versions')
    .where('id', '=', versionId)
    .where('version', '=', base)
    .executeTakeFirst()
  if (Number(deleted.numDeletedRows) === 0) {
    await refuseStale(q, { table: 'program_versions', id: versionId })
  }
  await q
    .deleteFrom('programs')
    .where('id', '=', row.programId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('program_versions').select('id').where('program_id', '=', row.programId))
      )
    )
    .execute()
  return null
}

export async function compareVersions(
  q: Query,
  fromId: number,
  toId: number
): Promise<ProgramDiff> {
  const from = await getVersion(q, fromId)
  const to = await getVersion(q, toId)
  if (from.patientId !== to.patientId) {
    throw new AppError('invalid_input', 'Compare two versions of the same patient’s programs.')
  }
  return diffVersions(from, to)
}
