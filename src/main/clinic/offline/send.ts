/**
 * Sending the outbox (issue 18): in order, one write at a time, each with
 * its idempotency key (the server applies it once, and answers a repeat
 * with the first answer, so a crash after sending and before marking sent
 * costs nothing) and when it was made. Before a write goes, its local ids
 * become the server's; once accepted, the ids its answer gave are mapped
 * and the local rows moved to them, in the transaction that marks it sent.
 */
import type { Database } from 'better-sqlite3'
import type { Channel } from '@shared/channels'
import type { Result } from '@shared/errors'
import type { ClinicClient } from '../client'
import { entriesIn, type OutboxEntry } from './outbox'
import { addConflict, addRefused, entityOf, openConflictOn } from './problems'
import { localIdsIn, pairIds, rewriteIds, translate, withoutFreeze, type IdMap } from './translate'

/** An outbox write's headers: applied once by its key, dated when it was made. */
export type SendHeaders = NonNullable<Parameters<ClinicClient['call']>[2]>

/** A call on the server; `null` when it couldn't be reached (or the session ended): sending stops there. */
export type ServerCall = (
  channel: Channel,
  input: unknown,
  headers?: SendHeaders
) => Promise<Result<unknown> | null>

export function idMap(db: Database): IdMap {
  const find = db.prepare('SELECT server_id FROM id_map WHERE local_id = ?').pluck()
  return (localId) => find.get(localId) as number | undefined
}

/** Marks `entry` sent with the server's answer: its new ids mapped, the local rows moved to them. */
export function accept(db: Database, entry: OutboxEntry, answer: unknown): void {
  const pairs = pairIds(entry.answer, answer)
  const known = idMap(db)
  db.transaction(() => {
    const moves = new Map<number, { from: number; to: number }>()
    for (const [localId, serverId] of pairs) {
      // the row sits at its local id, or (a resend after a restore) at the server id it had before
      const from = known(localId) ?? localId
      if (from !== serverId) moves.set(localId, { from, to: serverId })
      db.prepare(
        `INSERT INTO id_map (local_id, server_id, entity) VALUES (?, ?, ?)
         ON CONFLICT (local_id) DO UPDATE SET server_id = excluded.server_id`
      ).run(localId, serverId, entry.channel.split(':')[0])
    }
    rewriteIds(db, moves)
    // the server's audit entries for it come by the pull: the ones made here would show it twice
    if (entry.audit.length > 0) {
      const forget = db.prepare('DELETE FROM audit_log WHERE id = ?')
      withoutFreeze(db, () => entry.audit.forEach((id) => forget.run(id)))
    }
    db.prepare(
      `UPDATE outbox SET state = 'sent', sent_at = ?, error = NULL, problem_id = NULL WHERE seq = ?`
    ).run(new Date().toISOString(), entry.seq)
  })()
}

export type SendOutcome = 'done' | 'stopped'

/**
 * Sends `login`'s waiting writes (only that account's sign-in may send
 * them). A conflict holds its entity's later writes with it; a refusal
 * holds the writes that name what it would have made; the rest go on.
 */
export async function sendWaiting(
  db: Database,
  call: ServerCall,
  login: string,
  onProgress: (done: number, total: number) => void = () => {}
): Promise<SendOutcome> {
  const map = idMap(db)
  let done = 0
  // one at a time, the oldest first, read afresh each time: a write retried meanwhile joins in its place
  for (;;) {
    const waiting = entriesIn(db, 'waiting').filter((entry) => entry.login === login)
    const entry = waiting[0]
    onProgress(done, done + waiting.length)
    if (entry === undefined) return 'done'
    done += 1
    const input = translate(entry.input, map)
    if (localIdsIn(input).length > 0) {
      addRefused(
        db,
        entry,
        'It names a patient, visit or program made offline that the clinic server didn’t accept: resolve that change first, then retry this one.'
      )
      continue
    }
    const entity = entityOf(entry.channel, input)
    const held = entity && openConflictOn(db, entity)
    if (held) {
      db.prepare(`UPDATE outbox SET state = 'conflict', problem_id = ? WHERE seq = ?`).run(
        held,
        entry.seq
      )
      continue
    }
    const result = await call(entry.channel, input, {
      idempotencyKey: entry.key,
      madeAt: entry.madeAt
    })
    if (result === null) return 'stopped'
    if (result.ok) accept(db, entry, result.data)
    else if (result.error.code === 'conflict' && entity) {
      const theirs = await call(
        entity.kind === 'patient' ? 'patients:get' : 'programs:get',
        entity.ref
      )
      if (theirs === null) return 'stopped'
      if (theirs.ok) addConflict(db, entry, entity, theirs.data, result.error.message)
      else addRefused(db, entry, theirs.error.message)
    } else addRefused(db, entry, result.error.message)
  }
}
