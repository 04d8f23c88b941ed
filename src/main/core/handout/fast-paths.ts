/**
 * Faster equivalents of a few pdfmake and pdfkit internals, installed on the
 * private copies render.ts loads (nobody else's pdfmake or pdfkit is
 * touched). Each one does exactly what the method it replaces does, for
 * less: the same PDF bytes, which tests/unit/handout-bytes.test.ts checks on
 * 90 handouts. They are written against the versions named below and only
 * installed on those; another version renders as pdfmake itself does.
 */
import { deflateSync } from 'node:zlib'
import { BoundedMap } from '@shared/bounded-map'

// fontkit too: the subsets read its private glyph tables (loca, hmtx, _addGlyph)
export const fastPathVersions = { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' }

interface GlyphRun {
  positions: object[]
  advanceWidth: number
}

/** A parsed font (fontkit's), as far as these paths read it. */
interface Font {
  unitsPerEm: number
}

/** A document's font as pdfkit embeds it: the parsed font and its shaped words, by word. */
interface EmbeddedFont {
  font: Font
  layoutCache?: Record<string, GlyphRun>
}

/**
 * Shaped words by parsed font, as pdfkit keeps them: scaled to its 1000
 * units, read only once made (pdfkit itself hands one run to every use of
 * a word in a document). Bounded: a handout's vocabulary is a few hundred
 * words, the library's a few thousand; a font's words are forgotten all at
 * once when a document starts with more than `wordsKept` of them.
 */
export let shapedWords = new WeakMap<object, Record<string, GlyphRun>>()
export const wordsKept = 4_000

/**
 * Forgets every shaped word: they are the words of the handouts drawn, patients'
 * names among them, and a patient erased is not kept here either. The words
 * are shaped again as documents ask for them (same bytes).
 */
export function forgetShapedWords(): void {
  shapedWords = new WeakMap()
}

type Method = (this: unknown, ...args: never[]) => unknown

/**
 * pdfkit keeps each word's shaping (fontkit's layout: OpenType lookups, then
 * scaling every glyph position) for one document only, and shaping was a
 * quarter of a handout's time. The parsed font outlives documents, so each
 * document's embedded font is handed the words its parsed font has shaped
 * before, as soon as pdfmake opens it.
 */
function shareShapedWords(pdfmakeDocument: { prototype: object }): void {
  const prototype = pdfmakeDocument.prototype as { provideFont: Method }
  const provideFont = prototype.provideFont
  prototype.provideFont = function (this: unknown, ...args: never[]) {
    const embedded = provideFont.apply(this, args) as EmbeddedFont
    let words = shapedWords.get(embedded.font)
    if (embedded.layoutCache === words) return embedded
    if (!words || Object.keys(words).length > wordsKept) {
      words = Object.create(null) as Record<string, GlyphRun>
      shapedWords.set(embedded.font, words)
    }
    embedded.layoutCache = words
    return embedded
  }
}

type Style = Record<string, unknown> & { extends?: string | string[] }
/** where a stack keeps the values found on it (fromStackKept) */
const found = Symbol('values found on this stack')
interface StyleStack {
  [found]?: Map<string, unknown>
  styleDictionary: Record<string, Style | undefined>
  defaultStyle?: Record<string, unknown>
  styleOverrides: unknown[]
}

const isValue = (value: unknown) => value !== undefined && value !== null
const isString = (value: unknown): value is string =>
  typeof value === 'string' || value instanceof String

/** A named style's value, following `extends` as pdfmake does (each style visited once). */
function fromStyle(
  stack: StyleStack,
  name: string,
  property: string,
  visited?: Set<string>
): unknown {
  if (visited?.has(name)) return undefined
  const style = stack.styleDictionary[name]
  if (!style) return undefined
  if (isValue(style[property])) return style[property]
  if (!style.extends) return undefined
  const seen = (visited ?? new Set<string>()).add(name)
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends]
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = fromStyle(stack, parents[i]!, property, seen)
    if (isValue(value)) return value
  }
  return undefined
}

/** One entry of the stack: a style's name or an object of overrides. */
function fromEntry(stack: StyleStack, entry: unknown, property: string): unknown {
  if (isString(entry)) return fromStyle(stack, String(entry), property)
  return (entry as Record<string, unknown>)[property]
}

