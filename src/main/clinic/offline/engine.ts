/**
 * Clinic mode offline (issue 18), the desktop's side: the local copy of the
 * connected server, where served calls go while the server can't be
 * reached (or before anyone signed in this run), the outbox's sending, the
 * restore check, the pull, and the `sync:*` channels' answers.
 */
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import type { Channel } from '@shared/channels'
import { AppError, type Result } from '@shared/errors'
import type { SyncStatus } from '@shared/sync'
import type { Handlers, HandlerTable } from '../../core/handlers'
import type { HandoutSource } from '../../core/handouts'
import type { Db } from '../../core/db/connect'
import { sqliteStore } from '../../core/query/store'
import { noCopyStatus } from '../../core/sync.handlers'
import type { ClinicClient } from '../client'
import type { ClinicConnection } from '../connection'
import { remoteHandoutSource } from '../remote-handouts'
import { answerServerChannel, isServerChannel } from '../served'
import { localCopyFile, openLocalCopy } from './local-copy'
import { entriesIn, offlineWriter, outboxChannels, type OfflineWriter } from './outbox'
import { pullIntoCopy, type Pull } from './pulling'
import { syncChannels } from './channels'
import { sendWaiting, idMap, type ServerCall } from './send'
import {
  localCopyOf,
  problemCount,
  readState,
  recentSentKeys,
  resendMissing,
  setSignedOut,
  signedOutHere,
  waitingOf
} from './state'
import { translate } from './translate'

export interface OfflineOptions {
  dataDir: string
  connection: ClinicConnection
  resourcesDir: string
  drawingFrom: (source: HandoutSource) => Handlers
  /** colleagues' changes into the copy: `pullIntoCopy` (tests of the rest pass their own) */
  pull?: Pull
  newKey?: () => string
  /** how often to try the server while offline or writes wait, and to pull online; 0: only when asked (tests) */
  everyMs?: { send: number; pull: number }
}

export interface OfflineSync {
  /** served calls run on the local copy now */
  routesHere: () => boolean
  /** a served call on the local copy (a write with its outbox entry; `key` when it was first tried online) */
  call: (channel: Channel, input: unknown, key?: string) => Promise<Result<unknown>>
  /** the handout channels drawn from the local copy */
  drawing: () => Handlers
  /** an input to send online: ids made offline and since sent become the server's */
  toServer: (input: unknown) => unknown
  handlers: HandlerTable<'sync'>
  /** the connection signed in, or changed server: open the right copy and catch up */
  linkChanged: () => void
  /**
   * signed out on purpose: the copy stays closed, offline too, until the next sign-in (an
   * app started without a session opens it: that is a home visit, not a sign-out)
   */
  signedOut: () => void
  /** a write the server accepted online: the copy catches up with it shortly, to have it offline */
  wroteOnline: () => void
  /** sends what waits and pulls, once at a time; settles when done */
  syncNow: () => Promise<void>
  close: () => void
}

/** Channels that work offline: reads of what the copy holds, and the outbox's writes. */
const offlineWrite = (channel: Channel) => outboxChannels.has(channel)
const sharedSetupWrite =
  /^(exercises:(create|update|duplicate|favourite|archive|delete)|templates:(saveFrom|update|save|delete)|handouts:setOptions|clinic:(update|skipDetails)|accounts:)/

interface Copy {
  fingerprint: string
  file: string
  db: Db
  writer: OfflineWriter
  drawing: Handlers
}

