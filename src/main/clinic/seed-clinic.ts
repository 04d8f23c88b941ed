/**
 * A new clinic starts with what a new solo app starts with: the built-in
 * exercise library, templates, advice and settings. They are made the way
 * the app makes them, in a throwaway solo file, and brought in the way
 * `import` brings a solo file (one transaction, counted and sampled before
 * it commits), so the clinic's built-in content is the solo app's, row for row.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { databaseFileName, openDatabase } from '../core/db/open'
import { importSolo } from './import'
import { postgresStore, type Scope } from './pg-store'
import { clinicTypes } from './pg-types'

/** `owner` moves the identities on (as for import); `appUrl` writes as the administrator `scope` names. */
export async function seedNewClinic(
  owner: pg.ClientBase,
  appUrl: string,
  scope: Scope
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'physioplan-seed-'))
  const pool = new pg.Pool({ connectionString: appUrl, types: clinicTypes, max: 2 })
  try {
    const file = join(folder, databaseFileName)
    openDatabase(file).db.close()
    await importSolo(file, { store: postgresStore(pool, scope), owner }, () => undefined)
  } finally {
    await pool.end()
    rmSync(folder, { recursive: true, force: true })
  }
}
