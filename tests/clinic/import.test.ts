/**
 * `clinic-server import` (src/main/clinic/import.ts): a solo file the app
 * itself wrote (its seed, then its own calls through the contract), imported
 * into a new clinic on a database of its own (kept ids would meet the other
 * test files' rows in the shared one), and checked.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkImport, checkPassed } from '../../src/main/clinic/import-check'
import { seedNewClinic } from '../../src/main/clinic/seed-clinic'
import { importSolo, type ImportTarget } from '../../src/main/clinic/import'
import { openSoloCopy } from '../../src/main/clinic/import-solo'
import { migrateClinic } from '../../src/main/clinic/pg-migrate'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { createClinicDatabase } from '../../src/main/clinic/roles'
import { migrate, migrations, schemaVersion } from '../../src/main/core/db/migrate'
import { createPatient, getPatient, listPatients } from '../../src/main/core/patients'
import { getSnapshot } from '../../src/main/core/programs'
import { emptyDose } from '../../src/shared/dose'
import type { Exercise, Patient, ProgramVersion, Template, Visit } from '../../src/shared/types'
import { fileApi, ok, patientFields, tempDir } from '../unit/helpers'
import { visitInput } from '../unit/visit-input'
import { url } from './clinic-db'

const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

const closing: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const close of closing) await close()
})

let databases = 0
/** A migrated database of its own with one clinic and its administrator, as init leaves it. */
async function newServer(): Promise<{
  target: ImportTarget
  app: pg.Pool
  adminId: number
  seed: () => Promise<void>
}> {
  const name = `physioplan_import_${++databases}`
  const superuser = new pg.Client({ connectionString: url('postgres', 'postgres') })
  await superuser.connect()
  await createClinicDatabase(superuser, name).finally(() => superuser.end())
  const owner = new pg.Client({
    connectionString: url('physioplan_owner', name),
    types: clinicTypes
  })
  await owner.connect()
  await migrateClinic(owner)
  await owner.query('BEGIN')
  const clinic = (await owner.query("INSERT INTO clinics (name) VALUES ('Imported') RETURNING id"))
    .rows[0].id as number
  await owner.query("SELECT set_config('physioplan.clinic_id', $1, true)", [String(clinic)])
  const adminId = (
    await owner.query(
      `INSERT INTO accounts (login, display_name, role, password_hash)
       VALUES ('ada-${name}', 'Ada', 'administrator', 'scrypt$not-a-real-hash') RETURNING id`
    )
  ).rows[0].id as number
  await owner.query('COMMIT')
  const app = new pg.Pool({ connectionString: url('physioplan_app', name), types: clinicTypes })
  closing.push(
    () => owner.end(),
    () => app.end()
  )
  const scope = { clinicId: clinic, accountId: adminId }
  const store = postgresStore(app, scope)
  // what init does next: the built-in content a new solo app starts with
  const seed = () => seedNewClinic(owner, url('physioplan_app', name), scope)
  return { target: { store, owner }, app, adminId, seed }
}