export function offlineSync(options: OfflineOptions): OfflineSync {
  const { connection } = options
  const newKey = options.newKey ?? randomUUID
  const pull = options.pull ?? pullIntoCopy
  /** why the last catch-up stopped short, in words; null once one went through */
  let trouble: string | null = null
  let copy: Copy | null = null
  let busy: 'sending' | 'pulling' | null = null
  let progress: SyncStatus['progress'] = null
  let running: Promise<void> | null = null
  let checkedRestore = false
  let lastPullTry = 0

  const fingerprint = () => {
    const status = connection.status()
    return status.mode === 'clinic' ? status.fingerprint : null
  }
  const signedInAs = () => {
    const status = connection.status()
    return status.mode === 'clinic' ? (status.signedIn?.login ?? null) : null
  }
  const lastLogin = () => {
    const status = connection.status()
    return status.mode === 'clinic' ? (status.signedIn?.login ?? status.login) : null
  }

  function open(create: boolean): Copy | null {
    const current = fingerprint()
    if (copy && copy.fingerprint !== current) closeCopy()
    if (copy || current === null) return copy
    const file = localCopyFile(options.dataDir, current)
    if (!create && !existsSync(file)) return null
    const db = openLocalCopy(file)
    const store = sqliteStore(db)
    const writer = offlineWriter(store, options.resourcesDir, newKey)
    // handouts drawn here from the copy, as online from what the server reads
    const localCall = ((channel: string, input: unknown) =>
      isServerChannel(channel)
        ? answerServerChannel(store, channel, input)
        : writer.call(channel as Channel, input, null)) as ClinicClient['call']
    copy = {
      fingerprint: current,
      file,
      db,
      writer,
      drawing: options.drawingFrom(remoteHandoutSource(localCall))
    }
    checkedRestore = false
    return copy
  }
  function closeCopy(): void {
    copy?.db.close()
    copy = null
  }

  /** Usable offline: caught up once, or holding writes made here. */
  const usable = (held: Copy | null) =>
    held !== null && (readState(held.db).lastPullAt !== null || waitingOf(held.db).waiting > 0)

  const routesHere = () => {
    if (connection.isSolo()) return false
    const held = open(false)
    return (
      usable(held) && !signedOutHere(held!.db) && (signedInAs() === null || !connection.reachable())
    )
  }

  /** The server's answer, or null when it can't be reached or the session ended: stop there. */
  const serverCall: ServerCall = async (channel, input, sent) => {
    const result = await connection.call(channel, input, sent)
    return connection.reachable() && signedInAs() !== null ? result : null
  }

  async function checkRestore(held: Copy): Promise<boolean> {
    const keys = recentSentKeys(held.db)
    const missing: string[] = []
    for (let start = 0; start < keys.length || start === 0; start += 5000) {
      const batch = keys.slice(start, start + 5000)
      const answer = await serverCall('sync:applied' as Channel, { keys: batch })
      if (answer === null || !answer.ok) return false
      const applied = new Set((answer.data as { applied: string[] }).applied)
      missing.push(...batch.filter((key) => !applied.has(key)))
    }
    resendMissing(held.db, missing)
    return true
  }

  async function catchUp(): Promise<void> {
    const login = signedInAs()
    // the copy is made at the first sign-in, not by a status or a button before it
    const held = login === null ? null : open(true)
    if (!held || login === null) return
    const onProgress = (done: number, total: number) => (progress = { done, total })
    try {
      if (!checkedRestore) checkedRestore = await checkRestore(held)
      busy = 'sending'
      if ((await sendWaiting(held.db, serverCall, login, onProgress)) === 'stopped') return
      // another account's waiting writes don't hold this one's pull: the pull keeps their patients
      if (entriesIn(held.db, 'waiting').some((entry) => entry.login === login)) return
      busy = 'pulling'
      lastPullTry = Date.now()
      const { epochChanged } = await pull(serverCall, held.db, readState(held.db), onProgress)
      trouble = null
      if (epochChanged) {
        // a restored or replaced server (the pull brought all of it): what it lacks goes again
        checkedRestore = false
        busy = null
        return await catchUp()
      }
    } catch (error) {
      // said in the status; the next catch-up tries again
      trouble =
        error instanceof AppError ? error.message : 'Catching up with the clinic server failed.'
      if (!(error instanceof AppError)) {
        console.error(`[sync] catching up failed: ${error instanceof Error ? error.name : 'Error'}`)
      }
    } finally {
      busy = null
      progress = null
    }
  }

  let queued: Promise<void> | null = null
  /**
   * Catches up once at a time. Asked while a catch-up runs (a pin just set, a retry), one more
   * follows it, so what was asked for is in the one the caller waits for.
   */
  function syncNow(): Promise<void> {
    if (running === null) {
      running = catchUp().finally(() => (running = null))
      return running
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null
        return syncNow()
      })
    return queued
  }

  /** Signed out, the status still tells offline from not signed in: the server asked for its certificate. */
  const probe = () => {
    if (connection.isSolo() || signedInAs() !== null || !open(false)) return
    void connection.probe()
  }
  const tick = () => {
    const held = open(false)
    // back after being away: the server may have been restored meanwhile
    if (!connection.reachable()) checkedRestore = false
    if (held && signedInAs() === null) return probe()
    if (!held) return
    const due =
      waitingOf(held.db).waiting > 0 ||
      !connection.reachable() ||
      Date.now() - lastPullTry >= (options.everyMs?.pull ?? 60_000)
    if (due) void syncNow().catch(() => undefined)
  }
  const everySend = options.everyMs?.send ?? 30_000
  const timer = everySend > 0 ? setInterval(tick, everySend) : null
  let soon: NodeJS.Timeout | undefined
  timer?.unref()
  // an offline start has no session: whether the server answers, said at once
  if (everySend > 0) probe()

  function status(): SyncStatus {
    const held = connection.isSolo() ? null : open(false)
    if (connection.isSolo() || held === null) {
      return noCopyStatus(
        connection.isSolo() ? 'solo' : signedInAs() === null ? 'signedOut' : 'online'
      )
    }
    const { waiting, waitingFor } = waitingOf(held.db)
    const closed = signedOutHere(held.db)
    const state: SyncStatus['state'] =
      busy ??
      (closed
        ? 'signedOut'
        : !connection.reachable()
          ? 'offline'
          : signedInAs() === null || (waitingFor !== null && waitingFor !== signedInAs())
            ? 'signedOut'
            : 'online')
    const message = closed
      ? 'Signed out: this computer’s copy of the clinic stays closed until you sign in again, which needs the clinic server. Before a home visit, close PhysioPlan instead of signing out.'
      : state === 'offline'
        ? 'The clinic server can’t be reached: you are working on this computer’s copy.'
        : state === 'signedOut' && waiting > 0
          ? `Sign in as ${waitingFor} to send the changes made on this computer.`
          : trouble
    return {
      state,
      waiting,
      problems: problemCount(held.db),
      progress,
      lastPullAt: readState(held.db).lastPullAt,
      message,
      localCopy: localCopyOf(held.db, held.file),
      waitingFor
    }
  }

  const handlers = syncChannels({
    copy: () => (connection.isSolo() ? null : open(false)),
    status,
    syncNow,
    busy: () => running !== null,
    serverCall,
    newKey,
    closeCopy
  })

  return {
    routesHere,
    call: async (channel, input, key) => {
      const held = open(false)!
      if (sharedSetupWrite.test(channel)) {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message:
              'This works while connected to the clinic server: the library, templates, clinic settings and accounts are changed there.'
          }
        }
      }
      const result = await held.writer.call(
        channel,
        input,
        offlineWrite(channel) ? lastLogin() : null,
        key
      )
      if (result.ok || result.error.code !== 'not_found') return result
      // not here is not erased: the copy keeps some of the clinic's patients, not all
      const { weeks } = readState(held.db)
      return {
        ok: false,
        error: {
          code: 'not_found',
          message: `That isn’t on this computer’s copy of the clinic, which keeps the patients you saw in the last ${weeks === 1 ? 'week' : `${weeks} weeks`} and those kept for offline visits. It shows again when the clinic server answers.`
        }
      }
    },
    drawing: () => open(false)!.drawing,
    toServer: (input) => {
      const held = open(false)
      return held ? translate(input, idMap(held.db)) : input
    },
    handlers,
    linkChanged: () => {
      if (connection.isSolo()) return closeCopy()
      const held = open(false)
      if (held && signedInAs() !== null) setSignedOut(held.db, false)
      // a sign-in or another address is a reconnect: ask again which sent writes the server has
      checkedRestore = false
      if (signedInAs() !== null) void syncNow().catch(() => undefined)
    },
    signedOut: () => {
      const held = open(false)
      if (held) setSignedOut(held.db, true)
    },
    wroteOnline: () => {
      if (everySend === 0) return
      // a burst of saves (the builder autosaving) makes one pull, after it
      clearTimeout(soon)
      soon = setTimeout(() => void syncNow().catch(() => undefined), 3000)
      soon.unref()
    },
    syncNow,
    close: () => {
      clearTimeout(soon)
      if (timer) clearInterval(timer)
      closeCopy()
    }
  }
}
