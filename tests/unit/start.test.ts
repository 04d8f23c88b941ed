import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import {
  appEnv,
  chooseShell,
  downloadElectron,
  electronInstalled,
  type Machine
} from '../../scripts/start-shell.mjs'

const desktop = (overrides: Partial<Machine> = {}): Machine => ({
  platform: 'linux',
  env: { DISPLAY: ':0' },
  electronInstalled: () => false,
  downloadElectron: vi.fn(async () => null),
  ...overrides
})

describe('npm start: the window or the browser host', () => {
  it('opens the window after a first-run download that succeeds', async () => {
    const machine = desktop()
    expect(await chooseShell(machine)).toEqual({ kind: 'electron' })
    expect(machine.downloadElectron).toHaveBeenCalledOnce()
  })

  it('falls back to the browser host, saying why, when the download fails', async () => {
    const machine = desktop({ downloadElectron: async () => 'TypeError: fetch failed' })
    expect(await chooseShell(machine)).toEqual({
      kind: 'browser',
      reason: "Electron's download failed (TypeError: fetch failed)"
    })
  })

  it('downloads nothing where there is no display', async () => {
    const machine = desktop({ env: {} })
    expect(await chooseShell(machine)).toEqual({
      kind: 'browser',
      reason: 'there is no display to open a window on'
    })
    expect(machine.downloadElectron).not.toHaveBeenCalled()
    // Wayland is a display too; macOS and Windows always have one
    expect(await chooseShell(desktop({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toEqual({
      kind: 'electron'
    })
    expect(await chooseShell(desktop({ platform: 'darwin', env: {} }))).toEqual({
      kind: 'electron'
    })
  })

  it('opens the window at once when the binary is there, and honours ELECTRON_SKIP_BINARY_DOWNLOAD', async () => {
    const installed = desktop({ electronInstalled: () => true })
    expect(await chooseShell(installed)).toEqual({ kind: 'electron' })
    expect(installed.downloadElectron).not.toHaveBeenCalled()
    const skipping = desktop({ env: { DISPLAY: ':0', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })
    expect(await chooseShell(skipping)).toMatchObject({ kind: 'browser' })
    expect(skipping.downloadElectron).not.toHaveBeenCalled()
  })
})

describe("Electron's first-run download, with a stand-in installer", () => {
  const dir = mkdtempSync(join(tmpdir(), 'physioplan-start-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const installer = (name: string, code: string) => {
    const file = join(dir, `${name}.mjs`)
    writeFileSync(file, code)
    return file
  }
  const download = (file: string, progress = vi.fn()) =>
    downloadElectron({ installer: file, distDir: join(dir, 'dist'), stallMs: 1_000, progress })

  it('is done when the installer unpacks the binary, and says how much arrived', async () => {
    const progress = vi.fn()
    const unpacks = installer(
      'unpacks',
      `import { mkdirSync, writeFileSync } from 'node:fs'
       mkdirSync(${JSON.stringify(join(dir, 'dist'))}, { recursive: true })
       writeFileSync(${JSON.stringify(join(dir, 'dist', 'electron'))}, Buffer.alloc(2_000_000))
       writeFileSync(${JSON.stringify(join(dir, 'path.txt'))}, 'electron')
       await new Promise((done) => setTimeout(done, 600))`
    )
    expect(await download(unpacks, progress)).toBeNull()
    expect(progress).toHaveBeenLastCalledWith(2)
    expect(electronInstalled(dir)).toBe(true)
  })

  it('reports the first line of what a failing installer printed', async () => {
    const fails = installer(
      'fails',
      `console.error('TypeError: fetch failed\\n    at somewhere'); process.exit(1)`
    )
    expect(await download(fails)).toBe('TypeError: fetch failed')
  })

  it('gives up on an installer that receives nothing, after the stall time', async () => {
    const hangs = installer('hangs', `setInterval(() => {}, 1000)`)
    const started = Date.now()
    expect(await download(hangs)).toBe('nothing arrived for 1 s')
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('knows a missing binary from an installed one', () => {
    mkdirSync(join(dir, 'empty'), { recursive: true })
    expect(electronInstalled(join(dir, 'empty'))).toBe(false)
  })
})

describe('the environment the app starts with', () => {
  it('caps the allocator at two arenas, unless the person set their own', () => {
    expect(appEnv({ PATH: '/usr/bin' })).toMatchObject({ PATH: '/usr/bin', MALLOC_ARENA_MAX: '2' })
    expect(appEnv({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4')
  })

  it("sizes the main thread's heap, the person's own options after", () => {
    expect(appEnv({}).NODE_OPTIONS).toBe('--max-semi-space-size=2 --max-old-space-size=512')
    expect(appEnv({ NODE_OPTIONS: '--max-semi-space-size=8 --trace-gc' }).NODE_OPTIONS).toBe(
      '--max-semi-space-size=2 --max-old-space-size=512 --max-semi-space-size=8 --trace-gc'
    )
  })
})
