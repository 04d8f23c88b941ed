/** The worker thread's entry (built as out/main/worker.js): runs tasks as the main thread asks. */
import { parentPort } from 'node:worker_threads'
import { sendableError, type TaskReply, type TaskRequest } from './messages'
import { runTask } from './tasks'

const port = parentPort
if (!port) throw new Error('worker.js runs as a worker thread')
const reply = (message: TaskReply) => port.postMessage(message)

// one task at a time: the work is CPU- or disk-bound, and two backups must not interleave
let queue: Promise<unknown> = Promise.resolve()
port.on('message', ({ id, name, input }: TaskRequest) => {
  queue = queue.then(() =>
    runTask(name, input as never, (done, total) => reply({ id, progress: [done, total] })).then(
      (value) => reply({ id, value }),
      (error: unknown) => reply({ id, error: sendableError(error) })
    )
  )
})
