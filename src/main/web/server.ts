import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Result } from '@shared/errors'
import type { HandoutFile } from '@shared/types'
import type { Dispatch } from '../core/api'
import { contentSecurityPolicy } from '../hosting/csp'
import { HttpError, readJsonBody } from '../hosting/json-body'
import { contentTypeOf, readStaticFile } from '../hosting/static-files'

/** Big enough for a clinic photo as a data URL, small enough to refuse abuse. */
export const maxBodyBytes = 16 * 1024 * 1024

export interface WebHostOptions {
  /** the api: the solo store's dispatch, or the one that forwards to a clinic server */
  dispatch: Dispatch
  rendererDir: string
  token: string
  /** 0 picks a free port */
  port: number
}

export interface WebHost {
  url: string
  port: number
  close: () => Promise<void>
}

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store'
  })
  response.end(JSON.stringify(body))
}

/** The api's files by their extension: a handout's PDF, a patient's export archive. */
const fileTypes: Record<string, string> = { pdf: 'application/pdf', zip: 'application/zip' }

/** A successful answer that is a file (a name and its bytes): sent as itself, not as JSON. */
function fileOf(result: Result<unknown>): HandoutFile | null {
  if (!result.ok || typeof result.data !== 'object' || result.data === null) return null
  const { fileName, bytes } = result.data as Partial<HandoutFile>
  return typeof fileName === 'string' && bytes instanceof Uint8Array ? { fileName, bytes } : null
}

function sendFile(response: ServerResponse, { fileName, bytes }: HandoutFile): void {
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': fileTypes[fileName.split('.').pop() ?? ''] ?? 'application/octet-stream',
    'Content-Length': bytes.byteLength,
    // the name as UTF-8 (RFC 6266): "Şükrü Çağlar" must reach the download as written
    'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'no-store'
  })
  response.end(bytes)
}

function sendError(response: ServerResponse, status: number, message: string): void {
  const code = status === 401 || status === 403 ? 'forbidden' : 'invalid_input'
  sendJson(response, status, { ok: false, error: { code, message } })
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

async function serveStatic(
  rendererDir: string,
  pathname: string,
  response: ServerResponse
): Promise<void> {
  const found = await readStaticFile(rendererDir, pathname)
  if (found === null) throw new HttpError(404, 'Not found.')
  const { file, body } = found
  const hashed = pathname.startsWith('/assets/')
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypeOf(file),
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache'
  })
  response.end(body)
}

/**
 * Serves the built renderer and the api on 127.0.0.1 only. Every api request
 * needs the per-run token; the Host header must name this address, so a web
 * page elsewhere cannot reach the api through DNS rebinding.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  let allowedHosts: string[] = []
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(response, error.status, error.message)
      console.error(`[web] ${error instanceof Error ? error.name : 'Error'} while serving`)
      sendError(response, 500, 'Something went wrong. Please try again.')
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      throw new HttpError(403, 'This address is not served here.')
    }
    const { pathname } = new URL(request.url ?? '/', 'http://localhost')
    if (pathname.startsWith('/api/')) {
      if (request.method !== 'POST') throw new HttpError(405, 'Use POST for api requests.')
      if (!tokenMatches(request.headers.authorization, options.token)) {
        throw new HttpError(401, 'Missing or wrong access token.')
      }
      const input = await readJsonBody(request, maxBodyBytes)
      const result = await options.dispatch(pathname.slice('/api/'.length), input)
      const file = fileOf(result)
      return file ? sendFile(response, file) : sendJson(response, 200, result)
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(405, 'Method not allowed.')
    }
    return serveStatic(options.rendererDir, pathname, response)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
