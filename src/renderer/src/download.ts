import type { HandoutFile } from '@shared/types'

/** A file from the api as a browser download, under its own name. */
export function downloadFile(file: HandoutFile, type: string): void {
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type }))
  Object.assign(document.createElement('a'), { href: url, download: file.fileName }).click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
