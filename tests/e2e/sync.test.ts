/**
 * Clinic mode offline (issue 18) as the therapist sees it, in the browser
 * host: the offline banner in each state with the waiting count, a conflict
 * resolved field by field and a refused change discarded on the conflicts
 * screen, "take offline" on the patient's page, this computer's copy in
 * Settings. Main's side is stood in for at the page's edge (fake-sync.ts);
 * solo mode is the browser host's own answer.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SyncProblem } from '../../src/shared/sync'
import { seriousViolations } from './axe'
import { idleStatus } from '../unit/sync-status'
import { fakeSync, type FakeSync } from './fake-sync'
import { callApi, go, useBrowserHost } from './host'

const app = useBrowserHost()
const shots = process.env.PHYSIOPLAN_SCREENSHOTS
let page: Page
let sync: FakeSync
const asked: string[] = []

/** A screenshot to look at, when PHYSIOPLAN_SCREENSHOTS names a folder. */
const look = async (name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `sync-${name}.png`) })
}

const banner = () => page.getByRole('status', { name: 'Clinic sync' })
const conflict: SyncProblem = {
  kind: 'conflict',
  id: 11,
  entity: 'patient',
  entityId: 41,
  label: 'Cleo Clinic-Server',
  fields: [
    { key: 'phone', label: 'Phone', mine: '+47 912 34 567', theirs: '+47 400 00 001' },
    { key: 'condition', label: 'Condition', mine: 'Achilles tendinopathy', theirs: null }
  ],
  madeAt: '2026-11-27T09:12:00.000Z',
  theirsBy: 'Ada Berg',
  theirsAt: '2026-11-27T10:40:00.000Z'
}
const refused: SyncProblem = {
  kind: 'refused',
  id: 12,
  label: 'New visit for Cleo Clinic-Server on 2026-11-27',
  message: 'The patient was erased on the server.',
  madeAt: '2026-11-27T09:30:00.000Z'
}

beforeAll(async () => {
  page = await app.openTab()
  page.on('dialog', (dialog) => void asked.push(dialog.message()))
  sync = await fakeSync(page, { ...idleStatus, state: 'offline', waiting: 7 })
  await page.reload()
})

describe('the offline banner', () => {
  it('says offline and how many changes wait, and tries now on request', async () => {
    await banner()
      .getByText(
        'Offline — working on this computer’s copy of the clinic. 7 changes waiting to be sent.'
      )
      .waitFor()
    await look('offline')
    expect(await seriousViolations(page)).toEqual([])
    sync.status = { ...sync.status, message: 'No clinic server answers at clinic.example:8443.' }
    await banner().getByRole('button', { name: 'Try now' }).click()
    await banner().getByText('No clinic server answers at clinic.example:8443.').waitFor()
    expect(sync.calls.some((call) => call.channel === 'sync:now')).toBe(true)
  })

  it('follows a send and a pull with their progress, as main reports them', async () => {
    sync.status = { ...idleStatus, state: 'sending', waiting: 7, progress: { done: 3, total: 7 } }
    await banner().getByText('Sending 3 of 7 changes…').waitFor()
    const bar = banner().getByRole('progressbar', { name: 'Sync progress' })
    expect(await bar.getAttribute('value')).toBe('3')
    expect(await banner().getByRole('button', { name: 'Try now' }).count()).toBe(0)
    await look('sending')
    sync.status = { ...idleStatus, state: 'pulling', progress: { done: 1200, total: 4000 } }
    await banner().getByText('Bringing colleagues’ changes: 1,200 of 4,000').waitFor()
    expect(await bar.getAttribute('max')).toBe('4000')
    await look('pulling')
    expect(await seriousViolations(page)).toEqual([])
  })

  it('says whose changes wait for whom when another account is signed in', async () => {
    sync.status = { ...idleStatus, state: 'signedOut', waiting: 7, waitingFor: 'bo' }
    await banner()
      .getByText('Signed in as someone else: bo’s 7 changes wait for bo to sign in.')
      .waitFor()
    await look('someone-else')
  })

  it('goes quiet when all is sent, the header saying when it caught up', async () => {
    sync.status = { ...idleStatus, lastPullAt: new Date(Date.now() - 120_000).toISOString() }
    await page.getByText('Clinic: Riverside Physio · Ann Smith · synced 2 min ago').waitFor()
    expect(await banner().innerText()).toBe('')
    await look('online')
  })
})

