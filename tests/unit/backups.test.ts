import { readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import {
  backupStatus,
  backupsToRemove,
  listBackups,
  makeBackup,
  restoreBackup
} from '../../src/main/core/backups'
import { inspectBackup } from '../../src/main/core/backup-copy'
import type { OffThread } from '../../src/main/offthread/pool'
import { schemaVersion } from '../../src/main/core/db/migrate'
import { openDatabase } from '../../src/main/core/db/open'
import { createPatient, listPatients } from '../../src/main/core/patients'
import { sqliteStore } from '../../src/main/core/query/store'
import { fileApi, inline, patientFields, tempDir } from './helpers'

function liveDatabase() {
  const dir = tempDir()
  const file = join(dir, 'physioplan.sqlite3')
  const { db } = openDatabase(file)
  return {
    dir,
    file,
    db,
    folder: join(dir, 'backups'),
    live: { databaseFile: file, offThread: inline }
  }
}

describe('backups', () => {
  it('writes a verified copy and lists it', async () => {
    const { db, folder, live } = liveDatabase()
    await sqliteStore(db).write((q) => createPatient(q, patientFields('Ada Ek')))
    const progress: [number, number][] = []
    const made = await makeBackup(live, folder, new Date('2026-11-25T10:11:12Z'), (done, total) =>
      progress.push([done, total])
    )
    expect(made.file).toBe(join(folder, 'physioplan-2026-11-25-101112.sqlite3'))
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1])
    expect(listBackups(folder)).toEqual([made])
    expect(inspectBackup(made.file)).toMatchObject({
      schemaVersion,
      patients: 1,
      programs: 0,
      visits: 0
    })
    expect(readdirSync(folder)).toEqual(['physioplan-2026-11-25-101112.sqlite3'])
    db.close()
  })

  it('copies every row with its rowid, the schema and the version, searchable', async () => {
    const { db, folder, live } = liveDatabase()
    for (const name of ['Ada Ek', 'Bo Lind', 'Cy Berg'])
      await sqliteStore(db).write((q) => createPatient(q, patientFields(name)))
    db.prepare("DELETE FROM patients WHERE full_name = 'Bo Lind'").run()
    const made = await makeBackup(live, folder)
    const copy = new Database(made.file, { readonly: true })
    const schema = (of: Database.Database) =>
      of.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all()
    expect(schema(copy)).toEqual(schema(db))
    expect(copy.pragma('user_version', { simple: true })).toBe(schemaVersion)
    // a self-contained file: rollback journal, no -wal beside it
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0")
      .pluck()
      .all() as string[]
    expect(tables.length).toBeGreaterThan(10)
    for (const table of tables) {
      const rows = (of: Database.Database) => of.prepare(`SELECT * FROM "${table}"`).raw().all()
      // rowids too: full-text indexes and foreign keys point at them
      const ids = (of: Database.Database) => {
        const withoutRowid = /WITHOUT ROWID/i.test(
          of.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string
        )
        return withoutRowid
          ? []
          : of.prepare(`SELECT rowid FROM "${table}" ORDER BY 1`).pluck().all()
      }
      expect([table, rows(copy), ids(copy)]).toEqual([table, rows(db), ids(db)])
    }
    expect(
      (await sqliteStore(copy).read((q) => listPatients(q, { query: 'Cy' }))).map((p) => p.fullName)
    ).toEqual(['Cy Berg'])
    copy.close()
    db.close()
  })

  it('reports the copy growing while the worker writes it, done only once checked', async () => {
    const { db, file, folder, live } = liveDatabase()
    await sqliteStore(db).write((q) => createPatient(q, patientFields('Ada Ek')))
    // a worker that takes its time: half the copy written, then the real copy
    const slow: OffThread = {
      ...inline,
      run: async (name, input, onProgress) => {
        if (name !== 'backup') throw new Error(name)
        const { partial } = input as { partial: string }
        writeFileSync(partial, Buffer.alloc(statSync(file).size / 2))
        await new Promise((resolve) => setTimeout(resolve, 600))
        rmSync(partial)
        return inline.run(name, input, onProgress)
      }
    }
    const progress: [number, number][] = []
    await makeBackup({ ...live, offThread: slow }, folder, new Date(), (done, total) =>
      progress.push([done, total])
    )
    const total = statSync(file).size
    expect(progress).toContainEqual([total / 2, total])
    const [done, of] = progress.at(-1)!
    expect(done).toBe(of)
    expect(progress.slice(0, -1).every(([written]) => written < total)).toBe(true)
    // nothing reported once the worker answered
    const reported = progress.length
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(progress).toHaveLength(reported)
    db.close()
  })

  it('keeps 7 daily and 4 weekly backups', () => {
    const backups = Array.from({ length: 60 }, (_, n) => {
      const date = new Date(Date.UTC(2026, 10, 25) - n * 86_400_000)
      return { file: `b${n}`, createdAt: date.toISOString() }
    })
    backups.push({ file: 'same-day-older', createdAt: '2026-11-25T00:00:00.000Z' })
    backups[0]!.createdAt = '2026-11-25T09:00:00.000Z'
    const removed = new Set(backupsToRemove(backups))
    const kept = backups.filter((backup) => !removed.has(backup.file)).map((backup) => backup.file)
    expect(kept.slice(0, 7)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6'])
    expect(kept).toHaveLength(11)
    expect(removed.has('same-day-older')).toBe(true)
  })

  it('says when the newest backup is over a week old', async () => {
    const { db, dir, folder, live } = liveDatabase()
    expect(backupStatus(db, dir)).toMatchObject({ last: null, stale: true, folder })
    await makeBackup(live, folder, new Date('2026-11-01T08:00:00Z'))
    expect(backupStatus(db, dir, new Date('2026-11-05T08:00:00Z')).stale).toBe(false)
    expect(backupStatus(db, dir, new Date('2026-11-09T08:00:01Z')).stale).toBe(true)
    db.close()
  })

  it('restores a backup, keeping the current data as a safety copy', async () => {
    const { db, file, folder, live } = liveDatabase()
    await sqliteStore(db).write((q) => createPatient(q, patientFields('Before Backup')))
    const backup = await makeBackup(live, folder)
    await sqliteStore(db).write((q) => createPatient(q, patientFields('After Backup')))

    const { safetyCopy, contents } = await restoreBackup(db, live, backup.file, folder)
    expect(contents.patients).toBe(1)
    // the open connection sees the restored data at once
    expect((await sqliteStore(db).read((q) => listPatients(q, {}))).map((p) => p.fullName)).toEqual(
      ['Before Backup']
    )
    const safety = new Database(safetyCopy, { readonly: true })
    expect(safety.prepare('SELECT full_name FROM patients ORDER BY id').pluck().all()).toEqual([
      'Before Backup',
      'After Backup'
    ])
    safety.close()
    // and the restored file keeps working, still in WAL mode
    await sqliteStore(db).write((q) => createPatient(q, patientFields('After Restore')))
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
    const reopened = openDatabase(file).db
    expect(
      (await sqliteStore(reopened).read((q) => listPatients(q, {}))).map((p) => p.fullName)
    ).toEqual(['After Restore', 'Before Backup'])
    reopened.close()
  })

  it('refuses a damaged file, a file that is not a database, and a newer one', async () => {
    const dir = tempDir()
    const junk = join(dir, 'junk.sqlite3')
    writeFileSync(junk, 'this is not sqlite at all, just text '.repeat(200))
    expect(() => inspectBackup(junk)).toThrow(/can’t be opened|is not a PhysioPlan database/)

    const newer = join(dir, 'newer.sqlite3')
    const future = new Database(newer)
    future.exec('CREATE TABLE patients (x); CREATE TABLE programs (x); CREATE TABLE visits (x);')
    future.pragma(`user_version = ${schemaVersion + 1}`)
    future.close()
    const { db, live } = liveDatabase()
    await sqliteStore(db).write((q) => createPatient(q, patientFields('Stays Here')))
    await expect(restoreBackup(db, live, newer, dir)).rejects.toThrow(/newer version of PhysioPlan/)
    expect((await sqliteStore(db).read((q) => listPatients(q, {}))).map((p) => p.fullName)).toEqual(
      ['Stays Here']
    )
    db.close()
    utimesSync(newer, new Date(), new Date())
  })
})

describe('backing up through the api', () => {
  it('runs as a job whose progress the page follows to a verified backup', async () => {
    const { dir, db, call } = fileApi()
    const started = await call('backups:start', { saveAs: false })
    const jobId = started.ok ? (started.data as { jobId: string }).jobId : ''
    let status
    do {
      await new Promise((resolve) => setTimeout(resolve, 10))
      const polled = await call('jobs:progress', { jobId })
      status = polled.ok ? (polled.data as { state: string; done: number; total: number }) : null
    } while (status?.state === 'running')
    expect(status).toMatchObject({ state: 'done' })
    expect(status!.done).toBe(status!.total)
    expect(status!.total).toBeGreaterThan(0)
    expect(listBackups(join(dir, 'backups'))).toHaveLength(1)
    const refused = await call('backups:start', { saveAs: true })
    expect(refused.ok || refused.error.code).toBe('unavailable')
    db.close()
  })
})
