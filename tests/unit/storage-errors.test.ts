import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import { createHandlers, dispatch } from '../../src/main/core/api'
import { openDatabase } from '../../src/main/core/db/open'
import { fileApi, inline, tempDir } from './helpers'

const patient = { fullName: 'Disk Dana', dateOfBirth: '1980-01-01', notes: 'x'.repeat(15_000) }

function apiOver(db: Database.Database, file: string) {
  const handlers = createHandlers({
    db,
    transport: 'web',
    version: 'test',
    dataDir: tempDir(),
    databaseFile: file,
    resourcesDir: resolve('resources'),
    offThread: inline
  })
  return (channel: string, input: unknown) => dispatch(handlers, channel, input)
}

it('a full disk: the write is rolled back and the person is told what to do', async () => {
  const { db, call } = fileApi()
  expect((await call('patients:create', { ...patient, fullName: 'Saved Sam' })).ok).toBe(true)
  // no room to grow: the next page the database needs is refused, as on a full disk
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`)
  let result
  for (let n = 0; n < 50 && (result = await call('patients:create', patient)).ok; n++);
  expect(result).toEqual({
    ok: false,
    error: {
      code: 'unavailable',
      message: expect.stringMatching(/^The disk is full, so nothing was saved\./)
    }
  })
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(
    db.prepare("SELECT count(*) FROM patients WHERE full_name = 'Saved Sam'").pluck().get()
  ).toBe(1)
  db.close()
})

it('a read-only data folder: refused with a sentence, already-saved data intact', async () => {
  const file = join(tempDir(), 'p.sqlite3')
  const setup = openDatabase(file).db
  await dispatch(
    createHandlers({
      db: setup,
      transport: 'web',
      version: 'test',
      dataDir: '',
      databaseFile: file,
      resourcesDir: resolve('resources'),
      offThread: inline
    }),
    'patients:create',
    { ...patient, fullName: 'Saved Sam' }
  )
  setup.close()
  // permissions don't bind root (CI), so a read-only connection stands in for a read-only folder
  const db = new Database(file, { readonly: true })
  const result = await apiOver(db, file)('patients:create', patient)
  expect(result).toEqual({
    ok: false,
    error: {
      code: 'unavailable',
      message: expect.stringMatching(
        /^PhysioPlan can’t write to its data folder, so nothing was saved\./
      )
    }
  })
  expect(db.prepare('SELECT full_name FROM patients').pluck().all()).toEqual(['Saved Sam'])
  db.close()
})
