/**
 * Handouts byte for byte: the SHA-256 of every variant in handout-variants.ts
 * against the hashes recorded in tests/fixtures/handout-hashes.txt (written
 * from main's renderer before the render-speed work of issue 16). A change
 * that moves one byte of any variant fails here: an issued handout reprinted
 * after an update must match the one the patient took home.
 */
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { buildHandout } from '../../src/main/core/handout/document'
import { renderPdf, textMeasure } from '../../src/main/core/handout/render'
import { en } from '../../src/main/core/handout/words.en'
import { handoutVariants } from './handout-variants'

const fonts = resolve('resources/fonts')

describe('handout bytes', () => {
  it('are the recorded ones for every variant', async () => {
    const lines: string[] = []
    for (const { name, snapshot, options, assets } of await handoutVariants()) {
      const document = buildHandout(snapshot, options, assets, en, textMeasure(fonts))
      const pdf = await renderPdf(document, fonts)
      lines.push(`${createHash('sha256').update(pdf).digest('hex')}  ${name}`)
    }
    expect(lines.length).toBeGreaterThan(50)
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('../fixtures/handout-hashes.txt')
  }, 120_000)

  it('are the same from a renderer with cold caches as from a warm one', async () => {
    const chosen = [
      'reference, standard, A4, large false, pictures true',
      'reference, compact, LETTER, large true, pictures true',
      'reference, standard, 40 exercises',
      'reference, emergency and same-day flags',
      'photos and logo, compact, A4'
    ]
    const variants = (await handoutVariants()).filter((variant) => chosen.includes(variant.name))
    expect(variants).toHaveLength(chosen.length)
    const render = async (renderer: typeof import('../../src/main/core/handout/render')) => {
      const pdfs: Buffer[] = []
      for (const { snapshot, options, assets } of variants) {
        const measure = renderer.textMeasure(fonts)
        pdfs.push(
          await renderer.renderPdf(buildHandout(snapshot, options, assets, en, measure), fonts)
        )
      }
      return pdfs
    }
    // warm: each rendered once before; cold: a fresh renderer (pdfmake loaded, fonts parsed,
    // words shaped and subsets made anew), first on its own, then after the others
    await render(await import('../../src/main/core/handout/render'))
    const warm = await render(await import('../../src/main/core/handout/render'))
    vi.resetModules()
    const fresh = await import('../../src/main/core/handout/render')
    const cold = await fresh.renderPdf(
      buildHandout(
        variants[0]!.snapshot,
        variants[0]!.options,
        variants[0]!.assets,
        en,
        fresh.textMeasure(fonts)
      ),
      fonts
    )
    expect(fresh.fastPaths).toBe(true)
    expect(cold.equals(warm[0]!)).toBe(true)
    expect((await render(fresh)).every((pdf, n) => pdf.equals(warm[n]!))).toBe(true)
  }, 120_000)
})
