/**
 * The contract suite's PostgreSQL side (tests/unit/contract.ts picks it under
 * `npm run test:clinic`): a fresh clinic per api, holding the same built-in
 * library a new solo file gets, and the desktop's handler tables over
 * `clinicContext(postgresStore(…))`: the domain on PostgreSQL. The server
 * adds its own refusals on top (served.ts: a clinic's visits can't be edited
 * or deleted, what needs the desktop's file or workers), which
 * tests/clinic/served.test.ts and server.test.ts check through HTTPS.
 */
import pg from 'pg'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { clinicContext } from '../../src/main/clinic/served'
import { dispatch, type Handlers } from '../../src/main/core/api'
import { openDatabase } from '../../src/main/core/db/open'
import { exerciseHandlers } from '../../src/main/core/exercises.handlers'
import { handoutHandlers } from '../../src/main/core/handouts.handlers'
import { patientHandlers } from '../../src/main/core/patients.handlers'
import { programHandlers } from '../../src/main/core/programs.handlers'
import { settingsHandlers } from '../../src/main/core/settings.handlers'
import { templateHandlers } from '../../src/main/core/templates.handlers'
import { visitHandlers } from '../../src/main/core/visits.handlers'
import type { QueryStore } from '../../src/main/core/query/store'
import { newClinic, url } from './clinic-db'

/** The built-in library's tables, parents first: what the solo app's seed writes. */
const seededTables = [
  'settings',
  'exercises',
  'exercise_media',
  'advice_sections',
  'templates',
  'template_items',
  'template_advice'
]

type Row = Record<string, unknown>

let seed: Map<string, Row[]> | undefined

/** A new solo file's built-in rows, read once per test file from a seeded in-memory database. */
function seededRows(): Map<string, Row[]> {
  if (seed) return seed
  const { db } = openDatabase(':memory:')
  try {
    seed = new Map(
      seededTables.map((table) => [table, db.prepare(`SELECT * FROM ${table}`).all() as Row[]])
    )
    return seed
  } finally {
    db.close()
  }
}

const columns = new Map<string, string[]>()

/** The columns a seeded row and its clinic table share (not the clinic's, nor generated ones). */
async function columnsOf(owner: pg.ClientBase, table: string, row: Row): Promise<string[]> {
  if (!columns.has(table)) {
    const { rows } = await owner.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = $1 AND is_generated = 'NEVER' AND column_name <> 'clinic_id'`,
      [table]
    )
    columns.set(
      table,
      rows.map((c) => c.column_name).filter((c) => c in row)
    )
  }
  return columns.get(table)!
}

/** An id column: the row's own or a reference to another seeded row (never the clinic's). */
const isId = (column: string) => column === 'id' || column.endsWith('_id')

/**
 * Copies the seed into the scoped clinic, as the owner (the identity
 * sequences are the owner's). Ids are shifted past every id the database
 * has handed out, references with them, and each sequence moved past the
 * copy, so rows made later sort after the built-ins as they do on SQLite.
 */
export async function copySeed(owner: pg.ClientBase): Promise<void> {
  const sequences = seededTables.filter((table) => seededRows().get(table)![0]?.id !== undefined)
  const last = await owner.query<{ top: string }>(
    `SELECT max(last_value)::text AS top FROM pg_sequences WHERE sequencename = ANY($1)`,
    [sequences.map((table) => `${table}_id_seq`)]
  )
  const base = Number(last.rows[0]?.top ?? 0)
  for (const table of seededTables) {
    const rows = seededRows().get(table)!
    if (rows.length === 0) continue
    const shared = await columnsOf(owner, table, rows[0]!)
    const shifted = rows.map((row) =>
      Object.fromEntries(
        shared.map((column) => {
          const value = row[column]
          if (Buffer.isBuffer(value)) return [column, `\\x${value.toString('hex')}`]
          return [column, isId(column) && typeof value === 'number' ? value + base : value]
        })
      )
    )
    const list = shared.map((column) => `"${column}"`).join(', ')
    await owner.query(
      `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(null::${table}, $1)`,
      [JSON.stringify(shifted)]
    )
    if (sequences.includes(table)) {
      await owner.query(`SELECT setval('${table}_id_seq', (SELECT max(id) FROM ${table}))`)
    }
  }
}

/** A new clinic with one therapist and the built-in library. */
async function seededClinic(): Promise<{ clinicId: number; accountId: number }> {
  const { clinic, accounts } = await newClinic(['therapist'], { fill: copySeed })
  return { clinicId: clinic, accountId: accounts[0]! }
}

/**
 * Refused before the handler runs, as the server refuses it (served.ts):
 * erasing deletes the rows, then finds no SQLite journal to clear, and
 * would answer `unavailable` for an erase that happened.
 */
const refusedFirst = new Set(['patients:erase'])
const refused = {
  ok: false as const,
  error: { code: 'unavailable' as const, message: 'Erasing is for solo mode only.' }
}

let app: pg.Pool | undefined

/** Ends the app role's pool: the test file's afterAll. */
export async function closeClinicPool(): Promise<void> {
  await app?.end()
  app = undefined
}

/**
 * The api over a new seeded clinic: the domain tables the desktop joins in
 * api.ts, on the clinic's context. What needs solo mode (backups, imports,
 * jobs, workers) answers `unavailable` there.
 */
export async function clinicApi(): Promise<{
  store: QueryStore
  handlers: Handlers
  call: (channel: string, input: unknown) => ReturnType<typeof dispatch>
}> {
  app ??= new pg.Pool({ connectionString: url('physioplan_app'), types: clinicTypes, max: 4 })
  const store = postgresStore(app, await seededClinic())
  const context = clinicContext(store)
  const handlers = Object.assign(
    {},
    ...[
      settingsHandlers,
      patientHandlers,
      exerciseHandlers,
      programHandlers,
      templateHandlers,
      handoutHandlers,
      visitHandlers
    ].map((table) => table(context))
  ) as Handlers
  return {
    store,
    handlers,
    call: async (channel, input) =>
      refusedFirst.has(channel) ? refused : dispatch(handlers, channel, input)
  }
}
