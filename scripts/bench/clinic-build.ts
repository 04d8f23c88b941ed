/**
 * The child process that builds one benchmark clinic (clinic-watchdog.mjs
 * bundles and starts it): `node clinic-build.mjs <file> <size as JSON>`.
 * Prints a progress line every tenth of each phase, and its peak resident
 * memory at the end; whatever the C allocator kept goes away as it exits.
 */
import { readFileSync } from 'node:fs'
import { openDatabase } from '../../src/main/core/db/open'
import { buildClinic, reuseStatements, type ClinicSize } from './clinic-data'

/** A /proc/self/status field (the kernel writes kB) in MB. */
function statusMb(field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync('/proc/self/status', 'utf8')
  )
  return match ? Math.round(Number(match[1]) / 1024) : 0
}

const [file, sizeJson] = process.argv.slice(2)
const size = JSON.parse(sizeJson!) as ClinicSize
const started = Date.now()
const seconds = () => ((Date.now() - started) / 1000).toFixed(0)
const { db } = openDatabase(file!)
// a half-built file is thrown away, so a batch's commit need not wait for the disk;
// a 64 MB page cache keeps the indexes' upper pages in memory as they grow
db.pragma('synchronous = OFF')
db.pragma('cache_size = -65536')
reuseStatements(db)
let reported = ''
await buildClinic(db, size, 2_000, ({ phase, done, total }) => {
  const tenth = `${phase} ${Math.floor((done * 10) / total)}`
  if (tenth === reported) return
  reported = tenth
  const rss = `${statusMb('VmRSS')} MB resident`
  console.log(
    `  ${phase} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}, ${seconds()} s, ${rss}`
  )
})
db.pragma('wal_checkpoint(TRUNCATE)')
db.close()
console.log(`  built in ${seconds()} s, peak ${statusMb('VmHWM')} MB resident`)
