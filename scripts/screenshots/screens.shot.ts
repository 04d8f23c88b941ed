/**
 * `npm run screenshots`: every screen at 1366×768 on a browser host filled
 * with demo data (patients, a patient with visits and charts, an issued and
 * revised program, the sample import with its photos), written to
 * .screenshots/ to be looked at, and the README's images refreshed in docs/.
 * Run it after a change a person would see; the docs/ PNGs are committed.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, it } from 'vitest'
import { blankOutcomes } from '@shared/outcomes'
import type { ProgramVersion } from '@shared/types'
import { buildHandout } from '../../src/main/core/handout/document'
import { renderPdf } from '../../src/main/core/handout/render'
import { callApi, isoDay, patientWithReliefProgram, useBrowserHost } from '../../tests/e2e/host'
import { visitInput } from '../../tests/unit/visit-input'
import {
  assetsOf,
  referenceHandout,
  referenceOptions,
  resourcesDir
} from '../bench/reference-handout'

const shots = resolve('.screenshots')
const docs = resolve('docs')
/** the free-exercise-db sample the import tests use, or another folder of that format */
const importFolder = resolve(
  process.env.PHYSIOPLAN_SAMPLE ?? 'tests/fixtures/free-exercise-db-sample'
)

const app = useBrowserHost()
let page: Page
let patientId: number
let versionId: number

/** A visit with pain (0–10), ODI section scores and the patient's own activities. */
const visit = (days: number, pain: number, odi: number, psfs: number) =>
  visitInput({
    visitDate: isoDay(days),
    visitType: days === -42 ? 'initial' : 'follow-up',
    nextVisitDate: days === -3 ? isoDay(2) : null,
    outcomes: {
      ...blankOutcomes(),
      nprs: { now: pain, worst24h: Math.min(10, pain + 2), afterRunning: pain + 1 },
      odi: blankOutcomes().odi.map((_, index) => (index < 6 ? odi : odi - 1 < 0 ? 0 : odi - 1)),
      psfs: [
        { activity: 'Running 5 km', rating: psfs },
        { activity: 'Sitting through a meeting', rating: Math.min(10, psfs + 2) },
        { activity: 'Lifting my daughter', rating: Math.min(10, psfs + 1) }
      ]
    }
  })

beforeAll(async () => {
  mkdirSync(shots, { recursive: true })
  await callApi(app.host, 'clinic:update', {
    clinicName: 'Fjord Physiotherapy',
    address: 'Storgata 1\n0155 Oslo',
    phone: '+47 22 00 00 00',
    email: 'post@fjord.example',
    therapistName: 'Zoë Łukasiewicz',
    emergencyNumber: '112',
    logoDataUrl: null,
    version: 0
  })
  for (const [fullName, dateOfBirth, condition] of [
    ['Maren Holt', '1991-06-02', 'Achilles tendinopathy, mid-portion'],
    ['Jonas Berg', '1978-11-20', 'Patellofemoral pain'],
    ['Şükrü Çağlar', '1984-03-09', 'Hamstring strain, grade 1'],
    ['Zoë Okafor', '2001-01-15', 'Medial tibial stress syndrome']
  ] as const)
    await callApi(app.host, 'patients:create', { fullName, dateOfBirth, condition })
  const orjan = {
    fullName: 'Ørjan Ågren',
    dateOfBirth: '1986-08-14',
    condition: 'Low back pain after running'
  }
  ;({ patientId, versionId } = await patientWithReliefProgram(app.host, orjan))
  for (const [days, pain, odi, psfs] of [
    [-42, 7, 3, 2],
    [-28, 5, 2, 4],
    [-14, 3, 2, 6],
    [-3, 2, 1, 8]
  ] as const)
    await callApi(app.host, 'visits:create', { patientId, ...visit(days, pain, odi, psfs) })
  // one patient overdue, so Home shows each of its lists
  const [maren] = await callApi<{ id: number }[]>(app.host, 'patients:list', { query: 'Maren' })
  await callApi(app.host, 'visits:create', {
    patientId: maren!.id,
    ...visitInput({ visitDate: isoDay(-16), visitType: 'initial', nextVisitDate: isoDay(-2) })
  })
  page = await app.openTab()
  await page.setViewportSize({ width: 1366, height: 768 })
})

