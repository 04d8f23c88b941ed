import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page
const sample = resolve('tests/fixtures/free-exercise-db-sample')

beforeAll(async () => {
  page = await app.openTab()
  // the clinic laptop
  await page.setViewportSize({ width: 1366, height: 768 })
})

const library = () =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click()

/** True once the picture has really loaded, not just been put in the page. */
const loaded = (name: string) =>
  page
    .getByRole('img', { name })
    .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0)

describe('the exercise library', () => {
  it('imports the sample data set with a preview, progress and a report', async () => {
    await library()
    await page.getByRole('link', { name: 'Import exercises…' }).click()
    await page.getByLabel('Folder').fill(sample)
    await page.getByRole('button', { name: 'Check' }).click()
    const preview = page.getByRole('region', { name: 'What the import will do' })
    await preview.waitFor()
    expect(await preview.textContent()).toMatch(
      /37 exercises in the file:\s*35 to add,\s*0 to update,\s*2 to skip/
    )
    // every note the report will make, grouped, before anything is written
    expect(await preview.textContent()).toMatch(/1 record:\s*photo missing, imported without it/)
    expect(await preview.textContent()).toMatch(
      /2 records:\s*likely duplicates of exercises in your library, skipped/
    )
    const duplicates = page.getByRole('region', { name: 'Likely duplicates' })
    expect(await duplicates.textContent()).toMatch(
      /Split Squats anyway\s*\(the built-in “Split squat”\)/
    )
    await duplicates.getByLabel('Import Ankle Circles anyway').check()
    await page.getByRole('button', { name: 'Import 36 exercises' }).click()
    const summary = page.getByRole('region', { name: 'Import summary' })
    await summary.waitFor()
    expect(await summary.textContent()).toMatch(/36 added/)
    expect(await summary.textContent()).toMatch(
      /Wind Sprints: photo Wind_Sprints\/1.jpg is missing/
    )
    expect(await summary.textContent()).toMatch(/1 record:\s*likely duplicates/)
  })

  it('finds an imported exercise with its photo', async () => {
    await library()
    await page.getByLabel('Search exercises').fill('inchworm')
    await page.getByRole('button', { name: /^Inchworm/ }).click()
    await page.getByRole('heading', { name: 'Inchworm' }).waitFor()
    await expect.poll(() => loaded('Inchworm, start position')).toBe(true)
    expect(await loaded('Inchworm, end position')).toBe(true)
  })

  it('creates a custom exercise with a photo', async () => {
    await library()
    await page.getByRole('link', { name: 'New exercise' }).click()
    await page.getByRole('button', { name: 'Save exercise' }).click()
    // both missing at once: each beside its field, and listed above the form
    await page.locator('#name-error', { hasText: 'Give the exercise a name' }).waitFor()
    await page.locator('#steps-error', { hasText: 'Add at least one step' }).waitFor()
    await page.getByLabel('Name', { exact: true }).fill('Wall squat')
    await page
      .getByLabel('Steps, one per line')
      .fill('Stand with your back to a wall.\nSlide down.\nHold, then slide up.')
    await page.getByLabel('Body regions').fill('thighs, knees')
    await page.getByLabel('Sets').fill('3')
    await page.getByLabel('Hold (s)').fill('20')
    await page.getByLabel('Add photos…').setInputFiles(resolve(sample, 'images/Inchworm/0.jpg'))
    await page.getByRole('img', { name: 'Photo photo' }).waitFor()
    await page.getByRole('button', { name: 'Save exercise' }).click()
    await page.getByRole('heading', { name: 'Wall squat' }).waitFor()
    expect(await page.getByText('Hold 20 seconds, 3 times').first().isVisible()).toBe(true)
    await expect.poll(() => loaded('Wall squat')).toBe(true)
  })

  it('duplicates a built-in into an editable copy and marks favourites', async () => {
    await library()
    await page.getByLabel('Search exercises').fill('plank')
    await page.getByRole('button', { name: /^Plank/ }).click()
    await page.getByRole('button', { name: '☆ Favourite' }).click()
    await page.getByRole('button', { name: '★ Favourite' }).waitFor()
    await page.getByRole('button', { name: 'Duplicate' }).click()
    await page.getByRole('heading', { name: 'Edit exercise' }).waitFor()
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Plank (copy)')
    await page.getByLabel('Name', { exact: true }).fill('Side plank')
    await page.getByRole('button', { name: 'Save exercise' }).click()
    await page.getByLabel('Search exercises').fill('')
    await page.getByLabel('Favourites').check()
    await expect
      .poll(() =>
        page.getByRole('list', { name: 'Exercises' }).getByRole('button').allTextContents()
      )
      .toEqual([expect.stringMatching(/^\s*Plank/)])
  })
})
