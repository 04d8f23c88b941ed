/**
 * Writes sent from a device's outbox (issue 18): `Idempotency-Key: <uuid>`
 * makes a call apply once. The whole call (every read and write its handler
 * makes) runs in one transaction that also records the key and the call's
 * answer in applied_writes (pg-migrations/005), so the write and its key
 * commit together or not at all. A repeat answers the stored answer and
 * writes nothing; two repeats racing meet on the key's primary key, the
 * second waiting for the first. A call that fails (a conflict, a refused
 * input) rolls back and records nothing, so a retry runs again.
 * `X-Made-At` says when the write was made offline: the call runs at that
 * time (core/clock.ts), within bounds.
 */
import type { IncomingMessage } from 'node:http'
import { sql } from 'kysely'
import type pg from 'pg'
import { z } from 'zod'
import type { Result } from '@shared/errors'
import type { Query } from '../core/query/schema'
import type { QueryStore } from '../core/query/store'
import { HttpError } from '../hosting/json-body'
import { inOneTransaction, type Scope } from './pg-store'

/** how far ahead of the server's clock a device's may run, and how long a write may wait offline */
export const madeAtBounds = { aheadMs: 5 * 60_000, behindMs: 60 * 24 * 3600_000 }

export interface WriteHeaders {
  key: string | null
  madeAt: Date | null
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

/** The two headers, checked: a malformed one is refused before anything runs. */
export function writeHeaders(request: IncomingMessage, now: Date): WriteHeaders {
  const key = one(request.headers['idempotency-key']) ?? null
  if (key !== null && !z.uuid().safeParse(key).success) {
    throw new HttpError(400, 'The Idempotency-Key header must be a UUID.')
  }
  const madeText = one(request.headers['x-made-at'])
  if (madeText === undefined) return { key, madeAt: null }
  const madeAt = new Date(madeText)
  if (!z.iso.datetime({ offset: true }).safeParse(madeText).success || isNaN(madeAt.getTime())) {
    throw new HttpError(
      400,
      'The X-Made-At header must be an ISO time, such as 2026-11-27T14:05:00Z.'
    )
  }
  if (madeAt.getTime() > now.getTime() + madeAtBounds.aheadMs) {
    throw new HttpError(
      400,
      'This change says it was made more than 5 minutes from now: check the date and time of the computer that made it.'
    )
  }
  if (madeAt.getTime() < now.getTime() - madeAtBounds.behindMs) {
    throw new HttpError(
      400,
      'This change was made more than 60 days ago: the clinic server no longer takes it. Copy what it says into the app by hand.'
    )
  }
  return { key, madeAt }
}

/** a call's failure, carried out of the transaction so that it rolls back */
class Refused extends Error {
  constructor(readonly result: Result<unknown>) {
    super('refused')
  }
}

/**
 * `run` (the call, on the store it is given) applied once for `key`; the
 * answer it gave the first time for a repeat. Only the same account's same
 * channel may repeat a key.
 */
export async function applyOnce(
  pool: pg.Pool,
  scope: Scope,
  write: { key: string; madeAt: Date | null; channel: string },
  run: (store: QueryStore) => Promise<Result<unknown>>
): Promise<Result<unknown>> {
  try {
    return await inOneTransaction(pool, scope, async (q, store) => {
      // waits here while another transaction holds the same key, then finds its row
      const claimed = await sql<{ key: string }>`
        INSERT INTO applied_writes (key, channel, answer, made_at)
        VALUES (${write.key}, ${write.channel}, 'null', ${write.madeAt})
        ON CONFLICT DO NOTHING RETURNING key`.execute(q)
      if (claimed.rows.length === 0) {
        const { rows } = await sql<{
          answer: Result<unknown>
          account_id: number
          channel: string
        }>`
          SELECT answer, account_id, channel FROM applied_writes WHERE key = ${write.key}`.execute(
          q
        )
        const stored = rows[0]
        if (stored?.account_id === scope.accountId && stored.channel === write.channel) {
          return stored.answer
        }
        const message = 'This Idempotency-Key was already used for another change.'
        return { ok: false, error: { code: 'invalid_input', message } } as Result<unknown>
      }
      const result = await run(store)
      if (!result.ok) throw new Refused(result)
      await sql`UPDATE applied_writes SET answer = ${JSON.stringify(result)}::jsonb
        WHERE key = ${write.key}`.execute(q)
      return result
    })
  } catch (error) {
    if (error instanceof Refused) return error.result
    throw error
  }
}

/** Which of `keys` this clinic has applied: after a restore from a backup, the rest are sent again. */
export async function appliedKeys(q: Query, keys: string[]): Promise<string[]> {
  const { rows } = await sql<{ key: string }>`
    SELECT key FROM applied_writes WHERE key = ANY(${keys}::uuid[])`.execute(q)
  return rows.map((row) => row.key)
}
