/** The compact layout (frozen at issue) and the footer that never wraps. */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HandoutFile, HandoutOptions, Versioned } from '../../src/shared/types'
import { buildHandout } from '../../src/main/core/handout/document'
import { footerLine, type TextMeasure } from '../../src/main/core/handout/footer'
import { renderPdf, textMeasure } from '../../src/main/core/handout/render'
import { en } from '../../src/main/core/handout/words.en'
import { getSnapshot } from '../../src/main/core/programs'
import { redFlagRules } from '../../src/shared/red-flags'
import type { ProgramSnapshot } from '../../src/shared/types'
import { referenceHandout } from '../../scripts/bench/reference-handout'
import { issuedRelief, memoryApi, ok, assetsOf } from './helpers'
import { pdfText, pdfTextRuns, qpdfCheck } from './pdf-tools'
import { sqliteStore } from '../../src/main/core/query/store'

const a4: HandoutOptions = { paper: 'A4', largePrint: false, pictures: true, diaryWeeks: 2 }

/** A relief program for a clinic with a short name, issued in `layout`. */
async function issued(layout: 'standard' | 'compact') {
  const api = memoryApi()
  await ok(api, 'clinic:update', {
    clinicName: 'Fjord Physiotherapy',
    address: 'Storgata 1',
    phone: '',
    email: '',
    therapistName: 'Zoë Łukasiewicz',
    logoDataUrl: null,
    version: 0
  })
  const options = await ok<Versioned>(api, 'handouts:setOptions', { ...a4, layout, version: 0 })
  const { version } = await issuedRelief(api, 'Şükrü Çağlar')
  const pdf = async () =>
    Buffer.from((await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })).bytes)
  return { api, version, pdf, options }
}

describe('the compact layout', () => {
  it('is frozen at issue: the clinic changing its layout changes no reprint', async () => {
    const { api, version, pdf, options } = await issued('compact')
    expect((await sqliteStore(api.db).read((q) => getSnapshot(q, version.id))).layout).toBe(
      'compact'
    )
    const first = await pdf()
    await ok(api, 'handouts:setOptions', { ...a4, layout: 'standard', version: options.version })
    expect((await pdf()).equals(first)).toBe(true)
    expect(qpdfCheck(first).ok).toBe(true)
    const { text } = await pdfText(first)
    for (const words of ['Cat-camel', 'How much', 'When to seek help', 'Exercise diary'])
      expect(text).toContain(words)
  })

  it('sets exercises two to a row, each with its pictures at full proportions', async () => {
    const { api, version } = await issued('compact')
    const snapshot = await sqliteStore(api.db).read((q) => getSnapshot(q, version.id))
    const assets = await assetsOf(api.db, snapshot)
    const compact = JSON.stringify(buildHandout(snapshot, a4, assets).content)
    const standard = JSON.stringify(
      buildHandout({ ...snapshot, layout: 'standard' }, a4, assets).content
    )
    // a row of two: two columns of a half page's width each (515 pt less the gap, halved)
    expect(compact).toContain('"columns":[{"width":248.64')
    expect(standard).not.toContain('"width":248.64')
    // an older snapshot, issued before layouts, prints standard
    const older = { ...snapshot }
    delete older.layout
    expect(JSON.stringify(buildHandout(older, a4, assets).content)).toBe(standard)
  })

  it('takes no more pages than the standard layout for the same program', async () => {
    const compact = await issued('compact')
    const standard = await issued('standard')
    const pages = async (bytes: Buffer) => (await pdfText(bytes)).pages
    expect(await pages(await compact.pdf())).toBeLessThanOrEqual(await pages(await standard.pdf()))
  })
})

const { db, snapshot } = await referenceHandout()

