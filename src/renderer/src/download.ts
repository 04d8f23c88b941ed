import type { HandoutFile } from '@shared/types'

/** A file from the api as a browser download, under its own name. */
export function downloadFile(file: HandoutFile, type: string): void {
  const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type }))
  Object.assign(document.createElement('a'), { href: url, download: file.fileName }).click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
