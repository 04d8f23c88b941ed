/**
 * The built-in illustrations as pdfmake canvas drawings. pdfmake's SVG
 * support parses each picture three times and styles every element through
 * a CSS cascade: about 0.9 ms a picture, a quarter of a handout. Our
 * illustrations use a small, flat subset of SVG (lines, paths, circles,
 * rectangles with plain stroke and fill attributes), which maps one to one
 * onto canvas vectors. Anything outside that subset returns null, and
 * handouts then leave the picture out (isDrawableSvg, below).
 */
import type { Content } from 'pdfmake/interfaces'
import { BoundedMap } from '@shared/bounded-map'

/** A canvas vector as pdfmake 0.3 draws it (its typings lack caps and joins). */
interface Vector {
  type: 'line' | 'polyline' | 'ellipse' | 'rect'
  [property: string]: unknown
}
type Point = { x: number; y: number }
/** segments a quadratic curve is drawn with: smooth at handout sizes */
const curveSteps = 16
type Look = Record<string, unknown>

type Attributes = Record<string, string>

const shared = [
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-dasharray',
  'fill'
]
const geometry: Record<string, string[]> = {
  line: ['x1', 'y1', 'x2', 'y2'],
  path: ['d'],
  circle: ['cx', 'cy', 'r'],
  rect: ['x', 'y', 'width', 'height', 'rx']
}
const caps = ['butt', 'round', 'square'] as const
const joins = ['miter', 'round', 'bevel'] as const
const element = /\s*<(\w+)((?:\s+[\w-]+="[^"]*")*)\s*\/>\s*/y

function parseAttributes(text: string): Attributes {
  return Object.fromEntries([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]))
}

function numeric(value: string | undefined, fallback = 0): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : NaN
}

function style(name: string, attrs: Attributes, scale: number): Look | null {
  const width = numeric(attrs['stroke-width'], 1) * scale
  const cap = attrs['stroke-linecap'] ?? 'butt'
  const join = attrs['stroke-linejoin'] ?? 'miter'
  if (!caps.includes(cap as never) || !joins.includes(join as never) || Number.isNaN(width))
    return null
  const stroke = attrs.stroke && attrs.stroke !== 'none' ? attrs.stroke : undefined
  // SVG fills shapes black unless told otherwise; a line has no inside to fill
  const fillValue = name === 'line' ? 'none' : (attrs.fill ?? 'black')
  const fill = fillValue === 'none' ? undefined : fillValue
  const dash = attrs['stroke-dasharray']?.split(/[\s,]+/).map(Number)
  if (dash && (dash.length !== 2 || dash.some((n) => !Number.isFinite(n)))) return null
  return {
    lineWidth: width,
    lineCap: cap,
    lineJoin: join,
    ...(stroke ? { lineColor: stroke } : {}),
    ...(fill ? { color: fill } : {}),
    ...(dash ? { dash: { length: dash[0]! * scale, space: dash[1]! * scale } } : {})
  }
}

/**
 * Path data as polylines: pdfmake moves canvas lines, rectangles and
 * polylines with the layout but leaves a canvas path where it was drawn,
 * so paths are flattened. Absolute M, L, Q and Z only.
 */
function polylines(d: string, scale: number): Vector[] | null {
  const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)/g) ?? []
  if (tokens.join('').length !== d.replace(/[\s,]/g, '').length) return null
  const lines: Vector[] = []
  let points: Point[] = []
  let command = ''
  const finish = (closePath: boolean) => {
    if (points.length > 1) lines.push({ type: 'polyline', points, closePath })
    points = []
  }
  for (let at = 0; at < tokens.length;) {
    if (/[A-Za-z]/.test(tokens[at]!)) command = tokens[at++]!
    const take = (count: number) => {
      const values = tokens.slice(at, at + count).map(Number)
      at += count
      return values.length === count && values.every(Number.isFinite) ? values : null
    }
    if (command === 'Z') {
      finish(true)
      continue
    }
    const size = { M: 2, L: 2, Q: 4 }[command]
    const values = size ? take(size) : null
    if (!values) return null
    const [x, y] = [values[size! - 2]! * scale, values[size! - 1]! * scale]
    if (command === 'M') {
      finish(false)
      command = 'L' // pairs after a moveto are lines
    } else if (command === 'Q') {
      const from = points[points.length - 1]
      if (!from) return null
      const [cx, cy] = [values[0]! * scale, values[1]! * scale]
      for (let step = 1; step < curveSteps; step++) {
        const t = step / curveSteps
        const [a, b, c] = [(1 - t) ** 2, 2 * (1 - t) * t, t ** 2]
        points.push({ x: a * from.x + b * cx + c * x, y: a * from.y + b * cy + c * y })
      }
    }
    points.push({ x, y })
  }
  finish(false)
  return lines
}

