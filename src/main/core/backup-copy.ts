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

/** Where a copy is written until it is checked: a name of its own, as a scheduled backup and Back up now may start in the same second. */
export function partialName(target: string): string {
  return `${target}.${randomUUID()}.partial`
}

/**
 * Copies the database file `source` to `partial` through its own read-only
 * connection (so it can run on a worker thread), checks the copy, and only
 * then names it `target`; a copy that fails its check is removed, never kept.
 * The copy is SQLite's `VACUUM INTO`, one read transaction: a consistent
 * snapshot that writes between never restart, rowids kept, and one
 * self-contained file in rollback mode (it may go to a USB stick: no -wal or
 * -shm beside it). Not better-sqlite3's `backup()`: that opens the copy's
 * connection itself with the library's 16 MB page cache, which filled with
 * the copy's pages and raised the process's high-water mark by 16 MB each
 * backup; `VACUUM INTO` sizes the copy's cache from this connection's 2 MB
 * (README, A clinic day: memory). It reports nothing while it runs: the
 * caller follows the partial file's growth.
 */
export async function copyVerified(
  source: string,
  target: string,
  partial: string,
  onProgress?: (done: number, total: number) => void
): Promise<BackupInfo> {
  try {
    // created owner-only before SQLite writes a page: its journal takes the same mode
    writeFileSync(partial, '', { mode: privateFileMode, flag: 'wx' })
    const live = new Database(source, { readonly: true, fileMustExist: true })
    try {
      live.pragma(smallCache)
      live.prepare('VACUUM INTO ?').run(partial)
    } finally {
      live.close()
    }
    inspectBackup(partial)
    // done means written and verified
    const { size } = statSync(partial)
    onProgress?.(size, size)
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