function fromStack(stack: StyleStack, property: string): unknown {
  const overrides = stack.styleOverrides
  for (let i = overrides.length - 1; i >= 0; i--) {
    const value = fromEntry(stack, overrides[i], property)
    if (isValue(value)) return value
  }
  return stack.defaultStyle && stack.defaultStyle[property]
}

/**
 * Values found on a stack, by property, kept on it until its next push or pop: the
 * words of one text share one stack, and each asked for the same 25
 * properties of it. Bounded by the number of style properties pdfmake
 * knows; dropped with the stack.
 */
function fromStackKept(stack: StyleStack, property: string): unknown {
  let values = stack[found]
  if (!values) stack[found] = values = new Map()
  let value = values.get(property)
  if (value === undefined && !values.has(property)) {
    value = fromStack(stack, property)
    values.set(property, value)
  }
  return value
}

/**
 * pdfmake looks every text property up (25 of them for each word) by
 * pushing the word's styles onto the stack, walking it with a fresh closure
 * and Set per look-up, and popping them again: about a tenth of a handout.
 * The same walk, reading the word's styles where they would have been
 * pushed, without allocating, and the rest of the stack's answer kept until
 * the stack changes (a style value on the stack is never changed in place
 * to another: pdfmake writes back only what it just read).
 */
function fasterStyles(stackClass: {
  prototype: object
  getStyleProperty: (...args: never[]) => unknown
}): void {
  const prototype = stackClass.prototype as { getProperty: Method; push: Method; pop: Method }
  for (const change of ['push', 'pop'] as const) {
    const method = prototype[change]
    prototype[change] = function (this: unknown, ...args: never[]) {
      ;(this as StyleStack)[found] = undefined
      ;(this as StyledStack)[byStyle] = undefined
      return method.apply(this, args)
    }
  }
  prototype.getProperty = function (this: unknown, property: string) {
    return fromStackKept(this as StyleStack, property)
  } as Method
  stackClass.getStyleProperty = ((
    item: Record<string, unknown>,
    stack: StyleStack | null | undefined,
    property: string,
    defaultValue: unknown
  ) => {
    if (isValue(item[property])) return item[property]
    if (!stack) return defaultValue
    let value: unknown
    // what StyleContextStack.autopush would have pushed: none for a string or a section,
    // else the node's style names and then the node itself (whose own value is absent)
    if (!isString(item) && item.section === undefined && item.style) {
      const names = Array.isArray(item.style) ? (item.style as unknown[]) : [item.style]
      for (let i = names.length - 1; i >= 0 && !isValue(value); i--)
        value = fromEntry(stack, names[i], property)
    }
    if (!isValue(value)) value = fromStackKept(stack, property)
    return isValue(value) ? value : defaultValue
  }) as never
}

/** A word (an inline) as pdfmake's TextInlines.measure reads and writes it. */
type Inline = Record<string, unknown> & { text: string }

/** The text properties measure looks up for every word, as it asks for them. */
const lookedUp = [
  'font',
  'bold',
  'italics',
  'alignment',
  'fontSize',
  'fontFeatures',
  'characterSpacing',
  'color',
  'decoration',
  'decorationColor',
  'decorationStyle',
  'decorationThickness',
  'background',
  'link',
  'linkToPage',
  'linkToDestination',
  'noWrap',
  'opacity',
  'sup',
  'sub',
  'lineHeight',
  'preserveLeadingSpaces',
  'preserveTrailingSpaces'
] as const
type Styled = Partial<Record<(typeof lookedUp)[number], unknown>>

/** where a stack keeps, by a word's style, what its styles and the stack give each property */
const byStyle = Symbol('text properties found on this stack, by style')
type StyledStack = StyleStack & { [byStyle]?: Map<unknown, Styled> }
const noStyle = Symbol('no style of its own')

/**
 * What a word's style and the stack under it give each measured property
 * (undefined where neither has a value). Kept on the stack, by the word's
 * style (the name, or the list itself: the words of a text share it, and
 * pdfmake never changes one in place), until the stack's next push or pop.
 */
function styledValues(
  stack: StyledStack,
  item: Inline,
  lookUp: (item: object, stack: StyleStack, property: string, fallback: undefined) => unknown
): Styled {
  // what StyleContextStack.autopush would push for the word: nothing for a section
  const style = item.section === undefined && item.style ? item.style : undefined
  const key = style === undefined ? noStyle : isString(style) ? String(style) : style
  const kept = (stack[byStyle] ??= new Map()).get(key)
  if (kept) return kept
  const probe = { style }
  const values: Styled = {}
  for (const property of lookedUp) values[property] = lookUp(probe, stack, property, undefined)
  stack[byStyle].set(key, values)
  return values
}