function vectors(name: string, attrs: Attributes, scale: number): Vector[] | null {
  const allowed = geometry[name]
  if (!allowed || Object.keys(attrs).some((key) => !allowed.includes(key) && !shared.includes(key)))
    return null
  const look = style(name, attrs, scale)
  if (!look) return null
  const at = (key: string) => numeric(attrs[key]) * scale
  let shape: Vector
  if (name === 'line')
    shape = { type: 'line', x1: at('x1'), y1: at('y1'), x2: at('x2'), y2: at('y2') }
  else if (name === 'circle')
    shape = { type: 'ellipse', x: at('cx'), y: at('cy'), r1: at('r'), r2: at('r') }
  else if (name === 'rect')
    shape = { type: 'rect', x: at('x'), y: at('y'), w: at('width'), h: at('height'), r: at('rx') }
  else return polylines(attrs.d ?? '', scale)?.map((line) => ({ ...line, ...look })) ?? null
  if (Object.values(shape).some((value) => typeof value === 'number' && Number.isNaN(value)))
    return null
  return [{ ...shape, ...look }]
}

/** A picture's elements with their attributes, read once: the same for every size it is drawn at. */
interface ParsedSvg {
  boxWidth: number
  boxHeight: number
  elements: [name: string, attributes: Attributes][]
}

/**
 * Pictures read, by their text (null: not in our subset). Reading the
 * attributes took as long as drawing; each handout reads its pictures
 * twice (checked when loaded, drawn when laid out) and every handout of a
 * program the same ones. Bounded: a handout has at most two pictures an
 * exercise, the built-in library about 150; 256 keep a day's pictures
 * (well under 1 MB).
 */
export const parsedSvgs = new BoundedMap<string, ParsedSvg | null>(256)

function parseSvg(svg: string): ParsedSvg | null {
  const root = /^\s*<svg\s[^>]*viewBox="0 0 ([\d.]+) ([\d.]+)"[^>]*>([\s\S]*)<\/svg>\s*$/.exec(svg)
  if (!root) return null
  const [boxWidth, boxHeight, body] = [Number(root[1]), Number(root[2]), root[3]!]
  if (!(boxWidth > 0 && boxHeight > 0)) return null
  const elements: ParsedSvg['elements'] = []
  element.lastIndex = 0
  while (element.lastIndex < body.length) {
    const match = element.exec(body)
    if (!match) return null
    elements.push([match[1]!, parseAttributes(match[2]!)])
  }
  return { boxWidth, boxHeight, elements }
}

/** The picture as canvas vectors, `width` points wide; null when it isn't in the subset. */
export function svgAsCanvas(svg: string, width: number): Content | null {
  const picture = parsedSvgs.has(svg) ? parsedSvgs.get(svg)! : parseSvg(svg)
  parsedSvgs.set(svg, picture)
  if (!picture) return null
  const scale = width / picture.boxWidth
  // a transparent box the picture's full size, so the canvas takes the same space as the SVG did
  const drawing: Vector[] = [
    {
      type: 'rect',
      x: 0,
      y: 0,
      w: width,
      h: picture.boxHeight * scale,
      color: '#ffffff',
      fillOpacity: 0
    }
  ]
  for (const [name, attributes] of picture.elements) {
    const drawn = vectors(name, attributes, scale)
    if (!drawn) return null
    drawing.push(...drawn)
  }
  return { canvas: drawing } as unknown as Content
}

/**
 * What no stored picture may hold, wherever it sits (the root element's
 * attributes too): these pull in other files or run code in SVG viewers.
 */
const forbidden =
  /<\s*\/?\s*(image|use|foreignObject|script|style)\b|\b(xlink:)?href\s*=|\bstyle\s*=|\bon\w+\s*=/i

/**
 * Whether a stored SVG may go on a handout: only pictures made of the
 * shapes our own illustrations use. A crafted row (from a restored or
 * edited file) could otherwise have pdfmake's SVG renderer embed a local
 * image in the PDF.
 */
export function isDrawableSvg(svg: string): boolean {
  return !forbidden.test(svg) && svgAsCanvas(svg, 100) !== null
}
