/**
 * A staged program as a physiotherapist builds it: plantar heel pain from its
 * first stage, moved to the next in one step, an exercise swapped for its
 * harder variant in place, a walk–run plan, issued and printed; the
 * library's chain and tag filters.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { callApi, handoutText, issueProgram, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page

const strength = 'Plantar heel pain — high-load strength (Rathleff)'
const returnStage = 'Plantar heel pain — return to running'

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
const saved = () => page.getByText(/^All changes saved/).waitFor()
const templateItems = async (name: string) =>
  (
    await callApi<{ name: string; items: { exerciseName: string }[] }[]>(
      app.host,
      'templates:list',
      {}
    )
  )
    .find((template) => template.name === name)!
    .items.map((item) => item.exerciseName)

describe('a plantar heel pain program', () => {
  it('starts from its first stage and moves to the next in one step', async () => {
    await page.getByRole('button', { name: 'New program' }).click()
    const template = page.getByRole('combobox', { name: 'Template' })
    const value = await template.locator('option', { hasText: strength }).getAttribute('value')
    await template.selectOption(value)
    await page.getByRole('button', { name: 'Create program' }).click()
    await page.getByRole('heading', { name: strength }).waitFor()
    expect(await names()).toEqual(await templateItems(strength))
    await saved()
    await issueProgram(page, 1)
    await page.getByRole('button', { name: `Move to the next stage: ${returnStage}` }).click()
    await page.getByText('Version 2 · Draft').waitFor()
    await page.getByRole('heading', { name: returnStage }).waitFor()
    await expect.poll(names).toEqual(await templateItems(returnStage))
    // the stage brings its walk–run plan
    await expect
      .poll(() => page.getByLabel('Name', { exact: true }).inputValue())
      .toBe('Walk–run: 10 weeks to 30 minutes')
  })

  it('swaps an exercise for its harder variant in place', async () => {
    const before = await names()
    const at = before.indexOf('Heel raise on one leg')
    expect(at).toBeGreaterThan(0)
    await page
      .getByRole('button', {
        name: 'Harder: Heel raise off a step (swaps out Heel raise on one leg)'
      })
      .click()
    const after = before.map((name, index) => (index === at ? 'Heel raise off a step' : name))
    await expect.poll(names).toEqual(after)
    // the swapped-in exercise offers the way back down
    await page
      .getByRole('button', {
        name: 'Easier: Heel raise on one leg (swaps out Heel raise off a step)'
      })
      .waitFor()
    await saved()
  })

  it('takes another walk–run plan, issues and prints the plan with its rule', async () => {
    await page.getByRole('button', { name: 'Remove plan' }).click()
    await page.getByRole('combobox', { name: 'Walk–run plan' }).selectOption('walk-run-4-quick')
    await page.getByRole('button', { name: 'Add walk–run plan' }).click()
    await page.getByLabel('Week 1: Sessions a week').fill('2')
    await expect
      .poll(() => page.getByRole('table').first().textContent())
      .toContain('Run 3 minutes, walk 1 minute, 5 times')
    await saved()
    await issueProgram(page, 2)
    const text = flat(await handoutText(page))
    expect(text).toContain('3. Heel raise off a step')
    expect(text).toContain(
      'Too hard? Try “Heel raise on one leg” instead, and tell your physiotherapist.'
    )
    expect(text).toContain('Your return to running Walk–run, short: 6 weeks to 30 minutes')
    expect(text).toContain('1 Run 3 minutes, walk 1 minute, 5 times')
    expect(text).toContain('6 Run 30 minutes without stopping')
    expect(text).toContain(
      'When to move on Move on to the next week once you have done its sessions, and only if pain during running stays at 3 out of 10 or less and is back to its usual level by the next morning.'
    )
    expect(text).toContain(
      'Your first steps in the morning should be no more painful than they were the week before.'
    )
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
    await expect
      .poll(() => chain.textContent())
      .toMatch(/Pelvic tilt\s*→\s*Glute bridge\s*→\s*Single-leg bridge/)
    await chain.getByRole('button', { name: 'Pelvic tilt' }).click()
    await page.getByRole('heading', { name: 'Pelvic tilt' }).waitFor()
    await page.getByLabel('Search exercises').fill('')
    await page.getByRole('combobox', { name: 'Condition' }).selectOption('Low back pain')
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('return')
    await page.getByRole('combobox', { name: 'Movement' }).selectOption('isometric')
    await expect
      .poll(() =>
        page.getByRole('list', { name: 'Exercises' }).getByRole('button').allTextContents()
      )
      .toEqual([expect.stringMatching(/^Plank/)])
  })
})
