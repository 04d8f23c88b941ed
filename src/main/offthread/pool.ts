/**
 * Runs tasks off the main thread, so the window (and the browser host's
 * server) keeps answering while a handout renders or a backup is checked.
 * Three lanes: handouts, data (backups) and imports, so a preview never
 * waits behind a backup. The handout and data workers are threads that live
 * long and let the process exit when idle; an import does rare, heavy work in
 * a child process that exits once its queue is empty, so what it allocated
 * goes back to the system. A worker is started on first use, and again if it
 * dies.
 */
import { fork } from 'node:child_process'
import { setFlagsFromString } from 'node:v8'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { AppError } from '@shared/errors'
import {
  receivedError,
  type ChildStarter,
  type Runner,
  type RunnerEvents,
  type TaskRequest
} from './messages'
import { runTask, type Progress, type TaskInput, type TaskName, type TaskOutput } from './tasks'

export interface OffThread {
  run<N extends TaskName>(
    name: N,
    input: TaskInput<N>,
    onProgress?: Progress
  ): Promise<TaskOutput<N>>
  /** resolves when no task is running: their read connections no longer hold the WAL */
  idle(): Promise<void>
  close(): Promise<void>
}

interface Pending {
  request: TaskRequest
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  onProgress: Progress | undefined
}

type Lane = 'handouts' | 'data' | 'imports'

const lanes: Record<TaskName, Lane> = {
  handout: 'handouts',
  backup: 'data',
  inspectBackup: 'data',
  checkPages: 'data',
  import: 'imports',
  forgetWords: 'handouts'
}

/**
 * Each worker's heap, sized from the clinic-day benchmark (README, Memory).
 * Left to V8, a worker's heap is sized from the machine's memory (4 GB on a
 * 24 GB machine): the handout worker let garbage pile up to ~200 MB before
 * collecting, and the process grew 99 → 410 MB in 250 previews. A 16 MB
 * young generation makes the worker collect its short-lived layout objects
 * often (with the old generation's limit, 408 → 227 MB after 500 previews);
 * 8 MB bought nothing more. The handout worker holds ~36 MB after a
 * collection (pdfmake, parsed fonts) and ~110 MB at the height of a
 * 40-exercise handout; a 192 MB old generation leaves that a margin of
 * ~80 MB. Against 512 MB, back-to-back quarter clinic days ended at 234 MB
 * against 268 MB (README, A clinic day: memory): a heap allowed to grow
 * far past its need kept more of the process's memory. A handout with
 * more pictures than that (60 exercises, each with two 2 MB photos, ~330 MB)
 * fails with the "too large" sentence: make it with pictures off.
 */
export const workerLimits: ResourceLimits = {
  maxOldGenerationSizeMb: 192,
  maxYoungGenerationSizeMb: 16
}

/**
 * The handout worker's: a 32 MB young generation. A 40-exercise handout
 * allocates ~45 MB of short-lived layout objects; with 16 MB the worker
 * scavenged ~5.8 times a handout, with 32 MB ~2.6, about half the
 * collection time (`--trace-gc`, 20 handouts after 10, load 4; 24 MB
 * scavenged as often as 16). The price, ~10–15 MB more resident in a
 * quarter clinic day, fits under the day's target since backups stopped
 * raising the peak (README, A clinic day: memory).
 */
export const handoutLimits: ResourceLimits = { ...workerLimits, maxYoungGenerationSizeMb: 32 }

/**
 * The handout worker's young generation stays at its largest (two 16 MB
 * semi-spaces), which it reaches within its first handouts anyway. Left to
 * grow and shrink, it shrank whenever handouts slowed and V8 kept the pages
 * it shrank out of in a pool for reuse: the pool grew 0 → 12 MB through a
 * clinic day, on top of the heap, and under load nothing gave it back
 * (`--trace-gc` prints it as "pooled"; README, A clinic day: memory).
 */
export const handoutFixedSemiSpaceMb = handoutLimits.maxYoungGenerationSizeMb! / 2

/**
 * The data worker's: a 3 MB young generation (1 MB semi-spaces, as the
 * import's process has). Backups and their checks are SQLite's own work
 * (`VACUUM INTO`, `quick_check`), with little JavaScript. With 16 MB the
 * worker's heap sat at ~20 MB reserved for ~13 MB used until V8, finding it
 * idle, gave ~7 MB back at a moment of its choosing: a step down somewhere in
 * each clinic day. With 3 MB it stays at 12–15 MB all day (README, A clinic
 * day: memory).
 */
