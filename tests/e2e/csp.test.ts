/**
 * The CSP has no style-src 'unsafe-inline': every screen, the progress
 * charts and the handout preview must work without one CSP violation.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../src/main/hosting/csp'
import { visitInput } from '../unit/visit-input'
import { callApi, useBrowserHost } from './host'

const app = useBrowserHost()
let page: Page
const violations: string[] = []
let patientId = 0
let versionId = 0

beforeAll(async () => {
  const patient = await callApi<{ id: number }>(app.host, 'patients:create', {
    fullName: 'Strict Styles',
    dateOfBirth: '1980-05-05'
  })
  patientId = patient.id
  const [template] = await callApi<{ id: number }[]>(app.host, 'templates:list', {})
  const draft = await callApi<{ id: number }>(app.host, 'programs:create', {
    patientId,
    source: { kind: 'template', templateId: template!.id }
  })
  versionId = draft.id
  for (const [visitDate, now] of [
    ['2026-01-05', 7],
    ['2026-01-19', 4],
    ['2026-02-02', 2]
  ] as const) {
    await callApi(app.host, 'visits:create', {
      patientId,
      ...visitInput({
        visitDate,
        visitType: visitDate === '2026-01-05' ? 'initial' : 'follow-up',
        outcomes: {
          nprs: { now, worst24h: now + 1, afterRunning: now },
          odi: Array<number>(10).fill(now >> 1),
          rmdq: now * 2,
          psfs: []
        }
      })
    })
  }
  page = await app.openTab()
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
})

async function visit(path: string, ready: () => Promise<unknown>): Promise<void> {
  await page.goto(`${app.host.origin}${path}`)
  await ready()
}

describe('the strict CSP', () => {
  it('is served without unsafe-inline, in the header and the page’s meta tag', async () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline/)
    const response = await fetch(`${app.host.origin}/`)
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy)
    // the built page's meta tag, as the unit test checks the source
    expect(await response.text()).toContain(`content="${metaContentSecurityPolicy}"`)
  })

  it('breaks no screen: lists, forms, charts and the handout preview', async () => {
    await visit('/', () => page.getByRole('heading', { level: 1 }).first().waitFor())
    await visit('/patients', () => page.getByText('Strict Styles').waitFor())
    await visit(`/patients/${patientId}`, () => page.locator('canvas').first().waitFor())
    await visit(`/patients/${patientId}/visits/new`, () => page.locator('form').first().waitFor())
    await visit(`/programs/${versionId}`, async () => {
      await page.getByRole('tab', { name: 'Preview handout' }).click()
      await page.getByRole('img', { name: /^Handout page 1 of \d+$/ }).waitFor()
    })
    await visit('/library', () => page.getByRole('heading', { name: 'Exercise library' }).waitFor())
    await visit('/library/new', () => page.locator('form').first().waitFor())
    await visit('/templates', () => page.getByRole('heading', { level: 1 }).waitFor())
    await visit('/settings', () => page.getByRole('heading', { name: 'Backups' }).waitFor())
    // the bound styles really apply: the chart's canvas has its laid-out size
    await visit(`/patients/${patientId}`, () => page.locator('canvas').first().waitFor())
    const box = await page.locator('canvas').first().boundingBox()
    expect(box?.width).toBeGreaterThan(100)
    expect(violations).toEqual([])
  })
})
