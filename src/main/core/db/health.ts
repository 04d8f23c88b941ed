/**
 * Whether the data file must be checked page by page before it opens. A full
 * `quick_check` reads every page (6.8 s for a 100,000-patient clinic, 21 s
 * from a cold disk), so it runs at start only when the file may have changed
 * outside a session of ours: the last session did not close cleanly (a
 * crash, a power cut), or the file is not the one we closed (a copy from
 * elsewhere, a restore, a sync tool). Otherwise the same check runs in the
 * background once the app is up. Plain file and SQLite work only: the data
 * worker imports `checkPages` from here.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'

/** What a clean close records of the file, to know it again at the next start. */
interface ClosedFile {
  size: number
  mtimeMs: number
  // a copy over the file keeps neither its inode nor its change time, even when it keeps
  // the size and the modification time (cp -p, a restore that preserves times)
  ctimeMs: number
  ino: number
  closedAt: string
}

export function cleanCloseFile(databaseFile: string): string {
  return `${databaseFile}.clean-close.json`
}

function describe(databaseFile: string): Omit<ClosedFile, 'closedAt'> {
  const { size, mtimeMs, ctimeMs, ino } = statSync(databaseFile)
  return { size, mtimeMs, ctimeMs, ino }
}

/**
 * Written after the database closed cleanly (its WAL emptied and gone) and
 * its pages were found sound this session; never while it is open.
 */
export function recordCleanClose(databaseFile: string): void {
  const closed: ClosedFile = { ...describe(databaseFile), closedAt: new Date().toISOString() }
  writeFileSync(cleanCloseFile(databaseFile), JSON.stringify(closed), { mode: 0o600 })
}

/**
 * Whether the file is exactly as the last session left it at a clean close.
 * The record is removed either way, before anything writes: a session that
 * ends without closing cleanly leaves none behind.
 */
export function takeCleanClose(databaseFile: string): boolean {
  const record = cleanCloseFile(databaseFile)
  if (!existsSync(record)) return false
  try {
    const closed = JSON.parse(readFileSync(record, 'utf8')) as Partial<ClosedFile>
    // a WAL left beside the file holds writes the file itself doesn't show
    if (existsSync(`${databaseFile}-wal`) && statSync(`${databaseFile}-wal`).size > 0) return false
    const now = describe(databaseFile)
    return (Object.keys(now) as (keyof typeof now)[]).every((key) => closed[key] === now[key])
  } catch {
    return false
  } finally {
    rmSync(record, { force: true })
  }
}

/**
 * `quick_check` on a read-only connection of its own: every page, b-tree and
 * index, without re-evaluating every row's CHECK constraints (which the
 * writable connection does, at five times the cost). "ok", or what is wrong.
 */
export function checkPages(databaseFile: string): string {
  const reader = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    return String(reader.pragma('quick_check', { simple: true }))
  } finally {
    reader.close()
  }
}
