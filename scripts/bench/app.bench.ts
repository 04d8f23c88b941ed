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
import {
  chromiumMissing,
  go,
  launchBrowser,
  startHost,
  type RunningHost
} from '../../tests/e2e/host'
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

/**
 * From the click on the Preview handout tab (its click event, in the page) to
 * the first page's canvas in the DOM, polled every animation frame.
 */
async function previewOpening(page: Page): Promise<number> {
  await page.evaluate(() => {
    const tab = document.querySelector('#beside-handout')
    const clicked = window as unknown as { clickedAt: number }
    tab?.addEventListener('click', () => (clicked.clickedAt = performance.now()), { once: true })
  })
  await page.getByRole('tab', { name: 'Preview handout' }).click()
  const drawn = await page.waitForFunction(
    () => {
      const first = document.querySelector('[aria-label="Handout pages"] canvas[role="img"]')
      const clicked = window as unknown as { clickedAt?: number }
      return first && clicked.clickedAt ? performance.now() - clicked.clickedAt : false
    },
    null,
    { polling: 'raf', timeout: 30_000 }
  )
  return Number(await drawn.jsonValue())
}

/** The preview closed (back to the exercise picker) and opened again. */
async function previewReopening(page: Page): Promise<number> {
  await page.getByRole('tab', { name: 'Add exercises' }).click()
  await page.getByRole('complementary', { name: 'Add exercises' }).waitFor()
  return previewOpening(page)
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

/** How long a clinician looks at the draft before opening its preview, in the realistic sessions. */
const humanPauseMs = 1000

/**
 * What `npm start` feels like: from starting the host process to a usable
 * first screen; then, 3 s in (a clinician picking a patient), the draft
 * reached by in-app navigation, as a link does (the desktop app loads its page
 * once: a reload would throw away what the app warmed meanwhile), and the
 * first handout preview of the session. Two kinds of session, interleaved:
 * realistic, the tab clicked 1 s after the builder shows (a person reads the
 * draft first), then the preview opened again and a few dose edits; and the
 * worst case, the tab clicked as soon as the builder shows, before its idle
 * warm-up has started. The first preview's target is judged on the realistic line.
 */
async function sessions(browser: Browser, dataDir: string) {
  const starts: number[] = []
  const firstPreviews: number[] = []
  const hastyPreviews: number[] = []
  const laterPreviews: number[] = []
  const repaints: number[] = []
  for (let run = 0; run < 10; run++) {
    const realistic = run % 2 === 0
    const started = performance.now()
    const host = await startHost(dataDir)
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
    const page = await context.newPage()
    await usableAt(page, host.url)
    starts.push(performance.now() - started)
    await new Promise((settle) => setTimeout(settle, 3000 - (performance.now() - started)))
    await go(page, `/programs/${previewedVersion}`)
    await page.getByRole('tab', { name: 'Preview handout' }).waitFor()
    if (!realistic) {
      hastyPreviews.push(await previewOpening(page))
    } else {
      await new Promise((settle) => setTimeout(settle, humanPauseMs))
      firstPreviews.push(await previewOpening(page))
      laterPreviews.push(await previewReopening(page))
      for (let edit = 0; edit < 4; edit++) {
        repaints.push(await doseRepaint(page))
        // a pause between edits, as a person reads what changed
        await new Promise((settle) => setTimeout(settle, 300))
      }
    }
    await context.close()
    await host.stop()
  }
  return { starts, firstPreviews, hastyPreviews, laterPreviews, repaints }
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
    summarize('host process start to usable first screen (10 starts)', started.starts),
    summarize(
      `first handout preview of a session, tab clicked ${humanPauseMs / 1000} s after the builder shows, to page 1`,
      started.firstPreviews,
      '≤ 200 ms'
    ),
    summarize(
      '… worst case: tab clicked as soon as the builder shows (not judged)',
      started.hastyPreviews
    ),
    summarize('the preview opened again, tab to page 1', started.laterPreviews, '≤ 120 ms'),
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
