/**
 * Crash safety: a writer in a child process is SIGKILLed at random moments.
 * After every kill the database opens, integrity_check is ok, every write the
 * writer acknowledged is there, and no transaction is half applied.
 * CRASH_KILLS sets the count (npm run test:soak runs 200).
 */
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import { openDatabase } from '../../src/main/core/db/open'
import { tempDir } from './helpers'

const kills = Number(process.env.CRASH_KILLS ?? 20)
const writer = resolve('tests/crash/writer.mjs')

/** Runs the writer from `first` and kills it `afterMs` into its writes; resolves to the last acknowledged write. */
function runAndKill(file: string, first: number, afterMs: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [writer, file, String(first)], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let acked = first - 1
    let buffered = ''
    let errors = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        if (line.startsWith('ack ')) acked = Number(line.slice(4))
        // timed from the first write, not from the spawn: under load, starting Node can take
        // longer than the whole window, and a writer killed before writing tests nothing
        else if (line === 'ready') timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    let timer: NodeJS.Timeout | undefined
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL') fail(new Error(`writer stopped by itself: ${errors}`))
      else done(acked)
    })
  })
}

it(`survives ${kills} kills mid-write with nothing acknowledged lost and nothing half applied`, async () => {
  const file = join(tempDir(), 'crash.sqlite3')
  let acknowledged = 0
  let killedMidStream = 0
  for (let round = 0; round < kills; round++) {
    // killed anywhere from the first write to mid-stream
    const afterMs = Math.floor(Math.random() * 140)
    acknowledged = await runAndKill(file, acknowledged + 1, afterMs)
    const { db } = openDatabase(file)
    try {
      expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok')
      const patients = db.prepare('SELECT count(*) FROM patients').pluck().get() as number
      // everything acknowledged is there; at most the one write in flight may be too
      expect(patients, `round ${round}`).toBeGreaterThanOrEqual(acknowledged)
      expect(patients, `round ${round}`).toBeLessThanOrEqual(acknowledged + 1)
      if (patients > acknowledged) killedMidStream++
      acknowledged = patients
      // whole transactions only: every patient has all of its rows
      const whole = db
        .prepare(
          `SELECT (SELECT count(*) FROM programs) AS programs, (SELECT count(*) FROM program_versions) AS versions,
             (SELECT count(*) FROM program_items) AS items, (SELECT count(*) FROM visits) AS visits,
             (SELECT count(*) FROM visit_outcomes) AS scores`
        )
        .get()
      expect(whole, `round ${round}`).toEqual({
        programs: patients,
        versions: patients,
        items: patients * 6,
        visits: patients,
        scores: patients * 10
      })
    } finally {
      db.close()
    }
  }
  expect(acknowledged).toBeGreaterThan(kills)
  console.log(
    `${kills} kills, ${acknowledged} transactions kept, ${killedMidStream} committed but not yet acknowledged`
  )
}, 600_000)