const pick = (own: unknown, styled: unknown, fallback: unknown) =>
  isValue(own) ? own : isValue(styled) ? styled : fallback
const leading = /^(\s)+/g
const trailing = /(\s)+$/g

/**
 * pdfmake's TextInlines.measure looks 23 properties up for every word of a
 * text, one by one, though the words of a text share their style and its
 * stack: a fifth of a long handout. The same steps in the same order, each
 * property taken from the word itself, else from what its style and the
 * stack give (looked up once per style and stack, styledValues), else the
 * same default.
 */
function fasterMeasure(
  textInlines: { prototype: object },
  stackClass: { getStyleProperty: (...args: never[]) => unknown }
): void {
  const prototype = textInlines.prototype as {
    measure: Method
    pdfDocument: { provideFont: (font: unknown, bold: unknown, italics: unknown) => unknown }
    widthOfText: (text: string, inline: Inline) => number
  }
  const measure = prototype.measure
  const lookUp = stackClass.getStyleProperty as unknown as (
    item: object,
    stack: StyleStack | null,
    property: string,
    fallback: unknown
  ) => unknown
  prototype.measure = function (this: typeof prototype, array: Inline[], stack: StyleStack) {
    if (!stack) return measure.call(this, array as never, stack as never)
    if (array.length) {
      const leadingIndent = lookUp(array[0]!, stack, 'leadingIndent', 0)
      if (leadingIndent) {
        array[0]!.leadingCut = -(leadingIndent as number)
        array[0]!.leadingIndent = leadingIndent
      }
    }
    for (const item of array) {
      const styled = styledValues(stack, item, lookUp)
      const font = pick(item.font, styled.font, 'Roboto')
      const bold = pick(item.bold, styled.bold, false)
      const italics = pick(item.italics, styled.italics, false)
      const provided = this.pdfDocument.provideFont(font, bold, italics) as {
        lineHeight(size: unknown): number
      }
      // one by one, by name, in measure's order: the words keep the same shape as before
      item.font = provided
      item.alignment = pick(item.alignment, styled.alignment, 'left')
      item.fontSize = pick(item.fontSize, styled.fontSize, 12)
      item.fontFeatures = pick(item.fontFeatures, styled.fontFeatures, null)
      item.characterSpacing = pick(item.characterSpacing, styled.characterSpacing, 0)
      item.color = pick(item.color, styled.color, 'black')
      item.decoration = pick(item.decoration, styled.decoration, null)
      item.decorationColor = pick(item.decorationColor, styled.decorationColor, null)
      item.decorationStyle = pick(item.decorationStyle, styled.decorationStyle, null)
      item.decorationThickness = pick(item.decorationThickness, styled.decorationThickness, null)
      item.background = pick(item.background, styled.background, null)
      item.link = pick(item.link, styled.link, null)
      item.linkToPage = pick(item.linkToPage, styled.linkToPage, null)
      item.linkToDestination = pick(item.linkToDestination, styled.linkToDestination, null)
      item.noWrap = pick(item.noWrap, styled.noWrap, null)
      item.opacity = pick(item.opacity, styled.opacity, 1)
      item.sup = pick(item.sup, styled.sup, false)
      item.sub = pick(item.sub, styled.sub, false)
      if (item.sup || item.sub) item.fontSize = (item.fontSize as number) * 0.58
      const lineHeight = pick(item.lineHeight, styled.lineHeight, 1) as number
      item.width = this.widthOfText(item.text, item)
      item.height = provided.lineHeight(item.fontSize) * lineHeight
      if (!item.leadingCut) item.leadingCut = 0
      if (!pick(item.preserveLeadingSpaces, styled.preserveLeadingSpaces, false)) {
        const spaces = item.text.match(leading)
        if (spaces)
          item.leadingCut = (item.leadingCut as number) + this.widthOfText(spaces[0]!, item)
      }
      item.trailingCut = 0
      if (!pick(item.preserveTrailingSpaces, styled.preserveTrailingSpaces, false)) {
        const spaces = item.text.match(trailing)
        if (spaces) item.trailingCut = this.widthOfText(spaces[0]!, item)
      }
    }
    return array
  } as Method
}

