/** Everything kept for the life of the app is bounded: a clinic day can't grow it without end. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BoundedMap } from '../../src/shared/bounded-map'
import { dateFormats, formatDay } from '../../src/main/core/handout/document'
import { parsedSvgs, svgAsCanvas } from '../../src/main/core/handout/drawing'
import {
  fontSubsets,
  parsedColors,
  shapedWords,
  subsetsKept,
  wordsKept
} from '../../src/main/core/handout/fast-paths'
import { fastPaths, parsedFonts, renderPdf } from '../../src/main/core/handout/render'
import { en } from '../../src/main/core/handout/words.en'
import { jobRunner, jobsKept } from '../../src/main/core/jobs'
import type { HandoutFile } from '../../src/shared/types'
import { issuedRelief, memoryApi, ok } from './helpers'

describe('BoundedMap', () => {
  it('forgets the oldest entry once full, and keeps the newest', () => {
    const map = new BoundedMap<number, string>(3)
    for (let id = 1; id <= 10; id++) map.set(id, `picture ${id}`)
    expect(map.size).toBe(3)
    expect([...map.keys()]).toEqual([8, 9, 10])
  })

  it('replaces a value in place without forgetting another', () => {
    const map = new BoundedMap<string, number>(2)
    map.set('a', 1).set('b', 2).set('a', 3)
    expect([...map.entries()]).toEqual([
      ['a', 3],
      ['b', 2]
    ])
  })
})

describe('caches that live as long as the app', () => {
  const copies = mkdtempSync(join(tmpdir(), 'physioplan-fonts-'))
  afterAll(() => rmSync(copies, { recursive: true, force: true }))

  it('parses each font once, and keeps no more than its bound when the fonts change', async () => {
    const document = {
      content: [
        { text: 'Şükrü Çağlar', bold: true },
        { text: 'Zoë Łukasiewicz', italics: true },
        'Ørjan Ågren'
      ],
      defaultStyle: { font: 'NotoSans' }
    }
    const fonts = resolve('resources/fonts')
    await renderPdf(document, fonts)
    const afterOne = parsedFonts.size
    expect(afterOne).toBeGreaterThanOrEqual(3)
    await renderPdf(document, fonts)
    expect(parsedFonts.size).toBe(afterOne)
    // five other fonts folders: each brings new buffers, parsed afresh
    for (let folder = 0; folder < 5; folder++) {
      const copy = join(copies, String(folder))
      cpSync(fonts, copy, { recursive: true })
      await renderPdf(document, copy)
    }
    expect(parsedFonts.size).toBe(parsedFonts.limit)
  })

  it('keeps each font’s shaped words to its bound, and prints them as shaped afresh', async () => {
    const fonts = resolve('resources/fonts')
    const words = (from: number) =>
      Array.from({ length: 3_000 }, (_, n) => `Wörd${from + n}`).join(' ')
    const document = (text: string) => ({
      content: [text],
      defaultStyle: { font: 'NotoSans' },
      info: { creationDate: new Date(Date.UTC(2026, 10, 27)) }
    })
    const first = await renderPdf(document(`Ååå Şükrü ${words(0)}`), fonts)
    expect(fastPaths).toBe(true)
    const regular = () =>
      [...parsedFonts.values()]
        .flatMap((byName) => [...byName.values()])
        .flatMap((font) => Object.keys(shapedWords.get(font) ?? {}).length || [])
    // a document adds its words to those kept: past the bound by one document at most
    await renderPdf(document(words(3_000)), fonts)
    expect(Math.max(...regular())).toBeGreaterThan(wordsKept)
    expect(Math.max(...regular())).toBeLessThanOrEqual(wordsKept + 3_010)
    // the next document starts afresh, and its words shaped again print the same bytes
    expect(await renderPdf(document(`Ååå Şükrü ${words(0)}`), fonts)).toEqual(first)
    expect(Math.max(...regular())).toBeLessThanOrEqual(3_010)
  })

  it('forgets the words it shaped when a patient is erased', async () => {
    const api = memoryApi()
    const { patient, version } = await issuedRelief(api, 'Ottoline Quennell')
    await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })
    const shapedAnywhere = (word: string) =>
      [...parsedFonts.values()]
        .flatMap((byName) => [...byName.values()])
        .some((font) => Object.keys(shapedWords.get(font) ?? {}).some((key) => key.includes(word)))
    expect(shapedAnywhere('Quennell')).toBe(true)
    await ok(api, 'patients:erase', { id: patient.id, confirmName: 'Ottoline Quennell' })
    expect(shapedAnywhere('Quennell')).toBe(false)
  })

  it('keeps each font’s subsets to its bound, and a subset made again is the same file', async () => {
    const fonts = resolve('resources/fonts')
    // each document's text starts with another letter: another subset (glyphs in the order first used)
    const document = (letter: string) => ({
      content: [`${letter} Şükrü Çağlar Ørjan Ågren`],
      defaultStyle: { font: 'NotoSans' },
      info: { creationDate: new Date(Date.UTC(2026, 10, 27)) }
    })
    const first = await renderPdf(document('A'), fonts)
    const letters = 'BCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')
    for (const letter of letters) await renderPdf(document(letter), fonts)
    const kept = [...parsedFonts.values()]
      .flatMap((byName) => [...byName.values()])
      .flatMap((font) => fontSubsets.get(font) ?? [])
    expect(kept.length).toBeGreaterThan(0)
    expect(Math.max(...kept.map((subsets) => subsets.size))).toBe(subsetsKept)
    // "A" was forgotten (made afresh) and then kept again (from the cache): the same bytes both times
    expect(await renderPdf(document('A'), fonts)).toEqual(first)
    expect(await renderPdf(document('A'), fonts)).toEqual(first)
  })

  it('keeps a bounded number of read pictures, drawn the same as when first read', () => {
    const svg = (n: number) =>
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 80"><line x1="0" y1="${n}" x2="100" y2="80" stroke="#333"/></svg>`
    const firstDrawing = JSON.stringify(svgAsCanvas(svg(0), 125))
    expect(JSON.stringify(svgAsCanvas(svg(0), 125))).toBe(firstDrawing)
    for (let n = 1; n <= parsedSvgs.limit + 10; n++) svgAsCanvas(svg(n), 125)
    expect(parsedSvgs.size).toBe(parsedSvgs.limit)
    expect(parsedSvgs.has(svg(0))).toBe(false)
    expect(JSON.stringify(svgAsCanvas(svg(0), 125))).toBe(firstDrawing)
    // not in our subset: remembered as such
    expect(svgAsCanvas('<svg viewBox="0 0 10 10"><image href="x.png"/></svg>', 10)).toBeNull()
  })

  it('keeps a bounded number of parsed colours, and colours the same once they are forgotten', async () => {
    const fonts = resolve('resources/fonts')
    const hex = (n: number) => `#${n.toString(16).padStart(6, '0')}`
    const document = (from: number) => ({
      content: Array.from({ length: 80 }, (_, n) => ({ text: 'Şükrü', color: hex(from + n) })),
      defaultStyle: { font: 'NotoSans' },
      info: { creationDate: new Date(Date.UTC(2026, 10, 27)) }
    })
    const first = await renderPdf(document(0), fonts)
    expect(parsedColors.size).toBe(parsedColors.limit)
    await renderPdf(document(1_000), fonts)
    expect(parsedColors.has(hex(0))).toBe(false)
    expect(await renderPdf(document(0), fonts)).toEqual(first)
  })

  it('keeps a bounded number of date formats', () => {
    const locales = ['nb', 'sv', 'da', 'fi', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'tr']
    for (const locale of [...locales, ...locales.map((l) => `${l}-u-nu-latn`)])
      formatDay('2026-11-27', { ...en, locale })
    expect(dateFormats.size).toBe(dateFormats.limit)
    expect(formatDay('2026-11-27', en)).toBe('27 November 2026')
  })

  it('forgets the oldest finished jobs instead of every job of the day', async () => {
    const jobs = jobRunner<{ count: number }>()
    const ids: string[] = []
    for (let n = 0; n < jobsKept + 10; n++) ids.push(jobs.start('count', async () => n))
    await new Promise((settle) => setImmediate(settle))
    expect(jobs.get(ids.at(-1)!)).toMatchObject({ state: 'done', result: jobsKept + 9 })
    expect(() => jobs.get(ids[0]!)).toThrow('That task is not known')
  })
})
