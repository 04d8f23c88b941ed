/**
 * What only the desktop app can do: the system's dialogs, printer and PDF
 * viewer. The core asks for these through this interface and the Electron
 * shell (electron/desktop.ts) implements it, so nothing here imports Electron.
 * The browser host has none of them; there the page downloads.
 */
export interface DesktopActions {
  /** a folder from the system's folder dialog, titled `title`; null when cancelled */
  chooseFolder: (title: string) => Promise<string | null>
  /** where to save `fileName`, from the system's save dialog; null when cancelled */
  chooseSavePath: (fileName: string) => Promise<string | null>
  /** the chosen path, or null when cancelled */
  saveFile: (fileName: string, bytes: Uint8Array) => Promise<string | null>
  printPdf: (fileName: string, bytes: Uint8Array) => Promise<void>
  openPdf: (fileName: string, bytes: Uint8Array) => Promise<void>
}
