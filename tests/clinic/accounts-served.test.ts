/**
 * The administrator's accounts over HTTPS (the `accounts:*` channels), as the
 * desktop's Settings panel calls them: a real clinic server on a free port,
 * the suite's cluster, the desktop's pinned client. The role is the
 * session's, read by the server; accounts.ts's own rules are tested in
 * accounts.test.ts.
 */
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { disableAccount } from '../../src/main/clinic/accounts'
import { clinicClient, type ClinicClient } from '../../src/main/clinic/client'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { startClinicServer, type ClinicServer } from '../../src/main/clinic/server'
import type { ClinicAccount } from '../../src/shared/clinic-server'
import { dataOf } from './clinic-server'
import { newClinic, pool } from './clinic-db'

const app = pool('physioplan_app')
const password = 'correct horse battery'
const clients: ClinicClient[] = []
let server: ClinicServer
let certificate: Awaited<ReturnType<typeof makeServerCertificate>>
let ours: Awaited<ReturnType<typeof newClinic>>
let theirs: Awaited<ReturnType<typeof newClinic>>

beforeAll(async () => {
  const passwordHash = await hashPassword(password, { ...scryptCost, N: 2 ** 10 })
  ours = await newClinic(['ada', 'tom'], { administrator: true, passwordHash })
  theirs = await newClinic(['bea', 'cy'], { administrator: true, passwordHash })
  certificate = await makeServerCertificate({ dns: ['clinic.local'], ips: ['127.0.0.1'] })
  server = await startClinicServer({
    pool: app,
    ...certificate,
    port: 0,
    host: '127.0.0.1',
    resourcesDir: resolve('resources')
  })
})
afterAll(async () => {
  clients.forEach((client) => client.close())
  await server.close()
  await app.end()
})

async function signIn(login: string, with_ = password): Promise<ClinicClient> {
  const client = clinicClient({ host: '127.0.0.1', port: server.port }, certificate.cert)
  clients.push(client)
  await client.signIn(login, with_)
  return client
}

const [ada, tom] = [() => ours.logins[0]!, () => ours.logins[1]!]
const row = (accounts: ClinicAccount[], login: string) =>
  accounts.find((account) => account.login === login)

describe('a clinic’s accounts, for its administrator', () => {
  it('lists the clinic’s accounts without their passwords, and none of another clinic’s', async () => {
    const admin = await signIn(ada())
    const accounts = dataOf(await admin.call('accounts:list', {}))
    expect(accounts.map((account) => account.login).sort()).toEqual([...ours.logins].sort())
    expect(row(accounts, ada())).toEqual({
      login: ada(),
      displayName: `Ada-${ours.clinic}`,
      role: 'administrator',
      disabled: false,
      sessions: 1
    })
    expect(JSON.stringify(accounts)).not.toMatch(/scrypt|hash/i)
    const theirAdmin = await signIn(theirs.logins[0]!)
    const theirList = dataOf(await theirAdmin.call('accounts:list', {}))
    expect(theirList.map((account) => account.login).sort()).toEqual([...theirs.logins].sort())
    // nor can clinic B's administrator reach one of A's by its login
    const reach = await theirAdmin.call('accounts:setDisabled', { login: tom(), disabled: true })
    expect(reach).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('refuses a therapist: the role is the session’s', async () => {
    const therapist = await signIn(tom())
    for (const [channel, input] of [
      ['accounts:list', {}],
      ['accounts:add', { login: 'x', displayName: 'X', role: 'administrator', password }],
      ['accounts:setDisabled', { login: ada(), disabled: true }],
      ['accounts:resetPassword', { login: tom(), password: 'a brand new password' }]
    ] as const) {
      expect(await therapist.call(channel, input)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('administrator') }
      })
    }
    // nothing changed: the therapist's own password still signs in
    await signIn(tom())
  })

  it('adds a therapist who can then sign in; a taken login is refused', async () => {
    const admin = await signIn(ada())
    const login = `nia-${ours.clinic}`
    const account = { login, displayName: 'Nia Okafor', role: 'therapist', password }
    const accounts = dataOf(await admin.call('accounts:add', account))
    expect(row(accounts, login)).toMatchObject({ displayName: 'Nia Okafor', disabled: false })
    const nia = await signIn(login)
    expect(dataOf(await nia.call('patients:list', {}))).toEqual([])
    expect(await admin.call('accounts:add', { ...account, displayName: 'Other' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `The login "${login}" is taken: choose another.` }
    })
    expect(await admin.call('accounts:add', { ...account, password: 'too short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'password' }
    })
  })

  it('disabling ends the account’s session at once; enabling lets it sign in again', async () => {
    const admin = await signIn(ada())
    const login = `ole-${ours.clinic}`
    await admin.call('accounts:add', { login, displayName: 'Ole', role: 'therapist', password })
    const ole = await signIn(login)
    dataOf(await ole.call('patients:list', {}))
    const accounts = dataOf(await admin.call('accounts:setDisabled', { login, disabled: true }))
    expect(row(accounts, login)).toMatchObject({ disabled: true, sessions: 0 })
    expect(await ole.call('patients:list', {})).toMatchObject({
      ok: false,
      error: { message: 'Your session has ended: sign in again.' }
    })
    expect(ole.hasSession()).toBe(false)
    await expect(signIn(login)).rejects.toThrow('This account is disabled')
    dataOf(await admin.call('accounts:setDisabled', { login, disabled: false }))
    dataOf(await (await signIn(login)).call('patients:list', {}))
  })

  it('a reset ends the account’s sessions; the new password signs in, the old one no longer', async () => {
    const admin = await signIn(ada())
    const therapist = await signIn(tom())
    const fresh = 'a brand new password'
    dataOf(await admin.call('accounts:resetPassword', { login: tom(), password: fresh }))
    expect(await therapist.call('patients:list', {})).toMatchObject({ ok: false })
    expect(therapist.hasSession()).toBe(false)
    await expect(signIn(tom())).rejects.toThrow('The login or the password is wrong.')
    dataOf(await (await signIn(tom(), fresh)).call('patients:list', {}))
  })

  it('keeps the last administrator: they can’t disable themselves', async () => {
    const admin = await signIn(ada())
    expect(
      await admin.call('accounts:setDisabled', { login: ada(), disabled: true })
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('your own') }
    })
    const accounts = dataOf(await admin.call('accounts:list', {}))
    expect(row(accounts, ada())).toMatchObject({ role: 'administrator', disabled: false })
  })

  it('keeps the last administrator when two disable each other at once', async () => {
    const first = theirs.logins[0]!
    const admin = await signIn(first)
    const second = `dee-${theirs.clinic}`
    const account = { login: second, displayName: 'Dee', role: 'administrator', password }
    dataOf(await admin.call('accounts:add', account))
    const { rows } = await app.query<{ id: number }>(
      'SELECT id FROM physioplan_account_for_sign_in($1)',
      [second]
    )
    dataOf(await admin.call('accounts:setDisabled', { login: second, disabled: true }))
    // the second's own request, under way as the first's disabled them: its session was looked up before
    const stale = {
      clinicId: theirs.clinic,
      accountId: rows[0]!.id,
      role: 'administrator' as const
    }
    await expect(disableAccount(app, stale, first)).rejects.toThrow(
      'This is the clinic’s last administrator'
    )
    const accounts = dataOf(await admin.call('accounts:list', {}))
    expect(row(accounts, first)).toMatchObject({ disabled: false })
    expect(row(accounts, second)).toMatchObject({ disabled: true })
  })
})
