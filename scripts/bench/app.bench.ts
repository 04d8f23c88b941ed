/**
 * The app as a person meets it: the built browser host on a copy of the
 * large clinic, opened in Chromium with an empty cache each time, timed to
 * a usable first screen (the follow-up dashboard and the counts shown); the
 * JavaScript that first screen loaded, gzipped; and how soon a handout
 * preview shows.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { it } from 'vitest'
import { chromiumMissing, launchBrowser, startHost, type RunningHost } from '../../tests/e2e/host'
import { clinicDescription, largeClinicFolder } from './clinic'
import { recordResults, summarize, table } from './measure'

const assets = resolve('out/renderer/assets')
const loads = 15
const gzipped = (file: string) => gzipSync(readFileSync(join(assets, file))).length
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** The moment, in ms since navigation started, the dashboard and the counts are both on screen. */
async function usableAt(page: Page, url: string): Promise<number> {
  await page.goto(url)
  const at = await page.waitForFunction(
    () =>
      document.querySelector('.followups') && document.querySelector('.stats .stat strong')
        ? performance.now()
        : false,
    null,
    { polling: 'raf', timeout: 30_000 }
  )
  return Number(await at.jsonValue())
}

async function firstScreens(browser: Browser, host: RunningHost) {
  const times: number[] = []
  const scripts = new Set<string>()
  for (let load = 0; load <= loads; load++) {
    const context = await browser.newContext()
    const page = await context.newPage()
    page.on('response', (response) => {
      const name = new URL(response.url()).pathname.split('/').pop() ?? ''
      if (name.endsWith('.js')) scripts.add(name)
    })
    const ms = await usableAt(page, host.url)
    // the first load also warms the host's own caches, as any later window finds them
    if (load > 0) times.push(ms)
    await context.close()
  }
  return { times, scripts: [...scripts].sort() }
}

/** A draft of 10 exercises, like the reference handout; not the newest, which the host warms up with. */
const previewedVersion = 9_995

/** From clicking the Preview handout tab to its first page drawn. */
async function previewOpening(page: Page): Promise<number> {
  await page.getByRole('tab', { name: 'Add exercises' }).click()
  const clicked = performance.now()
  await page.getByRole('tab', { name: 'Preview handout' }).click()
  await page.getByRole('img', { name: /^Handout page 1 of \d+$/ }).waitFor({ timeout: 30_000 })
  return performance.now() - clicked
}

/**
 * From the keystroke that changes an exercise's sets to page 1 of the preview
 * drawn again: the autosave pause, the save (which starts the render in main)
 * and the preview call that takes it, and pdf.js drawing the page.
 */
async function doseRepaint(page: Page): Promise<number> {
  const sets = page.getByLabel('Sets').first()
  const next = String((Number(await sets.inputValue()) % 9) + 1)
  await sets.selectText()
  await page.evaluate(() => {
    const shown = document.querySelector<HTMLElement>('[aria-label="Handout pages"] canvas')
    if (shown) shown.dataset.before = 'edit'
    const typed = window as unknown as { typedAt: number }
    addEventListener('keydown', () => (typed.typedAt = performance.now()), { once: true })
  })
  await sets.press(next)
  const drawn = await page.waitForFunction(
    () => {
      const first = document.querySelector<HTMLElement>('[aria-label="Handout pages"] canvas')
      const typed = window as unknown as { typedAt: number }
      return first && !first.dataset.before ? performance.now() - typed.typedAt : false
    },
    null,
    { polling: 'raf', timeout: 30_000 }
  )
  return Number(await drawn.jsonValue())
}

/**
 * What `npm start` feels like: from starting the host process to a usable
 * first screen; then, a few seconds in (a clinician picking a patient), the
 * first handout preview of the session, then the preview opened again (its
 * last pages show while the handout renders afresh), then a few dose edits.
 */
async function sessions(browser: Browser, dataDir: string) {
  const starts: number[] = []
  const firstPreviews: number[] = []
  const laterPreviews: number[] = []
  const repaints: number[] = []
  for (let run = 0; run < 5; run++) {
    const started = performance.now()
    const host = await startHost(dataDir)
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    const page = await context.newPage()
    await usableAt(page, host.url)
    starts.push(performance.now() - started)
    await new Promise((settle) => setTimeout(settle, 3000 - (performance.now() - started)))
    await page.goto(`${host.origin}/programs/${previewedVersion}`)
    firstPreviews.push(await previewOpening(page))
    laterPreviews.push(await previewOpening(page))
    for (let edit = 0; edit < 4; edit++) {
      repaints.push(await doseRepaint(page))
      // a pause between edits, as a person reads what changed
      await new Promise((settle) => setTimeout(settle, 300))
    }
    await context.close()
    await host.stop()
  }
  return { starts, firstPreviews, laterPreviews, repaints }
}

it('first screen in the browser host', async () => {
  const missing = await chromiumMissing()
  if (missing) {
    console.log(`\nFirst screen NOT MEASURED: ${missing}\n`)
    return
  }
  const folder = largeClinicFolder()
  const browser = await launchBrowser()
  let measured: Awaited<ReturnType<typeof firstScreens>>
  let started: Awaited<ReturnType<typeof sessions>>
  try {
    const host = await startHost(folder.dataDir)
    try {
      measured = await firstScreens(browser, host)
    } finally {
      await host.stop()
    }
    started = await sessions(browser, folder.dataDir)
  } finally {
    await browser.close()
    folder.remove()
  }
  const firstScreenJs = measured.scripts.reduce((sum, file) => sum + gzipped(file), 0)
  const allJs = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipped(file), 0)
  const timings = [
    summarize(
      `usable first screen, page with empty cache (${loads} loads)`,
      measured.times,
      '≤ 1,000 ms'
    ),
    summarize('host process start to usable first screen (5 starts)', started.starts),
    summarize('first handout preview of a session, tab to page 1', started.firstPreviews),
    summarize('the preview opened again, tab to page 1', started.laterPreviews),
    summarize(
      'edit a dose → page 1 repainted, from the keystroke (20 edits)',
      started.repaints,
      '≤ 270 ms: the 120 ms autosave pause + 150'
    )
  ]
  console.log(
    `\nBrowser host on the large clinic (${clinicDescription}), Chromium, empty cache per load\n\n${table(timings)}\n\n` +
      `First screen JavaScript: ${kb(firstScreenJs)} gzip in ${measured.scripts.length} files (target ≤ 250 KB): ${measured.scripts.join(', ')}\n` +
      `All renderer JavaScript, lazy chunks included (PDF preview, charts): ${kb(allJs)} gzip\n`
  )
  recordResults('app', {
    timings,
    firstScreenJsGzipBytes: firstScreenJs,
    firstScreenScripts: measured.scripts,
    allJsGzipBytes: allJs
  })
})
