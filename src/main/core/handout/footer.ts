/**
 * The footer of every page: the clinic, the safety note and "Page N of M",
 * on one line. A long clinic name, or large print, wrapped it onto two lines
 * that ran into the page's edge; now the line is fitted instead.
 */
import type { Content } from 'pdfmake/interfaces'
import type { Words } from './words.en'

/** The width in points of one line of regular text at a size. */
export type TextMeasure = (text: string, fontSize: number) => number

/**
 * Without the fonts at hand (a document built for a test), a width on the
 * generous side: Noto Sans' widest Latin letters (m, M, W) are under 0.95 em.
 */
export const generousMeasure: TextMeasure = (text, fontSize) =>
  [...text].reduce((sum, char) => sum + (/[mwMW@]/.test(char) ? 0.95 : 0.68), 0) * fontSize

const gap = 12
/** a shortened clinic name keeps at least this many letters, or goes */
const shortestName = 8

/**
 * The first line that fits `width`: the clinic's name with the full note,
 * then with the short note, then the name shortened with "…", then the short
 * note alone. The note is what the patient must not miss, so the name gives
 * way first.
 */
export function footerLine(
  clinicName: string,
  words: Words,
  fontSize: number,
  width: number,
  measure: TextMeasure
): string {
  const fits = (text: string) => measure(text, fontSize) <= width
  const short = words.disclaimerShort
  const letters = [...clinicName]
  const shortened = Array.from(
    { length: Math.max(0, letters.length - shortestName) },
    (_, cut) =>
      `${letters
        .slice(0, letters.length - 1 - cut)
        .join('')
        .trimEnd()}… · ${short}`
  )
  const candidates = clinicName
    ? [`${clinicName} · ${words.disclaimer}`, `${clinicName} · ${short}`, ...shortened]
    : [words.disclaimer]
  return candidates.find(fits) ?? short
}

/** pdfmake's footer: the fitted line on the left, the page number on the right. */
export function footer(
  clinicName: string,
  words: Words,
  fontSize: number,
  pageWidth: number,
  measure: TextMeasure
) {
  // one line for the whole document: room for the widest page number it has
  let line: string | null = null
  return (currentPage: number, pageCount: number): Content => {
    const widest = words.page(pageCount, pageCount)
    line ??= footerLine(
      clinicName,
      words,
      fontSize,
      pageWidth - measure(widest, fontSize) - gap,
      measure
    )
    return {
      margin: [40, 14, 40, 0],
      columns: [
        { text: line, style: 'muted', fontSize, width: '*', noWrap: true },
        {
          text: words.page(currentPage, pageCount),
          alignment: 'right',
          fontSize,
          noWrap: true,
          width: 'auto'
        }
      ],
      columnGap: gap
    }
  }
}
