/**
 * What sending couldn't settle alone (issue 18). A write refused as stale
 * (`conflict`, versioned.ts) becomes a conflict: mine (the outbox's input)
 * beside theirs (the server's row now), and every later write on the same
 * patient or draft waits with it rather than going out: its base version
 * might match the colleague's by accident and overwrite it. A write refused
 * for another reason is kept with the server's words, to retry or discard.
 * Nothing is dropped until the therapist says so.
 */
import type { Database } from 'better-sqlite3'
import type { Channel } from '@shared/channels'
import { describeDose } from '@shared/dose'
import type { SyncChoice, SyncField, SyncProblem } from '@shared/sync'
import type { Dose } from '@shared/types'
import { entryOf, type OutboxEntry } from './outbox'

export interface Entity {
  kind: 'patient' | 'draft'
  id: number
  /** the input that reads it on the server */
  ref: { id: number } | { versionId: number }
}

/** The patient or draft a versioned write changes; null for the rest (they never conflict). */
export function entityOf(channel: Channel, input: unknown): Entity | null {
  const { id, versionId } = (input ?? {}) as { id?: number; versionId?: number }
  if (channel === 'patients:update' && id !== undefined) return { kind: 'patient', id, ref: { id } }
  if (
    (channel === 'programs:save' ||
      channel === 'programs:issue' ||
      channel === 'programs:discard') &&
    versionId !== undefined
  ) {
    return { kind: 'draft', id: versionId, ref: { versionId } }
  }
  return null
}

/** The conflict on `entity` still open, if any. */
export function openConflictOn(db: Database, entity: Entity): number | null {
  const found = db
    .prepare(`SELECT id FROM problems WHERE kind = 'conflict' AND entity = ? AND entity_id = ?`)
    .pluck()
    .get(entity.kind, entity.id) as number | undefined
  return found ?? null
}

const now = () => new Date().toISOString()

