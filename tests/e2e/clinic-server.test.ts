/**
 * Settings → Clinic server, walked in the browser host against a fake
 * clinic server (fake-clinic.ts: the server's protocol without PostgreSQL,
 * so this runs in the quick-start job too): check the fingerprint, trust,
 * sign in, the clinic's patients instead of this computer's, an ended
 * session, a changed certificate refused naming both fingerprints, sign
 * out, back to solo; and `npm run web -- --clinic …` starting on that screen.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './axe'
import { clinicPatient, startFakeClinic, type FakeClinic } from './fake-clinic'
import { callApi, go, launchBrowser, makeDataDir, startHost, useBrowserHost } from './host'

const app = useBrowserHost()
const soloPatient = { fullName: 'Sol Solo-Computer', dateOfBirth: '1979-01-15' }
let clinic: FakeClinic
let page: Page

beforeAll(async () => {
  clinic = await startFakeClinic()
  await callApi(app.host, 'patients:create', soloPatient)
  page = await app.openTab()
})
afterAll(() => clinic.close())

const panel = () => page.getByRole('region', { name: 'Clinic server' })
const badge = () => page.locator('.clinic-badge')

/** The Patients screen once `shown` is on it (a name, or why there is none): its whole text. */
async function patientsScreen(shown: string): Promise<string> {
  await go(page, '/patients')
  await page.locator('main').getByText(shown).first().waitFor()
  return page.locator('main').innerText()
}

async function signIn(password: string): Promise<void> {
  await panel().getByLabel('Login').fill('ann')
  await panel().getByLabel('Password').fill(password)
  await panel().getByRole('button', { name: 'Sign in' }).click()
}

describe('Settings → Clinic server', () => {
  it('checks the fingerprint, trusts it, signs in and shows the clinic’s patients', async () => {
    await go(page, '/settings')
    await expect.poll(() => panel().innerText()).toContain('Solo mode')
    expect(await badge().count()).toBe(0)

    await panel().getByLabel('Server address').fill(clinic.address)
    await panel().getByRole('button', { name: 'Check' }).click()
    await panel().getByText(clinic.fingerprint).waitFor()
    expect(await panel().innerText()).toContain(
      'the fingerprint the server printed when it was set up'
    )
    expect(await seriousViolations(page)).toEqual([])

    await panel().getByRole('button', { name: 'Trust and connect' }).click()
    await panel().getByLabel('Password').waitFor()
    expect(await panel().innerText()).toContain(`Trusted certificate: ${clinic.fingerprint}`)
    await expect.poll(() => badge().innerText()).toContain('not signed in')

    await signIn('wrong')
    await panel().getByText('The login or the password is wrong.').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await signIn('correct horse')
    // the page starts afresh, connected
    await panel().getByText('Connected to Riverside Physio').waitFor()
    expect(await panel().innerText()).toContain('signed in as Ann Smith (ann, therapist)')
    expect(await badge().innerText()).toBe('Clinic: Riverside Physio · Ann Smith')
    expect(await seriousViolations(page)).toEqual([])

    expect(await patientsScreen(clinicPatient.fullName)).not.toContain(soloPatient.fullName)
  })

  it('says when the session ended, and signs in again without a restart', async () => {
    clinic.endSessions()
    // Settings reads nothing from the server: the patient list is the first call to find out
    await go(page, '/settings')
    await patientsScreen('Your session on the clinic server has ended')
    // the header follows at the next screen
    await go(page, '/')
    await expect.poll(() => badge().innerText()).toContain('not signed in')
    await badge().getByRole('link', { name: 'Sign in' }).click()
    await signIn('correct horse')
    await panel().getByText('Connected to Riverside Physio').waitFor()
    await patientsScreen(clinicPatient.fullName)
  })

  it('refuses a changed certificate naming both fingerprints, then goes back to solo', async () => {
    await go(page, '/settings')
    await panel().getByRole('button', { name: 'Sign out' }).click()
    await panel().getByLabel('Password').waitFor()
    expect(await patientsScreen('Sign in to the clinic server first')).not.toContain(
      clinicPatient.fullName
    )

    const replaced = await clinic.replaceCertificate()
    await go(page, '/settings')
    await signIn('correct horse')
    const refusal = panel().getByRole('alert')
    await refusal.getByText('certificate has changed').waitFor()
    expect(await refusal.innerText()).toContain(clinic.fingerprint)
    expect(await refusal.innerText()).toContain(replaced)
    expect(await seriousViolations(page)).toEqual([])
    expect(await badge().innerText()).toContain('not signed in')

    await panel().getByRole('button', { name: 'Back to solo mode' }).click()
    await expect.poll(() => panel().innerText()).toContain('Solo mode')
    expect(await badge().count()).toBe(0)
    expect(await patientsScreen(soloPatient.fullName)).not.toContain(clinicPatient.fullName)
  })
})

describe('npm run web -- --clinic', () => {
  it('starts on that server: the fingerprint and the sign-in are asked in the page', async () => {
    const data = makeDataDir()
    const host = await startHost(data.dataDir, ['--clinic', clinic.address])
    const browser = await launchBrowser()
    try {
      page = await browser.newPage()
      await page.goto(host.url)
      await expect.poll(() => badge().innerText()).toContain(`Clinic server ${clinic.address}`)
      // nothing of the clinic's is shown before its certificate is trusted and someone signs in
      await patientsScreen('connect first')
      await go(page, '/settings')
      await expect
        .poll(() => panel().getByLabel('Server address').inputValue())
        .toBe(clinic.address)
      await panel().getByRole('button', { name: 'Check' }).click()
      await panel().getByRole('button', { name: 'Trust and connect' }).click()
      await signIn('correct horse')
      await panel().getByText('Connected to Riverside Physio').waitFor()
      await patientsScreen(clinicPatient.fullName)
    } finally {
      await browser.close()
      await host.stop()
      data.remove()
    }
  })
})
