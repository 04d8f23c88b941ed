/**
 * Settling a problem (`sync:resolve`, issue 18). A conflict settled field
 * by field is one new write at theirs' version, sent at once (theirs was
 * read from the server, so this is done online); the writes it held follow
 * it. A refused write is tried again in its place or dropped. Dropped
 * entries stay in the outbox, marked, like sent ones.
 */
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { SyncChoice } from '@shared/sync'
import { accept, type ServerCall } from './send'
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
  const { send } = settled
  const key = newKey()
  const madeAt = new Date().toISOString()
  const answer = await call(send.channel, send.input, { idempotencyKey: key, madeAt })
  if (answer === null) {
    throw new AppError(
      'unavailable',
      'The clinic server can’t be reached: settle this conflict once connected.'
    )
  }
  if (!answer.ok) throw new AppError(answer.error.code, answer.error.message)
  const version = (answer.data as { version?: number } | null)?.version
  db.transaction(() => {
    // the settling write, recorded as sent (the restore check resends it if the server loses it)
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO outbox (key, channel, input, answer, login, made_at, state)
         VALUES (?, ?, ?, 'null', (SELECT login FROM outbox WHERE seq = ?), ?, 'waiting')`
      )
      .run(key, send.channel, JSON.stringify(send.input), seqs[0], madeAt)
    accept(
      db,
      { ...entries[0]!, seq: Number(lastInsertRowid), answer: null, audit: [] },
      answer.data
    )
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
