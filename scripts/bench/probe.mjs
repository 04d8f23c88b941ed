/**
 * Loaded into the browser host by the clinic-day benchmark (NODE_OPTIONS
 * --import), so the host measures itself: on each SIGUSR2 it appends one
 * JSON line to PHYSIOPLAN_PROBE_FILE with the process's resident memory
 * (main thread and workers together: /proc/self/status), the main thread's
 * V8 breakdown, each worker thread's V8 heap (through the `worker_threads`
 * diagnostics channel: the workers the app starts), open file descriptors
 * and active handles. The first line is
 * the host's pid, for the signal; the last says why it stopped. A child
 * process the host forks (an import) inherits the probe and, as it exits,
 * writes its own peak resident memory. While the host has a child process,
 * it reads both processes' /proc/<pid>/smaps_rollup every 100 ms and keeps
 * the group's peaks: their summed resident memory (which counts the pages
 * both map, the Node binary's among them, twice) and their summed
 * proportional set size (PSS: a page mapped by n processes counts 1/n in
 * each, so the group's pages are counted once). With PHYSIOPLAN_PROBE_GC=1 each sample
 * first forces a full garbage collection (main thread only), to tell held
 * memory from garbage not yet collected. Each sample counts the main
 * thread's full collections so far. With PHYSIOPLAN_PROBE_SNAPSHOT_DIR and
 * PHYSIOPLAN_PROBE_SNAPSHOT_AT (sample numbers, `20,40`), those samples first
 * write heap snapshots of the main thread and of each worker thread there,
 * for heap-diff.mjs (each forces a full collection and costs its heap's size
 * again while it is written: a day with snapshots measures nothing else).
 * With PHYSIOPLAN_PROBE_TRACE_GC=1 V8 prints every collection to the host's
 * output, which tests/e2e/host.ts appends to PHYSIOPLAN_HOST_LOG.
 */
import { subscribe } from 'node:diagnostics_channel'
import { appendFileSync, createWriteStream, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants, PerformanceObserver } from 'node:perf_hooks'
import { pipeline } from 'node:stream/promises'
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { isMainThread } from 'node:worker_threads'

const file = process.env.PHYSIOPLAN_PROBE_FILE
// V8's line for each collection of every thread ("pooled": pages kept for reuse, in no heap's total)
if (process.env.PHYSIOPLAN_PROBE_TRACE_GC) setFlagsFromString('--trace-gc')

/** A /proc/self/status field in MB (the kernel writes them in kB). */
function statusMb(status, field) {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  return match ? Number(match[1]) / 1024 : null
}

/** Rss, Pss and private memory of a process in MB, from its smaps_rollup (null once it is gone). */
function rollup(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    return {
      rss: statusMb(text, 'Rss'),
      pss: statusMb(text, 'Pss'),
      private: statusMb(text, 'Private_Clean') + statusMb(text, 'Private_Dirty')
    }
  } catch {
    return null
  }
}

/** The host and its child processes at their highest, summed (MB). */
const group = { rssMb: 0, pssMb: 0, hostRssChildPrivateMb: 0, childPssMb: 0 }

function watchChildren() {
  const children = readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .map(rollup)
    .filter(Boolean)
  if (children.length === 0) return
  const host = rollup(process.pid)
  const sum = (key) => children.reduce((total, child) => total + child[key], 0)
  group.rssMb = Math.max(group.rssMb, host.rss + sum('rss'))
  group.pssMb = Math.max(group.pssMb, host.pss + sum('pss'))
  group.hostRssChildPrivateMb = Math.max(group.hostRssChildPrivateMb, host.rss + sum('private'))
  group.childPssMb = Math.max(group.childPssMb, sum('pss'))
}

/** The app's live worker threads, each seen once as it starts. */
const workers = new Set()