/** A solo clinic as the app writes it: seeded, then used. */
async function soloClinic() {
  const api = fileApi()
  const patients: Patient[] = []
  for (const fullName of ['Ørjan Łukasiewicz', 'Zoë Straße', '山田 花子', 'Nakamura, Ken']) {
    patients.push(
      await ok<Patient>(api, 'patients:create', {
        fullName,
        dateOfBirth: '1984-03-09',
        condition: 'Achilles tendinopathy'
      })
    )
  }
  const photo = await ok<Exercise>(api, 'exercises:create', {
    name: 'Heel drop on a step',
    summary: 'Lower the heel slowly below the step.',
    steps: ['Stand on the step on the balls of your feet.', 'Lower the heels slowly.'],
    category: 'strengthening',
    bodyRegions: ['calves'],
    position: 'standing',
    equipment: ['step'],
    difficulty: 'moderate',
    caution: null,
    defaultDose: { ...emptyDose, sets: 3, reps: 15, perDay: 2 },
    photos: [{ dataUrl: png }]
  })
  const draft = await ok<ProgramVersion>(api, 'programs:create', {
    patientId: patients[0]!.id,
    source: { kind: 'blank' },
    title: 'Achilles, loading'
  })
  const saved = await ok<ProgramVersion>(api, 'programs:save', {
    versionId: draft.id,
    version: draft.version,
    title: 'Achilles, loading',
    goals: 'Run 5 km without pain',
    startDate: null,
    reviewDate: null,
    items: [{ exerciseId: photo.id, dose: { ...emptyDose, sets: 3, reps: 15, perDay: 2 } }],
    advice: []
  })
  await ok(api, 'clinic:update', {
    clinicName: 'Physio am Fluss',
    address: 'Uferstraße 3',
    phone: '+49 30 1234',
    email: 'team@example.org',
    therapistName: 'Renée',
    emergencyNumber: '112',
    logoDataUrl: null,
    version: 0
  })
  await ok(api, 'handouts:setOptions', {
    paper: 'A4',
    largePrint: true,
    pictures: true,
    diaryWeeks: 2,
    version: 0
  })
  const issued = await ok<ProgramVersion>(api, 'programs:issue', {
    versionId: draft.id,
    version: saved.version
  })
  const template = await ok<Template>(api, 'templates:saveFrom', {
    versionId: issued.id,
    name: 'Achilles, early loading'
  })
  // a second version, left a draft
  await ok(api, 'programs:revise', { versionId: issued.id })
  const visit = await ok<Visit>(api, 'visits:create', {
    patientId: patients[0]!.id,
    ...visitInput({
      visitType: 'initial',
      programVersionId: issued.id,
      redFlags: ['night-pain'],
      outcomes: {
        ...(visitInput().outcomes as object),
        nprs: { now: 5, worst24h: 7, afterRunning: 6 },
        psfs: [
          { activity: 'Laufen 5 km', rating: 3 },
          { activity: 'Treppen', rating: 6 },
          { activity: 'Springen', rating: 2 }
        ]
      }
    })
  })
  // erased: its audit rows stay, naming an id no patient has
  const gone = await ok<Patient>(api, 'patients:create', {
    fullName: 'Gone, Erased',
    dateOfBirth: '1990-01-01'
  })
  await ok(api, 'patients:erase', { id: gone.id, confirmName: 'Gone, Erased' })
  // kept apart from fileApi's folder, which goes after the first test
  const folder = mkdtempSync(join(tmpdir(), 'physioplan-import-test-'))
  closing.push(async () => rmSync(folder, { recursive: true, force: true }))
  const file = join(folder, 'physioplan.sqlite3')
  await api.db.backup(file)
  const snapshot = api.db
    .prepare('SELECT snapshot FROM program_versions WHERE id = ?')
    .pluck()
    .get(issued.id) as string
  return { file, snapshot, patients, photo, issued, template, visit, gone }
}

