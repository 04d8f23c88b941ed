/**
 * What `npm start` opens: the Electron window, or the browser host and why.
 * Electron 45 has no install step: its binary (about 110 MB, from GitHub)
 * comes the first time something asks for it. This asks for it with
 * Electron's own installer, showing how much has arrived, and gives up
 * when nothing arrives for a while.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type Shell = { kind: 'electron' } | { kind: 'browser'; reason: string }

export interface Machine {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** Electron's binary is already in node_modules/electron/dist */
  electronInstalled: () => boolean
  /** fetches it; resolves to null when it is there, or to why not */
  downloadElectron: () => Promise<string | null>
}

export async function chooseShell(machine: Machine): Promise<Shell> {
  const { platform, env } = machine
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { kind: 'browser', reason: 'there is no display to open a window on' }
  if (machine.electronInstalled()) return { kind: 'electron' }
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return {
      kind: 'browser',
      reason: "Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set"
    }
  const failure = await machine.downloadElectron()
  return failure === null
    ? { kind: 'electron' }
    : { kind: 'browser', reason: `Electron's download failed (${failure})` }
}

export function electronInstalled(electronDir: string): boolean {
  const pathFile = join(electronDir, 'path.txt')
  return (
    existsSync(pathFile) &&
    existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
  )
}

/** Bytes in the files under a folder, 0 when it is missing. */
function bytesUnder(dir: string): number {
  if (!existsSync(dir)) return 0
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
}

export interface Download {
  /** Electron's installer: node_modules/electron/install.js */
  installer: string
  /** where the binary ends up: node_modules/electron/dist */
  distDir: string
  /** give up after this long with no new bytes (downloaded or unpacked) */
  stallMs: number
  /** one progress line, rewritten in place on a terminal */
  progress: (megabytes: number) => void
}

/**
 * Runs Electron's installer; it downloads into a temporary folder (TMPDIR,
 * ours) and unpacks into dist, so the bytes in both say how far it is.
 */
export function downloadElectron(download: Download): Promise<string | null> {
  const scratch = mkdtempSync(join(tmpdir(), 'physioplan-electron-'))
  const child = spawn(process.execPath, [download.installer], {
    env: { ...process.env, TMPDIR: scratch, ELECTRON_GET_NO_PROGRESS: '1' },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  let seen = -1
  let lastChange = Date.now()
  let stalled = false
  const watch = setInterval(() => {
    const bytes = bytesUnder(scratch) + bytesUnder(download.distDir)
    if (bytes !== seen) {
      seen = bytes
      lastChange = Date.now()
      download.progress(bytes / 1e6)
    } else if (Date.now() - lastChange > download.stallMs) {
      stalled = true
      child.kill()
    }
  }, 250)
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(watch)
      rmSync(scratch, { recursive: true, force: true })
      if (stalled) resolve(`nothing arrived for ${Math.round(download.stallMs / 1000)} s`)
      else if (code === 0) resolve(null)
      else resolve(errors.trim().split('\n')[0] || `its installer exited with ${code}`)
    })
  })
}

/**
 * The environment we start the app's process with (Electron, the browser
 * host, the benchmark's host). glibc's allocator gives each thread that
 * allocates its own arena (up to 8 per core) and keeps freed memory in each:
 * with the handout and data workers, SQLite and Node's own threads, that
 * held ~20 MB more all day. Two arenas cost nothing measurable in speed. It
 * must be set before the process starts (the allocator reads it once), so a
 * launcher sets it; other allocators ignore it. Likewise the main thread's
 * heap (`mainThreadFlags`), which V8 sizes as it is made.
 */
export function appEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    MALLOC_ARENA_MAX: '2',
    ...env,
    // the person's own options come after ours, so theirs win
    NODE_OPTIONS: [mainThreadFlags, env.NODE_OPTIONS].filter(Boolean).join(' ')
  }
}

/**
 * The main thread's heap. 2 MB semi-spaces, against V8's up to 32 MB (a 64 MB
 * new space): the main thread answers small calls, but a burst (the import's
 * preview reads 900 exercises) grew its new space to the most and V8 kept it:
 * its heap stayed at 52 MB reserved for ~20 MB used for the rest of the clinic
 * day. And a 512 MB old generation, against V8's 4 GB on a 24 GB machine: V8
 * lets an old generation grow to as much as 4 times what survived its last
 * full collection when its limit is 2 GB or more, 1.4 times at 512 MB. The
 * main thread lives on ~25 MB; left at 4 GB it filled with garbage to ~50 MB
 * and collected it about once a clinic day, so the day's second half rose or
 * fell by chance; at 512 MB it collects 4–6 times a day and ends at 38–42 MB
 * reserved, not 50–53, ~20 times what it needs still in reach (README,
 * A clinic day: memory). The worker threads keep their own limits: the pool
 * unsets both flags before it starts one (src/main/offthread/pool.ts).
 */
export const mainThreadFlags = '--max-semi-space-size=2 --max-old-space-size=512'
