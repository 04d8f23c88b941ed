import { describe, expect, it } from 'vitest'
import type { Patient, ProgramSnapshot, ProgramVersion, Template } from '../../src/shared/types'
import { memoryDb, ok } from './helpers'
import { contractApi } from './contract'

/** A program issued from an own template, which was saved from the built-in relief program. */
async function issuedFromOwnTemplate() {
  const api = await contractApi()
  const patient = await ok<Patient>(api, 'patients:create', {
    fullName: 'Ana Costa',
    dateOfBirth: '1984-03-09'
  })
  const relief = (await ok<Template[]>(api, 'templates:list', {})).find((t) =>
    t.name.endsWith('relief')
  )!
  const first = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patient.id,
    source: { kind: 'template', templateId: relief.id }
  })
  const mine = await ok<Template>(api, 'templates:saveFrom', { versionId: first.id, name: 'Mine' })
  const draft = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patient.id,
    source: { kind: 'template', templateId: mine.id }
  })
  const issued = await ok<ProgramVersion>(api, 'programs:issue', {
    versionId: draft.id,
    version: draft.version
  })
  return { api, mine, relief, issued }
}

describe('deleting an own template that programs were issued from', () => {
  it('deletes it, and the issued programs stay as they were issued', async () => {
    const { api, mine, issued } = await issuedFromOwnTemplate()
    expect(issued.templateId).toBe(mine.id)
    const snapshot = await ok<ProgramSnapshot>(api, 'programs:snapshot', { versionId: issued.id })

    await ok(api, 'templates:delete', { id: mine.id })
    const templates = await ok<Template[]>(api, 'templates:list', {})
    expect(templates.map((t) => t.id)).not.toContain(mine.id)
    const after = await ok<ProgramVersion>(api, 'programs:get', { versionId: issued.id })
    expect(after).toEqual({ ...issued, templateId: null })
    expect(await ok(api, 'programs:snapshot', { versionId: issued.id })).toEqual(snapshot)
  })

  it('still refuses every other change to an issued version, and pointing it at a template', async () => {
    const { api, relief, issued } = await issuedFromOwnTemplate()
    const update = (set: 'title' | 'walk_run' | 'template_id', value: string | number | null) =>
      api.store.write((q) =>
        q
          .updateTable('program_versions')
          .set({ [set]: value })
          .where('id', '=', issued.id)
          .execute()
      )
    const refused = /issued program versions cannot be changed/
    await expect(update('title', 'Changed')).rejects.toThrow(refused)
    await expect(update('walk_run', null)).rejects.toThrow(refused)
    await expect(update('template_id', relief.id)).rejects.toThrow(refused)
  })

  // SQLite's trigger; the clinic's is checked in tests/clinic/rules.test.ts
  it('freezes every column of a program version but the template it started from', () => {
    const db = memoryDb()
    const columns = (db.pragma('table_info(program_versions)') as { name: string }[])
      .map(({ name }) => name)
      .filter((name) => name !== 'template_id')
    const freeze = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'program_versions_frozen'")
      .pluck()
      .get() as string
    const frozen = /UPDATE OF ([\s\S]+?) ON program_versions/.exec(freeze)![1]!.split(/,\s*/)
    expect(frozen.sort()).toEqual(columns.sort())
  })
})
