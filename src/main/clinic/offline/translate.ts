/**
 * From local ids to the server's (issue 18). A write made offline names
 * rows by the ids the local copy gave them; once their creates are
 * accepted, the server's ids replace them: in the inputs still to send
 * (`translate`), in the map read from each accepted answer beside the
 * local one (`pairIds`), and in the local copy's rows themselves
 * (`rewriteIds`), so the screen and the next pull agree with the server.
 */
import type { Database } from 'better-sqlite3'
import { isLocalId, tableOfLocalId, type LocalIdTable } from './local-ids'

export type IdMap = (localId: number) => number | undefined

/**
 * `value` with every local id the map knows replaced by the server's. A
 * number at or above 2^52 can only be an id (doses, scores and dates are
 * far below), so the walk needs no knowledge of each channel's shape.
 */
export function translate(value: unknown, map: IdMap): unknown {
  if (isLocalId(value)) return map(value) ?? value
  if (Array.isArray(value)) return value.map((each) => translate(each, map))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, each]) => [key, translate(each, map)])
    )
  }
  return value
}

/** Fields that name a row of one table, wherever they sit in a write's input. */
const idFields: Record<string, LocalIdTable> = {
  patientId: 'patients',
  visitId: 'visits',
  programId: 'programs',
  versionId: 'program_versions'
}
/** What a write's own `id` names, by its channel's domain. */
const ownIdTables: Record<string, LocalIdTable> = { patients: 'patients', visits: 'visits' }

/**
 * `input` as the outbox keeps it: a row made on this computer and already
 * sent is named by the local id it was made with, not the server id it has
 * now. After a restore the server gives that row a new id when its create
 * is sent again, and `translate` then names the new one: the old number may
 * by then be another patient's. `madeHere(serverId, table)` is the local id
 * of a row made here that now has `serverId`, if there is one.
 */
export function asMadeHere(
  channel: string,
  input: unknown,
  madeHere: (serverId: number, table: LocalIdTable) => number | undefined
): unknown {
  const walk = (value: unknown, table: LocalIdTable | undefined): unknown => {
    if (typeof value === 'number' && table !== undefined && !isLocalId(value)) {
      return madeHere(value, table) ?? value
    }
    if (Array.isArray(value)) return value.map((each) => walk(each, undefined))
    if (value === null || typeof value !== 'object') return value
    return Object.fromEntries(
      Object.entries(value).map(([key, each]) => [
        key,
        walk(
          each,
          value === input && key === 'id' ? ownIdTables[channel.split(':')[0]!] : idFields[key]
        )
      ])
    )
  }
  return walk(input, undefined)
}

/** Local ids still in `value` (ones the map didn't know): a write naming one can't be sent yet. */
export function localIdsIn(value: unknown, found: number[] = []): number[] {
  if (isLocalId(value)) found.push(value)
  else if (Array.isArray(value)) value.forEach((each) => localIdsIn(each, found))
  else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((each) => localIdsIn(each, found))
  }
  return found
}

/**
 * The (local, server) pairs of two answers to the same write, walked side
 * by side: where the local answer has a local id and the server's answer
 * has a number at the same path, that number is its id on the server.
 * Lists pair by position (both ran the same handler on the same input).
 */
export function pairIds(local: unknown, server: unknown, pairs = new Map<number, number>()) {
  if (isLocalId(local)) {
    if (typeof server === 'number' && !isLocalId(server) && !pairs.has(local)) {
      pairs.set(local, server)
    }
  } else if (Array.isArray(local) && Array.isArray(server)) {
    local.forEach((each, index) => pairIds(each, server[index], pairs))
  } else if (
    local !== null &&
    typeof local === 'object' &&
    server !== null &&
    typeof server === 'object'
  ) {
    for (const [key, each] of Object.entries(local)) {
      pairIds(each, (server as Record<string, unknown>)[key], pairs)
    }
  }
  return pairs
}

/**
 * Columns that hold another row's id without a declared foreign key (a
 * cache or a log), kept right by the rewrite as the foreign keys are.
 */
const softReferences: { table: string; column: string; to: LocalIdTable }[] = [
  { table: 'patients', column: 'latest_visit_id', to: 'visits' },
  { table: 'audit_log', column: 'patient_id', to: 'patients' },
  { table: 'pins', column: 'patient_id', to: 'patients' }
]

/**
 * The search indexes' triggers follow a name, not the id: naming the column
 * in the update (unchanged) makes them move the row's entry to its new id.
 */
const searchMoves: Partial<Record<LocalIdTable, string>> = {
  patients: ', full_name = full_name',
  exercises: ', name = name'
}

/** Each table's foreign keys to `to`, read from the schema (PRAGMA foreign_key_list). */
function referencesTo(db: Database, to: string): { table: string; column: string }[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[]
  const found: { table: string; column: string }[] = []
  for (const table of tables) {
    const keys = db.pragma(`foreign_key_list("${table}")`) as { table: string; from: string }[]
    for (const key of keys) if (key.table === to) found.push({ table, column: key.from })
  }
  return found.concat(softReferences.filter((soft) => soft.to === to))
}

/**
 * The triggers that keep issued versions and the audit trail as they were
 * would refuse moving their rows to the server's ids: dropped for the
 * rewrite and made again from their own SQL before the transaction ends
 * (DDL is transactional in SQLite), so they guard everything else.
 */
export function withoutFreeze(db: Database, work: () => void): void {
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
         AND (name LIKE '%frozen%' OR name LIKE 'audit_log_no_%')`
    )
    .all() as { name: string; sql: string }[]
  for (const { name } of triggers) db.exec(`DROP TRIGGER "${name}"`)
  work()
  for (const { sql } of triggers) db.exec(sql)
}

/**
 * Moves rows made offline to the ids the server gave them, with every
 * reference to them: each move is keyed by the id the row was made with
 * (which names its table) and goes from where the row is now (that id, or
 * after a restore the server id it had) to the server's id. Call inside
 * the transaction that marks the write sent.
 * Foreign keys are checked at its commit (`defer_foreign_keys`), once every
 * row and reference has moved.
 */
export function rewriteIds(db: Database, moves: Map<number, { from: number; to: number }>): void {
  if (moves.size === 0) return
  db.pragma('defer_foreign_keys = ON')
  withoutFreeze(db, () => {
    for (const [made, { from: localId, to: serverId }] of moves) {
      const table = tableOfLocalId(made)
      if (table === null) continue
      // a row the pull already brought under the server's id is the server's: it stays, ours goes
      const taken = db.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).get(serverId) !== undefined
      if (!taken) {
        // the row first: the triggers its references' updates fire (a patient's latest visit) find it there
        db.prepare(`UPDATE "${table}" SET id = ?${searchMoves[table] ?? ''} WHERE id = ?`).run(
          serverId,
          localId
        )
      }
      for (const { table: from, column } of referencesTo(db, table)) {
        db.prepare(`UPDATE "${from}" SET "${column}" = ? WHERE "${column}" = ?`).run(
          serverId,
          localId
        )
      }
      if (taken) db.prepare(`DELETE FROM "${table}" WHERE id = ?`).run(localId)
    }
  })
}
