import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/main/core/db/open'
import { handlerContext } from '../../src/main/core/handlers'
import { createPatient, getPatient, updatePatient } from '../../src/main/core/patients'
import { dialectSql } from '../../src/main/core/query/dialect'
import * as sqliteSql from '../../src/main/core/query/sqlite'
import { sqliteStore } from '../../src/main/core/query/store'
import { emptyDose } from '../../src/shared/dose'
import type { Patient, ProgramVersion } from '../../src/shared/types'
import { countRows, inline, memoryApi, memoryDb, ok, patientFields, tempDir } from './helpers'

const apiContext = (db: Database.Database = memoryDb()) => ({
  db,
  transport: 'web' as const,
  version: 'test',
  dataDir: '/tmp/none',
  databaseFile: ':memory:',
  resourcesDir: '/tmp/none',
  offThread: inline
})

const context = (health: { state: 'ok' | 'damaged'; message: string | null }) =>
  handlerContext({ ...apiContext(), health })

const preview = { options: 'A4', file: new Promise<never>(() => {}) }

describe('the query layer’s store', () => {
  it('commits a write, and rolls every statement of it back when its work throws', async () => {
    const db = memoryDb()
    const store = sqliteStore(db)
    const kept = await store.write((q) => createPatient(q, patientFields('Kept Kim')))
    const failed = store.write(async (q) => {
      await createPatient(q, patientFields('Gone Gil'))
      await updatePatient(q, kept.id, kept.version, patientFields('Renamed Kim'))
      throw new Error('the save failed halfway')
    })
    await expect(failed).rejects.toThrow('the save failed halfway')
    expect(db.inTransaction).toBe(false)
    expect(countRows(db, 'patients')).toBe(1)
    expect((await store.read((q) => getPatient(q, kept.id))).fullName).toBe('Kept Kim')
    // the create's audit row went with it; the update wrote none
    expect(countRows(db, 'audit_log')).toBe(1)
  })

  it('tells a read and a write which dialect’s SQL they speak', async () => {
    const store = sqliteStore(memoryDb())
    expect(await store.read(async (q) => dialectSql(q))).toBe(sqliteSql)
    expect(await store.write(async (q) => dialectSql(q))).toBe(sqliteSql)
  })

  it('refuses every write while the data file is damaged, and writes nothing', async () => {
    const damaged = context({ state: 'damaged', message: 'Restore a backup.' })
    const write = damaged.store.write((q) => createPatient(q, patientFields('Ada Ek')))
    await expect(write).rejects.toMatchObject({ code: 'damaged', message: 'Restore a backup.' })
    expect(countRows(damaged.db, 'patients')).toBe(0)
    // reads still answer, so the person can see what they have
    expect(await damaged.store.read((q) => q.selectFrom('patients').selectAll().execute())).toEqual(
      []
    )
  })

  it('forgets the previews started before it, as the synchronous write does', async () => {
    const { store, write, previews } = context({ state: 'ok', message: null })
    previews.set(1, preview)
    await store.write((q) => createPatient(q, patientFields('Ada Ek')))
    expect(previews.size).toBe(0)
    previews.set(1, preview)
    write(() => null)
    expect(previews.size).toBe(0)
  })

  it('takes the write lock at BEGIN, so a second connection cannot slip in first', async () => {
    const file = join(tempDir(), 'physioplan.sqlite3')
    const { db } = openDatabase(file)
    const other = new Database(file, { timeout: 0 })
    try {
      await sqliteStore(db).write(async () => {
        // a plain BEGIN would take no lock until the first write: this one already holds it
        expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/locked|busy/)
      })
      other.exec('BEGIN IMMEDIATE; ROLLBACK')
    } finally {
      other.close()
      db.close()
    }
  })

  it('refuses the store used inside its own work instead of waiting on itself forever', async () => {
    const db = memoryDb()
    const store = sqliteStore(db)
    const nested = store.write(async (q) => {
      const { id } = await createPatient(q, patientFields('Ada Ek'))
      return store.read((outer) => getPatient(outer, id))
    })
    await expect(nested).rejects.toThrow(/use the q that work was given/)
    expect(countRows(db, 'patients')).toBe(0)
    // and the store works on afterwards
    await store.write((q) => createPatient(q, patientFields('Bo Lind')))
    expect(countRows(db, 'patients')).toBe(1)
  })

  it('keeps the error that made SQLite roll back by itself (a full disk, RAISE(ROLLBACK))', async () => {
    const db = memoryDb()
    db.exec(
      "CREATE TEMP TRIGGER refuse BEFORE INSERT ON patients BEGIN SELECT RAISE(ROLLBACK, 'The disk is full.'); END"
    )
    const store = sqliteStore(db)
    await expect(store.write((q) => createPatient(q, patientFields('Ada Ek')))).rejects.toThrow(
      'The disk is full.'
    )
    expect(db.inTransaction).toBe(false)
    db.exec('DROP TRIGGER refuse')
    await store.write((q) => createPatient(q, patientFields('Ada Ek')))
    expect(countRows(db, 'patients')).toBe(1)
  })

  it('prepares each statement once, through the connection’s cache', async () => {
    const db = memoryDb()
    const prepare = vi.spyOn(db, 'prepare')
    const store = sqliteStore(db)
    const { id } = await store.write((q) => createPatient(q, patientFields('Ada Ek')))
    for (let run = 0; run < 5; run++) await store.read((q) => getPatient(q, id))
    await store.write((q) => createPatient(q, patientFields('Bo Lind')))
    const texts = new Set(prepare.mock.calls.map(([text]) => text))
    const statements = new Set(prepare.mock.results.map(({ value }) => value as unknown))
    expect(prepare.mock.calls.length).toBeGreaterThan(texts.size)
    expect(statements.size).toBe(texts.size)
  })
})

