import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '@shared/errors'

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
 * One PhysioPlan per data folder: a lock file holding the process id. A lock
 * left by a process that no longer runs (a crash, a kill) is taken over.
 * Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const file = join(dataDir, 'physioplan.lock')
  const mine = String(process.pid)
  try {
    writeFileSync(file, mine, { flag: 'wx' })
  } catch {
    const holder = Number(readFileSync(file, 'utf8'))
    if (holder && holder !== process.pid && alive(holder)) {
      throw new AppError(
        'unavailable',
        `PhysioPlan is already open on this data folder (process ${holder}). Use that window, or close it before opening another.`
      )
    }
    writeFileSync(file, mine)
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
