/**
 * The Electron main process, run against a mocked `electron` module: every
 * window option, handler and policy the shell sets is asserted here, since
 * the real Electron binary is not available on every machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { channels } from '../../src/shared/channels'

type Listener = (...args: unknown[]) => unknown

const electron = vi.hoisted(() => {
  const listeners = new Map<string, (...args: unknown[]) => unknown>()
  const windows: { options: Record<string, unknown>; url?: string }[] = []
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>()
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>()
  const permission = {
    request: null as null | ((...a: unknown[]) => void),
    check: null as null | (() => boolean)
  }
  const state = { singleInstance: true }
  return {
    listeners,
    windows,
    ipcHandlers,
    protocolHandlers,
    permission,
    state,
    module: {
      app: {
        requestSingleInstanceLock: vi.fn(() => state.singleInstance),
        enableSandbox: vi.fn(),
        whenReady: vi.fn(() => Promise.resolve()),
        on: vi.fn((event: string, listener: (...args: unknown[]) => unknown) =>
          listeners.set(event, listener)
        ),
        quit: vi.fn(),
        getPath: vi.fn(() => '/nonexistent'),
        getVersion: vi.fn(() => '9.9.9'),
        getAppPath: vi.fn(() => process.cwd()),
        isPackaged: false
      },
      BrowserWindow: vi.fn(function (
        this: Record<string, unknown>,
        options: Record<string, unknown>
      ) {
        const record: { options: Record<string, unknown>; url?: string } = { options }
        windows.push(record)
        this.once = vi.fn()
        this.on = vi.fn()
        this.loadURL = vi.fn((url: string) => {
          record.url = url
          return Promise.resolve()
        })
      }),
      ipcMain: {
        handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) =>
          ipcHandlers.set(channel, handler)
        )
      },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(),
        handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) =>
          protocolHandlers.set(scheme, handler)
        )
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(
            (handler: (...a: unknown[]) => void) => (permission.request = handler)
          ),
          setPermissionCheckHandler: vi.fn((handler: () => boolean) => (permission.check = handler))
        }
      },
      dialog: { showErrorBox: vi.fn(), showMessageBoxSync: vi.fn(() => 0) },
      shell: { openPath: vi.fn() }
    }
  }
})

vi.mock('electron', () => electron.module)

const dataDir = mkdtempSync(join(tmpdir(), 'physioplan-shell-'))

beforeAll(async () => {
  process.env.PHYSIOPLAN_DATA_DIR = dataDir
  await import('../../src/main/index')
  await new Promise((resolve) => setTimeout(resolve, 0))
})

afterAll(() => {
  electron.listeners.get('window-all-closed')?.()
  delete process.env.PHYSIOPLAN_DATA_DIR
  rmSync(dataDir, { recursive: true, force: true })
})

describe('Electron main process', () => {
  it('registers app:// as a secure standard scheme and sandboxes every renderer', () => {
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
    ])
    expect(electron.module.app.enableSandbox).toHaveBeenCalled()
    expect(electron.module.app.requestSingleInstanceLock).toHaveBeenCalled()
  })

  it('opens one window, isolated and sandboxed, from app://', () => {
    expect(electron.windows).toHaveLength(1)
    const [window] = electron.windows
    expect(window?.url).toBe('app://physioplan/')
    expect(window?.options.show).toBe(false)
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
    expect(String((window?.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[/\\]index\.js$/
    )
  })

  it('denies every permission request and check', () => {
    const callback = vi.fn()
    electron.permission.request?.({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(electron.permission.check?.()).toBe(false)
  })

  it('denies new windows, webviews and navigation away from the app', () => {
    const handlers = new Map<string, Listener>()
    let openHandler: (() => unknown) | undefined
    const contents = {
      setWindowOpenHandler: (handler: () => unknown) => (openHandler = handler),
      on: (event: string, handler: Listener) => handlers.set(event, handler)
    }
    electron.listeners.get('web-contents-created')?.({}, contents)
    expect(openHandler?.()).toEqual({ action: 'deny' })

    for (const [event, url, blocked] of [
      ['will-navigate', 'https://example.com/', true],
      ['will-navigate', 'file:///etc/passwd', true],
      ['will-redirect', 'http://127.0.0.1:9/', true],
      ['will-navigate', 'app://physioplan/patients/3', false]
    ] as const) {
      const navigation = { preventDefault: vi.fn() }
      handlers.get(event)?.(navigation, url)
      expect(navigation.preventDefault, `${event} ${url}`).toHaveBeenCalledTimes(blocked ? 1 : 0)
    }
    const webview = { preventDefault: vi.fn() }
    handlers.get('will-attach-webview')?.(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('binds every contract channel once', () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...channels].sort())
    expect(electron.module.ipcMain.handle).toHaveBeenCalledTimes(channels.length)
  })

  it('answers our own page and refuses other senders', async () => {
    const handler = electron.ipcHandlers.get('app:info')
    const own = await handler?.({ senderFrame: { url: 'app://physioplan/', parent: null } }, {})
    expect(own).toMatchObject({
      ok: true,
      data: { transport: 'electron', version: '9.9.9', dataDir }
    })
    for (const senderFrame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://physioplan/', parent: {} },
      null
    ]) {
      const refused = await handler?.({ senderFrame }, {})
      expect(refused).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'This window is not allowed to read clinic data.' }
      })
    }
  })

  it('validates ipc input like every other transport', async () => {
    const handler = electron.ipcHandlers.get('patients:create')
    const result = await handler?.(
      { senderFrame: { url: 'app://physioplan/', parent: null } },
      { fullName: '' }
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'fullName' } })
  })

  it('serves the renderer with the CSP, and nothing outside it', async () => {
    const serve = electron.protocolHandlers.get('app')
    const page = await serve?.(new Request('app://physioplan/patients/3'))
    expect(page?.status).toBe(200)
    expect(page?.headers.get('Content-Security-Policy')).toMatch(/default-src 'self'/)
    expect(page?.headers.get('Content-Security-Policy')).toMatch(/object-src 'none'/)
    expect(await page?.text()).toMatch(/<div id="app">/)
    for (const url of [
      'app://physioplan/..%2f..%2fpackage.json',
      'app://other/index.html',
      'app://physioplan/missing.js'
    ]) {
      expect((await serve?.(new Request(url)))?.status, url).toBe(404)
    }
  })
})

describe('a second instance', () => {
  it('quits without opening a window or the database', async () => {
    vi.resetModules()
    electron.state.singleInstance = false
    electron.module.app.quit.mockClear()
    const before = electron.windows.length
    await import('../../src/main/index')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(electron.module.app.quit).toHaveBeenCalled()
    expect(electron.windows.length).toBe(before)
  })
})

describe('packaging', () => {
  it('sets Electron’s fuses: no run-as-node, NODE_OPTIONS or inspector; cookies encrypted; app.asar only, checked', async () => {
    const { getConfig, validateConfiguration } =
      await import('app-builder-lib/out/util/config/config')
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null)
    await validateConfiguration(config, { add: () => undefined } as never)
    expect(config.asar ?? true).toBe(true)
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
    // electron-builder's own config loader is slow to import on a busy machine
  }, 30_000)
})

describe('a packaged app', () => {
  it('ignores ELECTRON_RENDERER_URL: it loads app:// and answers only app://', async () => {
    vi.resetModules()
    electron.state.singleInstance = true
    electron.module.app.isPackaged = true
    const resources = (process as { resourcesPath?: string }).resourcesPath
    Object.assign(process, { resourcesPath: process.cwd() })
    process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:5173'
    const before = electron.windows.length
    electron.ipcHandlers.clear()
    try {
      await import('../../src/main/index')
      await new Promise((resolve) => setTimeout(resolve, 0))
      expect(electron.windows[before]?.url).toBe('app://physioplan/')
      const handler = electron.ipcHandlers.get('app:info')
      const fromDevServer = { senderFrame: { url: 'http://127.0.0.1:5173/', parent: null } }
      expect(await handler?.(fromDevServer, {})).toMatchObject({ error: { code: 'forbidden' } })
    } finally {
      electron.listeners.get('window-all-closed')?.()
      delete process.env.ELECTRON_RENDERER_URL
      electron.module.app.isPackaged = false
      Object.assign(process, { resourcesPath: resources })
    }
  })
})

describe('a data file gone missing while backups exist', () => {
  it('offers the newest backup instead of starting empty, and restores it', async () => {
    const { openDatabase } = await import('../../src/main/core/db/open')
    const { makeBackup } = await import('../../src/main/core/backups')
    const { createOffThread } = await import('../../src/main/offthread/pool')
    const folder = mkdtempSync(join(tmpdir(), 'physioplan-shell-lost-'))
    const file = join(folder, 'physioplan.sqlite3')
    const { db } = openDatabase(file)
    db.prepare(
      "INSERT INTO patients (full_name, sort_key, date_of_birth, created_at, updated_at) VALUES ('Kept Karin', 'kept karin', '1977-07-07', '', '')"
    ).run()
    await makeBackup(
      { databaseFile: file, offThread: createOffThread(null) },
      join(folder, 'backups')
    )
    db.close()
    rmSync(file)

    vi.resetModules()
    electron.state.singleInstance = true
    electron.ipcHandlers.clear()
    electron.module.dialog.showMessageBoxSync.mockClear()
    process.env.PHYSIOPLAN_DATA_DIR = folder
    try {
      await import('../../src/main/index')
      await new Promise((resolve) => setTimeout(resolve, 0))
      const [offer] = electron.module.dialog.showMessageBoxSync.mock.calls[0] as unknown as [
        { message: string; buttons: string[] }
      ]
      expect(offer.message).toMatch(/is missing, but there are backups/)
      expect(offer.buttons[0]).toBe('Restore the newest good backup')
      const info = await electron.ipcHandlers.get('app:info')?.(
        { senderFrame: { url: 'app://physioplan/', parent: null } },
        {}
      )
      expect(info).toMatchObject({ ok: true, data: { dataDir: folder, counts: { patients: 1 } } })
    } finally {
      electron.listeners.get('window-all-closed')?.()
      process.env.PHYSIOPLAN_DATA_DIR = dataDir
      await new Promise((resolve) => setTimeout(resolve, 50))
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
