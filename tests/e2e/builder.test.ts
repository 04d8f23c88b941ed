/**
 * The program builder on a 1366×768 clinic laptop (issue 12): what a
 * physiotherapist notices while building a program, by mouse and keyboard.
 */
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { issueProgram, patientWithReliefProgram, useBrowserHost } from './host'
import { clippedControls, focused } from './layout'

const app = useBrowserHost()
let page: Page
let patientId: number
let versionId: number

beforeAll(async () => {
  ;({ patientId, versionId } = await patientWithReliefProgram(app.host, {
    fullName: 'Ærøe Straße',
    dateOfBirth: '1979-02-11'
  }))
  page = await app.openTab()
  await page.setViewportSize({ width: 1366, height: 768 })
})

const rows = () => page.getByRole('region', { name: 'Exercises in this program' }).locator('li')
const names = () => rows().locator('strong').allTextContents()
const search = () => page.getByLabel('Search the library')
const removeSecond = () =>
  rows()
    .nth(1)
    .getByRole('button', { name: /^Remove/ })
    .click()
const toast = () => page.getByRole('status').filter({ hasText: 'Removed' })

async function openBuilder(): Promise<void> {
  await page.goto(`${app.host.origin}/programs/${versionId}`)
  await page.getByRole('heading', { level: 1, name: /relief/ }).waitFor()
}

/** True when the element's whole box is inside the window (to the pixel: boxes end in fractions). */
const inView = (locator: Locator) =>
  locator.evaluate((element) => {
    const box = element.getBoundingClientRect()
    return box.top >= -1 && box.bottom <= window.innerHeight + 1 && box.height > 0
  })

