/**
 * Settling a problem (`sync:resolve`, issue 18). A conflict settled field
 * by field is one new write at theirs' version, sent at once (theirs was
 * read from the server, so this is done online); the writes it held follow
 * it. A refused write is tried again in its place or dropped. Dropped
 * entries stay in the outbox, marked, like sent ones.
 */
import type { Database } from 'better-sqlite3'
import type { Channel } from '@shared/channels'
import { AppError } from '@shared/errors'
import type { SyncChoice } from '@shared/sync'
import { accept, type ServerCall } from './send'
import { entryOf, type OutboxRow } from './outbox'
import { problemEntries, problemKind, settle } from './problems'

type Resolution = { choose: SyncChoice } | 'discard' | 'retry'

function close(
  db: Database,
  problemId: number,
  state: 'waiting' | 'dropped',
  seqs: number[]
): void {
  const mark = db.prepare(
    `UPDATE outbox SET state = ?, problem_id = NULL, error = NULL WHERE seq = ?`
  )
  db.transaction(() => {
    seqs.forEach((seq) => mark.run(state, seq))
    db.prepare('DELETE FROM problems WHERE id = ?').run(problemId)
  })()
}

interface Settling {
  seq: number
  key: string
  channel: Channel
  input: Record<string, unknown>
  madeAt: string
}

/**
 * The settling write, kept with its key before it is sent: if the app stops
 * after the server applied it and before it is recorded, the next settle
 * finds it here instead of making a second write under another key.
 */
function settling(
  db: Database,
  problemId: number,
  send: { channel: Channel; input: Record<string, unknown> },
  key: string
): Settling {
  const madeAt = new Date().toISOString()
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO outbox (key, channel, input, answer, login, made_at, state, problem_id)
       VALUES (?, ?, ?, 'null', (SELECT login FROM outbox WHERE problem_id = ? ORDER BY seq LIMIT 1),
               ?, 'settling', ?)`
    )
    .run(key, send.channel, JSON.stringify(send.input), problemId, madeAt, problemId)
  return { seq: Number(lastInsertRowid), key, ...send, madeAt }
}

/**
 * A settle of this problem that was under way when the app stopped: if the
 * server has its key, that settle stands and is sent again for its answer
 * (applied once); if not, it never arrived and the choice made now replaces it.
 */
async function settlingBefore(
  db: Database,
  problemId: number,
  call: ServerCall
): Promise<Settling | null> {
  const row = db
    .prepare(`SELECT * FROM outbox WHERE state = 'settling' AND problem_id = ?`)
    .get(problemId) as OutboxRow | undefined
  if (row === undefined) return null
  const known = await call('sync:applied' as Channel, { keys: [row.key] })
  if (known === null || !known.ok) {
    throw new AppError(
      'unavailable',
      'The clinic server can’t be reached: settle this conflict once connected.'
    )
  }
  if ((known.data as { applied: string[] }).applied.includes(row.key)) {
    const entry = entryOf(row)
    return {
      seq: entry.seq,
      key: entry.key,
      channel: entry.channel,
      input: entry.input as Record<string, unknown>,
      madeAt: entry.madeAt
    }
  }
  db.prepare('DELETE FROM outbox WHERE seq = ?').run(row.seq)
  return null
}

/** Settles problem `id`; answers whether writes wait to be sent again. */
export async function resolveProblem(
  db: Database,
  id: number,
  resolution: Resolution,
  call: ServerCall,
  newKey: () => string
): Promise<boolean> {
  const kind = problemKind(db, id)
  if (kind === null) throw new AppError('not_found', 'That problem was settled meanwhile.')
  const entries = problemEntries(db, id)
  const seqs = entries.map((entry) => entry.seq)
  if (resolution === 'discard') {
    close(db, id, 'dropped', seqs)
    return false
  }
  if (resolution === 'retry') {
    if (kind !== 'refused')
      throw new AppError('invalid_input', 'Choose mine or theirs for each field of a conflict.')
    close(db, id, 'waiting', seqs)
    return true
  }
  if (kind !== 'conflict') throw new AppError('invalid_input', 'Retry or discard a refused change.')
  let settled
  try {
    settled = settle(db, id, resolution.choose)
  } catch (error) {
    throw new AppError('invalid_input', error instanceof Error ? error.message : String(error))
  }
  const send = (await settlingBefore(db, id, call)) ?? settling(db, id, settled.send, newKey())
  const answer = await call(send.channel, send.input, {
    idempotencyKey: send.key,
    madeAt: send.madeAt
  })
  if (answer === null) {
    throw new AppError(
      'unavailable',
      'The clinic server can’t be reached: settle this conflict once connected.'
    )
  }
  if (!answer.ok) {
    db.prepare('DELETE FROM outbox WHERE seq = ?').run(send.seq)
    throw new AppError(answer.error.code, answer.error.message)
  }
  const version = (answer.data as { version?: number } | null)?.version
  db.transaction(() => {
    // the settling write, recorded as sent (the restore check resends it if the server loses it)
    accept(db, { ...entries[0]!, seq: send.seq, answer: null, audit: [] }, answer.data)
    // saves and updates it replaces go; what else waited on it (an issue, a discard) follows at its version
    const rebase = db.prepare(
      `UPDATE outbox SET input = json_set(input, '$.version', ?) WHERE seq = ?`
    )
    for (const entry of entries) {
      if (entry.channel === send.channel || version === undefined) continue
      rebase.run(version, entry.seq)
    }
    close(
      db,
      id,
      'dropped',
      entries.filter((entry) => entry.channel === send.channel).map((entry) => entry.seq)
    )
    const rest = entries.filter((entry) => entry.channel !== send.channel).map((entry) => entry.seq)
    const wait = db.prepare(`UPDATE outbox SET state = 'waiting', problem_id = NULL WHERE seq = ?`)
    rest.forEach((seq) => wait.run(seq))
  })()
  return entries.some((entry) => entry.channel !== send.channel)
}
