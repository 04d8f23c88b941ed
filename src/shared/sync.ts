/**
 * Clinic mode offline (issue 18), as the renderer sees it. Connected to a
 * clinic server, the desktop keeps a local copy (SQLite, the solo schema) of
 * the library, templates, clinic settings and the patients this therapist
 * saw in the last weeks or pinned "take offline". When the server can't be
 * reached, calls run on that copy and every write waits in an outbox; on
 * reconnect the outbox is sent in order (each write applied once by its
 * key), then colleagues' changes are pulled. A detail or draft changed on
 * both sides waits here as a conflict, both versions kept, until the
 * therapist chooses. Main keeps all of it (clinic/offline/); the banner,
 * the sync panel and the conflicts screen show it.
 */

/**
 * Ids from here up are made on a desktop offline, in its local copy, and
 * become the server's ids once sent; the server's own stop below
 * (clinic migration 005).
 */
export const offlineIdBase = 2 ** 52

export const isOfflineId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= offlineIdBase

export type SyncState =
  /** solo mode: nothing to sync */
  | 'solo'
  /** connected and signed in, nothing waiting */
  | 'online'
  /** the server can't be reached: calls run on the local copy */
  | 'offline'
  /** the server answers but nobody is signed in (or another account is): waiting changes stay */
  | 'signedOut'
  /** sending the outbox */
  | 'sending'
  /** pulling colleagues' changes */
  | 'pulling'

export interface SyncStatus {
  state: SyncState
  /** writes made offline, not yet accepted by the server */
  waiting: number
  /** conflicts and refused writes waiting for the therapist (`sync:problems`) */
  problems: number
  /** the pull or send under way: rows or writes done of total; null when idle */
  progress: { done: number; total: number } | null
  /** when the local copy last caught up with the server; null if never */
  lastPullAt: string | null
  /** why the state is what it is, in words ("No clinic server answers at …"); null when all is well */
  message: string | null
  /** what the local copy holds; null in solo mode or before the first pull */
  localCopy: {
    patients: number
    /** patients seen by this account in the last `weeks` weeks are kept, with the pinned ones */
    weeks: number
    pinned: number
    bytes: number
  } | null
  /** the login whose writes wait: only that account's sign-in sends them */
  waitingFor: string | null
}

/** A field of a patient's details or of a draft, as both sides have it, for the side-by-side view. */
export interface SyncField {
  key: string
  label: string
  /** as text for showing; null: empty */
  mine: string | null
  theirs: string | null
}

export type SyncProblem =
  | {
      kind: 'conflict'
      id: number
      entity: 'patient' | 'draft'
      /** the patient's id, or the draft's version id, as the server knows it */
      entityId: number
      /** the patient's name, or the program's title and patient */
      label: string
      /** only the fields that differ */
      fields: SyncField[]
      /** when this computer's change was made (offline) */
      madeAt: string
      /** who made the server's version, and when */
      theirsBy: string | null
      theirsAt: string | null
    }
  | {
      kind: 'refused'
      id: number
      /** what the write was, in words ("New visit for Ann Lee on 2026-11-27") */
      label: string
      /** the server's reason */
      message: string
      madeAt: string
    }

/** For each differing field of a conflict: which side to keep. */
export type SyncChoice = Record<string, 'mine' | 'theirs'>
