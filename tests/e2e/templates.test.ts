/**
 * Templates made and changed on the Templates screen with the program
 * builder's own parts (issue 12), at 1366×768.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { callApi, reliefExercises, useBrowserHost } from './host'
import { clippedControls, focused } from './layout'

const app = useBrowserHost()
let page: Page
const dialogs: string[] = []

beforeAll(async () => {
  page = await app.openTab(`${app.host.origin}/templates`)
  page.on('dialog', (dialog) => dialogs.push(dialog.message()))
  await page.setViewportSize({ width: 1366, height: 768 })
})

const rows = () => page.getByRole('region', { name: 'Exercises in this program' }).locator('li')
const names = () => rows().locator('strong').allTextContents()
const card = (name: string) =>
  page.locator('article', { has: page.getByRole('heading', { name, exact: true }) })

async function add(query: string, name: string): Promise<void> {
  await page.getByLabel('Search the library').fill(query)
  await page.getByRole('button', { name: `Add ${name}`, exact: true }).click()
  await expect.poll(names).toContain(name)
}

describe('the Templates screen builds templates', () => {
  it('makes a new template with exercises, doses, phases, a walk–run plan and advice', async () => {
    await page.getByRole('link', { name: 'New template', exact: true }).click()
    await page.getByRole('heading', { name: 'New template' }).waitFor()
    expect(await focused(page)).toBe('h1 New template')

    // a name is required: refused at the boundary, the field marked, nothing saved
    await add('plank', 'Plank')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByText('Give the template a name').first().waitFor()
    expect(await page.getByLabel('Template name').getAttribute('aria-invalid')).toBe('true')

    await page.getByLabel('Template name').fill('Trunk and hips, clinic')
    await page.getByLabel('Description').fill('Our start for runners with back pain.')
    await add('cat', 'Cat-camel')
    const plank = rows().filter({ hasText: 'Plank' })
    await plank.getByLabel('Sets').fill('4')
    await plank.getByLabel('When').selectOption('after')
    await page.getByRole('button', { name: 'Add walk–run plan' }).click()

    const advice = page.getByRole('region', { name: 'Advice' })
    const choice = advice.getByLabel('Advice to add')
    for (const label of ['Heat and cold', 'Pain relief medicine']) {
      await choice.selectOption({ label })
      await advice.getByRole('button', { name: 'Add', exact: true }).click()
    }
    await advice.getByRole('button', { name: 'Move Pain relief medicine up' }).click()
    // a template's advice is the library's own text, not edited here
    expect(await advice.locator('textarea').count()).toBe(0)
    expect(await clippedControls(page, '.builder-main')).toEqual([])

    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByRole('heading', { name: 'Program templates' }).waitFor()
    const saved = card('Trunk and hips, clinic')
    await expect.poll(() => focused(page)).toMatch(/^article /)
    const text = (await saved.textContent())!.replace(/\s+/g, ' ')
    expect(text).toContain('Plank After running (cool-down)— Hold 30 seconds, 4 times')
    expect(text).toContain('Cat-camel')
    expect(text).toContain('Advice: Pain relief medicine, Heat and cold')
    expect(text).toContain('Walk–run plan:')
  })

  it('edits it with the same builder, and asks before leaving unsaved changes', async () => {
    await card('Trunk and hips, clinic').getByRole('link', { name: /^Edit/ }).click()
    await page.getByRole('heading', { name: 'Edit template: Trunk and hips, clinic' }).waitFor()
    expect(await names()).toEqual(['Plank', 'Cat-camel'])
    expect(await rows().first().getByLabel('Sets').inputValue()).toBe('4')
    await rows().first().getByRole('button', { name: 'Remove Plank' }).click()
    await page.getByRole('status').filter({ hasText: 'Removed Plank' }).waitFor()
    await page.keyboard.press('Control+z')
    await expect.poll(names).toEqual(['Plank', 'Cat-camel'])
    await rows().last().getByRole('button', { name: 'Remove Cat-camel' }).click()

    await page.getByRole('link', { name: '← Templates' }).click()
    await expect.poll(() => dialogs.at(-1)).toMatch(/^Leave without saving\?/)
    await page.getByRole('heading', { name: 'Program templates' }).waitFor()
    // left (the dialog was accepted): the template is as it was
    const text = (await card('Trunk and hips, clinic').textContent())!
    expect(text).toContain('Cat-camel')

    await card('Trunk and hips, clinic').getByRole('link', { name: /^Edit/ }).click()
    await rows().last().getByRole('button', { name: 'Remove Cat-camel' }).click()
    await page.getByLabel('Template name').fill('Trunk, clinic')
    const before = dialogs.length
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByRole('heading', { name: 'Program templates' }).waitFor()
    expect(dialogs.length).toBe(before)
    await expect.poll(() => card('Trunk, clinic').locator('li').count()).toBe(1)
  })

  it('copies a built-in template into a new one of the clinic’s own', async () => {
    const relief = card("Runner's low back pain — relief")
    // built-ins can't be edited in place
    expect(await relief.getByRole('link', { name: /^Edit/ }).count()).toBe(0)
    await relief.getByRole('link', { name: /^Copy/ }).click()
    await page.getByRole('heading', { name: 'New template' }).waitFor()
    expect(await page.getByLabel('Template name').inputValue()).toBe(
      "Runner's low back pain — relief (my copy)"
    )
    expect(await names()).toEqual(reliefExercises)
    await add('bird', 'Bird-dog')
    await page.getByRole('button', { name: 'Save template' }).click()
    await page.getByRole('heading', { name: 'Program templates' }).waitFor()
    await expect
      .poll(() => card("Runner's low back pain — relief (my copy)").locator('li').count())
      .toBe(6)
    // the built-in is untouched
    expect(await relief.locator('li').count()).toBe(5)
  })

  it('starts a patient’s program from a template made here', async () => {
    const patient = await callApi<{ id: number }>(app.host, 'patients:create', {
      fullName: 'Şükrü Çağlar',
      dateOfBirth: '1984-03-09'
    })
    await page.goto(`${app.host.origin}/patients/${patient.id}`)
    await page.getByRole('button', { name: 'New program' }).click()
    const template = page.getByRole('combobox', { name: 'Template' })
    const trunk = await template
      .locator('option', { hasText: 'Trunk, clinic' })
      .getAttribute('value')
    await template.selectOption(trunk)
    await page.getByRole('button', { name: 'Create program' }).click()
    await page.getByText('Version 1 · Draft').waitFor()
    expect(await names()).toEqual(['Plank'])
    expect(await rows().first().getByLabel('Sets').inputValue()).toBe('4')
  })

  it('lists every problem of a refused template and moves focus to the first', async () => {
    await page.goto(`${app.host.origin}/templates/new`)
    await page.getByRole('heading', { name: 'New template' }).waitFor()
    await page.getByLabel('Template name').fill('')
    await page.getByLabel('Description').fill('x'.repeat(2001))
    await page.getByRole('button', { name: 'Save template' }).click()

    const notice = page.getByRole('alert')
    await notice.getByText('Nothing was saved: 2 fields need a change.').waitFor()
    expect(await notice.locator('li').allTextContents()).toEqual([
      'Give the template a name',
      'Description is too long (2,000 characters at most)'
    ])
    await expect.poll(() => focused(page)).toBe('input text Template name')
    for (const label of ['Template name', 'Description']) {
      expect(await page.getByLabel(label).getAttribute('aria-invalid')).toBe('true')
    }
    expect(await page.getByLabel('Description').getAttribute('aria-describedby')).toBe(
      'template-description-error'
    )
    expect(await page.locator('#template-description-error').textContent()).toBe(
      'Description is too long (2,000 characters at most)'
    )
  })

  it('fits the template editor at 1280×720', async () => {
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.goto(`${app.host.origin}/templates`)
    await card('Trunk, clinic').getByRole('link', { name: /^Edit/ }).click()
    await page.getByRole('heading', { name: 'Edit template: Trunk, clinic' }).waitFor()
    await page.getByRole('region', { name: 'Advice' }).waitFor()
    expect(await clippedControls(page, '.builder-main')).toEqual([])
    expect(await clippedControls(page, '.picker')).toEqual([])
  })
})
