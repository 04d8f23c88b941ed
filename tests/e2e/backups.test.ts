import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { callApi, makeDataDir, startHost, useBrowserHost } from './host'

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

  const spoiled: [string, (file: string) => void, RegExp][] = [
    ['damaged', (file) => writeFileSync(file, 'not a database any more'), /can’t be read/],
    ['missing', (file) => rmSync(file), /is missing, but there are backups/],
    ['empty', (file) => writeFileSync(file, ''), /is empty, but there are backups/]
  ]
  it.each(spoiled)(
    'a %s data file: the host refuses it, and --restore-newest-backup brings the newest good one back',
    async (_state, spoil, refusal) => {
      const data = makeDataDir()
      const first = await startHost(data.dataDir)
      await callApi(first, 'patients:create', { fullName: 'Kept Karin', dateOfBirth: '1977-07-07' })
      const { jobId } = await callApi<{ jobId: string }>(first, 'backups:start', { saveAs: false })
      await expect
        .poll(
          async () => (await callApi<{ state: string }>(first, 'jobs:progress', { jobId })).state
        )
        .toBe('done')
      await first.stop()
      const file = join(data.dataDir, 'physioplan.sqlite3')
      spoil(file)
      rmSync(`${file}-wal`, { force: true })
      rmSync(`${file}-shm`, { force: true })

      await expect(startHost(data.dataDir)).rejects.toThrow(
        new RegExp(`${refusal.source}[\\s\\S]*--restore-newest-backup`)
      )
      const recovered = await startHost(data.dataDir, ['--restore-newest-backup'])
      const patients = await callApi<{ fullName: string }[]>(recovered, 'patients:list', {})
      expect(patients.map((patient) => patient.fullName)).toEqual(['Kept Karin'])
      await recovered.stop()
      data.remove()
    }
  )
})
