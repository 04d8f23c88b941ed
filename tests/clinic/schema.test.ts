/**
 * One domain implementation on both stores needs the same tables and
 * columns on both: the clinic schema must hold every table and column of the
 * solo SQLite schema (after all its migrations), and add only clinic columns.
 * A solo migration that isn't mirrored in a clinic one fails here.
 */
import { afterAll, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/core/db/open'
import { pool, rowsOf } from './clinic-db'

const owner = pool('physioplan_owner')
afterAll(() => owner.end())

/** FTS5's tables and the columns that only feed them; PostgreSQL searches with its own. */
const soloSearchOnly =
  /^(patients_fts|exercises_fts|exercises_vocab)|\.(search_folded|search_name|search_keywords|search_summary|tag_words)$/
/**
 * What a clinic row adds: its clinic, versions, who made an audit row, the
 * tsvector, SQLite's implicit rowid made explicit, and the change feed's
 * transaction id (migration 005).
 */
const clinicOnly =
  /\.(clinic_id|version|updated_by|search_vector|change_xid)$|^(audit_log\.user_id|visit_outcomes\.rowid)$/
/** The server's own tables, which solo mode has no use for. */
const serverTables = [
  'accounts',
  'applied_writes',
  'clinics',
  'schema_migrations',
  'sessions',
  'sign_in_failures',
  'sync_tombstones'
]

it('holds every table and column of the solo schema, and adds only clinic columns', async () => {
  const { db } = openDatabase(':memory:')
  const solo = (
    db
      .prepare(
        `SELECT t.name || '.' || c.name AS column FROM sqlite_schema t, pragma_table_xinfo(t.name) c
         WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'`
      )
      .all() as { column: string }[]
  )
    .map((row) => row.column)
    .filter((column) => !soloSearchOnly.test(column))
  db.close()
  const clinic = (
    await rowsOf<{ column: string }>(
      owner,
      null,
      `SELECT table_name || '.' || column_name AS column FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> ALL ($1)`,
      [serverTables]
    )
  ).map((row) => row.column)
  expect(solo.length).toBeGreaterThan(150)
  expect(solo.filter((column) => !clinic.includes(column)).sort()).toEqual([])
  expect(
    clinic.filter((column) => !solo.includes(column) && !clinicOnly.test(column)).sort()
  ).toEqual([])
})

it('stops the synced tables’ own ids below 2^52, where desktops’ offline ids start', async () => {
  const { rows: ceilings } = await owner.query<{ table: string; max: string }>(
    `SELECT c.relname AS table, s.seqmax::text AS max
         FROM pg_depend d JOIN pg_class c ON c.oid = d.refobjid
         JOIN pg_sequence s ON s.seqrelid = d.objid
        WHERE d.deptype = 'i' AND c.relname NOT IN ('accounts', 'sessions', 'clinics', 'sign_in_failures', 'visit_outcomes')`
  )
  expect(ceilings.length).toBe(12)
  expect(new Set(ceilings.map((row) => row.max))).toEqual(new Set([String(2 ** 52 - 1)]))
})
