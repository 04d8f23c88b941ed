/**
 * pdfmake, locked down: fonts come from memory, pictures arrive as data
 * URLs or inline SVG, and a document that names any web address or local
 * file is refused.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pdfmake from 'pdfmake'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'

const fontFiles = {
  normal: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  italics: 'NotoSans-Italic.ttf',
  bolditalics: 'NotoSans-BoldItalic.ttf'
}

interface VirtualFs {
  writeFileSync: (name: string, data: Buffer) => void
}

let configuredFor: string | null = null

function configure(fontsDir: string): void {
  if (configuredFor === fontsDir) return
  const { virtualfs } = pdfmake as unknown as { virtualfs: VirtualFs }
  for (const file of Object.values(fontFiles)) {
    virtualfs.writeFileSync(file, readFileSync(join(fontsDir, file)))
  }
  pdfmake.setFonts({ NotoSans: fontFiles })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  configuredFor = fontsDir
}

export async function renderPdf(document: TDocumentDefinitions, fontsDir: string): Promise<Buffer> {
  configure(fontsDir)
  return pdfmake.createPdf(document).getBuffer()
}
