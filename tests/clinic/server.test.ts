/**
 * The clinic server over HTTPS, through the client the desktop will use:
 * pinning, sign-in, contract calls answered by the desktop's own handlers
 * on PostgreSQL, sessions ending, throttling, and one clinic's session
 * never reaching another's patients. A real server on a free port, against
 * the suite's cluster; the sessions' clock is the test's.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { request } from 'node:https'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { generate } from 'selfsigned'
import { fingerprint, makeServerCertificate } from '../../src/main/clinic/certificate'
import { clinicClient, fetchCertificate, type ClinicClient } from '../../src/main/clinic/client'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { startClinicServer, type ClinicServer } from '../../src/main/clinic/server'
import { emptyDose } from '../../src/shared/dose'
import type { Patient, PatientSummary } from '../../src/shared/types'
import { visitInput } from '../unit/visit-input'
import { appPool } from '../../src/main/clinic/server-files'
import { newClinic, pool, rowsOf, url } from './clinic-db'

const app = pool('physioplan_app')
const password = 'correct horse battery'
const names = { dns: ['clinic.local'], ips: ['127.0.0.1'] }
let clock = new Date(Math.ceil(Date.now() / 1000) * 1000)
const onePixelPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const hours = (n: number) => (clock = new Date(clock.getTime() + n * 3600_000))

const servers: ClinicServer[] = []
const clients: ClinicClient[] = []
let certificate: Awaited<ReturnType<typeof makeServerCertificate>>
let address: { host: string; port: number }
let ours: Awaited<ReturnType<typeof newClinic>>
let theirs: Awaited<ReturnType<typeof newClinic>>
const logged = vi.spyOn(console, 'error')

async function serve(tls: { cert: string; key: string }) {
  const server = await startClinicServer({
    pool: app,
    ...tls,
    port: 0,
    host: '127.0.0.1',
    now: () => clock,
    resourcesDir: resolve('resources')
  })
  servers.push(server)
  return { host: '127.0.0.1', port: server.port }
}

function client(pem = certificate.cert, at = address): ClinicClient {
  const made = clinicClient(at, pem)
  clients.push(made)
  return made
}

beforeAll(async () => {
  const passwordHash = await hashPassword(password, { ...scryptCost, N: 2 ** 10 })
  ours = await newClinic(['ann', 'ben'], { administrator: true, passwordHash })
  theirs = await newClinic(['cal'], { passwordHash })
  certificate = await makeServerCertificate(names)
  address = await serve(certificate)
})
afterAll(async () => {
  clients.forEach((each) => each.close())
  await Promise.all(servers.map((server) => server.close()))
  await app.end()
})

const fields = (fullName: string) => ({
  fullName,
  dateOfBirth: '1975-03-14',
  sex: null,
  phone: null,
  email: null,
  condition: 'Plantar heel pain',
  referralSource: null,
  notes: null
})

const exerciseInput = {
  summary: 'Curl the toes to gather a towel.',
  steps: ['Sit with a towel under one foot.', 'Curl your toes to pull the towel in.'],
  category: 'strengthening',
  bodyRegions: ['feet'],
  position: 'sitting',
  equipment: ['towel'],
  difficulty: 'easy',
  caution: null,
  defaultDose: { ...emptyDose, sets: 2, reps: 10, perDay: 1 },
  photos: []
}

describe('the clinic server', () => {
  it('shows its fingerprint on first contact, then answers the pinned client’s calls', async () => {
    const presented = await fetchCertificate(address)
    expect(client(presented).fingerprint).toBe(certificate.fingerprint)

    const ann = client(presented)
    const signedIn = await ann.signIn(ours.logins[0]!, password)
    expect(signedIn.account).toMatchObject({ login: ours.logins[0], role: 'administrator' })

    const created = await ann.call('patients:create', fields('Łukasiewicz, Ada'))
    expect(created).toMatchObject({ ok: true, data: { fullName: 'Łukasiewicz, Ada' } })
    const id = (created as { data: Patient }).data.id
    const list = await ann.call('patients:list', { query: 'lukas' })
    expect(list.ok && (list.data as PatientSummary[]).map((p) => p.id)).toEqual([id])
    expect(await ann.call('patients:get', { id })).toMatchObject({
      ok: true,
      data: { id, condition: 'Plantar heel pain' }
    })
    const history = await ann.call('patients:history', { id })
    expect(history).toMatchObject({ ok: true, data: [{ action: 'create' }] })

    // the contract checks the input; channels still on solo mode's file say so; unknown ones are unknown
    expect(await ann.call('patients:get', { id: 'one' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'id' }
    })
    expect(await ann.call('patients:erase', { id, confirmName: 'Łukasiewicz, Ada' })).toMatchObject(
      {
        ok: false,
        error: { code: 'unavailable' }
      }
    )
    expect(await ann.call('handouts:pdf', { versionId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' }
    })
    expect(await ann.call('nothing:here' as 'patients:list', {})).toMatchObject({
      ok: false,
      error: { code: 'not_found' }
    })
    await ann.signOut()
    expect(await ann.call('patients:get', { id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Your session has ended: sign in again.' }
    })
    // nothing a patient told us reached the log
    expect(JSON.stringify(logged.mock.calls)).not.toMatch(/ukasiewicz|Plantar/)
  })

  it('answers the visits and the library through the same handlers', async () => {
    const ben = client()
    await ben.signIn(ours.logins[1]!, password)
    const created = await ben.call('patients:create', fields('Visited, Vera'))
    const patientId = (created as { data: Patient }).data.id
    const visit = await ben.call('visits:create', {
      patientId,
      ...visitInput({ subjective: 'Better on stairs.' })
    })
    expect(visit).toMatchObject({ ok: true, data: { patientId } })
    expect(await ben.call('visits:list', { patientId })).toMatchObject({
      ok: true,
      data: [{ patientId, subjective: 'Better on stairs.' }]
    })
    expect(await ben.call('dashboard:get', {})).toMatchObject({ ok: true })

    const exercise = await ben.call('exercises:create', {
      ...exerciseInput,
      name: 'Towel scrunches'
    })
    expect(exercise).toMatchObject({ ok: true, data: { name: 'Towel scrunches' } })
    const found = await ben.call('exercises:list', { query: 'towel scr' })
    expect(found.ok && (found.data as { name: string }[]).map((each) => each.name)).toContain(
      'Towel scrunches'
    )
    // pictures come from the server: the clinic's photos, and built-in ones from its copy of the app's files
    const photo = await ben.call('exercises:create', {
      ...exerciseInput,
      name: 'Towel scrunches, photographed',
      photos: [{ dataUrl: onePixelPng }]
    })
    const photoId = (photo as { data: { media: { id: number }[] } }).data.media[0]!.id
    expect(await ben.call('media:get', { id: photoId })).toEqual({
      ok: true,
      data: { id: photoId, mime: 'image/png', dataUrl: onePixelPng }
    })
    const builtIn = 'illustrations/ankle-circles.svg'
    const [made] = await rowsOf<{ id: number }>(
      app,
      { clinic: ours.clinic },
      `INSERT INTO exercise_media (exercise_id, kind, stage, sort_order, mime, resource_path)
       VALUES ($1, 'illustration', 'single', 1, 'image/svg+xml', $2) RETURNING id`,
      [(photo as { data: { id: number } }).data.id, builtIn]
    )
    const svg = readFileSync(resolve('resources', builtIn))
    expect(await ben.call('media:get', { id: made!.id })).toMatchObject({
      ok: true,
      data: {
        mime: 'image/svg+xml',
        dataUrl: `data:image/svg+xml;base64,${svg.toString('base64')}`
      }
    })
  })

  it('keeps one clinic’s session out of another clinic’s patients', async () => {
    const ann = client()
    await ann.signIn(ours.logins[0]!, password)
    const created = await ann.call('patients:create', fields('Only Ours'))
    const id = (created as { data: Patient }).data.id
    const cal = client()
    await cal.signIn(theirs.logins[0]!, password)
    expect(await cal.call('patients:list', {})).toEqual({ ok: true, data: [] })
    expect(await cal.call('patients:get', { id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' }
    })
    const update = await cal.call('patients:update', { id, version: 1, ...fields('Taken Over') })
    expect(update).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await ann.call('patients:get', { id })).toMatchObject({
      data: { fullName: 'Only Ours' }
    })
  })

  it('refuses a session 12 hours after its last use', async () => {
    const ben = client()
    await ben.signIn(ours.logins[1]!, password)
    hours(11)
    expect(await ben.call('patients:list', {})).toMatchObject({ ok: true })
    hours(12.1)
    expect(await ben.call('patients:list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Your session has ended: sign in again.' }
    })
  })

  it('refuses a changed certificate, naming both fingerprints', async () => {
    const other = await makeServerCertificate(names)
    const impostor = await serve(other)
    const pinned = client(certificate.cert, impostor)
    const refused = pinned.signIn(ours.logins[0]!, password)
    await expect(refused).rejects.toMatchObject({ name: 'CertificateChanged' })
    await expect(refused).rejects.toThrow(certificate.fingerprint)
    await expect(refused).rejects.toThrow(other.fingerprint)
  })

  it('pins a certificate the clinic had signed by a CA, as it pins its own', async () => {
    const ca = await generate([{ name: 'commonName', value: 'Clinic test CA' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      ]
    })
    const issued = await generate([{ name: 'commonName', value: 'clinic.local' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }
      ]
    })
    // the server presents its certificate alone, as a clinic's would without the CA's
    const behind = await serve({ cert: issued.cert, key: issued.private })
    const presented = await fetchCertificate(behind)
    expect(fingerprint(presented)).toBe(fingerprint(issued.cert))
    const pinned = client(presented, behind)
    await expect(pinned.signIn(ours.logins[0]!, password)).resolves.toMatchObject({
      account: { login: ours.logins[0] }
    })
    // and a certificate the same CA issued to someone else is still another certificate
    const sibling = await generate([{ name: 'commonName', value: 'clinic.local' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]
    })
    const impostor = await serve({ cert: sibling.cert, key: sibling.private })
    await expect(client(presented, impostor).signIn(ours.logins[0]!, password)).rejects.toThrow(
      fingerprint(sibling.cert)
    )
  })

  it('refuses a sign-in too large to be one', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ login: 'ann', password: 'x'.repeat(20_000) })
      const call = request(
        {
          ...address,
          method: 'POST',
          path: '/sign-in',
          ca: [certificate.cert],
          checkServerIdentity: () => undefined
        },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        }
      )
      call.once('error', reject)
      call.end(body)
    })
    expect(status).toBe(413)
  })

  it('slows down wrong passwords: the sixth try waits, right password or not', async () => {
    const ben = client()
    for (let i = 0; i < 5; i++) {
      await expect(ben.signIn(ours.logins[1]!, 'wrong horse')).rejects.toMatchObject({
        code: 'forbidden',
        message: 'The login or the password is wrong.'
      })
    }
    await expect(ben.signIn(ours.logins[1]!, password)).rejects.toThrow(
      'Too many wrong passwords: try again in 1 second.'
    )
    hours(1 / 3600)
    expect((await ben.signIn(ours.logins[1]!, password)).token).toBeTruthy()
  })
})

describe('the server’s pool', () => {
  it('survives PostgreSQL ending an idle connection, and opens another', async () => {
    const served = appPool(url('physioplan_app'), 1)
    const superuser = pool('postgres')
    try {
      const { rows } = await served.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      const ended = new Promise<void>((resolve) => served.once('error', () => resolve()))
      await superuser.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid])
      await ended
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('a database connection ended'))
      expect((await served.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    } finally {
      await served.end()
      await superuser.end()
    }
  })
})
