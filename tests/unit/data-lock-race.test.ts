/**
 * Two PhysioPlans starting on one folder at the same instant, made
 * deterministic: the other instance acts exactly between this one reading
 * the lock and deciding what to do, the moment that let both run before.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, expect, it, vi } from 'vitest'
import { lockDataFolder } from '../../src/main/core/data-lock'
import { tempDir } from './helpers'

const race = vi.hoisted(() => ({ afterFirstRead: null as null | (() => void) }))

vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>()
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    const content = fs.readFileSync(...args)
    const other = race.afterFirstRead
    if (other && String(args[0]).endsWith('physioplan.lock')) {
      race.afterFirstRead = null
      other()
    }
    return content
  }) as typeof fs.readFileSync
  return { ...fs, default: { ...fs, readFileSync }, readFileSync }
})

beforeEach(() => {
  race.afterFirstRead = null
})

/** The other instance's lock: our parent process, which runs (its start time unrecorded). */
const otherLock = () => String(process.ppid)
const refusal = `PhysioPlan is already open on this data folder (process ${process.ppid})`

it('the other instance created the lock and is writing it: this one waits, reads it, and stays out', () => {
  const file = join(tempDir(), 'physioplan.lock')
  writeFileSync(file, '')
  race.afterFirstRead = () => writeFileSync(file, otherLock())
  expect(() => lockDataFolder(join(file, '..'))).toThrow(refusal)
  expect(readFileSync(file, 'utf8')).toBe(otherLock())
})

it('both find a stale lock; the other takes it over first: this one stays out', () => {
  const file = join(tempDir(), 'physioplan.lock')
  writeFileSync(file, JSON.stringify({ pid: 2147483646, startedAt: 1 }))
  race.afterFirstRead = () => writeFileSync(file, otherLock())
  expect(() => lockDataFolder(join(file, '..'))).toThrow(refusal)
  expect(readFileSync(file, 'utf8')).toBe(otherLock())
})