describe('the builder at 1366×768', () => {
  it('reaches the library search in a few key presses from the patient page', async () => {
    await page.goto(`${app.host.origin}/patients/${patientId}`)
    const newProgram = page.getByRole('button', { name: 'New program' })
    await newProgram.focus()
    await page.keyboard.press('Enter')
    // the panel that replaced the button has the focus, on the choice it offers
    await expect.poll(() => focused(page)).toMatch(/^input radio/)
    await page.keyboard.press('Enter')
    await page.getByText('Version 1 · Draft').waitFor()
    await expect.poll(() => focused(page)).toMatch(/^h1 /)
    await page.keyboard.press('/')
    expect(await focused(page)).toBe('input search Search the library')
    // three presses: Enter, Enter, "/"; the draft just made is removed again
    await page.getByRole('button', { name: 'Discard draft' }).click()
    await page.getByRole('heading', { name: 'Ærøe Straße' }).waitFor()
  })

  it('adds an exercise in view, highlighted and announced, focus kept in the picker', async () => {
    await openBuilder()
    await search().fill('plank')
    const add = page.getByRole('button', { name: 'Add Plank', exact: true })
    await add.click()
    await expect.poll(names).toEqual(expect.arrayContaining(['Plank']))
    const added = rows().last()
    await expect.poll(() => added.getAttribute('class')).toContain('just-added')
    await expect.poll(() => inView(added)).toBe(true)
    await expect.poll(() => page.getByText('Plank added, exercise 6 of 6.').count()).toBe(1)
    // focus stays on the button just used, now saying the exercise is in
    expect(await focused(page)).toBe('button Add again: Plank (already in the program)')
    const result = page.locator('.result', { hasText: 'Plank' }).first()
    expect(await result.textContent()).toContain('✓ In the program')
    // the highlight goes after a moment; the mark stays
    await expect
      .poll(() => added.getAttribute('class'), { timeout: 5000 })
      .not.toContain('just-added')
  })

  it('keeps the picker in view beside the last exercises and the advice', async () => {
    await page.getByRole('heading', { name: 'Advice' }).scrollIntoViewIfNeeded()
    await page.mouse.wheel(0, 4000)
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000)
    expect(await inView(page.getByRole('heading', { name: 'Add exercises' }))).toBe(true)
    expect(await inView(search())).toBe(true)
  })

  it('"/" moves to the library search from buttons and number fields, not from text', async () => {
    await rows().first().getByRole('button', { name: /^Move/ }).focus()
    await page.keyboard.press('/')
    expect(await focused(page)).toBe('input search Search the library')
    await rows().first().getByLabel('Reps').focus()
    await page.keyboard.press('/')
    expect(await focused(page)).toBe('input search Search the library')
    const note = rows().first().getByLabel('Note to the patient')
    await note.fill('Slowly')
    await page.keyboard.press('/')
    expect(await note.inputValue()).toBe('Slowly/')
    await note.fill('')
  })

  it('undoes a removal with the button or Ctrl+Z, focus on the row each time', async () => {
    const before = await names()
    await removeSecond()
    await toast().waitFor()
    // the row that took its place has the focus
    expect(await focused(page)).toMatch(new RegExp(`^button Move ${before[2]}, position 2`))
    await page.keyboard.press('Control+z')
    await expect.poll(names).toEqual(before)
    expect(await focused(page)).toMatch(new RegExp(`^button Move ${before[1]}, position 2`))
    expect(await toast().count()).toBe(0)

    await removeSecond()
    await toast().getByRole('button', { name: 'Undo' }).click()
    await expect.poll(names).toEqual(before)
    expect(await focused(page)).toMatch(new RegExp(`^button Move ${before[1]}`))
  })

  it('ends the undo offer at the next edit', async () => {
    const before = await names()
    await removeSecond()
    await toast().waitFor()
    await rows().first().getByLabel('Sets').fill('2')
    await expect.poll(() => toast().count()).toBe(0)
    // Ctrl+Z is the number field's own again: the removal stays
    await page.keyboard.press('Control+z')
    expect(await names()).toEqual([before[0], ...before.slice(2)])
  })

  it('keeps the undo offer for 30 seconds', async () => {
    await page.clock.install()
    await openBuilder()
    await rows()
      .first()
      .getByRole('button', { name: /^Remove/ })
      .click()
    await toast().waitFor()
    await page.clock.runFor(25_000)
    expect(await toast().count()).toBe(1)
    await page.clock.runFor(6_000)
    await expect.poll(() => toast().count()).toBe(0)
  })

  it('moves between the builder tabs with the arrow keys', async () => {
    const picker = page.getByRole('tab', { name: 'Add exercises' })
    const preview = page.getByRole('tab', { name: 'Preview handout' })
    expect(await picker.getAttribute('aria-selected')).toBe('true')
    expect(await preview.getAttribute('tabindex')).toBe('-1')
    await picker.focus()
    await page.keyboard.press('ArrowRight')
    expect(await preview.getAttribute('aria-selected')).toBe('true')
    expect(await focused(page)).toBe('button Preview handout')
    await page.getByRole('tabpanel', { name: 'Preview handout' }).waitFor()
    await page.keyboard.press('Home')
    expect(await picker.getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('ArrowLeft')
    expect(await preview.getAttribute('aria-selected')).toBe('true')
    await page.getByRole('tabpanel', { name: 'Preview handout' }).waitFor()
  })

  it('enlarges the preview, whose pages scroll from the keyboard', async () => {
    const panel = page.getByRole('tabpanel', { name: 'Preview handout' })
    const narrow = (await panel.boundingBox())!.width
    await page.getByRole('button', { name: /Wider preview/ }).click()
    // half the page instead of 360 px
    expect(narrow).toBeLessThan(400)
    await expect.poll(async () => (await panel.boundingBox())!.width).toBeGreaterThan(narrow * 1.4)
    const pages = page.getByRole('group', { name: 'Handout pages' })
    await pages.locator('canvas').first().waitFor()
    // the rows beside it still fit
    expect(await clippedControls(page, '.builder-main')).toEqual([])
    await pages.focus()
    expect(await focused(page)).toBe('div Handout pages')
    await page.keyboard.press('PageDown')
    await expect.poll(() => pages.evaluate((element) => element.scrollTop)).toBeGreaterThan(0)
    await page.getByRole('button', { name: /Narrower preview/ }).click()
    await expect.poll(async () => (await panel.boundingBox())!.width).toBeLessThan(400)
  })

  it('keeps focus on the advice it moves, adds and removes', async () => {
    await page.getByRole('tab', { name: 'Add exercises' }).click()
    const advice = page.getByRole('region', { name: 'Advice' })
    const titles = () =>
      advice
        .locator('article input.title')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
    const [first, second] = await titles()
    await advice.getByRole('button', { name: `Move ${first} down` }).click()
    expect(await titles()).toEqual(expect.arrayContaining([second, first]))
    expect((await titles()).slice(0, 2)).toEqual([second, first])
    expect(await focused(page)).toBe(`button Move ${first} down`)
    // back at the top, where "up" is off: the other way takes the focus
    await advice.getByRole('button', { name: `Move ${first} up` }).click()
    expect(await focused(page)).toBe(`button Move ${first} down`)
    expect((await titles()).slice(0, 2)).toEqual([first, second])

    const choice = advice.getByLabel('Advice to add')
    const label = (await choice.locator('option').nth(1).textContent())!.trim()
    await choice.selectOption({ label })
    await advice.getByRole('button', { name: 'Add', exact: true }).click()
    expect(await focused(page)).toBe(`input text Advice title`)
    expect((await titles()).at(-1)).toBe(label)
    // the last one removed: the one now last takes the focus
    const [, , ...rest] = await titles()
    await advice.getByRole('button', { name: `Remove ${label}` }).click()
    expect(await focused(page)).toBe(`button Remove ${rest.at(-2)}`)
  })

  it('gives the focus to the heading when the program is issued', async () => {
    await issueProgram(page, 1)
    await expect.poll(() => focused(page)).toMatch(/^h1 /)
  })
})

describe('nothing cut off or run together', () => {
  for (const [width, height] of [
    [1366, 768],
    [1280, 720]
  ] as const) {
    it(`at ${width}×${height}: dose fields, side, advice, template list`, async () => {
      await page.setViewportSize({ width, height })
      const fit = await patientWithReliefProgram(app.host, {
        fullName: `Fit ${width}`,
        dateOfBirth: '1990-05-05'
      })
      await page.goto(`${app.host.origin}/programs/${fit.versionId}`)
      await page.getByRole('heading', { level: 1, name: /relief/ }).waitFor()
      // the longest side ("alternating") and the longest phase set on the first row
      await rows().first().getByLabel('Side').selectOption('alternating')
      await rows().first().getByLabel('When').selectOption('before')
      await page.getByRole('region', { name: 'Advice' }).waitFor()
      expect(await clippedControls(page, '.builder-main')).toEqual([])
      expect(await clippedControls(page, '.picker')).toEqual([])

      await page.goto(`${app.host.origin}/patients/${fit.patientId}`)
      await page.getByRole('button', { name: 'New program' }).click()
      await page.getByRole('combobox', { name: 'Template' }).waitFor()
      expect(await clippedControls(page, 'form.panel')).toEqual([])
      await page.getByRole('button', { name: 'Cancel' }).click()
      expect(await focused(page)).toBe('button New program')
    })
  }
})
