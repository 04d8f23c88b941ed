import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { startHost, useBrowserHost } from './host'

const app = useBrowserHost()
const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** Opens a section from the side navigation. */
async function goTo(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click()
}

const openPage = () => app.openTab()

describe('patients in the browser host', () => {
  it('creates a patient, finds it by part of the name, and edits it', async () => {
    const page = await openPage()
    await page.getByRole('link', { name: 'New patient' }).first().click()
    await page.getByLabel('Full name').fill('Zoë Łukasiewicz')
    await page.getByLabel('Date of birth').fill('1990-12-01')
    await page.getByLabel('Condition / diagnosis').fill('Low back pain after running')
    await page.getByLabel('Email').fill('zoe@example.com')
    await page.getByRole('button', { name: 'Add patient' }).click()
    await expect.poll(() => page.url()).toMatch(/\/patients\/\d+$/)
    await page.getByRole('heading', { name: 'Zoë Łukasiewicz' }).waitFor()

    await goTo(page, 'Patients')
    await page.getByLabel('Search patients').fill('kasie')
    await page.getByRole('link', { name: 'Zoë Łukasiewicz' }).click()
    await page.getByRole('button', { name: 'Edit details' }).click()
    await page.getByLabel('Phone').fill('+48 600 100 200')
    await page.getByLabel('Full name').fill('Zoë Łukasiewicz-Nowak')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByRole('heading', { name: 'Zoë Łukasiewicz-Nowak' }).waitFor()
    expect(await page.getByText('+48 600 100 200').isVisible()).toBe(true)

    // it is in the SQLite file itself
    const db = new Database(join(app.host.dataDir, 'physioplan.sqlite3'), { readonly: true })
    const row = db.prepare('SELECT full_name, phone, email FROM patients').get()
    db.close()
    expect(row).toEqual({
      full_name: 'Zoë Łukasiewicz-Nowak',
      phone: '+48 600 100 200',
      email: 'zoe@example.com'
    })
    await page.close()
  })

  it('shows why a patient cannot be saved, and saves nothing', async () => {
    const page = await openPage()
    await page.getByRole('link', { name: 'New patient' }).first().click()
    await page.getByLabel('Full name').fill('Ørjan Ågren')
    await page.getByLabel('Date of birth').fill('2099-05-01')
    await page.getByRole('button', { name: 'Add patient' }).click()
    await page.getByText("Date of birth can't be in the future").waitFor()
    expect(await page.getByLabel('Date of birth').getAttribute('aria-invalid')).toBe('true')
    const db = new Database(join(app.host.dataDir, 'physioplan.sqlite3'), { readonly: true })
    const found = db
      .prepare("SELECT count(*) AS n FROM patients WHERE full_name LIKE 'Ørjan%'")
      .get()
    db.close()
    expect(found).toEqual({ n: 0 })
    await page.close()
  })

  it('keeps patients across a restart of the app', async () => {
    await app.restart()
    const page = await openPage()
    await goTo(page, 'Patients')
    await page.getByLabel('Search patients').fill('nowak')
    await page.getByRole('link', { name: 'Zoë Łukasiewicz-Nowak' }).waitFor()
    await page.close()
  })

  it('refuses a second browser host on the same data folder', async () => {
    await expect(startHost(app.host.dataDir)).rejects.toThrow(
      /PhysioPlan is already open on this data folder/
    )
  })

  it('refuses a page opened without the access token', async () => {
    const page = await app.openTab(`${app.host.origin}/patients`, { withToken: false })
    await page.getByRole('alert').waitFor()
    expect(await page.getByRole('alert').textContent()).toMatch(/no access key/)
    await page.close()
  })
})

describe('library and settings', () => {
  it('finds the plank in the library and shows its steps and dose', async () => {
    const page = await openPage()
    await goTo(page, 'Library')
    await page.getByLabel('Search exercises').fill('plank')
    await page.getByRole('button', { name: /^Plank/ }).click()
    await page.getByRole('heading', { name: 'Plank' }).waitFor()
    expect(await page.getByText('Start in a push-up position').isVisible()).toBe(true)
    expect(await page.getByText('Hold 30 seconds, 3 times').first().isVisible()).toBe(true)
    await page.getByLabel('Search exercises').fill('')
    await page
      .getByRole('group', { name: 'Category' })
      .getByRole('button', { name: 'Warm-up', exact: true })
      .click()
    await expect
      .poll(() => page.getByRole('list', { name: 'Exercises' }).getByRole('button').count())
      .toBe(3)
    await page.close()
  })

  it('saves the clinic details', async () => {
    const page = await openPage()
    await goTo(page, 'Settings')
    await page.getByLabel('Clinic name').fill('Fjord Physio')
    await page.getByLabel('Therapist name').fill('Şükrü Çağlar')
    await page.getByLabel('Choose logo…').setInputFiles({
      name: 'not-a-logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is text, not a picture')
    })
    await page.getByText('That file could not be read as an image.').waitFor()
    await page.getByLabel('Choose logo…').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from(onePixelPng, 'base64')
    })
    await page.getByRole('img', { name: 'Clinic logo' }).waitFor()
    await page.getByRole('button', { name: 'Save clinic details' }).click()
    await page.getByRole('status').waitFor()
    await page.reload()
    await goTo(page, 'Home')
    await page.getByRole('heading', { name: /Şükrü Çağlar/ }).waitFor()
    expect(await page.getByText('Fjord Physio').isVisible()).toBe(true)
    await goTo(page, 'Settings')
    await page.getByRole('img', { name: 'Clinic logo' }).waitFor()
    await page.close()
  })
})

describe('reloading', () => {
  it('a reload deep in the app still loads it', async () => {
    const page = await openPage()
    await goTo(page, 'Patients')
    await page.getByRole('link', { name: /Zoë/ }).click()
    await page.getByRole('heading', { name: /Zoë/ }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: /Zoë/ }).waitFor()
    await page.close()
  })
})
