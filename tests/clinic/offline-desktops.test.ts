/**
 * Clinic mode offline (issue 18) against a real clinic server and
 * PostgreSQL: two desktops (two data folders) work through the server
 * going away, then send what they made; everything arrives once, with the
 * server's ids; the same patient changed on both waits as one conflict,
 * both versions kept, until fields are chosen. The sending process killed
 * with SIGKILL midway, again and again, duplicates and loses nothing. A
 * server restored from an older pg_dump gets again what it lacks.
 */
import { spawn } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { emptyDose } from '../../src/shared/dose'
import type { SyncProblem } from '../../src/shared/sync'
import type { HandoutFile, Patient, ProgramVersion, Visit } from '../../src/shared/types'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { startClinicServer, type ClinicServer } from '../../src/main/clinic/server'
import { pdfText } from '../unit/pdf-tools'
import { visitInput } from '../unit/visit-input'
import { newClinic, passwords, pool, rowsOf, url } from './clinic-db'
import { exerciseInput } from './clinic-server'
import { connectDesktop, ok, openDesktop, type Desktop } from './offline-desktop'
import { postgresBin, startCluster, type Cluster } from './pg-cluster'

const app = pool('physioplan_app')
const password = 'correct horse battery'
let tls: Awaited<ReturnType<typeof makeServerCertificate>>
let server: ClinicServer
let address: string
let clinic: number
let logins: string[]
const desktops: Desktop[] = []
const logged = [vi.spyOn(console, 'error'), vi.spyOn(console, 'log')]

const serve = (port: number, on: pg.Pool = app) =>
  startClinicServer({
    pool: on,
    ...tls,
    port,
    host: '127.0.0.1',
    resourcesDir: resolve('resources')
  })

beforeAll(async () => {
  const passwordHash = await hashPassword(password, { ...scryptCost, N: 2 ** 10 })
  ;({ clinic, logins } = await newClinic(['dana', 'eli', 'kim'], { passwordHash }))
  tls = await makeServerCertificate({ dns: ['clinic.local'], ips: ['127.0.0.1'] })
  server = await serve(0)
  address = `https://127.0.0.1:${server.port}`
})
afterAll(async () => {
  for (const desktop of desktops) await desktop.close()
  await server.close()
  await app.end()
})

async function desktopOf(login: string): Promise<Desktop> {
  const desktop = openDesktop()
  desktops.push(desktop)
  await connectDesktop(desktop, address, login, password)
  return desktop
}

/** One count on the server, scoped to this file's clinic. */
async function onServer(text: string, values: unknown[] = []): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    app,
    { clinic },
    `SELECT count(*)::int AS n FROM ${text}`,
    values
  )
  return row!.n
}

const details = (fullName: string, more: object = {}) => ({
  fullName,
  dateOfBirth: '1980-06-02',
  ...more
})

/** A day's work for one patient, as a therapist does it: visit, program built, issued, printed. */
async function seePatient(desktop: Desktop, name: string, exerciseId: number) {
  const patient = await ok<Patient>(desktop.call('patients:create', details(name)))
  await ok<Visit>(
    desktop.call('visits:create', {
      patientId: patient.id,
      ...visitInput({
        visitType: 'initial',
        redFlags: ['night-pain'],
        outcomes: {
          ...(visitInput().outcomes as object),
          nprs: { now: 6, worst24h: 8, afterRunning: null },
          rmdq: 11
        }
      })
    })
  )
  const draft = await ok<ProgramVersion>(
    desktop.call('programs:create', { patientId: patient.id, source: { kind: 'blank' } })
  )
  const saved = await ok<ProgramVersion>(
    desktop.call('programs:save', {
      versionId: draft.id,
      version: draft.version,
      title: 'Calf loading',
      goals: 'Walk without calf pain',
      startDate: null,
      reviewDate: null,
      items: [{ exerciseId, phase: 'main', dose: { ...emptyDose, sets: 3, reps: 15, perDay: 1 } }],
      advice: [],
      walkRun: null
    })
  )
  await ok(desktop.call('programs:issue', { versionId: draft.id, version: saved.version }))
  const handout = await ok<HandoutFile>(desktop.call('handouts:pdf', { versionId: draft.id }))
  return { patient, draft, text: (await pdfText(Buffer.from(handout.bytes))).text }
}

