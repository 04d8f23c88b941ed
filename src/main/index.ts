/** The Electron main process: a thin shell over the store, the api and shell.ts. */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron'
import { scheduleBackups } from './backup-schedule'
import { clearHandoutTemp, desktopActions } from './desktop'
import { resolveDataDir } from './data-dir'
import { bindIpc } from './ipc'
import {
  appOrigin,
  denyPermissions,
  hardenApp,
  mainWindowOptions,
  registerAppScheme,
  serveRenderer,
  showWhenReady
} from './shell'
import { openStore, type OpenedStore } from './store'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const allowedOrigins = devServerUrl ? [new URL(devServerUrl).origin] : [appOrigin]
let mainWindow: BrowserWindow | null = null
let store: OpenedStore | null = null

function openMainWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')))
  mainWindow.on('closed', () => (mainWindow = null))
  showWhenReady(mainWindow, devServerUrl ?? `${appOrigin}/`)
}

function start(): void {
  clearHandoutTemp()
  const dataDir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'))
  try {
    const resourcesDir = app.isPackaged
      ? join(process.resourcesPath, 'resources')
      : join(app.getAppPath(), 'resources')
    store = openStore(
      dataDir,
      'electron',
      app.getVersion(),
      resourcesDir,
      desktopActions(() => mainWindow)
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    dialog.showErrorBox('PhysioPlan cannot open its data', `${message}\n\nData folder: ${dataDir}`)
    app.quit()
    return
  }
  scheduleBackups(store.db, dataDir)
  denyPermissions(session.defaultSession)
  serveRenderer(protocol, join(__dirname, '../renderer'))
  bindIpc(ipcMain, store.handlers, allowedOrigins)
  openMainWindow()
}

registerAppScheme(protocol)

if (!app.requestSingleInstanceLock()) {
  // Another PhysioPlan has this data open: it gets focus (below), we leave.
  app.quit()
} else {
  hardenApp(app, allowedOrigins)
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })
  app.on('window-all-closed', () => {
    clearHandoutTemp()
    store?.close()
    store = null
    app.quit()
  })
  app.whenReady().then(start, (error: unknown) => {
    console.error(error)
    app.quit()
  })
}
