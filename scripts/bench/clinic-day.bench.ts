/**
 * A compressed clinic day through the browser host's api, on a copy of the
 * large clinic: 2,000 handout previews, 300 program saves, 60 visits, 40
 * issued handouts, 10 backups, one 900-exercise import and searches
 * throughout, one call after another as one clinician's window would make
 * them. The host measures itself (probe.mjs) every 50 previews: resident
 * memory of the whole process (main thread and workers), file descriptors,
 * active handles. Run alone with `npx vitest run --config vitest.bench.config.mts clinic-day`
 * after `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { it } from 'vitest'
import { emptyDose } from '@shared/dose'
import type { AnyJobStatus, ProgramVersion } from '@shared/types'
import type { CDPSession, Page } from 'playwright-core'
import {
  callApi,
  callApiBytes,
  chromiumMissing,
  go,
  launchBrowser,
  startHost,
  type RunningHost
} from '../../tests/e2e/host'
import { visitInput } from '../../tests/unit/visit-input'
import { clinicDescription, clinicSize, largeClinicFolder } from './clinic'
import { importFolder } from './import-folder'
import { machine, recordResults } from './measure'

/** PHYSIOPLAN_DAY_SCALE=0.25 runs a quarter of the day, to iterate on a change. */
const scale = Number(process.env.PHYSIOPLAN_DAY_SCALE ?? 1)
const day = Object.fromEntries(
  Object.entries({ previews: 2_000, saves: 300, visits: 60, issued: 40, backups: 10 }).map(
    ([name, count]) => [name, Math.max(1, Math.round(count * scale))]
  )
) as Record<'previews' | 'saves' | 'visits' | 'issued' | 'backups', number>
const sampleEvery = Math.max(5, Math.round(50 * scale))
const importAt = Math.round(day.previews * 0.3)

export interface Sample {
  at: number
  rssMb: number
  peakRssMb: number
  /** the host's proportional set size (its shared pages split with the processes sharing them) */
  pssMb: number
  /** the host with its child process (the import's), at their highest while one ran, summed */
  group: { rssMb: number; pssMb: number; hostRssChildPrivateMb: number; childPssMb: number }
  anonMb: number
  fileMb: number
  shmemMb: number
  threads: number
  heapUsedMb: number
  heapTotalMb: number
  externalMb: number
  arrayBuffersMb: number
  /** the process's CPU time so far, main thread and workers */
  cpuMs: number
  fds: number
  handles: Record<string, number>
  /** each live worker thread's V8 heap, in the order they started */
  workers: { usedMb: number; totalMb: number; externalMb: number }[]
  /** the main thread's full collections since the host started */
  fullCollections: number
  /** api calls made before this sample */
  operations: number
}

