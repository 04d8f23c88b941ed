import { writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { makePrivateFolder, privateFileMode } from '../file-modes'
import { assertNotNewer, userVersion } from './connect'
import { loadMigrations, type Migration } from './migration-list'

export const migrations = loadMigrations(
  import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true })
)

export const schemaVersion = migrations.length

export interface MigrationReport {
  from: number
  to: number
  /** The copy taken before migrating an existing database, if one was needed. */
  backupFile: string | null
}

/**
 * Applies every pending migration, with the user_version bump, in one
 * transaction: either all of them or none, so a failure leaves the file as it
 * was. An existing database is copied first (VACUUM INTO: a consistent
 * snapshot), and a failure says where that copy is.
 */
export function migrate(
  db: Database,
  options: { backupFile: string | null; list?: Migration[] }
): MigrationReport {
  const list = options.list ?? migrations
  const from = userVersion(db)
  assertNotNewer(db, list.length)
  const pending = list.filter((migration) => migration.version > from)
  if (pending.length === 0) return { from, to: from, backupFile: null }

  let backupFile: string | null = null
  if (from > 0 && options.backupFile) {
    makePrivateFolder(dirname(options.backupFile))
    // VACUUM INTO fills an empty file, which keeps the owner-only mode it was created with
    writeFileSync(options.backupFile, '', { mode: privateFileMode, flag: 'wx' })
    db.prepare('VACUUM INTO ?').run(options.backupFile)
    backupFile = options.backupFile
  }
  let current = pending[0]!
  try {
    db.transaction(() => {
      for (const migration of pending) {
        current = migration
        db.exec(migration.sql)
        db.pragma(`user_version = ${migration.version}`)
      }
    })()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const copy = backupFile ? ` A copy from before is at ${backupFile}.` : ''
    throw new AppError(
      'unavailable',
      `Updating the data to version ${current.version} (${current.name}) failed: ${reason}. Nothing was changed.${copy}`
    )
  }
  return { from, to: userVersion(db), backupFile }
}
