/**
 * The desktop's local copy of a clinic (issue 18): the id range of rows made
 * offline, the outbox written in the write's own transaction, and the ids
 * moved to the server's once a write is accepted.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Result } from '../../src/shared/errors'
import type { Patient, ProgramVersion, Visit } from '../../src/shared/types'
import type { Db } from '../../src/main/core/db/connect'
import { sqliteStore } from '../../src/main/core/query/store'
import { localCopyFile, openLocalCopy } from '../../src/main/clinic/offline/local-copy'
import {
  blockStart,
  isLocalId,
  localIdBase,
  localIdTables,
  tableOfLocalId
} from '../../src/main/clinic/offline/local-ids'
import { entriesIn, offlineWriter, type OfflineWriter } from '../../src/main/clinic/offline/outbox'
import { accept } from '../../src/main/clinic/offline/send'
import { localIdsIn, pairIds, translate } from '../../src/main/clinic/offline/translate'
import { visitInput } from './visit-input'

let dir: string
let db: Db
let writer: OfflineWriter
let keys: string[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'physioplan-offline-'))
  db = openLocalCopy(localCopyFile(dir, 'AB:CD:EF:01:23:45:67:89:AA'))
  keys = []
  writer = offlineWriter(sqliteStore(db), resolve('resources'), () => {
    const key = crypto.randomUUID()
    keys.push(key)
    return key
  })
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

async function ok<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const result = await answer
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data as T
}
const patient = (fullName: string) =>
  ok<Patient>(writer.call('patients:create', { fullName, dateOfBirth: '1980-06-02' }, 'dana'))

describe('the local copy', () => {
  it('is an owner-only file named by the certificate, with every id table in a block of its own', () => {
    const file = localCopyFile(dir, 'AB:CD:EF:01:23:45:67:89:AA')
    expect(file).toBe(join(dir, 'physioplan-clinic-abcdef01.sqlite3'))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const autoincrement = db
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%' AND name != 'outbox' ORDER BY name`
      )
      .pluck()
      .all()
    expect(autoincrement).toEqual([...localIdTables].sort())
    for (const table of localIdTables) {
      expect(tableOfLocalId(blockStart(table) + 1)).toBe(table)
      expect(blockStart(table) + 2 ** 47 - 1).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER)
    }
  })

  it('gives rows made here ids above 2^52, whatever the server’s rows hold', async () => {
    // a pulled patient keeps the server's id
    db.prepare(
      `INSERT INTO patients (id, full_name, sort_key, date_of_birth, created_at, updated_at, measures)
       VALUES (41, 'Pulled, Pia', 'pulled pia', '1970-01-01', '2026-01-01', '2026-01-01', '["nprs"]')`
    ).run()
    const made = await patient('Offline, Olga')
    expect(made.id).toBe(blockStart('patients') + 1)
    const visit = await ok<Visit>(
      writer.call('visits:create', { patientId: made.id, ...visitInput() }, 'dana')
    )
    expect(visit.id).toBe(blockStart('visits') + 1)
    expect(isLocalId(41)).toBe(false)
    // reopened, the sequence goes on where it was
    db.close()
    db = openLocalCopy(localCopyFile(dir, 'AB:CD:EF:01:23:45:67:89:AA'))
    writer = offlineWriter(sqliteStore(db), resolve('resources'))
    expect((await patient('Offline, Otto')).id).toBe(blockStart('patients') + 2)
  })
})

describe('the outbox', () => {
  it('records each write with its key, input, answer and account, and no read', async () => {
    const made = await patient('Offline, Olga')
    await ok(writer.call('patients:get', { id: made.id }, 'dana'))
    await ok(writer.call('patients:list', {}, 'dana'))
    const [entry, ...rest] = entriesIn(db, 'waiting')
    expect(rest).toEqual([])
    expect(entry).toMatchObject({
      key: keys[0],
      channel: 'patients:create',
      input: { fullName: 'Offline, Olga', dateOfBirth: '1980-06-02' },
      answer: { id: made.id, fullName: 'Offline, Olga' },
      login: 'dana'
    })
  })

  it('keeps neither the change nor its entry when the write fails inside its transaction', async () => {
    await patient('First, Fay')
    // the same key again: the outbox's insert fails after the handler wrote the patient
    writer = offlineWriter(sqliteStore(db), resolve('resources'), () => keys[0]!)
    await expect(patient('Second, Sam')).rejects.toThrow(/UNIQUE/)
    const names = db.prepare('SELECT full_name FROM patients').pluck().all()
    expect(names).toEqual(['First, Fay'])
    expect(entriesIn(db, 'waiting')).toHaveLength(1)
  })

  it('records nothing when the handler refuses', async () => {
    const refused = await writer.call(
      'patients:create',
      { fullName: '', dateOfBirth: '1980-06-02' },
      'dana'
    )
    expect(refused.ok).toBe(false)
    expect(entriesIn(db, 'waiting')).toEqual([])
  })
})

describe('ids from local to the server’s', () => {
  it('translates only local ids, anywhere in an input', () => {
    const local = blockStart('patients') + 7
    const map = (id: number) => (id === local ? 12 : undefined)
    const input = {
      patientId: local,
      items: [{ exerciseId: 3, dose: { sets: 3 } }],
      other: [local, 5]
    }
    expect(translate(input, map)).toEqual({
      patientId: 12,
      items: [{ exerciseId: 3, dose: { sets: 3 } }],
      other: [12, 5]
    })
    expect(localIdsIn(translate(input, () => undefined))).toEqual([local, local])
  })

  it('pairs the ids of two answers path by path, lists by position', () => {
    const p = blockStart('program_versions') + 1
    const pairs = pairIds(
      { id: p, patientId: 5, items: [{ id: p + 1 }, { id: p + 2 }], title: 'x' },
      { id: 90, patientId: 5, items: [{ id: 91 }, { id: 92 }], title: 'x' }
    )
    expect([...pairs]).toEqual([
      [p, 90],
      [p + 1, 91],
      [p + 2, 92]
    ])
    expect(localIdBase).toBe(2 ** 52)
  })

  it('moves an accepted patient with its visits, program and search entry to the server’s ids', async () => {
    const made = await patient('Łukasiewicz, Zoë')
    const visit = await ok<Visit>(
      writer.call('visits:create', { patientId: made.id, ...visitInput() }, 'dana')
    )
    const draft = await ok<ProgramVersion>(
      writer.call('programs:create', { patientId: made.id, source: { kind: 'blank' } }, 'dana')
    )
    // issued as the pull brings an issued version (issuing needs the library, which comes by the pull)
    db.prepare(
      `UPDATE program_versions SET status = 'issued', issued_at = '2026-11-27T10:00:00.000Z', snapshot = '{}' WHERE id = ?`
    ).run(draft.id)
    const [create, visitEntry, programEntry] = entriesIn(db, 'waiting')
    expect(create!.audit).toHaveLength(1)
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(2)
    accept(db, create!, { ...made, id: 501 })
    accept(db, visitEntry!, { ...visit, id: 7001, patientId: 501 })
    accept(db, programEntry!, { ...draft, id: 3001, programId: 3000, patientId: 501 })

    const api = offlineWriter(sqliteStore(db), resolve('resources'))
    expect(await ok<Patient>(api.call('patients:get', { id: 501 }, null))).toMatchObject({
      fullName: 'Łukasiewicz, Zoë'
    })
    expect(await ok<{ id: number }[]>(api.call('patients:list', { query: 'lukas' }, null))).toEqual(
      [expect.objectContaining({ id: 501 })]
    )
    expect(await ok<Visit[]>(api.call('visits:list', { patientId: 501 }, null))).toEqual([
      expect.objectContaining({ id: 7001, patientId: 501 })
    ])
    // the issued version moved, and stays frozen
    expect(
      await ok<ProgramVersion>(api.call('programs:get', { versionId: 3001 }, null))
    ).toMatchObject({
      status: 'issued',
      patientId: 501
    })
    expect(() =>
      db.prepare(`UPDATE program_versions SET title = 'x' WHERE id = 3001`).run()
    ).toThrow(/issued/)
    expect(db.prepare('SELECT latest_visit_id FROM patients WHERE id = 501').pluck().get()).toBe(
      7001
    )
    expect(db.pragma('foreign_key_check')).toEqual([])
    // the audit entries made here went with their writes: the server's come by the pull
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0)
    // and the trail's append-only triggers are back
    expect(
      db
        .prepare(`SELECT name FROM sqlite_schema WHERE name LIKE 'audit_log_no_%' ORDER BY name`)
        .pluck()
        .all()
    ).toEqual(['audit_log_no_delete', 'audit_log_no_update'])
    expect(entriesIn(db, 'sent').map((entry) => entry.channel)).toEqual([
      'patients:create',
      'visits:create',
      'programs:create'
    ])
  })
})
