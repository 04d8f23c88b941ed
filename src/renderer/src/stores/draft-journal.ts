/**
 * Unsaved draft edits, written synchronously on every change, so a crash or
 * a closed window within the autosave delay loses nothing. Cleared once the
 * draft is saved. Kept in this app's own local storage, on this computer.
 */
const key = (versionId: number) => `physioplan:draft:${versionId}`

interface Entry<T> {
  /** the stored version's updatedAt the edits were made on */
  base: string
  draft: T
}

export function journal<T>(versionId: number, base: string, draft: T): void {
  try {
    localStorage.setItem(key(versionId), JSON.stringify({ base, draft } satisfies Entry<T>))
  } catch {
    // storage full or unavailable: autosave still runs
  }
}

export function forget(versionId: number): void {
  localStorage.removeItem(key(versionId))
}

/** Edits left unsaved on top of exactly this stored version, if any. */
export function recover<T>(versionId: number, base: string): T | null {
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
