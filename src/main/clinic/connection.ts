/**
 * The desktop's connection to a clinic server (issue 17): solo mode, or one
 * server by its address and pinned certificate, signed in or not. Both
 * hosts make one (the Electron shell and the browser host); the core's
 * `clinicServer:*` handlers drive it, and forward.ts sends the served
 * channels through it.
 *
 * What a desktop needs to reconnect next time (the address, the pinned
 * certificate, the login last used) is kept in the data folder as
 * physioplan-clinic-server.json, owner-only like every data file.
 *
 * The session token is kept in memory only, never on disk, not even with
 * Electron's safeStorage: it opens every patient of the clinic to whoever
 * holds it, safeStorage has no key store to protect it on a Linux desktop
 * without a keyring (it falls back to a fixed key) nor in the browser host,
 * and a session ends after 12 idle hours anyway. So each start signs in
 * again, as a clinic's shared computers should.
 */
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Channel } from '@shared/channels'
import type { ClinicServerStatus, ClinicSignedIn } from '@shared/clinic-server'
import { AppError, toApiError, type Result } from '@shared/errors'
import type { ClinicLink } from '../core/clinic-link'
import { privateFileMode } from '../core/file-modes'
import { fingerprint } from './certificate'
import { clinicClient, fetchCertificate, type ClinicAddress, type ClinicClient } from './client'

export const savedFileName = 'physioplan-clinic-server.json'

const savedSchema = z.strictObject({
  /** connected when the app last ran: it starts connected again (signed out) */
  active: z.boolean(),
  address: z.string(),
  certificate: z.string(),
  login: z.string().nullable()
})
type Saved = z.output<typeof savedSchema>

export interface ConnectionOptions {
  dataDir: string
  /** `--clinic https://…`: start connected to this server, its certificate still to be trusted in the page */
  startAt?: string
  /** tests pass fakes; the real client and first contact otherwise */
  client?: (address: ClinicAddress, pinnedPem: string) => ClinicClient
  certificateOf?: (address: ClinicAddress) => Promise<string>
}

export interface ClinicConnection extends ClinicLink {
  /** solo mode: this computer's store answers every call */
  isSolo: () => boolean
  /** a served channel's call as the signed-in account: the server's Result, or why there is none */
  call: (
    channel: Channel,
    input: unknown,
    write?: Parameters<ClinicClient['call']>[2]
  ) => Promise<Result<unknown>>
  /**
   * false once a call couldn't reach the server (a network error, no answer in time), true again
   * at the next answer: where the served calls go meanwhile (issue 18, clinic/offline/)
   */
  reachable: () => boolean
  /** asks the server for its certificate only (no session needed): whether it answers now */
  probe: () => Promise<boolean>
  close: () => void
}

/** Node's https wants the host without an IPv6 address's brackets. */
export function hostAndPort(address: string): ClinicAddress {
  const url = new URL(address)
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 443) }
}

function readSaved(file: string): Saved | null {
  try {
    const found = savedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return found.success ? found.data : null
  } catch {
    // none yet, or unreadable: solo mode, and the next connection writes it afresh
    return null
  }
}

/** Written whole, then renamed over the old one: a crash leaves one or the other, never half. */
function writeSaved(file: string, saved: Saved): void {
  const partial = `${file}.partial`
  writeFileSync(partial, JSON.stringify(saved, null, 2), { mode: privateFileMode })
  chmodSync(partial, privateFileMode)
  renameSync(partial, file)
}

const networkDown = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN'
])

/** A failure to reach the server, in words; an AppError (a refusal the server or the pin made) stays itself. */
function unreachable(address: string, error: unknown): AppError {
  if (error instanceof AppError) return error
  const code = (error as NodeJS.ErrnoException | null)?.code
  return new AppError(
    'unavailable',
    code !== undefined && networkDown.has(code)
      ? `No clinic server answers at ${address}: check the address, the network and that the server is running.`
      : `The clinic server at ${address} stopped answering. If you were saving, reload to see whether it was saved before trying again.`
  )
}

const refusal = (code: 'forbidden' | 'unavailable', message: string): Result<never> => ({
  ok: false,
  error: { code, message }
})

