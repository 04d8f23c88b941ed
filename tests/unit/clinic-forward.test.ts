/**
 * Which calls go where once the desktop is connected to a clinic server
 * (clinic/forward.ts, clinic/connection.ts), against a fake client: the
 * solo store answers everything in solo mode; connected, served channels
 * reach the server as sent, what is this computer's stays here, and
 * solo-only work says so. The real server is in tests/clinic/desktop.test.ts.
 */
import { readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { channels } from '../../src/shared/channels'
import type { ClinicServerStatus } from '../../src/shared/clinic-server'
import { AppError, type Result } from '../../src/shared/errors'
import { createApi } from '../../src/main/core/api'
import { fingerprint, makeServerCertificate } from '../../src/main/clinic/certificate'
import type { ClinicClient } from '../../src/main/clinic/client'
import {
  clinicConnection,
  savedFileName,
  type ClinicConnection
} from '../../src/main/clinic/connection'
import { clinicDispatch, routeOf } from '../../src/main/clinic/forward'
import { servedChannels } from '../../src/main/clinic/served'
import { inline, memoryDb, tempDir } from './helpers'

const address = 'https://clinic-server:8443'
let pems: { first: string; second: string }

beforeAll(async () => {
  const names = { dns: ['clinic-server'], ips: [] }
  const [first, second] = await Promise.all([
    makeServerCertificate(names),
    makeServerCertificate(names)
  ])
  pems = { first: first.cert, second: second.cert }
})

/** A clinic server in memory: it signs in with "right", answers what `answer` says and records each call. */
function fakeServer() {
  const server = {
    pem: '',
    calls: [] as [string, unknown][],
    session: false,
    answer: (channel: string): Promise<Result<unknown>> =>
      Promise.resolve({ ok: true, data: { answeredBy: 'server', channel } })
  }
  const client = (_at: unknown, pinned: string): ClinicClient => ({
    fingerprint: fingerprint(pinned),
    signIn: (login, password) => {
      if (password !== 'right') {
        return Promise.reject(new AppError('forbidden', 'The login or the password is wrong.'))
      }
      server.session = true
      return Promise.resolve({
        token: 'never-shown',
        expiresAt: '2026-11-28T12:00:00.000Z',
        account: { login, displayName: 'Ann Smith', role: 'therapist' },
        clinic: { name: 'Riverside Physio' }
      })
    },
    signOut: () => Promise.resolve(void (server.session = false)),
    hasSession: () => server.session,
    call: (channel, input) => {
      server.calls.push([channel, input])
      return server.answer(channel) as never
    },
    close: () => undefined
  })
  return { server, client, certificateOf: () => Promise.resolve(server.pem) }
}

function desktop(dataDir = tempDir()) {
  const fake = fakeServer()
  fake.server.pem = pems.first
  const connection = clinicConnection({ dataDir, ...fake })
  const { handlers, drawingFrom } = createApi({
    db: memoryDb(),
    transport: 'web',
    version: 'test',
    dataDir,
    databaseFile: ':memory:',
    resourcesDir: resolve('resources'),
    offThread: inline,
    clinic: connection
  })
  return { dataDir, ...fake, connection, call: clinicDispatch(handlers, connection, drawingFrom) }
}

async function ok<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const result = await answer
  if (!result.ok) throw new Error(result.error.message)
  return result.data as T
}

const patient = { fullName: 'Zoë Łukasiewicz', dateOfBirth: '1990-12-01' }

async function signedIn(app: ReturnType<typeof desktop>): Promise<ClinicConnection> {
  const checked = await ok<{ fingerprint: string }>(app.call('clinicServer:check', { address }))
  await ok(app.call('clinicServer:connect', { address, fingerprint: checked.fingerprint }))
  await ok(app.call('clinicServer:signIn', { login: 'ann', password: 'right' }))
  return app.connection
}

