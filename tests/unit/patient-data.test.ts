import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { HandoutFile, Patient, ProgramVersion, Template } from '../../src/shared/types'
import { createHandlers, dispatch } from '../../src/main/core/api'
import { openDatabase } from '../../src/main/core/db/open'
import { openStore } from '../../src/main/core/store'
import { countRows, fileApi, inline, memoryApi, tempDir, type MemoryApi, ok } from './helpers'
import { noOutcomes, visitInput } from './visit-input'

const name = 'Quintessa Vøllestad-Zyx'

/** A patient with a visit (PSFS activity naming them) and an issued program. */
async function fullRecord(api: Pick<MemoryApi, 'call'>): Promise<Patient> {
  const patient = await ok<Patient>(api, 'patients:create', {
    fullName: name,
    dateOfBirth: '1980-02-02',
    condition: 'Low back pain',
    notes: `${name} runs marathons.`
  })
  const relief = (await ok<Template[]>(api, 'templates:list', {})).find((t) =>
    t.name.endsWith('relief')
  )!
  const draft = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patient.id,
    source: { kind: 'template', templateId: relief.id }
  })
  await ok(api, 'programs:issue', { versionId: draft.id, version: draft.version })
  await ok(api, 'visits:create', {
    patientId: patient.id,
    ...visitInput({
      visitDate: '2026-01-05',
      visitType: 'initial',
      programVersionId: draft.id,
      subjective: `${name} reports pain after 10 km.`,
      nextVisitDate: '2026-01-19',
      outcomes: {
        ...noOutcomes,
        lefs: Array<number>(20).fill(2),
        running: { runsPerWeek: 3, weeklyKm: 24.5, longestKm: 10, pain: 3 },
        nprs: { now: 5, worst24h: 7, afterRunning: 6 },
        odi: [2, 1, 2, 1, 2, 1, 1, 0, 1, 1],
        rmdq: 8,
        psfs: [
          { activity: 'Running', rating: 3 },
          { activity: 'Sitting', rating: 6 },
          { activity: 'Carrying shopping', rating: 5 }
        ]
      }
    })
  })
  await ok(api, 'patients:setMeasures', { id: patient.id, measures: ['nprs', 'lefs', 'running'] })
  return patient
}

describe('exporting a patient', () => {
  it('makes one archive: everything as JSON, and every issued handout as PDF', async () => {
    const api = memoryApi()
    const patient = await fullRecord(api)
    const file = await ok<HandoutFile>(api, 'patients:export', { id: patient.id })
    expect(file.fileName).toMatch(
      /^Quintessa Vøllestad-Zyx - PhysioPlan export - \d{4}-\d{2}-\d{2}\.zip$/
    )
    const entries = unzipSync(Buffer.from(file.bytes))
    const json = JSON.parse(strFromU8(entries['patient.json']!))
    expect(json).toMatchObject({
      format: 'physioplan-patient-export',
      formatVersion: 3,
      patient: {
        fullName: name,
        notes: `${name} runs marathons.`,
        measures: ['nprs', 'lefs', 'running']
      },
      visits: [
        {
          visitType: 'initial',
          scores: { odiPercent: 24, lefsTotal: 40 },
          outcomes: { running: { runsPerWeek: 3, weeklyKm: 24.5, longestKm: 10, pain: 3 } }
        }
      ],
      programVersions: [{ status: 'issued', snapshot: { patient: { fullName: name } } }]
    })
    expect(json.handouts).toHaveLength(1)
    const pdf = entries[json.handouts[0]]!
    expect(strFromU8(pdf.subarray(0, 5))).toBe('%PDF-')
  })
})

describe('erasing a patient', () => {
  it('needs the full name typed, and then leaves no trace in the database file or its WAL', async () => {
    const api = fileApi()
    const { db, file } = api
    const patient = await fullRecord(api)
    const bytesOnDisk = () =>
      Buffer.concat([file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path)))
    db.pragma('wal_checkpoint(PASSIVE)')
    expect(bytesOnDisk().includes(Buffer.from(name))).toBe(true)

    const refused = await api.call('patients:erase', { id: patient.id, confirmName: 'Quintessa' })
    expect(refused.ok || refused.error).toEqual({
      code: 'invalid_input',
      message: `Type the patient’s full name, ${name}, to confirm.`,
      field: 'confirmName'
    })
    expect(countRows(db, 'patients')).toBe(1)

    expect(await ok(api, 'patients:erase', { id: patient.id, confirmName: ` ${name} ` })).toEqual({
      journalCleared: true
    })
    for (const table of [
      'patients',
      'programs',
      'program_versions',
      'program_items',
      'visits',
      'visit_outcomes'
    ]) {
      expect(countRows(db, table), table).toBe(0)
    }
    expect(await ok<unknown[]>(api, 'patients:list', { query: 'Quintessa' })).toEqual([])
    db.close()
    const remains = bytesOnDisk()
    expect(remains.includes(Buffer.from(name))).toBe(false)
    expect(remains.includes(Buffer.from('Quintessa'))).toBe(false)
    expect(remains.includes(Buffer.from('Vøllestad'))).toBe(false)
  })
})

describe('erasing while another connection reads the file', () => {
  const onDisk = (file: string) =>
    Buffer.concat([file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path)))

  /** A second connection inside a read transaction: what a backup on the data worker holds. */
  function reading(file: string): Database.Database {
    const reader = new Database(file, { readonly: true })
    reader.prepare('BEGIN').run()
    reader.prepare('SELECT count(*) FROM patients').get()
    return reader
  }

  it('waits for the workers to finish, tries again, and empties the WAL at once', async () => {
    const file = join(tempDir(), 'physioplan.sqlite3')
    const { db } = openDatabase(file)
    let reader: Database.Database | null = null
    let waited = false
    const handlers = createHandlers({
      db,
      transport: 'web',
      version: 'test',
      dataDir: join(file, '..'),
      databaseFile: file,
      resourcesDir: resolve('resources'),
      // the worker's task ends while the erase waits for it
      offThread: {
        ...inline,
        idle: async () => {
          waited = true
          reader?.prepare('COMMIT').run()
        }
      }
    })
    const api = { call: (channel: string, input: unknown) => dispatch(handlers, channel, input) }
    const patient = await fullRecord(api)
    reader = reading(file)
    expect(await ok(api, 'patients:erase', { id: patient.id, confirmName: name })).toEqual({
      journalCleared: true
    })
    expect(waited).toBe(true)
    // the database still open, and still the name is nowhere in its files
    expect(onDisk(file).includes(Buffer.from('Vøllestad'))).toBe(false)
    reader.close()
    db.close()
  })

  it('still blocked: says so, and the WAL is emptied when the app closes', async () => {
    const dataDir = tempDir()
    const store = openStore({
      dataDir,
      transport: 'web',
      version: 'test',
      resourcesDir: resolve('resources'),
      workerFile: null
    })
    const api = {
      call: (channel: string, input: unknown) => dispatch(store.handlers, channel, input)
    }
    const patient = await fullRecord(api)
    const reader = reading(store.databaseFile)
    expect(await ok(api, 'patients:erase', { id: patient.id, confirmName: name })).toEqual({
      journalCleared: false
    })
    expect(onDisk(store.databaseFile).includes(Buffer.from('Vøllestad'))).toBe(true)
    // the reader is done but its connection is still open, as a worker's can be at quit
    reader.prepare('COMMIT').run()
    await store.close()
    expect(onDisk(store.databaseFile).includes(Buffer.from('Vøllestad'))).toBe(false)
    reader.close()
  })
})