export function clinicConnection(options: ConnectionOptions): ClinicConnection {
  const file = join(options.dataDir, savedFileName)
  const makeClient = options.client ?? clinicClient
  const certificateOf = options.certificateOf ?? fetchCertificate
  let saved = readSaved(file)
  let address = options.startAt ?? (saved?.active ? saved.address : null)
  let client: ClinicClient | null =
    address !== null && saved?.address === address
      ? makeClient(hostAndPort(address), saved.certificate)
      : null
  let signedIn: ClinicSignedIn | null = null
  let reachable = true

  const save = (next: Saved) => {
    writeSaved(file, next)
    saved = next
  }
  const reach = async <T>(at: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      throw unreachable(at, error)
    }
  }

  const status = (): ClinicServerStatus =>
    address === null
      ? { mode: 'solo', lastAddress: saved?.address ?? null }
      : {
          mode: 'clinic',
          address,
          fingerprint: client?.fingerprint ?? null,
          login: saved?.address === address ? saved.login : null,
          signedIn
        }

  async function signOut(): Promise<ClinicServerStatus> {
    signedIn = null
    // an unreachable server ends the session on its own clock; this desktop forgets it now
    await client?.signOut().catch(() => undefined)
    return status()
  }

  return {
    status,
    isSolo: () => address === null,

    async check(at) {
      const pem = await reach(at, () => certificateOf(hostAndPort(at)))
      return {
        address: at,
        fingerprint: fingerprint(pem),
        trustedBefore: saved?.address === at ? fingerprint(saved.certificate) : null
      }
    },

    async connect(at, confirmed) {
      const pem = await reach(at, () => certificateOf(hostAndPort(at)))
      const presented = fingerprint(pem)
      if (presented !== confirmed) {
        throw new AppError(
          'forbidden',
          `The server now shows another certificate than the one you compared: you confirmed ${confirmed}, it shows ${presented}. PhysioPlan did not connect. Check again, and ask your administrator before trusting it.`
        )
      }
      await signOut()
      client?.close()
      client = makeClient(hostAndPort(at), pem)
      address = at
      save({
        active: true,
        address: at,
        certificate: pem,
        login: saved?.address === at ? saved.login : null
      })
      return status()
    },

    async signIn(login, password) {
      const current = client
      if (address === null || current === null) {
        throw new AppError(
          'unavailable',
          'Check the clinic server’s certificate and trust it before signing in.'
        )
      }
      // a kept-alive connection the server dropped while it was away breaks on first use: signing
      // in changes nothing on the server until it answers, so once more on a fresh connection
      const made = await reach(address, () =>
        current
          .signIn(login, password)
          .catch((error: NodeJS.ErrnoException) =>
            error.code === 'ECONNRESET' || error.code === 'EPIPE'
              ? current.signIn(login, password)
              : Promise.reject(error)
          )
      ).catch((error: AppError) => {
        // no answer: the status says offline, and the served calls go to the local copy
        if (error.code === 'unavailable') reachable = false
        throw error
      })
      reachable = true
      signedIn = {
        clinic: made.clinic.name,
        login: made.account.login,
        displayName: made.account.displayName,
        role: made.account.role
      }
      if (saved) save({ ...saved, login: made.account.login })
      return status()
    },

    signOut,

    async solo() {
      await signOut()
      client?.close()
      client = null
      address = null
      // the pin stays: connecting again to the same server can tell whether its certificate changed
      if (saved) save({ ...saved, active: false })
      return status()
    },

    reachable: () => reachable,

    async probe() {
      if (address === null) return false
      try {
        await certificateOf(hostAndPort(address))
        reachable = true
      } catch {
        reachable = false
      }
      return reachable
    },

    async call(channel, input, write) {
      const current = client
      if (address === null || current === null) {
        return refusal(
          'unavailable',
          'Check the clinic server’s certificate and connect first: Settings → Clinic server.'
        )
      }
      if (signedIn === null) {
        return refusal('forbidden', 'Sign in to the clinic server first: Settings → Clinic server.')
      }
      try {
        const result = await current.call(channel, input, write)
        reachable = true
        if (current.hasSession()) return result
        signedIn = null
        return refusal(
          'forbidden',
          'Your session on the clinic server has ended: sign in again (Settings → Clinic server).'
        )
      } catch (error) {
        // the server's own refusals arrive as Results: a throw is the network or the pin
        reachable = error instanceof AppError && error.code !== 'unavailable'
        return { ok: false, error: toApiError(unreachable(address, error)) }
      }
    },

    close: () => client?.close()
  }
}