export const dataLimits: ResourceLimits = { ...workerLimits, maxYoungGenerationSizeMb: 3 }

const unexpected = 'A background task stopped unexpectedly. Try again.'

/** What a task that ran out of memory says; the app and the other tasks carry on. */
const tooLarge: Record<TaskName, string> = {
  handout:
    'This handout is too large to make: it needs more memory than one document may use. Try it with pictures off, or split the program.',
  backup: 'The backup needed more memory than a background task may use. Try again.',
  inspectBackup: 'Checking that backup needed more memory than a background task may use.',
  checkPages: 'Checking the data file needed more memory than a background task may use.',
  import:
    'This import needs more memory than a background task may use. Try importing the folder in smaller parts.',
  forgetWords: 'The handout worker needed more memory than a background task may use.'
}

/**
 * Whether a lane's worker stays when its queue is empty. Measured over a
 * clinic day (README, A clinic day: memory): a backup's worker started and ended for
 * each backup left ~15 MB more every time (what a worker's teardown doesn't
 * give back), so the data worker stays.
 */
const stays: Record<Lane, boolean> = { handouts: true, data: true, imports: false }

function thread(
  resourceLimits: ResourceLimits,
  workerFile: string,
  on: RunnerEvents,
  fixedSemiSpaceMb = 0
): Runner {
  // The launchers size the main thread's heap with V8 flags (mainThreadFlags in
  // scripts/start-shell.mts). V8 applies a flag to every heap made after it, over a
  // worker's resourceLimits: unset (0, sized from the limits) before a worker starts,
  // the workers keep the heap measured for them.
  setFlagsFromString('--max-semi-space-size=0')
  setFlagsFromString('--max-old-space-size=0')
  // No resource limit sets a young generation's least size: the flag, for this
  // thread's heap (made before the thread is online), then unset. Another thread
  // started meanwhile gets it too, which V8 caps at that thread's own largest.
  if (fixedSemiSpaceMb > 0) setFlagsFromString(`--min-semi-space-size=${fixedSemiSpaceMb}`)
  const started = new Worker(workerFile, { resourceLimits })
  if (fixedSemiSpaceMb > 0) {
    const unsetMinimum = () => setFlagsFromString('--min-semi-space-size=0')
    started.once('online', unsetMinimum)
    started.once('exit', unsetMinimum)
  }
  started.on('message', on.message)
  // the error's name only: its message could quote patient data
  started.on('error', (error: Error & { code?: string }) => {
    console.error(`[worker] stopped: ${error.code ?? error.name}`)
    on.failed(error.code === 'ERR_WORKER_OUT_OF_MEMORY')
  })
  started.on('exit', () => on.failed(false))
  return {
    post: (request) => started.postMessage(request),
    hold: (held) => (held ? started.ref() : started.unref()),
    stop: () => started.terminate()
  }
}

/**
 * The imports lane runs the same worker.js in a child process: when it
 * exits, everything it allocated goes back to the system. A worker thread's
 * memory stays in the process's allocator after the thread ends: over a
 * clinic day the import's thread left ~135 MB behind (README, A clinic day:
 * memory). Its old generation has the workers' limit; V8 aborts a process
 * that reaches it. Its young generation is 1 MB semi-spaces, not the
 * threads' 8: the import is one pass over its rows that nobody waits on
 * frame by frame, and with 8 MB the photos' buffers and the young objects
 * held the child at ~110 MB resident against ~80 MB (a 900-exercise import
 * alone, README, A clinic day: memory).
 */
export const childArgs = [
  `--max-old-space-size=${workerLimits.maxOldGenerationSizeMb}`,
  '--max-semi-space-size=1'
]

/**
 * Node's fork, for the browser host. Not on the desktop: there fork runs
 * the app's own binary with ELECTRON_RUN_AS_NODE, which a packaged app whose
 * RunAsNode fuse is off doesn't honour (Electron's fuses page: fork then
 * fails), so the desktop passes electron/utility-child.ts instead.
 */
