/**
 * How the desktop's main process talks to a clinic server (issue 17, plan
 * §4); the Settings screen that uses it comes next. First contact fetches
 * the server's certificate without trusting it and shows its SHA-256
 * fingerprint for the person to compare with what `init` printed; once
 * confirmed, that certificate is pinned: every later connection trusts it
 * and nothing else, and a changed one is refused naming both fingerprints.
 * Node's own https, so the Electron shell and the browser host connect the
 * same way.
 */
import { X509Certificate } from 'node:crypto'
import { Agent, request } from 'node:https'
import type { PeerCertificate, TLSSocket } from 'node:tls'
import type { Channel } from '@shared/channels'
import type { Output } from '@shared/contract'
import { AppError, type Result } from '@shared/errors'
import type { SignedIn } from './accounts'
import { fingerprint } from './certificate'

/** where the server is: https://host:port */
export interface ClinicAddress {
  host: string
  port: number
}

/** First contact: the certificate the server presents, not yet trusted, and no credentials sent. */
export function fetchCertificate({ host, port }: ClinicAddress): Promise<string> {
  return new Promise((resolve, reject) => {
    const call = request(
      { host, port, method: 'HEAD', path: '/', rejectUnauthorized: false, agent: false },
      (response) => {
        const peer = (response.socket as TLSSocket).getPeerCertificate()
        response.resume()
        resolve(new X509Certificate(peer.raw).toString())
      }
    )
    call.setTimeout(10_000, () => call.destroy(new Error('The clinic server did not answer.')))
    call.once('error', reject)
    call.end()
  })
}

export class CertificateChanged extends AppError {
  constructor(
    readonly pinned: string,
    readonly presented: string
  ) {
    super(
      'forbidden',
      `The clinic server’s certificate has changed: PhysioPlan trusts ${pinned}, the server now shows ${presented}. ` +
        'PhysioPlan did not connect. If your clinic replaced its certificate, ask the administrator for the new fingerprint and connect again; otherwise someone may be intercepting the connection.'
    )
    this.name = 'CertificateChanged'
  }
}

/** OpenSSL's words for a certificate that doesn't chain to the pinned one. */
const untrusted = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED'
])

export interface ClinicClient {
  /** the pinned certificate's fingerprint */
  fingerprint: string
  signIn: (login: string, password: string) => Promise<SignedIn>
  signOut: () => Promise<void>
  /** whether a session is open: false before signing in, after signing out, and once the server said it ended */
  hasSession: () => boolean
  /**
   * a contract call on the server, as the signed-in account; the server's
   * Result. An outbox's write (issue 18) sends its key, applied once, and
   * when it was made (ISO).
   */
  call: <C extends Channel>(
    channel: C,
    input: unknown,
    write?: { idempotencyKey: string; madeAt?: string }
  ) => Promise<Result<Output<C>>>
  close: () => void
}

/**
 * A client that trusts `pinnedPem` only: it is the one trust anchor (so the
 * chain check passes for it alone, self-signed or issued by a CA the desktop
 * needn't know: `allowPartialTrustChain`) and the identity check compares
 * fingerprints, not host names, so the clinic may be reached by any name or
 * address.
 */
export function clinicClient(address: ClinicAddress, pinnedPem: string): ClinicClient {
  const pinned = fingerprint(pinnedPem)
  const agent = new Agent({
    ca: [pinnedPem],
    allowPartialTrustChain: true,
    keepAlive: true,
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      cert.fingerprint256 === pinned
        ? undefined
        : new CertificateChanged(pinned, cert.fingerprint256)
  })
  let token: string | null = null

  const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    new Promise<Result<unknown>>((resolve, reject) => {
      const text = JSON.stringify(body)
      const headers: Record<string, string | number> = {
        ...extra,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text)
      }
      if (token) headers.Authorization = `Bearer ${token}`
      const call = request({ ...address, method: 'POST', path, agent, headers }, (response) => {
        // the server no longer knows the token (expired, ended, account disabled): forget it
        if (response.statusCode === 401) token = null
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown>)
          } catch {
            reject(
              new AppError(
                'unavailable',
                `The clinic server answered ${response.statusCode} without a result.`
              )
            )
          }
        })
      })
      call.setTimeout(30_000, () =>
        call.destroy(new AppError('unavailable', 'The clinic server did not answer in time.'))
      )
      call.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === undefined || !untrusted.has(error.code)) return reject(error)
        // another certificate failed the chain check before the identity check could name it
        fetchCertificate(address).then(
          (presented) => reject(new CertificateChanged(pinned, fingerprint(presented))),
          () => reject(error)
        )
      })
      call.end(text)
    })

  return {
    fingerprint: pinned,
    async signIn(login, password) {
      const result = (await post('/sign-in', { login, password })) as Result<SignedIn>
      if (!result.ok) throw new AppError(result.error.code, result.error.message)
      token = result.data.token
      return result.data
    },
    async signOut() {
      if (!token) return
      try {
        await post('/sign-out', {})
      } finally {
        // unreachable or not, this desktop stops using the token; the server ends it on its clock
        token = null
      }
    },
    hasSession: () => token !== null,
    call: (channel, input, write) =>
      post(
        `/api/${channel}`,
        input,
        write === undefined
          ? {}
          : {
              'Idempotency-Key': write.idempotencyKey,
              ...(write.madeAt === undefined ? {} : { 'X-Made-At': write.madeAt })
            }
      ) as Promise<Result<Output<typeof channel>>>,
    close: () => agent.destroy()
  }
}
