import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { builtinAdvice, builtinExercises, builtinTemplates } from '../../src/main/core/seed/content'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/core/db/open'
import { migrate, migrations, schemaVersion } from '../../src/main/core/db/migrate'
import { loadMigrations } from '../../src/main/core/db/migration-list'
import { countRows, tempDir } from './helpers'

describe('opening the database', () => {
  it('creates the schema and the full built-in library in an empty folder', () => {
    const file = join(tempDir(), 'physioplan.sqlite3')
    const { db, migration } = openDatabase(file)
    expect(migration).toEqual({ from: 0, to: schemaVersion, backupFile: null })
    expect(countRows(db, 'exercises')).toBe(builtinExercises.length)
    expect(countRows(db, 'advice_sections')).toBe(builtinAdvice.length)
    expect(countRows(db, 'templates')).toBe(builtinTemplates.length)
    db.close()
  })

  it('sets WAL, synchronous=FULL, foreign keys, a busy timeout and secure delete', () => {
    const { db } = openDatabase(join(tempDir(), 'p.sqlite3'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(db.pragma('secure_delete', { simple: true })).toBe(1)
    db.close()
  })

  it('opening twice adds nothing twice', () => {
    const file = join(tempDir(), 'p.sqlite3')
    const first = openDatabase(file).db
    const ids = first.prepare('SELECT id, builtin_key FROM exercises ORDER BY id').all()
    const items = countRows(first, 'template_items')
    first.close()
    const { db, migration } = openDatabase(file)
    expect(migration.from).toBe(schemaVersion)
    expect(db.prepare('SELECT id, builtin_key FROM exercises ORDER BY id').all()).toEqual(ids)
    expect(countRows(db, 'template_items')).toBe(items)
    db.close()
  })

  it('uses STRICT tables only', () => {
    const { db } = openDatabase(':memory:')
    const tables = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE type = 'table' AND schema = 'main'"
      )
      .all() as { name: string; strict: number }[]
    const plain = tables.filter(
      (t) => t.strict === 0 && !t.name.startsWith('sqlite_') && !t.name.includes('_fts')
    )
    expect(plain).toEqual([])
    db.close()
  })

  it('refuses a database from a newer app version and leaves the file untouched', () => {
    const file = join(tempDir(), 'p.sqlite3')
    const newer = new Database(file)
    newer.exec('CREATE TABLE future (x INTEGER)')
    newer.pragma(`user_version = ${schemaVersion + 1}`)
    newer.close()
    const before = readFileSync(file)
    expect(() => openDatabase(file)).toThrow(
      /newer version of PhysioPlan.*Nothing in the file was changed/
    )
    expect(readFileSync(file).equals(before)).toBe(true)
  })
})

describe('migrations', () => {
  it('are numbered from 1 without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: schemaVersion }, (_, i) => i + 1)
    )
    expect(() => loadMigrations({ './001-a.sql': '', './003-b.sql': '' })).toThrow(/without gaps/)
  })

  it('copies an existing database before migrating it', () => {
    const dir = tempDir()
    const file = join(dir, 'p.sqlite3')
    const list = loadMigrations({
      './001-first.sql': 'CREATE TABLE notes (body TEXT) STRICT;',
      './002-second.sql': 'ALTER TABLE notes ADD COLUMN author TEXT;'
    })
    const db = new Database(file)
    migrate(db, { backupFile: null, list: list.slice(0, 1) })
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('kept')
    const backupFile = join(dir, 'backups', 'before.sqlite3')
    const report = migrate(db, { backupFile, list })
    expect(report).toEqual({ from: 1, to: 2, backupFile })
    db.close()
    const copy = new Database(backupFile, { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(1)
    expect(copy.prepare('SELECT body FROM notes').all()).toEqual([{ body: 'kept' }])
    copy.close()
    expect(readdirSync(join(dir, 'backups'))).toEqual(['before.sqlite3'])
  })

  it('a migration that fails changes nothing, and says where the copy from before is', () => {
    const dir = tempDir()
    const file = join(dir, 'p.sqlite3')
    const db = new Database(file)
    const list = loadMigrations({
      './001-first.sql': 'CREATE TABLE notes (body TEXT) STRICT;',
      './002-ok.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
      './003-broken.sql': 'CREATE TABLE b (y INTEGER) STRICT; INSERT INTO missing VALUES (1);'
    })
    migrate(db, { backupFile: null, list: list.slice(0, 1) })
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('kept as it was')
    const dump = () => db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()
    const before = { schema: dump(), rows: db.prepare('SELECT * FROM notes').all() }
    const copy = join(dir, 'backups', 'before.sqlite3')

    expect(() => migrate(db, { backupFile: copy, list })).toThrow(
      `Updating the data to version 3 (broken) failed: no such table: missing. Nothing was changed. A copy from before is at ${copy}.`
    )
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect({ schema: dump(), rows: db.prepare('SELECT * FROM notes').all() }).toEqual(before)
    expect(existsSync(copy)).toBe(true)
    db.close()
  })

  it('an issued program version cannot be changed', () => {
    const { db } = openDatabase(':memory:')
    const now = new Date().toISOString()
    db.prepare(
      "INSERT INTO patients (full_name, sort_key, date_of_birth, created_at, updated_at) VALUES ('A', 'a', '1980-01-01', ?, ?)"
    ).run(now, now)
    db.prepare('INSERT INTO programs (patient_id, created_at) VALUES (1, ?)').run(now)
    db.prepare(
      `INSERT INTO program_versions (program_id, version_no, status, title, issued_at, snapshot, created_at, updated_at)
       VALUES (1, 1, 'issued', 'Relief', ?, '{}', ?, ?)`
    ).run(now, now, now)
    expect(() => db.prepare("UPDATE program_versions SET title = 'Changed'").run()).toThrow(
      /issued program versions cannot be changed/
    )
    expect(() =>
      db
        .prepare('INSERT INTO program_items (version_id, position, exercise_id) VALUES (1, 0, 1)')
        .run()
    ).toThrow(/issued program versions cannot be changed/)
    db.close()
  })

  it('keeps the full-text indexes in step with their tables', () => {
    const { db } = openDatabase(':memory:')
    const now = new Date().toISOString()
    const insert = db.prepare(
      "INSERT INTO patients (full_name, sort_key, date_of_birth, condition, created_at, updated_at) VALUES (?, '', '1980-01-01', ?, ?, ?)"
    )
    const { lastInsertRowid } = insert.run('Ørjan Ågren', 'sciatica', now, now)
    const find = (q: string) =>
      db.prepare('SELECT rowid FROM patients_fts WHERE patients_fts MATCH ?').all(q).length
    expect(find('"gren"')).toBe(1)
    db.prepare("UPDATE patients SET full_name = 'Zoë Łukasiewicz' WHERE id = ?").run(
      lastInsertRowid
    )
    expect(find('"gren"')).toBe(0)
    expect(find('"kasie"')).toBe(1)
    db.prepare('DELETE FROM patients WHERE id = ?').run(lastInsertRowid)
    expect(find('"kasie"')).toBe(0)
    db.close()
  })
})

it('writes nothing but the database where the data folder is given', () => {
  const dir = tempDir()
  openDatabase(join(dir, 'p.sqlite3')).db.close()
  writeFileSync(join(dir, 'marker'), '')
  expect(readdirSync(dir).sort()).toEqual(['marker', 'p.sqlite3'])
})
