import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Bridge } from '@shared/bridge'
import { defaultHandoutOptions } from '@shared/types'

declare global {
  // the preload's window.api (src/preload/index.d.ts), which main's type configuration can't see
  interface Window {
    api?: Bridge
  }
}

// the store's only way out: the api, answered here as main would
const calls: string[] = []
const sentVersions: number[] = []
let optionsAnswer: { ok: boolean } = { ok: true }
/** while set, an options save waits for it: the answer still on its way */
let answerHeld: Promise<void> | null = null
/** the clinic's options as main stores them: saved only from their current version */
let stored = { ...defaultHandoutOptions, diaryWeeks: 3, version: 4 }
vi.mock('../../src/renderer/src/api', () => ({
  isDesktop: false,
  call: (channel: string, input: typeof stored) => {
    calls.push(channel)
    if (channel === 'handouts:options')
      return Promise.resolve(
        optionsAnswer.ok
          ? { ok: true, data: stored }
          : { ok: false, error: { code: 'unavailable', message: 'down' } }
      )
    if (channel === 'handouts:setOptions') {
      sentVersions.push(input.version)
      return (answerHeld ?? Promise.resolve()).then(() => {
        if (input.version !== stored.version)
          return { ok: false, error: { code: 'conflict', message: 'Changed' } }
        stored = { ...input, version: stored.version + 1 }
        return { ok: true, data: stored }
      })
    }
    return Promise.resolve({
      ok: true,
      data: { fileName: 'h.pdf', bytes: new Uint8Array([calls.length]) }
    })
  }
}))
// pdf.js (a browser module): only whether the store lets its documents go
const forgetDocuments = vi.fn()
vi.mock('../../src/renderer/src/components/handouts/pdf', () => ({ forgetDocuments }))
const { useHandoutsStore } = await import('../../src/renderer/src/stores/handouts')

const previews = () => calls.filter((channel) => channel === 'handouts:preview').length

beforeEach(() => {
  setActivePinia(createPinia())
  calls.length = 0
  sentVersions.length = 0
  optionsAnswer = { ok: true }
  stored = { ...defaultHandoutOptions, diaryWeeks: 3, version: 4 }
  answerHeld = null
})

