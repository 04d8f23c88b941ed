import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { callApi, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page

beforeAll(async () => {
  const patient = await callApi<{ id: number }>(app.host, 'patients:create', {
    fullName: 'Ørjan Ågren',
    dateOfBirth: '1975-06-30'
  })
  page = await app.openTab(`${app.host.origin}/patients/${patient.id}`)
})

const items = () =>
  page.getByRole('region', { name: 'Exercises in this program' }).locator('li strong')
const names = () => items().allTextContents()
/** Drags like a hand does: press, move in steps, release. */
async function drag(from: Locator, to: Locator): Promise<void> {
  await to.scrollIntoViewIfNeeded()
  const start = await from.boundingBox()
  const end = await to.boundingBox()
  if (!start || !end) throw new Error('drag target not visible')
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
  await page.mouse.down()
  await page.mouse.move(start.x + start.width / 2 + 5, start.y + start.height / 2 + 5, { steps: 5 })
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 20 })
  await page.mouse.up()
}

const saved = () => page.getByText(/^All changes saved/).waitFor()

describe('building a program', () => {
  it('starts from the relief template', async () => {
    await page.getByRole('button', { name: 'New program' }).click()
    const template = page.getByRole('combobox', { name: 'Template' })
    const relief = await template.locator('option', { hasText: 'relief' }).getAttribute('value')
    await template.selectOption(relief)
    await page.getByRole('button', { name: 'Create program' }).click()
    await page.getByRole('heading', { name: "Runner's low back pain — relief" }).waitFor()
    expect(await names()).toEqual([
      'Cat-camel',
      'Knee-to-chest stretch',
      "Child's pose",
      'Pelvic tilt',
      'Lying knee twist'
    ])
  })

  it('adds an exercise by search and moves it with the keyboard', async () => {
    await page.getByLabel('Search the library').fill('plank')
    await page.getByRole('button', { name: 'Add Plank' }).click()
    await expect.poll(names).toContain('Plank')
    const handle = page.getByRole('button', { name: /^Move Plank/ })
    await handle.focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowDown')
    await expect
      .poll(names)
      .toEqual([
        'Cat-camel',
        'Plank',
        'Knee-to-chest stretch',
        "Child's pose",
        'Pelvic tilt',
        'Lying knee twist'
      ])
    // focus follows the moved exercise, so the next key press moves it again
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toMatch(
      /^Move Plank, position 2 of 6/
    )
  })

  it('reorders by drag and adds by dragging from the library', async () => {
    await drag(
      page.getByRole('button', { name: /^Move Plank/ }),
      page.getByRole('button', { name: /^Move Cat-camel/ })
    )
    await expect.poll(async () => (await names()).slice(0, 2)).toEqual(['Plank', 'Cat-camel'])
    await page.getByLabel('Search the library').fill('bird')
    await drag(
      page.getByRole('complementary', { name: 'Add exercises' }).getByText('Bird-dog'),
      page.getByRole('button', { name: /^Move Knee-to-chest/ })
    )
    await expect.poll(names).toContain('Bird-dog')
    expect(await names()).toHaveLength(7)
  })

  it('sets doses with the dose line updating as you type, and refuses an impossible one', async () => {
    const plank = page.locator('li', { has: page.getByRole('button', { name: /^Move Plank/ }) })
    await plank.getByLabel('Reps').fill('')
    await plank.getByLabel('Per day').fill('2')
    await plank.getByLabel('Hold (s)').fill('45')
    expect(await plank.locator('.line').textContent()).toBe(
      'Hold 45 seconds, 3 times, twice a day, 3 days a week'
    )
    await saved()

    await plank.getByLabel('Sets').fill('500')
    await page.getByText(/Not saved: Exercise \d: Sets must be 20 or fewer/).waitFor()
    expect(await plank.getByLabel('Sets').getAttribute('aria-invalid')).toBe('true')
    await plank.getByLabel('Sets').fill('3')
    await saved()
  })

  it('says so when a review date is typed only in part', async () => {
    const review = page.getByLabel('Review date')
    await review.focus()
    await page.keyboard.type('11')
    // Tab would only move to the day within the field; leave it for the next one
    await page.getByLabel('Goals').focus()
    const message = 'Enter the review date in full: day, month and year'
    await page.getByText(message).waitFor()
    expect(await review.getAttribute('aria-invalid')).toBe('true')
    await review.fill('2026-12-24')
    await saved()
    expect(await page.getByText(message).count()).toBe(0)
  })

  it('removes an exercise with undo', async () => {
    await page.getByRole('button', { name: "Remove Child's pose" }).click()
    await expect.poll(names).not.toContain("Child's pose")
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(names).toContain("Child's pose")
    await saved()
  })

  it('keeps the draft when leaving and coming back', async () => {
    const url = page.url()
    await page.getByRole('link', { name: /← Ørjan Ågren/ }).click()
    await page.getByRole('heading', { name: 'Programs' }).waitFor()
    await page.goto(url)
    await page.getByRole('heading', { name: "Runner's low back pain — relief" }).waitFor()
    expect(await names()).toHaveLength(7)
    const plank = page.locator('li', { has: page.getByRole('button', { name: /^Move Plank/ }) })
    expect(await plank.getByLabel('Hold (s)').inputValue()).toBe('45')
  })

  it('brings back edits made just before the window closed', async () => {
    const url = page.url()
    const plank = page.locator('li', { has: page.getByRole('button', { name: /^Move Plank/ }) })
    await plank.getByLabel('Note to the patient').fill('Keep breathing.')
    // closed at once: long before the autosave delay has passed
    await page.close()
    page = await app.openTab()
    await page.goto(url)
    await page.getByText(/were brought back and saved/).waitFor()
    await saved()
    const reopened = page.locator('li', { has: page.getByRole('button', { name: /^Move Plank/ }) })
    expect(await reopened.getByLabel('Note to the patient').inputValue()).toBe('Keep breathing.')
  })

  it('issues, revises and compares versions', async () => {
    await page.getByRole('button', { name: 'Issue program' }).click()
    await page.getByText('Version 1 · Issued').waitFor()
    await page.getByRole('button', { name: /Revise/ }).click()
    await page.getByText('Version 2 · Draft').waitFor()
    await page.getByRole('button', { name: 'Remove Pelvic tilt' }).click()
    const catCamel = page.locator('li', {
      has: page.getByRole('button', { name: /^Move Cat-camel/ })
    })
    await catCamel.getByLabel('Reps').fill('15')
    await saved()

    await page.getByRole('link', { name: /← Ørjan Ågren/ }).click()
    await page.getByRole('button', { name: 'Compare' }).click()
    const diff = page.getByRole('region', { name: 'Differences between versions' })
    await diff.waitFor()
    const text = await diff.textContent()
    expect(text).toContain('Version 1 → version 2')
    expect(text).toMatch(/Removed\s*Pelvic tilt/)
    expect(text).toMatch(
      /Dose changed\s*Cat-camel: 10 repetitions, twice a day — Build up to 15 repetitions\. → 15 repetitions, twice a day — Build up/
    )

    const db = new Database(join(app.host.dataDir, 'physioplan.sqlite3'), { readonly: true })
    const versions = db
      .prepare('SELECT version_no, status FROM program_versions ORDER BY version_no')
      .all()
    db.close()
    expect(versions).toEqual([
      { version_no: 1, status: 'issued' },
      { version_no: 2, status: 'draft' }
    ])
  })

  it('saves a program as a template, renames it and deletes it', async () => {
    await page.getByRole('link', { name: "Runner's low back pain — relief" }).first().click()
    await page.getByText('Version 2 · Draft').waitFor()
    await page.getByRole('button', { name: 'Save as template…' }).click()
    await page.getByLabel('Template name').fill('Relief for runners, v2')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByText('Saved as template “Relief for runners, v2”.').waitFor()

    // and replace it, as one edits a template's exercises
    await page.getByRole('button', { name: 'Save as template…' }).click()
    await page.getByLabel('Save as').selectOption({ label: 'Replace “Relief for runners, v2”' })
    expect(await page.getByLabel('Template name').inputValue()).toBe('Relief for runners, v2')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByText('Saved as template “Relief for runners, v2”.').waitFor()

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Templates' })
      .click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Relief for runners, v2' }).count())
      .toBe(1)
    const card = page.locator('article', { hasText: 'Relief for runners, v2' })
    await expect.poll(() => card.locator('li').count()).toBe(6)
    await card.getByRole('link', { name: 'Edit Relief for runners, v2' }).click()
    await page.getByLabel('Template name').fill('Runner relief (clinic)')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByRole('heading', { name: 'Runner relief (clinic)' }).waitFor()
    await page
      .locator('article', { hasText: 'Runner relief (clinic)' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await expect
      .poll(() => page.getByRole('heading', { name: 'Runner relief (clinic)' }).count())
      .toBe(0)
    // built-in templates cannot be edited or deleted, only copied
    const builtin = page.locator('article', { hasText: 'core strengthening' })
    expect(await builtin.getByRole('button').count()).toBe(0)
    expect(await builtin.getByRole('link', { name: /^Edit/ }).count()).toBe(0)
  })
})
