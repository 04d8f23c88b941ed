import {
  copyFileSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createHandlers, dispatch } from '../../src/main/core/api'
import { scheduleBackups } from '../../src/main/core/backup-schedule'
import { backupStatus } from '../../src/main/core/backups'
import type { DataHealth } from '../../src/shared/types'
import { cleanCloseFile, recordCleanClose } from '../../src/main/core/db/health'
import { openDatabase } from '../../src/main/core/db/open'
import { damageLeafPage } from './damage'
import { inline, storeIn as open, tempDir } from './helpers'

// every page check, at start or in the background, counted
vi.mock('../../src/main/core/db/health', async (original) => {
  const actual = await original<typeof import('../../src/main/core/db/health')>()
  return { ...actual, checkPages: vi.fn(actual.checkPages) }
})
const { checkPages } = await import('../../src/main/core/db/health')
const checks = vi.mocked(checkPages)
beforeEach(() => {
  checks.mockClear()
})

/** A data folder whose last session closed cleanly after a page check found it sound. */
async function closedCleanly(): Promise<{ dir: string; file: string }> {
  const dir = tempDir()
  const store = open(dir)
  await store.checked
  await store.close()
  checks.mockClear()
  return { dir, file: store.databaseFile }
}

/** A page gone bad on disk after a clean close: neither size nor times show it. */
async function rotted(): Promise<{ dir: string; file: string }> {
  const folder = await closedCleanly()
  damageLeafPage(folder.file)
  recordCleanClose(folder.file)
  return folder
}

