import { request as httpRequest } from 'node:http'
import { createConnection } from 'node:net'
import { networkInterfaces } from 'node:os'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { maxBodyBytes, startWebHost, type WebHost } from '../../src/main/web/server'
import { countRows, memoryApi, tempDir } from './helpers'

const token = 'test-token-0123456789'
let host: WebHost | null = null
let lastRendererDir: string | null = null

afterEach(async () => {
  await host?.close()
  host = null
})

async function start() {
  const api = memoryApi()
  const rendererDir = tempDir()
  lastRendererDir = rendererDir
  writeFileSync(join(rendererDir, 'index.html'), '<div id="app"></div>')
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(rendererDir, 'assets', 'worker.mjs'), 'export {}')
  host = await startWebHost({ dispatch: api.call, rendererDir, token, port: 0 })
  return { api, host, base: `http://127.0.0.1:${host.port}` }
}

/** A raw request, so tests can send a Host header and paths fetch would normalise. */
function raw(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string }
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers
      },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      }
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const newPatient = JSON.stringify({ fullName: 'Ørjan Ågren', dateOfBirth: '1975-06-30' })

describe('browser host', () => {
  it('prints a 127.0.0.1 address carrying the token', async () => {
    const { host } = await start()
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${token}`)
  })

  it('is not reachable on any other interface', async () => {
    const { host } = await start()
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === 'IPv4')
    for (const address of external) {
      const connected = await new Promise<boolean>((resolve) => {
        const socket = createConnection({ host: address!.address, port: host.port })
        socket.once('connect', () => (socket.destroy(), resolve(true)))
        socket.once('error', () => resolve(false))
      })
      expect(connected, address!.address).toBe(false)
    }
  })

  it('answers nothing without the token, and writes nothing', async () => {
    const { api, base } = await start()
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', token.slice(1)]) {
      const response = await fetch(`${base}/api/patients:create`, {
        method: 'POST',
        headers: authorization ? { Authorization: authorization } : {},
        body: newPatient
      })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'Missing or wrong access token.' }
      })
    }
    expect(countRows(api.db, 'patients')).toBe(0)
  })

  it('runs the api with the token', async () => {
    const { api, base } = await start()
    const response = await fetch(`${base}/api/patients:create`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: newPatient
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ ok: true, data: { fullName: 'Ørjan Ågren' } })
    expect(countRows(api.db, 'patients')).toBe(1)
  })

  it('refuses requests naming another host (DNS rebinding)', async () => {
    const { api, host } = await start()
    const response = await raw(host.port, {
      path: '/api/patients:create',
      method: 'POST',
      headers: { Host: `evil.example:${host.port}`, Authorization: `Bearer ${token}` },
      body: newPatient
    })
    expect(response.status).toBe(403)
    expect(countRows(api.db, 'patients')).toBe(0)
  })

  it('says clearly what is wrong with a bad request', async () => {
    const { base, host } = await start()
    const auth = { Authorization: `Bearer ${token}` }
    const get = await fetch(`${base}/api/app:info`, { headers: auth })
    expect(get.status).toBe(405)
    const malformed = await fetch(`${base}/api/patients:list`, {
      method: 'POST',
      headers: auth,
      body: '{'
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({
      error: { message: 'The request body is not valid JSON.' }
    })
    const huge = await raw(host.port, {
      path: '/api/patients:create',
      method: 'POST',
      headers: { ...auth, Host: `127.0.0.1:${host.port}` },
      body: 'x'.repeat(maxBodyBytes + 1)
    })
    expect(huge.status).toBe(413)
    const unknown = await fetch(`${base}/api/patients:drop`, {
      method: 'POST',
      headers: auth,
      body: '{}'
    })
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('serves the app with its CSP, app routes as index.html, and nothing outside the folder', async () => {
    const { base, host } = await start()
    const page = await fetch(`${base}/patients/12`)
    expect(page.status).toBe(200)
    expect(await page.text()).toBe('<div id="app"></div>')
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    const script = await fetch(`${base}/assets/app.js`)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
    // module workers (pdf.js) are refused unless served as JavaScript
    const worker = await fetch(`${base}/assets/worker.mjs`)
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/)
    for (const path of [
      '/../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/%00.js',
      '/missing.css'
    ]) {
      const response = await raw(host.port, { path, headers: { Host: `127.0.0.1:${host.port}` } })
      expect(response.status, path).toBe(404)
    }
  })
})

describe('static files and symlinks', () => {
  it('serves a link that stays in the renderer folder, and refuses one that leaves it', async () => {
    const { base } = await start()
    const secret = join(tempDir(), 'secret.js')
    writeFileSync(secret, 'the clinic’s secret')
    const dir = lastRendererDir!
    symlinkSync(secret, join(dir, 'assets', 'leak.js'))
    symlinkSync(join(dir, 'assets', 'app.js'), join(dir, 'assets', 'alias.js'))
    symlinkSync(join(secret, '..'), join(dir, 'outside'))
    expect((await fetch(`${base}/assets/alias.js`)).status).toBe(200)
    for (const path of ['/assets/leak.js', '/outside/secret.js']) {
      const response = await fetch(base + path)
      expect(response.status, path).toBe(404)
      expect(await response.text(), path).not.toMatch(/secret/)
    }
  })
})
