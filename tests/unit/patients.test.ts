import { describe, expect, it } from 'vitest'
import { toIsoDate } from '../../src/shared/dates'
import { limits } from '../../src/shared/limits'
import type { Patient, PatientSummary } from '../../src/shared/types'
import { contractApi, countOf, type ContractApi } from './contract'

const valid = {
  fullName: 'Şükrü Çağlar',
  dateOfBirth: '1984-03-09',
  sex: 'male',
  phone: '+90 555 123 45 67',
  email: 'sukru@example.com',
  condition: 'Low back pain after running',
  referralSource: 'GP',
  notes: 'Runs 30 km a week.'
}

async function create(api: ContractApi, fields: Record<string, unknown>): Promise<Patient> {
  const result = await api.call('patients:create', fields)
  if (!result.ok) throw new Error(result.error.message)
  return result.data as Patient
}

async function search(api: ContractApi, query: string, includeArchived = false): Promise<string[]> {
  const result = await api.call('patients:list', { query, includeArchived })
  if (!result.ok) throw new Error(result.error.message)
  return (result.data as PatientSummary[]).map((p) => p.fullName)
}

describe('patients', () => {
  it('creates, reads back, edits and archives a patient', async () => {
    const api = await contractApi()
    const created = await create(api, { ...valid, phone: '  ', notes: '' })
    expect(created).toMatchObject({
      fullName: 'Şükrü Çağlar',
      phone: null,
      notes: null,
      archivedAt: null
    })

    const updated = await api.call('patients:update', {
      ...valid,
      id: created.id,
      version: created.version,
      fullName: 'Şükrü Çağlar Yılmaz'
    })
    expect(updated.ok && updated.data).toMatchObject({
      fullName: 'Şükrü Çağlar Yılmaz',
      notes: 'Runs 30 km a week.'
    })

    const archived = await api.call('patients:archive', { id: created.id, archived: true })
    expect(archived.ok && (archived.data as Patient).archivedAt).toBeTruthy()
    expect(await search(api, '')).toEqual([])
    expect(await search(api, '', true)).toEqual(['Şükrü Çağlar Yılmaz'])

    const restored = await api.call('patients:archive', { id: created.id, archived: false })
    expect(restored.ok && (restored.data as Patient).archivedAt).toBeNull()
  })

  it('finds patients by any part of the name or condition, accents or not', async () => {
    const api = await contractApi()
    await create(api, valid)
    await create(api, {
      fullName: 'Zoë Łukasiewicz',
      dateOfBirth: '1990-12-01',
      condition: 'Sciatica'
    })
    await create(api, { fullName: 'Ørjan Ågren', dateOfBirth: '1975-06-30' })
    expect(await search(api, 'sukru')).toEqual(['Şükrü Çağlar'])
    expect(await search(api, 'kasie')).toEqual(['Zoë Łukasiewicz'])
    expect(await search(api, 'zoe')).toEqual(['Zoë Łukasiewicz'])
    expect(await search(api, 'gren')).toEqual(['Ørjan Ågren'])
    expect(await search(api, 'sciat')).toEqual(['Zoë Łukasiewicz'])
    expect(await search(api, 'running back')).toEqual(['Şükrü Çağlar'])
    // one or two letters: the start of a word in the name
    expect(await search(api, 'Z')).toEqual(['Zoë Łukasiewicz'])
    expect(await search(api, 'Çağ')).toEqual(['Şükrü Çağlar'])
    expect(await search(api, 'xyz')).toEqual([])
    // typed FTS syntax is just text
    expect(await search(api, '"OR" NEAR(')).toEqual([])
    expect(await search(api, '%')).toEqual([])
  })

  it('lists active patients by name, accented letters with their base letter', async () => {
    const api = await contractApi()
    for (const name of ['Zoë', 'Şükrü', 'Carla', 'Ørjan', 'anna', 'Bert'])
      await create(api, { fullName: name, dateOfBirth: '2000-01-01' })
    expect(await search(api, '')).toEqual(['anna', 'Bert', 'Carla', 'Ørjan', 'Şükrü', 'Zoë'])
  })

  it('answers at most the list limit, so a large clinic stays quick', async () => {
    const api = await contractApi()
    const row = (n: number) => ({
      full_name: `Patient ${n}`,
      sort_key: `patient ${n}`,
      date_of_birth: '1970-01-01',
      created_at: '',
      updated_at: ''
    })
    const rows = Array.from({ length: limits.patientList + 1 }, (_, n) => row(n))
    await api.store.write((q) => q.insertInto('patients').values(rows).execute())
    const result = await api.call('patients:list', {})
    expect(result.ok && result.data).toHaveLength(limits.patientList)
  })

  it('says so when a patient does not exist', async () => {
    const api = await contractApi()
    const result = await api.call('patients:get', { id: 999 })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: 'That patient could not be found. They may have been erased.'
      }
    })
    const update = await api.call('patients:update', { ...valid, id: 999, version: 1 })
    expect(update.ok).toBe(false)
    expect(await countOf(api, 'patients')).toBe(0)
  })
})