describe('opening after a clean close', () => {
  it('records the file at close, owner-only, with no patient data', async () => {
    const { file } = await closedCleanly()
    const record = JSON.parse(readFileSync(cleanCloseFile(file), 'utf8')) as Record<string, unknown>
    expect(Object.keys(record).sort()).toEqual(['closedAt', 'ctimeMs', 'ino', 'mtimeMs', 'size'])
    expect(record.size).toBe(statSync(file).size)
    expect(statSync(cleanCloseFile(file)).mode & 0o777).toBe(0o600)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('opens without a page check at start, and removes the record before anything writes', async () => {
    const { file } = await closedCleanly()
    const { db, pagesChecked } = openDatabase(file)
    expect(pagesChecked).toBe(false)
    expect(checks).not.toHaveBeenCalled()
    // a crash from here on leaves no record: the next start checks
    expect(existsSync(cleanCloseFile(file))).toBe(false)
    db.close()
    expect(openDatabase(file).pagesChecked).toBe(true)
    expect(checks).toHaveBeenCalledTimes(1)
  })

  it('checks in the background instead, and the next clean close records again', async () => {
    const { dir, file } = await closedCleanly()
    const store = open(dir)
    expect(store.health.state).toBe('checking')
    await store.checked
    expect(store.health).toEqual({ state: 'ok', message: null })
    expect(checks).toHaveBeenCalledTimes(1)
    await store.close()
    expect(existsSync(cleanCloseFile(file))).toBe(true)
  })
})

describe('a start that checks every page first', () => {
  const unclean: [string, (file: string) => void][] = [
    ['the last session did not close (no record)', (file) => rmSync(cleanCloseFile(file))],
    ['the record is unreadable', (file) => writeFileSync(cleanCloseFile(file), '{"size":')],
    [
      'another program wrote to the file (size and time)',
      (file) => {
        const other = new Database(file)
        other.exec("INSERT INTO settings (key, value) VALUES ('elsewhere', '1')")
        other.pragma('wal_checkpoint(TRUNCATE)')
        other.close()
      }
    ],
    [
      'only its modification time changed',
      (file) => utimesSync(file, new Date(), new Date(Date.now() + 60_000))
    ],
    [
      'a copy from elsewhere took its place, with the same size and times',
      (file) => {
        const { atime, mtime } = statSync(file)
        copyFileSync(file, `${file}.copy`)
        renameSync(`${file}.copy`, file)
        utimesSync(file, atime, mtime)
      }
    ],
    ['a WAL with writes is beside it', (file) => writeFileSync(`${file}-wal`, 'x'.repeat(100))]
  ]
  for (const [why, change] of unclean) {
    it(`when ${why}`, async () => {
      const { file } = await closedCleanly()
      change(file)
      const { db, pagesChecked } = openDatabase(file)
      db.close()
      expect(pagesChecked).toBe(true)
      expect(checks).toHaveBeenCalledTimes(1)
    })
  }

  it('when a migration is due, even after a clean close', () => {
    const dir = tempDir()
    const file = join(dir, 'physioplan.sqlite3')
    copyFileSync('tests/fixtures/schema-v4.sqlite3', file)
    recordCleanClose(file)
    const { db, pagesChecked, migration } = openDatabase(file)
    db.close()
    expect(migration.from).toBe(4)
    expect(pagesChecked).toBe(true)
    expect(checks).toHaveBeenCalledTimes(1)
  })
})

describe('damage the background check finds', () => {
  it('stops every write with the damaged message, and the next start checks first', async () => {
    const { dir, file } = await rotted()
    const store = open(dir)
    expect(store.health.state).toBe('checking')
    await store.checked
    expect(store.health.state).toBe('damaged')
    const refused = await dispatch(store.handlers, 'patients:create', {
      fullName: 'After Damage',
      dateOfBirth: '1980-01-01'
    })
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'damaged',
        message: expect.stringMatching(
          /is damaged: .* Nothing more is saved.*start it again: it offers to restore the newest good backup/
        )
      }
    })
    expect(await dispatch(store.handlers, 'clinic:skipDetails', { skip: true })).toMatchObject({
      ok: false,
      error: { code: 'damaged' }
    })
    expect(await dispatch(store.handlers, 'app:health', {})).toEqual({
      ok: true,
      data: store.health
    })
    await store.close()
    expect(existsSync(cleanCloseFile(file))).toBe(false)
    // the start's own check finds it, and offers the restore as it always has
    expect(() => open(dir)).toThrow(/can’t be read: it is damaged/)
  })
  it('a call that reads the damaged page first stops writes the same way', async () => {
    const { dir, file } = await rotted()
    const { db, pagesChecked } = openDatabase(file)
    expect(pagesChecked).toBe(false)
    const health: DataHealth = { state: 'checking', message: null }
    const handlers = createHandlers({
      db,
      transport: 'web',
      version: 'test',
      dataDir: dir,
      databaseFile: file,
      resourcesDir: resolve('resources'),
      offThread: inline,
      health
    })
    const read = await dispatch(handlers, 'patients:list', {})
    expect(read).toMatchObject({ ok: false, error: { code: 'damaged' } })
    expect(health).toEqual({ state: 'damaged', message: expect.stringMatching(/is damaged/) })
    expect(
      await dispatch(handlers, 'patients:create', { fullName: 'Later', dateOfBirth: '1980-01-01' })
    ).toEqual({ ok: false, error: { code: 'damaged', message: health.message } })
    db.close()
  })
})

describe('what the background check may not undo or let through', () => {
  it('keeps a damage a call met while it ran, and records no clean close', async () => {
    const { dir, file } = await closedCleanly()
    const store = open(dir)
    expect(store.health.state).toBe('checking')
    // what a search meeting a damaged index page does meanwhile (quick_check passes it)
    Object.assign(store.health, { state: 'damaged', message: 'damaged while checking' })
    await store.checked
    expect(store.health.state).toBe('damaged')
    await store.close()
    expect(existsSync(cleanCloseFile(file))).toBe(false)
  })

  it('makes the scheduled backup wait for the check, and copy no file found damaged', async () => {
    const { dir } = await closedCleanly()
    const store = open(dir)
    Object.assign(store.health, { state: 'damaged', message: 'damaged while checking' })
    const stop = scheduleBackups(store.db, dir, store)
    await store.checked
    // the first run was due at once: give it its turn after the check answered
    await new Promise((settle) => setTimeout(settle, 300))
    stop()
    expect(backupStatus(store.db, dir).backups).toHaveLength(0)
    await store.close()

    // the same folder sound: the scheduled backup is made
    const again = open(dir)
    const stopAgain = scheduleBackups(again.db, dir, again)
    await again.checked
    await vi.waitFor(() => expect(backupStatus(again.db, dir).backups).toHaveLength(1), {
      timeout: 10_000
    })
    stopAgain()
    await again.close()
  })
})