describe('the reference program cut to seven exercises (A4, 2-week diary)', () => {
  const seven: ProgramSnapshot = { ...snapshot, exercises: snapshot.exercises.slice(0, 7) }
  const fonts = resolve('resources/fonts')
  const render = async (layout: 'standard' | 'compact', frozen = seven) => {
    const issued = { ...frozen, layout }
    const assets = await assetsOf(db, issued)
    return renderPdf(buildHandout(issued, a4, assets, en, textMeasure(fonts)), fonts)
  }

  it('takes 3 pages in compact, 5 in standard: at most 60% of them', async () => {
    const standard = (await pdfText(await render('standard'))).pages
    const compact = (await pdfText(await render('compact'))).pages
    expect([standard, compact]).toEqual([5, 3])
    expect(compact).toBeLessThanOrEqual(standard * 0.6)
  })

  it('keeps every step, dose and red flag, and no text under 8.5 pt but the footer', async () => {
    const bytes = await render('compact')
    const { text } = await pdfText(bytes)
    // a numbered list's numbers come out between its lines
    const unnumbered = text.replace(/ \d+\.(?= )/g, '')
    for (const exercise of seven.exercises) {
      for (const step of exercise.steps) expect(unnumbered).toContain(step)
    }
    expect(text.match(/How much:/g)).toHaveLength(7)
    for (const rule of Object.values(redFlagRules)) expect(text).toContain(rule.patientWords)
    expect(text).toContain('When to seek help')
    expect(text).toContain('Week 2: 7 Dec – 13 Dec')
    // the footer is the only text in the bottom margin (44 pt)
    const runs = (await pdfTextRuns(bytes)).flat()
    const body = runs.filter((run) => run.y > 44)
    expect(body.length).toBeGreaterThan(150)
    expect(Math.min(...body.map((run) => run.size))).toBeGreaterThanOrEqual(8.5)
  })

  it('prints the footer on one line on every page, however long the clinic’s name', async () => {
    const long = 'Physiotherapy and Sports Injury Clinic of the Northern Fjords and Mountains'
    const named = { ...seven, clinic: { ...seven.clinic, clinicName: long } }
    for (const layout of ['compact', 'standard'] as const) {
      const pages = await pdfTextRuns(await render(layout, named))
      pages.forEach((runs, index) => {
        const footer = runs.filter((run) => run.y < 44)
        // one baseline for the note and the page number
        expect(new Set(footer.map((run) => Math.round(run.y)))).toHaveLength(1)
        const line = footer.map((run) => run.text).join(' ')
        expect(line).toContain(`Page ${index + 1} of ${pages.length}`)
        expect(line).toMatch(/Stop and contact your physiotherapist/)
      })
    }
  })
})

describe('the footer', () => {
  // every letter half a point per point of type: easy to reason about
  const even: TextMeasure = (text, size) => [...text].length * size * 0.5
  const fits = (line: string, size: number, width: number) => even(line, size) <= width

  it('keeps the clinic and the whole note when they fit', () => {
    const line = footerLine('Fjord', en, 7.5, 1000, even)
    expect(line).toBe(`Fjord · ${en.disclaimer}`)
  })

  it('gives way with the name, never the safety note, and always fits one line', () => {
    const long = 'Physiotherapy and Sports Injury Clinic of the Northern Fjords and Mountains'
    for (const [size, width] of [
      [7.5, 440],
      [12, 430],
      [7.5, 300]
    ] as const) {
      const line = footerLine(long, en, size, width, even)
      expect(fits(line, size, width)).toBe(true)
      expect(line).toMatch(/(pain\.|physiotherapist\.)$/)
    }
    expect(footerLine(long, en, 7.5, 560, even)).toBe(`${long} · ${en.disclaimerShort}`)
    expect(footerLine(long, en, 12, 500, even)).toMatch(/^Physio.*… · Sharp or increasing pain/)
  })

  it('measures with the font the PDF is set in', () => {
    const measure = textMeasure(resolve('resources/fonts'))
    expect(measure('mmmm', 10)).toBeGreaterThan(measure('iiii', 10) * 2)
    expect(measure('Page 1 of 5', 7.5)).toBeGreaterThan(30)
  })
})