/** Issues version 1, then revises it: Pelvic tilt out, Cat-camel up to 15 repetitions. */
async function reviseThroughApi(): Promise<void> {
  // the builder may have saved the draft since it was made: issue the version it is at now
  const { version } = await callApi<ProgramVersion>(app.host, 'programs:get', { versionId })
  await callApi(app.host, 'programs:issue', { versionId, version, confirmIncompleteDoses: true })
  const next = await callApi<ProgramVersion>(app.host, 'programs:revise', { versionId })
  await callApi(app.host, 'programs:save', {
    versionId: next.id,
    version: next.version,
    title: next.title,
    goals: next.goals,
    startDate: next.startDate,
    reviewDate: next.reviewDate,
    items: next.items
      .filter((item) => item.exerciseName !== 'Pelvic tilt')
      .map(({ exerciseId, phase, dose, exerciseName }) => ({
        exerciseId,
        phase,
        dose: exerciseName === 'Cat-camel' ? { ...dose, reps: 15 } : dose
      })),
    advice: next.advice,
    walkRun: next.walkRun
  })
}

/** The viewport as it is now, to .screenshots/<name>.png and, when `doc`, to docs/. */
async function shot(name: string, doc = false): Promise<void> {
  // no caret blinking or hover left over from the last click
  await page.mouse.move(0, 0)
  await page.waitForTimeout(300)
  const file = join(shots, `${name}.png`)
  await page.screenshot({ path: file, caret: 'hide', animations: 'disabled' })
  if (doc) copyFileSync(file, join(docs, `${name}.png`))
}

async function open(path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${app.host.origin}${path}`)
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
}

it('shoots every screen at 1366×768', async () => {
  await open('/library/import', 'Import exercises')
  await page.getByLabel('Folder').fill(importFolder)
  await page.getByRole('button', { name: 'Check' }).click()
  await page.getByRole('region', { name: 'What the import will do' }).waitFor()
  await shot('import')
  await page.getByRole('button', { name: /^Import \d+ exercises/ }).click()
  await page.getByRole('region', { name: 'Import summary' }).waitFor({ timeout: 60_000 })

  await open('/library', 'Exercise library')
  await page.getByLabel('Search exercises').fill('stretch')
  await page.waitForTimeout(500)
  await page
    .getByRole('button', { name: /^Hamstring Stretch/ })
    .first()
    .click()
  await page.getByRole('heading', { name: 'Hamstring Stretch' }).waitFor()
  await page.waitForFunction(() =>
    Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0)
  )
  await shot('library', true)

  await open(`/programs/${versionId}`, /relief/)
  await page.getByLabel('Search the library').fill('bridge')
  await page.waitForTimeout(500)
  await shot('builder', true)
  await page.getByRole('tab', { name: 'Preview handout' }).click()
  await page.locator('canvas').first().waitFor()
  await page.waitForTimeout(1500)
  await shot('builder-preview')

  await reviseThroughApi()

  await open(`/patients/${patientId}`, 'Ørjan Ågren')
  await page.locator('canvas').first().waitFor()
  await shot('patient')
  await page.getByRole('button', { name: 'Compare' }).click()
  const diff = page.getByRole('region', { name: 'Differences between versions' })
  await diff.waitFor()
  await diff.scrollIntoViewIfNeeded()
  await shot('compare', true)
  await page
    .getByRole('heading', { name: 'Progress' })
    .evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
  await shot('progress', true)

  await open('/', /\w/)
  await shot('home')
  await open('/patients', 'Patients')
  await page.getByText('Ørjan Ågren').first().waitFor()
  await shot('patients', true)
  await open(`/patients/${patientId}/visits/new`, 'Record a visit')
  await shot('visit-form')
  await open('/templates', 'Program templates')
  await shot('templates')
  await page.getByRole('link', { name: /^Copy/ }).first().click()
  await page.getByRole('heading', { name: 'New template' }).waitFor()
  await shot('template-editor')
  await open('/settings', 'Settings')
  await shot('settings')
})

it('draws page 1 of the reference handout for the README', async () => {
  const { db, snapshot } = await referenceHandout()
  const options = referenceOptions.a4!
  const pdf = await renderPdf(
    buildHandout(snapshot, options, await assetsOf(db, snapshot)),
    join(resourcesDir, 'fonts')
  )
  const dir = mkdtempSync(join(tmpdir(), 'physioplan-shots-'))
  writeFileSync(join(dir, 'handout.pdf'), pdf)
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(dir, 'handout.pdf'),
    join(dir, 'page')
  ])
  copyFileSync(join(dir, 'page.png'), join(docs, 'handout-page1.png'))
  rmSync(dir, { recursive: true, force: true })
})