describe('clinic-server import', () => {
  let solo: Awaited<ReturnType<typeof soloClinic>>
  let server: Awaited<ReturnType<typeof newServer>>
  const progress: string[] = []
  beforeAll(async () => {
    solo = await soloClinic()
    server = await newServer()
  })

  it('imports every table, and the check finds counts and sampled rows equal', async () => {
    const report = await importSolo(solo.file, server.target, (line) => progress.push(line))
    expect(checkPassed(report.tables)).toBe(true)
    const counted = Object.fromEntries(report.tables.map((check) => [check.table, check.rows]))
    for (const table of ['patients', 'visits', 'visit_outcomes', 'visit_red_flags', 'settings']) {
      expect(counted[table]!.solo, table).toBeGreaterThan(0)
      expect(counted[table]!.clinic, table).toBe(counted[table]!.solo)
    }
    expect(counted['program_versions (issued)']).toEqual({ solo: 1, clinic: 1 })
    expect(counted['exercise_media']!.solo).toBeGreaterThan(1)
    // the seeded library came along: built-in templates and the clinic's own
    expect(counted['templates']!.solo).toBeGreaterThan(10)
    // progress names tables and counts, never a patient
    expect(progress.join('\n')).toContain('patients: 4 / 4')
    expect(progress.join('\n')).not.toMatch(/Ørjan|Łukasiewicz|Achilles tendinopathy|Fluss/)
  })

  it('keeps ids, so the frozen snapshot is byte for byte the file’s and still finds its picture', async () => {
    const { store } = server.target
    const { rows } = await store.read((q) =>
      sql<{
        snapshot: string
        status: string
      }>`SELECT snapshot, status FROM program_versions WHERE id = ${solo.issued.id}`.execute(q)
    )
    expect(rows[0]).toEqual({ snapshot: solo.snapshot, status: 'issued' })
    const snapshot = await store.read((q) => getSnapshot(q, solo.issued.id))
    const [mediaId] = snapshot.exercises[0]!.mediaIds
    const picture = await store.read((q) =>
      q
        .selectFrom('exercise_media')
        .select(['data', 'exercise_id'])
        .where('id', '=', mediaId!)
        .executeTakeFirstOrThrow()
    )
    expect(picture.exercise_id).toBe(solo.photo.id)
    expect(picture.data).toEqual(Buffer.from(png.split(',')[1]!, 'base64'))
    // found by the clinic's search, unicode folded as on the desktop
    const found = await store.read((q) => listPatients(q, { query: 'orjan lukas' }))
    expect(found.map((patient) => patient.id)).toEqual([solo.patients[0]!.id])
    expect((await store.read((q) => getPatient(q, solo.patients[2]!.id))).fullName).toBe(
      '山田 花子'
    )
  })

  it('copies the audit trail as history, by the importing administrator, and hands out new ids past the file’s', async () => {
    const { store } = server.target
    const { rows } = await store.read((q) =>
      sql<{ users: number; user: number; erased: number }>`SELECT count(DISTINCT user_id) AS users,
        min(user_id) AS user,
        count(*) FILTER (WHERE patient_id = ${solo.gone.id}) AS erased FROM audit_log`.execute(q)
    )
    expect(rows[0]).toEqual({ users: 1, user: server.adminId, erased: 2 })
    // the erased patient's id was the file's highest: a new patient never takes it
    const added = await store.write((q) => createPatient(q, patientFields('New, Here')))
    expect(added.id).toBeGreaterThan(solo.gone.id)
  })

  it('refuses to import into a clinic that has data, and writes nothing', async () => {
    const count = () =>
      server.target.store.read(
        async (q) =>
          (await sql<{ n: number }>`SELECT count(*) AS n FROM visits`.execute(q)).rows[0]!.n
      )
    const before = await count()
    await expect(importSolo(solo.file, server.target, () => {})).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('This clinic already has data (settings, advice_sections')
    })
    expect(await count()).toBe(before)
  })

  it('finds a changed row, naming the key and column only', async () => {
    const copy = await openSoloCopy(solo.file)
    try {
      const checks = await server.target.store
        .write(async (q) => {
          await sql`UPDATE patients SET full_name = 'Someone Else' WHERE id = ${solo.patients[1]!.id}`.execute(
            q
          )
          // every patient is in the sample (fewer than 100)
          const found = await checkImport(copy.db, q)
          throw Object.assign(new Error('roll back'), { found })
        })
        .catch((error: { found: Awaited<ReturnType<typeof checkImport>> }) => error.found)
      expect(checkPassed(checks)).toBe(false)
      expect(checks.find((check) => check.table === 'patients')!.differing).toEqual([
        { key: String(solo.patients[1]!.id), columns: ['full_name'] }
      ])
    } finally {
      copy.close()
    }
  })
})

