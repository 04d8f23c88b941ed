import { randomUUID } from 'node:crypto'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { uptime } from 'node:os'
import { join } from 'node:path'
import { AppError } from '@shared/errors'
import { privateFileMode } from './file-modes'

interface Holder {
  pid: number
  /** when that process started, ms since 1970; NaN in a lock from before it was recorded */
  startedAt: number
}

/**
 * When process `pid` started, from Linux's /proc (in clock ticks since boot,
 * 100 a second on every Linux Node runs on); null on other systems.
 */
function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // the command name may hold spaces: count fields after its closing parenthesis
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19])
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1])
    return Number.isFinite(ticks) && Number.isFinite(boot) ? boot * 1000 + ticks * 10 : null
  } catch {
    return null
  }
}

const ownStart = processStart(process.pid) ?? Math.round(Date.now() - process.uptime() * 1000)

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether the lock's process still runs. A pid alone can mislead: after a
 * reboot (or long uptime) the number belongs to another program, so the
 * recorded start time must match too.
 */
function stillHolds(holder: Holder): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || !alive(holder.pid)) return false
  if (Number.isNaN(holder.startedAt)) return true
  // started before this boot (a minute's leeway for clock corrections)
  if (holder.startedAt < Date.now() - uptime() * 1000 - 60_000) return false
  const actual = processStart(holder.pid)
  return actual === null || Math.abs(actual - holder.startedAt) < 5_000
}

/** "{pid, startedAt}", or a bare pid from an earlier version; null when the file is gone. */
function readLock(file: string): { text: string; holder: Holder } | null {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return null
  }
  if (/^\d+$/.test(text.trim())) return { text, holder: { pid: Number(text), startedAt: NaN } }
  try {
    const { pid, startedAt } = JSON.parse(text) as Holder
    return { text, holder: { pid: Number(pid), startedAt: Number(startedAt) } }
  } catch {
    return { text, holder: { pid: NaN, startedAt: NaN } }
  }
}

/** Waits `ms` on this thread: the lock is taken before anything else starts. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** What a read-only or missing folder says, instead of a raw ENOENT or EACCES. */
export function cantWrite(folder: string): AppError {
  return new AppError(
    'unavailable',
    `PhysioPlan can’t write to ${folder}. Check that the folder (or the USB stick) is there and not read-only, or open another data folder.`
  )
}

/**
 * Moves a stale lock aside, atomically: of several instances taking it over
 * at once, one renames it; the others find it gone or changed and look again.
 */
function takeOver(file: string, staleText: string): void {
  const aside = `${file}.${randomUUID()}.stale`
  try {
    renameSync(file, aside)
  } catch {
    return // someone else moved it first
  }
  if (readFileSync(aside, 'utf8') !== staleText) {
    // it was a fresh lock another instance took meanwhile: put it back where it was
    try {
      writeFileSync(file, readFileSync(aside), { flag: 'wx', mode: privateFileMode })
    } catch {
      // a third instance took the place; it and the owner of this lock will see each other
    }
  }
  rmSync(aside, { force: true })
}

/**
 * One PhysioPlan per data folder: a lock file holding the process id and
 * its start time, created exclusively (of two instances starting at once,
 * one creates it). A lock whose process no longer runs (a crash, a kill, a
 * reboot) is taken over. Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const file = join(dataDir, 'physioplan.lock')
  const mine = JSON.stringify({ pid: process.pid, startedAt: ownStart })
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx', mode: privateFileMode })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw cantWrite(dataDir)
    }
    const seen = readLock(file)
    if (seen === null) continue // removed between our attempt and the read
    // an instance that created it this instant may not have written it yet: read again
    if (seen.text === '' && attempt < 20) {
      pause(50)
      continue
    }
    if (seen.holder.pid !== process.pid && stillHolds(seen.holder)) {
      throw new AppError(
        'unavailable',
        `PhysioPlan is already open on this data folder (process ${seen.holder.pid}). Use that window, or close it before opening another.`
      )
    }
    if (attempt >= 40) throw cantWrite(dataDir)
    takeOver(file, seen.text)
  }
  const release = () => {
    try {
      if (readFileSync(file, 'utf8') === mine) rmSync(file)
    } catch {
      // already gone
    }
  }
  process.once('exit', release)
  return release
}
