/**
 * Where each call goes (issue 17), for both hosts: in solo mode this
 * computer's store answers everything, as before. Connected to a clinic
 * server, a channel the server answers (`servedChannels`) is checked
 * against the contract here, then sent to the server as the signed-in
 * account; the renderer is unchanged. What reads nothing of the clinic's
 * stays here; what needs this computer's own data file says it works in
 * solo mode only. The solo store stays open and untouched meanwhile, so
 * going back to solo shows its data again.
 */
import { randomUUID } from 'node:crypto'
import { channels, isChannel, type Channel } from '@shared/channels'
import { contract } from '@shared/contract'
import type { Result } from '@shared/errors'
import { dispatch, validationError, type Dispatch, type Handlers } from '../core/api'
import type { HandoutSource } from '../core/handouts'
import type { ClinicClient } from './client'
import type { ClinicConnection } from './connection'
import type { OfflineSync } from './offline/engine'
import { outboxChannels } from './offline/outbox'
import { remoteHandoutSource } from './remote-handouts'
import { servedChannels } from './served'

export type Route = 'here' | 'server' | 'handouts' | 'soloOnly' | 'notServed'

/** Answered by this computer in either mode: none of them reads or writes the clinic's data. */
const answeredHere = new Set<Channel>([
  // the app's version and data folder, and the health of this computer's file
  'app:info',
  'app:health',
  // the jobs run here (and only solo-only channels start one)
  'jobs:progress',
  // the link to the server itself, and this computer's copy of the clinic (issue 18)
  ...channels.filter((channel) => /^(clinicServer|sync):/.test(channel))
])

/**
 * This computer's own data file, its folders and its workers. The folder
 * dialogs are here too: they only lead to an import or a backup.
 */
const soloOnly = new Set<Channel>([
  ...channels.filter((channel) => /^(backups|import):/.test(channel)),
  // until the server serves them: the archive's handouts and SQLite's journal are this computer's
  'patients:export',
  'patients:exportSave',
  'patients:erase'
])

/** Drawn on this computer from what the server reads (`drawingFrom` in `clinicDispatch`). */
const handoutChannels = new Set<Channel>([
  'handouts:pdf',
  'handouts:preview',
  'handouts:save',
  'handouts:print',
  'handouts:open'
])

export function routeOf(channel: Channel, solo: boolean): Route {
  if (solo || answeredHere.has(channel)) return 'here'
  if (handoutChannels.has(channel)) return 'handouts'
  if (servedChannels.has(channel)) return 'server'
  return soloOnly.has(channel) ? 'soloOnly' : 'notServed'
}

const unavailable = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'unavailable', message }
})

const refusals: Record<'soloOnly' | 'notServed', string> = {
  soloOnly:
    'This works in solo mode only: it uses this computer’s own data file, not the clinic server’s. Go back to solo mode in Settings → Clinic server to use it.',
  notServed:
    'The clinic server doesn’t answer this yet: it works in solo mode only for now (Settings → Clinic server → Back to solo mode).'
}

/**
 * The api as both hosts call it: `dispatch` over the solo store, or the
 * clinic server; in clinic mode handouts are drawn here, on this computer's
 * workers, from the versions and options the server reads
 * (`drawingFrom(remoteHandoutSource(…))`, the store's handlers with that source).
 */
export function clinicDispatch(
  handlers: Handlers,
  connection: ClinicConnection,
  drawingFrom: (source: HandoutSource) => Handlers,
  offline?: OfflineSync
): Dispatch {
  // the connection's call reaches whichever server is connected when a handout is asked for
  const drawingRemote = drawingFrom(remoteHandoutSource(connection.call as ClinicClient['call']))
  const withSync = offline ? { ...handlers, ...offline.handlers } : handlers
  const here = async (channel: Channel, rawInput: unknown) => {
    const clinicMode = !connection.isSolo()
    const result = await dispatch(
      clinicMode && channel.startsWith('sync:') ? withSync : handlers,
      channel,
      rawInput
    )
    // signed in, or another server: the copy that goes with it, and what waits sent
    if (result.ok && /^clinicServer:(signIn|connect|solo)$/.test(channel)) offline?.linkChanged()
    if (result.ok && channel === 'clinicServer:signOut') offline?.signedOut()
    return result
  }
  /**
   * Online, as issue 17 sent it; a write the outbox could hold goes with a key of its own, so
   * when the server can't be reached midway it waits in the outbox under that key and the
   * server, if it did apply it, applies it once.
   */
  const online = async (channel: Channel, input: unknown) => {
    if (!offline) return connection.call(channel, input)
    const sent = outboxChannels.has(channel)
      ? { idempotencyKey: randomUUID(), madeAt: new Date().toISOString() }
      : undefined
    const result = await connection.call(channel, offline.toServer(input), sent)
    if (sent && result.ok) offline.wroteOnline()
    if (connection.reachable() || !offline.routesHere()) return result
    return offline.call(channel, input, sent?.idempotencyKey)
  }
  return async (channel, rawInput) => {
    if (!isChannel(channel)) return dispatch(handlers, channel, rawInput)
    const route = routeOf(channel, connection.isSolo())
    if (route === 'here') return here(channel, rawInput)
    // refused here as in solo mode, before anything leaves this computer
    const input = rawInput ?? {}
    const parsed = contract[channel].input.safeParse(input)
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) }
    const local = offline?.routesHere() === true && (route === 'server' || route === 'handouts')
    if (route === 'server') return local ? offline!.call(channel, input) : online(channel, input)
    if (route === 'handouts')
      return dispatch(local ? offline!.drawing() : drawingRemote, channel, input)
    return unavailable(refusals[route])
  }
}
