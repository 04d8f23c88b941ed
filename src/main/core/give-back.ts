/**
 * Gives a thread's spare heap back to the system while the app is busy.
 *
 * V8 keeps a heap at its high-water mark: room past what lives (up to ~1.4
 * times it on the main thread), and the pages its collections freed, held in
 * a pool for reuse (`--trace-gc` prints it as "pooled"). It returns them only in a
 * memory-reducing collection, which its memory reducer starts once it sees
 * the thread idle for a while. A clinic day without a pause never lets it,
 * so the process grew in steps each time some handout or search asked for
 * more than any before (README, A clinic day: memory). Every so much work,
 * this asks V8 for that collection itself, after the work's answer has gone:
 * ~40 ms on the main thread; ~50 ms on the handout worker, whose next few
 * handouts then take ~35 ms longer each as it warms up again.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Dispatch } from './api'

type Collect = () => void

/**
 * How much work between two give-backs, measured in clinic days (README, A
 * clinic day: memory). The main thread's heap, at ~1.4 times what lives on
 * it, grew back ~7 MB in 1,000 calls; every 250 keeps it within ~3 MB.
 */
export const giveBackEvery = { handouts: 500, calls: 250 }

/**
 * The handout worker's heap sits at 63–65 MB: its fixed 32 MB young
 * generation (offthread/pool.ts) and the old generation it collects at ~40
 * MB used. A handout that leaves it above 68 MB has grown the old
 * generation, and the next full collection would put those pages in V8's
 * pool, where they stayed (up to 11 MB) until later handouts reused them.
 * Given back then instead: 3–10 times in a clinic day. Never twice within
 * 20 handouts, so a heap that one day sits higher costs one give-back in 20.
 */
export const handoutHeapCeilingMb = 68
const handoutsBetween = 20

let reducing: Collect | undefined

/**
 * V8's own collection, "last resort" flavour: the one its low-memory
 * notification runs (compacts, shrinks the young generation, empties the
 * pool). Taken once from a throwaway context, so no `gc` is left on the
 * app's own globals.
 */
export function memoryReducingCollection(): Collect {
  if (!reducing) {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as (options: object) => void
    setFlagsFromString('--no-expose-gc')
    reducing = () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' })
  }
  return reducing
}

/** The same, taken on its first use: a thread that never gives back never touches the flags. */
const reduceMemory: Collect = () => memoryReducingCollection()()

/** A counter of finished work: each `every`th call gives the spare heap back. */
export function givingBack(every: number, collect: Collect = reduceMemory): Collect {
  let done = 0
  return () => {
    done = (done + 1) % every
    if (done === 0) collect()
  }
}

/**
 * The handout worker's: after a handout that grew its heap past the ceiling
 * (at least `handoutsBetween` after the last), and every `giveBackEvery.handouts`.
 */
export function givingBackHandouts(
  collect: Collect = reduceMemory,
  heapBytes: () => number = () => getHeapStatistics().total_heap_size
): Collect {
  let since = 0
  return () => {
    since++
    const grown = since >= handoutsBetween && heapBytes() > handoutHeapCeilingMb * 2 ** 20
    if (!grown && since < giveBackEvery.handouts) return
    collect()
    since = 0
  }
}

/** The api, giving the main thread's spare heap back every `every` calls, after the answer. */
export function givingBackEvery(
  every: number,
  dispatch: Dispatch,
  collect: Collect = reduceMemory
): Dispatch {
  const answered = givingBack(every, collect)
  return async (channel, rawInput) => {
    const result = await dispatch(channel, rawInput)
    setImmediate(answered)
    return result
  }
}
