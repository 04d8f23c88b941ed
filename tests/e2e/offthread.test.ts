/** The built worker (out/main/worker.js): same results as inline, and the main thread stays free. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { Worker } from 'node:worker_threads'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { schemaVersion } from '../../src/main/core/db/migrate'
import { createOffThread, dataLimits, handoutFixedSemiSpaceMb } from '../../src/main/offthread/pool'
import type { HandoutJob } from '../../src/main/offthread/tasks'
import {
  longSnapshot,
  referenceHandout,
  referenceOptions,
  resourcesDir
} from '../../scripts/bench/reference-handout'
import { importFolder } from '../../scripts/bench/import-folder'
import { mainThreadFlags } from '../../scripts/start-shell.mjs'
import { makeDataDir } from './host'
import { assetsOf } from '../unit/helpers'

const worker = createOffThread(resolve('out/main/worker.js'))
const inline = createOffThread(null)
const data = makeDataDir()
afterAll(async () => {
  await worker.close()
  data.remove()
})

async function handoutJob(count?: number): Promise<HandoutJob> {
  const { db, snapshot } = await referenceHandout()
  const printed = count ? longSnapshot(snapshot, count) : snapshot
  const job = {
    snapshot: printed,
    options: referenceOptions.a4!,
    assets: await assetsOf(db, printed),
    fontsDir: join(resourcesDir, 'fonts')
  }
  db.close()
  return job
}

describe('work off the main thread', () => {
  it('renders the same handout, byte for byte, as the main thread would', async () => {
    const job = await handoutJob()
    const [fromWorker, fromInline] = [
      await worker.run('handout', job),
      await inline.run('handout', job)
    ]
    expect(fromWorker.fileName).toBe(fromInline.fileName)
    expect(fromWorker.bytes.length).toBeGreaterThan(10_000)
    expect(fromWorker.bytes).toEqual(fromInline.bytes)
  })

  it('keeps the main thread turning while a 40-exercise handout renders', async () => {
    const job = await handoutJob(40)
    await worker.run('handout', job) // warm: the first render also loads pdfmake and the fonts
    let turns = 0
    let rendering = true
    const spin = () => {
      turns++
      if (rendering) setImmediate(spin)
    }
    setImmediate(spin)
    const file = await worker.run('handout', job)
    rendering = false
    expect(Buffer.from(file.bytes).subarray(0, 5).toString()).toBe('%PDF-')
    // rendered on this thread, the loop would not turn at all until the PDF was done
    expect(turns).toBeGreaterThan(100)
  })

  it('copies and checks a backup on the worker, reporting progress', async () => {
    const { db } = await referenceHandout()
    const file = join(data.dataDir, 'live.sqlite3')
    await db.backup(file)
    db.close()
    const progress: number[][] = []
    const made = await worker.run(
      'backup',
      {
        source: file,
        target: join(data.dataDir, 'copy.sqlite3'),
        partial: join(data.dataDir, 'copy.partial')
      },
      (done, total) => progress.push([done, total])
    )
    expect(made.bytes).toBeGreaterThan(100_000)
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1])
    const contents = await worker.run('inspectBackup', { file: made.file })
    expect(contents).toMatchObject({ patients: 1, programs: 1 })
  })

  it("starts its threads with their own heap limits, not the main thread's flags", async () => {
    const limitOf = async (thread: Worker) =>
      (await thread.getHeapStatistics()).heap_size_limit as number
    const plainLimit = async () => {
      const plain = new Worker('setInterval(() => {}, 1000)', {
        eval: true,
        resourceLimits: dataLimits
      })
      await once(plain, 'online')
      const limit = await limitOf(plain)
      await plain.terminate()
      return limit
    }
    const own = await plainLimit()
    const started: Worker[] = []
    const seen = ({ worker: thread }: { worker: Worker }) => started.push(thread)
    // what the launchers give the main thread (appEnv), set here on this process
    setFlagsFromString(mainThreadFlags)
    try {
      // a thread started without the pool's care takes the main thread's 512 MB old generation
      expect(await plainLimit()).toBeGreaterThan(own + 256 * 2 ** 20)
      subscribe('worker_threads', seen as (message: unknown) => void)
      const pool = createOffThread(resolve('out/main/worker.js'))
      try {
        const junk = join(data.dataDir, 'not-a-database.sqlite3')
        writeFileSync(junk, 'text')
        await expect(pool.run('inspectBackup', { file: junk })).rejects.toThrow()
        expect(started).toHaveLength(1)
        expect(await limitOf(started[0]!)).toBe(own)
      } finally {
        await pool.close()
      }
    } finally {
      unsubscribe('worker_threads', seen as (message: unknown) => void)
      setFlagsFromString('--max-semi-space-size=0 --max-old-space-size=0')
    }
  })

  it("fixes the handout thread's young generation at its largest, and no other thread's", async () => {
    const started: Worker[] = []
    const seen = ({ worker: thread }: { worker: Worker }) => started.push(thread)
    subscribe('worker_threads', seen as (message: unknown) => void)
    const pool = createOffThread(resolve('out/main/worker.js'))
    try {
      // the handout thread's lightest task: its heap holds little more than its young generation
      await pool.run('forgetWords', {})
      const junk = join(data.dataDir, 'not-a-database-either.sqlite3')
      writeFileSync(junk, 'text')
      await expect(pool.run('inspectBackup', { file: junk })).rejects.toThrow()
      expect(started).toHaveLength(2)
      const [handouts, backups] = await Promise.all(started.map((t) => t.getHeapStatistics()))
      const young = 2 * handoutFixedSemiSpaceMb * 2 ** 20
      // the young generation committed from the start: ~44 MB in all, code loaded, where
      // left to V8 (1 MB semi-spaces, grown as handouts need) the heap starts at ~30
      expect(handouts!.total_heap_size).toBeGreaterThan(young + 4 * 2 ** 20)
      expect(backups!.total_heap_size).toBeLessThan(young / 2)
    } finally {
      unsubscribe('worker_threads', seen as (message: unknown) => void)
      await pool.close()
    }
  })

  it('imports in a child process that exits when the import is done', async () => {
    const { db } = await referenceHandout()
    const databaseFile = join(data.dataDir, 'imported.sqlite3')
    await db.backup(databaseFile)
    db.close()
    const path = importFolder(join(data.dataDir, 'import'), 3)
    const started: ChildProcess[] = []
    const seen = ({ process }: { process: ChildProcess }) => started.push(process)
    subscribe('child_process', seen as (message: unknown) => void)
    try {
      const job = { databaseFile, schemaVersion, path, importAnyway: [] }
      const report = await worker.run('import', job)
      expect(report).toMatchObject({ total: 3, added: 3 })
      expect(started).toHaveLength(1)
      const [child] = started
      if (child!.exitCode === null) await once(child!, 'exit')
      expect(child!.exitCode).toBe(0)
      // the next import starts a process of its own
      expect(await worker.run('import', job)).toMatchObject({ total: 3 })
      expect(started).toHaveLength(2)
    } finally {
      unsubscribe('child_process', seen as (message: unknown) => void)
    }
  })

  it('hands a person-facing error back as it was thrown', async () => {
    const junk = join(data.dataDir, 'junk.sqlite3')
    writeFileSync(junk, 'not a database '.repeat(100))
    const failure = worker.run('inspectBackup', { file: junk })
    await expect(failure).rejects.toBeInstanceOf(AppError)
    await expect(failure).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('junk.sqlite3')
    })
  })

  it('fails a handout too large for the worker’s memory, readably, and carries on', async () => {
    // a deliberately huge program: 200 exercises, each with two 2 MB pictures (800 MB
    // arrive in the worker, past its 192 MB heap) ...
    const { snapshot, assets, ...rest } = await handoutJob()
    const ordinary = await handoutJob()
    const photo = `data:image/jpeg;base64,${'A'.repeat(2 ** 21)}`
    const exercises = Array.from({ length: 200 }, (_, n) => ({
      ...snapshot.exercises[n % snapshot.exercises.length]!,
      mediaIds: [2 * n + 1, 2 * n + 2]
    }))
    const pictures = new Map(
      exercises.flatMap(({ mediaIds }) =>
        mediaIds.map((id) => [id, { kind: 'image' as const, dataUrl: photo }] as const)
      )
    )
    const huge = worker.run('handout', {
      ...rest,
      snapshot: { ...snapshot, exercises },
      assets: { ...assets, pictures }
    })
    // ... while an ordinary handout waits behind it
    const queued = worker.run('handout', ordinary)
    await expect(huge).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^This handout is too large to make: .* pictures off/)
    })
    expect((await queued).bytes.length).toBeGreaterThan(10_000)
    const again = await worker.run('handout', await handoutJob())
    expect(again.bytes.length).toBeGreaterThan(10_000)
  })

  it('fails the tasks of a worker that stops, and starts a new one for the next', async () => {
    const job = await handoutJob(40)
    const cut = expect(worker.run('handout', job)).rejects.toThrow(
      'A background task stopped unexpectedly. Try again.'
    )
    await worker.close()
    await cut
    const again = await worker.run('handout', await handoutJob())
    expect(again.bytes.length).toBeGreaterThan(10_000)
  })
})
