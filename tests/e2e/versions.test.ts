/**
 * Issue 17's conflicts on screen: a row changed by someone else (a second
 * api call, as another window would) between loading and saving is refused
 * with when it changed and a Reload action; what was typed stays on screen
 * until Reload brings the stored row.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ClinicSettings, Patient, ProgramVersion, Versioned } from '../../src/shared/types'
import { callApi, patientWithReliefProgram, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page
const shots = process.env.PHYSIOPLAN_SCREENSHOTS

beforeAll(async () => {
  page = await app.openTab()
  await page.setViewportSize({ width: 1366, height: 768 })
})

/** A screenshot to look at, when PHYSIOPLAN_SCREENSHOTS names a folder. */
const look = async (name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) })
}

const stale = /^Changed in another window at \d\d:\d\d — reload to see it\.$/

describe('a save someone else overtook', () => {
  it('patient details: refused with Reload, the typed text kept until reloaded', async () => {
    const ida = { fullName: 'Ida Holm', dateOfBirth: '1970-07-07' }
    const patient = await callApi<Patient>(app.host, 'patients:create', ida)
    await page.goto(`${app.host.origin}/patients/${patient.id}`)
    await page.getByRole('button', { name: 'Edit details' }).click()
    await page.getByLabel('Phone').fill('555 0101')
    // meanwhile, in another window
    await callApi(app.host, 'patients:update', {
      ...ida,
      id: patient.id,
      version: patient.version,
      notes: 'Moved to Bergen.'
    })
    await page.getByRole('button', { name: 'Save changes' }).click()
    const notice = page.getByRole('alert').filter({ hasText: 'reload to see it' })
    await notice.waitFor()
    expect((await notice.getByRole('paragraph').first().textContent())?.trim()).toMatch(stale)
    expect(await page.getByLabel('Phone').inputValue()).toBe('555 0101')
    await look('conflict-patient')

    await notice.getByRole('button', { name: 'Reload' }).click()
    await expect.poll(() => page.getByLabel('Notes').inputValue()).toBe('Moved to Bergen.')
    expect(await page.getByLabel('Phone').inputValue()).toBe('')
    expect(await notice.count()).toBe(0)
    // saved from the reloaded version, it lands
    await page.getByLabel('Phone').fill('555 0101')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('555 0101').waitFor()
    const stored = await callApi<Patient>(app.host, 'patients:get', { id: patient.id })
    expect(stored).toMatchObject({ phone: '555 0101', notes: 'Moved to Bergen.', version: 3 })
  })

  it('a draft in the builder: the autosave refused, Reload brings the stored draft', async () => {
    const { versionId } = await patientWithReliefProgram(app.host, {
      fullName: 'Ørjan Ågren',
      dateOfBirth: '1986-08-14'
    })
    await page.goto(`${app.host.origin}/programs/${versionId}`)
    const title = page.locator('#program-title')
    await title.waitFor()
    // another window saves the draft under a new title
    const draft = await callApi<ProgramVersion>(app.host, 'programs:get', { versionId })
    await callApi(app.host, 'programs:save', {
      versionId,
      version: draft.version,
      title: 'Knees (from the other window)',
      goals: draft.goals,
      startDate: draft.startDate,
      reviewDate: draft.reviewDate,
      items: draft.items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose })),
      advice: draft.advice,
      walkRun: draft.walkRun
    })
    await title.fill('Back pain, my title')
    const notice = page.getByRole('alert').filter({ hasText: 'reload to see it' })
    await notice.waitFor()
    expect((await notice.getByRole('paragraph').first().textContent())?.trim()).toMatch(stale)
    expect(await title.inputValue()).toBe('Back pain, my title')
    await look('conflict-draft')

    await notice.getByRole('button', { name: 'Reload' }).click()
    await expect.poll(() => title.inputValue()).toBe('Knees (from the other window)')
    expect(await notice.count()).toBe(0)
    await title.fill('Knees, agreed')
    await page.getByText(/All changes saved/).waitFor()
    const stored = await callApi<ProgramVersion>(app.host, 'programs:get', { versionId })
    expect(stored.title).toBe('Knees, agreed')
  })

  it('clinic details: the form shows what a colleague saved since the app opened, and keeps it', async () => {
    type Details = ClinicSettings & Versioned
    const first = await callApi<Details>(app.host, 'clinic:get', {})
    const mine = await callApi<Details>(app.host, 'clinic:update', {
      ...first,
      clinicName: 'Mine, first'
    })
    // the app opens: its first screen loads the clinic's details
    await page.goto(`${app.host.origin}/`)
    await page.getByRole('link', { name: 'Settings' }).waitFor()
    // meanwhile, a colleague saves theirs
    await callApi(app.host, 'clinic:update', { ...mine, clinicName: 'Colleague, second' })
    await page.getByRole('link', { name: 'Settings' }).click()
    await expect.poll(() => page.getByLabel('Clinic name').inputValue()).toBe('Colleague, second')
    await page.getByLabel('Phone').fill('555 0202')
    await page.getByRole('button', { name: 'Save clinic details' }).click()
    await page.getByText('Saved.').waitFor()
    expect(await callApi<Details>(app.host, 'clinic:get', {})).toMatchObject({
      clinicName: 'Colleague, second',
      phone: '555 0202'
    })
  })
})
