/**
 * The compact layout: two exercises side by side, each with its pictures
 * above its steps, wherever both fit in half the page's width and well under
 * a page's height. A seven-exercise program then takes about half the pages.
 */
import type { Content } from 'pdfmake/interfaces'
import type { HandoutOptions } from '@shared/types'
import { sizes, textHeight, textWidth, type ExerciseShape } from './layout'

const columnGap = 18

/** An exercise across the page, its pictures beside its text: the standard layout's. */
export const fullWidth = (options: HandoutOptions): ExerciseShape => ({
  width: textWidth[options.paper],
  picturesAbove: false,
  picture: sizes(options).picture
})

/** An exercise that can't be paired: across the page, its pictures the size they are in a pair. */
const across = (options: HandoutOptions): ExerciseShape => ({
  ...fullWidth(options),
  picture: sizes(options).compactPicture
})

const halfWidth = (options: HandoutOptions): ExerciseShape => ({
  width: (textWidth[options.paper] - columnGap) / 2,
  picturesAbove: true,
  picture: sizes(options).compactPicture
})

type Build = (index: number, shape: ExerciseShape) => { block: Content; height: number }

/**
 * The exercises `numbers` in pairs, in order. A pair is kept together on a
 * page, so it must be short enough for that (under half a page, with room to
 * spare); an exercise that can't be paired (too long, or the last of an odd
 * count) goes across the page, its pictures beside its steps at the size they have in a pair.
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
      blocks.push(build(numbers[at]!, across(options)).block)
      at += 1
    }
  }
  return blocks
}

/** Where `heights` split into two columns (the first `at` on the left) with the taller one lowest. */
function evenSplit(heights: number[]): { at: number; tallest: number } {
  const total = heights.reduce((sum, height) => sum + height, 0)
  let best = { at: heights.length, tallest: total }
  let left = 0
  for (let at = 1; at < heights.length; at++) {
    left += heights[at - 1]!
    const tallest = Math.max(left, total - left)
    if (tallest < best.tallest) best = { at, tallest }
  }
  return best
}

/**
 * Blocks read down one column and then the next (advice sections, which
 * differ in length: in pairs, a long one left a short one's column half
 * empty). Each two-column block takes as many as keep its taller column
 * short; one that is too long, or left alone, goes across the page.
 */
export function balancedColumns(count: number, build: Build, options: HandoutOptions): Content[] {
  const half = halfWidth(options)
  const built = Array.from({ length: count }, (_, index) => build(index, half))
  const split = (from: number, to: number) =>
    evenSplit(built.slice(from, to).map((block) => block.height))
  const blocks: Content[] = []
  for (let at = 0; at < count;) {
    let end = at + 1
    while (end < count && split(at, end + 1).tallest < textHeight[options.paper] * 0.45) end += 1
    if (end - at < 2) {
      blocks.push(build(at, fullWidth(options)).block)
      at += 1
      continue
    }
    const column = (from: number, to: number) => ({
      width: half.width,
      stack: built.slice(from, to).map((block) => block.block)
    })
    const middle = at + split(at, end).at
    blocks.push({
      unbreakable: true,
      columns: [column(at, middle), column(middle, end)],
      columnGap
    } as Content)
    at = end
  }
  return blocks
}