describe('the conflicts screen', () => {
  it('resolves a conflict field by field through the UI', async () => {
    sync.problems = [conflict, refused]
    sync.status = { ...idleStatus, state: 'online', problems: 2 }
    await banner().getByRole('link', { name: '2 changes need you' }).click()
    await page.getByRole('heading', { name: 'Changes that need you' }).waitFor()
    const card = page.getByRole('region', { name: 'Patient details: Cleo Clinic-Server' })
    const save = card.getByRole('button', { name: 'Save' })
    expect(await save.isDisabled()).toBe(true)
    await card.getByText('Choose a version of each field: 2 left.').waitFor()
    const phone = card.getByRole('group', { name: 'Phone' })
    const condition = card.getByRole('group', { name: 'Condition' })
    expect(await condition.getByRole('radio', { name: 'The server’s: (empty)' }).count()).toBe(1)
    expect(await card.innerText()).toContain('The server’s (Ada Berg, ')
    await look('conflict')
    expect(await seriousViolations(page)).toEqual([])

    // the shortcut, then one field changed back by keyboard
    await card.getByRole('button', { name: 'Keep all theirs' }).click()
    expect(await condition.getByRole('radio', { name: /The server’s/ }).isChecked()).toBe(true)
    await phone.getByRole('radio', { name: 'The server’s: +47 400 00 001' }).focus()
    await page.keyboard.press('ArrowUp')
    expect(await phone.getByRole('radio', { name: /This computer’s/ }).isChecked()).toBe(true)
    await look('conflict-chosen')
    await save.click()
    await card.waitFor({ state: 'detached' })
    expect(sync.calls.filter((call) => call.channel === 'sync:resolve').at(-1)?.input).toEqual({
      id: 11,
      resolution: { choose: { phone: 'mine', condition: 'theirs' } }
    })
    await banner().getByRole('link', { name: '1 change needs you' }).waitFor()
  })

  it('tries a refused change again, or discards it once confirmed', async () => {
    const card = page.getByRole('region', { name: `Not accepted: ${refused.label}` })
    await card.getByText('The server said: The patient was erased on the server.').waitFor()
    await look('refused')
    await card.getByRole('button', { name: 'Try again' }).click()
    await expect
      .poll(() => sync.calls.filter((call) => call.channel === 'sync:resolve').at(-1)?.input)
      .toEqual({ id: 12, resolution: 'retry' })
    await card.getByRole('button', { name: 'Discard…' }).click()
    await page.getByText('Nothing waits for you.').waitFor()
    expect(asked.at(-1)).toContain('This change is lost for good')
    // the banner's count follows the resolve's answer, just after the list
    await expect.poll(() => banner().innerText()).toBe('')
    await look('empty')
    expect(await seriousViolations(page)).toEqual([])
    // a send that ends while the screen is open brings a new one
    sync.problems = [{ ...refused, id: 13, label: 'New patient Nils Nyberg' }]
    sync.status = { ...sync.status, problems: 1 }
    await page.getByRole('region', { name: 'Not accepted: New patient Nils Nyberg' }).waitFor()
    expect(await page.getByText('Nothing waits for you.').count()).toBe(0)
  })
})

