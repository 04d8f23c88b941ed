/**
 * Backups with SQLite's `VACUUM INTO` (backup-copy.ts): written while the app
 * runs, verified with integrity_check before they count, rotated to 7 daily and 4
 * weekly. Restore checks a backup first and keeps the current data as a
 * safety copy before it swaps.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync
} from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { BackupContents, BackupInfo, BackupStatus } from '@shared/types'
import { migrate, schemaVersion } from './db/migrate'
import { makePrivateFolder, privateFileMode } from './file-modes'
import { backupName, infoOf, inspectBackup, partialName } from './backup-copy'
import type { OffThread } from '../offthread/pool'
import { seedBuiltins } from './seed/apply'
import { readSettingSync, writeSettingSync } from './settings'

const day = 86_400_000

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace('T', '-')
    .replace(/:/g, '')
}

export function backupFolder(db: Db, dataDir: string): string {
  return readSettingSync<string>(db, 'backupFolder') ?? join(dataDir, 'backups')
}

export function setBackupFolder(db: Db, folder: string): void {
  try {
    makePrivateFolder(folder)
    const probe = join(folder, '.physioplan-write-test')
    rmSync(probe, { force: true })
    new Database(probe).close()
    rmSync(probe, { force: true })
  } catch {
    throw new AppError(
      'invalid_input',
      `PhysioPlan can’t write to ${folder}. Choose another folder.`,
      'folder'
    )
  }
  writeSettingSync(db, 'backupFolder', folder)
}

/** The backups in a folder, newest first. */
export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((name) => backupName.test(name))
    .map((name) => infoOf(join(folder, name)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/** Where backups are copied from, and the worker that copies and checks them. */
export interface BackupSource {
  databaseFile: string
  offThread: OffThread
}

/**
 * A verified copy of the live database at `target`, made on the backup
 * worker. The copy is one SQL statement there, silent until it ends, so
 * progress is the partial file's growth against the live file's size (the
 * copy leaves out free pages, so it may end short of it), read here every
 * quarter second; the worker says done once the copy is checked.
 */
export async function writeVerifiedCopy(
  source: BackupSource,
  target: string,
  onProgress?: (done: number, total: number) => void
): Promise<BackupInfo> {
  const partial = partialName(target)
  const total = statSync(source.databaseFile).size
  const written = () => statSync(partial, { throwIfNoEntry: false })?.size ?? 0
  // never "done" before the check: that is the worker's to say; no one asking, no polling
  const watch =
    onProgress && setInterval(() => onProgress(Math.min(written(), total - 1), total), 250)
  try {
    return await source.offThread.run(
      'backup',
      { source: source.databaseFile, target, partial },
      onProgress
    )
  } finally {
    if (watch) clearInterval(watch)
  }
}

export async function makeBackup(
  source: BackupSource,
  folder: string,
  now = new Date(),
  onProgress?: (done: number, total: number) => void,
  /** "physioplan" for the rotated backups; other names are never rotated away */
  prefix = 'physioplan'
): Promise<BackupInfo> {
  makePrivateFolder(folder)
  return writeVerifiedCopy(source, join(folder, `${prefix}-${stamp(now)}.sqlite3`), onProgress)
}

/**
 * Which backups rotation removes: it keeps the newest of each of the last 7
 * days that have one, and the newest of each of the 4 weeks before those.
 */
export function backupsToRemove(backups: Pick<BackupInfo, 'file' | 'createdAt'>[]): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  const keep = new Set<string>()
  const days = new Set<string>()
  const weeks = new Set<number>()
  for (const backup of newestFirst) {
    const dayKey = backup.createdAt.slice(0, 10)
    if (days.size < 7 && !days.has(dayKey)) {
      days.add(dayKey)
      keep.add(backup.file)
      continue
    }
    if (days.has(dayKey)) continue
    // weeks counted from the Unix epoch (a Thursday) are fine for "one a week"
    const week = Math.floor(Date.parse(backup.createdAt) / (7 * day))
    if (weeks.size < 4 && !weeks.has(week)) {
      weeks.add(week)
      keep.add(backup.file)
    }
  }
  return newestFirst.filter((backup) => !keep.has(backup.file)).map((backup) => backup.file)
}

export function rotateBackups(folder: string): void {
  for (const file of backupsToRemove(listBackups(folder))) rmSync(file, { force: true })
}

export function backupStatus(db: Db, dataDir: string, now = new Date()): BackupStatus {
  const folder = backupFolder(db, dataDir)
  const backups = listBackups(folder)
  const last = backups[0] ?? null
  const stale = last === null || now.getTime() - Date.parse(last.createdAt) > 7 * day
  return { folder, last, stale, backups }
}

/**
 * For a data file that can't be opened (damaged, missing or empty): the
 * file, if any, is renamed aside (never deleted) and the newest backup that
 * passes its check takes its place. The app is not running on the file, so
 * this is a plain copy. `damagedKept` is null when there was no file.
 */
export function recoverFromNewestBackup(
  liveFile: string,
  folder: string
): { restored: BackupInfo; damagedKept: string | null } {
  const good = listBackups(folder).find((backup) => {
    try {
      return inspectBackup(backup.file).schemaVersion <= schemaVersion
    } catch {
      return false
    }
  })
  if (!good) throw new AppError('not_found', `There is no good backup in ${folder}.`)
  const kept = liveFile.replace(/\.sqlite3$/, `.damaged-${stamp(new Date())}.sqlite3`)
  const damagedKept = existsSync(liveFile) ? kept : null
  if (damagedKept) renameSync(liveFile, damagedKept)
  for (const extra of ['-wal', '-shm']) {
    if (existsSync(liveFile + extra)) renameSync(liveFile + extra, kept + extra)
  }
  copyFileSync(good.file, liveFile)
  chmodSync(liveFile, privateFileMode)
  return { restored: good, damagedKept }
}

/**
 * Replaces the live data with a backup, after checking it and keeping the
 * current data as a safety copy. The backup is copied in through SQLite's
 * own backup API, so the open connection sees the restored data at once.
 */
export async function restoreBackup(
  db: Db,
  live: BackupSource,
  backupFile: string,
  safetyFolder: string
): Promise<{ safetyCopy: string; contents: BackupContents }> {
  const contents = await live.offThread.run('inspectBackup', { file: backupFile })
  if (contents.schemaVersion > schemaVersion) {
    throw new AppError(
      'unavailable',
      'That backup was made by a newer version of PhysioPlan. Install it to restore this backup.'
    )
  }
  const safety = await makeBackup(
    live,
    safetyFolder,
    new Date(),
    undefined,
    'safety-before-restore'
  )
  const safetyCopy = safety.file
  const source = new Database(backupFile, { readonly: true, fileMustExist: true })
  try {
    await source.backup(live.databaseFile)
  } finally {
    source.close()
  }
  // The connection still holds the replaced file's schema until a statement
  // reads the new one, and ALTER TABLE checks against what it holds: without
  // this, migrating an older backup fails ("duplicate column name").
  db.prepare('SELECT count(*) FROM sqlite_schema').get()
  migrate(db, { backupFile: null })
  seedBuiltins(db)
  return { safetyCopy, contents }
}
