/**
 * Owner-only files: the data folder holds health data, and on a shared
 * computer other accounts must not read it. Folders PhysioPlan creates are
 * 0700, every database, journal and backup file 0600; what an earlier
 * version left readable is tightened at start. (Windows keeps its own ACLs:
 * the profile folder is already private there.)
 */
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const privateFolderMode = 0o700
export const privateFileMode = 0o600

/**
 * Our files by name: the database with its -wal and -shm, the lock, kept
 * damaged files, backups, safety and pre-migration copies. A backup folder
 * the user chose may hold other people's files: those are left alone.
 */
const dataFile = /^(physioplan|safety-before-restore|pre-migration)[-.]/

/** Creates a folder (and any missing parents) readable by its owner only. */
export function makePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: privateFolderMode })
}

/** Every data file directly in `folder`, made owner-only; with `folderToo`, the folder as well. */
export function tightenFolder(folder: string, folderToo: boolean): void {
  if (!existsSync(folder)) return
  if (folderToo) chmodSync(folder, privateFolderMode)
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && dataFile.test(entry.name)) {
      chmodSync(join(folder, entry.name), privateFileMode)
    }
  }
}
