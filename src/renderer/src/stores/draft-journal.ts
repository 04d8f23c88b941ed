/**
 * Unsaved draft edits, written synchronously on every change, so a crash or
 * a closed window within the autosave delay loses nothing. Cleared once the
 * draft is saved. Kept in this app's own local storage, on this computer.
 *
 * Solo mode only: signed in to a clinic server, a draft's ids are the
 * clinic's (they would meet this computer's own under one key) and its text
 * is the clinic's patient data, which this computer keeps nothing of until
 * it has a local copy (issue 18). The page knows which before it shows
 * anything (`useClinicServerStore().load`), and reloads when it changes.
 */
let journaling = false

/** Whether drafts are journaled here: only when this page shows this computer's own data. */
export function journalDrafts(on: boolean): void {
  journaling = on
}

const key = (versionId: number) => `physioplan:draft:${versionId}`

interface Entry<T> {
  /** the stored version's updatedAt the edits were made on */
  base: string
  draft: T
}

export function journal<T>(versionId: number, base: string, draft: T): void {
  if (!journaling) return
  try {
    localStorage.setItem(key(versionId), JSON.stringify({ base, draft } satisfies Entry<T>))
  } catch {
    // storage full or unavailable: autosave still runs
  }
}

export function forget(versionId: number): void {
  if (journaling) localStorage.removeItem(key(versionId))
}

/** Edits left unsaved on top of exactly this stored version, if any. */
export function recover<T>(versionId: number, base: string): T | null {
  if (!journaling) return null
  const raw = localStorage.getItem(key(versionId))
  if (raw === null) return null
  try {
    const entry = JSON.parse(raw) as Entry<T>
    if (entry.base === base) return entry.draft
  } catch {
    // unreadable entry: fall through and drop it
  }
  forget(versionId)
  return null
}
