/**
 * The long data jobs on the large clinic: a verified backup, and an import
 * of a 900-exercise, 1,800-photo free-exercise-db folder. Each runs on the
 * worker and, for comparison, on the main thread, with the main thread's
 * event loop watched. Its own file, so the other benchmarks' garbage
 * collection doesn't land in these single runs.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { it } from 'vitest'
import { makeBackup } from '../../src/main/core/backups'
import { startImport } from '../../src/main/core/import/start'
import { jobRunner } from '../../src/main/core/jobs'
import { createOffThread, type OffThread } from '../../src/main/offthread/pool'
import { clinicDescription, openClinic } from './clinic'
import { importFolder } from './import-folder'
import { recordResults, table, withLoopWatch, type Timing } from './measure'

const scratch = resolve('.bench', 'data-run')

async function watched(
  name: string,
  job: (offThread: OffThread) => Promise<unknown>
): Promise<{ timings: Timing[]; blocks: Record<string, number> }> {
  const timings: Timing[] = []
  const blocks: Record<string, number> = {}
  for (const [where, workerFile] of [
    ['worker', resolve('out/main/worker.js')],
    ['main thread', null]
  ] as const) {
    const offThread = createOffThread(workerFile)
    const { ms, longestBlockMs } = await withLoopWatch(() => job(offThread))
    await offThread.close()
    blocks[where] = longestBlockMs
    const rounded = Math.round(ms)
    timings.push({ name: `${name} on the ${where}`, runs: 1, medianMs: rounded, p95Ms: rounded })
  }
  return { timings, blocks }
}

it('backup and import on the large clinic', async () => {
  rmSync(scratch, { recursive: true, force: true })
  mkdirSync(scratch, { recursive: true })
  const { db, file } = openClinic()
  const backup = await watched('backup (copy + integrity check)', (offThread) =>
    makeBackup({ databaseFile: file, offThread }, join(scratch, 'backups'))
  )
  db.close()

  const folder = importFolder(join(scratch, 'import'), 900)
  // each run into its own copy of the clinic, so both add all 900; copied before the watch
  const copies = [0, 1].map((n) => join(scratch, `clinic-${n}.sqlite3`))
  for (const copy of copies) copyFileSync(file, copy)
  const imported = await watched('import of 900 exercises, 1,800 photos', async (offThread) => {
    const target = copies.shift()!
    const jobs = jobRunner()
    const id = startImport({ databaseFile: target, offThread }, folder, jobs)
    let status = jobs.get(id)
    while (status.state === 'running') {
      await new Promise((tick) => setTimeout(tick, 5))
      status = jobs.get(id)
    }
    if (status.state === 'failed') throw new Error(status.error ?? 'import failed')
  })
  rmSync(scratch, { recursive: true, force: true })

  const line = (what: string, blocks: Record<string, number>) =>
    `Main thread's longest block during the ${what}: ${blocks.worker} ms with the worker (target ≤ 50 ms), ${blocks['main thread']} ms on the main thread.`
  console.log(
    `\nLong data jobs on the large clinic (${clinicDescription}), one run each\n\n` +
      `${table([...backup.timings, ...imported.timings])}\n\n` +
      `${line('backup', backup.blocks)}\n${line('import', imported.blocks)}\n`
  )
  recordResults('data', {
    size: clinicDescription,
    timings: [...backup.timings, ...imported.timings],
    mainThreadLongestBlockMs: { backup: backup.blocks, import: imported.blocks }
  })
})
