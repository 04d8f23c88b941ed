/**
 * Issue 18: "a day's work (20 visits, 10 programs issued, 5 new patients)
 * sent after reconnecting ≤ 2 s on loopback". A desktop (its dispatch,
 * local copy and outbox, as both hosts run them) signs in to the bench
 * clinic (50,000 patients, clinic-pg.ts, on a copy dropped at the end) and
 * pulls; the server goes away; the day is made offline: 5 new patients, 20
 * visits (outcomes, a red flag) for them and 5 pinned patients, 10 programs
 * built with three exercises and issued: 55 writes. The server comes back
 * and the desktop catches up; timed apart: reconnect → every write sent,
 * then the pull that follows. Wall and CPU time (the server runs in this
 * process, so CPU counts both ends); median of the runs, load stated.
 */
import { rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { expect, it } from 'vitest'
import { emptyDose } from '../../src/shared/dose'
import type { ExerciseSummary, Patient, ProgramVersion } from '../../src/shared/types'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { pullIntoCopy } from '../../src/main/clinic/offline/pulling'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { startClinicServer, type ClinicServer } from '../../src/main/clinic/server'
import { ok, openDesktop } from '../../tests/clinic/offline-desktop'
import { visitInput } from '../../tests/unit/visit-input'
import { benchClinicCluster, benchClinicCopy, password, roles } from './clinic-pg'
import { grid, machine, recordResults } from './measure'

const runs = Number(process.env.PHYSIOPLAN_OFFLINE_RUNS ?? 5)
const copy = 'physioplan_offline'
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

interface Run {
  firstPullMs: number
  sendMs: number
  /** of which signing in (the server's scrypt) */
  signInMs: number
  sendCpuMs: number
  pullMs: number
  pullCpuMs: number
  writes: number
}

/** One desktop's day offline and its catch-up; `serve` starts the server again on its port. */
async function oneDay(
  address: string,
  serve: () => Promise<ClinicServer>,
  server: ClinicServer,
  login: string
): Promise<{ run: Run; server: ClinicServer }> {
  const marks: Record<string, number> = {}
  const cpu: Record<string, number> = {}
  const mark = (name: string) => {
    marks[name] = performance.now()
    const used = process.cpuUsage()
    cpu[name] = (used.user + used.system) / 1000
  }
  // the pull as the app runs it, its start and end marked
  const desktop = openDesktop(undefined, async (...args) => {
    mark('pullStart')
    const pulled = await pullIntoCopy(...args)
    mark('pullEnd')
    return pulled
  })
  const { call, offline } = desktop
  try {
    const { fingerprint } = await ok<{ fingerprint: string }>(
      call('clinicServer:check', { address })
    )
    await ok(call('clinicServer:connect', { address, fingerprint }))
    await ok(call('clinicServer:signIn', { login, password }))
    // five of the clinic's patients taken offline, then the first pull
    const kept = (await ok<Patient[]>(call('patients:list', {}))).slice(0, 5)
    for (const patient of kept) await ok(call('sync:pin', { patientId: patient.id, pinned: true }))
    const firstStart = performance.now()
    await offline.syncNow()
    const firstPullMs = performance.now() - firstStart
    const exercises = (await ok<ExerciseSummary[]>(call('exercises:list', {}))).slice(0, 3)
    expect(exercises).toHaveLength(3)

    await server.close()
    await ok(call('patients:list', {}))
    const made: Patient[] = []
    for (let i = 0; i < 5; i++) {
      made.push(
        await ok<Patient>(
          call('patients:create', {
            fullName: `Home visit ${i + 1}`,
            dateOfBirth: '1975-03-0' + String(i + 1),
            condition: 'Achilles tendinopathy'
          })
        )
      )
    }
    const seen = [...made, ...kept]
    for (let i = 0; i < 20; i++) {
      await ok(
        call('visits:create', {
          patientId: seen[i % seen.length]!.id,
          ...visitInput({
            redFlags: i % 7 === 0 ? ['night-pain'] : [],
            outcomes: {
              ...(visitInput().outcomes as object),
              nprs: { now: 5, worst24h: 7, afterRunning: 6 }
            }
          })
        })
      )
    }
    for (let i = 0; i < 10; i++) {
      const draft = await ok<ProgramVersion>(
        call('programs:create', { patientId: seen[i]!.id, source: { kind: 'blank' } })
      )
      const saved = await ok<ProgramVersion>(
        call('programs:save', {
          versionId: draft.id,
          version: draft.version,
          title: 'Home program',
          goals: 'Run 5 km without pain',
          startDate: null,
          reviewDate: null,
          items: exercises.map((exercise) => ({
            exerciseId: exercise.id,
            phase: 'main',
            dose: { ...emptyDose, sets: 3, reps: 12, perDay: 1 }
          })),
          advice: [],
          walkRun: null
        })
      )
      await ok(call('programs:issue', { versionId: draft.id, version: saved.version }))
    }
    const { waiting } = await ok<{ waiting: number }>(call('sync:status', {}))

    const restarted = await serve()
    mark('reconnect')
    await ok(call('clinicServer:signIn', { login, password }))
    mark('signedIn')
    await offline.syncNow()
    const status = await ok<{ waiting: number; problems: number }>(call('sync:status', {}))
    expect(status).toMatchObject({ waiting: 0, problems: 0 })
    return {
      server: restarted,
      run: {
        firstPullMs,
        sendMs: marks.pullStart! - marks.reconnect!,
        signInMs: marks.signedIn! - marks.reconnect!,
        sendCpuMs: cpu.pullStart! - cpu.reconnect!,
        pullMs: marks.pullEnd! - marks.pullStart!,
        pullCpuMs: cpu.pullEnd! - cpu.pullStart!,
        writes: waiting
      }
    }
  } finally {
    await desktop.close()
    rmSync(desktop.dataDir, { recursive: true, force: true })
  }
}

it(`a day's work made offline, sent after reconnecting (${runs} runs)`, async () => {
  const cluster = await benchClinicCluster()
  const { drop } = await benchClinicCopy(cluster, copy)
  try {
    const pool = new pg.Pool({
      connectionString: cluster.url('physioplan_app', roles.app, copy),
      types: clinicTypes,
      max: 10
    })
    const certificate = await makeServerCertificate({ dns: ['bench.local'], ips: ['127.0.0.1'] })
    const start = (port: number) =>
      startClinicServer({
        pool,
        ...certificate,
        port,
        host: '127.0.0.1',
        resourcesDir: resolve('resources')
      })
    let server = await start(0)
    const port = server.port
    const address = `https://127.0.0.1:${port}`
    const loadBefore = load()
    const done: Run[] = []
    try {
      for (let i = 0; i < runs; i++) {
        // a therapist each run: the sign-ins of one address are throttled past a few at once
        const day = await oneDay(address, () => start(port), server, `therapist${(i % 30) + 1}`)
        server = day.server
        done.push(day.run)
      }
    } finally {
      await server.close()
      await pool.end()
    }
    const loadAfter = load()
    const ms = (values: number[]) => `${median(values).toFixed(0)} ms`
    const row = (name: string, wall: number[], cpuMs: number[] | null, target: string) => [
      name,
      ms(wall),
      `${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)} ms`,
      cpuMs ? ms(cpuMs) : '',
      target
    ]
    console.log(
      `\nClinic mode offline: a day's work (${done[0]!.writes} writes: 5 new patients, 20 visits, 10 programs built and issued), ` +
        `PostgreSQL and the clinic server on loopback, the 50,000-patient bench clinic\n` +
        `${machine()}; load average ${loadBefore} before, ${loadAfter} after; median of ${runs} runs\n` +
        grid(
          ['step', 'median', 'range', 'CPU (median)', 'target'],
          [
            row(
              'first pull after sign-in (library, kept patients)',
              done.map((r) => r.firstPullMs),
              null,
              ''
            ),
            row(
              'reconnect → every write sent',
              done.map((r) => r.sendMs),
              done.map((r) => r.sendCpuMs),
              '≤ 2 s'
            ),
            row(
              '  of which signing in',
              done.map((r) => r.signInMs),
              null,
              ''
            ),
            row(
              'the pull that follows',
              done.map((r) => r.pullMs),
              done.map((r) => r.pullCpuMs),
              ''
            )
          ]
        )
    )
    recordResults('clinic-offline', { runs: done, loadBefore, loadAfter })
  } finally {
    await drop()
    cluster.stop()
  }
}, 600_000)
