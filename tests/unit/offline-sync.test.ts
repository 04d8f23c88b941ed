/**
 * The desktop offline in clinic mode (issue 18), end to end in one process:
 * the real connection and dispatch over a clinic "server" that runs the
 * served handlers on a SQLite store of its own and applies each
 * idempotency key once, as the clinic server does. The server goes away
 * and comes back; what was made meanwhile arrives once, with the server's
 * ids; a detail changed on both sides waits as a conflict; a refused write
 * waits with its dependants; a server that lost writes gets them again.
 * The real server and PostgreSQL: tests/clinic/offline-desktops.test.ts.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Database } from 'better-sqlite3'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Result } from '../../src/shared/errors'
import type { SyncProblem, SyncStatus } from '../../src/shared/sync'
import type { Patient, ProgramVersion, Visit } from '../../src/shared/types'
import { dispatch, createApi, type Handlers } from '../../src/main/core/api'
import { sqliteStore } from '../../src/main/core/query/store'
import { fingerprint, makeServerCertificate } from '../../src/main/clinic/certificate'
import type { ClinicClient } from '../../src/main/clinic/client'
import { clinicConnection } from '../../src/main/clinic/connection'
import { clinicDispatch } from '../../src/main/clinic/forward'
import { servedHandlers } from '../../src/main/clinic/served'
import { offlineSync, type OfflineSync } from '../../src/main/clinic/offline/engine'
import { blockStart } from '../../src/main/clinic/offline/local-ids'
import { localCopyFile } from '../../src/main/clinic/offline/local-copy'
import { inline, memoryDb, tempDir } from './helpers'
import { visitInput } from './visit-input'

const address = 'https://clinic-server:8443'
let pem: string
beforeAll(async () => {
  pem = (await makeServerCertificate({ dns: ['clinic-server'], ips: [] })).cert
})

/** The clinic server: the served handlers on a store of its own, each key applied once. */
function clinicServer() {
  const db = memoryDb()
  const handlers = servedHandlers(sqliteStore(db), resolve('resources'))
  const applied = new Map<string, Result<unknown>>()
  const server = {
    db,
    applied,
    up: true,
    /** applies the next keyed write, then goes away before answering (the answer lost) */
    loseAnswer: false,
    /** how many calls carried an idempotency key, repeats included */
    keyed: 0,
    async answer(channel: string, input: unknown, key?: string): Promise<Result<unknown>> {
      if (channel === 'sync:applied') {
        const { keys } = input as { keys: string[] }
        return { ok: true, data: { applied: keys.filter((each) => applied.has(each)) } }
      }
      if (key !== undefined) {
        server.keyed += 1
        const first = applied.get(key)
        if (first) return first
      }
      const result = await dispatch(handlers as Handlers, channel, input)
      if (key !== undefined && result.ok) applied.set(key, result)
      if (key !== undefined && server.loseAnswer) {
        Object.assign(server, { up: false, loseAnswer: false })
        throw refused
      }
      return result
    }
  }
  return server
}
type Server = ReturnType<typeof clinicServer>

const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })

const opened: OfflineSync[] = []
afterEach(() => opened.splice(0).forEach((each) => each.close()))

/**
 * The server's patients and programs as the pull (sync-server18's pull.ts,
 * tested on its own) brings them into the local copy: enough here for an
 * offline edit of a patient or draft the server made.
 */
