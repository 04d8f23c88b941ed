import { resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderPdf } from '../../src/main/core/handout/render'
import { firstPageGray, pdfText, qpdfCheck } from './pdf-tools'

// 100 × 100 pt with a black square from (25, 25) to (75, 75), and a word
const pdf = () =>
  renderPdf(
    {
      pageSize: { width: 100, height: 100 },
      pageMargins: 0,
      defaultStyle: { font: 'NotoSans' },
      content: [
        { canvas: [{ type: 'rect', x: 25, y: 25, w: 50, h: 50, color: '#000000' }] },
        { text: 'Ørjan', absolutePosition: { x: 5, y: 85 }, fontSize: 8 }
      ]
    },
    resolve('resources/fonts')
  )

describe('the PDF checks a fresh machine runs (npm packages only)', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('qpdf (WebAssembly) passes a sound PDF, fails a truncated one and a damaged stream', async () => {
    vi.stubEnv('PHYSIOPLAN_NO_SYSTEM_TOOLS', '1')
    const bytes = await pdf()
    const sound = qpdfCheck(bytes)
    expect(sound.output).toContain('No syntax or stream encoding errors')
    expect(sound.ok).toBe(true)
    const truncated = qpdfCheck(bytes.subarray(0, bytes.length - 200))
    expect(truncated.ok).toBe(false)
    expect(truncated.output).toContain("can't find startxref")
    // garble compressed bytes inside the page's content stream: the file still parses
    const damaged = Buffer.from(bytes)
    const start = damaged.indexOf('stream\n', damaged.indexOf('/FlateDecode')) + 7
    damaged.write('garbage!', start + 4, 'latin1')
    const garbled = qpdfCheck(damaged)
    expect(garbled.ok).toBe(false)
    expect(garbled.output).toContain('stream inflate')
  })

  it('draws the first page with pdf.js: the square black, the margin white', async () => {
    const { width, pixels } = await firstPageGray(await pdf(), 72)
    expect(width).toBe(100)
    expect(pixels.length).toBe(100 * 100)
    const at = (x: number, y: number) => pixels[y * width + x]!
    expect(at(50, 50)).toBeLessThan(30)
    expect(at(30, 70)).toBeLessThan(30)
    expect(at(10, 10)).toBeGreaterThan(225)
    expect(at(90, 50)).toBeGreaterThan(225)
  })

  it('reads the text back', async () => {
    expect(await pdfText(await pdf())).toEqual({ pages: 1, text: 'Ørjan' })
  })
})
