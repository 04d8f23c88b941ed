/**
 * The pull as the engine runs it (issue 18): sync-server18's `pullOnce`
 * over this copy's state, its pins, and the patients whose writes still
 * wait (kept even when no longer seen or pinned: their changes must have
 * somewhere to show). What it answers is stored in sync_state.
 */
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { outboxChannels } from './outbox'
import { pullOnce, type PullCall } from './pull'
import { idMap, type ServerCall } from './send'
import { pinsOf, type PullState } from './state'
import { translate } from './translate'

/** Brings colleagues' changes into the local copy; answers whether the epoch changed. */
export type Pull = (
  call: ServerCall,
  db: Database,
  state: PullState,
  onProgress: (done: number, total: number) => void
) => Promise<{ epochChanged: boolean }>

/** The patients the outbox's unsent writes name, as the server knows them. */
function patientsWaiting(db: Database): Set<number> {
  const rows = db
    .prepare(`SELECT channel, input FROM outbox WHERE state IN ('waiting', 'conflict', 'refused')`)
    .all() as { channel: string; input: string }[]
  const map = idMap(db)
  const versionPatient = db
    .prepare(
      'SELECT p.patient_id FROM program_versions v JOIN programs p ON p.id = v.program_id WHERE v.id = ?'
    )
    .pluck()
  const found = new Set<number>()
  for (const { channel, input } of rows) {
    if (!outboxChannels.has(channel as never)) continue
    const named = translate(JSON.parse(input), map) as {
      id?: number
      patientId?: number
      versionId?: number
    }
    const patient = channel.startsWith('patients:')
      ? named.id
      : (named.patientId ?? (versionPatient.get(named.versionId) as number | undefined))
    if (patient !== undefined) found.add(patient)
  }
  return found
}

export const pullIntoCopy: Pull = async (call, db, state, onProgress) => {
  const ask: PullCall = async (channel, input) =>
    (await call(channel as never, input)) ?? {
      ok: false,
      error: {
        code: 'unavailable',
        message: 'The clinic server stopped answering during the pull.'
      }
    }
  const pulled = await pullOnce(
    ask,
    db,
    { cursor: state.cursor, epoch: state.epoch, weeks: state.weeks, pinned: pinsOf(db) },
    ({ done, total }) => onProgress(done, total),
    patientsWaiting(db)
  )
  if (!pulled.cursor) throw new AppError('unavailable', 'The clinic server sent no cursor.')
  db.prepare('UPDATE sync_state SET cursor = ?, epoch = ?, last_pull_at = ?, held = ?').run(
    pulled.cursor,
    pulled.epoch,
    new Date().toISOString(),
    JSON.stringify(pulled.patients)
  )
  return { epochChanged: pulled.epochChanged }
}
