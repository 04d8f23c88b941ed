/**
 * axe-core on every screen at 1366×768, failing on any critical or serious
 * violation. axe runs inside the page through Playwright's evaluate, which
 * the app's strict CSP does not block (no script tag is added), so it works on
 * the installed Chromium and on the npm-packaged one alike.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { visitInput } from '../unit/visit-input'
import { blankOutcomes } from '../../src/shared/outcomes'
import { seriousViolations } from './axe'
import { callApi, isoDay, patientWithReliefProgram, useBrowserHost } from './host'

const app = useBrowserHost()
/** Screens load their data first; a busy 2-core machine can take longer than poll's 1 s. */
const slow = { timeout: 10_000 }
let page: Page
let patientId: number
let versionId: number

const visitWith = (date: string, now: number, odi: number, flags: string[] = []) =>
  visitInput({
    visitDate: date,
    visitType: date === isoDay(-21) ? 'initial' : 'follow-up',
    redFlags: flags,
    outcomes: {
      ...blankOutcomes(),
      nprs: { now, worst24h: now + 1, afterRunning: null },
      odi: blankOutcomes().odi.map(() => odi)
    }
  })

beforeAll(async () => {
  ;({ patientId, versionId } = await patientWithReliefProgram(app.host, {
    fullName: 'Åsa Kontrastsson',
    dateOfBirth: '1979-03-12'
  }))
  await callApi(app.host, 'visits:create', { patientId, ...visitWith(isoDay(-21), 7, 3) })
  await callApi(app.host, 'visits:create', {
    patientId,
    ...visitWith(isoDay(-7), 4, 1, ['night-pain'])
  })
  page = await app.openTab()
  await page.setViewportSize({ width: 1366, height: 768 })
})