/**
 * Colours as pdfkit's PDF operators take them, by the text they were given
 * in ("#5d6d74", "black"): pdfkit parses the text again for every word it
 * colours. Only hex and named colours, the same in every document (a spot
 * colour belongs to its document). Bounded: a handout uses a dozen colours.
 */
export const parsedColors = new BoundedMap<string, number[]>(64)

function keptColors(pdfmakeDocument: { prototype: object }): void {
  const prototype = pdfmakeDocument.prototype as { _normalizeColor: Method }
  const normalize = prototype._normalizeColor
  prototype._normalizeColor = function (this: unknown, color: unknown) {
    if (typeof color !== 'string' || !/^#|^[a-z]+$/.test(color))
      return normalize.call(this, color as never)
    const kept = parsedColors.get(color)
    if (kept) return kept
    const spot = (this as { spotColors: Record<string, unknown> }).spotColors[color]
    const parsed = normalize.call(this, color as never)
    if (Array.isArray(parsed) && parsed !== spot) parsedColors.set(color, parsed as number[])
    return parsed
  } as Method
}

/** A pdfkit object (PDFReference) as far as its stream is concerned. */
interface Reference {
  document: { _security?: unknown }
  data: { Length?: number; Filter?: string }
  compress: boolean
  uncompressedLength: number
  buffer: Uint8Array[]
  /** page-content lines not yet turned into bytes */
  pendingText?: string[]
}

/**
 * pdfkit turns every line of page content (an operator: "1 0 0 1 40 700
 * Tm") into a Buffer of its own and joins thousands of them at the page's
 * end: a tenth of a handout. Lines are kept as text and turned into bytes
 * once, in the same 'binary' encoding, before any other bytes join them.
 */
function textLinesAsText(reference: { prototype: object }): void {
  const prototype = reference.prototype as { write: Method; finalize: Method }
  const flushText = (ref: Reference) => {
    if (!ref.pendingText?.length) return
    ref.buffer.push(Buffer.from(ref.pendingText.join(''), 'binary'))
    ref.pendingText.length = 0
  }
  const write = prototype.write
  prototype.write = function (this: unknown, chunk: unknown) {
    const ref = this as Reference
    if (chunk instanceof Uint8Array) {
      flushText(ref)
      write.call(ref, chunk as never)
      return
    }
    // as pdfkit converts it: `chunk + '\n'`
    const line = `${chunk as string}\n`
    ;(ref.pendingText ??= []).push(line)
    ref.uncompressedLength += line.length
    ref.data.Length = (ref.data.Length ?? 0) + line.length
    if (ref.compress) ref.data.Filter = 'FlateDecode'
  } as Method
  const finalize = prototype.finalize
  prototype.finalize = function (this: unknown) {
    const ref = this as Reference
    flushText(ref)
    const [only] = ref.buffer
    if (ref.compress && ref.buffer.length === 1 && !ref.document._security && only) {
      // a kept font subset: its compressed bytes are kept too (pdfkit would deflate a copy)
      if (deflatedSubsets.has(only)) {
        ref.buffer = [deflatedSubset(only)]
        ref.compress = false
      }
    }
    return finalize.call(ref)
  } as Method
}

/** A glyph as a TrueType subset copies it: its bytes, the glyphs it is built of, its metrics. */
interface GlyphRecord {
  bytes: Uint8Array
  /** a compound glyph's parts, and where their ids sit in its bytes */
  components: { glyphID: number; pos: number }[] | null
  advance: number
  bearing: number
}

/** fontkit's TrueType subset (TTFSubset), as far as these paths use it. */
interface Subset {
  glyphs: number[]
  glyf: Uint8Array[]
  loca: { offsets: number[] }
  hmtx: { metrics: { advance: number; bearing: number }[] }
  offset: number
  includeGlyph: (glyph: number) => number
  encode: () => Uint8Array
}

/** fontkit's parsed TrueType font, as far as subsetting reads it. */
interface TrueTypeFont {
  _variationProcessor?: unknown
  directory: { tables: Record<string, unknown> }
  loca: { offsets: number[] }
  _getTableStream: (tag: string) => { pos: number; readBuffer: (length: number) => Uint8Array }
  getGlyph: (id: number) => {
    advanceWidth: number
    _decode: () => { numberOfContours: number; components?: GlyphRecord['components'] } | null
    _getMetrics: () => { leftBearing: number }
  }
  createSubset: () => Subset
}

/**
 * A subset's font file by the glyphs it holds, in order, per parsed font:
 * the same handout printed again, or previewed again unchanged, embeds the
 * same subsets. Bounded: 16 subsets a face (four faces), each some 10–40 KB.
 */
export const subsetsKept = 16
export const fontSubsets = new WeakMap<object, BoundedMap<string, Uint8Array>>()
/** Each kept subset's bytes as pdfkit compresses them (zlib's defaults, as pdfkit calls it), once asked for; dropped with the subset. */
const deflatedSubsets = new WeakMap<Uint8Array, Buffer | null>()

function deflatedSubset(bytes: Uint8Array): Buffer {
  const deflated = deflatedSubsets.get(bytes) ?? deflateSync(bytes)
  deflatedSubsets.set(bytes, deflated)
  return deflated
}

/**
 * fontkit decodes each glyph afresh for every subset it copies it into,
 * and subsets the fonts of every handout from scratch: a tenth of a
 * handout, with compressing the result. The glyphs a parsed font has
 * copied before are kept on it, and a subset of the very same glyphs is
 * the same file as before. The same steps as fontkit's TTFSubset, for
 * fonts without variations (ours); others subset as fontkit does.
 */
export function fasterSubsets(font: TrueTypeFont): void {
  if (font._variationProcessor || font.directory.tables['CFF ']) return
  const glyphs = new Map<number, GlyphRecord>()
  const record = (id: number): GlyphRecord => {
    const kept = glyphs.get(id)
    if (kept) return kept
    const glyph = font.getGlyph(id)
    const glyf = glyph._decode()
    const stream = font._getTableStream('glyf')
    const [from, to] = [font.loca.offsets[id]!, font.loca.offsets[id + 1]!]
    stream.pos += from
    const made: GlyphRecord = {
      bytes: stream.readBuffer(to - from),
      components: glyf && glyf.numberOfContours < 0 ? glyf.components! : null,
      advance: glyph.advanceWidth,
      bearing: glyph._getMetrics().leftBearing
    }
    glyphs.set(id, made)
    return made
  }
  const subsets = new BoundedMap<string, Uint8Array>(subsetsKept)
  fontSubsets.set(font, subsets)
  const createSubset = font.createSubset.bind(font)
  font.createSubset = () => {
    const subset = createSubset()
    const encode = subset.encode.bind(subset)
    subset.encode = () => {
      const key = subset.glyphs.join(' ')
      const bytes = subsets.get(key) ?? encode()
      subsets.set(key, bytes)
      if (!deflatedSubsets.has(bytes)) deflatedSubsets.set(bytes, null)
      return bytes
    }
    ;(subset as unknown as { _addGlyph: (id: number) => number })._addGlyph = (id) => {
      const glyph = record(id)
      let bytes = glyph.bytes
      if (glyph.components) {
        bytes = new Uint8Array(bytes)
        const view = new DataView(bytes.buffer)
        for (const part of glyph.components)
          view.setUint16(part.pos, subset.includeGlyph(part.glyphID))
      }
      subset.glyf.push(bytes)
      subset.loca.offsets.push(subset.offset)
      subset.hmtx.metrics.push({ advance: glyph.advance, bearing: glyph.bearing })
      subset.offset += bytes.length
      return subset.glyf.length - 1
    }
    return subset
  }
}

export interface Internals {
  pdfmakeVersion: string
  pdfkitVersion: string
  /** the fontkit pdfkit loads */
  fontkitVersion: string
  /** pdfmake's document class (js/PDFDocument.js) */
  pdfmakeDocument: { prototype: object }
  /** pdfmake's style stack (js/StyleContextStack.js) */
  styleStack: { prototype: object; getStyleProperty: (...args: never[]) => unknown }
  /** pdfmake's text measuring (js/TextInlines.js) */
  textInlines: { prototype: object }
  /** pdfkit's PDFReference, the class of every object it writes */
  reference: { prototype: object }
}

/** Installs the fast paths when the versions are the ones they were written for. */
export function installFastPaths(internals: Internals): boolean {
  if (
    internals.pdfmakeVersion !== fastPathVersions.pdfmake ||
    internals.pdfkitVersion !== fastPathVersions.pdfkit ||
    internals.fontkitVersion !== fastPathVersions.fontkit
  )
    return false
  shareShapedWords(internals.pdfmakeDocument)
  fasterStyles(internals.styleStack)
  fasterMeasure(internals.textInlines, internals.styleStack)
  keptColors(internals.pdfmakeDocument)
  textLinesAsText(internals.reference)
  return true
}
