/**
 * The reference handout: our renderer in its four variants, the same
 * content printed by a warm headless Chromium (the way most Electron apps
 * make PDFs), and a 40-exercise handout through the built worker while the
 * main thread's event loop is watched. PDFs go to .bench/handouts/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { it } from 'vitest'
import type { HandoutOptions, ProgramSnapshot } from '@shared/types'
import type { Db } from '../../src/main/core/db/open'
import { buildHandout } from '../../src/main/core/handout/document'
import { renderPdf } from '../../src/main/core/handout/render'
import { handoutAssets } from '../../src/main/core/handouts'
import { createOffThread, type OffThread } from '../../src/main/offthread/pool'
import { chromiumMissing, launchBrowser } from '../../tests/e2e/host'
import { footerHtml, handoutHtml } from './handout-html'
import { recordResults, summarize, table, withLoopWatch, type Timing } from './measure'
import { longSnapshot, referenceHandout, referenceOptions, resourcesDir } from './reference-handout'

const runs = 25
const fonts = join(resourcesDir, 'fonts')
const dir = join('.bench', 'handouts')
const workerFile = resolve('out/main/worker.js')

async function timeRuns(work: () => Promise<unknown>): Promise<number[]> {
  for (let run = 0; run < 5; run++) await work()
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  return times
}

async function ours(db: Db, snapshot: ProgramSnapshot): Promise<Timing[]> {
  const timings: Timing[] = []
  for (const [name, options] of Object.entries(referenceOptions)) {
    const render = () =>
      renderPdf(buildHandout(snapshot, options, handoutAssets(db, snapshot, resourcesDir)), fonts)
    writeFileSync(join(dir, `reference-${name}.pdf`), await render())
    timings.push(
      summarize(
        `PhysioPlan (pdfmake), ${name}`,
        await timeRuns(render),
        name === 'a4' ? 'median < 60 ms' : undefined
      )
    )
  }
  return timings
}

/** The same A4 handout as HTML, printed by Chromium's page.pdf(); null when there is no Chromium. */
async function peer(db: Db, snapshot: ProgramSnapshot, options: HandoutOptions) {
  if (await chromiumMissing()) return null
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    const print = async () => {
      await page.setContent(
        handoutHtml(snapshot, options, handoutAssets(db, snapshot, resourcesDir), fonts),
        { waitUntil: 'load' }
      )
      return page.pdf({
        format: 'A4',
        // the PDF's margins: 40 pt, and 54 pt at the foot
        margin: { top: '14.11mm', right: '14.11mm', bottom: '19.05mm', left: '14.11mm' },
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footerHtml(snapshot.clinic.clinicName)
      })
    }
    writeFileSync(join(dir, 'reference-a4-chromium.pdf'), await print())
    return {
      timing: summarize('Chromium page.pdf() of the same HTML, warm, a4', await timeRuns(print)),
      version: browser.version()
    }
  } finally {
    await browser.close()
  }
}

/** A long handout rendered in the worker, then on the main thread, with the event loop watched. */
async function offMainThread(db: Db, snapshot: ProgramSnapshot) {
  const long = longSnapshot(snapshot, 40)
  const job = {
    snapshot: long,
    options: referenceOptions.a4!,
    assets: handoutAssets(db, long, resourcesDir),
    fontsDir: fonts
  }
  const watch = async (offThread: OffThread) => {
    await offThread.run('handout', job) // warm
    const watched = await withLoopWatch(() => offThread.run('handout', job))
    await offThread.close()
    return watched
  }
  return {
    worker: await watch(createOffThread(workerFile)),
    inline: await watch(createOffThread(null))
  }
}

it('reference handout', async () => {
  if (!existsSync(workerFile))
    throw new Error('out/main/worker.js is missing: `npm run bench` builds it first.')
  mkdirSync(dir, { recursive: true })
  const { db, snapshot } = referenceHandout()
  const timings = await ours(db, snapshot)
  const chromiumRun = await peer(db, snapshot, referenceOptions.a4!)
  const long = await offMainThread(db, snapshot)
  db.close()

  const a4 = timings[0]!
  const lines = [
    `\nReference handouts (10 exercises with pictures, 2-week diary) written to ${dir}/\n`
  ]
  if (chromiumRun) {
    timings.push({ ...chromiumRun.timing, target: 'PhysioPlan ≥ 2× faster' })
    lines.push(table(timings))
    lines.push(
      `\nChromium ${chromiumRun.version} / PhysioPlan, median: ${(chromiumRun.timing.medianMs / a4.medianMs).toFixed(2)}× (higher is better for PhysioPlan)`
    )
  } else {
    lines.push(table(timings))
    lines.push(
      '\nPeer comparison NOT RUN: no Chromium here (see the README: PHYSIOPLAN_CHROMIUM, an installed one, or the npm-packaged one on Linux x64).'
    )
  }
  lines.push(
    `\n40-exercise handout in the worker: ${long.worker.ms.toFixed(0)} ms; main thread's longest block meanwhile ${long.worker.longestBlockMs} ms (target ≤ 50 ms).`,
    `The same on the main thread, for comparison: ${long.inline.ms.toFixed(0)} ms, blocking it for ${long.inline.longestBlockMs} ms.\n`
  )
  console.log(lines.join('\n'))
  recordResults('handout', {
    timings,
    chromium: chromiumRun
      ? { version: chromiumRun.version, ratio: chromiumRun.timing.medianMs / a4.medianMs }
      : null,
    fortyExercises: {
      workerMs: long.worker.ms,
      mainThreadLongestBlockMs: long.worker.longestBlockMs,
      inlineMs: long.inline.ms,
      inlineLongestBlockMs: long.inline.longestBlockMs
    }
  })
})
