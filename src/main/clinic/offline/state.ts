/**
 * The local copy's own records read and written for the engine (issue 18):
 * the pull's state, pins, counts for the status, the restore check's keys.
 */
import { statSync } from 'node:fs'
import type { Database } from 'better-sqlite3'
import type { SyncStatus } from '@shared/sync'

export interface PullState {
  cursor: string | null
  epoch: string | null
  lastPullAt: string | null
  weeks: number
  held: number[]
}

export function readState(db: Database): PullState {
  const row = db.prepare('SELECT * FROM sync_state').get() as {
    cursor: string | null
    epoch: string | null
    last_pull_at: string | null
    weeks: number
    held: string
  }
  return {
    cursor: row.cursor,
    epoch: row.epoch,
    lastPullAt: row.last_pull_at,
    weeks: row.weeks,
    held: JSON.parse(row.held) as number[]
  }
}

/** Whether the therapist signed out on purpose (then the copy opens at the next sign-in only). */
export function signedOutHere(db: Database): boolean {
  return db.prepare('SELECT signed_out FROM sync_state').pluck().get() === 1
}

export function setSignedOut(db: Database, signedOut: boolean): void {
  db.prepare('UPDATE sync_state SET signed_out = ?').run(signedOut ? 1 : 0)
}

export function pinsOf(db: Database): number[] {
  return db.prepare('SELECT patient_id FROM pins ORDER BY patient_id').pluck().all() as number[]
}

export function setPin(db: Database, patientId: number, pinned: boolean): number[] {
  db.prepare(
    pinned
      ? 'INSERT OR IGNORE INTO pins (patient_id) VALUES (?)'
      : 'DELETE FROM pins WHERE patient_id = ?'
  ).run(patientId)
  return pinsOf(db)
}

export function setWeeks(db: Database, weeks: number): void {
  db.prepare('UPDATE sync_state SET weeks = ?').run(weeks)
}

/** Writes waiting to be sent, and the account that made the oldest (only its sign-in sends them). */
export function waitingOf(db: Database): { waiting: number; waitingFor: string | null } {
  const row = db
    .prepare(
      `SELECT count(*) AS waiting, (SELECT login FROM outbox WHERE state = 'waiting' ORDER BY seq LIMIT 1) AS login
       FROM outbox WHERE state = 'waiting'`
    )
    .get() as { waiting: number; login: string | null }
  return { waiting: row.waiting, waitingFor: row.login }
}

export function problemCount(db: Database): number {
  return db
    .prepare(`SELECT count(DISTINCT problem_id) FROM outbox WHERE state IN ('conflict', 'refused')`)
    .pluck()
    .get() as number
}

export function localCopyOf(db: Database, file: string): NonNullable<SyncStatus['localCopy']> {
  const { weeks } = readState(db)
  const size = (path: string) => {
    try {
      return statSync(path).size
    } catch {
      return 0
    }
  }
  return {
    patients: db.prepare('SELECT count(*) FROM patients').pluck().get() as number,
    weeks,
    pinned: pinsOf(db).length,
    bytes: size(file) + size(`${file}-wal`)
  }
}

const keptDays = 60
const dayMs = 86_400_000

/**
 * Sent entries older than 60 days go (a restore from further back is the
 * clinic's own backup question); the keys of the rest, oldest first, for the
 * restore check.
 */
export function recentSentKeys(db: Database, now = Date.now()): string[] {
  const since = new Date(now - keptDays * dayMs).toISOString()
  db.prepare(
    `DELETE FROM outbox WHERE state IN ('sent', 'dropped') AND coalesce(sent_at, made_at) < ?`
  ).run(since)
  return db
    .prepare(`SELECT key FROM outbox WHERE state = 'sent' ORDER BY seq`)
    .pluck()
    .all() as string[]
}

/** The sent writes the server no longer has, waiting again in their first order. */
export function resendMissing(db: Database, missing: string[]): void {
  const again = db.prepare(`UPDATE outbox SET state = 'waiting', sent_at = NULL WHERE key = ?`)
  db.transaction(() => missing.forEach((key) => again.run(key)))()
}
