/**
 * The clinic server (issue 17): the contract over HTTPS with the clinic's
 * certificate. `POST /sign-in` opens a session, `POST /sign-out` ends it,
 * `POST /api/<channel>` with the session's bearer token is validated by the
 * contract and answered by the same handlers the desktop runs (served.ts),
 * over a store scoped to that session's clinic and account. A write sent
 * from a device's outbox (issue 18) carries `Idempotency-Key` and may carry
 * `X-Made-At`: it applies once, at the time it was made (idempotent.ts).
 * Bodies and answers are never logged: they hold patient data.
 */
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type pg from 'pg'
import { z } from 'zod'
import { isChannel } from '@shared/channels'
import { dispatch } from '../core/api'
import { at } from '../core/clock'
import type { QueryStore } from '../core/query/store'
import { HttpError, readJsonBody } from '../hosting/json-body'
import { sessionFor, signIn, signOut, SignInRefused } from './accounts'
import { applyOnce, writeHeaders } from './idempotent'
import { postgresStore } from './pg-store'
import {
  accountHandlers,
  answerServerChannel,
  isServerChannel,
  servedChannels,
  servedHandlers
} from './served'

/** Room for a clinic photo as a data URL, as the browser host allows; a sign-in is tiny. */
export const maxBodyBytes = { api: 16 * 1024 * 1024, signIn: 16 * 1024 }

export interface ClinicServerOptions {
  pool: pg.Pool
  cert: string
  key: string
  /** 0 picks a free port */
  port: number
  host?: string
  /** the app's shipped files, as the desktop has them: `media:get` reads built-in pictures there */
  resourcesDir: string
  /** the sessions' clock; tests move it */
  now?: () => Date
}

export interface ClinicServer {
  port: number
  close: () => Promise<void>
}

const signInInput = z.strictObject({
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(1000)
})

function sendJson(response: ServerResponse, status: number, body: unknown, headers = {}) {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers
  })
  response.end(JSON.stringify(body))
}

function sendError(response: ServerResponse, error: unknown) {
  if (error instanceof SignInRefused) {
    const wait = error.status === 429 ? { 'Retry-After': String(error.retryAfterSeconds) } : {}
    const body = { ok: false, error: { code: error.code, message: error.message } }
    return sendJson(response, error.status, body, wait)
  }
  if (error instanceof HttpError) {
    const code = error.status === 404 ? 'not_found' : 'invalid_input'
    return sendJson(response, error.status, { ok: false, error: { code, message: error.message } })
  }
  // name only: a message may quote what was sent
  console.error(`[clinic] ${error instanceof Error ? error.name : 'Error'} while serving`)
  const body = { ok: false, error: { code: 'internal', message: 'Something went wrong.' } }
  sendJson(response, 500, body)
}

const bearer = (request: IncomingMessage) =>
  /^Bearer ([\w-]{1,100})$/.exec(request.headers.authorization ?? '')?.[1] ?? ''

export async function startClinicServer(options: ClinicServerOptions): Promise<ClinicServer> {
  const { pool } = options
  const now = options.now ?? (() => new Date())

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'https://clinic')
    // first contact: the desktop reads the certificate off this answer, sending nothing
    if (pathname === '/' && (request.method === 'HEAD' || request.method === 'GET')) {
      response.writeHead(204, { 'Cache-Control': 'no-store' })
      return void response.end()
    }
    if (request.method !== 'POST') throw new HttpError(405, 'Use POST.')
    if (pathname === '/sign-in') {
      const parsed = signInInput.safeParse(await readJsonBody(request, maxBodyBytes.signIn))
      if (!parsed.success) throw new HttpError(400, 'Send a login and a password.')
      const address = request.socket.remoteAddress ?? 'unknown'
      const signedIn = await signIn(pool, { ...parsed.data, address }, now())
      return sendJson(response, 200, { ok: true, data: signedIn })
    }
    const token = bearer(request)
    const session = await sessionFor(pool, token, now())
    if (pathname === '/sign-out') {
      await signOut(pool, session, token)
      return sendJson(response, 200, { ok: true, data: null })
    }
    if (!pathname.startsWith('/api/')) throw new HttpError(404, 'Not found.')
    const channel = pathname.slice('/api/'.length)
    const input = await readJsonBody(request, maxBodyBytes.api)
    if (isServerChannel(channel)) {
      const store = postgresStore(pool, session)
      return sendJson(response, 200, await answerServerChannel(store, channel, input))
    }
    if (isChannel(channel) && !servedChannels.has(channel)) {
      const message =
        'The clinic server doesn’t answer this yet: it works in solo mode only for now.'
      return sendJson(response, 200, { ok: false, error: { code: 'unavailable', message } })
    }
    const { key, madeAt } = writeHeaders(request, now())
    if (key !== null && channel.startsWith('accounts:')) {
      throw new HttpError(400, 'Accounts are changed online only, without an Idempotency-Key.')
    }
    // a shared log: what failed and its code, never a message that may quote the request
    const serve = (store: QueryStore) =>
      dispatch(
        { ...servedHandlers(store, options.resourcesDir), ...accountHandlers(pool, session) },
        channel,
        input,
        { logMessages: false }
      )
    const answer = () =>
      key === null
        ? serve(postgresStore(pool, session))
        : applyOnce(pool, session, { key, madeAt, channel }, serve)
    return sendJson(response, 200, await (madeAt === null ? answer() : at(madeAt, answer)))
  }

  const server: Server = createServer(
    { cert: options.cert, key: options.key },
    (request, response) => {
      void handle(request, response).catch((error: unknown) => sendError(response, error))
    }
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
