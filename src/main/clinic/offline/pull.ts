/**
 * The pull's desktop half (issue 18): asks the clinic server's `sync:pull`
 * for pages until the last, and applies each to the local copy (a SQLite
 * file with the solo schema) in one local transaction: roots upserted by
 * primary key, a root's children replaced, deleted roots deleted, and, with
 * the last page, the patients no longer kept dropped with their rows. The
 * solo schema's own triggers keep the search indexes and each patient's
 * latest visit, so the local copy answers the solo handlers at once. It
 * returns the new cursor, epoch and patient set for the caller to store
 * (sync_state is the caller's); a pull that fails part-way leaves applied
 * pages applied (rows are upserted: the next pull from the old cursor sends
 * them again harmlessly).
 *
 * Rows made offline on this device and not yet sent carry ids from 2^52 up
 * (the outbox's rule): a pull never deletes or overwrites them.
 */
import type { Database, Statement } from 'better-sqlite3'
import type { z } from 'zod'
import { AppError, type Result } from '@shared/errors'
import { serverContract } from '@shared/server-contract'
import { syncRoots, type SyncRoot } from '../sync-tables'

type PullInput = z.input<(typeof serverContract)['sync:pull']['input']>
type PullPage = z.output<(typeof serverContract)['sync:pull']['result']>
type Row = Record<string, unknown>

/** the server's `sync:pull`, as the caller reaches it */
export type PullCall = (channel: 'sync:pull', input: PullInput) => Promise<Result<unknown>>

/** ids from here up were made on this device and wait in its outbox */
export const firstLocalId = 2 ** 52

export interface PullState {
  /** where the last complete pull ended; null: never pulled */
  cursor: string | null
  /** the server's database the cursor belongs to; null: never pulled */
  epoch: string | null
  weeks: number
  pinned: number[]
}

export interface Pulled {
  cursor: string
  epoch: string
  /** the patients the local copy keeps now */
  patients: number[]
  /**
   * the server's database is another than the cursor's (restored from a
   * backup, or replaced): everything was pulled again, and the outbox's
   * applied keys should be checked (`sync:applied`) and the rest resent
   */
  epochChanged: boolean
  rows: number
}

const rootOf = new Map(syncRoots.map((root) => [root.table, root]))
const parentOf = new Map(
  syncRoots.flatMap((root) => root.children.map((child) => [child.table, { root, child }] as const))
)
/** the library's roots: on a full pull, local ones the server no longer has are swept */
const libraryRoots = syncRoots.filter((root) => root.owner === 'library' && root.key === 'id')
/** unique columns besides the id: a local row (the seed's) holding the same value gives it up */
const uniqueColumns = ['builtin_key', 'import_ref']

const isLocal = (id: unknown) => typeof id === 'number' && id >= firstLocalId

/** A JSON cell as SQLite stores it: bytes came as { base64 }. */
const cell = (value: unknown) =>
  value !== null && typeof value === 'object' && 'base64' in value
    ? Buffer.from(String(value.base64), 'base64')
    : value

/** Prepared statements per table and column list, for one local database. */
function statementsFor(db: Database) {
  const cache = new Map<string, Statement>()
  const columns = new Map<string, Set<string>>()
  const prepare = (text: string) => {
    let statement = cache.get(text)
    if (!statement) cache.set(text, (statement = db.prepare(text)))
    return statement
  }
  /** the columns a row may set here: generated ones (search) are the local schema's own */
  const writable = (table: string) => {
    let names = columns.get(table)
    if (!names) {
      const info = db.prepare(`SELECT name, hidden FROM pragma_table_xinfo(?)`).all(table) as {
        name: string
        hidden: number
      }[]
      names = new Set(info.filter((column) => column.hidden === 0).map((column) => column.name))
      columns.set(table, names)
    }
    return names
  }
  return {
    prepare,
    /** upsert (`key` given) or insert `row`, with the columns both sides have */
    write(table: string, row: Row, key: string | null, ignore = false) {
      const names = Object.keys(row).filter((name) => writable(table).has(name))
      const list = names.map((name) => `"${name}"`).join(', ')
      const values = names.map(() => '?').join(', ')
      const update = names
        .filter((name) => name !== key)
        .map((name) => `"${name}" = excluded."${name}"`)
        .join(', ')
      const verb = ignore ? 'INSERT OR IGNORE' : 'INSERT'
      const conflict =
        key === null || ignore ? '' : ` ON CONFLICT ("${key}") DO UPDATE SET ${update}`
      prepare(`${verb} INTO "${table}" (${list}) VALUES (${values})${conflict}`).run(
        ...names.map((name) => cell(row[name]))
      )
    }
  }
}

