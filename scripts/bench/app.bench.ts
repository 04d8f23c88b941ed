/**
 * The app as a person meets it: the built browser host on a copy of the
 * large clinic, opened in Chromium with an empty cache each time, timed to
 * a usable first screen (the follow-up dashboard and the counts shown); and
 * the JavaScript that first screen loaded, gzipped.
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { it } from 'vitest'
import {
  installedChromium,
  launchBrowser,
  makeDataDir,
  startHost,
  type RunningHost
} from '../../tests/e2e/host'
import { clinicDescription, openClinic } from './clinic'
import { recordResults, summarize, table } from './measure'

const assets = resolve('out/renderer/assets')
const loads = 15
const gzipped = (file: string) => gzipSync(readFileSync(join(assets, file))).length
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** The clinic's database in a fresh data folder, as if the app had been used for years. */
function largeClinicFolder(): ReturnType<typeof makeDataDir> {
  const { db, file } = openClinic()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const folder = makeDataDir()
  copyFileSync(file, join(folder.dataDir, 'physioplan.sqlite3'))
  return folder
}

async function firstScreens(host: RunningHost) {
  const browser = await launchBrowser()
  const times: number[] = []
  const scripts = new Set<string>()
  try {
    for (let load = 0; load <= loads; load++) {
      const context = await browser.newContext()
      const page = await context.newPage()
      page.on('response', (response) => {
        const name = new URL(response.url()).pathname.split('/').pop() ?? ''
        if (name.endsWith('.js')) scripts.add(name)
      })
      await page.goto(host.url)
      // ms since navigation started, read in the page the moment both appear
      const usableAt = await page.waitForFunction(
        () =>
          document.querySelector('.followups') && document.querySelector('.stats .stat strong')
            ? performance.now()
            : false,
        null,
        { polling: 'raf', timeout: 30_000 }
      )
      // the first load also warms the host's own caches, like any second window would find them
      if (load > 0) times.push(Number(await usableAt.jsonValue()))
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return { times, scripts: [...scripts].sort() }
}

it('first screen in the browser host', async () => {
  if (!installedChromium()) {
    console.log(
      '\nFirst screen NOT MEASURED: Chromium is not installed (apt-get install chromium).\n'
    )
    return
  }
  const folder = largeClinicFolder()
  const host = await startHost(folder.dataDir)
  let measured: Awaited<ReturnType<typeof firstScreens>>
  try {
    measured = await firstScreens(host)
  } finally {
    await host.stop()
    folder.remove()
  }
  const firstScreenJs = measured.scripts.reduce((sum, file) => sum + gzipped(file), 0)
  const allJs = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipped(file), 0)
  const timing = summarize(
    `usable first screen, cold page (${loads} loads)`,
    measured.times,
    '≤ 1,000 ms'
  )
  console.log(
    `\nBrowser host on the large clinic (${clinicDescription}), Chromium, empty cache per load\n\n${table([timing])}\n\n` +
      `First screen JavaScript: ${kb(firstScreenJs)} gzip in ${measured.scripts.length} files (target ≤ 250 KB): ${measured.scripts.join(', ')}\n` +
      `All renderer JavaScript, lazy chunks included (PDF preview, charts): ${kb(allJs)} gzip\n`
  )
  recordResults('app', {
    firstScreen: timing,
    firstScreenJsGzipBytes: firstScreenJs,
    firstScreenScripts: measured.scripts,
    allJsGzipBytes: allJs
  })
})
