import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeBackup, recoverFromNewestBackup } from '../../src/main/core/backups'
import { openDatabase } from '../../src/main/core/db/open'
import { createPatient, listPatients } from '../../src/main/core/patients'
import { sqliteStore } from '../../src/main/core/query/store'
import { damageLeafPage } from './damage'
import { inline, patientFields, tempDir } from './helpers'

/** A real data folder with a patient and one backup, its database closed. */
async function folderWithBackup() {
  const dir = tempDir()
  const file = join(dir, 'physioplan.sqlite3')
  const { db } = openDatabase(file)
  await sqliteStore(db).write((q) => createPatient(q, patientFields('Backed Up')))
  const backup = await makeBackup({ databaseFile: file, offThread: inline }, join(dir, 'backups'))
  db.close()
  return { dir, file, backups: join(dir, 'backups'), backup }
}

const damage: [string, (bytes: Buffer) => Buffer][] = [
  [
    'bytes flipped in the header',
    (bytes) => {
      const copy = Buffer.from(bytes)
      copy.fill(0x5a, 0, 16)
      return copy
    }
  ],
  ['truncated to a stub', (bytes) => bytes.subarray(0, 40)],
  [
    'not SQLite at all',
    () => Buffer.from('%PDF-1.7 a handout saved in the wrong place '.repeat(300))
  ]
]

describe('a damaged data file at start', () => {
  for (const [name, spoil] of damage) {
    it(`${name}: refused with a clear message, the file untouched`, async () => {
      const { file } = await folderWithBackup()
      writeFileSync(file, spoil(readFileSync(file)))
      const before = readFileSync(file)
      expect(() => openDatabase(file)).toThrow(
        /can’t be read: it is damaged or not a PhysioPlan database\. Nothing in it was changed\./
      )
      expect(readFileSync(file).equals(before)).toBe(true)
    })
  }

  it('is replaced by the newest good backup, the damaged file kept beside it', async () => {
    const { file, backups, backup } = await folderWithBackup()
    writeFileSync(
      join(backups, 'physioplan-2099-01-01-000000.sqlite3'),
      'a newer backup that is damaged'
    )
    writeFileSync(file, 'damaged')
    const { restored, damagedKept } = recoverFromNewestBackup(file, backups)
    expect(restored.file).toBe(backup.file)
    expect(readFileSync(damagedKept!, 'utf8')).toBe('damaged')
    const { db } = openDatabase(file)
    expect((await sqliteStore(db).read((q) => listPatients(q, {}))).map((p) => p.fullName)).toEqual(
      ['Backed Up']
    )
    db.close()
  })

  it('says so when there is no good backup', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'physioplan.sqlite3'), 'damaged')
    expect(() =>
      recoverFromNewestBackup(join(dir, 'physioplan.sqlite3'), join(dir, 'backups'))
    ).toThrow(/There is no good backup/)
    expect(readFileSync(join(dir, 'physioplan.sqlite3'), 'utf8')).toBe('damaged')
  })
})

describe('a missing or empty data file', () => {
  const lose: [string, (file: string) => void][] = [
    ['missing', (file) => rmSync(file)],
    ['empty', (file) => writeFileSync(file, '')]
  ]
  for (const [state, spoil] of lose) {
    it(`${state} while backups exist: refused and offered the newest backup, not started empty`, async () => {
      const { file, backups } = await folderWithBackup()
      spoil(file)
      expect(() => openDatabase(file)).toThrow(
        new RegExp(
          `The data file .* is ${state}, but there are backups in .*backups \\(the newest from \\d{4}-\\d{2}-\\d{2}\\)\\. PhysioPlan did not start with empty data\\.`
        )
      )
      // still as it was: nothing created in its place
      expect(existsSync(file) ? readFileSync(file).length : 'missing').toBe(
        state === 'missing' ? 'missing' : 0
      )
      const { damagedKept } = recoverFromNewestBackup(file, backups)
      expect(damagedKept === null).toBe(state === 'missing')
      const { db } = openDatabase(file)
      expect(
        (await sqliteStore(db).read((q) => listPatients(q, {}))).map((p) => p.fullName)
      ).toEqual(['Backed Up'])
      db.close()
    })
  }

  it('a first start (no backups) creates the file as before', async () => {
    const file = join(tempDir(), 'physioplan.sqlite3')
    const { db } = openDatabase(file)
    expect(await sqliteStore(db).read((q) => listPatients(q, {}))).toEqual([])
    db.close()
    expect(readFileSync(file).length).toBeGreaterThan(0)
  })
})

describe('a damaged page inside an otherwise readable file', () => {
  it('is found at start by quick_check and offered a restore', async () => {
    const { file } = await folderWithBackup()
    damageLeafPage(file)
    expect(() => openDatabase(file)).toThrow(/can’t be read: it is damaged/)
  })
})