function pullRows(server: Server, db: Database): void {
  for (const table of ['patients', 'programs', 'program_versions']) {
    const columns = (
      server.db.pragma(`table_xinfo(${table})`) as { name: string; hidden: number }[]
    )
      .filter((column) => column.hidden === 0)
      .map((column) => column.name)
    const upsert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${columns.map((name) => `${name} = excluded.${name}`).join(', ')}`
    )
    for (const row of server.db.prepare(`SELECT * FROM ${table}`).all() as Record<
      string,
      unknown
    >[]) {
      upsert.run(...columns.map((name) => row[name]))
    }
  }
  db.prepare('UPDATE sync_state SET last_pull_at = ?').run(new Date().toISOString())
}

/** A desktop of `login` on `server`, in its own data folder. */
function desktop(
  server: Server,
  login: string,
  dataDir = tempDir(),
  everyMs = { send: 0, pull: 0 }
) {
  let session = false
  const client = (): ClinicClient => ({
    fingerprint: fingerprint(pem),
    signIn: (who) => {
      if (!server.up) return Promise.reject(refused)
      session = true
      return Promise.resolve({
        token: 'never-shown',
        expiresAt: '2026-11-28T12:00:00.000Z',
        account: { login: who, displayName: who, role: 'therapist' },
        clinic: { name: 'Riverside Physio' }
      })
    },
    signOut: () => Promise.resolve(void (session = false)),
    hasSession: () => session,
    call: (channel, input, write) =>
      server.up
        ? (server.answer(channel, input, write?.idempotencyKey) as never)
        : Promise.reject(refused),
    close: () => undefined
  })
  const connection = clinicConnection({
    dataDir,
    client,
    certificateOf: () => (server.up ? Promise.resolve(pem) : Promise.reject(refused))
  })
  const { handlers, drawingFrom } = createApi({
    db: memoryDb(),
    transport: 'web',
    version: 'test',
    dataDir,
    databaseFile: ':memory:',
    resourcesDir: resolve('resources'),
    offThread: inline,
    clinic: connection
  })
  const offline = offlineSync({
    dataDir,
    connection,
    resourcesDir: resolve('resources'),
    drawingFrom,
    pull: (_call, db) => {
      pullRows(server, db)
      return Promise.resolve({ epochChanged: false })
    },
    everyMs
  })
  opened.push(offline)
  const call = clinicDispatch(handlers, connection, drawingFrom, offline)
  const app = {
    dataDir,
    call,
    offline,
    async signIn() {
      await ok(call('clinicServer:connect', { address, fingerprint: fingerprint(pem) }))
      await ok(call('clinicServer:signIn', { login, password: 'right' }))
      await offline.syncNow()
    },
    status: () => ok<SyncStatus>(call('sync:status', {})),
    now: () => ok<SyncStatus>(call('sync:now', {}))
  }
  return app
}

async function ok<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const result = await answer
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data as T
}

const details = (fullName: string) => ({ fullName, dateOfBirth: '1980-06-02' })
const serverNames = (server: Server) =>
  server.db.prepare('SELECT full_name FROM patients ORDER BY id').pluck().all()

describe('offline in clinic mode', () => {
  it('works on the local copy while the server is away, and sends it all once on return', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    expect(existsSync(localCopyFile(dana.dataDir, fingerprint(pem)))).toBe(true)
    expect(await dana.status()).toMatchObject({ state: 'online', waiting: 0 })

    server.up = false
    // the first call finds the server gone and runs here; so do the rest
    const olga = await ok<Patient>(dana.call('patients:create', details('Offline, Olga')))
    expect(olga.id).toBe(blockStart('patients') + 1)
    const visit = await ok<Visit>(
      dana.call('visits:create', {
        patientId: olga.id,
        ...visitInput({
          redFlags: ['night-pain'],
          outcomes: {
            ...(visitInput().outcomes as object),
            nprs: { now: 6, worst24h: 8, afterRunning: null }
          }
        })
      })
    )
    const updated = await ok<Patient>(
      dana.call('patients:update', {
        id: olga.id,
        version: olga.version,
        ...details('Offline, Olga'),
        phone: '555 0101'
      })
    )
    expect(updated.version).toBe(2)
    expect(await dana.status()).toMatchObject({
      state: 'offline',
      waiting: 3,
      waitingFor: 'dana',
      message: expect.stringContaining('can’t be reached')
    })
    // the clinic's shared setup changes only while connected
    expect(await dana.call('exercises:favourite', { id: 1, favourite: true })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('while connected') }
    })
    expect(serverNames(server)).toEqual([])

    server.up = true
    const status = await dana.now()
    expect(status).toMatchObject({ state: 'online', waiting: 0, problems: 0 })
    expect(serverNames(server)).toEqual(['Offline, Olga'])
    const onServer = server.db.prepare('SELECT id, phone, version FROM patients').get() as {
      id: number
      phone: string
      version: number
    }
    expect(onServer).toMatchObject({ phone: '555 0101', version: 2 })
    expect(server.db.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(1)
    expect(server.db.prepare('SELECT flag FROM visit_red_flags').pluck().all()).toEqual([
      'night-pain'
    ])

    // the local copy moved to the server's ids; a screen still showing the offline id still works
    expect(await ok<Patient>(dana.call('patients:get', { id: olga.id }))).toMatchObject({
      id: onServer.id
    })
    const visits = await ok<Visit[]>(dana.call('visits:list', { patientId: olga.id }))
    expect(visits.map((each) => each.id)).toEqual([
      server.db.prepare('SELECT id FROM visits').pluck().get()
    ])
    expect(visit.id).toBeGreaterThan(2 ** 52)

    // sending again (a lost answer, a restart) adds nothing
    await dana.now()
    expect(serverNames(server)).toEqual(['Offline, Olga'])
  })

  it('starts offline without a session: the copy answers, the status says offline', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    await ok(dana.call('patients:create', details('Known, Kai')))
    await dana.now()
    dana.offline.close()

    // the next morning, at a patient's home: no network, no session (the token was memory-only)
    server.up = false
    const away = desktop(server, 'dana', dana.dataDir, { send: 3_600_000, pull: 3_600_000 })
    await vi.waitFor(async () => expect(await away.status()).toMatchObject({ state: 'offline' }))
    const names = await ok<{ fullName: string }[]>(away.call('patients:list', {}))
    expect(names.map((each) => each.fullName)).toEqual(['Known, Kai'])
    await ok(away.call('patients:create', details('New, Nia')))
    expect(await away.status()).toMatchObject({ state: 'offline', waiting: 1, waitingFor: 'dana' })

    server.up = true
    await ok(away.call('clinicServer:signIn', { login: 'dana', password: 'right' }))
    await away.offline.syncNow()
    expect(serverNames(server)).toEqual(['Known, Kai', 'New, Nia'])
  })

  it('keeps a write tried online when the server goes away under it, under the same key', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    // the server applies it, and the answer is lost on the way back
    const answer = server.answer.bind(server)
    server.answer = (async (channel: string, input: unknown, key?: string) => {
      const result = await answer(channel, input, key)
      if (channel !== 'patients:create') return result
      server.up = false
      throw refused
    }) as typeof server.answer
    const made = await ok<Patient>(dana.call('patients:create', details('Lost, Lena')))
    expect(made.id).toBeGreaterThan(2 ** 52)
    expect(await dana.status()).toMatchObject({ state: 'offline', waiting: 1 })
    server.answer = answer
    server.up = true
    await dana.now()
    expect(serverNames(server)).toEqual(['Lost, Lena'])
  })

  it('holds a detail changed on both sides as a conflict, with the writes after it, until chosen', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    const ann = await ok<Patient>(dana.call('patients:create', details('Lee, Ann')))
    // pulled: the local copy holds the server's row
    await dana.now()

    server.up = false
    const mine = await ok<Patient>(
      dana.call('patients:update', {
        id: ann.id,
        version: 1,
        ...details('Lee, Ann'),
        phone: '111',
        condition: 'Knee'
      })
    )
    await ok(
      dana.call('patients:update', {
        id: ann.id,
        version: mine.version,
        ...details('Lee, Ann'),
        phone: '111',
        condition: 'Knee pain'
      })
    )
    await ok(dana.call('patients:setMeasures', { id: ann.id, measures: ['nprs'] }))
    // a colleague changes her meanwhile, twice: version 3, which the second offline save names
    server.db
      .prepare(`UPDATE patients SET phone = '222', notes = 'Moved', version = 3 WHERE id = ?`)
      .run(ann.id)

    server.up = true
    const status = await dana.now()
    expect(status).toMatchObject({ waiting: 0, problems: 1 })
    const [problem, ...none] = await ok<SyncProblem[]>(dana.call('sync:problems', {}))
    expect(none).toEqual([])
    expect(problem).toMatchObject({
      kind: 'conflict',
      entity: 'patient',
      entityId: ann.id,
      label: 'Lee, Ann',
      fields: [
        { key: 'phone', label: 'Phone', mine: '111', theirs: '222' },
        { key: 'condition', label: 'Condition', mine: 'Knee pain', theirs: null },
        { key: 'notes', label: 'Notes', mine: null, theirs: 'Moved' }
      ]
    })
    // the second save did not go out at the colleague's version
    expect(server.db.prepare('SELECT phone FROM patients').pluck().get()).toBe('222')
    // the measures (not versioned) went on
    expect(server.db.prepare('SELECT measures FROM patients').pluck().get()).toBe('["nprs"]')

    expect(
      await dana.call('sync:resolve', {
        id: problem!.id,
        resolution: { choose: { phone: 'mine' } }
      })
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const left = await ok<SyncProblem[]>(
      dana.call('sync:resolve', {
        id: problem!.id,
        resolution: { choose: { phone: 'theirs', condition: 'mine', notes: 'theirs' } }
      })
    )
    expect(left).toEqual([])
    expect(
      server.db.prepare('SELECT phone, condition, notes, version FROM patients').get()
    ).toEqual({
      phone: '222',
      condition: 'Knee pain',
      notes: 'Moved',
      version: 4
    })
    expect(await dana.status()).toMatchObject({ waiting: 0, problems: 0 })
  })

  it('settles a conflict once when the answer to the settle was lost', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    const ann = await ok<Patient>(dana.call('patients:create', details('Lee, Ann')))
    await dana.now()
    server.up = false
    await ok(
      dana.call('patients:update', { id: ann.id, version: 1, ...details('Lee, Ann'), phone: '111' })
    )
    server.db.prepare(`UPDATE patients SET phone = '222', version = 2 WHERE id = ?`).run(ann.id)
    server.up = true
    await dana.now()
    const [problem] = await ok<SyncProblem[]>(dana.call('sync:problems', {}))

    // the server applies the settle, then the network drops before its answer
    server.loseAnswer = true
    expect(
      await dana.call('sync:resolve', {
        id: problem!.id,
        resolution: { choose: { phone: 'mine' } }
      })
    ).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(server.db.prepare('SELECT phone, version FROM patients').get()).toEqual({
      phone: '111',
      version: 3
    })
    // settled again (another choice, even): the one the server applied stands, nothing twice
    server.up = true
    const left = await ok<SyncProblem[]>(
      dana.call('sync:resolve', { id: problem!.id, resolution: { choose: { phone: 'theirs' } } })
    )
    expect(left).toEqual([])
    expect(server.db.prepare('SELECT phone, version FROM patients').get()).toEqual({
      phone: '111',
      version: 3
    })
    expect(await dana.status()).toMatchObject({ waiting: 0, problems: 0 })
  })

  it('holds a draft saved on both sides, and settles it field by field at theirs’ version', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    const ann = await ok<Patient>(dana.call('patients:create', details('Lee, Ann')))
    const draft = await ok<ProgramVersion>(
      dana.call('programs:create', { patientId: ann.id, source: { kind: 'blank' } })
    )
    await dana.now()
    const content = {
      startDate: null,
      reviewDate: null,
      items: [],
      advice: [],
      walkRun: null
    }
    server.up = false
    await ok(
      dana.call('programs:save', {
        versionId: draft.id,
        version: draft.version,
        title: 'Knee loading',
        goals: 'Stairs without pain',
        ...content
      })
    )
    // a colleague saved the same draft meanwhile
    server.db
      .prepare(
        `UPDATE program_versions SET title = 'Knee plan', goals = 'Squat', version = version + 1 WHERE id = ?`
      )
      .run(draft.id)
    server.up = true
    expect(await dana.now()).toMatchObject({ waiting: 0, problems: 1 })
    const [problem] = await ok<SyncProblem[]>(dana.call('sync:problems', {}))
    expect(problem).toMatchObject({
      kind: 'conflict',
      entity: 'draft',
      entityId: draft.id,
      label: 'Knee plan',
      fields: [
        { key: 'title', label: 'Title', mine: 'Knee loading', theirs: 'Knee plan' },
        { key: 'goals', label: 'Goals', mine: 'Stairs without pain', theirs: 'Squat' }
      ]
    })
    await ok(
      dana.call('sync:resolve', {
        id: problem!.id,
        resolution: { choose: { title: 'theirs', goals: 'mine' } }
      })
    )
    expect(
      server.db.prepare('SELECT title, goals FROM program_versions WHERE id = ?').get(draft.id)
    ).toEqual({
      title: 'Knee plan',
      goals: 'Stairs without pain'
    })
  })

  it('keeps a refused write with those that need it, sends the rest, and retries or drops on request', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    server.up = false
    const bad = await ok<Patient>(dana.call('patients:create', details('Refused, Rita')))
    await ok(dana.call('visits:create', { patientId: bad.id, ...visitInput() }))
    await ok(dana.call('patients:create', details('Fine, Finn')))
    const answer = server.answer.bind(server)
    server.answer = (channel, input, key) =>
      channel === 'patients:create' &&
      (input as { fullName: string }).fullName.startsWith('Refused')
        ? Promise.resolve({
            ok: false,
            error: { code: 'forbidden', message: 'Not in this clinic.' }
          })
        : answer(channel, input, key)
    server.up = true
    expect(await dana.now()).toMatchObject({ waiting: 0, problems: 2 })
    expect(serverNames(server)).toEqual(['Fine, Finn'])
    const problems = await ok<SyncProblem[]>(dana.call('sync:problems', {}))
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'refused',
        label: 'New patient Refused, Rita',
        message: 'Not in this clinic.'
      }),
      expect.objectContaining({
        kind: 'refused',
        label: 'Visit for Refused, Rita on ' + String(visitInput().visitDate),
        message: expect.stringContaining('resolve that change first')
      })
    ])
    // removing the copy is refused while anything is unsettled
    expect(await dana.call('sync:forget', { confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' }
    })

    server.answer = answer
    await ok(dana.call('sync:resolve', { id: problems[0]!.id, resolution: 'retry' }))
    await ok(dana.call('sync:resolve', { id: problems[1]!.id, resolution: 'retry' }))
    await dana.offline.syncNow()
    expect(serverNames(server)).toEqual(['Fine, Finn', 'Refused, Rita'])
    expect(server.db.prepare('SELECT count(*) FROM visits').pluck().get()).toBe(1)
    expect(await dana.status()).toMatchObject({ waiting: 0, problems: 0 })

    await ok(dana.call('sync:forget', { confirm: true }))
    expect(existsSync(localCopyFile(dana.dataDir, fingerprint(pem)))).toBe(false)
  })

  it('sends again what a server restored from an older backup lacks, once', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    server.up = false
    await ok(dana.call('patients:create', details('Kept, Kim')))
    server.up = true
    await dana.now()
    expect(serverNames(server)).toEqual(['Kept, Kim'])
    // the clinic restores last night's backup: the patient and her key are gone
    server.db.prepare('DELETE FROM patients').run()
    server.applied.clear()
    // the next start of this desktop checks the keys it sent
    const again = desktop(server, 'dana', dana.dataDir)
    dana.offline.close()
    await again.signIn()
    expect(serverNames(server)).toEqual(['Kept, Kim'])
    const id = server.db.prepare('SELECT id FROM patients').pluck().get() as number
    expect(await ok<Patient>(again.call('patients:get', { id }))).toMatchObject({
      fullName: 'Kept, Kim'
    })
  })

  it('sends a restored server’s lost visit to its own patient, not to the id she had', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    server.up = false
    await ok(dana.call('patients:create', details('Kept, Kim')))
    server.up = true
    await dana.now()
    const kim = server.db.prepare('SELECT id FROM patients').pluck().get() as number
    // offline again: a visit for Kim, named by the server id her row has now
    server.up = false
    await ok(dana.call('visits:create', { patientId: kim, ...visitInput() }))
    server.up = true
    await dana.now()
    // the restore loses both; a colleague's new patient then gets Kim's old id
    server.db.prepare('DELETE FROM visits').run()
    server.db.prepare('DELETE FROM patients').run()
    server.applied.clear()
    const olga = await ok<Patient>(
      dispatch(
        servedHandlers(sqliteStore(server.db), resolve('resources')) as Handlers,
        'patients:create',
        details('Other, Olga')
      )
    )
    expect(olga.id).toBe(kim)
    const again = desktop(server, 'dana', dana.dataDir)
    dana.offline.close()
    await again.signIn()
    const owners = server.db
      .prepare('SELECT p.full_name FROM visits v JOIN patients p ON p.id = v.patient_id')
      .pluck()
      .all()
    expect(owners).toEqual(['Kept, Kim'])
  })

  it('keeps the copy closed after a sign-out on purpose, until the next sign-in', async () => {
    const server = clinicServer()
    const dana = desktop(server, 'dana')
    await dana.signIn()
    const ann = await ok<Patient>(dana.call('patients:create', details('Lee, Ann')))
    await dana.now()
    await ok(dana.call('clinicServer:signOut', {}))
    server.up = false
    expect((await dana.call('patients:get', { id: ann.id })).ok).toBe(false)
    expect(await dana.status()).toMatchObject({
      state: 'signedOut',
      message: expect.stringContaining('stays closed until you sign in again')
    })
    // an app started again without a session is a home visit: it opens the copy
    server.up = true
    await dana.signIn()
    server.up = false
    expect(await ok<Patient>(dana.call('patients:get', { id: ann.id }))).toMatchObject({
      fullName: 'Lee, Ann'
    })
    // a patient the copy doesn't keep is said to be not here, not erased
    expect(await dana.call('patients:get', { id: ann.id + 1000 })).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message: expect.stringContaining('isn’t on this computer’s copy')
      }
    })
  })

  it('makes no copy before the first sign-in', async () => {
    const dana = desktop(clinicServer(), 'dana')
    await ok(dana.call('clinicServer:connect', { address, fingerprint: fingerprint(pem) }))
    expect(await dana.now()).toMatchObject({ state: 'signedOut', localCopy: null })
    expect(existsSync(localCopyFile(dana.dataDir, fingerprint(pem)))).toBe(false)
    expect(await dana.call('sync:pins', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' }
    })
  })

  it('says solo in solo mode', async () => {
    const dana = desktop(clinicServer(), 'dana')
    expect(await dana.status()).toMatchObject({ state: 'solo', waiting: 0, localCopy: null })
  })
})
