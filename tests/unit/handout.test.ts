import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyDose } from '../../src/shared/dose'
import type {
  HandoutFile,
  HandoutOptions,
  ProgramSnapshot,
  ProgramVersion,
  Versioned
} from '../../src/shared/types'
import { buildHandout } from '../../src/main/core/handout/document'
import { renderPdf } from '../../src/main/core/handout/render'
import { en } from '../../src/main/core/handout/words.en'
import { warmUpHandouts } from '../../src/main/core/handouts'
import type { OffThread } from '../../src/main/offthread/pool'
import type { HandoutJob } from '../../src/main/offthread/tasks'
import { buildSnapshot, getSnapshot } from '../../src/main/core/programs'
import { redFlagKeys, redFlagRules } from '../../src/shared/red-flags'
import { inline, issuedRelief, memoryApi, ok, type MemoryApi, assetsOf } from './helpers'
import { visitInput } from './visit-input'
import { pdfText, qpdfCheck } from './pdf-tools'
import { sqliteStore } from '../../src/main/core/query/store'
import { handoutReader } from '../../src/main/core/handlers'

const fonts = resolve('resources/fonts')
const a4: HandoutOptions = { paper: 'A4', largePrint: false, pictures: true, diaryWeeks: 2 }

const clinic = {
  clinicName: 'Ørjan Ågren Fysioterapi',
  address: 'Storgata 1\n0155 Oslo',
  phone: '+47 22 00 00 00',
  email: '',
  therapistName: 'Zoë Łukasiewicz',
  logoDataUrl: null
}

/** PDF text with its line breaks as spaces, to find sentences that wrap. */
const flat = (text: string) => text.replace(/\s+/g, ' ')

/** A clinic and patient with the names a European clinic meets, and an issued relief program. */
async function issuedProgram(fullName = 'Şükrü Çağlar') {
  const api = memoryApi()
  await ok(api, 'clinic:update', { ...clinic, version: 0 })
  const { version } = await issuedRelief(api, fullName)
  return {
    api,
    version,
    snapshot: await sqliteStore(api.db).read((q) => getSnapshot(q, version.id))
  }
}

const pdfOf = async (api: MemoryApi, versionId: number, options = a4) =>
  Buffer.from((await ok<HandoutFile>(api, 'handouts:pdf', { versionId, options })).bytes)

