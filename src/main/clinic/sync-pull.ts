/**
 * `sync:pull` (issue 18, server-contract.ts): one page of what a device's
 * local copy lacks, read in one REPEATABLE READ snapshot (the store's
 * read). The first page fixes the new cursor (its snapshot's xmin, see
 * pg-migrations/005), the moment the kept patients are counted from, and
 * the total for the progress bar; the page token carries them to the
 * next pages, which resume where the last one stopped (by root, then key).
 */
import { sql, type RawBuilder } from 'kysely'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import type { serverContract } from '@shared/server-contract'
import { now } from '../core/clock'
import type { Query } from '../core/query/schema'
import { serverOnlyColumns, syncRoots, type SyncRoot } from './sync-tables'

type PullInput = z.output<(typeof serverContract)['sync:pull']['input']>
type PullPage = z.input<(typeof serverContract)['sync:pull']['result']>

/** rows in a page, about: roots are read in chunks and each brings its children */
export const pageRows = 2000
const rootChunk = 250

const token = z.strictObject({
  /** the new cursor, from the first page's snapshot */
  x: z.string().regex(/^\d{1,20}$/),
  e: z.string().max(200),
  /** kept patients: seen since `f`, in audit entries up to id `a` */
  f: z.iso.datetime(),
  a: z.number().int(),
  /** where to resume: root index, last key sent */
  r: z.number().int().min(0),
  k: z.union([z.number(), z.string().max(200)]).nullable(),
  d: z.number().int(),
  n: z.number().int()
})
type Token = z.infer<typeof token>

const encode = (value: Token) => Buffer.from(JSON.stringify(value)).toString('base64url')

function decode(text: string): Token {
  try {
    return token.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')))
  } catch {
    throw new AppError(
      'invalid_input',
      'This pull’s page is not one the server gave: start the pull again.'
    )
  }
}

/** The columns a device gets of each table, as the database has them (read once: only a migration changes them). */
let columnsOnce: Promise<Map<string, string[]>> | null = null
function columnsOf(q: Query): Promise<Map<string, string[]>> {
  const tables = syncRoots.flatMap((root) => [
    root.table,
    ...root.children.map((child) => child.table)
  ])
  columnsOnce ??= sql<{ table: string; column: string }>`
    SELECT table_name AS table, column_name AS column FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ANY(${tables}) ORDER BY ordinal_position`
    .execute(q)
    .then(({ rows }) => {
      const map = new Map<string, string[]>()
      for (const { table, column } of rows) {
        if (!serverOnlyColumns.has(column)) map.set(table, [...(map.get(table) ?? []), column])
      }
      return map
    })
  columnsOnce.catch(() => (columnsOnce = null))
  return columnsOnce
}

/** bytes as { base64 }: JSON has no bytes */
const jsonRow = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value instanceof Uint8Array ? { base64: Buffer.from(value).toString('base64') } : value
    ])
  )

interface Want {
  /** rows changed since; null: all */
  since: string | null
  kept: number[]
  /** kept patients the device doesn't hold yet: they come whole */
  fresh: number[]
}

/** Which of a root's rows this device wants. */
function wanted(root: SyncRoot, { since, kept, fresh }: Want): RawBuilder<unknown> {
  // below the snapshot's xmax, as every row it sees is, except rows restored from another
  // cluster's backup whose ids this one hasn't reached: the full pull after the restore sent
  // them. (A restored row whose old id this cluster passes later is sent once more, unchanged.)
  const changed = sql`(${since}::xid8 IS NULL OR (change_xid >= ${since}::xid8
    AND change_xid < pg_snapshot_xmax(pg_current_snapshot())))`
  const programsOf = (ids: number[]) =>
    sql`program_id IN (SELECT id FROM programs WHERE patient_id = ANY(${ids}::bigint[]))`
  switch (root.owner) {
    case 'library':
      return changed
    case 'self':
      return sql`id = ANY(${kept}::bigint[]) AND (${changed} OR id = ANY(${fresh}::bigint[]))`
    case 'patient':
      return sql`patient_id = ANY(${kept}::bigint[])
        AND (${changed} OR patient_id = ANY(${fresh}::bigint[]))`
    case 'program':
      return sql`${programsOf(kept)} AND (${changed} OR ${programsOf(fresh)})`
  }
}

const list = (columns: string[]) => sql.join(columns.map((column) => sql.ref(column)))

/** The patients this account keeps: in its audit entries since `from` (up to entry `upTo`), or pinned. */
async function keptPatients(q: Query, from: string, upTo: number, pinned: number[]) {
  const { rows } = await sql<{ id: number }>`
    SELECT id FROM patients WHERE id IN (
      SELECT patient_id FROM audit_log
      WHERE user_id = physioplan_user() AND at >= ${from} AND id <= ${upTo} AND patient_id IS NOT NULL
    ) OR id = ANY(${pinned}::bigint[]) ORDER BY id`.execute(q)
  return rows.map((row) => row.id)
}

