/**
 * Swapping a program's exercise for its easier or harder variant: the rule
 * for the dose, written once for the builder and its tests.
 */
import type { Dose } from './types'

/** Sessions a week: unset counts as once a day, every day. */
const often = (dose: Dose) => (dose.perDay ?? 1) * (dose.perWeek ?? 7)

/**
 * The dose for `to`, replacing an item of `from` whose dose is `current`.
 *
 * - How much (sets, reps, hold, time, load, rest) is the new exercise's own
 *   default: a harder variant is dosed differently (a loaded heel raise is
 *   not done 3 × 15 like one on both feet), and its default is written for it.
 * - How often stays as the physiotherapist set it for this patient: the
 *   routine and the diary don't change because one exercise got harder,
 *   unless the new exercise is meant less often (heavy or jumping work needs
 *   days between): then its own. An item with no frequency takes the new
 *   exercise's too.
 * - The side stays when both are done one side at a time (the patient's
 *   sore leg); the new exercise's own side otherwise (a two-footed variant
 *   has none).
 * - The note stays when the physiotherapist wrote it for this patient (it
 *   differs from the old exercise's default note); a default note belongs to
 *   its exercise, so the new exercise's own note replaces it.
 */
export function swapDose(current: Dose, from: Dose, to: Dose): Dose {
  const oftenSet = current.perDay !== null || current.perWeek !== null
  const keepOften = oftenSet && often(current) <= often(to)
  const ownNote = current.note !== null && current.note !== from.note
  return {
    sets: to.sets,
    reps: to.reps,
    holdSeconds: to.holdSeconds,
    durationSeconds: to.durationSeconds,
    load: to.load,
    restSeconds: to.restSeconds,
    perDay: keepOften ? current.perDay : to.perDay,
    perWeek: keepOften ? current.perWeek : to.perWeek,
    side: current.side !== null && to.side !== null ? current.side : to.side,
    note: ownNote ? current.note : to.note
  }
}

/**
 * An item swapped for another exercise, in place: same position in the list
 * (the caller replaces it where it is), same phase, the dose by `swapDose`.
 */
export function swapItem<Item extends { exerciseId: number; phase: string; dose: Dose }>(
  items: readonly Item[],
  index: number,
  from: Dose,
  to: { exerciseId: number; defaultDose: Dose },
  fields: Omit<Item, 'exerciseId' | 'phase' | 'dose'>
): Item[] {
  const item = items[index]
  if (item === undefined) throw new RangeError(`No item at position ${index + 1}`)
  const swapped = {
    ...fields,
    exerciseId: to.exerciseId,
    phase: item.phase,
    dose: swapDose(item.dose, from, to.defaultDose)
  } as Item
  return items.map((each, position) => (position === index ? swapped : each))
}
