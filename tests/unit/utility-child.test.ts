/**
 * The desktop's import process: Electron's utilityProcess (it works whether
 * or not a packaged app's RunAsNode fuse is on; fork needs it on), against a
 * mocked `electron`, since its binary is not on these machines. The fake
 * child answers as worker.js does through `process.parentPort`.
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { TaskRequest } from '../../src/main/offthread/messages'

const electron = vi.hoisted(() => {
  const started: {
    modulePath: string
    options: { execArgv?: string[] }
    child: EventEmitter & { postMessage: (m: TaskRequest) => void; kill: () => boolean }
  }[] = []
  /** how the fake child answers a request; by default as a finished import */
  const answer = {
    with: (child: EventEmitter, { id }: TaskRequest) => {
      child.emit('message', { id, progress: [1, 2] })
      child.emit('message', { id, value: { added: 900 } })
    }
  }
  const fork = (modulePath: string, _args: string[], options: { execArgv?: string[] }) => {
    const child = Object.assign(new EventEmitter(), {
      postMessage: (request: TaskRequest) => setImmediate(() => answer.with(child, request)),
      kill: () => {
        setImmediate(() => child.emit('exit', 0))
        return true
      }
    })
    started.push({ modulePath, options, child })
    return child
  }
  return { started, answer, module: { utilityProcess: { fork } } }
})

vi.mock('electron', () => electron.module)

const { utilityChild } = await import('../../src/main/electron/utility-child')
const { childArgs, createOffThread } = await import('../../src/main/offthread/pool')

const job = { databaseFile: 'clinic.sqlite3', schemaVersion: 1, path: 'folder', importAnyway: [] }

describe('the import in a utility process', () => {
  it('runs worker.js with the import’s heap limits, relays progress and the result, and ends it once idle', async () => {
    const offThread = createOffThread('/app/out/main/worker.js', utilityChild)
    const progress = vi.fn()
    const report = await offThread.run('import', job, progress)
    expect(report).toEqual({ added: 900 })
    expect(progress).toHaveBeenCalledWith(1, 2)
    const [first] = electron.started
    expect(first?.modulePath).toBe('/app/out/main/worker.js')
    expect(first?.options.execArgv).toEqual(childArgs)
    const exited = new Promise((done) => first!.child.once('exit', done))
    await exited // stopped once its queue was empty
    // the next import starts a new process
    await offThread.run('import', job)
    expect(electron.started).toHaveLength(2)
    await offThread.close()
  })

  it('fails the running import with the too-large sentence when V8 stops the process, and carries on', async () => {
    const offThread = createOffThread('/app/out/main/worker.js', utilityChild)
    electron.answer.with = (child) => {
      child.emit('error', { type: 'FatalError', location: 'heap limit' })
      child.emit('exit', 134)
    }
    await expect(offThread.run('import', job)).rejects.toThrow(/needs more memory/)
    electron.answer.with = (child, { id }) => child.emit('message', { id, value: { added: 1 } })
    await expect(offThread.run('import', job)).resolves.toEqual({ added: 1 })
    await offThread.close()
  })
})