/** Each live worker's V8 heap in MB: used and reserved, in the order they started. */
async function workerHeaps() {
  const heaps = []
  for (const worker of workers) {
    const stats = await worker.getHeapStatistics().catch(() => null)
    if (stats)
      heaps.push({
        usedMb: stats.used_heap_size / 2 ** 20,
        totalMb: stats.total_heap_size / 2 ** 20,
        externalMb: stats.external_memory / 2 ** 20
      })
  }
  return heaps
}

function cpuMs() {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** The main thread's full (mark-compact) collections since the host started. */
let fullCollections = 0

const snapshotDir = process.env.PHYSIOPLAN_PROBE_SNAPSHOT_DIR
const snapshotAt = new Set((process.env.PHYSIOPLAN_PROBE_SNAPSHOT_AT ?? '').split(',').map(Number))
let samples = 0

/** main-<n>.heapsnapshot, and worker<i>-<n>.heapsnapshot for each live worker (in start order). */
async function writeSnapshots(n) {
  writeHeapSnapshot(join(snapshotDir, `main-${n}.heapsnapshot`))
  let i = 0
  for (const worker of workers) {
    const file = join(snapshotDir, `worker${i++}-${n}.heapsnapshot`)
    await pipeline(await worker.getHeapSnapshot(), createWriteStream(file))
  }
}

async function sample() {
  const n = samples++
  if (snapshotDir && snapshotAt.has(n)) await writeSnapshots(n)
  if (process.env.PHYSIOPLAN_PROBE_GC === '1') {
    setFlagsFromString('--expose-gc')
    runInNewContext('gc')()
  }
  const status = readFileSync('/proc/self/status', 'utf8')
  const memory = process.memoryUsage()
  const handles = {}
  // this probe's own signal handler is not the app's: left out
  for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1
  return {
    at: Date.now(),
    rssMb: statusMb(status, 'VmRSS'),
    peakRssMb: statusMb(status, 'VmHWM'),
    pssMb: rollup(process.pid)?.pss ?? null,
    group: { ...group },
    // what kind: the allocators' memory, mapped files (the database's pages), shared memory
    anonMb: statusMb(status, 'RssAnon'),
    fileMb: statusMb(status, 'RssFile'),
    shmemMb: statusMb(status, 'RssShmem'),
    threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1]),
    heapUsedMb: memory.heapUsed / 2 ** 20,
    heapTotalMb: memory.heapTotal / 2 ** 20,
    externalMb: memory.external / 2 ** 20,
    arrayBuffersMb: memory.arrayBuffers / 2 ** 20,
    // the whole process's CPU (main thread and workers), to weigh a memory change's cost
    cpuMs: cpuMs(),
    fds: readdirSync('/proc/self/fd').length,
    handles,
    workers: await workerHeaps(),
    fullCollections
  }
}

if (isMainThread && file && process.send) {
  // a child process the host forked (the import's): its own high-water mark, counted in the day
  process.on('exit', () => {
    const status = readFileSync('/proc/self/status', 'utf8')
    appendFileSync(
      file,
      `${JSON.stringify({ child: process.pid, peakRssMb: statusMb(status, 'VmHWM') })}\n`
    )
  })
} else if (isMainThread && file) {
  appendFileSync(file, `${JSON.stringify({ pid: process.pid })}\n`)
  setInterval(watchChildren, 100).unref()
  new PerformanceObserver((list) => {
    for (const { detail } of list.getEntries())
      if (detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullCollections++
  }).observe({ entryTypes: ['gc'] })
  subscribe('worker_threads', ({ worker }) => {
    workers.add(worker)
    worker.once('exit', () => workers.delete(worker))
  })
  process.on(
    'SIGUSR2',
    () => void sample().then((line) => appendFileSync(file, `${JSON.stringify(line)}\n`))
  )
  // why the host stopped, when it stops during the day
  process.on('uncaughtExceptionMonitor', (error) =>
    appendFileSync(file, `${JSON.stringify({ crashed: String(error?.stack ?? error) })}\n`)
  )
  process.on('exit', (code) => appendFileSync(file, `${JSON.stringify({ exited: code })}\n`))
}
