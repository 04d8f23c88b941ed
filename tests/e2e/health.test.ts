import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordCleanClose } from '../../src/main/core/db/health'
import { damageLeafPage } from '../unit/damage'
import { callApi, useBrowserHost } from './host'

const app = useBrowserHost()

describe('a data file the background check finds damaged', () => {
  it('shows the banner on every screen, and a save is refused with it', async () => {
    const file = join(app.host.dataDir, 'physioplan.sqlite3')
    // a page gone bad on disk after a clean close: size and times don't show it, the
    // host opens without checking first
    await app.restart(() => {
      damageLeafPage(file)
      recordCleanClose(file)
    })
    const page = await app.openTab(`${app.host.origin}/patients/new`)
    // above every screen, before the screen's own content
    const banner = page.locator('#content > [role="alert"]').filter({ hasText: 'is damaged' })
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(
      /Nothing more is saved.*start it again: it offers to restore the newest good backup/
    )
    await page.getByLabel('Full name').fill('Not Saved')
    await page.getByLabel('Date of birth').fill('1990-12-01')
    await page.getByRole('button', { name: 'Add patient' }).click()
    await expect.poll(() => page.getByRole('alert').count()).toBe(2)
    expect(page.url()).toMatch(/\/patients\/new$/)
    await page.getByRole('link', { name: 'Home' }).click()
    await banner.waitFor()
    expect(await callApi(app.host, 'app:health', {})).toMatchObject({ state: 'damaged' })
  })
})
