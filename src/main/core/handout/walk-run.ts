/**
 * The walk–run plan on the handout: a week per row with a tick box per
 * session, and the pain rule beside it, so the patient reads when to move
 * on where they tick.
 */
import type { Content } from 'pdfmake/interfaces'
import type { HandoutOptions } from '@shared/types'
import type { WalkRunPlan } from '@shared/walk-run'
import { accent, estimatedHeight, faint, fitsOnAPage, sizes, textWidth } from './layout'
import type { Words } from './words.en'

/** One empty box per session of the week, in a row. */
function tickBoxes(sessions: number, boxSize: number): Content {
  const gap = boxSize * 0.45
  return {
    canvas: Array.from({ length: sessions }, (_, box) => ({
      type: 'rect',
      x: box * (boxSize + gap),
      y: 0,
      w: boxSize,
      h: boxSize,
      lineWidth: 0.9,
      lineColor: faint
    })),
    margin: [0, 2, 0, 0]
  } as Content
}

export function walkRunSection(
  plan: WalkRunPlan | null,
  options: HandoutOptions,
  words: Words
): Content[] {
  if (plan === null || plan.weeks.length === 0) return []
  const size = sizes(options)
  const boxSize = options.largePrint ? 16 : 12
  const most = Math.max(...plan.weeks.map((week) => week.sessions))
  const ticksWidth = most * boxSize * 1.45 + 6
  // the rule beside the table on a normal page; under it in large print, where the table needs the width
  const beside = !options.largePrint
  const ruleWidth = beside ? 150 : textWidth[options.paper]
  const table: Content = {
    table: {
      headerRows: 1,
      widths: ['auto', '*', ticksWidth],
      body: [
        [words.walkRun.week, words.walkRun.session, words.walkRun.done].map((text) => ({
          text,
          bold: true,
          style: 'small'
        })),
        ...plan.weeks.map((week, index) => [
          { text: String(index + 1), alignment: 'center' },
          words.walkRun.describe(week),
          tickBoxes(week.sessions, boxSize)
        ])
      ]
    },
    layout: { hLineColor: () => '#9aa9af', vLineColor: () => '#9aa9af' }
  } as Content
  const rule: Content = {
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: words.walkRun.painRule, bold: true, color: accent, margin: [0, 0, 0, 3] },
              { text: plan.painRule }
            ],
            fillColor: '#eef6f5',
            margin: [6, 5, 6, 6]
          }
        ]
      ]
    },
    layout: 'noBorders'
  } as Content
  const tableWidth = textWidth[options.paper] - (beside ? ruleWidth + 14 : 0)
  const height =
    estimatedHeight(
      [words.walkRun.intro, ...plan.weeks.map((week) => words.walkRun.describe(week) + '  ')],
      tableWidth - ticksWidth - 40,
      size.body
    ) +
    plan.weeks.length * 8 +
    (beside ? 0 : estimatedHeight([plan.painRule], ruleWidth, size.body) + 20)
  return [
    {
      unbreakable: fitsOnAPage(height + 60, options),
      margin: [0, 0, 0, 14],
      stack: [
        { text: words.walkRun.heading, style: 'heading' },
        { text: plan.name, style: 'subheading' },
        { text: words.walkRun.intro, margin: [0, 0, 0, 8] },
        beside
          ? {
              columns: [
                { width: '*', stack: [table] },
                { width: ruleWidth, stack: [rule] }
              ],
              columnGap: 14
            }
          : { stack: [table, { text: '', margin: [0, 8, 0, 0] }, rule] }
      ]
    } as Content
  ]
}
