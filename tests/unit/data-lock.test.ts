import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import { openStore } from '../../src/main/store'
import { tempDir } from './helpers'

const open = (dir: string) =>
  openStore({
    dataDir: dir,
    transport: 'web',
    version: 'test',
    resourcesDir: resolve('resources'),
    workerFile: null
  })

it('refuses a second PhysioPlan on the same data folder, and frees it on close', () => {
  const dir = tempDir()
  const first = open(dir)
  expect(readFileSync(join(dir, 'physioplan.lock'), 'utf8')).toBe(String(process.pid))
  // the same process asking again stands for a second app here: take the lock as another pid
  writeFileSync(join(dir, 'physioplan.lock'), String(process.ppid))
  expect(() => open(dir)).toThrow(
    `PhysioPlan is already open on this data folder (process ${process.ppid}). Use that window, or close it before opening another.`
  )
  writeFileSync(join(dir, 'physioplan.lock'), String(process.pid))
  first.close()
  const second = open(dir)
  second.close()
})

it('takes over a lock left by a process that no longer runs', () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'physioplan.lock'), '2147483646')
  const store = open(dir)
  expect(readFileSync(join(dir, 'physioplan.lock'), 'utf8')).toBe(String(process.pid))
  store.close()
})
