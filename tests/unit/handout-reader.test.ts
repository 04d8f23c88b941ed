import type { Database } from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { dispatch } from '../../src/main/core/api'
import type { HandoutFile, Patient, ProgramVersion } from '../../src/shared/types'
import { issuedRelief, ok, storeIn, tempDir } from './helpers'
import { pdfText } from './pdf-tools'

// the connection the store opens for handouts, kept to look at
const readers: Database[] = []
vi.mock('../../src/main/core/db/connect', async (original) => {
  const actual = await original<typeof import('../../src/main/core/db/connect')>()
  return {
    ...actual,
    connectHandoutReader: (file: string) => {
      const reader = actual.connectHandoutReader(file)
      readers.push(reader)
      return reader
    }
  }
})

describe('the handouts’ own connection', () => {
  it('reads every handout, sees each committed write, and closes with the store', async () => {
    const store = storeIn(tempDir())
    const { db, handlers } = store
    const api = {
      db,
      handlers,
      call: (channel: string, input: unknown) => dispatch(handlers, channel, input)
    }
    const reader = readers.at(-1)!
    expect(reader.name).toBe(store.databaseFile)
    expect(reader.readonly).toBe(true)
    expect(reader.pragma('cache_size', { simple: true })).toBe(-2000)

    const { patient, version } = await issuedRelief(api, 'Ana Costa')
    const draft = await ok<ProgramVersion>(api, 'programs:revise', { versionId: version.id })
    const prepared = vi.spyOn(reader, 'prepare')
    const previewText = async () => {
      const file = await ok<HandoutFile>(api, 'handouts:preview', { versionId: draft.id })
      return (await pdfText(Buffer.from(file.bytes))).text
    }
    expect(await previewText()).toContain('Ana Costa')
    expect(prepared).toHaveBeenCalled()

    // a write through the main connection, then the next handout: read afresh, not from a stale cache
    await ok<Patient>(api, 'patients:update', {
      id: patient.id,
      version: patient.version,
      fullName: 'Ana Costa Reis',
      dateOfBirth: patient.dateOfBirth
    })
    expect(await previewText()).toContain('Ana Costa Reis')
    prepared.mockClear()
    await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })
    expect(prepared).toHaveBeenCalled()

    await store.close()
    expect(reader.open).toBe(false)
  })
})
