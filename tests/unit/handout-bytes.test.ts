/**
 * Handouts byte for byte: the SHA-256 of every variant in handout-variants.ts
 * against the hashes recorded in tests/fixtures/handout-hashes.txt (written
 * from main's renderer before the render-speed work of issue 16). A change
 * that moves one byte of any variant fails here: an issued handout reprinted
 * after an update must match the one the patient took home.
 */
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildHandout } from '../../src/main/core/handout/document'
import { renderPdf, textMeasure } from '../../src/main/core/handout/render'
import { en } from '../../src/main/core/handout/words.en'
import { handoutVariants } from './handout-variants'

const fonts = resolve('resources/fonts')

describe('handout bytes', () => {
  it('are the recorded ones for every variant', async () => {
    const lines: string[] = []
    for (const { name, snapshot, options, assets } of handoutVariants()) {
      const document = buildHandout(snapshot, options, assets, en, textMeasure(fonts))
      const pdf = await renderPdf(document, fonts)
      lines.push(`${createHash('sha256').update(pdf).digest('hex')}  ${name}`)
    }
    expect(lines.length).toBeGreaterThan(50)
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('../fixtures/handout-hashes.txt')
  }, 120_000)
})