describe('where calls go', () => {
  it('in solo mode, every channel is answered here', () => {
    for (const channel of channels) expect(routeOf(channel, true)).toBe('here')
  })

  it('connected, served channels go to the server and the rest are placed one by one', () => {
    expect(routeOf('patients:list', false)).toBe('server')
    expect(routeOf('visits:create', false)).toBe('server')
    expect(routeOf('exercises:page', false)).toBe('server')
    // the clinic's pictures: its own photos, and the built-in ones its library names
    expect(routeOf('media:get', false)).toBe('server')
    // the administrator's accounts: only the server has them
    for (const accounts of ['accounts:list', 'accounts:add', 'accounts:setDisabled'] as const) {
      expect(routeOf(accounts, false)).toBe('server')
    }
    for (const here of ['app:info', 'app:health', 'clinicServer:signIn'] as const) {
      expect(routeOf(here, false)).toBe('here')
    }
    for (const solo of ['backups:start', 'import:preview', 'patients:erase'] as const) {
      expect(routeOf(solo, false)).toBe('soloOnly')
    }
    expect(routeOf('handouts:pdf', false)).toBe('handouts')
    // whatever the server serves next is forwarded by that alone; the rest says it isn't yet
    for (const channel of channels) {
      const route = routeOf(channel, false)
      if (route === 'server' || route === 'notServed') {
        expect(route).toBe(servedChannels.has(channel) ? 'server' : 'notServed')
      }
    }
  })
})

describe('a clinic’s accounts', () => {
  it('are unavailable in solo mode, saying they are a clinic server’s, and forwarded once signed in', async () => {
    const app = desktop()
    const input = { login: 'tom', password: 'twelve chars long' }
    const solo = await app.call('accounts:resetPassword', input)
    expect(solo).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(solo.ok || solo.error.message).toContain('Accounts are a clinic server’s')
    // refused here before anything is sent: the contract's password rule
    await signedIn(app)
    const short = await app.call('accounts:resetPassword', { login: 'tom', password: 'short' })
    expect(short).toMatchObject({ ok: false, error: { field: 'password' } })
    expect(await ok(app.call('accounts:resetPassword', input))).toEqual({
      answeredBy: 'server',
      channel: 'accounts:resetPassword'
    })
    expect(app.server.calls).toEqual([['accounts:resetPassword', input]])
  })
})

