/**
 * Settings → Accounts, walked in the browser host against the fake clinic
 * server (fake-clinic.ts): shown to the clinic's administrator only; adding
 * an account (the password typed twice), disabling it after a confirmation,
 * a new password's form. The server's own rules are tested against
 * PostgreSQL in tests/clinic/accounts-served.test.ts.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './axe'
import { startFakeClinic, type FakeClinic } from './fake-clinic'
import { go, useBrowserHost } from './host'

const app = useBrowserHost()
const shots = process.env.PHYSIOPLAN_SCREENSHOTS
let clinic: FakeClinic
let page: Page
const asked: string[] = []

beforeAll(async () => {
  clinic = await startFakeClinic()
  page = await app.openTab()
  page.on('dialog', (dialog) => void asked.push(dialog.message()))
})
afterAll(() => clinic.close())

/** A screenshot to look at, when PHYSIOPLAN_SCREENSHOTS names a folder. */
const look = async (name: string) => {
  if (shots) await accounts().screenshot({ path: join(shots, `${name}.png`) })
}

const server = () => page.getByRole('region', { name: 'Clinic server' })
const accounts = () => page.getByRole('region', { name: 'Accounts' })
const row = (name: string) => accounts().getByRole('row').filter({ hasText: name })

async function signInAs(login: string): Promise<void> {
  await server().getByLabel('Login').fill(login)
  await server().getByLabel('Password').fill('correct horse')
  await server().getByRole('button', { name: 'Sign in' }).click()
  await server().getByText('Connected to Riverside Physio').waitFor()
}

describe('Settings → Accounts', () => {
  it('lists the clinic’s accounts for its administrator and adds one, the password typed twice', async () => {
    await go(page, '/settings')
    await server().getByLabel('Server address').fill(clinic.address)
    await server().getByRole('button', { name: 'Check' }).click()
    await server().getByRole('button', { name: 'Trust and connect' }).click()
    await signInAs('ada')
    await row('Ann Smith').waitFor()
    expect(await row('Ann Smith').innerText()).toMatch(/ann\s+Therapist\s+not signed in/)
    // an administrator doesn't disable themselves
    expect(
      await row('Ada Berg')
        .getByRole('button', { name: /Disable/ })
        .count()
    ).toBe(0)
    await look('accounts-list')
    expect(await seriousViolations(page)).toEqual([])

    await accounts().getByRole('button', { name: 'Add an account' }).click()
    const form = accounts().getByRole('form', { name: 'Add an account' })
    await form.getByLabel('Login').fill('nia')
    await form.getByLabel('Name').fill('Nia Okafor')
    await form.getByLabel('First password', { exact: true }).fill('a long first password')
    await form.getByLabel('First password, again').fill('a long first pasword')
    await form.getByRole('button', { name: 'Add the account' }).click()
    await form.getByText('The two passwords differ').waitFor()
    await look('accounts-add-mismatch')
    expect(await seriousViolations(page)).toEqual([])
    // the contract's rule, checked on the desktop before anything is sent
    await form.getByLabel('First password', { exact: true }).fill('short')
    await form.getByLabel('First password, again').fill('short')
    await form.getByRole('button', { name: 'Add the account' }).click()
    await form.getByText('Password must be at least 12 characters').waitFor()
    await form.getByLabel('First password', { exact: true }).fill('a long first password')
    await form.getByLabel('First password, again').fill('a long first password')
    await form.getByRole('button', { name: 'Add the account' }).click()
    await accounts().getByText('Nia Okafor (nia) can sign in now.').waitFor()
    expect(await row('Nia Okafor').innerText()).toMatch(/nia\s+Therapist/)
    expect(await form.count()).toBe(0)
  })

  it('disables an account once confirmed, and enables it again', async () => {
    await row('Nia Okafor').getByRole('button', { name: 'Disable Nia Okafor' }).click()
    await accounts().getByText('Nia Okafor is disabled; their sessions have ended.').waitFor()
    expect(asked.at(-1)).toContain('Disable Nia Okafor (nia)? They are signed out at once')
    expect(await row('Nia Okafor').innerText()).toContain('Disabled')
    await look('accounts-disabled')
    expect(await seriousViolations(page)).toEqual([])
    await row('Nia Okafor').getByRole('button', { name: 'Enable Nia Okafor' }).click()
    await accounts().getByText('Nia Okafor can sign in again.').waitFor()
    expect(await row('Nia Okafor').innerText()).not.toContain('Disabled')
  })

  it('sets a new password once confirmed', async () => {
    await row('Ann Smith').getByRole('button', { name: 'Reset password of Ann Smith' }).click()
    const form = accounts().getByRole('form', { name: 'New password for Ann Smith' })
    await form.getByLabel('New password', { exact: true }).fill('another long password')
    await form.getByLabel('New password, again').fill('another long password')
    await look('accounts-reset')
    expect(await seriousViolations(page)).toEqual([])
    await form.getByRole('button', { name: 'Set the new password' }).click()
    await accounts().getByText('Ann Smith has a new password; their sessions have ended.').waitFor()
    expect(asked.at(-1)).toContain('They are signed out everywhere at once.')
  })

  it('is not shown to a therapist', async () => {
    await server().getByRole('button', { name: 'Sign out' }).click()
    await signInAs('ann')
    expect(await server().innerText()).toContain('(ann, therapist)')
    expect(await accounts().count()).toBe(0)
  })
})
