/**
 * The desktop connected to a real clinic server, through the dispatch both
 * hosts call (clinic/forward.ts) over a solo store of its own: the
 * fingerprint, connect, sign in, a patient created and read back on
 * PostgreSQL, the session ending and signing in again, the server going
 * away and coming back, sign out, and back to solo with this computer's
 * patients again.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ClinicServerStatus } from '../../src/shared/clinic-server'
import type { Result } from '../../src/shared/errors'
import { emptyDose } from '../../src/shared/dose'
import type { HandoutFile, Patient, PatientSummary, ProgramVersion } from '../../src/shared/types'
import type { ClinicClient } from '../../src/main/clinic/client'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { clinicConnection, type ClinicConnection } from '../../src/main/clinic/connection'
import { clinicDispatch } from '../../src/main/clinic/forward'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { startClinicServer, type ClinicServer } from '../../src/main/clinic/server'
import type { Dispatch } from '../../src/main/core/api'
import { openStore, type OpenedStore } from '../../src/main/core/store'
import { newClinic, pool } from './clinic-db'
import { exerciseInput, issue, saveDraft } from './clinic-server'
import { pdfText } from '../unit/pdf-tools'

const app = pool('physioplan_app')
const password = 'correct horse battery'
// a month ahead: the suite's throttling tests leave 127.0.0.1's wrong passwords on their own clocks
let clock = new Date(Math.ceil(Date.now() / 1000) * 1000 + 30 * 86_400_000)
let tls: Awaited<ReturnType<typeof makeServerCertificate>>
let server: ClinicServer
let address: string
let login: string
const dataDir = mkdtempSync(join(tmpdir(), 'physioplan-desktop-'))
let connection: ClinicConnection
let store: OpenedStore
let call: Dispatch
const logged = [vi.spyOn(console, 'error'), vi.spyOn(console, 'log')]

const serve = (port: number) =>
  startClinicServer({
    pool: app,
    ...tls,
    port,
    host: '127.0.0.1',
    now: () => clock,
    resourcesDir: resolve('resources')
  })

beforeAll(async () => {
  const passwordHash = await hashPassword(password, { ...scryptCost, N: 2 ** 10 })
  login = (await newClinic(['dana'], { passwordHash })).logins[0]!
  tls = await makeServerCertificate({ dns: ['clinic.local'], ips: ['127.0.0.1'] })
  server = await serve(0)
  address = `https://127.0.0.1:${server.port}`
  connection = clinicConnection({ dataDir })
  store = openStore({
    dataDir,
    transport: 'web',
    version: 'test',
    resourcesDir: resolve('resources'),
    workerFile: null,
    clinic: connection
  })
  call = clinicDispatch(store.handlers, connection, store.drawingFrom)
})
afterAll(async () => {
  connection.close()
  await store.close()
  await server.close()
  await app.end()
  rmSync(dataDir, { recursive: true, force: true })
})

async function ok<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const result = await answer
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data as T
}

const names = async () =>
  (await ok<PatientSummary[]>(call('patients:list', {}))).map((patient) => patient.fullName)

describe('the desktop on a clinic server', () => {
  it('connects, signs in, and creates and reads a patient on the server; solo again after', async () => {
    await ok(call('patients:create', { fullName: 'Solo, Sam', dateOfBirth: '1970-01-01' }))

    const checked = await ok<{ fingerprint: string }>(call('clinicServer:check', { address }))
    expect(checked.fingerprint).toBe(tls.fingerprint)
    await ok(call('clinicServer:connect', { address, fingerprint: checked.fingerprint }))
    expect(await call('patients:list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })

    const status = await ok<ClinicServerStatus>(call('clinicServer:signIn', { login, password }))
    expect(status).toMatchObject({
      mode: 'clinic',
      address,
      fingerprint: tls.fingerprint,
      signedIn: { clinic: expect.stringMatching(/^Clinic /), login, role: 'therapist' }
    })
    const created = await ok<Patient>(
      call('patients:create', { fullName: 'Łukasiewicz, Dana', dateOfBirth: '1988-04-09' })
    )
    expect(await ok(call('patients:get', { id: created.id }))).toMatchObject({
      fullName: 'Łukasiewicz, Dana',
      dateOfBirth: '1988-04-09'
    })
    // the server's patients only: this computer's stay in its own file
    expect(await names()).toEqual(['Łukasiewicz, Dana'])
    const inFile = store.db.prepare('SELECT full_name AS name FROM patients').all()
    expect(inFile).toEqual([{ name: 'Solo, Sam' }])

    // a program kept on the server, its handout drawn here from what the server reads
    const asClient = { call } as unknown as ClinicClient
    const exercise = await ok<{ id: number }>(
      call('exercises:create', exerciseInput('Heel drop on a step'))
    )
    const draft = await ok<ProgramVersion>(
      call('programs:create', { patientId: created.id, source: { kind: 'blank' } })
    )
    await saveDraft(asClient, draft.id, {
      title: 'Calf loading',
      goals: 'Walk without calf pain',
      startDate: null,
      reviewDate: null,
      items: [
        {
          exerciseId: exercise.id,
          phase: 'main',
          dose: { ...emptyDose, sets: 3, reps: 15, perDay: 1 }
        }
      ],
      advice: [],
      walkRun: null
    })
    await issue(asClient, draft.id)
    const handout = await ok<HandoutFile>(call('handouts:pdf', { versionId: draft.id }))
    const { text } = await pdfText(Buffer.from(handout.bytes))
    expect(text).toContain('Łukasiewicz, Dana')
    expect(text).toContain('Heel drop on a step')

    // the session ends on the server's clock: said once, then signing in again is enough
    clock = new Date(clock.getTime() + 13 * 3600_000)
    expect(await call('patients:get', { id: created.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('has ended: sign in again') }
    })
    expect(await ok(call('clinicServer:status', {}))).toMatchObject({ signedIn: null })
    await ok(call('clinicServer:signIn', { login, password }))
    expect(await ok(call('patients:get', { id: created.id }))).toMatchObject({ id: created.id })

    await ok(call('clinicServer:signOut', {}))
    expect(await call('patients:get', { id: created.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('Sign in') }
    })

    expect(await ok(call('clinicServer:solo', {}))).toEqual({ mode: 'solo', lastAddress: address })
    expect(await names()).toEqual(['Solo, Sam'])
    // neither the password nor what a patient told us reached the log
    const lines = JSON.stringify(logged.map((spy) => spy.mock.calls))
    expect(lines).not.toMatch(/correct horse|ukasiewicz|Solo, Sam/)
  })

  it('says the server went away, and carries on once it is back', async () => {
    await ok(call('clinicServer:connect', { address, fingerprint: tls.fingerprint }))
    await ok(call('clinicServer:signIn', { login, password }))
    await server.close()
    // a kept-alive connection may break first ("stopped answering"); then nothing answers at all
    expect(await call('patients:list', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining(address) }
    })
    expect(await call('patients:list', {})).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: `No clinic server answers at ${address}: check the address, the network and that the server is running.`
      }
    })
    server = await serve(Number(new URL(address).port))
    // the session lives in PostgreSQL: the restarted server still knows it
    expect(await names()).toEqual(['Łukasiewicz, Dana'])
    await ok(call('clinicServer:solo', {}))
  })
})