/** Opens a screen by its address and waits for its heading. */
async function open(path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${app.host.origin}${path}`)
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
}

describe('no critical or serious axe-core violation', () => {
  /** A screen: its name, its address, its heading, and what to wait for or do before the scan. */
  const screens: [string, () => string, string | RegExp, (() => Promise<unknown>)?][] = [
    ['Home', () => '/', /\w/],
    [
      'the patients list',
      () => '/patients',
      'Patients',
      () => page.getByText('Åsa Kontrastsson').first().waitFor()
    ],
    [
      'the new patient form, with its problems shown',
      () => '/patients/new',
      'New patient',
      async () => {
        await page.getByRole('button', { name: 'Add patient' }).click()
        await page.locator('[aria-invalid="true"]').first().waitFor()
      }
    ],
    [
      'the patient page with visits and charts',
      () => `/patients/${patientId}`,
      'Åsa Kontrastsson',
      () => page.locator('canvas').first().waitFor()
    ],
    [
      'the visit form with red flags',
      () => `/patients/${patientId}/visits/new`,
      'Record a visit',
      () => page.getByText('Night pain').first().waitFor()
    ],
    ['the library', () => '/library', 'Exercise library'],
    ['the exercise form', () => '/library/new', 'New exercise'],
    ['import', () => '/library/import', 'Import exercises'],
    ['templates', () => '/templates', 'Program templates'],
    ['settings', () => '/settings', 'Settings'],
    [
      'the changes that need you, with nothing waiting',
      () => '/sync',
      'Changes that need you',
      () => page.getByText('Nothing waits for you.').waitFor()
    ]
  ]
  for (const [name, path, heading, ready] of screens) {
    it(`on ${name}`, async () => {
      await open(path(), heading)
      await ready?.()
      expect(await seriousViolations(page)).toEqual([])
    })
  }

  it('on the builder, then with its preview open', async () => {
    await open(`/programs/${versionId}`, /relief/)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('tab', { name: 'Preview handout' }).click()
    await page.locator('canvas').first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
  })
})

const nav = () => page.getByRole('navigation', { name: 'Main' })
/** The focused element's tag and text, to say where focus is. */
const focused = () =>
  page.evaluate(() => {
    const active = document.activeElement
    return `${active?.tagName.toLowerCase()}: ${active?.textContent?.trim()}`
  })

describe('keyboard and screen reader navigation', () => {
  it('offers "Skip to content" as the first Tab stop, which lands on the heading', async () => {
    await open('/settings', 'Settings')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('a: Skip to content')
    await expect
      .poll(() => page.getByRole('link', { name: 'Skip to content' }).isVisible())
      .toBe(true)
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('h1: Settings')
  })

  it('moves focus to the new screen’s heading on every navigation', async () => {
    await open('/', /\w/)
    await nav().getByRole('link', { name: 'Library' }).click()
    await expect.poll(focused, slow).toBe('h1: Exercise library')
    await nav().getByRole('link', { name: 'Patients' }).click()
    await expect.poll(focused, slow).toBe('h1: Patients')
    await page.getByRole('link', { name: 'Åsa Kontrastsson' }).first().click()
    await expect.poll(focused, slow).toMatch(/^h1: Åsa Kontrastsson/)
  })

  it('highlights the section of a nested page in the navigation', async () => {
    const current = () => nav().locator('[aria-current="page"]').textContent()
    await open(`/patients/${patientId}`, /Åsa Kontrastsson/)
    expect((await current())?.trim()).toBe('Patients')
    await open(`/programs/${versionId}`, /relief/)
    expect((await current())?.trim()).toBe('Patients')
    await open('/library/import', 'Import exercises')
    expect((await current())?.trim()).toBe('Library')
    expect(await nav().locator('.active').count()).toBe(1)
  })
})

/** Each invalid field's label, its message (through aria-describedby), in the page's order. */
const markedFields = () =>
  page.locator('[aria-invalid="true"]').evaluateAll((fields) =>
    fields.map((field) => {
      const message = document.getElementById(field.getAttribute('aria-describedby') ?? '')
      return `${field.id}: ${message?.textContent?.trim()}`
    })
  )
const focusedId = () => page.evaluate(() => document.activeElement?.id)
/** Whether the focused element is fully inside the 1366×768 window. */
const focusedInView = () =>
  page.evaluate(() => {
    const box = document.activeElement!.getBoundingClientRect()
    return box.top >= 0 && box.bottom <= window.innerHeight
  })

describe('forms that show every problem', () => {
  it('marks every invalid patient field at once, lists them and focuses the first', async () => {
    await open('/patients/new', 'New patient')
    expect(await page.getByLabel('Full name').getAttribute('aria-required')).toBe('true')
    expect(await page.getByLabel('Date of birth').getAttribute('aria-required')).toBe('true')
    expect(await page.getByLabel('Email').getAttribute('aria-required')).toBeNull()
    await page.getByLabel('Email').fill('ana@')
    await page.getByLabel('Email').focus()
    await page.getByRole('button', { name: 'Add patient' }).click()
    await expect
      .poll(markedFields, slow)
      .toEqual([
        "fullName: Enter the patient's name",
        'dateOfBirth: Enter the date of birth in full: day, month and year',
        'email: Email address looks incomplete (name@example.com)'
      ])
    const notice = page.getByRole('alert')
    expect(await notice.textContent()).toContain('3 fields need a change')
    expect(await notice.getByRole('listitem').count()).toBe(3)
    await expect.poll(focusedId, slow).toBe('fullName')
    // corrected fields lose their mark at the next save
    await page.getByLabel('Full name').fill('Ana Ferreira')
    await page.getByLabel('Email').fill('ana@example.com')
    await page.getByRole('button', { name: 'Add patient' }).click()
    await expect
      .poll(markedFields, slow)
      .toEqual(['dateOfBirth: Enter the date of birth in full: day, month and year'])
    await expect.poll(focusedId, slow).toBe('dateOfBirth')
    // leaving asks first (the form has changes): accepted by the harness
  })

  it('brings the first invalid visit field into view from the Save button', async () => {
    await open(`/patients/${patientId}/visits/new`, 'Record a visit')
    await page.getByLabel('Visit date').fill('')
    await page.getByLabel('Sessions done since last visit').fill('5000')
    await page.getByRole('button', { name: 'Save visit' }).scrollIntoViewIfNeeded()
    await page.getByRole('button', { name: 'Save visit' }).click()
    await expect
      .poll(markedFields, slow)
      .toEqual([
        'visitDate: Enter the visit date in full: day, month and year',
        'sessionsDone: Sessions done must be between 0 and 1000'
      ])
    await expect.poll(focusedId, slow).toBe('visitDate')
    expect(await focusedInView()).toBe(true)
  })

  it('marks the exercise form’s name and steps together', async () => {
    await open('/library/new', 'New exercise')
    await page.getByRole('button', { name: 'Save exercise' }).click()
    await expect
      .poll(markedFields, slow)
      .toEqual(['name: Give the exercise a name', 'steps: Add at least one step'])
    await expect.poll(focusedId, slow).toBe('name')
  })
})
