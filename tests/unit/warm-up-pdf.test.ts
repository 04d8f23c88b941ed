/**
 * The sample handout the renderer's preview warm-up reads and draws once a
 * session (src/renderer/src/components/handouts/warm-up.pdf): a fictitious
 * patient's relief program, made by the app's own renderer. It only warms
 * pdf.js's code, so it must use what handouts use. To make it again:
 * PHYSIOPLAN_WRITE_WARM_UP=1 npx vitest run tests/unit/warm-up-pdf.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HandoutFile } from '../../src/shared/types'
import { issuedRelief, memoryApi, ok } from './helpers'
import { pdfText, qpdfCheck } from './pdf-tools'

const sampleFile = resolve('src/renderer/src/components/handouts/warm-up.pdf')
const fonts = (bytes: Buffer) =>
  [
    ...new Set(
      [...bytes.toString('latin1').matchAll(/\/BaseFont \/\w{6}\+([\w-]+)/g)].map((m) => m[1])
    )
  ].sort()

describe('the preview warm-up sample', () => {
  it('is a handout as the renderer makes them now, of a fictitious patient', async () => {
    const api = memoryApi()
    const { version } = await issuedRelief(api, 'Sample Patient')
    const options = { paper: 'A4', largePrint: false, pictures: true, diaryWeeks: 0 }
    const made = Buffer.from(
      (await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id, options })).bytes
    )
    if (process.env.PHYSIOPLAN_WRITE_WARM_UP === '1') writeFileSync(sampleFile, made)
    const sample = readFileSync(sampleFile)
    expect(qpdfCheck(sample).ok).toBe(true)
    expect(fonts(sample)).toEqual(fonts(made))
    expect(fonts(sample).length).toBeGreaterThanOrEqual(3)
    const { text } = await pdfText(sample)
    expect(text).toContain('Sample Patient')
    // small, as it is fetched each session
    expect(sample.length).toBeLessThan(64 * 1024)
  })
})
