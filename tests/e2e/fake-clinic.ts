/**
 * A clinic server's protocol in the test's own process, without PostgreSQL,
 * so the Settings screen can be walked in the quick-start job too: HTTPS
 * with a certificate made here, `/sign-in`, `/sign-out` and `/api/<channel>`
 * with a bearer token, answering the patient list, the dashboard and, for
 * its administrator (ada), the clinic's accounts from memory. The real server through the desktop's dispatch is tested in
 * tests/clinic/desktop.test.ts.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import type { ClinicAccount } from '../../src/shared/clinic-server'
import type { Dashboard, PatientSummary } from '../../src/shared/types'

export const clinicPatient: PatientSummary = {
  id: 41,
  fullName: 'Cleo Clinic-Server',
  dateOfBirth: '1984-06-02',
  condition: 'Achilles tendinopathy',
  archivedAt: null,
  updatedAt: '2026-11-28T01:00:00.000Z'
}

const none = { total: 0, rows: [] }
const dashboard: Dashboard = { today: none, thisWeek: none, overdue: none, noNextVisit: none }
const names = { dns: ['localhost'], ips: ['127.0.0.1'] }

/** who signs in with "correct horse" */
const people: ClinicAccount[] = [
  { login: 'ada', displayName: 'Ada Berg', role: 'administrator', disabled: false, sessions: 0 },
  { login: 'ann', displayName: 'Ann Smith', role: 'therapist', disabled: false, sessions: 0 }
]

/**
 * The accounts channels as the real server answers them (its rules are
 * tested in tests/clinic/accounts-served.test.ts): the list after each change.
 */
function accountsAnswer(accounts: ClinicAccount[], channel: string, body: string): unknown {
  const input = JSON.parse(body || '{}') as Partial<ClinicAccount> & { password?: string }
  const named = accounts.find((account) => account.login === input.login)
  if (channel === 'accounts:add') {
    const { login = '', displayName = '', role = 'therapist' } = input
    accounts.push({ login, displayName, role, disabled: false, sessions: 0 })
  }
  if (channel === 'accounts:setDisabled' && named) named.disabled = input.disabled === true
  return accounts
}

export interface FakeClinic {
  address: string
  fingerprint: string
  /** the server now shows another certificate (and drops its connections) */
  replaceCertificate: () => Promise<string>
  /** ends every session, as the server's clock would */
  endSessions: () => void
  close: () => Promise<void>
}

export async function startFakeClinic(): Promise<FakeClinic> {
  let tls = await makeServerCertificate(names)
  /** each token's login */
  const sessions = new Map<string, string>()
  const accounts = people.map((person) => ({ ...person }))
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify(body))
  }
  const answers: Record<string, unknown> = {
    '/api/patients:list': [clinicPatient],
    '/api/dashboard:get': dashboard
  }
  const handle = (request: IncomingMessage, response: ServerResponse, body: string) => {
    if (request.method === 'HEAD') return void response.writeHead(204).end()
    if (request.url === '/sign-in') {
      const { login, password } = JSON.parse(body) as { login: string; password: string }
      const person = accounts.find((account) => account.login === login && !account.disabled)
      if (!person || password !== 'correct horse') {
        const error = { code: 'forbidden', message: 'The login or the password is wrong.' }
        return send(response, 401, { ok: false, error })
      }
      const token = randomBytes(16).toString('hex')
      sessions.set(token, login)
      return send(response, 200, {
        ok: true,
        data: {
          token,
          expiresAt: '2026-11-28T13:00:00.000Z',
          account: { login, displayName: person.displayName, role: person.role },
          clinic: { name: 'Riverside Physio' }
        }
      })
    }
    const token = /^Bearer (\w+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
    if (!sessions.has(token)) {
      const error = { code: 'forbidden', message: 'Your session has ended: sign in again.' }
      return send(response, 401, { ok: false, error })
    }
    if (request.url === '/sign-out') return send(response, 200, { ok: true, data: null })
    if (request.url?.startsWith('/api/accounts:') && sessions.get(token) === 'ada') {
      const data = accountsAnswer(accounts, request.url.slice('/api/'.length), body)
      return send(response, 200, { ok: true, data })
    }
    const data = answers[request.url ?? '']
    if (data !== undefined) return send(response, 200, { ok: true, data })
    send(response, 200, { ok: false, error: { code: 'unavailable', message: 'Not in the fake.' } })
  }
  const server = createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => handle(request, response, body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    address: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fingerprint: tls.fingerprint,
    async replaceCertificate() {
      tls = await makeServerCertificate(names)
      server.setSecureContext({ cert: tls.cert, key: tls.key })
      server.closeAllConnections()
      return tls.fingerprint
    },
    endSessions: () => sessions.clear(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
