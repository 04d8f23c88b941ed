/** Giving a thread's spare heap back: how often, after what, and that it does give it back. */
import { getHeapStatistics } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it, vi } from 'vitest'
import {
  giveBackEvery,
  givingBack,
  givingBackEvery,
  givingBackHandouts,
  handoutHeapCeilingMb,
  memoryReducingCollection
} from '../../src/main/core/give-back'

describe('giving the spare heap back', () => {
  it('collects on every nth piece of work only', () => {
    const collect = vi.fn()
    const done = givingBack(3, collect)
    for (let piece = 1; piece <= 7; piece++) done()
    expect(collect).toHaveBeenCalledTimes(2)
  })

  it('gives the handout heap back once it grew past its ceiling, and every so many handouts', () => {
    const collect = vi.fn()
    let heap = (handoutHeapCeilingMb - 4) * 2 ** 20
    const made = givingBackHandouts(collect, () => heap)
    for (let handout = 1; handout < giveBackEvery.handouts; handout++) made()
    expect(collect).not.toHaveBeenCalled()
    made()
    expect(collect).toHaveBeenCalledTimes(1)
    heap = (handoutHeapCeilingMb + 4) * 2 ** 20
    // grown: given back, but never twice within 20 handouts
    for (let handout = 1; handout <= 100; handout++) made()
    expect(collect).toHaveBeenCalledTimes(1 + 5)
  })

  it("answers the api call first, and collects after the nth call's answer", async () => {
    const order: string[] = []
    const collect = () => order.push('collected')
    const dispatch = givingBackEvery(
      2,
      async (channel) => {
        order.push(`answered ${channel}`)
        return { ok: true as const, data: channel }
      },
      collect
    )
    expect(await dispatch('patients:list', {})).toEqual({ ok: true, data: 'patients:list' })
    expect(await dispatch('patients:get', {})).toEqual({ ok: true, data: 'patients:get' })
    await new Promise((tick) => setImmediate(tick))
    expect(order).toEqual(['answered patients:list', 'answered patients:get', 'collected'])
  })

  it('returns the pages a burst of garbage left behind, and leaves no gc on any global', () => {
    const collect = memoryReducingCollection()
    collect()
    const settled = getHeapStatistics().total_heap_size
    // ~60 MB that lives long enough to reach the old generation, unreachable once this returns
    const grown = (() => {
      const burst = Array.from({ length: 60 }, (_, block) =>
        Array.from({ length: 20_000 }, (_, i) => `${block}:${i}:${'x'.repeat(20)}`)
      )
      return burst.length && getHeapStatistics().total_heap_size
    })()
    collect()
    const after = getHeapStatistics().total_heap_size
    expect(grown - settled).toBeGreaterThan(30 * 2 ** 20)
    expect(after).toBeLessThan(settled + 10 * 2 ** 20)
    expect(runInNewContext('typeof gc')).toBe('undefined')
  })
})
