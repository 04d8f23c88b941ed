/**
 * A staged program as a physiotherapist builds it: from a staged template,
 * an exercise swapped for its harder variant in place, a walk–run plan,
 * issued and printed; then the next stage in one step; the library's chain.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { callApi, handoutText, issueProgram, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page

/** The staged template, the exercise swapped and what it becomes. */
const staged = {
  template: "Runner's low back pain — relief",
  next: "Runner's low back pain — core strengthening",
  swapped: 'Pelvic tilt',
  harder: 'Glute bridge'
}

beforeAll(async () => {
  const patient = await callApi<{ id: number }>(app.host, 'patients:create', {
    fullName: 'Zoë Łukasiewicz',
    dateOfBirth: '1988-02-14'
  })
  page = await app.openTab(`${app.host.origin}/patients/${patient.id}`)
})

const names = () =>
  page
    .getByRole('region', { name: 'Exercises in this program' })
    .locator('li strong')
    .allTextContents()
const flat = (text: string) => text.replace(/\s+/g, ' ')

describe('a staged program', () => {
  let before: string[] = []

  it('starts from a staged template and swaps an exercise for its harder variant in place', async () => {
    await page.getByRole('button', { name: 'New program' }).click()
    const template = page.getByRole('combobox', { name: 'Template' })
    const value = await template
      .locator('option', { hasText: staged.template })
      .getAttribute('value')
    await template.selectOption(value)
    await page.getByRole('button', { name: 'Create program' }).click()
    await page.getByRole('heading', { name: staged.template }).waitFor()
    before = await names()
    const at = before.indexOf(staged.swapped)
    expect(at).toBeGreaterThan(0)
    await page
      .getByRole('button', { name: `Harder: swap ${staged.swapped} for ${staged.harder}` })
      .click()
    const after = before.map((name, index) => (index === at ? staged.harder : name))
    await expect.poll(names).toEqual(after)
    // and back down: the harder one names its easier variant
    await expect
      .poll(() => page.getByRole('button', { name: /^Easier: swap Glute bridge/ }).count())
      .toBe(1)
    await page.getByText(/^All changes saved/).waitFor()
  })

  it('adds a walk–run plan, issues the program and prints both', async () => {
    await page.getByRole('combobox', { name: 'Walk–run plan' }).selectOption('walk-run-8')
    await page.getByRole('button', { name: 'Add walk–run plan' }).click()
    await page.getByLabel('Week 1: Sessions a week').fill('2')
    await expect
      .poll(() => page.getByRole('table').first().textContent())
      .toContain('Run 1 minute, walk 2 minutes, 6 times')
    await page.getByText(/^All changes saved/).waitFor()
    await issueProgram(page, 1)
    const text = flat(await handoutText(page))
    expect(text).toContain(`4. ${staged.harder}`)
    expect(text).toContain('Too hard? Try Pelvic tilt instead, and tell your physiotherapist.')
    expect(text).toContain('Your return to running Walk–run: 8 weeks to 30 minutes')
    expect(text).toContain('1 Run 1 minute, walk 2 minutes, 6 times')
    expect(text).toContain('8 Run 30 minutes without stopping')
    expect(text).toContain(
      'When to move on Move on to the next week only if pain during running stays at 3 out of 10 or less'
    )
  })

  it('moves the patient to the next stage in one step', async () => {
    await page.getByRole('button', { name: `Move to the next stage: ${staged.next}` }).click()
    await page.getByText('Version 2 · Draft').waitFor()
    await page.getByRole('heading', { name: staged.next }).waitFor()
    const core = await callApi<{ name: string; items: { exerciseName: string }[] }[]>(
      app.host,
      'templates:list',
      {}
    )
    const next = core.find((template) => template.name === staged.next)!
    await expect.poll(names).toEqual(next.items.map((item) => item.exerciseName))
    // the plan the patient is on stays, as this stage brings none
    await expect.poll(() => page.getByLabel('Week 1: Sessions a week').inputValue()).toBe('2')
  })
})

describe('the library', () => {
  it('shows the progression chain and filters by tags', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Library' })
      .click()
    await page.getByLabel('Search exercises').fill('glute bridge')
    await page.getByRole('button', { name: /^Glute bridge/ }).click()
    const chain = page.getByRole('navigation', { name: 'Progression: easier to harder' })
    await expect.poll(() => chain.textContent()).toMatch(/Pelvic tilt\s*→\s*Glute bridge/)
    await chain.getByRole('button', { name: 'Pelvic tilt' }).click()
    await page.getByRole('heading', { name: 'Pelvic tilt' }).waitFor()
    await page.getByLabel('Search exercises').fill('')
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('return')
    await page.getByRole('combobox', { name: 'Movement' }).selectOption('isometric')
    await expect
      .poll(() =>
        page.getByRole('list', { name: 'Exercises' }).getByRole('button').allTextContents()
      )
      .toEqual([expect.stringMatching(/^Plank/)])
  })
})
