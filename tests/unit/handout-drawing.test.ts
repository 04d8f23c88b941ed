import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Content } from 'pdfmake/interfaces'
import { svgAsCanvas } from '../../src/main/core/handout/drawing'
import { renderPdf } from '../../src/main/core/handout/render'
import { firstPageGray, pdfRenderers } from './pdf-tools'

const fonts = resolve('resources/fonts')
const illustrations = resolve('resources/illustrations')
const builtIn = readdirSync(illustrations).map((name) => ({
  name,
  svg: readFileSync(join(illustrations, name), 'utf8')
}))

const page = (picture: Content) =>
  renderPdf({ pageSize: { width: 260, height: 200 }, pageMargins: 20, content: [picture] }, fonts)

describe('illustrations as canvas drawings', () => {
  it('draws every built-in illustration without the SVG renderer', () => {
    expect(builtIn.length).toBeGreaterThan(20)
    for (const { name, svg } of builtIn) expect(svgAsCanvas(svg, 125), name).not.toBeNull()
  })

  // one test a picture and renderer: a hundred pictures take longer than one test's time limit
  describe.each(pdfRenderers())('drawn by %s', (renderer) => {
    it.each(builtIn)(
      '$name looks the same as pdfmake’s SVG rendering, pixel for pixel within anti-aliasing',
      async ({ name, svg }) => {
        const viaSvg = await firstPageGray(await page({ svg, width: 220 }), 100, renderer)
        const viaCanvas = await firstPageGray(await page(svgAsCanvas(svg, 220)!), 100, renderer)
        expect(viaCanvas.pixels.length, name).toBe(viaSvg.pixels.length)
        let inked = 0
        let different = 0
        viaSvg.pixels.forEach((value, index) => {
          if (value < 200) inked++
          if (Math.abs(value - viaCanvas.pixels[index]!) > 64) different++
        })
        // the drawing is really there, and at most a sliver of edge pixels differ
        expect(inked, name).toBeGreaterThan(500)
        expect(different / inked, name).toBeLessThan(0.02)
      }
    )
  })

  it('keeps the picture’s size: 200 × 140 drawn 125 wide is 87.5 high', () => {
    const drawing = svgAsCanvas(builtIn[0]!.svg, 125) as unknown as {
      canvas: Record<string, unknown>[]
    }
    expect(drawing.canvas[0]).toMatchObject({ type: 'rect', x: 0, y: 0, w: 125, h: 87.5 })
    const line = drawing.canvas.find((vector) => vector.type === 'line')!
    expect(line.lineWidth).toBeCloseTo(2 * 0.625)
  })

  it.each([
    ['a group', '<svg viewBox="0 0 10 10"><g><line x1="0" y1="0" x2="1" y2="1"/></g></svg>'],
    [
      'a transform',
      '<svg viewBox="0 0 10 10"><rect x="1" y="1" width="2" height="2" transform="rotate(4)"/></svg>'
    ],
    ['an arc', '<svg viewBox="0 0 10 10"><path d="M1 1 A 2 2 0 0 1 5 5"/></svg>'],
    ['a relative path', '<svg viewBox="0 0 10 10"><path d="m1 1 l2 2"/></svg>'],
    ['text', '<svg viewBox="0 0 10 10"><text x="1" y="1">Hi</text></svg>'],
    ['no viewBox', '<svg width="10" height="10"><line x1="0" y1="0" x2="1" y2="1"/></svg>'],
    [
      'a three-part dash',
      '<svg viewBox="0 0 10 10"><line x1="0" y1="0" x2="1" y2="1" stroke-dasharray="1 2 3"/></svg>'
    ],
    ['a bad number', '<svg viewBox="0 0 10 10"><circle cx="1" cy="x" r="2"/></svg>']
  ])('leaves %s to the SVG renderer', (_, svg) => {
    expect(svgAsCanvas(svg, 100)).toBeNull()
  })
})
