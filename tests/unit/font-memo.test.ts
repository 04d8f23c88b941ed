/**
 * The handout's font memo, whatever loaded pdfkit first: before, an earlier
 * `require('pdfkit')` made the first handout throw.
 */
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'

describe('the font memo', () => {
  it('works when pdfkit and pdfmake were loaded before it, and leaves theirs as they were', async () => {
    const require = createRequire(import.meta.url)
    const earlierPdfkit = require('pdfkit') as unknown
    const earlierPdfmake = require('pdfmake') as unknown
    const { parsedFonts, renderPdf } = await import('../../src/main/core/handout/render')
    const document: TDocumentDefinitions = {
      content: ['Şükrü Çağlar', { text: 'bold', bold: true }],
      defaultStyle: { font: 'NotoSans' }
    }
    const fonts = resolve('resources/fonts')
    const pdf = await renderPdf(document, fonts)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const afterOne = parsedFonts.size
    expect(afterOne).toBeGreaterThanOrEqual(2)
    await renderPdf(document, fonts)
    expect(parsedFonts.size).toBe(afterOne)
    // whoever required them before still gets the same modules
    expect(require('pdfkit')).toBe(earlierPdfkit)
    expect(require('pdfmake')).toBe(earlierPdfmake)
  })
})
