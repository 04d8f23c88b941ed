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

interface GlyphRun {
  positions: object[]
  advanceWidth: number
}

interface Font {
  unitsPerEm: number
  layout: (text: string, features?: unknown, ...rest: unknown[]) => GlyphRun
}

type CreateFont = (buffer: Uint8Array, postscriptName?: string) => Font

/**
 * Parsed fonts by their buffer, then by PostScript name. Bounded: pdfmake
 * holds one buffer per face (four), replaced only when the fonts folder
 * changes, so eight entries keep the faces in use and a folder's worth more.
 */
export const parsedFonts = new BoundedMap<Uint8Array, Map<string, Font>>(8)

/**
 * Shaped words by font (a word is what pdfkit lays out at a time: text up to
 * and including a space). Bounded: a handout's vocabulary is a few hundred
 * words, the library's a few thousand; the oldest go first.
 */
export const shapedWords = new WeakMap<Font, BoundedMap<string, GlyphRun>>()
const wordsKept = 4_000

/** A copy of a shaped run whose positions pdfkit may scale in place (it does, once per run). */
function copyRun(run: GlyphRun): GlyphRun {
  const positions = run.positions.map((position) =>
    Object.assign(Object.create(Object.getPrototypeOf(position) as object) as object, position)
  )
  return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run, {
    positions
  })
}

/**
 * pdfkit keeps each word's shaping (fontkit's layout: OpenType lookups) for
 * one document only, and shaping was a quarter of a handout's time. The
 * parsed font outlives documents, so the words it shaped are kept on it;
 * each caller gets a copy, as if shaped afresh.
 */
function rememberWords(font: Font): Font {
  const shape = font.layout.bind(font)
  const shaped = new BoundedMap<string, GlyphRun>(wordsKept)
  shapedWords.set(font, shaped)
  font.layout = (text, features, ...rest) => {
    if (features !== undefined || rest.some((arg) => arg !== undefined)) {
      return shape(text, features, ...rest)
    }
    const run = shaped.get(text) ?? shape(text)
    shaped.set(text, run)
    return copyRun(run)
  }
  return font
}

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
    if (!byName.has(key)) byName.set(key, rememberWords(fontkit.create(buffer, postscriptName)))
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
    return require('pdfmake') as typeof Pdfmake
  } finally {
    fontkitModule.exports = realFontkit
    setAside.forEach((module, file) => (require.cache[file] = module))
  }
}

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