export const forkChild: ChildStarter = (workerFile, execArgv, on) => {
  const started = fork(workerFile, [], { serialization: 'advanced', execArgv })
  started.on('message', on.message)
  started.on('error', (error: Error & { code?: string }) => {
    console.error(`[worker] stopped: ${error.code ?? error.name}`)
    on.failed(false)
  })
  started.on('exit', (_code, signal) => on.failed(signal === 'SIGABRT'))
  return {
    post: (request) => started.send(request),
    hold: (held) => {
      if (held) {
        started.ref()
        started.channel?.ref()
      } else {
        started.unref()
        started.channel?.unref()
      }
    },
    // idle, it is let go (its channel closed) and exits as a process does when its work is done
    stop: (now) =>
      new Promise((done) => {
        if (started.exitCode !== null || started.signalCode !== null) return done(undefined)
        started.once('exit', done)
        if (now) started.kill()
        else started.disconnect()
      })
  }
}

function lane(
  workerFile: string,
  stay: boolean,
  open: (workerFile: string, on: RunnerEvents) => Runner
): OffThread {
  const pending = new Map<number, Pending>()
  const idleWaiters: (() => void)[] = []
  let worker: Runner | null = null
  let nextId = 1
  const settled = () => {
    if (pending.size === 0) for (const wake of idleWaiters.splice(0)) wake()
  }
  /**
   * The worker is gone: the task it was running (the oldest: it runs one at a
   * time) fails, saying why; with `requeue`, the tasks queued behind it go to
   * a new worker.
   */
  const stopped = (started: Runner, why: string, requeue: boolean) => {
    if (worker !== started) return
    worker = null
    const [running, ...queued] = pending.values()
    pending.clear()
    running?.reject(new AppError('unavailable', why))
    for (const task of queued) {
      if (requeue) send(task)
      else task.reject(new AppError('unavailable', why))
    }
    settled()
  }
  const start = () => {
    const started = open(workerFile, {
      message(reply) {
        const task = pending.get(reply.id)
        if (!task) return
        if ('progress' in reply) return task.onProgress?.(...reply.progress)
        pending.delete(reply.id)
        if (pending.size === 0) {
          started.hold(false)
          if (!stay) {
            worker = null
            void started.stop(false)
          }
        }
        settled()
        if ('error' in reply) task.reject(receivedError(reply.error))
        else task.resolve(reply.value)
      },
      failed(outOfMemory) {
        const running = pending.values().next().value
        stopped(started, outOfMemory && running ? tooLarge[running.request.name] : unexpected, true)
      }
    })
    return started
  }
  const send = (task: Pending) => {
    worker ??= start()
    worker.hold(true)
    pending.set(task.request.id, task)
    worker.post(task.request)
  }
  return {
    run(name, input, onProgress) {
      const request: TaskRequest = { id: nextId++, name, input }
      return new Promise((resolve, reject) => {
        send({ request, resolve: resolve as (value: unknown) => void, reject, onProgress })
      })
    },
    idle() {
      return pending.size === 0 ? Promise.resolve() : new Promise((wake) => idleWaiters.push(wake))
    },
    async close() {
      const running = worker
      if (running) {
        stopped(running, unexpected, false)
        await running.stop(true)
      }
    }
  }
}

/**
 * Workers from the built `worker.js`, the import's process started by
 * `startChild`; with null, the same tasks run inline (unit tests).
 */
export function createOffThread(
  workerFile: string | null,
  startChild: ChildStarter = forkChild
): OffThread {
  if (workerFile === null) {
    return {
      run: (name, input, onProgress) => runTask(name, input, onProgress ?? (() => undefined)),
      idle: async () => undefined,
      close: async () => undefined
    }
  }
  const byLane = {
    handouts: lane(workerFile, stays.handouts, (file, on) =>
      thread(handoutLimits, file, on, handoutFixedSemiSpaceMb)
    ),
    data: lane(workerFile, stays.data, (file, on) => thread(dataLimits, file, on)),
    imports: lane(workerFile, stays.imports, (file, on) => startChild(file, childArgs, on))
  }
  return {
    run: (name, input, onProgress) => byLane[lanes[name]].run(name, input, onProgress),
    idle: async () => {
      await Promise.all(Object.values(byLane).map((running) => running.idle()))
    },
    close: async () => {
      await Promise.all(Object.values(byLane).map((running) => running.close()))
    }
  }
}
