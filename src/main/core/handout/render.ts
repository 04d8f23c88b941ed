/**
 * pdfmake, locked down: fonts come from memory, pictures arrive as data
 * URLs or inline SVG, and a document that names any web address or local
 * file is refused.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type Pdfmake from 'pdfmake'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { BoundedMap } from '@shared/bounded-map'

const fontFiles = {
  normal: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  italics: 'NotoSans-Italic.ttf',
  bolditalics: 'NotoSans-BoldItalic.ttf'
}

interface VirtualFs {
  writeFileSync: (name: string, data: Buffer) => void
}

type CreateFont = (buffer: Uint8Array, postscriptName?: string) => object

/**
 * Parsed fonts by their buffer, then by PostScript name. Bounded: pdfmake
 * holds one buffer per face (four), replaced only when the fonts folder
 * changes, so eight entries keep the faces in use and a folder's worth more.
 */
export const parsedFonts = new BoundedMap<Uint8Array, Map<string, object>>(8)

/**
 * pdfkit parses every font file afresh for each document (fontkit.create):
 * almost half of a handout's time went there (reference handout 83 → 44 ms).
 * A parsed font is only read after loading, so pdfkit gets a fontkit whose
 * `create` remembers each font by its buffer (pdfmake hands over the same
 * buffers every time). fontkit's exports can't be changed, so pdfkit's
 * `require('fontkit')` is answered with a copy: this must run before
 * anything loads pdfkit.
 */
function loadPdfmake(): typeof Pdfmake {
  const require = createRequire(import.meta.url)
  const pdfkitFile = require.resolve('pdfkit')
  if (require.cache[pdfkitFile]) throw new Error('pdfkit was loaded before its font memo')
  const fromPdfkit = createRequire(pdfkitFile)
  const fontkit = fromPdfkit('fontkit') as { create: CreateFont }
  const create: CreateFont = (buffer, postscriptName) => {
    const byName = parsedFonts.get(buffer) ?? new Map<string, object>()
    parsedFonts.set(buffer, byName)
    const key = postscriptName ?? ''
    if (!byName.has(key)) byName.set(key, fontkit.create(buffer, postscriptName))
    return byName.get(key)!
  }
  fromPdfkit.cache[fromPdfkit.resolve('fontkit')]!.exports = { ...fontkit, create }
  return require('pdfmake') as typeof Pdfmake
}

let pdfmake: typeof Pdfmake | null = null
let configuredFor: string | null = null

function configure(fontsDir: string): typeof Pdfmake {
  pdfmake ??= loadPdfmake()
  if (configuredFor === fontsDir) return pdfmake
  const { virtualfs } = pdfmake as unknown as { virtualfs: VirtualFs }
  for (const file of Object.values(fontFiles)) {
    virtualfs.writeFileSync(file, readFileSync(join(fontsDir, file)))
  }
  pdfmake.setFonts({ NotoSans: fontFiles })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  configuredFor = fontsDir
  return pdfmake
}

export async function renderPdf(document: TDocumentDefinitions, fontsDir: string): Promise<Buffer> {
  return configure(fontsDir).createPdf(document).getBuffer()
}
