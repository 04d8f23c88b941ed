/**
 * The compact layout: two exercises side by side, each with its pictures
 * above its steps, wherever both fit in half the page's width and well under
 * a page's height. A seven-exercise program then takes about half the pages.
 */
import type { Content } from 'pdfmake/interfaces'
import type { HandoutOptions } from '@shared/types'
import { textHeight, textWidth, type ExerciseShape } from './layout'

const columnGap = 18

/** An exercise across the page, its pictures beside its text: the standard layout's. */
export const fullWidth = (options: HandoutOptions): ExerciseShape => ({
  width: textWidth[options.paper],
  picturesAbove: false
})

const halfWidth = (options: HandoutOptions): ExerciseShape => ({
  width: (textWidth[options.paper] - columnGap) / 2,
  picturesAbove: true
})

type Build = (index: number, shape: ExerciseShape) => { block: Content; height: number }

/**
 * The exercises `numbers` in pairs, in order. A pair is kept together on a
 * page, so it must be short enough for that (under half a page, with room to
 * spare); an exercise that can't be paired (too long, or the last of an odd
 * count) goes across the page as in the standard layout.
 */
export function pairedBlocks(numbers: number[], build: Build, options: HandoutOptions): Content[] {
  const half = halfWidth(options)
  const short = (height: number) => height < textHeight[options.paper] * 0.45
  const blocks: Content[] = []
  for (let at = 0; at < numbers.length;) {
    const left = at + 1 < numbers.length ? build(numbers[at]!, half) : null
    const right = left ? build(numbers[at + 1]!, half) : null
    if (left && right && short(left.height) && short(right.height)) {
      blocks.push({
        unbreakable: true,
        columns: [
          { width: half.width, stack: [left.block] },
          { width: half.width, stack: [right.block] }
        ],
        columnGap
      } as Content)
      at += 2
    } else {
      blocks.push(build(numbers[at]!, fullWidth(options)).block)
      at += 1
    }
  }
  return blocks
}
