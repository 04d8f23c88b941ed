/**
 * Loaded into the browser host by the clinic-day benchmark (NODE_OPTIONS
 * --import), so the host measures itself: on each SIGUSR2 it appends one
 * JSON line to PHYSIOPLAN_PROBE_FILE with the process's resident memory
 * (main thread and workers together: /proc/self/status), the main thread's
 * V8 breakdown, open file descriptors and active handles. The first line is
 * the host's pid, for the signal; the last says why it stopped. With PHYSIOPLAN_PROBE_GC=1 each sample
 * first forces a full garbage collection (main thread only), to tell held
 * memory from garbage not yet collected.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { isMainThread } from 'node:worker_threads'

const file = process.env.PHYSIOPLAN_PROBE_FILE

/** A /proc/self/status field in MB (the kernel writes them in kB). */
function statusMb(status, field) {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  return match ? Number(match[1]) / 1024 : null
}

function sample() {
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
    threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1]),
    heapUsedMb: memory.heapUsed / 2 ** 20,
    heapTotalMb: memory.heapTotal / 2 ** 20,
    externalMb: memory.external / 2 ** 20,
    arrayBuffersMb: memory.arrayBuffers / 2 ** 20,
    fds: readdirSync('/proc/self/fd').length,
    handles
  }
}

if (isMainThread && file) {
  appendFileSync(file, `${JSON.stringify({ pid: process.pid })}\n`)
  process.on('SIGUSR2', () => appendFileSync(file, `${JSON.stringify(sample())}\n`))
  // why the host stopped, when it stops during the day
  process.on('uncaughtExceptionMonitor', (error) =>
    appendFileSync(file, `${JSON.stringify({ crashed: String(error?.stack ?? error) })}\n`)
  )
  process.on('exit', (code) => appendFileSync(file, `${JSON.stringify({ exited: code })}\n`))
}