/** Pictures in a definition: SVG nodes, or canvas drawings (each starts with its transparent box). */
const pictureCount = (json: string) =>
  (
    json.match(
      /"svg":|"canvas":\[\{"type":"rect","x":0,"y":0,"w":[\d.]+,"h":[\d.]+,"color":"#ffffff","fillOpacity":0\}/g
    ) ?? []
  ).length

describe('the handout document (pure)', () => {
  it('holds the patient, every exercise with its steps and dose line, advice and the help box', async () => {
    const { api, snapshot } = await issuedProgram()
    const document = buildHandout(snapshot, a4, await assetsOf(api.db, snapshot))
    const json = JSON.stringify(document.content)
    expect(json).toContain('Şükrü Çağlar')
    for (const exercise of snapshot.exercises) {
      expect(json).toContain(exercise.name)
      expect(json).toContain(exercise.steps[0]!)
      expect(json).toContain(exercise.doseLine)
    }
    expect(json).toContain('Heat and cold')
    expect(json).toContain('When to seek help')
    expect(pictureCount(json)).toBe(8) // 3 two-picture exercises, 2 single
    expect(document.pageSize).toBe('A4')
    expect(document.info?.creationDate).toEqual(new Date(snapshot.issuedAt))
  })

  it('puts the pain rule above the exercises, and groups them by when they are done', async () => {
    const { api, snapshot } = await issuedProgram()
    const assets = await assetsOf(api.db, snapshot)
    const plain = JSON.stringify(buildHandout(snapshot, a4, assets).content)
    const rule = plain.indexOf(en.painRule)
    expect(rule).toBeGreaterThan(plain.indexOf('Your exercises'))
    expect(rule).toBeLessThan(plain.indexOf(snapshot.exercises[0]!.name))
    expect(plain).not.toContain(en.phases.before)
    const phased = {
      ...snapshot,
      exercises: snapshot.exercises.map((exercise, index) => ({
        ...exercise,
        phase: index === 0 ? ('before' as const) : index === 4 ? ('after' as const) : undefined
      }))
    }
    const json = JSON.stringify(buildHandout(phased, a4, assets).content)
    const at = (text: string) => json.indexOf(text)
    expect(at(en.phases.before)).toBeLessThan(at(`1. ${snapshot.exercises[0]!.name}`))
    expect(at(`1. ${snapshot.exercises[0]!.name}`)).toBeLessThan(at(en.phases.main))
    expect(at(en.phases.main)).toBeLessThan(at(`2. ${snapshot.exercises[1]!.name}`))
    expect(at(en.phases.after)).toBeLessThan(at(`5. ${snapshot.exercises[4]!.name}`))
  })

  it('gives the diary one box per session: two a day for an exercise done twice a day', async () => {
    const { api, snapshot } = await issuedProgram()
    const dosed = {
      ...snapshot,
      exercises: snapshot.exercises.map((exercise, index) => ({
        ...exercise,
        dose: { ...exercise.dose, perDay: index === 0 ? 2 : index === 1 ? 3 : 1 }
      }))
    }
    const document = buildHandout(dosed, { ...a4, diaryWeeks: 1 }, await assetsOf(api.db, dosed))
    const json = JSON.stringify(document.content)
    const diary = json.slice(json.indexOf('Exercise diary'))
    const boxes = (diary.match(/"type":"rect"/g) ?? []).length
    // 7 days × (2 + 3) boxes; exercises done once a day keep the plain cell
    expect(boxes).toBe(7 * 5)
  })

  it('words the dose lines with the dictionary it is given', async () => {
    const { api, snapshot } = await issuedProgram()
    const words = {
      ...en,
      dose: { ...en.dose, timesPerDay: () => 'täglich', count: (n: number) => `${n}×` }
    }
    const dosed = {
      ...snapshot,
      exercises: snapshot.exercises.map((exercise) => ({
        ...exercise,
        dose: { ...exercise.dose, perDay: 1 }
      }))
    }
    const document = buildHandout(dosed, a4, await assetsOf(api.db, dosed), words)
    expect(JSON.stringify(document.content)).toContain('10×, täglich')
  })

  it('follows the options: Letter, large print, no pictures, diary weeks', async () => {
    const { api, snapshot } = await issuedProgram()
    const assets = await assetsOf(api.db, snapshot)
    const large = buildHandout(
      snapshot,
      { paper: 'LETTER', largePrint: true, pictures: false, diaryWeeks: 3 },
      assets
    )
    expect(large.pageSize).toBe('LETTER')
    expect(large.defaultStyle?.fontSize).toBeGreaterThanOrEqual(16)
    const json = JSON.stringify(large.content)
    expect(pictureCount(json)).toBe(0)
    expect(json.match(/Week \d:/g)).toEqual(['Week 1:', 'Week 2:', 'Week 3:'])
    const none = buildHandout(snapshot, { ...a4, diaryWeeks: 0 }, assets)
    expect(JSON.stringify(none.content)).not.toContain('Exercise diary')
  })
})

describe('the PDF', () => {
  it('prints every name, exercise and dose line with accents intact, and passes qpdf', async () => {
    const { api, version, snapshot } = await issuedProgram()
    const bytes = await pdfOf(api, version.id)
    expect(qpdfCheck(bytes)).toMatchObject({ ok: true })
    const { text, pages } = await pdfText(bytes)
    for (const name of ['Şükrü Çağlar', 'Zoë Łukasiewicz', 'Ørjan Ågren Fysioterapi'])
      expect(text).toContain(name)
    for (const exercise of snapshot.exercises) {
      expect(text).toContain(exercise.name)
      expect(text).toContain(exercise.doseLine)
    }
    expect(text).toContain(`Page 1 of ${pages}`)
    expect(text).toContain('Exercise diary')
  })

  it('leaves the snapshot untouched, so rendering it twice gives the same bytes', async () => {
    const { api, snapshot } = await issuedProgram()
    const before = structuredClone(snapshot)
    const render = async () =>
      renderPdf(buildHandout(snapshot, a4, await assetsOf(api.db, snapshot)), fonts)
    const first = await render()
    expect(snapshot).toEqual(before)
    expect((await render()).equals(first)).toBe(true)
  })

  it('prints again byte for byte the same, even after the library changed', async () => {
    const { api, version } = await issuedProgram()
    const first = await pdfOf(api, version.id)
    api.db
      .prepare(
        "UPDATE exercises SET name = 'Renamed', steps = '[\"Changed\"]' WHERE name = 'Cat-camel'"
      )
      .run()
    const again = await pdfOf(api, version.id)
    expect(again.equals(first)).toBe(true)
  })

  it('prints what people typed as text, never as markup', async () => {
    const { api, version } = await issuedProgram('<b>Anna</b> {{name}} & "Åsa"')
    const { text } = await pdfText(await pdfOf(api, version.id))
    expect(text).toContain('<b>Anna</b> {{name}} & "Åsa"')
  })

  it('refuses documents that name a web address or a local file', async () => {
    const remote = {
      images: { logo: 'https://example.com/logo.png' },
      content: [{ image: 'logo' }]
    }
    await expect(renderPdf(remote, fonts)).rejects.toThrow(/Access to URL denied/)
    // written inline, an address is taken as a path, and refused as one
    await expect(
      renderPdf({ content: [{ image: 'https://example.com/logo.png' }] }, fonts)
    ).rejects.toThrow(/Access to local file denied/)
    await expect(renderPdf({ content: [{ image: '/etc/passwd' }] }, fonts)).rejects.toThrow(
      /Access to local file denied/
    )
  })

  it('stays sound with 40 exercises, a 5,000-character note and a missing picture', async () => {
    const { api, version, snapshot } = await issuedProgram()
    // more than the api accepts (2,000): the document must cope with anything a snapshot holds
    const long = 'Quokka '.repeat(715).slice(0, 5000)
    const big = {
      ...snapshot,
      exercises: Array.from({ length: 40 }, (_, index) => ({
        ...snapshot.exercises[index % snapshot.exercises.length]!,
        mediaIds:
          index === 3 ? [987654] : snapshot.exercises[index % snapshot.exercises.length]!.mediaIds,
        dose: { ...emptyDose, reps: 10, note: index === 0 ? long : null }
      }))
    }
    const bytes = await renderPdf(buildHandout(big, a4, await assetsOf(api.db, big)), fonts)
    expect(qpdfCheck(bytes).ok).toBe(true)
    const { pages, text } = await pdfText(bytes)
    expect(pages).toBeGreaterThan(10)
    expect(text).toContain('No picture for this exercise')
    // all of the note, none dropped (pdfmake drops a kept-together block taller than a page)
    expect(text.match(/Quokka/g)).toHaveLength(714)
    // the 40th exercise: its block and its row in each of the two diary weeks
    expect(text.match(/\b40\. /g)).toHaveLength(3)
    expect(version.status).toBe('issued')
  })
})

describe('handout options and drafts', () => {
  it('remembers the clinic’s options and refuses impossible ones', async () => {
    const { api } = await issuedProgram()
    expect(await ok(api, 'handouts:options', {})).toEqual({
      paper: 'A4',
      largePrint: false,
      pictures: true,
      diaryWeeks: 2,
      easierVariants: true,
      layout: 'standard',
      // never saved yet: its first save names version 0
      version: 0
    })
    const chosen = {
      paper: 'LETTER',
      largePrint: true,
      pictures: false,
      diaryWeeks: 4,
      easierVariants: false,
      layout: 'compact'
    }
    const saved = { ...chosen, version: 1 }
    expect(await ok(api, 'handouts:setOptions', { ...chosen, version: 0 })).toEqual(saved)
    expect(await ok(api, 'handouts:options', {})).toEqual(saved)
    const bad = await api.call('handouts:setOptions', { ...saved, diaryWeeks: 5 })
    expect(bad.ok || bad.error.message).toBe('Diary weeks must be 0 to 4')
    const squeezed = await api.call('handouts:setOptions', { ...saved, layout: 'tiny' })
    expect(squeezed.ok || squeezed.error.message).toBe('Layout must be standard or compact')
  })

  it('tells the patient where to go, by the urgency of the active flags', async () => {
    const { api, version } = await issuedProgram()
    const calm = flat((await pdfText(await pdfOf(api, version.id))).text)
    expect(calm).not.toMatch(/found signs/)
    await ok(api, 'visits:create', {
      patientId: version.patientId,
      ...visitInput({ visitDate: '2026-01-10', visitType: 'initial', redFlags: ['night-pain'] })
    })
    const issueNext = async (from: number) => {
      const next = await ok<ProgramVersion>(api, 'programs:revise', { versionId: from })
      await ok(api, 'programs:issue', { versionId: next.id, version: next.version })
      return { id: next.id, text: flat((await pdfText(await pdfOf(api, next.id))).text) }
    }
    const sameDay = await issueNext(version.id)
    expect(sameDay.text).toContain(
      'Your physiotherapist found signs that need a doctor today: pain at night that does not ease when you rest or change position. See your doctor today'
    )
    expect(sameDay.text).not.toMatch(/need emergency care/)

    // a follow-up finds saddle numbness: emergency, with the clinic's number
    const { version: clinicVersion } = await ok<Versioned>(api, 'clinic:get', {})
    await ok(api, 'clinic:update', { ...clinic, emergencyNumber: '113', version: clinicVersion })
    await ok(api, 'visits:create', {
      patientId: version.patientId,
      ...visitInput({ visitDate: '2026-01-20', redFlags: ['saddle-numbness'] })
    })
    const emergency = await issueNext(sameDay.id)
    expect(emergency.text).toContain(
      'Your physiotherapist found signs that need emergency care: numbness or pins and needles around your genitals, bottom or inner thighs, or a change in feeling when you wipe after using the toilet. Go to an emergency department or call 113 now. Do not wait to see if it gets better, and do not start these exercises until a doctor has seen you.'
    )
    expect(emergency.text).toContain(
      'Also tell the doctor about: pain at night that does not ease when you rest or change position.'
    )
    // on page 1, before the exercises, as well as in the help box
    expect(emergency.text.indexOf('need emergency care')).toBeLessThan(
      emergency.text.indexOf('Your exercises')
    )

    // resolved at a later visit: the next handout no longer says it
    await ok(api, 'visits:create', {
      patientId: version.patientId,
      ...visitInput({
        visitDate: '2026-01-27',
        resolvedFlags: [
          { flag: 'saddle-numbness', note: null },
          { flag: 'night-pain', note: null }
        ]
      })
    })
    const resolved = await issueNext(emergency.id)
    expect(resolved.text).not.toMatch(/found signs/)
    // the versions issued before stay as they were printed
    expect(flat((await pdfText(await pdfOf(api, version.id))).text)).toBe(calm)
    expect(flat((await pdfText(await pdfOf(api, emergency.id))).text)).toBe(emergency.text)
  })

  it('lists every red flag with where to go, with or without seek-help advice', async () => {
    const { api, snapshot } = await issuedProgram()
    const withoutAdvice = {
      ...snapshot,
      advice: snapshot.advice.filter((section) => section.kind !== 'seek-help')
    }
    for (const each of [snapshot, withoutAdvice]) {
      const bytes = await renderPdf(buildHandout(each, a4, await assetsOf(api.db, each)), fonts)
      const text = flat((await pdfText(bytes)).text)
      expect(text).toContain(
        'Go to an emergency department or call the emergency number now if you have:'
      )
      expect(text).toContain('See a doctor the same day')
      for (const flag of redFlagKeys) expect(text).toContain(redFlagRules[flag].patientWords)
      expect(text).toContain('if your pain is severe, persists or gets worse')
    }
  })

  it('leaves the spinal flags out when the help advice is for the leg and no flag is active', async () => {
    const { api, version } = await issuedProgram()
    const now = new Date().toISOString()
    const { id: legHelp } = api.db
      .prepare(
        `INSERT INTO advice_sections (builtin_key, kind, title, intro, points, created_at, updated_at)
         VALUES ('seek-help-leg-test', 'seek-help', 'When to seek help', 'Calf swelling: see a doctor.', '[]', ?, ?)
         RETURNING id`
      )
      .get(now, now) as { id: number }
    const draft = await ok<ProgramVersion>(api, 'programs:revise', { versionId: version.id })
    let base = draft.version
    /** The draft with one help section, as the snapshot it would issue. */
    const save = async (adviceId: number | null) => {
      const { id, title, goals, startDate, reviewDate } = draft
      const answer = await ok<ProgramVersion>(api, 'programs:save', {
        versionId: id,
        version: base,
        title,
        goals,
        startDate,
        reviewDate,
        items: draft.items.map(({ exerciseId, phase, dose }) => ({ exerciseId, phase, dose })),
        advice: [
          { adviceId, kind: 'seek-help', title: 'Help', intro: 'Calf swelling.', points: [] }
        ]
      })
      base = answer.version
      const saved = await ok<ProgramVersion>(api, 'programs:get', { versionId: id })
      return sqliteStore(api.db).read((q) => buildSnapshot(q, saved, now))
    }
    expect((await save(legHelp)).spinalFlags).toBe(false)
    // the clinic's own help section, or a flag found since: the spinal flags stay
    expect((await save(null)).spinalFlags).toBe(true)
    await ok(api, 'visits:create', {
      patientId: version.patientId,
      ...visitInput({ visitDate: '2026-01-10', redFlags: ['fever'] })
    })
    const flagged = await save(legHelp)
    expect(flagged.spinalFlags).toBe(true)
    const text = async (snapshot: ProgramSnapshot) =>
      JSON.stringify(buildHandout(snapshot, a4, await assetsOf(api.db, snapshot)).content)
    expect(await text({ ...flagged, spinalFlags: false })).not.toContain(
      'See a doctor the same day'
    )
    expect(await text(flagged)).toContain('See a doctor the same day')
  })

  it('prints a handout issued before flags had urgencies as it said then', async () => {
    const { api, snapshot } = await issuedProgram()
    const old = { ...snapshot, urgent: true, redFlags: undefined }
    const json = JSON.stringify(buildHandout(old, a4, await assetsOf(api.db, old)).content)
    expect(json).toContain('need a doctor’s attention today')
    expect(json).toContain('call the emergency number now')
  })

  it('previews a draft but prints only issued versions', async () => {
    const { api, version } = await issuedProgram()
    const draft = await ok<ProgramVersion>(api, 'programs:revise', { versionId: version.id })
    const refused = await api.call('handouts:pdf', { versionId: draft.id })
    expect(refused.ok || refused.error.code).toBe('conflict')
    const preview = await ok<HandoutFile>(api, 'handouts:preview', { versionId: draft.id })
    expect((await pdfText(Buffer.from(preview.bytes))).text).toContain('Cat-camel')
  })

  it('warms up on the newest version, and on nothing in an empty clinic', async () => {
    const rendered: number[] = []
    const watching: OffThread = {
      run: (name, input, onProgress) => {
        if (name === 'handout') rendered.push((input as HandoutJob).snapshot.program.versionId)
        return inline.run(name, input, onProgress)
      },
      idle: inline.idle,
      close: inline.close
    }
    const rendering = { resourcesDir: resolve('resources'), offThread: watching }
    await warmUpHandouts(handoutReader(memoryApi().db), rendering)
    expect(rendered).toEqual([])
    const { api, version } = await issuedProgram()
    const draft = await ok<ProgramVersion>(api, 'programs:revise', { versionId: version.id })
    await warmUpHandouts(handoutReader(api.db), rendering)
    expect(rendered).toEqual([draft.id])
  })

  it('names the file after the patient, program and issue date', async () => {
    const { api, version } = await issuedProgram()
    const file = await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })
    expect(file.fileName).toBe(
      `Şükrü Çağlar - Runner's low back pain — relief - ${version.issuedAt!.slice(0, 10)}.pdf`
    )
  })

  it('says the desktop actions need the desktop app in the browser host', async () => {
    const { api, version } = await issuedProgram()
    const result = await api.call('handouts:print', { versionId: version.id })
    expect(result.ok || result.error).toEqual({
      code: 'unavailable',
      message: 'Only the desktop app can do that here. Use Download instead.'
    })
  })
})