describe('invalid input gets a readable error and writes nothing', () => {
  const tomorrow = toIsoDate(new Date(Date.now() + 36 * 3600 * 1000))
  const cases: [string, Record<string, unknown>, RegExp, string | undefined][] = [
    [
      'future birth date',
      { ...valid, dateOfBirth: tomorrow },
      /can't be in the future/,
      'dateOfBirth'
    ],
    [
      'impossible date',
      { ...valid, dateOfBirth: '2023-02-30' },
      /Enter the date of birth in full: day, month and year/,
      'dateOfBirth'
    ],
    ['missing birth date', { fullName: 'A' }, /Enter the date of birth/, 'dateOfBirth'],
    ['blank name', { ...valid, fullName: '   ' }, /Enter the patient's name/, 'fullName'],
    ['name of wrong type', { ...valid, fullName: 42 }, /Name must be text/, 'fullName'],
    [
      'too-long notes',
      { ...valid, notes: 'x'.repeat(20_001) },
      /Notes is too long \(20,000 characters at most\)/,
      'notes'
    ],
    ['bad email', { ...valid, email: 'sukru@' }, /Email address looks incomplete/, 'email'],
    ['unknown sex', { ...valid, sex: 'yes' }, /female, male or other/, 'sex'],
    ['unknown key', { ...valid, admin: true }, /Unexpected field: admin/, undefined]
  ]

  for (const [name, input, message, field] of cases) {
    it(name, async () => {
      const api = await contractApi()
      const result = await api.call('patients:create', input)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error.code).toBe('invalid_input')
      expect(result.error.message).toMatch(message)
      expect(result.error.field).toBe(field)
      expect(await countOf(api, 'patients')).toBe(0)
    })
  }

  it('reports every invalid field at once, in the form’s order', async () => {
    const api = await contractApi()
    const result = await api.call('patients:create', {
      ...valid,
      fullName: ' ',
      dateOfBirth: '',
      email: 'sukru@',
      notes: 'x'.repeat(20_001)
    })
    expect(result.ok || result.error).toEqual({
      code: 'invalid_input',
      message: "Enter the patient's name",
      field: 'fullName',
      issues: [
        { field: 'fullName', message: "Enter the patient's name" },
        { field: 'dateOfBirth', message: 'Enter the date of birth in full: day, month and year' },
        { field: 'email', message: 'Email address looks incomplete (name@example.com)' },
        { field: 'notes', message: 'Notes is too long (20,000 characters at most)' }
      ]
    })
    expect(await countOf(api, 'patients')).toBe(0)
  })

  it('an input that is not an object at all', async () => {
    const api = await contractApi()
    const result = await api.call('patients:create', 'DROP TABLE patients')
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'The request must be an object of named fields.' }
    })
  })

  it('an id that is not a whole number', async () => {
    const api = await contractApi()
    const result = await api.call('patients:get', { id: '1; DROP TABLE patients' })
    expect(result.ok || result.error.message).toBe('Patient id must be a number')
  })

  it('an unknown channel', async () => {
    const api = await contractApi()
    const result = await api.call('patients:drop', {})
    expect(result.ok || result.error).toEqual({
      code: 'not_found',
      message: 'Unknown request "patients:drop".'
    })
  })
})
