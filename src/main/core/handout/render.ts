/**
 * pdfmake, locked down: fonts come from memory, pictures arrive as data
 * URLs or inline SVG, and a document that names any web address or local
 * file is refused.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, sep } from 'node:path'
import type Pdfmake from 'pdfmake'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { BoundedMap } from '@shared/bounded-map'
import { fasterSubsets, installFastPaths, type Internals } from './fast-paths'
import type { TextMeasure } from './footer'

const fontFiles = {
  normal: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  italics: 'NotoSans-Italic.ttf',
  bolditalics: 'NotoSans-BoldItalic.ttf'
}

interface VirtualFs {
  writeFileSync: (name: string, data: Buffer) => void
}

interface Font {
  unitsPerEm: number
  layout: (text: string) => { advanceWidth: number }
}

type CreateFont = (buffer: Uint8Array, postscriptName?: string) => Font

/**
 * Parsed fonts by their buffer, then by PostScript name. Bounded: pdfmake
 * holds one buffer per face (four), replaced only when the fonts folder
 * changes, so eight entries keep the faces in use and a folder's worth more.
 */
export const parsedFonts = new BoundedMap<Uint8Array, Map<string, Font>>(8)

/** A package's folder, from a file inside it: what require.cache keys its modules under. */
function packageFolder(file: string, name: string): string {
  const marker = `${sep}node_modules${sep}${name}${sep}`
  return file.slice(0, file.lastIndexOf(marker) + marker.length)
}

/**
 * pdfkit parses every font file afresh for each document (fontkit.create):
 * almost half of a handout's time went there (reference handout 83 → 44 ms).
 * A parsed font is only read after loading, so pdfkit gets a fontkit whose
 * `create` remembers each font by its buffer (pdfmake hands over the same
 * buffers every time). fontkit's exports can't be changed and pdfkit binds
 * them when it loads, so pdfmake and pdfkit are loaded afresh here with
 * `require('fontkit')` answered by a copy. Whatever loaded pdfkit or pdfmake
 * before keeps its own copies (set aside and put back), so the load order
 * doesn't matter.
 */
let createFont: CreateFont | null = null

function loadPdfmake(): typeof Pdfmake {
  const require = createRequire(import.meta.url)
  const pdfkitFile = require.resolve('pdfkit')
  const fromPdfkit = createRequire(pdfkitFile)
  const fontkit = fromPdfkit('fontkit') as { create: CreateFont }
  const create: CreateFont = (buffer, postscriptName) => {
    const byName = parsedFonts.get(buffer) ?? new Map<string, Font>()
    parsedFonts.set(buffer, byName)
    const key = postscriptName ?? ''
    if (!byName.has(key)) {
      const font = fontkit.create(buffer, postscriptName)
      if (fastPaths) fasterSubsets(font as never)
      byName.set(key, font)
    }
    return byName.get(key)!
  }
  const fontkitModule = fromPdfkit.cache[fromPdfkit.resolve('fontkit')]!
  const ours = [
    packageFolder(pdfkitFile, 'pdfkit'),
    packageFolder(require.resolve('pdfmake'), 'pdfmake')
  ]
  const earlier = Object.keys(require.cache).filter((file) =>
    ours.some((folder) => file.startsWith(folder))
  )
  const setAside = new Map(earlier.map((file) => [file, require.cache[file]]))
  earlier.forEach((file) => delete require.cache[file])
  const realFontkit = fontkitModule.exports as unknown
  fontkitModule.exports = { ...fontkit, create }
  createFont = create
  try {
    const loaded = require('pdfmake') as typeof Pdfmake
    fastPaths = installFastPaths(internals(require, pdfkitFile))
    return loaded
  } finally {
    fontkitModule.exports = realFontkit
    setAside.forEach((module, file) => (require.cache[file] = module))
  }
}

/**
 * The internals the fast paths replace methods of, from the copies just
 * loaded (still in require's cache): pdfmake's document and style stack,
 * and pdfkit's object class, taken from an object of a throwaway document.
 */
function internals(require: NodeJS.Require, pdfkitFile: string): Internals {
  const version = (file: string) => (require(file) as { version: string }).version
  const PDFKit = require('pdfkit') as new (options: object) => { ref: () => object }
  const reference = Object.getPrototypeOf(new PDFKit({ autoFirstPage: false }).ref()) as {
    constructor: { prototype: object }
  }
  return {
    pdfmakeVersion: version('pdfmake/package.json'),
    pdfkitVersion: version(join(pdfkitFile, '..', '..', 'package.json')),
    // fontkit exports no package.json: its folder's, found from the file pdfkit loads
    fontkitVersion: version(
      join(packageFolder(createRequire(pdfkitFile).resolve('fontkit'), 'fontkit'), 'package.json')
    ),
    pdfmakeDocument: (
      require('pdfmake/js/PDFDocument') as { default: Internals['pdfmakeDocument'] }
    ).default,
    styleStack: (require('pdfmake/js/StyleContextStack') as { default: Internals['styleStack'] })
      .default,
    textInlines: (require('pdfmake/js/TextInlines') as { default: Internals['textInlines'] })
      .default,
    reference: reference.constructor
  }
}

/** Whether the fast paths are in (they are for the pdfmake and pdfkit versions they were written for). */
export let fastPaths = false

let pdfmake: typeof Pdfmake | null = null
let configuredFor: string | null = null
/** the regular face's bytes as pdfmake holds them: the key its parsed font is kept under */
let regularFont: Buffer | null = null

function configure(fontsDir: string): typeof Pdfmake {
  pdfmake ??= loadPdfmake()
  if (configuredFor === fontsDir) return pdfmake
  const { virtualfs } = pdfmake as unknown as { virtualfs: VirtualFs }
  for (const file of Object.values(fontFiles)) {
    const bytes = readFileSync(join(fontsDir, file))
    virtualfs.writeFileSync(file, bytes)
    if (file === fontFiles.normal) regularFont = bytes
  }
  pdfmake.setFonts({ NotoSans: fontFiles })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  configuredFor = fontsDir
  return pdfmake
}

/** Measures with the same parsed font (and shaped words) the PDF is set with. */
export function textMeasure(fontsDir: string): TextMeasure {
  configure(fontsDir)
  const font = createFont!(regularFont!)
  return (text, fontSize) => (font.layout(text).advanceWidth * fontSize) / font.unitsPerEm
}

export async function renderPdf(document: TDocumentDefinitions, fontsDir: string): Promise<Buffer> {
  return configure(fontsDir).createPdf(document).getBuffer()
}
