import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { redFlagRules } from '@shared/red-flags'
import { en } from '../../src/main/core/handout/words.en'
import { visitInput } from '../unit/visit-input'
import {
  callApi,
  handoutText,
  isoDay,
  issueProgram,
  patientWithReliefProgram,
  shownDate,
  useBrowserHost
} from './host'

const app = useBrowserHost()
let page: Page
let patientId: number
let programId: number
const saddle = 'Numbness in the saddle area'
/** what the handout prints while the flag is active, beyond the list every handout has */
const foundNow = en.emergencyNow(redFlagRules['saddle-numbness'].patientWords, en.call('112'))

beforeAll(async () => {
  const created = await patientWithReliefProgram(app.host, {
    fullName: 'Saoirse Ní Bhriain',
    dateOfBirth: '1984-02-29'
  })
  patientId = created.patientId
  programId = created.versionId
  // an initial assessment with no flags: the flag comes at a follow-up
  await callApi(app.host, 'visits:create', {
    patientId,
    ...visitInput({ visitDate: isoDay(-21), visitType: 'initial' })
  })
  page = await app.openTab()
})

const banner = () => page.getByRole('alert').filter({ hasText: 'Active red flags' })
const timeline = () => page.locator('ol.timeline')

describe('red flags at every visit', () => {
  it('keeps the emergency number set in Settings', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click()
    await page.getByText(/Printed on handouts for emergencies, e\.g\. 112, 999 or 911/).waitFor()
    await page.getByLabel('Emergency number').fill('112')
    await page.getByRole('button', { name: 'Save clinic details' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor()
    await page.reload()
    await expect.poll(() => page.getByLabel('Emergency number').inputValue()).toBe('112')
  })

  it('raises saddle numbness at a follow-up as an emergency, now', async () => {
    await page.goto(`${app.host.origin}/patients/${patientId}`)
    await page.getByRole('link', { name: 'Record a visit' }).click()
    await page.getByLabel('Visit date').fill(isoDay(-14))
    expect(await page.getByLabel('Type').inputValue()).toBe('follow-up')
    // the urgency shows before ticking, and is part of the box's name
    const flag = page.getByRole('checkbox', {
      name: /^Numbness in the saddle area\s*Emergency, now$/
    })
    await page
      .getByRole('checkbox', { name: /^Night pain not eased by rest\s*Urgent, same day$/ })
      .waitFor()
    await flag.check()
    expect(await page.getByRole('alert').textContent()).toMatch(
      /Emergency, now.*Send the patient to an emergency department now, or call 112\./
    )
    await page.getByRole('button', { name: 'Save visit' }).click()
    await page.getByRole('heading', { name: 'Visits', exact: true }).waitFor()

    const raised = await shownDate(page, isoDay(-14))
    const text = await banner().textContent()
    expect(text).toMatch(new RegExp(`Emergency, now\\s*${saddle}\\s*raised ${raised}`))
    expect(text).toContain(
      'Handouts issued from now on tell the patient to go to an emergency department or call the emergency number now.'
    )
    expect(await timeline().textContent()).toMatch(
      new RegExp(`Red flag raised:\\s*${saddle}\\s*Emergency, now`)
    )
  })

  it('issues a handout that says to go to an emergency department now, with the number', async () => {
    await page.goto(`${app.host.origin}/programs/${programId}`)
    await issueProgram(page, 1)
    const text = await handoutText(page)
    expect(text).toContain(foundNow)
    expect(foundNow).toMatch(/emergency care.*Go to an emergency department or call 112 now\./)
    expect(text).toContain(en.emergencyList('call 112'))
    expect(text).not.toContain('the emergency number')
  })

  it('resolves the flag at a later visit, and the banner goes', async () => {
    await page.goto(`${app.host.origin}/patients/${patientId}`)
    await page.getByRole('link', { name: 'Record a visit' }).click()
    await page.getByLabel('Visit date').fill(isoDay(-7))
    const active = page.locator('li', { hasText: saddle })
    await active.getByText(`Active since ${await shownDate(page, isoDay(-14))}`).waitFor()
    // an active flag is resolved, not ticked again
    expect(
      await page.getByRole('checkbox', { name: /^Numbness in the saddle area\s*Emergency/ }).count()
    ).toBe(0)
    await page.getByRole('checkbox', { name: `${saddle}: Resolved at this visit` }).check()
    await page
      .getByLabel(`Note on resolving ${saddle} (optional)`)
      .fill('Seen in the emergency department: MRI clear')
    await page.getByRole('button', { name: 'Save visit' }).click()
    await page.getByRole('heading', { name: 'Visits', exact: true }).waitFor()

    await timeline().getByText('Red flag resolved:').waitFor()
    const text = await timeline().textContent()
    expect(text).toMatch(new RegExp(`Red flag raised:\\s*${saddle}`))
    expect(text).toMatch(
      new RegExp(`Red flag resolved:\\s*${saddle}\\s*— Seen in the emergency department: MRI clear`)
    )
    // on the patient's page, with the resolution in: no banner
    expect(await banner().count()).toBe(0)
  })

  it('shows a visit’s own resolution when editing it', async () => {
    const resolving = timeline().locator('li', { hasText: 'Red flag resolved' }).first()
    await resolving.getByRole('link', { name: 'Edit' }).click()
    await page.getByRole('heading', { name: 'Edit visit' }).waitFor()
    const box = page.getByRole('checkbox', { name: `${saddle}: Resolved at this visit` })
    expect(await box.isChecked()).toBe(true)
    expect(await page.getByLabel(`Note on resolving ${saddle} (optional)`).inputValue()).toBe(
      'Seen in the emergency department: MRI clear'
    )
    await page.getByRole('button', { name: 'Cancel' }).click()
  })

  it('issues the next handout without the emergency', async () => {
    await page.goto(`${app.host.origin}/programs/${programId}`)
    await page.getByRole('button', { name: /Revise/ }).click()
    await page.getByText('Version 2 · Draft').waitFor()
    await issueProgram(page, 2)
    const text = await handoutText(page)
    expect(text).not.toContain(foundNow)
    expect(text).not.toContain('Your physiotherapist found signs')
    // every handout still lists the signs and where to go
    expect(text).toContain(en.emergencyList('call 112'))
  })
})