/** The browser host with the probe loaded, and a way to ask it for a sample. */
async function probedHost(dataDir: string) {
  const probeFile = join(dataDir, 'probe.jsonl')
  const saved = { ...process.env }
  process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --import=${resolve('scripts/bench/probe.mjs')}`
  process.env.PHYSIOPLAN_PROBE_FILE = probeFile
  let host: RunningHost
  try {
    host = await startHost(dataDir)
  } finally {
    process.env = saved
  }
  const lines = () => readFileSync(probeFile, 'utf8').trim().split('\n')
  const { pid } = JSON.parse(lines()[0]!) as { pid: number }
  // the import's child process writes a line of its own as it exits
  const sampleLines = () => lines().filter((line) => line.startsWith('{"at":'))
  return {
    host,
    /** the probe's last line: why the host stopped, when it did */
    lastWords: () => lines().at(-1),
    /** the peak resident memory of each child process (an import's), as it exited */
    childPeaksMb: () =>
      lines()
        .map((line) => JSON.parse(line) as { child?: number; peakRssMb?: number })
        .flatMap(({ child, peakRssMb }) => (child && peakRssMb ? [peakRssMb] : [])),
    async sample(operations: number): Promise<Sample> {
      const before = sampleLines().length
      process.kill(pid, 'SIGUSR2')
      while (sampleLines().length === before) await new Promise((tick) => setTimeout(tick, 5))
      return { ...(JSON.parse(sampleLines().at(-1)!) as Sample), operations }
    }
  }
}

/** True on the `count` slots of `total` spread evenly, the first one included. */
const spread = (slot: number, count: number, total = day.previews) =>
  Math.floor(((slot + 1) * count) / total) > Math.floor((slot * count) / total)

/** Least-squares slope of y against x. */
function slope(points: [number, number][]): number {
  const n = points.length
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0)
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0)
  return sxx === 0 ? 0 : sxy / sxx
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length / 2
  return Number.isInteger(middle)
    ? (sorted[middle - 1]! + sorted[middle]!) / 2
    : sorted[middle - 0.5]!
}

/**
 * Theil–Sen slope: the median of the slopes between every two points. A
 * sample that lands on a passing high (a worker's heap between its
 * collections) moves a least-squares fit, the more so near the ends; it moves
 * this one only as one pair in many, so it tells whether the floor rises.
 */
function medianSlope(points: [number, number][]): number {
  const slopes = points.flatMap(([x1, y1], i) =>
    points.slice(i + 1).map(([x2, y2]) => (y2 - y1) / (x2 - x1))
  )
  return median(slopes)
}

const searches = ['ham', 'pla', 'squ', 'bri', 'çağ', 'łuk', 'fer', 'mor', 'oka', 'tan']

/** The whole day against one host; returns the samples taken along the way. */
async function clinicDay(host: RunningHost, sample: (operations: number) => Promise<Sample>) {
  let operations = 0
  const api = <T>(channel: string, input: unknown): Promise<T> => {
    operations++
    return callApi<T>(host, channel, input)
  }
  // a handout comes back as the PDF itself, not as JSON
  const apiFile = (channel: string, input: unknown): Promise<Buffer> => {
    operations++
    return callApiBytes(host, channel, input)
  }
  const waitFor = async (jobId: string) => {
    const read = () => api<AnyJobStatus>('jobs:progress', { jobId })
    let status = await read()
    while (status.state === 'running') {
      await new Promise((tick) => setTimeout(tick, 50))
      status = await read()
    }
    if (status.state === 'failed') throw new Error('a backup or the import failed')
  }
  // made before the first call: the seconds it takes (more on a busy machine) would leave
  // the connection idle long enough for the server to close it under the next request
  const folder = importFolder(join(host.dataDir, 'import'), 900)
  const exerciseIds = (await api<{ id: number }[]>('exercises:list', { query: 'stretch' })).map(
    ({ id }) => id
  )
  let patient = 1
  const newDraft = async () =>
    api<ProgramVersion>('programs:create', {
      patientId: (patient += 211),
      source: { kind: 'blank' }
    })
  let draft = await newDraft()
  let saves = 0
  const samples = [await sample(operations)]
  let beforeImport = samples[0]!
  for (let slot = 0; slot < day.previews; slot++) {
    const query = searches[slot % searches.length]!
    await api(slot % 2 ? 'patients:list' : 'exercises:list', { query })
    let previewed = 1 + ((slot * 7919) % clinicSize.programs)
    if (spread(slot, day.saves)) {
      saves++
      // each save's answer is the draft the next one is based on, as in the builder
      draft = await api<ProgramVersion>('programs:save', {
        versionId: draft.id,
        version: draft.version,
        title: 'Home program',
        goals: `Back to running, save ${saves}`,
        startDate: null,
        reviewDate: null,
        items: exerciseIds.slice(0, 3 + (saves % 8)).map((exerciseId) => ({
          exerciseId,
          dose: { ...emptyDose, sets: 3, reps: 10, perDay: 1 }
        })),
        advice: []
      })
      // the builder's preview follows each autosave
      previewed = draft.id
    }
    const options =
      slot % 10 === 0
        ? { paper: slot % 20 ? 'A4' : 'LETTER', largePrint: true, pictures: true, diaryWeeks: 2 }
        : undefined
    await apiFile('handouts:preview', { versionId: previewed, ...(options ? { options } : {}) })
    if (spread(slot, day.visits)) {
      await api('patients:get', { id: patient })
      await api('visits:list', { patientId: patient })
      await api('visits:create', { patientId: patient, ...visitInput({ subjective: 'Better.' }) })
      await api('dashboard:get', {})
    }
    if (spread(slot, day.issued)) {
      await api('programs:issue', { versionId: draft.id, version: draft.version })
      await apiFile('handouts:pdf', { versionId: draft.id })
      draft = await newDraft()
    }
    if (spread(slot, day.backups)) {
      const { jobId } = await api<{ jobId: string }>('backups:start', { saveAs: false })
      await waitFor(jobId)
    }
    if (slot === importAt) {
      beforeImport = samples.at(-1)!
      await api('import:preview', { folder })
      const { jobId } = await api<{ jobId: string }>('import:start', { folder })
      await waitFor(jobId)
    }
    if ((slot + 1) % sampleEvery === 0) samples.push(await sample(operations))
  }
  return { samples, beforeImport }
}

/**
 * Peak, end and the second half's slope, per 1,000 api calls and per minute.
 * The import runs in a child process: while it ran, the day's memory is the
 * two processes' summed PSS, which counts each page they share (the Node
 * binary's, the libraries') once; their summed resident memory counts those
 * twice, and the host's resident memory plus the child's private memory is
 * the bound that doesn't depend on how PSS splits pages with other processes.
 */
export function summarizeDay(samples: Sample[], beforeImport: Sample, childPeaksMb: number[]) {
  const first = samples[0]!
  const hostPeakMb = Math.max(...samples.map((s) => s.peakRssMb))
  const importPeakMb = Math.max(0, ...childPeaksMb)
  const last = samples.at(-1)!
  const { group } = last
  const half = samples.filter((s) => s.operations >= last.operations / 2)
  const handles = (s: Sample) => Object.values(s.handles).reduce((sum, n) => sum + n, 0)
  return {
    startMb: first.rssMb,
    peakMb: Math.max(hostPeakMb, group.pssMb),
    hostPeakMb,
    importPeakMb,
    beforeImportMb: beforeImport.rssMb,
    group,
    peakSampledMb: Math.max(...samples.map((s) => s.rssMb)),
    endMb: last.rssMb,
    secondHalfMbPer1000Operations: slope(half.map((s) => [s.operations / 1000, s.rssMb])),
    secondHalfMbPerMinute: slope(half.map((s) => [s.at / 60_000, s.rssMb])),
    secondHalfMedianSlope: medianSlope(half.map((s) => [s.operations / 1000, s.rssMb])),
    // the second half's first and last fifths of samples, each as its median
    secondHalfEndsMb: {
      first: median(half.slice(0, Math.ceil(half.length / 5)).map((s) => s.rssMb)),
      last: median(half.slice(-Math.ceil(half.length / 5)).map((s) => s.rssMb))
    },
    operations: last.operations,
    minutes: (last.at - first.at) / 60_000,
    cpuSeconds: (last.cpuMs - first.cpuMs) / 1000,
    mainHeapTotalEndMb: last.heapTotalMb,
    // what the second half's slope is made of: the main thread's heap rises between its full collections
    mainFullCollections: last.fullCollections - first.fullCollections,
    secondHalfMainHeapUsedMb: { start: half[0]!.heapUsedMb, end: last.heapUsedMb },
    fds: { start: first.fds, end: last.fds },
    handles: {
      start: handles(first),
      end: handles(last),
      startKinds: first.handles,
      endKinds: last.handles
    }
  }
}

const mb = (value: number) => `${value.toFixed(0)} MB`

it('clinic day: memory, file descriptors and handles of the browser host', async () => {
  if (!existsSync(resolve('out/main/web.js')))
    throw new Error('out/main/web.js is missing: `npm run bench` builds it first.')
  const folder = largeClinicFolder()
  let run: Awaited<ReturnType<typeof clinicDay>>
  let childPeaksMb: number[]
  try {
    const { host, sample, lastWords, childPeaksMb: childPeaks } = await probedHost(folder.dataDir)
    try {
      run = await clinicDay(host, sample)
      childPeaksMb = childPeaks()
    } catch (error) {
      throw new Error(`The day stopped; the host's probe last said: ${lastWords()}`, {
        cause: error
      })
    } finally {
      await host.stop()
    }
  } finally {
    folder.remove()
  }
  const { samples, beforeImport } = run
  const summary = summarizeDay(samples, beforeImport, childPeaksMb)
  console.log(
    `\nClinic day through the browser host's api on the large clinic (${clinicDescription})\n` +
      `${day.previews} previews, ${day.saves} saves, ${day.visits} visits, ${day.issued} issued handouts, ${day.backups} backups, one 900-exercise import, searches: ${summary.operations} api calls in ${summary.minutes.toFixed(1)} min\n` +
      `Machine: ${machine()}\n\n` +
      [
        ['measure', 'result', 'target'],
        ['resident memory at start', mb(summary.startMb), ''],
        [
          "peak (host's VmHWM, or host + import's PSS)",
          `${mb(summary.peakMb)} (host's VmHWM ${mb(summary.hostPeakMb)}; with the import: PSS ${mb(summary.group.pssMb)}, of it the child's ${mb(summary.group.childPssMb)})`,
          '≤ 250 MB'
        ],
        [
          'host + import, other measures',
          `RSS summed ${mb(summary.group.rssMb)}; host RSS + child private ${mb(summary.group.hostRssChildPrivateMb)}; child's VmHWM ${mb(summary.importPeakMb)} (host ${mb(summary.beforeImportMb)} before)`,
          ''
        ],
        [
          'end',
          `${mb(summary.endMb)} (main thread's V8 heap ${mb(summary.mainHeapTotalEndMb)})`,
          ''
        ],
        ['host CPU over the day (main + workers)', `${summary.cpuSeconds.toFixed(1)} s`, ''],
        [
          "main thread's full collections; its heap",
          `${summary.mainFullCollections} over the day; heap used ${mb(summary.secondHalfMainHeapUsedMb.start)} → ${mb(summary.secondHalfMainHeapUsedMb.end)} over the second half`,
          ''
        ],
        [
          'second half slope',
          `${summary.secondHalfMbPer1000Operations.toFixed(2)} MB per 1,000 api calls (${summary.secondHalfMbPerMinute.toFixed(2)} MB/min); median slope ${summary.secondHalfMedianSlope.toFixed(2)}; ${mb(summary.secondHalfEndsMb.first)} → ${mb(summary.secondHalfEndsMb.last)} (first and last fifth, medians)`,
          'no growth'
        ],
        ['file descriptors, start → end', `${summary.fds.start} → ${summary.fds.end}`, 'flat'],
        ['active handles, start → end', `${summary.handles.start} → ${summary.handles.end}`, 'flat']
      ]
        .map(([a, b, c]) => `${a!.padEnd(44)}${b!.padEnd(96)} ${c}`)
        .join('\n') +
      `\n\nSamples (api calls: resident MB (anonymous+file+shared) PSS MB / main heap used MB / external MB [workers' heaps, reserved MB]): ${samples
        .map(
          (s) =>
            `${s.operations}: ${s.rssMb.toFixed(0)} (${s.anonMb.toFixed(0)}+${s.fileMb.toFixed(0)}+${s.shmemMb.toFixed(0)}) ${s.pssMb.toFixed(0)}/${s.heapUsedMb.toFixed(0)}/${s.externalMb.toFixed(0)} [${s.workers.map((w) => w.totalMb.toFixed(0)).join(' ')}]`
        )
        .join(', ')}\n`
  )
  recordResults('clinicDay', { size: clinicDescription, day, ...summary, samples })
})