describe('the handouts store', () => {
  it("asks for the clinic's options once a session, again after a failure", async () => {
    const handouts = useHandoutsStore()
    optionsAnswer = { ok: false }
    await handouts.loadOptions()
    expect(handouts.options.diaryWeeks).toBe(defaultHandoutOptions.diaryWeeks)
    optionsAnswer = { ok: true }
    await Promise.all([handouts.loadOptions(), handouts.loadOptions()])
    await handouts.loadOptions()
    expect(calls).toEqual(['handouts:options', 'handouts:options'])
    expect(handouts.options.diaryWeeks).toBe(3)
  })

  it('keeps the preview of an unchanged revision, asks anew for anything else', async () => {
    const handouts = useHandoutsStore()
    await handouts.refreshPreview(7, '2026-11-27T10:00:00Z')
    const first = handouts.preview
    // opened again, nothing changed: the same bytes, no new render
    await handouts.refreshPreview(7, '2026-11-27T10:00:00Z')
    expect(previews()).toBe(1)
    expect(handouts.preview).toBe(first)
    // a save made a new revision
    await handouts.refreshPreview(7, '2026-11-27T10:00:05Z')
    expect(previews()).toBe(2)
    expect(handouts.preview?.bytes).not.toBe(first?.bytes)
    // other options
    await handouts.saveOptions({ ...handouts.options, largePrint: true })
    await handouts.refreshPreview(7, '2026-11-27T10:00:05Z')
    expect(previews()).toBe(3)
    // another version
    await handouts.refreshPreview(8, '2026-11-27T10:00:05Z')
    expect(previews()).toBe(4)
    await handouts.refreshPreview(8, '2026-11-27T10:00:05Z')
    expect(previews()).toBe(4)
    // the version was loaded again: the patient or the clinic may have changed meanwhile
    handouts.outdated()
    await handouts.refreshPreview(8, '2026-11-27T10:00:05Z')
    expect(previews()).toBe(5)
    // asked twice at once (the builder at idle, then the tab): one render
    await handouts.saveOptions({ ...handouts.options, largePrint: false })
    await Promise.all([
      handouts.refreshPreview(8, '2026-11-27T10:00:09Z'),
      handouts.refreshPreview(8, '2026-11-27T10:00:09Z')
    ])
    expect(previews()).toBe(6)
    expect(handouts.preview?.bytes).toEqual(new Uint8Array([calls.length]))
    await handouts.refreshPreview(8, '2026-11-27T10:00:09Z')
    expect(previews()).toBe(6)
    // no revision known: always asked
    await handouts.refreshPreview(8, null)
    await handouts.refreshPreview(8, null)
    expect(previews()).toBe(8)
  })

  it('saves the options from the version loaded, then from each answer; a colleague’s save is a conflict', async () => {
    const handouts = useHandoutsStore()
    await handouts.loadOptions()
    await handouts.saveOptions({ ...handouts.options, paper: 'LETTER' })
    await handouts.saveOptions({ ...handouts.options, largePrint: true })
    expect(sentVersions).toEqual([4, 5])
    // the options a preview takes carry no version
    expect(handouts.options).toEqual({
      ...defaultHandoutOptions,
      diaryWeeks: 3,
      paper: 'LETTER',
      largePrint: true
    })
    stored = { ...stored, diaryWeeks: 1, version: 9 }
    await handouts.saveOptions({ ...handouts.options, pictures: false })
    expect(handouts.error).toMatchObject({ code: 'conflict' })
    // the choice stays on screen until reloaded
    expect(handouts.options.pictures).toBe(false)
    await handouts.reloadOptions()
    expect(handouts.error).toBeNull()
    expect(handouts.options).toMatchObject({ diaryWeeks: 1, pictures: true })
    await handouts.saveOptions({ ...handouts.options, pictures: false })
    expect(sentVersions.at(-1)).toBe(9)
    expect(handouts.error).toBeNull()
  })

  it('keeps both of two quick changes: each save waits for the one before and takes its version', async () => {
    const handouts = useHandoutsStore()
    await handouts.loadOptions()
    // chosen together: the second carries the first, and only it is sent
    await Promise.all([
      handouts.saveOptions({ ...handouts.options, paper: 'LETTER' }),
      handouts.saveOptions({ ...handouts.options, layout: 'compact' })
    ])
    expect(sentVersions).toEqual([4])
    // the second chosen while the first's answer is on its way: sent after it, on its version
    let answer = () => {}
    answerHeld = new Promise((resolve) => (answer = resolve))
    const first = handouts.saveOptions({ ...handouts.options, largePrint: true })
    await vi.waitFor(() => expect(sentVersions).toHaveLength(2))
    const second = handouts.saveOptions({ ...handouts.options, pictures: false })
    answer()
    await Promise.all([first, second])
    expect(sentVersions).toEqual([4, 5, 6])
    expect(handouts.error).toBeNull()
    const chosen = { paper: 'LETTER', layout: 'compact', largePrint: true, pictures: false }
    expect(stored).toMatchObject({ ...chosen, version: 7 })
    expect(handouts.options).toMatchObject(chosen)
  })

  it('lets the drawn handout go after an erase, and asks anew after it', async () => {
    const handouts = useHandoutsStore()
    await handouts.refreshPreview(7, '2026-11-27T10:00:00Z')
    expect(handouts.preview).not.toBeNull()
    await handouts.forgetDrawn()
    expect(handouts.preview).toBeNull()
    expect(forgetDocuments).toHaveBeenCalledOnce()
    // the same revision is not taken as in hand any more
    await handouts.refreshPreview(7, '2026-11-27T10:00:00Z')
    expect(previews()).toBe(2)
  })
})
