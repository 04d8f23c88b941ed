/**
 * A clinic's first day at 1366×768: the clinic's details asked before the
 * first handout, a library larger than one page, names with letters Unicode
 * doesn't decompose, several photos chosen at once, counts in words.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AnyJobStatus } from '../../src/shared/types'
import { callApi, handoutText, patientWithReliefProgram, useBrowserHost } from './host'

const app = useBrowserHost({ firstDay: true })
let page: Page
const sample = resolve('tests/fixtures/free-exercise-db-sample')
const shots = process.env.PHYSIOPLAN_SCREENSHOTS

beforeAll(async () => {
  page = await app.openTab()
  await page.setViewportSize({ width: 1366, height: 768 })
})

/** A screenshot to look at, when PHYSIOPLAN_SCREENSHOTS names a folder. */
const look = async (name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) })
}

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click()

describe('the first day', () => {
  it('asks for the clinic details before the first handout, then never again', async () => {
    const { versionId } = await patientWithReliefProgram(app.host, {
      fullName: 'Ærøe Straße',
      dateOfBirth: '1980-05-01'
    })
    // one patient: the count says so in the singular
    await page.goto(`${app.host.origin}/`)
    await page.getByRole('link', { name: /^1\s*active patient$/ }).waitFor()

    await page.goto(`${app.host.origin}/programs/${versionId}`)
    await page.getByRole('button', { name: 'Issue program' }).click()
    const dialog = page.getByRole('dialog', { name: 'Your clinic on the handout' })
    await dialog.waitFor()
    await look('first-day-clinic-details')
    // Escape goes back: nothing issued, asked again next time
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    await page.getByText('Version 1 · Draft').waitFor()
    await page.getByRole('button', { name: 'Issue program' }).click()
    await dialog.getByLabel('Clinic name').fill('Fysio Ørjan')
    await dialog.getByLabel('Phone').fill('+47 22 33 44 55')
    await dialog.getByLabel('Therapist name').fill('Zoë Łukasiewicz')
    await dialog.getByRole('button', { name: 'Save and issue' }).click()
    await page.getByText('Version 1 · Issued').waitFor()
    const text = await handoutText(page)
    expect(text).toContain('Fysio Ørjan')
    expect(text).toContain('+47 22 33 44 55')

    await page.getByRole('button', { name: /Revise/ }).click()
    await page.getByText('Version 2 · Draft').waitFor()
    await page.getByRole('button', { name: 'Issue program' }).click()
    await page.getByText('Version 2 · Issued').waitFor()
    expect(await dialog.count()).toBe(0)
    // Settings shows what was entered
    await nav('Settings')
    expect(await page.getByLabel('Therapist name').inputValue()).toBe('Zoë Łukasiewicz')
  })

  it('finds patients by letters Unicode does not decompose', async () => {
    for (const fullName of ['Zoë Łukasiewicz', 'Ørjan Ågren', 'Đorđe Þórðarson'])
      await callApi(app.host, 'patients:create', { fullName, dateOfBirth: '1990-01-01' })
    await nav('Patients')
    const search = page.getByLabel('Search patients')
    const found = page.getByRole('table').getByRole('link')
    for (const [typed, name] of [
      ['lukas', 'Zoë Łukasiewicz'],
      ['orjan', 'Ørjan Ågren'],
      ['aeroe', 'Ærøe Straße'],
      ['strasse', 'Ærøe Straße'],
      ['thordar', 'Đorđe Þórðarson'],
      ['zoe', 'Zoë Łukasiewicz']
    ] as const) {
      await search.fill(typed)
      await expect.poll(() => found.allTextContents()).toEqual([name])
    }
    await look('patients-folded-search')
  })

  it('pages through a library larger than 200, with the total, search and filters', async () => {
    const folder = join(app.host.dataDir, 'generated-import')
    mkdirSync(join(folder, 'images'), { recursive: true })
    const records = Array.from({ length: 250 }, (_, n) => ({
      id: `Generated_${n}`,
      name: `Zz generated ${String(n).padStart(3, '0')}`,
      instructions: [n % 2 ? 'Lie on your back.' : 'Stand tall.'],
      category: 'strength',
      level: 'beginner',
      primaryMuscles: ['quadriceps'],
      images: []
    }))
    writeFileSync(join(folder, 'exercises.json'), JSON.stringify(records))
    const { jobId } = await callApi<{ jobId: string }>(app.host, 'import:start', { folder })
    await expect
      .poll(async () => (await callApi<AnyJobStatus>(app.host, 'jobs:progress', { jobId })).state, {
        timeout: 20_000
      })
      .toBe('done')

    await nav('Library')
    const list = page.getByRole('list', { name: 'Exercises' })
    const count = page.locator('.count')
    await expect.poll(() => count.textContent()).toMatch(/^\s*1–200 of 331 exercises\s*$/)
    expect(await list.getByRole('button').count()).toBe(200)
    await look('library-page-1')
    const pager = page.getByRole('navigation', { name: 'Library pages' })
    await pager.getByRole('button', { name: 'Next →' }).click()
    await expect.poll(() => count.textContent()).toMatch(/201–331 of 331 exercises/)
    await list.getByRole('button', { name: /^Zz generated 249/ }).waitFor()
    expect(await list.getByRole('button').count()).toBe(131)
    expect(await pager.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true)

    // a search starts again at its first page, with its own total
    await page.getByLabel('Search exercises').fill('generated')
    await expect.poll(() => count.textContent()).toMatch(/1–200 of 250 exercises/)
    await pager.getByRole('button', { name: 'Next →' }).click()
    await list.getByRole('button', { name: /^Zz generated 249/ }).waitFor()
    // a filter narrows it under one page: no pager, the plain count
    await page.getByLabel('Position').selectOption('lying on back')
    await expect.poll(() => count.textContent()).toMatch(/^\s*125 exercises\s*$/)
    expect(await pager.count()).toBe(0)
  })

  it('keeps every photo chosen at once, up to four, and names the one not taken', async () => {
    await nav('Library')
    await page.getByRole('link', { name: 'New exercise' }).click()
    await page
      .getByLabel('Add photos…')
      .setInputFiles(
        ['Inchworm/0.jpg', 'Inchworm/1.jpg', 'Sit-Up/0.jpg', 'Sit-Up/1.jpg', 'Cocoons/0.jpg'].map(
          (file) => join(sample, 'images', file)
        )
      )
    await expect.poll(() => page.locator('.photos figure img').count()).toBe(4)
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(
      /This photo was not taken:\s*0\.jpg: 4 photos at most/
    )
    await look('photos-chosen-at-once')
  })
})
