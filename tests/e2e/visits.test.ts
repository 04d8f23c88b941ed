import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { visitInput } from '../unit/visit-input'
import { callApi, isoDay, shownDate, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page
let patientId: number
const name = 'Hildegard Ønskeby'

beforeAll(async () => {
  patientId = (
    await callApi<{ id: number }>(app.host, 'patients:create', {
      fullName: name,
      dateOfBirth: '1971-04-04'
    })
  ).id
  page = await app.openTab()
})

const goHome = () =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Home/ }).click()
const dueList = (title: string) => page.getByRole('region', { name: title })

async function recordVisit(options: {
  date: string
  type: 'initial' | 'follow-up'
  nprs: number
  odi: number[]
  psfs: number[]
  next: string
  flag?: string
}): Promise<void> {
  await page.getByRole('link', { name: 'Record a visit' }).click()
  await page.getByLabel('Visit date').fill(options.date)
  await page.getByLabel('Type').selectOption(options.type)
  if (options.flag) await page.getByLabel(options.flag).check()
  await page.getByLabel('Pain now').fill(String(options.nprs))
  const sections = page.locator('fieldset', { hasText: 'ODI' }).locator('select')
  for (const [index, score] of options.odi.entries())
    await sections.nth(index).selectOption(String(score))
  for (const [index, rating] of options.psfs.entries()) {
    if (options.type === 'initial')
      await page.getByLabel(`Activity ${index + 1}`).fill(`Activity ${index + 1}`)
    await page.getByLabel(`Rating ${index + 1}`).fill(String(rating))
  }
  await page.getByLabel('Next visit').fill(options.next)
  await page.getByRole('button', { name: 'Save visit' }).click()
  await page.getByRole('heading', { name: 'Visits', exact: true }).waitFor()
}