describe('the desktop connected to a clinic server', () => {
  it('shows the fingerprint, pins only the confirmed one, and forwards once signed in', async () => {
    const app = desktop()
    expect(await ok(app.call('clinicServer:status', {}))).toEqual({
      mode: 'solo',
      lastAddress: null
    })
    await ok(app.call('patients:create', patient))

    const checked = await ok(app.call('clinicServer:check', { address: 'clinic-server:8443' }))
    expect(checked).toEqual({ address, fingerprint: fingerprint(pems.first), trustedBefore: null })

    // the server swapped its certificate between the check and the click: refused, both named
    app.server.pem = pems.second
    const swapped = await app.call('clinicServer:connect', {
      address,
      fingerprint: fingerprint(pems.first)
    })
    expect(swapped).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const message = swapped.ok ? '' : swapped.error.message
    expect(message).toContain(fingerprint(pems.first))
    expect(message).toContain(fingerprint(pems.second))
    expect(await ok(app.call('clinicServer:status', {}))).toMatchObject({ mode: 'solo' })

    app.server.pem = pems.first
    expect(
      await ok(app.call('clinicServer:connect', { address, fingerprint: fingerprint(pems.first) }))
    ).toEqual({
      mode: 'clinic',
      address,
      fingerprint: fingerprint(pems.first),
      login: null,
      signedIn: null
    })
    // connected but not signed in: nothing is sent, nothing answered from the solo store
    expect(await app.call('patients:list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('Sign in') }
    })
    expect(await app.call('clinicServer:signIn', { login: 'ann', password: 'wrong' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'The login or the password is wrong.' }
    })
    expect(app.server.calls).toEqual([])

    const status = await ok<ClinicServerStatus>(
      app.call('clinicServer:signIn', { login: 'ann', password: 'right' })
    )
    expect(status).toMatchObject({
      mode: 'clinic',
      login: 'ann',
      signedIn: {
        clinic: 'Riverside Physio',
        login: 'ann',
        displayName: 'Ann Smith',
        role: 'therapist'
      }
    })
    expect(await ok(app.call('patients:list', { query: 'ann' }))).toEqual({
      answeredBy: 'server',
      channel: 'patients:list'
    })
    // sent as the page sent it; a refused input never leaves this computer
    expect(app.server.calls).toEqual([['patients:list', { query: 'ann' }]])
    expect(await app.call('patients:get', { id: 'one' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'id' }
    })
    expect(app.server.calls).toHaveLength(1)

    // this computer's own
    expect(await ok(app.call('app:info', {}))).toMatchObject({ counts: { patients: 1 } })
    expect(await app.call('backups:start', { saveAs: false })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('solo mode only') }
    })
    expect(app.server.calls).toHaveLength(1)
    // a handout is drawn here from what the server reads, and only from what passes the check
    expect(await app.call('handouts:pdf', { versionId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('can’t draw') }
    })
    expect(app.server.calls.slice(1)).toEqual([
      ['handouts:options', {}],
      ['handouts:drawable', { versionId: 1 }]
    ])

    // back to solo: the solo store's patient again, and the server no longer asked
    expect(await ok(app.call('clinicServer:solo', {}))).toEqual({
      mode: 'solo',
      lastAddress: address
    })
    expect(app.server.session).toBe(false)
    const list = await ok<{ fullName: string }[]>(app.call('patients:list', {}))
    expect(list.map((each) => each.fullName)).toEqual([patient.fullName])
    expect(app.server.calls).toHaveLength(3)
  })

  it('says when the session ended or the server went away, and signs in again without a restart', async () => {
    const app = desktop()
    await signedIn(app)
    app.server.session = false
    app.server.answer = () =>
      Promise.resolve({
        ok: false,
        error: { code: 'forbidden', message: 'Your session has ended: sign in again.' }
      })
    expect(await app.call('patients:list', {})).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message:
          'Your session on the clinic server has ended: sign in again (Settings → Clinic server).'
      }
    })
    expect(await ok(app.call('clinicServer:status', {}))).toMatchObject({ signedIn: null })

    await ok(app.call('clinicServer:signIn', { login: 'ann', password: 'right' }))
    app.server.answer = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
    expect(await app.call('patients:list', {})).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: `No clinic server answers at ${address}: check the address, the network and that the server is running.`
      }
    })
    app.server.answer = (channel) => Promise.resolve({ ok: true, data: channel })
    expect(await ok(app.call('patients:list', {}))).toBe('patients:list')
  })

  it('keeps the address, the pin and the login for the next start, owner-only, and no secret', async () => {
    const first = desktop()
    await signedIn(first)
    const file = join(first.dataDir, savedFileName)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const kept = readFileSync(file, 'utf8')
    expect(JSON.parse(kept)).toEqual({
      active: true,
      address,
      certificate: pems.first,
      login: 'ann'
    })
    expect(kept).not.toMatch(/right|never-shown/)

    // the next start: connected to the same server, pinned, signed out
    const next = desktop(first.dataDir)
    expect(await ok(next.call('clinicServer:status', {}))).toEqual({
      mode: 'clinic',
      address,
      fingerprint: fingerprint(pems.first),
      login: 'ann',
      signedIn: null
    })
    // a check of the same server says whether its certificate is still the one trusted
    next.server.pem = pems.second
    expect(await ok(next.call('clinicServer:check', { address }))).toEqual({
      address,
      fingerprint: fingerprint(pems.second),
      trustedBefore: fingerprint(pems.first)
    })
  })
})
