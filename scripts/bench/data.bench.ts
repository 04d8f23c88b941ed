/**
 * A verified backup of the large clinic, on the worker and (for comparison)
 * on the main thread, with the main thread's event loop watched. Its own
 * file, so the other benchmarks' garbage collection doesn't land in it.
 */
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { it } from 'vitest'
import { makeBackup } from '../../src/main/backups'
import { createOffThread } from '../../src/main/offthread/pool'
import { clinicDescription, openClinic } from './clinic'
import { recordResults, table, withLoopWatch, type Timing } from './measure'

it('backup of the large clinic', async () => {
  const { db, file } = openClinic()
  const folder = join('.bench', 'backup-run')
  rmSync(folder, { recursive: true, force: true })
  const timings: Timing[] = []
  const blocks: Record<string, number> = {}
  // one run each: a backup of the whole file is too slow to repeat many times
  for (const [where, workerFile] of [
    ['worker', resolve('out/main/worker.js')],
    ['main thread', null]
  ] as const) {
    const offThread = createOffThread(workerFile)
    const { ms, longestBlockMs } = await withLoopWatch(() =>
      makeBackup({ databaseFile: file, offThread }, join(folder, where))
    )
    await offThread.close()
    blocks[where] = longestBlockMs
    const rounded = Math.round(ms)
    timings.push({ name: `backup on the ${where}`, runs: 1, medianMs: rounded, p95Ms: rounded })
  }
  rmSync(folder, { recursive: true, force: true })
  db.close()
  console.log(
    `\nBackup (copy + integrity check) of the large clinic (${clinicDescription})\n\n${table(timings)}\n\n` +
      `Main thread's longest block: ${blocks.worker} ms while the worker backed up (target ≤ 50 ms); ` +
      `${blocks['main thread']} ms when the main thread did it.\n`
  )
  recordResults('backup', { size: clinicDescription, timings, mainThreadLongestBlockMs: blocks })
})
