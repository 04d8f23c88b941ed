/** Measures chosen per patient: the visit form shows those, and LEFS change is judged on the page. */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { callApi, isoDay, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page
let patientId: number

beforeAll(async () => {
  patientId = (
    await callApi<{ id: number }>(app.host, 'patients:create', {
      fullName: 'Ingrid Løvås',
      dateOfBirth: '1990-09-09',
      condition: 'Patellofemoral pain'
    })
  ).id
  page = await app.openTab()
})

const lefsSelects = () => page.locator('fieldset', { hasText: 'LEFS' }).locator('select')

async function recordLefsVisit(date: string, scores: number[], weeklyKm: number): Promise<void> {
  await page.getByRole('link', { name: 'Record a visit' }).click()
  await page.getByLabel('Visit date').fill(date)
  for (const [index, score] of scores.entries())
    await lefsSelects().nth(index).selectOption(String(score))
  await page.getByLabel('Weekly distance (km)').fill(String(weeklyKm))
  await page.getByLabel('Pain during running (0–10)').fill('3')
  await page.getByRole('button', { name: 'Save visit' }).click()
  await page.getByRole('heading', { name: 'Visits', exact: true }).waitFor()
}

describe('measures chosen per patient', () => {
  it('shows the four measures patients had so far until others are chosen', async () => {
    await page.goto(`${app.host.origin}/patients/${patientId}`)
    const measures = page.getByRole('region', { name: 'Measures' })
    expect(await measures.textContent()).toContain(
      'NPRS — back pain · Oswestry Disability Index (ODI) · Roland-Morris Disability Questionnaire (RMDQ) · Patient-Specific Functional Scale (PSFS)'
    )
    await page.getByRole('button', { name: 'Choose measures' }).click()
    await page.getByLabel('Oswestry Disability Index (ODI)').uncheck()
    await page.getByLabel('Roland-Morris Disability Questionnaire (RMDQ)').uncheck()
    await page.getByLabel('Patient-Specific Functional Scale (PSFS)').uncheck()
    await page.getByLabel('Lower Extremity Functional Scale (LEFS)').check()
    await page.getByLabel('Running load and pain during running').check()
    await page.getByRole('button', { name: 'Save measures' }).click()
    await measures
      .getByText(
        'NPRS — back pain · Lower Extremity Functional Scale (LEFS) · Running load and pain during running'
      )
      .waitFor()
  })

  it('shows only the chosen measures on the visit form, LEFS by item name only', async () => {
    await page.getByRole('link', { name: 'Record a visit' }).click()
    await page.getByLabel('Pain now').waitFor()
    expect(await lefsSelects().count()).toBe(20)
    expect(await page.getByLabel('LEFS item 1. Usual work').count()).toBe(1)
    expect(await page.getByLabel('Weekly distance (km)').count()).toBe(1)
    expect(await page.locator('fieldset', { hasText: 'ODI' }).count()).toBe(0)
    expect(await page.getByLabel(/RMDQ/).count()).toBe(0)
    expect(await page.getByLabel('Activity 1').count()).toBe(0)
    expect(await page.getByText('VISA-A').count()).toBe(0)
    // a partly filled LEFS says it is not scored yet
    await lefsSelects().nth(0).selectOption('3')
    await page.getByText('1 of 20 answered: the LEFS is scored when all 20 are.').waitFor()
    await page.getByRole('button', { name: 'Cancel' }).click()
  })

  it('records LEFS at two visits and judges the change against its threshold and source', async () => {
    await recordLefsVisit(isoDay(-21), Array<number>(20).fill(2), 10)
    await recordLefsVisit(
      isoDay(-1),
      [...Array<number>(12).fill(3), ...Array<number>(8).fill(2)],
      18.5
    )
    await page
      .getByText(
        'LEFS 40 → 52: improved 12 points, more than the 9-point threshold (Binkley 1999).'
      )
      .waitFor()
    await page.getByText('Weekly distance 10 km → 18.5 km.').waitFor()
    await page.getByRole('img', { name: 'Function (LEFS) over time' }).waitFor()
    await page.getByRole('img', { name: 'Running load (km a week) over time' }).waitFor()
    expect(await page.getByText(/LEFS 52 · 18\.5 km a week · running pain 3/).count()).toBe(1)
  })

  it('edits a visit with what it recorded, including a measure no longer chosen', async () => {
    await page.getByRole('button', { name: 'Choose measures' }).click()
    await page.getByLabel('Running load and pain during running').uncheck()
    await page.getByRole('button', { name: 'Save measures' }).click()
    await page.getByRole('button', { name: 'Choose measures' }).waitFor()
    await page.getByRole('link', { name: 'Edit' }).first().click()
    await page.getByRole('heading', { name: 'Edit visit' }).waitFor()
    expect(await lefsSelects().nth(0).inputValue()).toBe('3')
    expect(await page.getByText('LEFS 52 of 80').count()).toBe(1)
    expect(await page.getByLabel('Weekly distance (km)').inputValue()).toBe('18.5')
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('heading', { name: 'Visits', exact: true }).waitFor()
  })
})
