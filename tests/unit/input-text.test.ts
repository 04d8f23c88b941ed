import { describe, expect, it } from 'vitest'
import type { Patient } from '../../src/shared/types'
import { patientFields } from './helpers'
import { contractApi, countOf } from './contract'

const create = (fullName: string, notes: string | null = null) => ({
  ...patientFields(fullName),
  notes
})

describe('text fields refuse what can’t be stored as typed', () => {
  it.each([
    ['NUL', 'Ada\u0000 Lovelace'],
    ['escape', 'Ada \u001b[31mLovelace'],
    ['backspace', 'Ada\bLovelace'],
    ['carriage return', 'Ada\rLovelace'],
    ['vertical tab', 'Ada\u000bLovelace']
  ])('a %s in a name: a readable message, nothing written', async (_name, fullName) => {
    const api = await contractApi()
    const { call } = api
    const result = await call('patients:create', create(fullName))
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'fullName',
        message: 'Name contains an invisible control character; delete it, or retype the text',
        issues: [
          {
            field: 'fullName',
            message: 'Name contains an invisible control character; delete it, or retype the text'
          }
        ]
      }
    })
    expect(await countOf(api, 'patients')).toBe(0)
  })

  it('keeps tab and newline in notes', async () => {
    const { call } = await contractApi()
    const result = await call('patients:create', create('Ada Lovelace', 'line one\n\tline two'))
    expect(result.ok && (result.data as Patient).notes).toBe('line one\n\tline two')
  })

  it.each([
    ['a lone high surrogate', 'Zoë \ud83d'],
    ['a lone low surrogate', '\ude00 Zoë'],
    ['swapped halves', 'Zo\ude00\ud83d']
  ])('refuses %s instead of storing U+FFFD', async (_name, fullName) => {
    const api = await contractApi()
    const { call } = api
    const result = await call('patients:create', create(fullName))
    expect(result.ok ? null : result.error.message).toBe(
      'Name contains a broken character (half of an emoji or symbol); retype it'
    )
    expect(await countOf(api, 'patients')).toBe(0)
  })

  it('accepts whole emoji and accents', async () => {
    const { call } = await contractApi()
    const result = await call('patients:create', create('Zoë Łukasiewicz 😀'))
    expect(result.ok && (result.data as Patient).fullName).toBe('Zoë Łukasiewicz 😀')
  })

  it('the same rule in every kind of text: a list item, a nested one, a tag', async () => {
    const { call } = await contractApi()
    const message = (result: Awaited<ReturnType<typeof call>>) =>
      result.ok ? null : result.error.message
    expect(
      message(
        await call('templates:update', {
          id: 1,
          version: 1,
          name: 'x\u0000',
          description: '',
          goals: ''
        })
      )
    ).toMatch(/Template name contains an invisible control character/)
    expect(message(await call('exercises:list', { bodyRegion: 'back\u0007' }))).toMatch(
      /Body region contains an invisible control character/
    )
  })
})

describe('search strips control characters', () => {
  it('finds the patient with a NUL or escape pasted into the box', async () => {
    const { call } = await contractApi()
    await call('patients:create', create('Ada Lovelace'))
    for (const query of ['Love\u0000lace', '\u001bAda', 'Ada\u0000']) {
      const result = await call('patients:list', { query })
      const names = result.ok ? (result.data as Patient[]).map((patient) => patient.fullName) : []
      expect(names, query).toEqual(['Ada Lovelace'])
    }
    const exercises = await call('exercises:list', { query: 'brid\u0000ge' })
    expect(exercises.ok && (exercises.data as unknown[]).length).toBeGreaterThan(0)
  })
})

describe('paths', () => {
  it.each(['import:preview', 'import:start', 'backups:setFolder'])(
    '%s refuses a relative folder',
    async (channel) => {
      const { call } = await contractApi()
      const result = await call(channel, { folder: 'exercises' })
      expect(result.ok ? null : result.error.message).toMatch(/must be a full path/)
    }
  )

  it.each(['backups:inspect', 'backups:restore'])('%s refuses a relative file', async (channel) => {
    const { call } = await contractApi()
    const result = await call(channel, { file: '../physioplan.sqlite3' })
    expect(result.ok ? null : result.error.message).toMatch(/must be a full path/)
  })
})
