/**
 * The program builder's autosave and row versions (issue 17): each save
 * names the version the previous save answered, so a fast typist never
 * conflicts with their own earlier save, however slow the saves; a
 * colleague's save in between is shown as a conflict, the edits kept on
 * screen until Reload brings the stored draft.
 */
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProgramVersion } from '@shared/types'

/** The stored draft, as main keeps it: saved only from its current version. */
const stored = { title: 'Knees', version: 1 }
const sent: number[] = []
const draftOf = (): ProgramVersion =>
  ({
    id: 7,
    programId: 1,
    patientId: 1,
    versionNo: 1,
    status: 'draft',
    goals: '',
    startDate: null,
    reviewDate: null,
    templateId: null,
    issuedAt: null,
    createdAt: '2026-11-28T01:00:00.000Z',
    updatedAt: `2026-11-28T01:00:0${stored.version}.000Z`,
    items: [],
    advice: [],
    walkRun: null,
    nextStage: null,
    templatePainRule: null,
    ...stored
  }) as ProgramVersion

vi.mock('../../src/renderer/src/api', () => ({
  isDesktop: false,
  call: async (channel: string, input: { title: string; version: number }) => {
    if (channel === 'programs:get') return { ok: true, data: draftOf() }
    if (channel === 'programs:issue') {
      return input.version === stored.version
        ? { ok: true, data: { ...draftOf(), status: 'issued' } }
        : { ok: false, error: { code: 'conflict', message: 'stale issue' } }
    }
    if (channel !== 'programs:save') return { ok: true, data: null }
    sent.push(input.version)
    // slower than the autosave's pause: the next edits arrive while it runs
    await new Promise((resolve) => setTimeout(resolve, 300))
    if (input.version !== stored.version) {
      return {
        ok: false,
        error: {
          code: 'conflict',
          message: 'Changed in another window at 10:42 — reload to see it.'
        }
      }
    }
    Object.assign(stored, { title: input.title, version: stored.version + 1 })
    return { ok: true, data: draftOf() }
  }
}))
const { useProgramsStore } = await import('../../src/renderer/src/stores/programs')

const journal = new Map<string, string>()
vi.stubGlobal('localStorage', {
  getItem: (key: string) => journal.get(key) ?? null,
  setItem: (key: string, value: string) => journal.set(key, value),
  removeItem: (key: string) => journal.delete(key)
})

beforeEach(() => {
  setActivePinia(createPinia())
  Object.assign(stored, { title: 'Knees', version: 1 })
  sent.length = 0
  journal.clear()
})

/** Types one more letter, as the title field's v-model would, and lets Vue's watcher run. */
async function type(programs: ReturnType<typeof useProgramsStore>, text: string): Promise<void> {
  programs.draft!.title = text
  await new Promise((resolve) => setTimeout(resolve, 150))
}

describe('the builder’s autosave with versions', () => {
  it('never conflicts with its own saves or the issue after them, however fast the typing', async () => {
    const programs = useProgramsStore()
    await programs.open(7)
    for (const text of ['Knees a', 'Knees an', 'Knees and', 'Knees and hips'])
      await type(programs, text)
    // issued at once, a save still running: it waits for every save, then names the last version
    expect(await programs.issue(true)).toMatchObject({ ok: true, data: { status: 'issued' } })
    expect(stored.title).toBe('Knees and hips')
    // one save at a time, each from the version the one before answered
    expect(sent).toEqual(sent.map((_, index) => index + 1))
    expect(sent.length).toBeGreaterThan(1)
  })

  it('shows a colleague’s save as a conflict, keeps the edits, and reloads when asked', async () => {
    const programs = useProgramsStore()
    await programs.open(7)
    Object.assign(stored, { title: 'Hips (Sam)', version: 2 })
    await type(programs, 'Knees, mine')
    await programs.flush()
    expect(programs.saveState).toBe('failed')
    expect(programs.error).toMatchObject({ code: 'conflict' })
    expect(programs.draft!.title).toBe('Knees, mine')
    expect(stored.title).toBe('Hips (Sam)')
    await programs.reload()
    expect(programs.draft!.title).toBe('Hips (Sam)')
    expect(programs.saveState).toBe('saved')
    expect(programs.error).toBeNull()
    // and the next edit saves from the reloaded version
    await type(programs, 'Hips and knees')
    await programs.flush()
    expect(stored).toEqual({ title: 'Hips and knees', version: 3 })
  })
})
