/** What a handout is saved as, and which stored pictures it may draw. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HandoutFile, Patient, ProgramVersion, Template } from '../../src/shared/types'
import { namePart } from '../../src/main/core/file-names'
import { memoryApi, tempDir, type MemoryApi, ok, assetsOf } from './helpers'

async function issued(api: MemoryApi, fullName: string, title: string) {
  const patient = await ok<Patient>(api, 'patients:create', { fullName, dateOfBirth: '1984-03-09' })
  const template = (await ok<Template[]>(api, 'templates:list', {}))[0]!
  const draft = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patient.id,
    source: { kind: 'template', templateId: template.id },
    title
  })
  return {
    patient,
    version: await ok<ProgramVersion>(api, 'programs:issue', {
      versionId: draft.id,
      version: draft.version
    })
  }
}

const stem = (fileName: string) => fileName.replace(/\.(pdf|zip)$/, '')
const wellFormed = (text: string) => Buffer.from(text).toString('utf8') === text

describe('file names', () => {
  it('a long name and title: at most 120 bytes before .pdf, whole characters, and it saves', async () => {
    const api = memoryApi()
    // 2-byte and 4-byte characters, so a byte cut would land inside one
    const fullName = `Zoë Łukasiewicz-Ağaoğlu ${'Çağlar '.repeat(25)}`.trim().slice(0, 200)
    const title = `Rückenschmerz 🏃‍♀️ nach dem Laufen ${'😀'.repeat(60)}`.slice(0, 200)
    const { patient, version } = await issued(api, fullName, title)
    const file = await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })
    expect(Buffer.byteLength(stem(file.fileName))).toBeLessThanOrEqual(120)
    expect(file.fileName).toMatch(
      /^Zoë Łukasiewicz-Ağaoğlu Çağlar .* - Rückenschmerz .* - \d{4}-\d{2}-\d{2}\.pdf$/
    )
    expect(wellFormed(file.fileName)).toBe(true)
    // what Open and Print do: write it to a folder under that name
    writeFileSync(join(tempDir(), file.fileName), Buffer.from(file.bytes))

    const archive = await ok<HandoutFile>(api, 'patients:export', { id: patient.id })
    expect(Buffer.byteLength(stem(archive.fileName))).toBeLessThanOrEqual(120)
    expect(archive.fileName).toMatch(/ - PhysioPlan export - \d{4}-\d{2}-\d{2}\.zip$/)
    writeFileSync(join(tempDir(), archive.fileName), Buffer.from(archive.bytes))
  })

  it('never splits a character, even a flag or a family emoji', () => {
    for (let bytes = 0; bytes <= 40; bytes++) {
      const cut = namePart('🇳🇴 👨‍👩‍👧 Ørjan Ågren', bytes)
      expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(bytes)
      expect('🇳🇴 👨‍👩‍👧 Ørjan Ågren'.startsWith(cut)).toBe(true)
      expect(wellFormed(cut)).toBe(true)
      expect(cut).not.toMatch(/[\uD83C]$|\u200D$/)
    }
  })

  it('drops characters no file system takes', () => {
    expect(namePart('a/b\\c:d*e?f"g<h>i|j\u0000k\nl.', 100)).toBe('a b c d e f g h i j k l')
  })
})

describe('stored SVG pictures on a handout', () => {
  const own = readFileSync(resolve('resources/illustrations/bird-dog-start.svg'), 'utf8')
  const crafted: [string, string][] = [
    [
      'an <image> of a local file',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="file:///etc/hostname" width="10" height="10"/></svg>'
    ],
    [
      'xlink:href on a shape',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect x="0" y="0" width="1" height="1" xlink:href="file:///etc/hostname"/></svg>'
    ],
    ['<use>', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><use href="#a"/></svg>'],
    [
      '<foreignObject>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><foreignObject width="5" height="5"><p>x</p></foreignObject></svg>'
    ],
    [
      'a script',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>'
    ],
    [
      'a style element',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>*{fill:url(file:///x)}</style><line x1="0" y1="0" x2="1" y2="1"/></svg>'
    ],
    [
      'a style attribute on the root',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" style="background:url(file:///etc/hostname)"><line x1="0" y1="0" x2="1" y2="1"/></svg>'
    ],
    [
      'a group (outside the illustrations’ subset)',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g><line x1="0" y1="0" x2="1" y2="1"/></g></svg>'
    ]
  ]

  async function picturesFor(svgs: string[]) {
    const { db } = memoryApi()
    const ids = svgs.map(
      (svg) =>
        db
          .prepare(
            `INSERT INTO exercise_media (exercise_id, kind, stage, sort_order, mime, data)
             VALUES (1, 'illustration', 'single', 9, 'image/svg+xml', ?) RETURNING id`
          )
          .pluck()
          .get(Buffer.from(svg)) as number
    )
    const snapshot = { exercises: [{ mediaIds: ids }], clinic: { logoDataUrl: null } }
    const { pictures } = await assetsOf(db, snapshot as never)
    return ids.map((id) => pictures.get(id))
  }

  it('draws the app’s own illustrations', async () => {
    expect(await picturesFor([own])).toEqual([{ kind: 'svg', svg: own }])
  })

  it.each(crafted)('refuses %s: the handout shows the no-picture frame', async (_name, svg) => {
    // mediaIds beyond the first two are not printed, so one picture per call
    expect(await picturesFor([svg])).toEqual([undefined])
  })
})
