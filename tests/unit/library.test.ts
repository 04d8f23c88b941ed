import { describe, expect, it } from 'vitest'
import { builtinExercises } from '../../src/main/core/seed/content'
import { emptyClinic } from '../../src/main/core/settings'
import type { ClinicSettings, Exercise, ExerciseSummary, Template } from '../../src/shared/types'
import { contractApi, type ContractApi } from './contract'
import { ok } from './helpers'

async function names(query: string, category?: string): Promise<string[]> {
  const api = await contractApi()
  const result = await api.call('exercises:list', category ? { query, category } : { query })
  if (!result.ok) throw new Error(result.error.message)
  return (result.data as ExerciseSummary[]).map((e) => e.name)
}

describe('library', () => {
  it('finds exercises by word prefixes, hyphenated or not', async () => {
    expect((await names('plank'))[0]).toBe('Plank')
    expect(await names('hamstr')).toContain('Standing hamstring stretch')
    expect((await names('bird dog'))[0]).toBe('Bird-dog')
    expect((await names('cat camel'))[0]).toBe('Cat-camel')
    expect(await names('cat cow')).toEqual(['Cat-camel'])
    expect(await names('zzz')).toEqual([])
  })

  it('filters by category and lists everything alphabetically without a query', async () => {
    expect(await names('', 'warm-up')).toEqual(['Arm circles', 'Leg swings', 'Walking lunges'])
    expect((await names('')).length).toBe(builtinExercises.length)
  })

  it('returns an exercise with its steps and default dose', async () => {
    const api = await contractApi()
    const list = await api.call('exercises:list', { query: 'plank' })
    const id = list.ok ? (list.data as ExerciseSummary[])[0]?.id : undefined
    const result = await api.call('exercises:get', { id })
    const plank = (result.ok ? result.data : null) as Exercise
    expect(plank.steps[0]).toMatch(/push-up position/)
    expect(plank.defaultDose).toMatchObject({ sets: 3, holdSeconds: 30, reps: null })
    expect(plank.source).toBe('builtin')
  })

  it('lists templates with their exercises in order', async () => {
    const api = await contractApi()
    const result = await api.call('templates:list', {})
    const templates = (result.ok ? result.data : []) as Template[]
    const relief = templates.find((t) => t.name.endsWith('relief'))
    expect(relief?.items.map((i) => i.exerciseName)).toEqual([
      'Cat-camel',
      'Knee-to-chest stretch',
      "Child's pose",
      'Pelvic tilt',
      'Lying knee twist'
    ])
    expect(relief?.advice.map((a) => a.title)).toContain('Heat and cold')
  })
})

describe('clinic settings', () => {
  const clinic: ClinicSettings = {
    clinicName: 'Riverside Physio',
    address: '1 River Road',
    phone: '01234 567890',
    email: 'desk@riverside.example',
    therapistName: 'Alex Kim',
    emergencyNumber: '999',
    logoDataUrl: null
  }
  const blank = emptyClinic
  const png1x1 =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

  it('saves and reads back the clinic, with a logo', async () => {
    const api = await contractApi()
    const saved = await api.call('clinic:update', { ...clinic, logoDataUrl: png1x1, version: 0 })
    expect(saved.ok).toBe(true)
    const read = await api.call('clinic:get', {})
    expect(read.ok && read.data).toEqual({ ...clinic, logoDataUrl: png1x1, version: 1 })
  })

  it('asks for the clinic details on the first day, until filled or skipped', async () => {
    const ask = async (api: ContractApi) => {
      const asked = await api.call('clinic:askDetails', {})
      return asked.ok && asked.data
    }
    const filled = await contractApi()
    expect(await ask(filled)).toBe(true)
    // an address or email alone is not what the handout's header needs
    await ok(filled, 'clinic:update', { ...blank, address: '1 River Road', version: 0 })
    expect(await ask(filled)).toBe(true)
    await ok(filled, 'clinic:update', { ...blank, therapistName: 'Alex Kim', version: 1 })
    expect(await ask(filled)).toBe(false)

    const skipped = await contractApi()
    expect((await skipped.call('clinic:skipDetails', { skip: true })).ok).toBe(true)
    expect(await ask(skipped)).toBe(false)
    // kept with the clinic's settings, so it holds after clearing the details too
    await ok(skipped, 'clinic:update', { ...blank, version: 0 })
    expect(await ask(skipped)).toBe(false)
  })

  it('refuses a logo that is not really an image', async () => {
    const api = await contractApi()
    const fake = `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`
    const result = await api.call('clinic:update', { ...clinic, logoDataUrl: fake, version: 0 })
    expect(result.ok || result.error).toEqual({
      code: 'invalid_input',
      message: 'Logo must be a PNG or JPEG image',
      field: 'logoDataUrl',
      issues: [{ field: 'logoDataUrl', message: 'Logo must be a PNG or JPEG image' }]
    })
    const read = await api.call('clinic:get', {})
    expect(read.ok && (read.data as ClinicSettings).clinicName).toBe('')
  })
})
