/**
 * The benchmark's clinic builder writes in batches with each SQL text
 * prepared once (scripts/bench/clinic-data.ts), so the large clinic builds in
 * bounded memory. Neither may change what is stored: a small clinic built that
 * way holds the same rows, table by table, search indexes included, as one
 * built the plain way (statements prepared per call, one transaction a phase).
 */
import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/main/core/db/open'
import { buildClinic, reuseStatements } from '../../scripts/bench/clinic-data'
import { memoryDb } from './helpers'

const size = { exercises: 120, patients: 40, programs: 70, visits: 150 }
const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/**
 * Every table's rows in the order of its columns, times of writing blanked. The FTS
 * indexes' b-tree pages (`*_data`, `*_idx`) depend on how many commits built
 * them, so the indexes are compared by what they hold: every term of every
 * row and column, at its position (fts5vocab 'instance').
 */
function contents(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT LIKE '%_fts_data' AND name NOT LIKE '%_fts_idx' ORDER BY name`
    )
    .pluck()
    .all() as string[]
  const all: Record<string, unknown[]> = {}
  for (const table of tables.filter((name) => !/_fts$|_vocab$/.test(name))) {
    const columns = (db.pragma(`table_info("${table}")`) as unknown[]).map((_, i) => i + 1)
    const sql = `SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`
    const rows = db.prepare(sql).raw().all() as unknown[][]
    all[table] = rows.map((row) =>
      row.map((v) => (typeof v === 'string' && isoTime.test(v) ? 'T' : v))
    )
  }
  for (const index of ['patients_fts', 'exercises_fts']) {
    db.exec(`CREATE VIRTUAL TABLE temp.${index}_terms USING fts5vocab(main, ${index}, 'instance')`)
    all[`${index} terms`] = db.prepare(`SELECT * FROM temp.${index}_terms`).raw().all()
    db.exec(`INSERT INTO ${index} (${index}) VALUES ('integrity-check')`)
  }
  return all
}

describe('the benchmark clinic builder', () => {
  it('stores the same clinic in batches with statements reused as the plain way', async () => {
    const plain = memoryDb()
    await buildClinic(plain, size, Number.MAX_SAFE_INTEGER)
    const batched = memoryDb()
    reuseStatements(batched)
    const batches: string[] = []
    await buildClinic(batched, size, 7, ({ phase, done }) => batches.push(`${phase} ${done}`))

    const expected = contents(plain)
    expect(expected.exercises).toHaveLength(size.exercises)
    expect(expected.patients).toHaveLength(size.patients)
    expect(expected.program_versions).toHaveLength(size.programs)
    expect(expected.visits).toHaveLength(size.visits)
    expect(expected['patients_fts terms']!.length).toBeGreaterThan(size.patients * 20)
    expect(contents(batched)).toEqual(expected)
    // small batches really were used: 7 patients a transaction, programs one at a time
    expect(batches).toContain('patients 7')
    expect(batches).toContain('programs 1')
  })

  it('keeps a reused statement from carrying one caller’s pluck() to the next', () => {
    const db = memoryDb()
    reuseStatements(db)
    const sql = 'SELECT id, name FROM exercises ORDER BY id LIMIT 1'
    expect(typeof db.prepare(sql).pluck().get()).toBe('number')
    expect(db.prepare(sql).get()).toMatchObject({
      id: expect.any(Number),
      name: expect.any(String)
    })
    expect(db.prepare(sql)).toBe(db.prepare(sql))
  })
})
