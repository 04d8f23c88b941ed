/** Which paths the page may name: on the desktop only those main's dialogs and lists gave it. */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DesktopActions } from '../../src/main/core/desktop-actions'
import { dispatch } from '../../src/main/core/api'
import { openStore, type OpenedStore } from '../../src/main/core/store'
import { fileApi, tempDir } from './helpers'

const library = resolve('tests/fixtures/free-exercise-db-sample')

/** The desktop store, its folder dialog answering `picked`. */
function desktopStore(picked: () => string): OpenedStore & {
  call: (channel: string, input: unknown) => ReturnType<typeof dispatch>
} {
  const unused = () => Promise.reject(new Error('not in this test'))
  const desktop: DesktopActions = {
    chooseFolder: async () => picked(),
    chooseSavePath: unused,
    saveFile: unused,
    printPdf: unused,
    openPdf: unused
  }
  const store = openStore({
    dataDir: tempDir(),
    transport: 'electron',
    version: 'test',
    resourcesDir: resolve('resources'),
    workerFile: null,
    desktop
  })
  return { ...store, call: (channel, input) => dispatch(store.handlers, channel, input) }
}

const refusal = {
  code: 'forbidden',
  message:
    'Choose it with the Choose… button: PhysioPlan opens only files and folders picked in its own dialogs.'
}

describe('on the desktop', () => {
  it('import takes only a folder from its dialog', async () => {
    const app = desktopStore(() => library)
    expect(await app.call('import:preview', { folder: library })).toEqual({
      ok: false,
      error: { ...refusal, field: 'folder' }
    })
    expect(await app.call('import:start', { folder: '/etc' })).toEqual({
      ok: false,
      error: { ...refusal, field: 'folder' }
    })
    expect(await app.call('import:chooseFolder', {})).toEqual({ ok: true, data: library })
    const preview = await app.call('import:preview', { folder: library })
    expect(preview.ok).toBe(true)
    await app.close()
  })

  it('backups: a folder from the dialog, a file from the backup list', async () => {
    const usb = join(tempDir(), 'usb')
    const app = desktopStore(() => usb)
    expect(await app.call('backups:setFolder', { folder: usb })).toMatchObject({
      error: { ...refusal, field: 'folder' }
    })
    expect(await app.call('backups:chooseFolder', {})).toEqual({ ok: true, data: usb })
    expect((await app.call('backups:setFolder', { folder: usb })).ok).toBe(true)

    // a database file the page names but main never listed
    const elsewhere = join(tempDir(), 'physioplan-2026-01-01-000000.sqlite3')
    writeFileSync(elsewhere, '')
    for (const channel of ['backups:inspect', 'backups:restore']) {
      expect(await app.call(channel, { file: elsewhere }), channel).toMatchObject({
        error: { ...refusal, field: 'file' }
      })
    }
    // one main made and listed
    const started = await app.handlers['backups:start']({ saveAs: false })
    for (;;) {
      const job = await app.handlers['jobs:progress']({ jobId: started!.jobId })
      if (job.state !== 'running') break
      await new Promise((done) => setTimeout(done, 10))
    }
    const listed = await app.call('backups:status', {})
    const file = listed.ok ? (listed.data as { backups: { file: string }[] }).backups[0]!.file : ''
    expect(file.startsWith(usb)).toBe(true)
    const inspected = await app.call('backups:inspect', { file })
    expect(inspected.ok).toBe(true)
    await app.close()
  })
})

describe('in the browser host', () => {
  it('a typed folder is kept as a normalised absolute path', async () => {
    const api = fileApi()
    const parent = tempDir()
    const status = await api.call('backups:setFolder', { folder: `${parent}/x/../usb/./` })
    expect(status.ok && (status.data as { folder: string }).folder).toBe(join(parent, 'usb'))
  })
})
