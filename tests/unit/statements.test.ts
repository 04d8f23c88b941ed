/** A connection's statements, kept by their SQL: the same rows, each call from plain rows, bounded. */
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { cacheStatements } from '../../src/main/core/db/statements'

describe('cached statements', () => {
  let db: Database.Database
  afterEach(() => db.close())

  const open = (limit?: number) => {
    db = new Database(':memory:')
    db.exec(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b')"
    )
    cacheStatements(db, limit)
  }

  it('prepares a text once and runs it with each call’s own parameters', () => {
    open()
    const sql = 'SELECT name FROM t WHERE id = ?'
    const first = db.prepare(sql)
    expect(db.prepare(sql)).toBe(first)
    expect(db.prepare(sql).get(1)).toEqual({ name: 'a' })
    expect(db.prepare(sql).get(2)).toEqual({ name: 'b' })
    db.prepare('INSERT INTO t (name) VALUES (?)').run('c')
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3 })
  })

  it('gives back plain rows after a caller plucked or asked for raw rows', () => {
    open()
    const sql = 'SELECT id, name FROM t ORDER BY id'
    expect(db.prepare(sql).pluck().all()).toEqual([1, 2])
    expect(db.prepare(sql).all()).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' }
    ])
    expect(db.prepare(sql).raw().get()).toEqual([1, 'a'])
    expect(db.prepare(sql).get()).toEqual({ id: 1, name: 'a' })
  })

  it('keeps at most its limit, forgetting the least recently used', () => {
    open(2)
    const a = db.prepare('SELECT 1')
    const b = db.prepare('SELECT 2')
    expect(db.prepare('SELECT 1')).toBe(a) // now the most recent: SELECT 2 goes first
    db.prepare('SELECT 3')
    expect(db.prepare('SELECT 1')).toBe(a)
    expect(db.prepare('SELECT 2')).not.toBe(b)
    expect(db.prepare('SELECT 2').get()).toEqual({ 2: 2 })
  })
})
