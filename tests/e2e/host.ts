/** Starts the built browser host on a temporary data folder, and a Chromium (see chromium.ts). */
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { pdfText } from '../unit/pdf-tools'
import { appEnv } from '../../scripts/start-shell.mjs'
import { findChromium } from './chromium'

const webEntry = resolve('out/main/web.js')

export interface RunningHost {
  url: string
  origin: string
  dataDir: string
  stop: () => Promise<void>
}

export function makeDataDir(): { dataDir: string; remove: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'physioplan-e2e-'))
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) }
}

export async function startHost(dataDir: string, extraArgs: string[] = []): Promise<RunningHost> {
  if (!existsSync(webEntry))
    throw new Error('out/main/web.js is missing: run `npm run build` first.')
  const child: ChildProcess = spawn(
    process.execPath,
    [webEntry, '--port', '0', '--data-dir', dataDir, ...extraArgs],
    // started as the launchers start it (scripts/start-shell.mts)
    { env: appEnv(process.env), stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`browser host did not start:\n${output}`)),
      20_000
    )
    const read = (chunk: Buffer): void => {
      // the clinic-day benchmark's V8 trace (PHYSIOPLAN_PROBE_TRACE_GC) goes to the host's output
      if (process.env.PHYSIOPLAN_HOST_LOG) appendFileSync(process.env.PHYSIOPLAN_HOST_LOG, chunk)
      output += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}):\n${output}`)))
  })
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      })
  }
}

/** Calls the api as the page would: for test setup only, the UI is what is tested. */
function post(host: RunningHost, channel: string, input: unknown): Promise<Response> {
  const token = new URL(host.url).hash.replace('#token=', '')
  return fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: JSON.stringify(input)
  })
}

export async function callApi<T>(host: RunningHost, channel: string, input: unknown): Promise<T> {
  const response = await post(host, channel, input)
  const result = (await response.json()) as { ok: boolean; data: T; error?: { message: string } }
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`)
  return result.data
}

/** A file answer's bytes (a handout's PDF): the browser host sends them as the body itself. */
export async function callApiBytes(
  host: RunningHost,
  channel: string,
  input: unknown
): Promise<Buffer> {
  const response = await post(host, channel, input)
  if (response.headers.get('content-type')?.startsWith('application/json'))
    throw new Error(`${channel}: ${JSON.stringify(await response.json())}`)
  return Buffer.from(await response.arrayBuffer())
}

/** The built-in relief template's exercises, in order. */
export const reliefExercises = [
  'Cat-camel',
  'Knee-to-chest stretch',
  "Child's pose",
  'Pelvic tilt',
  'Lying knee twist'
]

/** A new patient with a draft program from the built-in relief template, made through the api. */
export async function patientWithReliefProgram(
  host: RunningHost,
  patient: { fullName: string; dateOfBirth: string }
): Promise<{ patientId: number; versionId: number; version: number }> {
  const { id: patientId } = await callApi<{ id: number }>(host, 'patients:create', patient)
  const templates = await callApi<{ id: number; name: string }[]>(host, 'templates:list', {})
  const relief = templates.find((template) => template.name.endsWith('relief'))!
  const { id: versionId, version } = await callApi<{ id: number; version: number }>(
    host,
    'programs:create',
    { patientId, source: { kind: 'template', templateId: relief.id } }
  )
  return { patientId, versionId, version }
}

/** Why there is no Chromium to drive here, or null when there is one (the benchmark skips then). */
export const chromiumMissing = (): Promise<string | null> =>
  findChromium().then(
    () => null,
    (error: Error) => error.message
  )

export async function launchBrowser(): Promise<Browser> {
  const found = await findChromium()
  return chromium.launch({
    executablePath: found.executablePath,
    ...(found.env && { env: { ...process.env, ...found.env } }),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  })
}

export interface BrowserHost {
  readonly host: RunningHost
  /**
   * A tab in the run's one browser profile, opened at the printed address (so
   * it holds the token), then at `url`; `withToken: false` skips the address.
   */
  openTab: (url?: string, options?: { withToken: boolean }) => Promise<Page>
  /**
   * Stops the host and starts it again on the same data folder, as a restart
   * of the app; `between` runs while it is stopped.
   */
  restart: (between?: () => void) => Promise<void>
}

/**
 * One browser host on a fresh data folder and one Chromium for a test file,
 * started before its tests and removed after; any uncaught page error fails
 * the file. The first day's clinic-details question is answered "Skip for
 * now" first, so issuing goes straight on, unless `firstDay` keeps it.
 */
export function useBrowserHost(options: { firstDay?: boolean } = {}): BrowserHost {
  const data = makeDataDir()
  const pageErrors: string[] = []
  let browser: Browser
  let context: BrowserContext
  let host: RunningHost
  beforeAll(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true
    })
    host = await startHost(data.dataDir)
    if (!options.firstDay) await callApi(host, 'clinic:skipDetails', { skip: true })
  })
  afterAll(async () => {
    await browser?.close()
    await host?.stop()
    data.remove()
    expect(pageErrors).toEqual([])
  })
  return {
    get host() {
      return host
    },
    async openTab(url, options = { withToken: true }) {
      const tab = await context.newPage()
      tab.on('pageerror', (error) => pageErrors.push(error.message))
      tab.on('dialog', (dialog) => void dialog.accept())
      if (options.withToken) await tab.goto(host.url)
      if (url) await tab.goto(url)
      return tab
    },
    async restart(between) {
      await host.stop()
      between?.()
      host = await startHost(data.dataDir)
    }
  }
}

/** Issues the open draft (the confirmation is accepted) and waits until it shows as issued. */
export async function issueProgram(page: Page, versionNo: number): Promise<void> {
  await page.getByRole('button', { name: 'Issue program' }).click()
  await page.getByText(`Version ${versionNo} · Issued`).waitFor()
}

/** Downloads the open issued version's handout, as the browser host offers it, as text. */
export async function handoutText(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PDF' }).click()
  ])
  return (await pdfText(readFileSync((await download.path())!))).text
}

/** A date as the app shows it ("20 Nov 2026" or as the browser's language writes it). */
export const shownDate = (page: Page, iso: string): Promise<string> =>
  page.evaluate((day) => {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number]
    return new Date(year, month - 1, date).toLocaleDateString(undefined, {
      day: 'numeric',
      month: 'short',
      year: 'numeric'
    })
  }, iso)

/** An ISO date `offset` days from today. */
export const isoDay = (offset: number): string =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/**
 * In-app navigation, as a click on a link does: the page (its heap, and what
 * it warmed up) stays, as in the desktop app, which loads its page once.
 */
export async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState({}, '', to)
    dispatchEvent(new PopStateEvent('popstate'))
  }, path)
  await page.waitForFunction((to) => location.pathname === to, path)
}