describe('visits, progress and the dashboard', () => {
  it('records an initial assessment with a red flag and shows the banner', async () => {
    await page.goto(`${app.host.origin}/patients/${patientId}`)
    await recordVisit({
      date: isoDay(-28),
      type: 'initial',
      nprs: 7,
      odi: [4, 2, 3, 2, 3, 2, 2, 1, 3, 2],
      psfs: [3, 4, 2],
      next: isoDay(-14),
      flag: 'Night pain not eased by rest'
    })
    const banner = await page.getByRole('alert').textContent()
    expect(banner).toMatch(/Active red flags\s*Urgent, same day\s*Night pain not eased by rest/)
    expect(banner).toContain('Handouts issued from now on tell the patient to see a doctor today.')
  })

  it('records two follow-ups with improving scores and shows the charts and the sentences', async () => {
    await recordVisit({
      date: isoDay(-14),
      type: 'follow-up',
      nprs: 5,
      odi: [3, 1, 2, 2, 2, 1, 1, 1, 2, 1],
      psfs: [5, 6, 4],
      next: isoDay(-2)
    })
    await recordVisit({
      date: isoDay(-2),
      type: 'follow-up',
      nprs: 3,
      odi: [2, 1, 1, 1, 1, 1, 1, 0, 1, 1],
      psfs: [7, 8, 6],
      next: isoDay(0)
    })
    await page
      .getByText(
        'ODI 48% → 20%: improved 28 points, more than the 10-point threshold (Ostelo 2008).'
      )
      .waitFor()
    expect(
      await page
        .getByText('NPRS 7 → 3: improved 4 points, more than the 2-point threshold (Ostelo 2008).')
        .isVisible()
    ).toBe(true)
    expect(
      await page
        .getByText(
          'PSFS 3 → 7: improved 4 points, more than the 2-point threshold (Stratford 1995).'
        )
        .isVisible()
    ).toBe(true)
    const chart = page.getByRole('img', { name: 'Disability (ODI %) over time' })
    await chart.waitFor()
    // the chart's dates are written as everywhere else in the app, not as ISO dates
    const described = await chart.getAttribute('aria-label')
    expect(described).toContain(`${await shownDate(page, isoDay(-28))}: 48`)
    expect(described).not.toContain(isoDay(-28))
  })

  it('lists the patient as due today, then moves them after a visit', async () => {
    await goHome()
    await dueList('Due today').getByRole('link', { name }).waitFor()
    await dueList('Due today').getByRole('link', { name: 'Start visit' }).click()
    await page.getByLabel('Visit date').fill(isoDay(0))
    await page.getByLabel('Next visit').fill(isoDay(5))
    await page.getByRole('button', { name: 'Save visit' }).click()
    await page.getByRole('heading', { name: 'Visits', exact: true }).waitFor()
    await goHome()
    await dueList('This week').getByRole('link', { name }).waitFor()
    expect(await dueList('Due today').getByRole('link', { name }).count()).toBe(0)
  })

  it('shows the first 20 of a long list, its total, and more on asking', async () => {
    for (let n = 0; n < 24; n++) {
      const { id } = await callApi<{ id: number }>(app.host, 'patients:create', {
        fullName: `Overdue ${String(n).padStart(2, '0')}`,
        dateOfBirth: '1980-01-01'
      })
      await callApi(app.host, 'visits:create', {
        patientId: id,
        ...visitInput({
          visitDate: isoDay(-40),
          visitType: 'initial',
          nextVisitDate: isoDay(-1 - n)
        })
      })
    }
    await page.goto(`${app.host.origin}/`)
    const overdue = dueList('Overdue')
    await overdue.getByText('Showing 20 of 24.').waitFor()
    expect(await overdue.getByRole('listitem').count()).toBe(20)
    // the longest overdue first
    expect(await overdue.getByRole('listitem').first().textContent()).toContain('Overdue 23')
    await overdue.getByRole('button', { name: 'Show more' }).click()
    await expect.poll(() => overdue.getByRole('listitem').count()).toBe(24)
    expect(await overdue.getByText(/Showing/).count()).toBe(0)
  })

  it('refuses a next-visit date typed only in part instead of saving it blank', async () => {
    const visitCount = async () =>
      (await callApi<unknown[]>(app.host, 'visits:list', { patientId })).length
    const before = await visitCount()
    await page.goto(`${app.host.origin}/patients/${patientId}`)
    await page.getByRole('link', { name: 'Record a visit' }).click()
    // the month alone: the browser then holds a date it cannot read and sends ""
    await page.getByLabel('Next visit').focus()
    await page.keyboard.type('11')
    expect(
      await page
        .getByLabel('Next visit')
        .evaluate((input: HTMLInputElement) => input.validity.badInput)
    ).toBe(true)
    await page.getByRole('button', { name: 'Save visit' }).click()
    const message = 'Enter the next visit date in full: day, month and year'
    await page.getByText(message).waitFor()
    expect(await page.getByLabel('Next visit').getAttribute('aria-invalid')).toBe('true')
    expect(await visitCount()).toBe(before)

    await page.getByLabel('Next visit').fill(isoDay(3))
    await page.getByRole('button', { name: 'Save visit' }).click()
    await page.getByRole('heading', { name: 'Visits', exact: true }).waitFor()
    expect(await visitCount()).toBe(before + 1)
  })

  it('exports the patient and then erases them without a trace in the file', async () => {
    await page.goto(`${app.host.origin}/patients/${patientId}`)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export data' }).click()
    ])
    expect(download.suggestedFilename()).toMatch(
      /^Hildegard Ønskeby - PhysioPlan export - .*\.zip$/
    )
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString()
    ).toBe('PK')

    await page.getByRole('button', { name: 'Erase patient…' }).click()
    await page.getByLabel('Full name to confirm').fill(name)
    await page.getByRole('button', { name: 'Erase for good' }).click()
    await page.getByRole('heading', { name: 'Patients' }).waitFor()

    const file = join(app.host.dataDir, 'physioplan.sqlite3')
    const bytes = Buffer.concat(
      [file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path))
    )
    expect(bytes.includes(Buffer.from(name))).toBe(false)
    expect(bytes.includes(Buffer.from('Hildegard'))).toBe(false)
  })
})
