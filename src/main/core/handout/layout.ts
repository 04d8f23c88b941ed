/** Page sizes, colours and type sizes shared by the handout's parts. */
import type { HandoutOptions } from '@shared/types'

/** left, top, right, bottom, in points */
type Margins = [number, number, number, number]

export const accent = '#0b5552'
export const faint = '#5d6d74'
export const danger = '#a3321f'

export function sizes(options: HandoutOptions) {
  // compact sets its text a point smaller (still above the 9 pt floor for patient leaflets);
  // large print stays large whatever the layout
  const compact = options.layout === 'compact' && !options.largePrint
  return {
    body: options.largePrint ? 16 : compact ? 9.5 : 10.5,
    small: options.largePrint ? 13 : 8.5,
    heading: options.largePrint ? 22 : compact ? 15 : 16,
    subheading: options.largePrint ? 19 : compact ? 11.5 : 13,
    picture: options.largePrint ? 140 : 125,
    // the compact layout's pictures: above an exercise's steps in a half-page column (a row of
    // them is the block's height), or beside the steps of one that can't be paired
    compactPicture: options.largePrint ? 112 : 84,
    // a multiple of Noto Sans' own line spacing (1.36 em): compact sets ordinary book leading,
    // the standard layout a roomier 1.63 em
    lineHeight: compact ? 1 : 1.2,
    // the space under each exercise
    gap: compact ? 8 : 16,
    headingMargin: (compact ? [0, 8, 0, 4] : [0, 14, 0, 8]) as Margins,
    // the footer sits in the bottom margin: in compact still 7 mm above the paper's edge,
    // clear of what printers can't reach
    pageMargins: (compact ? [40, 28, 40, 44] : [40, 40, 40, 54]) as Margins,
    // a diary row: room for a tick (6 mm in compact) or a row of session boxes
    diaryRow: options.largePrint ? 30 : compact ? 18 : 22
  }
}

/** The printable width and height between the page margins, in points. */
export const textWidth = { A4: 595.28 - 80, LETTER: 612 - 80 } as const
export const textHeight = { A4: 841.89 - 94, LETTER: 792 - 94 } as const

/**
 * A rough height for text in a column, on the generous side. pdfmake drops
 * an unbreakable block that is taller than a page, so a block is only kept
 * together when this says it fits; a longer one flows across pages instead.
 */
export function estimatedHeight(
  texts: string[],
  columnWidth: number,
  fontSize: number,
  lineHeight = 1.2
): number {
  const charactersPerLine = Math.max(10, Math.floor(columnWidth / (fontSize * 0.5)))
  const lines = texts.reduce(
    (sum, text) => sum + Math.max(1, Math.ceil(text.length / charactersPerLine)),
    0
  )
  return lines * fontSize * lineHeight * 1.15
}

export function fitsOnAPage(height: number, options: HandoutOptions): boolean {
  return height < textHeight[options.paper] * 0.85
}

/** How an exercise is set: beside its pictures across the page, or under them in a half-page column. */
export interface ExerciseShape {
  /** the width the exercise has, in points */
  width: number
  /** pictures in a row above the text (a column of the compact layout) */
  picturesAbove: boolean
  /** the widest a picture may be, in points */
  picture: number
}