describe('two desktops offline, against a real clinic server', () => {
  it('work while the server is away; on return everything arrives once, a shared patient in conflict', async () => {
    const [dana, eli] = [await desktopOf(logins[0]!), await desktopOf(logins[1]!)]
    // a patient both see, kept offline on both
    const sam = await ok<Patient>(dana.call('patients:create', details('Shared, Sam')))
    const exercise = await ok<{ id: number; name: string }>(
      dana.call('exercises:create', exerciseInput('Heel drop on a step'))
    )
    for (const desktop of [dana, eli]) {
      await ok(desktop.call('sync:pin', { patientId: sam.id, pinned: true }))
      await ok(desktop.call('sync:now', {}))
      expect(await desktop.status()).toMatchObject({
        state: 'online',
        waiting: 0,
        localCopy: { pinned: 1 }
      })
    }

    const port = server.port
    await server.close()
    // the first call to miss the server runs on the local copy; so does everything after
    for (const desktop of [dana, eli]) {
      const names = await ok<{ fullName: string }[]>(desktop.call('patients:list', {}))
      expect(names.map((each) => each.fullName)).toContain('Shared, Sam')
      expect(await desktop.status()).toMatchObject({ state: 'offline' })
    }
    const made = {
      dana: await seePatient(dana, 'Offline, Olga', exercise.id),
      eli: await seePatient(eli, 'Ørjan Ågren', exercise.id)
    }
    expect(made.dana.text).toContain('Offline, Olga')
    expect(made.eli.text).toContain('Ørjan Ågren')
    expect(made.dana.text).toContain(exercise.name)
    await ok(
      dana.call('patients:update', {
        id: sam.id,
        version: sam.version,
        ...details('Shared, Sam', { phone: '111' })
      })
    )
    await ok(
      eli.call('patients:update', {
        id: sam.id,
        version: sam.version,
        ...details('Shared, Sam', { phone: '222', notes: 'Runs 20 km' })
      })
    )
    expect(await dana.status()).toMatchObject({
      state: 'offline',
      waiting: 6,
      waitingFor: logins[0]
    })

    server = await serve(port)
    for (const desktop of [dana, eli]) await ok(desktop.call('sync:now', {}))
    expect(await dana.status()).toMatchObject({ state: 'online', waiting: 0, problems: 0 })
    expect(await eli.status()).toMatchObject({ state: 'online', waiting: 0, problems: 1 })

    // once each, whatever was sent
    for (const name of ['Offline, Olga', 'Ørjan Ågren', 'Shared, Sam']) {
      expect(await onServer('patients WHERE full_name = $1', [name])).toBe(1)
    }
    expect(await onServer('visits')).toBe(2)
    expect(await onServer(`visit_red_flags WHERE flag = 'night-pain'`)).toBe(2)
    expect(await onServer(`program_versions WHERE status = 'issued'`)).toBe(2)
    // the offline ids became the server's: the screen's old id still opens the patient
    const olga = await ok<Patient>(dana.call('patients:get', { id: made.dana.patient.id }))
    expect(olga.id).toBeLessThan(2 ** 52)
    expect(await ok<Patient>(dana.call('patients:get', { id: olga.id }))).toMatchObject({
      fullName: 'Offline, Olga'
    })

    // Dana's change went first; Eli's waits beside it
    const [problem] = await ok<SyncProblem[]>(eli.call('sync:problems', {}))
    expect(problem).toMatchObject({
      kind: 'conflict',
      entity: 'patient',
      entityId: sam.id,
      fields: [
        { key: 'phone', mine: '222', theirs: '111' },
        { key: 'notes', mine: 'Runs 20 km', theirs: null }
      ]
    })
    const [samNow] = await rowsOf<{ phone: string }>(
      app,
      { clinic },
      'SELECT phone FROM patients WHERE id = $1',
      [sam.id]
    )
    expect(samNow!.phone).toBe('111')
    await ok(
      eli.call('sync:resolve', {
        id: problem!.id,
        resolution: { choose: { phone: 'theirs', notes: 'mine' } }
      })
    )
    const [merged] = await rowsOf<{ phone: string; notes: string }>(
      app,
      { clinic },
      'SELECT phone, notes FROM patients WHERE id = $1',
      [sam.id]
    )
    expect(merged).toEqual({ phone: '111', notes: 'Runs 20 km' })
    expect(await eli.status()).toMatchObject({ waiting: 0, problems: 0 })
    // what a patient told us reached no log
    expect(JSON.stringify(logged.map((spy) => spy.mock.calls))).not.toMatch(/Olga|Ørjan|Runs 20/)
  })
})

/** Runs the sender child on `dataDir` and kills it with SIGKILL after `afterSent` writes; resolves to whether it was killed. */
function sendAndKill(
  dataDir: string,
  login: string,
  afterSent: number,
  env: Record<string, string> = {}
): Promise<boolean> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        resolve('node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'tests/clinic/offline-sender.config.mts'
      ],
      {
        env: {
          ...process.env,
          SENDER_DATA_DIR: dataDir,
          SENDER_LOGIN: login,
          SENDER_PASSWORD: password,
          ...env
        },
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const sent = [...output.matchAll(/sent (\d+)/g)].map((match) => Number(match[1]))
      if (sent.some((count) => count >= afterSent)) child.kill('SIGKILL')
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', fail)
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') return done(true)
      if (code === 0) return done(false)
      fail(new Error(`the sender failed: ${output.slice(-2000)}`))
    })
  })
}

