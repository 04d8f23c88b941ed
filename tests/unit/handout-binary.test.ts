/**
 * A handout's bytes as bytes: a Uint8Array through the api and Electron's
 * IPC (which clones it as it is), the file itself with its own type from
 * the browser host, and the same bytes to the desktop's save, print and open.
 */
import { resolve } from 'node:path'
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { HandoutFile, Patient, ProgramVersion, Template } from '../../src/shared/types'
import type { Result } from '../../src/shared/errors'
import { createHandlers, dispatch } from '../../src/main/core/api'
import type { DesktopActions } from '../../src/main/core/desktop-actions'
import { bindIpc } from '../../src/main/electron/ipc'
import { startWebHost, type WebHost } from '../../src/main/web/server'
import { inline, memoryApi, memoryDb, ok, tempDir, type MemoryApi } from './helpers'

const token = 'test-token-binary-0123456789'
let host: WebHost | null = null
afterEach(async () => {
  await host?.close()
  host = null
})

async function issuedProgram(api: Pick<MemoryApi, 'call'>) {
  const patient = await ok<Patient>(api, 'patients:create', {
    fullName: 'Şükrü Çağlar',
    dateOfBirth: '1984-03-09'
  })
  const template = (await ok<Template[]>(api, 'templates:list', {}))[0]!
  const draft = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patient.id,
    source: { kind: 'template', templateId: template.id },
    title: 'Back pain'
  })
  const version = await ok<ProgramVersion>(api, 'programs:issue', {
    versionId: draft.id,
    version: draft.version
  })
  return { patient, version }
}

const text = (bytes: Uint8Array, length: number) =>
  Buffer.from(bytes.subarray(0, length)).toString()

describe('the handout as bytes', () => {
  it('comes from the api as a Uint8Array holding the PDF', async () => {
    const api = memoryApi()
    const { version } = await issuedProgram(api)
    const file = await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })
    expect(file.bytes).toBeInstanceOf(Uint8Array)
    expect(text(file.bytes, 5)).toBe('%PDF-')
    expect(Object.keys(file).sort()).toEqual(['bytes', 'fileName'])
  })

  it('crosses Electron IPC as binary: the structured clone is a Uint8Array with the same bytes', async () => {
    const api = memoryApi()
    const { version } = await issuedProgram(api)
    const bound = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => unknown>()
    const ipcMain = { handle: (channel: string, run: never) => bound.set(channel, run) }
    bindIpc(ipcMain as unknown as IpcMain, api.call, ['app://physioplan'])
    const event = { senderFrame: { url: 'app://physioplan/', parent: null } }
    const answer = (await bound.get('handouts:pdf')!(event as IpcMainInvokeEvent, {
      versionId: version.id
    })) as Result<HandoutFile>
    // what the renderer receives: Electron clones IPC results with the structured clone algorithm
    const received = structuredClone(answer)
    if (!received.ok) throw new Error(received.error.message)
    expect(received.data.bytes).toBeInstanceOf(Uint8Array)
    expect(text(received.data.bytes, 5)).toBe('%PDF-')
    const direct = await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })
    expect(Buffer.from(received.data.bytes).equals(Buffer.from(direct.bytes))).toBe(true)
  })

  it('is served by the browser host as application/pdf under its name, and errors stay JSON', async () => {
    const api = memoryApi()
    const { version, patient } = await issuedProgram(api)
    host = await startWebHost({ dispatch: api.call, rendererDir: tempDir(), token, port: 0 })
    const post = (channel: string, input: unknown) =>
      fetch(`http://127.0.0.1:${host!.port}/api/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: JSON.stringify(input)
      })

    const response = await post('handouts:pdf', { versionId: version.id })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const body = new Uint8Array(await response.arrayBuffer())
    expect(text(body, 5)).toBe('%PDF-')
    expect(Number(response.headers.get('content-length'))).toBe(body.byteLength)
    const direct = await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })
    expect(Buffer.from(body).equals(Buffer.from(direct.bytes))).toBe(true)
    const disposition = response.headers.get('content-disposition') ?? ''
    const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '')
    expect(name).toBe(direct.fileName)
    expect(name).toMatch(/^Şükrü Çağlar - Back pain - .*\.pdf$/)

    const exported = await post('patients:export', { id: patient.id })
    expect(exported.headers.get('content-type')).toBe('application/zip')
    const entries = unzipSync(new Uint8Array(await exported.arrayBuffer()))
    expect(Object.keys(entries)).toContain('patient.json')

    const missing = await post('handouts:pdf', { versionId: 9999 })
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('reaches the desktop’s save, print and open as the same bytes', async () => {
    const db = memoryDb()
    const given: { action: string; fileName: string; bytes: Uint8Array }[] = []
    const record =
      (action: string) =>
      async (fileName: string, bytes: Uint8Array): Promise<null> => {
        given.push({ action, fileName, bytes })
        return null
      }
    const desktop: DesktopActions = {
      chooseFolder: async () => null,
      chooseSavePath: async () => null,
      saveFile: record('save'),
      printPdf: async (fileName, bytes) => void (await record('print')(fileName, bytes)),
      openPdf: async (fileName, bytes) => void (await record('open')(fileName, bytes))
    }
    const handlers = createHandlers({
      db,
      transport: 'electron',
      version: 'test',
      dataDir: tempDir(),
      databaseFile: ':memory:',
      resourcesDir: resolve('resources'),
      offThread: inline,
      desktop
    })
    const api = { call: (channel: string, input: unknown) => dispatch(handlers, channel, input) }
    const { version } = await issuedProgram(api)
    const pdf = await ok<HandoutFile>(api, 'handouts:pdf', { versionId: version.id })
    for (const channel of ['handouts:save', 'handouts:print', 'handouts:open']) {
      await ok(api, channel, { versionId: version.id })
    }
    expect(given.map((call) => call.action)).toEqual(['save', 'print', 'open'])
    for (const call of given) {
      expect(call.fileName).toBe(pdf.fileName)
      expect(call.bytes).toBeInstanceOf(Uint8Array)
      expect(Buffer.from(call.bytes).equals(Buffer.from(pdf.bytes))).toBe(true)
    }
  })
})