describe('query-layer writes beside the synchronous ones (the domains not yet moved)', () => {
  async function patientWithDraft() {
    const api = memoryApi()
    const patient = await ok<Patient>(api, 'patients:create', {
      fullName: 'Ida Holm',
      dateOfBirth: '1970-07-07'
    })
    const draft = await ok<ProgramVersion>(api, 'programs:create', {
      patientId: patient.id,
      source: { kind: 'blank' }
    })
    const save = (title: string) =>
      api.call('programs:save', {
        versionId: draft.id,
        version: draft.version,
        title,
        goals: '',
        startDate: null,
        reviewDate: null,
        items: [{ exerciseId: 1, dose: { ...emptyDose, reps: 10, perDay: 1 } }],
        advice: []
      })
    // `version`: the one the rename is based on (the patient starts at 1)
    const rename = (fullName: string, version = patient.version) =>
      api.call('patients:update', { id: patient.id, version, fullName, dateOfBirth: '1970-07-07' })
    const stored = () => ({
      name: api.db.prepare('SELECT full_name FROM patients').pluck().get(),
      title: api.db.prepare('SELECT title FROM program_versions').pluck().get(),
      audit: api.db.prepare('SELECT entity, action FROM audit_log ORDER BY id').raw().all()
    })
    return { api, save, rename, stored }
  }

  it('a patients write and a programs:save dispatched in the same tick both land', async () => {
    const { save, rename, stored } = await patientWithDraft()
    // the second rename is based on the first's answer: it lands only if they run in order
    const results = await Promise.all([rename('Ida Berg'), save('Knees'), rename('Ida Lund', 2)])
    expect(results.map((result) => result.ok)).toEqual([true, true, true])
    expect(stored()).toEqual({
      name: 'Ida Lund',
      title: 'Knees',
      audit: [
        ['patient', 'create'],
        ['patient', 'update'],
        ['patient', 'update']
      ]
    })
  })

  it('a write finishes within the macrotask that started it: the next one finds it committed', async () => {
    const { api, save, rename, stored } = await patientWithDraft()
    const renamed = rename('Ida Berg')
    const saved = new Promise((resolve) => setImmediate(() => resolve(save('Knees'))))
    expect(api.db.inTransaction).toBe(false) // not begun yet: Kysely begins a microtask later
    expect(await Promise.all([renamed, saved])).toMatchObject([{ ok: true }, { ok: true }])
    expect(stored()).toMatchObject({ name: 'Ida Berg', title: 'Knees' })
  })

  it('a synchronous write that would land inside a query-layer write is refused, not nested', async () => {
    const { api, stored } = await patientWithDraft()
    // the store and the synchronous write of one context over the app's connection
    const { store, write } = handlerContext(apiContext(api.db))
    const slow = store.write(async (q) => {
      await q.updateTable('patients').set({ full_name: 'Ida Berg' }).execute()
      // what the rule forbids: waiting on something else while the transaction is open
      await sleep(20)
      throw new Error('the patients write failed')
    })
    // the next macrotask, as a backup folder's or an import's write would come
    const refused = await new Promise<unknown>((resolve) =>
      setImmediate(() => {
        try {
          resolve(write(() => api.db.prepare("UPDATE program_versions SET title = 'Knees'").run()))
        } catch (error) {
          resolve(error)
        }
      })
    )
    await expect(slow).rejects.toThrow('the patients write failed')
    // nested, the update would have run and then been rolled back with the patients write
    expect(refused).toMatchObject({ message: 'A write ran inside a query-layer write.' })
    expect(stored()).toMatchObject({ name: 'Ida Holm', title: 'Home exercise program' })
  })
})