describe('files the import refuses, with nothing written', () => {
  let server: Awaited<ReturnType<typeof newServer>>
  beforeAll(async () => {
    server = await newServer()
  })
  const nothingWritten = async () => {
    const { rows } = await server.target.store.read((q) =>
      sql<{
        n: number
      }>`SELECT (SELECT count(*) FROM settings) + (SELECT count(*) FROM exercises) AS n`.execute(q)
    )
    expect(rows[0]!.n).toBe(0)
  }

  it('a damaged file or one that is not a database', async () => {
    const file = join(tempDir(), 'physioplan.sqlite3')
    writeFileSync(file, 'this is a letter, not a database'.repeat(200))
    await expect(importSolo(file, server.target, () => {})).rejects.toThrow(
      `${file} can’t be imported: it is damaged or not a PhysioPlan database. Nothing was imported, and the file was not changed.`
    )
    expect(readFileSync(file, 'utf8')).toBe('this is a letter, not a database'.repeat(200))
    await expect(
      importSolo(join(tempDir(), 'none.sqlite3'), server.target, () => {})
    ).rejects.toThrow(/can’t be imported: .*Nothing was imported/)
    await nothingWritten()
  })

  it('a file from a newer app, in the app’s own words', async () => {
    const newer = fileApi()
    newer.db.pragma(`user_version = ${schemaVersion + 1}`)
    await expect(importSolo(newer.file, server.target, () => {})).rejects.toThrow(
      /This data was saved by a newer version of PhysioPlan .* Nothing in the file was changed\./
    )
    await nothingWritten()
  })
})

it('imports a file from an older app through a migrated copy, leaving the file as it was', async () => {
  const file = join(tempDir(), 'physioplan.sqlite3')
  const older = new Database(file)
  migrate(older, { backupFile: null, list: migrations.slice(0, schemaVersion - 1) })
  older
    .prepare(
      `INSERT INTO patients (full_name, sort_key, date_of_birth, created_at, updated_at)
       VALUES ('Åsa Öberg', 'asa oberg', '1970-01-01', '2025-01-01', '2025-01-01')`
    )
    .run()
  older.close()
  const before = readFileSync(file)
  const server = await newServer()
  const report = await importSolo(file, server.target, () => {})
  expect(report.version).toEqual({ file: schemaVersion - 1, copy: schemaVersion })
  expect(checkPassed(report.tables)).toBe(true)
  expect(readFileSync(file).equals(before)).toBe(true)
  const found = await server.target.store.read((q) => listPatients(q, { query: 'asa' }))
  expect(found.map((patient) => patient.fullName)).toEqual(['Åsa Öberg'])
})

describe('a clinic as init left it, holding the built-in content', () => {
  const templates = (server: Awaited<ReturnType<typeof newServer>>) =>
    server.target.store.read(
      async (q) =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM templates`.execute(q)).rows[0]!.n
    )

  it('takes the file’s content in its place, checked as any import', async () => {
    const [solo, server] = [await soloClinic(), await newServer()]
    await server.seed()
    expect(await templates(server)).toBeGreaterThan(10)
    const report = await importSolo(solo.file, server.target, () => {})
    expect(checkPassed(report.tables)).toBe(true)
    const counted = Object.fromEntries(report.tables.map((check) => [check.table, check.rows]))
    // the file's own template (saved from its program) came in beside the built-in ones, once
    expect(counted['templates']!.clinic).toBe(counted['templates']!.solo)
    expect(counted['patients']!.clinic).toBe(4)
  })

  it.each([
    [
      'a template edited',
      sql`UPDATE templates SET version = version + 1 WHERE id = (SELECT min(id) FROM templates)`
    ],
    [
      'an exercise made a favourite',
      sql`UPDATE exercises SET favourite = 1 WHERE id = (SELECT min(id) FROM exercises)`
    ]
  ])('refuses once someone changed it there (%s), deleting nothing', async (_, change) => {
    const [solo, server] = [await soloClinic(), await newServer()]
    await server.seed()
    await server.target.store.write((q) => change.execute(q))
    const before = await templates(server)
    await expect(importSolo(solo.file, server.target, () => {})).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('empty or as init left it')
    })
    expect(await templates(server)).toBe(before)
  })
})
