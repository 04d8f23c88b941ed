/**
 * Clinic mode offline (issue 18) end to end, through the real path: the
 * built browser host connected to a real clinic server on PostgreSQL,
 * driven in Chromium. The server goes away; the therapist edits a
 * patient's phone and the banner says offline with one change waiting; a
 * colleague changes the same phone meanwhile (through a second server on
 * the same database); the server comes back, "Try now" sends, the change
 * waits as a conflict, and the therapist keeps theirs field by field on
 * the conflicts screen. tests/e2e/sync.test.ts walks every banner state
 * against a stand-in for main; this one has nothing stood in.
 */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Patient } from '../../src/shared/types'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { clinicClient, type ClinicClient } from '../../src/main/clinic/client'
import { savedFileName } from '../../src/main/clinic/connection'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { startClinicServer, type ClinicServer } from '../../src/main/clinic/server'
import { callApi, launchBrowser, makeDataDir, startHost, type RunningHost } from '../e2e/host'
import { newClinic, pool } from './clinic-db'
import { dataOf } from './clinic-server'

const app = pool('physioplan_app')
const password = 'correct horse battery'
const folder = makeDataDir()
let tls: Awaited<ReturnType<typeof makeServerCertificate>>
/** the desktop's server, stopped and started again on its port */
let ours: ClinicServer
/** the colleague's, on the same database, up throughout */
let theirs: ClinicServer
let colleague: ClinicClient
let host: RunningHost
let browser: Browser
let page: Page
let logins: string[]

const serve = (port: number) =>
  startClinicServer({
    pool: app,
    ...tls,
    port,
    host: '127.0.0.1',
    resourcesDir: resolve('resources')
  })
const banner = () => page.getByRole('status', { name: 'Clinic sync' })

beforeAll(async () => {
  const passwordHash = await hashPassword(password, { ...scryptCost, N: 2 ** 10 })
  ;({ logins } = await newClinic(['una', 'val'], { passwordHash }))
  tls = await makeServerCertificate({ dns: ['clinic.local'], ips: ['127.0.0.1'] })
  ;[ours, theirs] = [await serve(0), await serve(0)]
  colleague = clinicClient({ host: '127.0.0.1', port: theirs.port }, tls.cert)
  await colleague.signIn(logins[1]!, password)
  // trusted before, as Settings → Clinic server leaves it: the host starts connected, signed out
  writeFileSync(
    join(folder.dataDir, savedFileName),
    JSON.stringify({
      active: true,
      address: `https://127.0.0.1:${ours.port}`,
      certificate: tls.cert,
      login: logins[0]
    }),
    { mode: 0o600 }
  )
  host = await startHost(folder.dataDir)
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await page.goto(host.url)
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
  colleague?.close()
  await Promise.all([ours, theirs].map((server) => server?.close()))
  await app.end()
  folder.remove()
})

it(
  'keeps an offline change and a colleague’s, and settles them in the conflicts screen',
  { timeout: 90_000 },
  async () => {
    // online: signed in, a patient made, and the local copy caught up with it
    await callApi(host, 'clinicServer:signIn', { login: logins[0], password })
    const patient = await callApi<Patient>(host, 'patients:create', {
      fullName: 'Nora Offline',
      dateOfBirth: '1979-03-14',
      phone: '+47 900 00 000'
    })
    await callApi(host, 'sync:now', {})
    await page.reload()
    await page.getByText('Clinic: ').first().waitFor()

    // the server goes away; the therapist edits the phone on a home visit
    await ours.close()
    await page.goto(`${host.origin}/patients/${patient.id}${new URL(host.url).hash}`)
    await page.getByRole('heading', { name: 'Nora Offline' }).waitFor()
    await page.getByRole('button', { name: 'Edit details' }).click()
    await page.getByLabel('Phone').fill('+47 911 11 111')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('+47 911 11 111').waitFor()
    await banner().getByText('1 change waiting to be sent').waitFor()
    expect(await banner().textContent()).toContain('Offline')

    // a new patient, made on this computer: her page has the copy's temporary id until she is sent
    await page.getByRole('link', { name: 'Patients' }).first().click()
    await page.getByRole('link', { name: 'New patient' }).first().click()
    await page.getByLabel('Full name').fill('Ola Newcomer')
    await page.getByLabel('Date of birth').fill('1990-12-01')
    await page.getByRole('button', { name: 'Add patient' }).click()
    await banner().getByText('2 changes waiting to be sent').waitFor()
    const temporary = new URL(page.url()).pathname
    expect(Number(temporary.split('/').at(-1))).toBeGreaterThanOrEqual(2 ** 52)

    // meanwhile a colleague changes the same phone on the clinic's server
    const current = dataOf(await colleague.call('patients:get', { id: patient.id })) as Patient
    dataOf(
      await colleague.call('patients:update', {
        id: patient.id,
        version: current.version,
        fullName: current.fullName,
        dateOfBirth: current.dateOfBirth,
        phone: '+47 922 22 222'
      })
    )

    // back: sent, refused as a conflict, both kept until the therapist chooses
    ours = await serve(ours.port)
    await banner().getByRole('button', { name: 'Try now' }).click()
    await banner().getByRole('link', { name: '1 change needs you' }).click()
    await page.getByRole('heading', { name: 'Changes that need you' }).waitFor()
    const card = page.getByRole('region', { name: 'Patient details: Nora Offline' })
    // only what differs, and who changed the server's
    await card.getByText('Choose a version of each field: 1 left.').waitFor()
    expect(await card.innerText()).toContain(`The server’s (Val-`)
    const phone = card.getByRole('group', { name: 'Phone' })
    await phone.getByRole('radio', { name: 'The server’s: +47 922 22 222' }).waitFor()
    await phone.getByRole('radio', { name: 'This computer’s: +47 911 11 111' }).check()
    await card.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Nothing waits for you.').waitFor()

    // the page left on her temporary id follows her to the server's
    await page.goto(`${host.origin}${temporary}${new URL(host.url).hash}`)
    await page.getByRole('heading', { name: 'Ola Newcomer' }).waitFor()
    await expect
      .poll(() => Number(new URL(page.url()).pathname.split('/').at(-1)))
      .toBeLessThan(2 ** 52)

    // the server has this computer's phone now, and the banner has nothing left to say
    const settled = dataOf(await colleague.call('patients:get', { id: patient.id })) as Patient
    expect(settled.phone).toBe('+47 911 11 111')
    await expect
      .poll(() => banner().textContent(), { timeout: 10_000 })
      .not.toMatch(/waiting|need you/)
  }
)
