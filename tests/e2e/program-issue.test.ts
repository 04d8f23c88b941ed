import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { en } from '../../src/main/core/handout/words.en'
import { callApi, handoutText, patientWithReliefProgram, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page
let versionId: number

beforeAll(async () => {
  const created = await patientWithReliefProgram(app.host, {
    fullName: 'Tomasz Wójcik',
    dateOfBirth: '1979-09-09'
  })
  versionId = created.versionId
  page = await app.openTab(`${app.host.origin}/programs/${versionId}`)
})

const row = (name: string) =>
  page.locator('li', { has: page.getByRole('button', { name: `Move ${name}, ` }) })
const saved = () => page.getByText(/^All changes saved/).waitFor()
const dialog = () => page.getByRole('alertdialog', { name: 'Check these doses before issuing' })
const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim())
const stored = () =>
  callApi<{ status: string; items: { exerciseName: string; phase: string }[] }>(
    app.host,
    'programs:get',
    { versionId }
  )

describe('issuing a program', () => {
  it('keeps when each exercise is done with the draft', async () => {
    await row('Cat-camel').getByLabel('When').selectOption({ label: 'Before running (warm-up)' })
    await row('Lying knee twist')
      .getByLabel('When')
      .selectOption({ label: 'After running (cool-down)' })
    await saved()
    await page.reload()
    await expect.poll(() => row('Cat-camel').getByLabel('When').inputValue()).toBe('before')
    expect(await row('Lying knee twist').getByLabel('When').inputValue()).toBe('after')
    expect(await row('Pelvic tilt').getByLabel('When').inputValue()).toBe('main')
    expect((await stored()).items.map((item) => item.phase)).toEqual([
      'before',
      'main',
      'main',
      'main',
      'after'
    ])
  })

  it('lists an exercise without a frequency before issuing; going back keeps the draft', async () => {
    const knee = row('Knee-to-chest stretch')
    await knee.getByLabel('Per day').fill('')
    await knee.getByLabel('Days/week').fill('')
    await saved()

    await page.getByRole('button', { name: 'Issue program' }).click()
    await dialog().waitFor()
    expect(await dialog().textContent()).toContain('2. Knee-to-chest stretch — no frequency')
    expect(await dialog().getByRole('listitem').count()).toBe(1)
    // the safe answer is the one a stray Enter gives
    expect(await focused()).toBe('Go back and fix them')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog().count()).toBe(0)
    expect(await focused()).toBe('Issue program')

    await page.getByRole('button', { name: 'Issue program' }).click()
    await dialog().getByRole('button', { name: 'Go back and fix them' }).click()
    await expect.poll(() => dialog().count()).toBe(0)
    await page.getByText('Version 1 · Draft').waitFor()
    expect((await stored()).status).toBe('draft')
  })

  it('issues anyway once confirmed, and the handout groups exercises by when they are done', async () => {
    await page.getByRole('button', { name: 'Issue program' }).click()
    await dialog().getByRole('button', { name: 'Issue anyway' }).click()
    await page.getByText('Version 1 · Issued').waitFor()
    expect((await stored()).status).toBe('issued')
    await page.getByText('Before running (warm-up)').waitFor()

    const text = await handoutText(page)
    const at = (words: string, from = 0) => {
      const index = text.indexOf(words, from)
      expect(index, `“${words}” in the handout`).toBeGreaterThanOrEqual(from)
      return index
    }
    expect(en.phases.before).toMatch(/^Before .*run/)
    expect(en.phases.after).toMatch(/^After .*run/)
    const before = at(en.phases.before)
    const main = at(en.phases.main, at('1. Cat-camel', before))
    const after = at(en.phases.after, at('2. Knee-to-chest stretch', main))
    at('5. Lying knee twist', after)
    expect(text.indexOf('Lying knee twist')).toBeGreaterThan(after)
  })
})
