/** The Electron shell's side of the core's DesktopActions: dialogs, printer and viewer. */
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindow as Window } from 'electron'
import { app, BrowserWindow, dialog, shell } from 'electron'
import { AppError } from '@shared/errors'
import type { DesktopActions } from '../core/desktop-actions'
import { makePrivateFolder, privateFileMode } from '../core/file-modes'

/** Handouts opened or printed from PhysioPlan: health data, so cleared at every start and quit. */
export function handoutTempDir(): string {
  return join(app.getPath('temp'), 'PhysioPlan handouts')
}

export function clearHandoutTemp(): void {
  rmSync(handoutTempDir(), { recursive: true, force: true })
}

function tempFile(fileName: string, bytes: Uint8Array): string {
  makePrivateFolder(handoutTempDir())
  const file = join(handoutTempDir(), fileName)
  writeFileSync(file, bytes, { mode: privateFileMode })
  return file
}

export function desktopActions(window: () => Window | null): DesktopActions {
  const parent = window
  return {
    async chooseFolder(title) {
      const options = {
        title,
        properties: ['openDirectory' as const, 'createDirectory' as const]
      }
      const owner = parent()
      const picked = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options)
      return picked.canceled ? null : (picked.filePaths[0] ?? null)
    },
    async chooseSavePath(fileName) {
      const extension = fileName.split('.').pop() ?? 'pdf'
      const options = {
        title: 'Save',
        defaultPath: join(app.getPath('documents'), fileName),
        filters: [{ name: extension.toUpperCase(), extensions: [extension] }]
      }
      const owner = parent()
      const chosen = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options)
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath
    },
    async saveFile(fileName, bytes) {
      const path = await this.chooseSavePath(fileName)
      if (path) writeFileSync(path, bytes)
      return path
    },
    async openPdf(fileName, bytes) {
      const problem = await shell.openPath(tempFile(fileName, bytes))
      if (problem) throw new AppError('unavailable', `The handout could not be opened: ${problem}`)
    },
    async printPdf(fileName, bytes) {
      // A hidden, sandboxed window with Chromium's PDF viewer, printed with the system dialog.
      const printer = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          plugins: true
        }
      })
      try {
        await printer.loadURL(pathToFileURL(tempFile(fileName, bytes)).href)
        await new Promise<void>((resolve, reject) => {
          printer.webContents.print({}, (printed, reason) => {
            if (printed || reason === 'cancelled') resolve()
            else reject(new AppError('unavailable', `Printing failed: ${reason}`))
          })
        })
      } finally {
        printer.destroy()
      }
    }
  }
}
