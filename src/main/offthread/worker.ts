/**
 * The worker's entry (built as out/main/worker.js): runs tasks as the main
 * thread asks. It runs as a worker thread (handouts, backups) or as a child
 * process (imports, see pool.ts), so it talks through whichever channel it
 * was started with.
 */
import { parentPort } from 'node:worker_threads'
import { sendableError, type TaskReply, type TaskRequest } from './messages'
import { runTask } from './tasks'

type Listen = (handle: (request: TaskRequest) => void) => void

function channel(): { listen: Listen; reply: (message: TaskReply) => void } {
  const port = parentPort
  if (port)
    return {
      listen: (handle) => port.on('message', handle),
      reply: (message) => port.postMessage(message)
    }
  const send = process.send?.bind(process)
  if (!send) throw new Error('worker.js runs as a worker thread or a forked child')
  return {
    listen: (handle) => process.on('message', handle as (message: unknown) => void),
    reply: (message) => void send(message)
  }
}

const { listen, reply } = channel()

// one task at a time: the work is CPU- or disk-bound, and two backups must not interleave
let queue: Promise<unknown> = Promise.resolve()
listen(({ id, name, input }) => {
  queue = queue.then(() =>
    runTask(name, input as never, (done, total) => reply({ id, progress: [done, total] })).then(
      (value) => reply({ id, value }),
      (error: unknown) => reply({ id, error: sendableError(error) })
    )
  )
})
