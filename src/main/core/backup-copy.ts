/**
 * What the data worker runs for backups: the verified copy and the check of
 * a backup file. Only plain file and SQLite work here, so the worker's bundle
 * carries nothing else; backups.ts (main thread) orchestrates.
 */
import { randomUUID } from 'node:crypto'
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { BackupContents, BackupInfo } from '@shared/types'
import { privateFileMode } from './file-modes'

/** For connections that read each page once: SQLite's own default, 2 MB. */
const smallCache = 'cache_size = -2000'

export const backupName = /^physioplan-(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})(\d{2})\.sqlite3$/

export function infoOf(file: string): BackupInfo {
  const match = backupName.exec(file.split(/[\\/]/).pop() ?? '')
  const createdAt = match
    ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`
    : statSync(file).mtime.toISOString()
  return { file, createdAt, bytes: statSync(file).size }
}

/** Opens a database file read-only and says what it holds; throws when it is damaged. */
export function inspectBackup(file: string): BackupContents {
  let source: Db
  try {
    source = new Database(file, { readonly: true, fileMustExist: true })
  } catch {
    throw new AppError('invalid_input', `${file} can’t be opened as a PhysioPlan backup.`)
  }
  try {
    // one pass over every page: a 2 MB page cache, not the 16 MB default the allocator
    // would keep after the connection closes (the import's connection does the same)
    source.pragma(smallCache)
    const integrity = source.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok')
      throw new AppError('invalid_input', `${file} is damaged (${String(integrity)}).`)
    const count = (table: string) =>
      source.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
    return {
      ...infoOf(file),
      schemaVersion: source.pragma('user_version', { simple: true }) as number,
      patients: count('patients'),
      programs: count('programs'),
      visits: count('visits')
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('invalid_input', `${file} is not a PhysioPlan database.`)
  } finally {
    source.close()
  }
}

/**
 * Copies the database file `source` to `target` through its own read-only
 * connection (so it can run on a worker thread), checks the copy, and only
 * then names it `target`; a copy that fails its check is removed, never kept.
 * The copy is taken in a few large steps: SQLite starts over if the app
 * writes between steps, so fewer steps finish sooner on a busy file.
 */
export async function copyVerified(
  source: string,
  target: string,
  onProgress?: (done: number, total: number) => void
): Promise<BackupInfo> {
  // its own name: a scheduled backup and Back up now may start in the same second
  const partial = `${target}.${randomUUID()}.partial`
  let pages = 0
  try {
    // created owner-only before SQLite writes a page: its journal takes the same mode
    writeFileSync(partial, '', { mode: privateFileMode, flag: 'wx' })
    const live = new Database(source, { readonly: true, fileMustExist: true })
    live.pragma(smallCache)
    try {
      await live.backup(partial, {
        progress: ({ totalPages, remainingPages }) => {
          pages = totalPages
          onProgress?.(totalPages - remainingPages, totalPages)
          return 4096
        }
      })
    } finally {
      live.close()
    }
    // one self-contained file (it may go to a USB stick): no -wal or -shm beside it
    const copy = new Database(partial)
    copy.pragma('journal_mode = DELETE')
    copy.close()
    inspectBackup(partial)
    // the library reports before its last step; done means written and verified
    onProgress?.(pages, pages)
  } catch (error) {
    rmSync(partial, { force: true })
    if (error instanceof AppError) throw error
    throw new AppError(
      'unavailable',
      `The backup could not be written to ${target}. Is there space, and may PhysioPlan write there?`
    )
  }
  renameSync(partial, target)
  return infoOf(target)
}
