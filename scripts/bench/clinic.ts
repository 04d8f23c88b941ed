/**
 * The synthetic large clinics the benchmarks open, built once (through the
 * app's own store functions, in a child process: clinic-watchdog.mjs) and
 * kept in .bench/ keyed by schema version and size, so later runs reuse them.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openDatabase, type Db } from '../../src/main/core/db/open'
import { schemaVersion } from '../../src/main/core/db/migrate'
import { makeDataDir } from '../../tests/e2e/host'
import type { ClinicSize } from './clinic-data'

export type { ClinicSize }

export const clinicSize: ClinicSize = {
  exercises: 5_000,
  patients: 10_000,
  programs: 20_000,
  visits: 50_000
}

/** Ten times the patients, programs and visits, the same library: the scale issue 16 asks about. */
export const largeClinicSize: ClinicSize = {
  exercises: 5_000,
  patients: 100_000,
  programs: 200_000,
  visits: 500_000
}

const count = (n: number) => n.toLocaleString('en')
export const describeClinic = (size: ClinicSize) =>
  `${count(size.exercises)} exercises, ${count(size.patients)} patients, ${count(size.programs)} program versions, ${count(size.visits)} visits`
export const clinicDescription = describeClinic(clinicSize)

/** The build stays near 200 MB; far above, it has gone wrong and would swap the machine. */
const buildLimitMb = Number(process.env.PHYSIOPLAN_BENCH_BUILD_LIMIT_MB ?? 3_000)

/** Opens the benchmark clinic, building it first when this size was never built. */
export function openClinic(size: ClinicSize = clinicSize): { db: Db; file: string } {
  const dir = resolve('.bench')
  mkdirSync(dir, { recursive: true })
  // "b2": the library counts the built-in exercises (the first builder added 5,000 to them)
  const key = `v${schemaVersion}-b2-${size.exercises}e-${size.patients}p-${size.programs}g-${size.visits}v`
  const file = join(dir, `clinic-${key}.sqlite3`)
  if (!existsSync(file)) {
    console.log(`Building the benchmark clinic (${describeClinic(size)}), once: ${file}`)
    const partial = `${file}.building`
    rmSync(partial, { force: true })
    const watchdog = resolve('scripts/bench/clinic-watchdog.mjs')
    const args = [watchdog, partial, JSON.stringify(size), String(buildLimitMb)]
    const { status } = spawnSync(process.execPath, args, { stdio: 'inherit' })
    rmSync(`${partial}-wal`, { force: true })
    rmSync(`${partial}-shm`, { force: true })
    if (status !== 0) throw new Error(`Building the benchmark clinic failed (exit ${status}).`)
    renameSync(partial, file)
  }
  return { db: openDatabase(file).db, file }
}

/** The clinic's database in a fresh data folder, as if the app had been used for years. */
export function largeClinicFolder(): ReturnType<typeof makeDataDir> {
  const { db, file } = openClinic()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const folder = makeDataDir()
  copyFileSync(file, join(folder.dataDir, 'physioplan.sqlite3'))
  return folder
}
