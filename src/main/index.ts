/** The Electron main process: a thin shell over the store, the api and shell.ts. */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron'
import { scheduleBackups } from './core/backup-schedule'
import { clearHandoutTemp, desktopActions } from './electron/desktop'
import { resolveDataDir } from './hosting/data-dir'
import { bindIpc } from './electron/ipc'
import { utilityChild } from './electron/utility-child'
import {
  appOrigin,
  denyPermissions,
  hardenApp,
  mainWindowOptions,
  registerAppScheme,
  serveRenderer,
  showWhenReady
} from './electron/shell'
import { AppError } from '@shared/errors'
import { recoverFromNewestBackup } from './core/backups'
import { databaseFileName } from './core/db/open'
import { openStore, type OpenedStore } from './core/store'
import { clinicConnection, type ClinicConnection } from './clinic/connection'
import { clinicDispatch } from './clinic/forward'
import { giveBackEvery, givingBackEvery } from './core/give-back'
import { offlineSync, type OfflineSync } from './clinic/offline/engine'

// electron-vite's dev server, in development only: a packaged app that took the address
// from its environment would load (and give the api to) any page someone pointed it at
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const allowedOrigins = devServerUrl ? [new URL(devServerUrl).origin] : [appOrigin]
let mainWindow: BrowserWindow | null = null
let store: OpenedStore | null = null
let connection: ClinicConnection | null = null
let offline: OfflineSync | null = null

function openMainWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')))
  mainWindow.on('closed', () => (mainWindow = null))
  showWhenReady(mainWindow, devServerUrl ?? `${appOrigin}/`)
}

const resourcesDir = () =>
  app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources')

/**
 * Opens the data folder; when that fails, says why and offers the way out:
 * the newest good backup in place of a damaged file, or another folder.
 */
function openOrRecover(dataDir: string): OpenedStore | null {
  try {
    connection?.close()
    connection = clinicConnection({ dataDir })
    return openStore({
      dataDir,
      transport: 'electron',
      version: app.getVersion(),
      resourcesDir: resourcesDir(),
      workerFile: join(__dirname, 'worker.js'),
      startChild: utilityChild,
      desktop: desktopActions(() => mainWindow),
      clinic: connection
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const damaged = error instanceof AppError && error.code === 'damaged'
    const buttons = [
      ...(damaged ? ['Restore the newest good backup'] : []),
      'Open another folder…',
      'Quit'
    ]
    const choice =
      buttons[
        dialog.showMessageBoxSync({
          type: 'error',
          title: 'PhysioPlan cannot open its data',
          message,
          detail: `Data folder: ${dataDir}`,
          buttons,
          defaultId: 0,
          cancelId: buttons.length - 1
        })
      ]
    if (choice === 'Restore the newest good backup') {
      try {
        const { restored, damagedKept } = recoverFromNewestBackup(
          join(dataDir, databaseFileName),
          join(dataDir, 'backups')
        )
        dialog.showMessageBoxSync({
          type: 'info',
          message: `Restored the backup of ${new Date(restored.createdAt).toLocaleString()}.`,
          detail: damagedKept ? `The damaged file is kept as ${damagedKept}.` : undefined
        })
      } catch (failure) {
        dialog.showErrorBox(
          'No backup restored',
          failure instanceof Error ? failure.message : String(failure)
        )
      }
      return openOrRecover(dataDir)
    }
    if (choice === 'Open another folder…') {
      const picked = dialog.showOpenDialogSync({ properties: ['openDirectory', 'createDirectory'] })
      if (picked?.[0]) return openOrRecover(picked[0])
    }
    return null
  }
}

function closeThenQuit(): void {
  clearHandoutTemp()
  offline?.close()
  connection?.close()
  const closing = store?.close()
  store = null
  // a worker that never ends must not keep a windowless app alive: without the
  // close, no clean close is recorded and the next start checks every page
  const atMost = new Promise((settle) => setTimeout(settle, 10_000))
  void Promise.race([closing, atMost]).finally(() => app.quit())
}

function start(): void {
  clearHandoutTemp()
  const dataDir = resolveDataDir(process.argv, process.env, () => app.getPath('userData'))
  store = openOrRecover(dataDir)
  if (!store) {
    app.quit()
    return
  }
  scheduleBackups(store.db, dataDir, store)
  denyPermissions(session.defaultSession)
  serveRenderer(protocol, join(__dirname, '../renderer'))
  offline = offlineSync({
    dataDir,
    connection: connection!,
    resourcesDir: resourcesDir(),
    drawingFrom: store.drawingFrom
  })
  bindIpc(
    ipcMain,
    givingBackEvery(
      giveBackEvery.calls,
      clinicDispatch(store.handlers, connection!, store.drawingFrom, offline)
    ),
    allowedOrigins
  )
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
  app.on('window-all-closed', () => closeThenQuit())
  // Cmd+Q and the menu's Quit end the app without 'window-all-closed': the
  // store closes here too, so a clean close is recorded and the next start
  // needn't read every page
  app.on('will-quit', (event) => {
    if (!store) return
    event.preventDefault()
    closeThenQuit()
  })
  app.whenReady().then(start, (error: unknown) => {
    console.error(error)
    app.quit()
  })
}
