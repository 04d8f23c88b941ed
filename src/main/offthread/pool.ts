/**
 * Runs tasks off the main thread, so the window (and the browser host's
 * server) keeps answering while a handout renders or a backup is checked.
 * Two long-lived workers: handouts, and data (backups and imports), so a
 * preview never waits behind a backup. A worker is started on first use, lets the process exit
 * when idle, and is started again if it dies.
 */
import { Worker } from 'node:worker_threads'
import { AppError } from '@shared/errors'
import { receivedError, type TaskReply, type TaskRequest } from './messages'
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
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  onProgress: Progress | undefined
}

const lanes: Record<TaskName, 'handouts' | 'data'> = {
  handout: 'handouts',
  backup: 'data',
  inspectBackup: 'data',
  import: 'data'
}

function lane(workerFile: string): OffThread {
  const pending = new Map<number, Pending>()
  const idleWaiters: (() => void)[] = []
  let worker: Worker | null = null
  let nextId = 1
  const settled = () => {
    if (pending.size === 0) for (const wake of idleWaiters.splice(0)) wake()
  }
  const stopped = (started: Worker) => {
    if (worker !== started) return
    worker = null
    const error = new AppError('unavailable', 'A background task stopped unexpectedly. Try again.')
    for (const task of pending.values()) task.reject(error)
    pending.clear()
    settled()
  }
  const start = () => {
    const started = new Worker(workerFile)
    started.on('message', (reply: TaskReply) => {
      const task = pending.get(reply.id)
      if (!task) return
      if ('progress' in reply) return task.onProgress?.(...reply.progress)
      pending.delete(reply.id)
      if (pending.size === 0) started.unref()
      settled()
      if ('error' in reply) task.reject(receivedError(reply.error))
      else task.resolve(reply.value)
    })
    // the error's name only: its message could quote patient data
    started.on('error', (error) => {
      console.error(`[worker] stopped: ${error.name}`)
      stopped(started)
    })
    started.on('exit', () => stopped(started))
    return started
  }
  return {
    run(name, input, onProgress) {
      worker ??= start()
      worker.ref()
      const id = nextId++
      const request: TaskRequest = { id, name, input }
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress })
        worker!.postMessage(request)
      })
    },
    idle() {
      return pending.size === 0 ? Promise.resolve() : new Promise((wake) => idleWaiters.push(wake))
    },
    async close() {
      const running = worker
      if (running) {
        stopped(running)
        await running.terminate()
      }
    }
  }
}

/** Workers from the built `worker.js`; with null, the same tasks run inline (unit tests). */
export function createOffThread(workerFile: string | null): OffThread {
  if (workerFile === null) {
    return {
      run: (name, input, onProgress) => runTask(name, input, onProgress ?? (() => undefined)),
      idle: async () => undefined,
      close: async () => undefined
    }
  }
  const byLane = { handouts: lane(workerFile), data: lane(workerFile) }
  return {
    run: (name, input, onProgress) => byLane[lanes[name]].run(name, input, onProgress),
    idle: async () => {
      await Promise.all([byLane.handouts.idle(), byLane.data.idle()])
    },
    close: async () => {
      await Promise.all([byLane.handouts.close(), byLane.data.close()])
    }
  }
}
