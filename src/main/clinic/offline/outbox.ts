/**
 * Writes made without the server (issue 18): each runs the served handler
 * on the local copy and records itself in the outbox in ONE transaction, so
 * a crash leaves the change with its entry or neither. Reads run on the
 * local copy as they are.
 */
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { sql } from 'kysely'
import type { Channel } from '@shared/channels'
import type { Result } from '@shared/errors'
import { dispatch, type Handlers } from '../../core/api'
import type { QueryStore } from '../../core/query/store'
import { servedHandlers } from '../served'
import { tableOfLocalId } from './local-ids'
import { asMadeHere } from './translate'

/**
 * The served writes that work offline: a patient's details, visits and
 * programs. The library, templates, clinic settings and accounts are the
 * clinic's shared setup: changed only while connected.
 */
export const outboxChannels: ReadonlySet<Channel> = new Set<Channel>([
  'patients:create',
  'patients:update',
  'patients:setMeasures',
  'patients:archive',
  'programs:create',
  'programs:save',
  'programs:issue',
  'programs:revise',
  'programs:nextStage',
  'programs:discard',
  'visits:create'
])

export interface OutboxEntry {
  seq: number
  key: string
  channel: Channel
  input: unknown
  answer: unknown
  login: string | null
  madeAt: string
  state: 'waiting' | 'sent' | 'conflict' | 'refused' | 'dropped'
  problemId: number | null
  /** the audit entries the write made in the local copy */
  audit: number[]
}

export interface OutboxRow {
  seq: number
  key: string
  channel: string
  input: string
  answer: string | null
  login: string | null
  made_at: string
  state: OutboxEntry['state']
  problem_id: number | null
  audit: string
}

export const entryOf = (row: OutboxRow): OutboxEntry => ({
  seq: row.seq,
  key: row.key,
  channel: row.channel as Channel,
  input: JSON.parse(row.input),
  answer: row.answer === null ? null : JSON.parse(row.answer),
  login: row.login,
  madeAt: row.made_at,
  state: row.state,
  problemId: row.problem_id,
  audit: JSON.parse(row.audit) as number[]
})

/** The entries in `state`, in the order they were made. */
export function entriesIn(db: Database, state: OutboxEntry['state']): OutboxEntry[] {
  return (
    db.prepare('SELECT * FROM outbox WHERE state = ? ORDER BY seq').all(state) as OutboxRow[]
  ).map(entryOf)
}

/** Thrown inside the write to roll it back, carrying the handler's refusal. */
class Refused {
  constructor(readonly result: Result<unknown>) {}
}

export interface OfflineWriter {
  /**
   * a served call on the local copy: a write with its outbox entry, or a read; `key` when the
   * write was first tried online with it (the server may have applied it: the key makes that once)
   */
  call: (
    channel: Channel,
    input: unknown,
    login: string | null,
    key?: string
  ) => Promise<Result<unknown>>
}

/**
 * `store` is the local copy's; `newKey` is the idempotency key's source
 * (a random UUID; tests pass their own).
 */
export function offlineWriter(
  store: QueryStore,
  resourcesDir: string,
  newKey: () => string = randomUUID
): OfflineWriter {
  const handlers = servedHandlers(store, resourcesDir)
  return {
    async call(channel, input, login, key = newKey()) {
      if (!outboxChannels.has(channel)) return dispatch(handlers, channel, input)
      try {
        return await store.write(async (q) => {
          // the handler's reads and writes on this transaction, never on a connection of their own
          const bound: QueryStore = { read: (work) => work(q), write: (work) => work(q) }
          const { rows } = await sql<{
            last: number
          }>`SELECT coalesce(max(id), 0) AS last FROM audit_log`.execute(q)
          const result = await dispatch(
            servedHandlers(bound, resourcesDir) as Handlers,
            channel,
            input
          )
          if (!result.ok) throw new Refused(result)
          const audit = await sql<{
            id: number
          }>`SELECT id FROM audit_log WHERE id > ${rows[0]!.last}`.execute(q)
          const sent = await sql<{
            local_id: number
            server_id: number
          }>`SELECT local_id, server_id FROM id_map`.execute(q)
          const kept = asMadeHere(
            channel,
            input,
            (serverId, table) =>
              sent.rows.find(
                (row) => row.server_id === serverId && tableOfLocalId(row.local_id) === table
              )?.local_id
          )
          await sql`INSERT INTO outbox (key, channel, input, answer, login, made_at, audit)
                    VALUES (${key}, ${channel}, ${JSON.stringify(kept)},
                            ${JSON.stringify(result.data ?? null)}, ${login}, ${new Date().toISOString()},
                            ${JSON.stringify(audit.rows.map((row) => row.id))})`.execute(q)
          return result
        })
      } catch (error) {
        if (error instanceof Refused) return error.result
        throw error
      }
    }
  }
}