/** How many rows the whole pull sends, roots and children, for the progress bar. */
async function countAll(q: Query, want: Want): Promise<number> {
  const counts = syncRoots.flatMap((root) => {
    const where = wanted(root, want)
    return [
      sql`(SELECT count(*) FROM ${sql.table(root.table)} WHERE ${where})`,
      ...root.children.map(
        (child) =>
          sql`(SELECT count(*) FROM ${sql.table(child.table)} WHERE ${sql.ref(child.parent)} IN (
            SELECT id FROM ${sql.table(root.table)} WHERE ${where}))`
      )
    ]
  })
  const { rows } = await sql<{
    total: number
  }>`SELECT ${sql.join(counts, sql` + `)} AS total`.execute(q)
  return Number(rows[0]!.total)
}

/** This database's history: another cluster (restored, replaced) or another database in it changes it. */
async function snapshotOf(q: Query) {
  const { rows } = await sql<{ xmin: string; epoch: string }>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
      (SELECT system_identifier FROM pg_control_system())::text || '-' ||
      (SELECT oid FROM pg_database WHERE datname = current_database())::text AS epoch`.execute(q)
  return rows[0]!
}

/** One page of the pull `input` asks for, of about `size` rows. */
export async function pullPage(q: Query, input: PullInput, size = pageRows): Promise<PullPage> {
  if (input.cursor !== null && !/^\d{1,20}$/.test(input.cursor)) {
    throw new AppError(
      'invalid_input',
      'This pull’s cursor is not one the server gave: pull everything again.'
    )
  }
  // the first statement: the snapshot every read of this page shares
  const { xmin, epoch } = await snapshotOf(q)
  let at: Token
  if (input.page === null) {
    const from = new Date(now().getTime() - input.weeks * 7 * 86_400_000).toISOString()
    const { rows } = await sql<{
      last: number | null
    }>`SELECT max(id) AS last FROM audit_log`.execute(q)
    at = { x: xmin, e: epoch, f: from, a: rows[0]!.last ?? 0, r: 0, k: null, d: 0, n: 0 }
  } else {
    at = decode(input.page)
    if (at.e !== epoch) {
      throw new AppError(
        'invalid_input',
        'The clinic’s database changed during the pull: start it again.'
      )
    }
  }
  const kept = await keptPatients(q, at.f, at.a, input.pinned)
  const held = new Set(input.held)
  const want: Want = { since: input.cursor, kept, fresh: kept.filter((id) => !held.has(id)) }
  if (input.page === null) at.n = await countAll(q, want)
  const deleted =
    input.page === null && input.cursor !== null
      ? (
          await sql<{ table: string; id: number }>`
            SELECT entity AS table, row_id AS id FROM sync_tombstones
            WHERE change_xid >= ${input.cursor}::xid8
              AND change_xid < pg_snapshot_xmax(pg_current_snapshot()) ORDER BY change_xid`.execute(
            q
          )
        ).rows
      : []

  const columns = await columnsOf(q)
  const tables: PullPage['tables'] = []
  let sent = 0
  let { r: index, k: last } = at
  while (index < syncRoots.length && sent < size) {
    const root = syncRoots[index]!
    const limit = Math.min(rootChunk, size - sent)
    const after = last === null ? sql`true` : sql`${sql.ref(root.key)} > ${last}`
    const { rows } = await sql<Record<string, unknown>>`
      SELECT ${list(columns.get(root.table)!)} FROM ${sql.table(root.table)}
      WHERE (${wanted(root, want)}) AND ${after} ORDER BY ${sql.ref(root.key)} LIMIT ${limit}`.execute(
      q
    )
    if (rows.length > 0) {
      tables.push({ table: root.table, rows: rows.map(jsonRow) })
      sent += rows.length
      last = rows.at(-1)![root.key] as number | string
      const ids = rows.map((row) => row.id as number)
      for (const child of root.children) {
        const found = await sql<Record<string, unknown>>`
          SELECT ${list(columns.get(child.table)!)} FROM ${sql.table(child.table)}
          WHERE ${sql.ref(child.parent)} = ANY(${ids}::bigint[])
          ORDER BY ${sql.ref(child.parent)}, ${sql.raw(child.order)}`.execute(q)
        if (found.rows.length > 0)
          tables.push({ table: child.table, rows: found.rows.map(jsonRow) })
        sent += found.rows.length
      }
    }
    if (rows.length < limit) {
      index += 1
      last = null
    }
  }
  const done = at.d + sent
  const next = index < syncRoots.length ? encode({ ...at, r: index, k: last, d: done }) : null
  return {
    epoch,
    cursor: at.x,
    patients: kept,
    tables,
    deleted,
    next,
    // rows changed between pages come too: the total never reads less than what was sent
    progress: { done, total: Math.max(at.n, done) }
  }
}