describe('the sending process killed midway', () => {
  it('duplicates nothing and loses nothing', async () => {
    const kim = await desktopOf(logins[2]!)
    const port = server.port
    await server.close()
    await ok(kim.call('patients:list', {}))
    const names = Array.from({ length: 30 }, (_, index) => `Killed, Kai ${index + 1}`)
    for (const name of names) {
      const patient = await ok<Patient>(kim.call('patients:create', details(name)))
      await ok(kim.call('visits:create', { patientId: patient.id, ...visitInput() }))
    }
    const { dataDir } = kim
    await kim.close()
    desktops.splice(desktops.indexOf(kim), 1)
    server = await serve(port)

    // killed between the server's commit and the outbox's record of it: entries go patient,
    // visit, patient…, so the 5th applied is Kai 3, whose entry is still waiting here
    expect(
      await sendAndKill(dataDir, logins[2]!, Infinity, { SENDER_DIE_AFTER_APPLIED: '5' })
    ).toBe(true)
    expect(await onServer(`patients WHERE full_name LIKE 'Killed, Kai %'`)).toBe(3)
    let kills = 0
    for (const after of [3, 17, 29, 45])
      if (await sendAndKill(dataDir, logins[2]!, after)) kills += 1
    // killed at least twice midway (the last run may finish what is left)
    expect(kills).toBeGreaterThan(1)
    // started again, it sends the rest
    const again = openDesktop(dataDir)
    desktops.push(again)
    await again.signIn(logins[2]!, password)
    expect(await again.status()).toMatchObject({ waiting: 0, problems: 0 })
    expect(await onServer(`patients WHERE full_name LIKE 'Killed, Kai %'`)).toBe(30)
    expect(
      await onServer(
        `(SELECT full_name FROM patients WHERE full_name LIKE 'Killed, Kai %'
          GROUP BY full_name HAVING count(*) > 1) AS twice`
      )
    ).toBe(0)
    expect(
      await onServer(
        `visits v JOIN patients p ON p.id = v.patient_id WHERE p.full_name LIKE 'Killed, Kai %'`
      )
    ).toBe(30)
  })
})

describe('a server restored from an older backup', () => {
  const folder = mkdtempSync(join(tmpdir(), 'physioplan-offline-backup-'))
  const { superuserPassword } = inject('clinic')
  const tool = (name: string, args: string[]) =>
    execFileSync(join(postgresBin(), name), args, { stdio: 'pipe', encoding: 'utf8' })
  let restored: Cluster | undefined
  let restoredApp: pg.Pool | undefined
  let restoredServer: ClinicServer | undefined
  afterAll(async () => {
    await restoredServer?.close()
    await restoredApp?.end()
    restored?.stop()
    rmSync(folder, { recursive: true, force: true })
  })

  it('gets again what the devices sent since the backup', async () => {
    const dana = await desktopOf(logins[0]!)
    // last night's backup
    const roles = join(folder, 'roles.sql')
    const dump = join(folder, 'physioplan.dump')
    tool('pg_dumpall', ['--roles-only', '-d', url('postgres', 'postgres'), '-f', roles])
    tool('pg_dump', ['-Fc', '-d', url('postgres'), '-f', dump])
    // today's work, offline and sent
    const port = server.port
    await server.close()
    await ok(dana.call('patients:list', {}))
    const today = await ok<Patient>(dana.call('patients:create', details('After, Abe')))
    await ok(dana.call('visits:create', { patientId: today.id, ...visitInput() }))
    server = await serve(port)
    await ok(dana.call('sync:now', {}))
    expect(await onServer(`patients WHERE full_name = 'After, Abe'`)).toBe(1)

    // the server's disk dies; the clinic restores last night's backup on another machine
    restored = await startCluster()
    tool('psql', ['-q', '-d', restored.url('postgres', restored.superuserPassword), '-f', roles])
    tool('pg_restore', [
      '--exit-on-error',
      '-C',
      '-d',
      restored.url('postgres', superuserPassword),
      dump
    ])
    restoredApp = new pg.Pool({
      connectionString: restored.url('physioplan_app', passwords.app, 'physioplan'),
      types: clinicTypes,
      max: 4
    })
    restoredServer = await serve(0, restoredApp)
    const count = async (text: string) =>
      (
        await rowsOf<{ n: number }>(
          restoredApp!,
          { clinic },
          `SELECT count(*)::int AS n FROM ${text}`
        )
      )[0]!.n
    expect(await count(`patients WHERE full_name = 'After, Abe'`)).toBe(0)

    // the same certificate at a new address: the same local copy, which notices and resends
    await connectDesktop(dana, `https://127.0.0.1:${restoredServer.port}`, logins[0]!, password)
    expect(await dana.status()).toMatchObject({ waiting: 0, problems: 0 })
    expect(await count(`patients WHERE full_name = 'After, Abe'`)).toBe(1)
    expect(
      await count(
        `visits v JOIN patients p ON p.id = v.patient_id WHERE p.full_name = 'After, Abe'`
      )
    ).toBe(1)
    // once more: nothing twice
    await ok(dana.call('sync:now', {}))
    expect(await count(`patients WHERE full_name = 'After, Abe'`)).toBe(1)
  }, 120_000)
})