/** The renderer's JavaScript heap after a forced full collection, and its DOM's size. */
async function rendererHeap(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  return {
    heapMb: usedSize / 2 ** 20,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners')
  }
}

/** Each round: four screens, then a program with its preview opened twice. */
const screens = (round: number) => [
  '/',
  '/patients',
  '/library',
  round % 2 ? '/templates' : '/settings'
]
const rounds = 100

async function openPreview(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Add exercises' }).click()
  await page.getByRole('tab', { name: 'Preview handout' }).click()
  await page.getByRole('img', { name: /^Handout page 1 of \d+$/ }).waitFor({ timeout: 30_000 })
}

async function rendererDay(page: Page, cdp: CDPSession) {
  const round = async (n: number) => {
    for (const screen of screens(n)) await go(page, screen)
    await go(page, `/programs/${1 + ((n * 7919) % clinicSize.programs)}`)
    await openPreview(page)
    await openPreview(page)
  }
  await round(0) // loads the lazy chunks and pdf.js, as the first minutes of a day do
  const samples = [{ round: 0, ...(await rendererHeap(cdp)) }]
  for (let n = 1; n <= rounds; n++) {
    await round(n)
    if (n % 10 === 0) samples.push({ round: n, ...(await rendererHeap(cdp)) })
  }
  return samples
}