describe('this computer’s copy', () => {
  it('keeps a patient for offline visits from their page', async () => {
    const { id } = await callApi<{ id: number }>(app.host, 'patients:create', {
      fullName: 'Pia Pinned',
      dateOfBirth: '1990-02-03'
    })
    await go(page, `/patients/${id}`)
    const pin = page.getByRole('checkbox', { name: 'Keep on this computer for offline visits' })
    await pin.check()
    await expect.poll(() => sync.pins).toEqual([id])
    await look('pin')
    await pin.uncheck()
    await expect.poll(() => sync.pins).toEqual([])
  })

  it('shows what the copy holds in Settings, keeps weeks, refuses removal while changes wait', async () => {
    sync.status = {
      ...idleStatus,
      waiting: 3,
      lastPullAt: '2026-11-28T03:00:00.000Z',
      localCopy: { patients: 48, weeks: 4, pinned: 2, bytes: 14_680_064 }
    }
    await go(page, '/settings')
    const copy = page.getByRole('region', { name: 'This computer’s copy' })
    await copy.getByText('48 patients, 2 kept for offline visits').waitFor()
    expect(await copy.innerText()).toContain('14.0 MB')
    const weeks = copy.getByLabel('Keep patients I saw in the last')
    expect(await weeks.inputValue()).toBe('4')
    await weeks.fill('6')
    await copy.getByRole('button', { name: 'Save' }).click()
    await copy.getByText('Patients seen in the last 6 weeks are kept.').waitFor()
    expect(sync.status.localCopy?.weeks).toBe(6)

    sync.forgetRefusal = '3 changes wait to be sent: connect and send them first.'
    await copy.getByRole('button', { name: 'Remove this computer’s copy…' }).click()
    await copy.getByRole('alert').getByText(sync.forgetRefusal).waitFor()
    expect(asked.at(-1)).toContain('Remove this computer’s copy of the clinic?')
    await look('settings-copy')
    expect(await seriousViolations(page)).toEqual([])
    sync.forgetRefusal = null
    await copy.getByRole('button', { name: 'Remove this computer’s copy…' }).click()
    await copy.getByText('This computer’s copy of the clinic is removed.').waitFor()
    await copy.getByText('No copy on this computer: one is made at your next sign-in.').waitFor()
    expect(asked.at(-1)).toContain('pinned for offline visits and the weeks kept are forgotten')
    const tries = () => sync.calls.filter((call) => call.channel === 'sync:now').length
    const before = tries()
    await copy.getByRole('button', { name: 'Make a copy now' }).click()
    await expect.poll(tries).toBe(before + 1)
  })
})

describe('writes the server accepts only online', () => {
  /** main's answer while offline, for the library, templates, clinic settings and accounts */
  const unavailable = 'Offline: the clinic’s library and settings change only while connected.'
  const refuse = (channel: string) =>
    page.route(`**/api/${channel}`, (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'unavailable', message: unavailable } })
      })
    )

  it('shows main’s message plainly on the screen that asked', async () => {
    await refuse('exercises:favourite')
    await refuse('clinic:update')
    await go(page, '/library')
    await page.getByRole('button', { name: /^Plank/ }).click()
    await page.getByRole('button', { name: /Favourite/ }).click()
    await page.getByRole('alert').getByText(unavailable, { exact: true }).waitFor()
    await look('unavailable-library')
    await go(page, '/settings')
    await page.getByRole('button', { name: 'Save clinic details' }).click()
    await page.getByRole('alert').getByText(unavailable, { exact: true }).waitFor()
  })
})

describe('solo mode', () => {
  it('shows no banner and no offline toggle', async () => {
    const solo = await app.openTab()
    const { id } = await callApi<{ id: number }>(app.host, 'patients:create', {
      fullName: 'Sol Solo',
      dateOfBirth: '1980-01-01'
    })
    await go(solo, `/patients/${id}`)
    await solo.getByRole('heading', { name: 'Sol Solo' }).waitFor()
    expect(await solo.getByRole('status', { name: 'Clinic sync' }).count()).toBe(0)
    expect(await solo.getByText('Keep on this computer for offline visits').count()).toBe(0)
    await solo.close()
  })
})
