import { readFileSync } from 'node:fs'
import type { Page, Request } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { pdfText, qpdfCheck } from '../unit/pdf-tools'
import { callApi, callApiBytes, go, patientWithReliefProgram, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page
let draftId: number

beforeAll(async () => {
  const { versionId } = await patientWithReliefProgram(app.host, {
    fullName: 'Zoë Łukasiewicz',
    dateOfBirth: '1990-12-01'
  })
  draftId = versionId
  page = await app.openTab(`${app.host.origin}/programs/${versionId}`)
})

const firstPage = () => page.getByRole('img', { name: /^Handout page 1 of \d+$/ })

describe('the handout in the browser host', () => {
  it('previews the draft and follows an edit', async () => {
    // since the page loaded
    const previews = () =>
      page.evaluate(
        () =>
          performance
            .getEntriesByType('resource')
            .filter(({ name }) => name.endsWith('/handouts:preview')).length
      )
    // got ready beside the builder at idle, before the tab is opened
    await expect.poll(previews).toBe(1)
    await page.getByRole('tab', { name: 'Preview handout' }).click()
    await firstPage().waitFor()
    // no second render for the opening, nor for loading the options
    expect(await previews()).toBe(1)
    const before = await firstPage().screenshot()
    // opened again unchanged: drawn from the handout in hand, not rendered again
    await page.getByRole('tab', { name: 'Add exercises' }).click()
    await page.getByRole('tab', { name: 'Preview handout' }).click()
    await firstPage().waitFor()
    expect((await firstPage().screenshot()).equals(before)).toBe(true)
    expect(await previews()).toBe(1)
    await page.getByRole('tab', { name: 'Add exercises' }).click()
    const catCamel = page.locator('li', {
      has: page.getByRole('button', { name: /^Move Cat-camel/ })
    })
    await catCamel.getByLabel('Sets').fill('4')
    await page.getByText(/^All changes saved/).waitFor()
    await page.getByRole('tab', { name: 'Preview handout' }).click()
    await expect.poll(async () => (await firstPage().screenshot()).equals(before)).toBe(false)
    expect(await previews()).toBe(2)
    // every preview uses the one pdf.js worker, started at idle, instead of starting another
    const workers = await page.evaluate(
      () =>
        performance.getEntriesByType('resource').filter(({ name }) => name.includes('pdf.worker'))
          .length
    )
    expect(workers).toBe(1)
  })

  it('keeps page 1 on screen until the edited page is drawn, no blank between', async () => {
    await firstPage().waitFor()
    // what page 1's place holds after every change to the pages
    await page.getByRole('group', { name: 'Handout pages' }).evaluate((pages) => {
      const seen: (string | null)[] = []
      Object.assign(window, { seenFirst: seen })
      new MutationObserver(() =>
        seen.push(pages.firstElementChild?.getAttribute('aria-label') ?? null)
      ).observe(pages, { childList: true })
    })
    const shown = await firstPage().elementHandle()
    const kneeToChest = page.locator('li', {
      has: page.getByRole('button', { name: /^Move Knee-to-chest/ })
    })
    await kneeToChest.getByLabel('Sets').fill('5')
    // swapped for a new canvas, drawn
    await expect.poll(() => shown!.evaluate((canvas) => canvas.isConnected)).toBe(false)
    const seen = await page.evaluate(() => (window as unknown as { seenFirst: string[] }).seenFirst)
    expect(seen.length).toBeGreaterThan(0)
    for (const label of seen) expect(label).toMatch(/^Handout page 1 of \d+$/)
  })

  it('draws the pages further down only as they are scrolled into view', async () => {
    await firstPage().waitFor()
    const label = await firstPage().getAttribute('aria-label')
    const total = Number(/of (\d+)$/.exec(label!)![1])
    expect(total).toBeGreaterThanOrEqual(3)
    const drawn = page.getByRole('img', { name: /^Handout page \d+ of \d+$/ })
    await expect.poll(() => drawn.count()).toBeGreaterThan(1)
    expect(await drawn.count()).toBeLessThan(total)
    // a blank page of the right size holds each place meanwhile
    expect(await page.locator('[aria-label="Handout pages"] canvas').count()).toBe(total)
    const pages = page.getByRole('group', { name: 'Handout pages' })
    await pages.evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await page.getByRole('img', { name: `Handout page ${total} of ${total}` }).waitFor()
  })

  it('follows an edit made with the preview open: one preview call, drawn as the save commits', async () => {
    let previews = 0
    const count = (request: Request) => {
      if (new URL(request.url()).pathname.endsWith('/handouts:preview')) previews++
    }
    page.on('request', count)
    await firstPage().waitFor()
    const before = await firstPage().screenshot()
    const kneeToChest = page.locator('li', {
      has: page.getByRole('button', { name: /^Move Knee-to-chest/ })
    })
    await kneeToChest.getByLabel('Sets').fill('2')
    await expect.poll(async () => (await firstPage().screenshot()).equals(before)).toBe(false)
    expect(previews).toBe(1)
    page.off('request', count)
  })

  it("shows page 1 kept from the last opening for the same handout only, never another draft's", async () => {
    const previewTab = page.getByRole('tab', { name: 'Preview handout' })
    const pickerTab = page.getByRole('tab', { name: 'Add exercises' })
    await firstPage().waitFor()
    const mine = await firstPage().screenshot()
    await firstPage().evaluate((canvas) => (canvas.dataset.seen = 'before'))
    // opened again unchanged: the very page drawn before, not drawn again
    await pickerTab.click()
    await previewTab.click()
    expect(await firstPage().getAttribute('data-seen')).toBe('before')
    expect((await firstPage().screenshot()).equals(mine)).toBe(true)
    // edited while closed: the kept page is of the old bytes, so the new revision is drawn
    await pickerTab.click()
    const kneeToChest = page.locator('li', {
      has: page.getByRole('button', { name: /^Move Knee-to-chest/ })
    })
    await kneeToChest.getByLabel('Sets').fill('3')
    await page.getByText(/^All changes saved/).waitFor()
    await previewTab.click()
    await expect.poll(async () => (await firstPage().screenshot()).equals(mine)).toBe(false)
    expect(await firstPage().getAttribute('data-seen')).toBeNull()
    const edited = await firstPage().screenshot()
    await firstPage().evaluate((canvas) => (canvas.dataset.seen = 'edited'))
    await pickerTab.click()
    // another patient's draft, reached in-app while this page 1 is kept (and its own warmed up)
    const other = await patientWithReliefProgram(app.host, {
      fullName: 'Ingrid Ødegård',
      dateOfBirth: '1966-07-15'
    })
    await go(page, `/programs/${other.versionId}`)
    await page.getByRole('link', { name: '← Ingrid Ødegård' }).waitFor()
    await previewTab.click()
    await firstPage().waitFor()
    expect(await firstPage().getAttribute('data-seen')).toBeNull()
    const theirs = await firstPage().screenshot()
    expect(theirs.equals(edited)).toBe(false)
    // and back: this draft's preview is its own again
    await go(page, `/programs/${draftId}`)
    await page.getByRole('link', { name: '← Zoë Łukasiewicz' }).waitFor()
    await previewTab.click()
    await expect.poll(async () => (await firstPage().screenshot()).equals(theirs)).toBe(false)
  })

  it('offers a compact layout, two exercises side by side, in the preview', async () => {
    await page.getByRole('tab', { name: 'Preview handout' }).click()
    await firstPage().waitFor()
    const standard = await firstPage().screenshot()
    await page.getByLabel('Layout').selectOption('compact')
    await expect
      .poll(() => callApi<{ layout: string }>(app.host, 'handouts:options', {}))
      .toMatchObject({ layout: 'compact' })
    await expect.poll(async () => (await firstPage().screenshot()).equals(standard)).toBe(false)
    const { versionId, version } = await patientWithReliefProgram(app.host, {
      fullName: 'Ørjan Ågren',
      dateOfBirth: '1971-04-02'
    })
    await callApi(app.host, 'programs:issue', { versionId, version, confirmIncompleteDoses: true })
    const snapshot = await callApi<{ layout: string }>(app.host, 'programs:snapshot', { versionId })
    expect(snapshot.layout).toBe('compact')
    // the issue froze it: back to standard, the issued version still prints compact, byte for byte
    const before = await callApiBytes(app.host, 'handouts:pdf', { versionId })
    await page.getByLabel('Layout').selectOption('standard')
    await expect
      .poll(() => callApi<{ layout: string }>(app.host, 'handouts:options', {}))
      .toMatchObject({ layout: 'standard' })
    const after = await callApiBytes(app.host, 'handouts:pdf', { versionId })
    expect(after.equals(before)).toBe(true)
  })

  it('issues the program and downloads its PDF', async () => {
    await page.getByRole('button', { name: 'Issue program' }).click()
    await page.getByText('Version 1 · Issued').waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF' }).click()
    ])
    expect(download.suggestedFilename()).toMatch(
      /^Zoë Łukasiewicz - Runner's low back pain — relief - \d{4}-\d{2}-\d{2}\.pdf$/
    )
    const bytes = readFileSync((await download.path())!)
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(qpdfCheck(bytes).ok).toBe(true)
    const { text } = await pdfText(bytes)
    expect(text).toContain('Zoë Łukasiewicz')
    expect(text).toContain('4 sets of 10')
    await page.getByText(/^Downloaded “/).waitFor()
  })

  it('remembers the handout options for the clinic', async () => {
    await page.getByLabel('Large print').check()
    await expect
      .poll(() => callApi<{ largePrint: boolean }>(app.host, 'handouts:options', {}))
      .toMatchObject({ largePrint: true })
    await page.reload()
    await page.getByRole('img', { name: /^Handout page 1 of/ }).waitFor()
    expect(await page.getByLabel('Large print').isChecked()).toBe(true)
  })
})