it('clinic day in Chromium: the renderer after 500 screens and 200 previews', async () => {
  const missing = await chromiumMissing()
  if (missing) {
    console.log(`\nRenderer day NOT MEASURED: ${missing}\n`)
    return
  }
  const folder = largeClinicFolder()
  const browser = await launchBrowser()
  const chromium = browser.version()
  let samples: Awaited<ReturnType<typeof rendererDay>>
  try {
    const host = await startHost(folder.dataDir)
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      await page.goto(host.url)
      await page.locator('.followups').waitFor()
      samples = await rendererDay(page, cdp)
    } finally {
      await host.stop()
    }
  } finally {
    await browser.close()
    folder.remove()
  }
  const [first, last] = [samples[0]!, samples.at(-1)!]
  const growthMb = last.heapMb - first.heapMb
  console.log(
    `\nThe renderer in Chromium ${chromium} through ${rounds * 5} screens and ${rounds * 2} handout previews, heap after a forced collection:\n` +
      `start ${first.heapMb.toFixed(1)} MB, end ${last.heapMb.toFixed(1)} MB: ${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB (target: within 50 MB); ` +
      `DOM nodes ${first.nodes} → ${last.nodes}, event listeners ${first.listeners} → ${last.listeners}\n` +
      `Samples (round: heap MB / DOM nodes): ${samples.map((s) => `${s.round}: ${s.heapMb.toFixed(1)}/${s.nodes}`).join(', ')}\n`
  )
  recordResults('rendererDay', {
    chromium,
    screens: rounds * 5,
    previews: rounds * 2,
    startHeapMb: first.heapMb,
    endHeapMb: last.heapMb,
    growthMb,
    samples
  })
})
