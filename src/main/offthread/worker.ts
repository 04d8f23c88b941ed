/**
 * The worker's entry (built as out/main/worker.js): runs tasks as the main
 * thread asks. It runs as a worker thread (handouts, backups) or as a child
 * process (imports, see pool.ts): forked by Node, or Electron's utility
 * process, so it talks through whichever channel it was started with.
 */
import { parentPort } from 'node:worker_threads'
import { givingBackHandouts } from '../core/give-back'
import { sendableError, type TaskReply, type TaskRequest } from './messages'
import { runTask } from './tasks'

type Listen = (handle: (request: TaskRequest) => void) => void

/** Electron's ParentPort, as much of it as this uses (no Electron types in the worker) */
interface MessagePortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

function channel(): { listen: Listen; reply: (message: TaskReply) => void } {
  const port = parentPort
  if (port)
    return {
      listen: (handle) => port.on('message', handle),
      reply: (message) => port.postMessage(message)
    }
  // Electron's utility process: its parent's port, messages in `data`
  const utility = (process as { parentPort?: MessagePortLike }).parentPort
  if (utility)
    return {
      listen: (handle) => utility.on('message', ({ data }) => handle(data as TaskRequest)),
      reply: (message) => utility.postMessage(message)
    }
  const send = process.send?.bind(process)
  if (!send) throw new Error('worker.js runs as a worker thread or a forked child')
  return {
    listen: (handle) => process.on('message', handle as (message: unknown) => void),
    reply: (message) => void send(message)
  }
}

const { listen, reply } = channel()

/** Handouts are what the worker allocates most for (~45 MB of layout objects for a large one). */
const handoutMade = givingBackHandouts()

// one task at a time: the work is CPU- or disk-bound, and two backups must not interleave
let queue: Promise<unknown> = Promise.resolve()
listen(({ id, name, input }) => {
  queue = queue.then(() =>
    runTask(name, input as never, (done, total) => reply({ id, progress: [done, total] })).then(
      (value) => {
        reply({ id, value })
        if (name === 'handout') handoutMade()
      },
      (error: unknown) => reply({ id, error: sendableError(error) })
    )
  )
})
