import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach } from 'vitest'
import { createHandlers, dispatch, type Handlers } from '../../src/main/core/api'
import { createOffThread, type OffThread } from '../../src/main/offthread/pool'
import type { HandoutJob } from '../../src/main/offthread/tasks'
import { openDatabase, type Db } from '../../src/main/core/db/open'
import { openStore, type OpenedStore } from '../../src/main/core/store'
import type { Patient, ProgramSnapshot, ProgramVersion, Template } from '../../src/shared/types'
import type { HandoutAssets } from '../../src/main/core/handout/document'
import { handoutAssets } from '../../src/main/core/handouts'
import { sqliteStore } from '../../src/main/core/query/store'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

/** A fresh folder removed after the test. */
/** Worker tasks run on the test's own thread: the same functions the workers run. */
export const inline = createOffThread(null)

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'physioplan-test-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export function memoryDb(): Db {
  const { db } = openDatabase(':memory:')
  cleanups.push(() => db.close())
  return db
}

export interface MemoryApi {
  db: Db
  handlers: Handlers
  call: (channel: string, input: unknown) => ReturnType<typeof dispatch>
}

/** The api over an in-memory database; `offThread` to watch the tasks it runs. */
export function memoryApi(offThread: OffThread = inline): MemoryApi {
  const db = memoryDb()
  const handlers = createHandlers({
    db,
    transport: 'web',
    version: 'test',
    dataDir: '/tmp/none',
    databaseFile: ':memory:',
    resourcesDir: resolve('resources'),
    offThread
  })
  return { db, handlers, call: (channel, input) => dispatch(handlers, channel, input) }
}

/** A patient's program from the built-in low back pain relief template, issued. */
export async function issuedRelief(
  api: MemoryApi,
  fullName: string
): Promise<{ patient: Patient; version: ProgramVersion }> {
  const patient = await ok<Patient>(api, 'patients:create', { fullName, dateOfBirth: '1984-03-09' })
  const relief = (await ok<Template[]>(api, 'templates:list', {})).find((t) =>
    t.name.endsWith('relief')
  )!
  const draft = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patient.id,
    source: { kind: 'template', templateId: relief.id }
  })
  const version = await ok<ProgramVersion>(api, 'programs:issue', {
    versionId: draft.id,
    version: draft.version
  })
  return { patient, version }
}

/** Worker tasks run inline, each handout render recorded by the program title it prints. */
export function countingRenders(): { offThread: OffThread; renders: string[] } {
  const renders: string[] = []
  const offThread: OffThread = {
    run: (name, input, onProgress) => {
      if (name === 'handout') renders.push((input as HandoutJob).snapshot.program.title)
      return inline.run(name, input, onProgress)
    },
    idle: inline.idle,
    close: inline.close
  }
  return { offThread, renders }
}

export function countRows(db: Db, table: string, where = 'true'): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n
}

/** Photos only: built-in exercises also have illustrations in exercise_media. */
export const countPhotos = (db: Db): number => countRows(db, 'exercise_media', "kind = 'photo'")

/** The api over a real database file in a fresh folder (for what only files show). */
export function fileApi(file?: string): MemoryApi & { dir: string; file: string } {
  const dir = tempDir()
  const path = file ?? join(dir, 'physioplan.sqlite3')
  const { db } = openDatabase(path)
  cleanups.push(() => db.open && db.close())
  const handlers = createHandlers({
    db,
    transport: 'web',
    version: 'test',
    dataDir: dir,
    databaseFile: path,
    resourcesDir: resolve('resources'),
    offThread: inline
  })
  return {
    dir,
    file: path,
    db,
    handlers,
    call: (channel, input) => dispatch(handlers, channel, input)
  }
}

/** A patient's fields with only the name set, as the store functions take them. */
export const patientFields = (fullName: string) => ({
  fullName,
  dateOfBirth: '1980-01-01',
  sex: null,
  phone: null,
  email: null,
  condition: null,
  referralSource: null,
  notes: null
})

/** A channel's data, or the test fails with the api's own message. */
export async function ok<T>(
  api: Pick<MemoryApi, 'call'>,
  channel: string,
  input: unknown
): Promise<T> {
  const result = await api.call(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.data as T
}

/** The store both hosts open, over a data folder; its worker tasks run inline. */
export function storeIn(dataDir: string): OpenedStore {
  return openStore({
    dataDir,
    transport: 'web',
    version: 'test',
    resourcesDir: resolve('resources'),
    workerFile: null
  })
}

/** mulberry32: small, seeded, good enough to pick test inputs; a failure reruns the same way */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The pictures `snapshot` prints, read from `db` as the app reads them. */
export function assetsOf(db: Db, snapshot: ProgramSnapshot): Promise<HandoutAssets> {
  return sqliteStore(db).read((q) => handoutAssets(q, snapshot, resolve('resources')))
}