/** What one pull carries from page to page. */
interface Applying {
  db: Database
  statements: ReturnType<typeof statementsFor>
  /** library ids received, for the full pull's sweep */
  received: Map<string, Set<number>>
}

/** A root's rows upserted; the ids whose children follow and are replaced (the rest are kept as they are). */
function applyRoots(at: Applying, root: SyncRoot, rows: Row[], issueAfter: Row[]): Set<unknown> {
  const { statements } = at
  const replaced = new Set<unknown>()
  for (const sent of rows) {
    let row = sent
    const id = row[root.key]
    if (isLocal(id)) continue
    if (root.table === 'audit_log') {
      // append-only here too: an entry the copy has stays
      statements.write(root.table, row, null, true)
      continue
    }
    if (root.table === 'program_versions') {
      const local = statements
        .prepare('SELECT status FROM program_versions WHERE id = ?')
        .get(id) as { status: string } | undefined
      // issued means frozen, here as on the server: the copy's is already the same
      if (local?.status === 'issued') continue
      // its items go in while it is a draft; issued once they are (the local triggers' order)
      if (row.status === 'issued') issueAfter.push(row)
      row = { ...row, status: 'draft', issued_at: null, snapshot: null }
    }
    for (const column of uniqueColumns.filter((name) => row[name] != null)) {
      statements
        .prepare(`UPDATE "${root.table}" SET "${column}" = NULL WHERE "${column}" = ? AND id <> ?`)
        .run(row[column], id)
    }
    statements.write(root.table, row, root.key)
    if (root.owner === 'library' && root.key === 'id')
      at.received.get(root.table)?.add(id as number)
    replaced.add(id)
    for (const child of root.children) {
      statements.prepare(`DELETE FROM "${child.table}" WHERE "${child.parent}" = ?`).run(id)
    }
  }
  return replaced
}

/** Each patient's latest visit as the local triggers would keep it, local visits included. */
function settleLatestVisits(at: Applying, patients: Set<unknown>) {
  const settle = at.statements.prepare(
    `UPDATE patients SET (latest_visit_id, latest_visit_date, latest_visit_type, latest_next_visit_date) = (
       SELECT id, visit_date, visit_type, next_visit_date FROM visits
       WHERE patient_id = patients.id ORDER BY visit_date DESC, id DESC LIMIT 1
     ) WHERE id = ?`
  )
  for (const id of patients) settle.run(id)
}

/**
 * A row deleted, unless this copy still uses it (an exercise a program made
 * offline holds: RESTRICT refuses at once, and the write that holds it is
 * the server's to refuse), in a savepoint so a refusal undoes only itself.
 */
function deleteUnlessUsed(at: Applying, table: string, id: number) {
  try {
    at.db.transaction(() => at.statements.prepare(`DELETE FROM "${table}" WHERE id = ?`).run(id))()
  } catch (error) {
    // RESTRICT says SQLITE_CONSTRAINT_TRIGGER, a plain reference SQLITE_CONSTRAINT_FOREIGNKEY
    if (!/FOREIGN KEY constraint failed/.test((error as Error).message)) throw error
  }
}

