import { describe, expect, it } from 'vitest'
import type { Result } from '../../src/shared/errors'
import type { AnyJobStatus } from '../../src/shared/types'
import { jobRunner } from '../../src/main/core/jobs'
import { followJob } from '../../src/renderer/src/stores/follow-job'
import { AppError } from '../../src/shared/errors'

const backupInfo = {
  file: '/backups/physioplan.sqlite3',
  createdAt: '2026-11-27T13:00:00Z',
  bytes: 4096
}

/** A job the test moves step by step: its progress, then its end. */
function steppedJob<T>() {
  let report: (done: number, total: number) => void = () => undefined
  let finish: (value: T) => void = () => undefined
  let fail: (error: unknown) => void = () => undefined
  const work = (progress: (done: number, total: number) => void) => {
    report = progress
    return new Promise<T>((resolve, reject) => {
      finish = resolve
      fail = reject
    })
  }
  return {
    work,
    report: (d: number, t: number) => report(d, t),
    finish: (v: T) => finish(v),
    fail: (e: unknown) => fail(e)
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('the job runner', () => {
  it('reports progress, then the result, under the job’s kind', async () => {
    const jobs = jobRunner()
    const job = steppedJob<typeof backupInfo>()
    const id = jobs.start('backup', job.work)
    expect(jobs.get(id)).toEqual({
      kind: 'backup',
      state: 'running',
      done: 0,
      total: 0,
      result: null,
      error: null
    })
    job.report(3, 10)
    expect(jobs.get(id)).toMatchObject({ state: 'running', done: 3, total: 10 })
    job.finish(backupInfo)
    await settle()
    expect(jobs.get(id)).toMatchObject({ state: 'done', result: backupInfo, error: null })
  })

  it('hands out copies: a poller can’t change the job it reads', () => {
    const jobs = jobRunner()
    const id = jobs.start('backup', steppedJob<typeof backupInfo>().work)
    Object.assign(jobs.get(id), { state: 'done' })
    expect(jobs.get(id).state).toBe('running')
  })

  it('says a person-facing failure as it was, and anything else as the kind’s fallback', async () => {
    const jobs = jobRunner()
    const refused = steppedJob<typeof backupInfo>()
    const broken = steppedJob<typeof backupInfo>()
    const unsaid = steppedJob<typeof backupInfo>()
    const fallback = 'The import failed and nothing was written.'
    const ids = [
      jobs.start('backup', refused.work, fallback),
      jobs.start('backup', broken.work, fallback),
      jobs.start('backup', unsaid.work)
    ]
    refused.fail(new AppError('invalid_input', 'That folder has no exercises.json.'))
    broken.fail(new TypeError('patient Jane Doe: cannot read x'))
    unsaid.fail(new TypeError('patient Jane Doe: cannot read x'))
    await settle()
    expect(ids.map((id) => jobs.get(id).error)).toEqual([
      'That folder has no exercises.json.',
      fallback,
      'Something went wrong and nothing was saved. Please try again.'
    ])
    expect(ids.map((id) => jobs.get(id).state)).toEqual(['failed', 'failed', 'failed'])
  })

  it('says a storage problem (a full disk) whatever the fallback', async () => {
    const jobs = jobRunner()
    const job = steppedJob<typeof backupInfo>()
    const id = jobs.start('backup', job.work, 'The backup failed.')
    job.fail(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))
    await settle()
    expect(jobs.get(id).error).not.toBe('The backup failed.')
    expect(jobs.get(id).error).toMatch(/disk|space|full/i)
  })

  it('refuses an id it does not know', () => {
    expect(() => jobRunner().get('6f1c2b7e-0000-4000-8000-000000000000')).toThrow(
      'That task is not known'
    )
  })
})

/** Follows an import whose every answer is `answer`. */
const followOnce = (answer: Result<AnyJobStatus>) =>
  followJob(
    'import',
    async () => answer,
    () => undefined,
    1
  )

describe('following a job from a store', () => {
  it('polls through the runner until done, handing on each step', async () => {
    const jobs = jobRunner()
    const job = steppedJob<typeof backupInfo>()
    const id = jobs.start('backup', job.work)
    const seen: string[] = []
    let asked = 0
    const read = async (): Promise<Result<AnyJobStatus>> => {
      asked++
      if (asked === 2) job.report(5, 10)
      if (asked === 3) {
        job.finish(backupInfo)
        await settle()
      }
      return { ok: true, data: jobs.get(id) }
    }
    const followed = await followJob(
      'backup',
      read,
      (s) => seen.push(`${s.state} ${s.done}/${s.total}`),
      1
    )
    expect(followed).toEqual({
      ok: true,
      data: { kind: 'backup', state: 'done', done: 5, total: 10, result: backupInfo, error: null }
    })
    expect(seen).toEqual(['running 0/0', 'running 5/10', 'done 5/10'])
    expect(asked).toBe(3)
  })

  it('stops at a failed job, and at an error from the asking', async () => {
    const failed: AnyJobStatus = {
      kind: 'import',
      state: 'failed',
      done: 1,
      total: 4,
      result: null,
      error: 'No.'
    }
    expect(await followOnce({ ok: true, data: failed })).toEqual({ ok: true, data: failed })
    const gone = {
      code: 'not_found' as const,
      message: 'That task is not known (was the app restarted?).'
    }
    expect(await followOnce({ ok: false, error: gone })).toEqual({ ok: false, error: gone })
  })

  it('refuses to follow a job of another kind as if it were this one', async () => {
    const backup: AnyJobStatus = {
      kind: 'backup',
      state: 'running',
      done: 0,
      total: 0,
      result: null,
      error: null
    }
    const followed = await followOnce({ ok: true, data: backup })
    expect(followed.ok).toBe(false)
  })
})
