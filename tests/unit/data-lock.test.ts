import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lockDataFolder } from '../../src/main/core/data-lock'
import { storeIn as open, tempDir } from './helpers'

const lockOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'physioplan.lock'), 'utf8')) as {
    pid: number
    startedAt: number
  }

/** A pid no process has any more. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!
}

it('refuses a second PhysioPlan on the same data folder, and frees it on close', async () => {
  const dir = tempDir()
  const first = open(dir)
  const held = lockOf(dir)
  expect(held.pid).toBe(process.pid)
  // when this process started, to the few milliseconds before Node ran its first line
  expect(Date.now() - process.uptime() * 1000 - held.startedAt).toBeGreaterThanOrEqual(-50)
  expect(Date.now() - process.uptime() * 1000 - held.startedAt).toBeLessThan(5_000)
  // the same process asking again stands for a second app here: take the lock as another pid
  writeFileSync(join(dir, 'physioplan.lock'), String(process.ppid))
  expect(() => open(dir)).toThrow(
    `PhysioPlan is already open on this data folder (process ${process.ppid}). Use that window, or close it before opening another.`
  )
  writeFileSync(join(dir, 'physioplan.lock'), JSON.stringify(held))
  await first.close()
  const second = open(dir)
  await second.close()
})

describe('a lock left behind', () => {
  it('by a process that no longer runs is taken over', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'physioplan.lock'), JSON.stringify({ pid: deadPid(), startedAt: 1 }))
    const store = open(dir)
    expect(lockOf(dir).pid).toBe(process.pid)
    await store.close()
  })

  it('by a pid that a reboot gave to another program is taken over', async () => {
    const dir = tempDir()
    // our parent runs, but the lock says its process started days before this boot
    const beforeBoot = Date.now() - 30 * 86_400_000
    writeFileSync(
      join(dir, 'physioplan.lock'),
      JSON.stringify({ pid: process.ppid, startedAt: beforeBoot })
    )
    const store = open(dir)
    expect(lockOf(dir).pid).toBe(process.pid)
    await store.close()
  })
})

it('a read-only data folder says so, not a raw ENOENT', () => {
  // /proc/1 can't hold files even for root, which a chmod can't stop
  expect(() => lockDataFolder('/proc/1')).toThrow(
    'PhysioPlan can’t write to /proc/1. Check that the folder (or the USB stick) is there and not read-only, or open another data folder.'
  )
  // a folder that can't be made (here: inside a file) says the same
  const file = join(tempDir(), 'a file')
  writeFileSync(file, '')
  expect(() => open(join(file, 'PhysioPlan'))).toThrow(
    `PhysioPlan can’t write to ${join(file, 'PhysioPlan')}.`
  )
})
