/**
 * The clinic store's migrations (pg-migrations/NNN-name.sql), the
 * counterpart of core/db/migrate.ts for PostgreSQL. They live beside the
 * clinic server rather than in core/db: only the server and `init` run them,
 * as physioplan_owner, and neither the desktop nor its workers ever connect
 * to PostgreSQL, so their bundles carry none of this.
 */
import type pg from 'pg'
import { AppError } from '@shared/errors'
import { loadMigrations, type Migration } from '../core/db/migration-list'

export const pgMigrations = loadMigrations(
  import.meta.glob<string>('./pg-migrations/*.sql', {
    query: '?raw',
    import: 'default',
    eager: true
  })
)

export const pgSchemaVersion = pgMigrations.length

/** The schema version of the connected database: 0 when it is empty. */
export async function clinicSchemaVersion(client: pg.ClientBase): Promise<number> {
  const found = await client.query<{ present: boolean }>(
    "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present"
  )
  if (!found.rows[0]?.present) return 0
  const { rows } = await client.query<{ version: number }>(
    'SELECT coalesce(max(version), 0) AS version FROM schema_migrations'
  )
  return rows[0]?.version ?? 0
}

/** Refuses a database written by a newer server (than schema version `known`) before anything touches it. */
export function assertClinicNotNewer(version: number, known: number): void {
  if (version > known) {
    throw new AppError(
      'unavailable',
      `This clinic database was saved by a newer version of PhysioPlan (data version ${version}; this version reads up to ${known}). ` +
        'Install the newer version of the clinic server to open it. Nothing in the database was changed.'
    )
  }
}

export interface ClinicMigrationReport {
  from: number
  to: number
}

/**
 * Applies every pending migration and records each in schema_migrations, in
 * one transaction: all of them or none (PostgreSQL's DDL is transactional, so
 * no migration may use what can't run in one, like CREATE INDEX
 * CONCURRENTLY). An advisory lock held to the commit makes a second server
 * starting at the same moment wait, then find nothing left to do.
 */
export async function migrateClinic(
  client: pg.ClientBase,
  list: Migration[] = pgMigrations
): Promise<ClinicMigrationReport> {
  let current: Migration | null = null
  await client.query('BEGIN')
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('physioplan migrations', 0))")
    // read after the lock: a server that migrated meanwhile has committed
    const from = await clinicSchemaVersion(client)
    assertClinicNotNewer(from, list.length)
    for (const migration of list.filter((each) => each.version > from)) {
      current = migration
      await client.query(migration.sql)
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name
      ])
    }
    await client.query('COMMIT')
    return { from, to: Math.max(from, list.length) }
  } catch (error) {
    await client.query('ROLLBACK')
    if (current === null) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError(
      'unavailable',
      `Updating the clinic database to version ${current.version} (${current.name}) failed: ${reason}. Nothing was changed.`
    )
  }
}