/** One page in one local transaction. */
function applyPage(at: Applying, page: PullPage, drop: number[]) {
  const { db, statements } = at
  db.transaction(() => {
    // checked at once, so a row still used here is kept rather than failing the page
    for (const { table, id } of page.deleted) {
      if (rootOf.has(table) && !isLocal(id)) deleteUnlessUsed(at, table, id)
    }
    // a root's rows and its children's are checked when the page commits, not row by row
    db.pragma('defer_foreign_keys = ON')
    const replaced = new Map<string, Set<unknown>>()
    const issueAfter: Row[] = []
    const patients = new Set<unknown>()
    for (const { table, rows } of page.tables) {
      const root = rootOf.get(table)
      if (root) {
        const ids = applyRoots(at, root, rows, issueAfter)
        replaced.set(table, new Set([...(replaced.get(table) ?? []), ...ids]))
        if (table === 'patients') rows.forEach((row) => patients.add(row.id))
        if (table === 'visits') rows.forEach((row) => patients.add(row.patient_id))
        continue
      }
      const parent = parentOf.get(table)
      if (!parent) continue
      for (const row of rows) {
        if (replaced.get(parent.root.table)?.has(row[parent.child.parent])) {
          statements.write(table, row, null)
        }
      }
    }
    for (const row of issueAfter) {
      statements
        .prepare('UPDATE program_versions SET status = ?, issued_at = ?, snapshot = ? WHERE id = ?')
        .run(row.status, row.issued_at, row.snapshot, row.id)
    }
    for (const id of drop) statements.prepare('DELETE FROM patients WHERE id = ?').run(id)
    settleLatestVisits(at, patients)
  })()
}

/**
 * After a full pull, the library rows the server no longer has, unless
 * something here still uses them (a program's item keeps its exercise).
 */
function sweepLibrary(at: Applying) {
  const { statements } = at
  for (const root of [...libraryRoots].reverse()) {
    const received = at.received.get(root.table)!
    const ids = (
      statements.prepare(`SELECT id FROM "${root.table}" WHERE id < ?`).all(firstLocalId) as {
        id: number
      }[]
    ).filter(({ id }) => !received.has(id))
    for (const { id } of ids) deleteUnlessUsed(at, root.table, id)
  }
}

async function askPage(call: PullCall, input: PullInput): Promise<PullPage> {
  const result = await call('sync:pull', input)
  if (!result.ok) throw new AppError(result.error.code, result.error.message)
  const parsed = serverContract['sync:pull'].result.safeParse(result.data)
  if (!parsed.success) {
    throw new AppError('unavailable', 'The clinic server sent changes this app can’t read.')
  }
  return parsed.data
}

/**
 * Pulls until the last page. `waitingFor`: patients whose writes wait in
 * the outbox, kept even when no longer in the set.
 */
export async function pullOnce(
  call: PullCall,
  localDb: Database,
  state: PullState,
  onProgress: (progress: { done: number; total: number }) => void = () => {},
  waitingFor: ReadonlySet<number> = new Set()
): Promise<Pulled> {
  const held = (
    localDb.prepare('SELECT id FROM patients WHERE id < ?').all(firstLocalId) as { id: number }[]
  ).map((row) => row.id)
  const at: Applying = {
    db: localDb,
    statements: statementsFor(localDb),
    received: new Map(libraryRoots.map((root) => [root.table, new Set<number>()]))
  }
  const input = { cursor: state.cursor, weeks: state.weeks, pinned: state.pinned, held, page: null }
  let page = await askPage(call, input)
  const epochChanged = state.epoch !== null && page.epoch !== state.epoch
  // another database: its cursor means nothing here, so everything again
  if (epochChanged && state.cursor !== null) page = await askPage(call, { ...input, cursor: null })
  const full = state.cursor === null || epochChanged
  let rows = 0
  for (;;) {
    const kept = new Set(page.patients)
    const drop = page.next === null ? held.filter((id) => !kept.has(id) && !waitingFor.has(id)) : []
    applyPage(at, page, drop)
    rows += page.tables.reduce((sum, { rows: some }) => sum + some.length, 0)
    onProgress(page.progress)
    if (page.next === null) break
    page = await askPage(call, { ...input, cursor: full ? null : state.cursor, page: page.next })
  }
  if (full) sweepLibrary(at)
  return { cursor: page.cursor, epoch: page.epoch, patients: page.patients, epochChanged, rows }
}
