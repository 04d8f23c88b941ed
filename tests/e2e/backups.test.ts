import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { callApi, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page

beforeAll(async () => {
  page = await app.openTab(`${app.host.origin}/settings`)
})

describe('backups in the browser host', () => {
  it('backs up, and a restore takes the data back, keeping a safety copy', async () => {
    await page.getByRole('button', { name: 'Back up now' }).click()
    await page.getByText('Backed up and checked.').waitFor()

    await callApi(app.host, 'patients:create', {
      fullName: 'Restorable Rita',
      dateOfBirth: '1966-06-06'
    })
    expect(await callApi<unknown[]>(app.host, 'patients:list', { query: 'Rita' })).toHaveLength(1)

    const newest = page.getByRole('table').getByRole('row').nth(1)
    await newest.getByRole('button', { name: 'Check' }).click()
    await page.getByText(/intact; 0 patients/).waitFor()
    await newest.getByRole('button', { name: 'Restore…' }).click()
    const restored = page.getByText(/^Restored\. The data from before is kept at /)
    await restored.waitFor()

    expect(await callApi<unknown[]>(app.host, 'patients:list', { query: 'Rita' })).toEqual([])
    const safetyCopy = (await restored.textContent())!
      .replace(/^Restored\. The data from before is kept at /, '')
      .replace(/\.$/, '')
    const safety = new Database(safetyCopy, { readonly: true })
    expect(safety.prepare('SELECT full_name FROM patients').pluck().all()).toEqual([
      'Restorable Rita'
    ])
    safety.close()
  })
})