export function addConflict(
  db: Database,
  entry: OutboxEntry,
  entity: Entity,
  theirs: unknown,
  message: string
): void {
  db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO problems (kind, entity, entity_id, theirs, message, created_at)
         VALUES ('conflict', ?, ?, ?, ?, ?)`
      )
      .run(entity.kind, entity.id, JSON.stringify(theirs), message, now())
    db.prepare(`UPDATE outbox SET state = 'conflict', problem_id = ? WHERE seq = ?`).run(
      lastInsertRowid,
      entry.seq
    )
  })()
}

export function addRefused(db: Database, entry: OutboxEntry, message: string): void {
  db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(`INSERT INTO problems (kind, message, created_at) VALUES ('refused', ?, ?)`)
      .run(message, now())
    db.prepare(`UPDATE outbox SET state = 'refused', problem_id = ?, error = ? WHERE seq = ?`).run(
      lastInsertRowid,
      message,
      entry.seq
    )
  })()
}

const patientLabels: Record<string, string> = {
  fullName: 'Name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  phone: 'Phone',
  email: 'Email',
  condition: 'Condition',
  referralSource: 'Referral source',
  notes: 'Notes'
}
const draftLabels: Record<string, string> = {
  title: 'Title',
  goals: 'Goals',
  startDate: 'Start date',
  reviewDate: 'Review date',
  items: 'Exercises',
  advice: 'Advice',
  walkRun: 'Walk–run plan'
}
/** What a field of a draft is in its save's input: the server's version of a draft carries more. */
const asInput: Record<string, (value: unknown) => unknown> = {
  items: (items) =>
    ((items as { exerciseId: number; phase: string; dose: Dose }[] | null) ?? []).map(
      ({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose })
    ),
  advice: (advice) =>
    (
      (advice as
        | {
            adviceId: number | null
            kind: string
            title: string
            intro: string
            points: string[]
          }[]
        | null) ?? []
    ).map(({ adviceId, kind, title, intro, points }) => ({ adviceId, kind, title, intro, points }))
}
// a blank the form sent ('') and the null the server keeps for it are the same field
const inputValue = (key: string, value: unknown) =>
  (asInput[key] ?? ((same: unknown) => same))(value === '' ? null : (value ?? null))

/** who made the server's version, from the conflict's own words ("Changed by Ann Lee at 10:42 …") */
const changedBy = (message: string): string | null =>
  /^Changed by (.+?)(?= at | on | —|\.|$)/.exec(message)?.[1] ?? null

function asText(db: Database, key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string') return value
  const name = db.prepare('SELECT name FROM exercises WHERE id = ?').pluck()
  if (key === 'items') {
    return (value as { exerciseId: number; dose: Dose }[])
      .map(
        (item) =>
          `${(name.get(item.exerciseId) as string | undefined) ?? `Exercise ${item.exerciseId}`}: ${describeDose(item.dose)}`
      )
      .join('\n')
  }
  if (key === 'advice') return (value as { title: string }[]).map((each) => each.title).join('\n')
  return JSON.stringify(value)
}

/** The entries a problem holds, oldest first. */
function entriesOf(db: Database, problemId: number): OutboxEntry[] {
  return (
    db
      .prepare(`SELECT * FROM outbox WHERE problem_id = ? AND state <> 'settling' ORDER BY seq`)
      .all(problemId) as never[]
  ).map(entryOf)
}

/** The latest write of the conflict's own kind (a save or a details update): mine, as it stands now. */
function mineOf(entries: OutboxEntry[]): OutboxEntry {
  const first = entries[0]!
  return entries.filter((entry) => entry.channel === first.channel).at(-1)!
}

interface ProblemRow {
  id: number
  kind: 'conflict' | 'refused'
  entity: 'patient' | 'draft' | null
  entity_id: number | null
  theirs: string | null
  message: string
}

/** The differing fields of a conflict, mine beside theirs, in their input's shape. */
function differing(
  entity: 'patient' | 'draft',
  mine: Record<string, unknown>,
  theirs: Record<string, unknown>
) {
  const labels = entity === 'patient' ? patientLabels : draftLabels
  return Object.keys(labels).filter(
    (key) =>
      JSON.stringify(inputValue(key, mine[key])) !== JSON.stringify(inputValue(key, theirs[key]))
  )
}

function labelOf(db: Database, entry: OutboxEntry): string {
  const input = entry.input as Record<string, unknown>
  const patient = (id: unknown) =>
    (db.prepare('SELECT full_name FROM patients WHERE id = ?').pluck().get(id) as
      string | undefined) ?? 'a patient'
  switch (entry.channel) {
    case 'patients:create':
      return `New patient ${String(input.fullName)}`
    case 'visits:create':
      return `Visit for ${patient(input.patientId)} on ${String(input.visitDate)}`
    case 'programs:create':
      return `New program for ${patient(input.patientId)}`
    default:
      return `${entry.channel.replace(':', ': ')} made offline`
  }
}

/** Conflicts and refused writes, oldest first, as the conflicts screen shows them. */
export function listProblems(db: Database): SyncProblem[] {
  const rows = db.prepare('SELECT * FROM problems ORDER BY id').all() as ProblemRow[]
  return rows.flatMap((row): SyncProblem[] => {
    const entries = entriesOf(db, row.id)
    if (entries.length === 0) return []
    if (row.kind === 'refused' || row.entity === null) {
      return [
        {
          kind: 'refused',
          id: row.id,
          label: labelOf(db, entries[0]!),
          message: row.message,
          madeAt: entries[0]!.madeAt
        }
      ]
    }
    const mine = mineOf(entries)
    const theirs = JSON.parse(row.theirs ?? '{}') as Record<string, unknown>
    const input = mine.input as Record<string, unknown>
    const labels = row.entity === 'patient' ? patientLabels : draftLabels
    const fields: SyncField[] = differing(row.entity, input, theirs).map((key) => ({
      key,
      label: labels[key]!,
      mine: asText(db, key, input[key]),
      theirs: asText(db, key, theirs[key])
    }))
    return [
      {
        kind: 'conflict',
        id: row.id,
        entity: row.entity,
        entityId: row.entity_id!,
        label: String(theirs.fullName ?? theirs.title ?? ''),
        fields,
        madeAt: mine.madeAt,
        theirsBy: changedBy(row.message),
        theirsAt: typeof theirs.updatedAt === 'string' ? theirs.updatedAt : null
      }
    ]
  })
}

export interface Resolution {
  /** the write that settles a conflict, at theirs' version */
  send: { channel: Channel; input: Record<string, unknown> }
  entries: OutboxEntry[]
}

/**
 * A conflict settled by the choices: mine's input with theirs' value for
 * each field chosen so, at theirs' version. Every differing field must be
 * chosen, so nothing is settled by default.
 */
export function settle(db: Database, problemId: number, choose: SyncChoice): Resolution {
  const row = db.prepare('SELECT * FROM problems WHERE id = ?').get(problemId) as
    ProblemRow | undefined
  if (row === undefined || row.kind !== 'conflict' || row.entity === null) {
    throw new Error('not a conflict')
  }
  const entries = entriesOf(db, problemId)
  const mine = mineOf(entries)
  const theirs = JSON.parse(row.theirs ?? '{}') as Record<string, unknown>
  const input = { ...(mine.input as Record<string, unknown>) }
  const keys = differing(row.entity, input, theirs)
  const missing = keys.filter((key) => choose[key] === undefined)
  if (missing.length > 0) throw new Error(`Choose mine or theirs for: ${missing.join(', ')}`)
  for (const key of keys) if (choose[key] === 'theirs') input[key] = inputValue(key, theirs[key])
  input.version = theirs.version
  return { send: { channel: mine.channel, input }, entries }
}

export function problemEntries(db: Database, problemId: number): OutboxEntry[] {
  return entriesOf(db, problemId)
}

export function problemKind(db: Database, problemId: number): 'conflict' | 'refused' | null {
  return (
    (db.prepare('SELECT kind FROM problems WHERE id = ?').pluck().get(problemId) as
      'conflict' | 'refused' | undefined) ?? null
  )
}
