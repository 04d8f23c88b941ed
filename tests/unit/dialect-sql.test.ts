/**
 * The domains' behaviour that rests on a dialect function (query/sqlite.ts):
 * what a PostgreSQL module of the same shape must also make true.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { listAdvice } from '../../src/main/core/advice'
import { closeTerms } from '../../src/main/core/fuzzy'
import { openDatabase } from '../../src/main/core/db/open'
import { dialectSql } from '../../src/main/core/query/dialect'
import { sqliteStore } from '../../src/main/core/query/store'
import { readSetting, writeSetting } from '../../src/main/core/settings'
import { dashboard } from '../../src/main/core/visits'
import { memoryDb, tempDir } from './helpers'

describe('what the dialect functions give the domains', () => {
  it('uniqueKey: writing a setting again replaces its value', async () => {
    const store = sqliteStore(memoryDb())
    await store.write((q) => writeSetting(q, 'handout', { paper: 'A4' }))
    await store.write((q) => writeSetting(q, 'handout', { paper: 'LETTER' }))
    expect(await store.read((q) => readSetting(q, 'handout'))).toEqual({ paper: 'LETTER' })
  })

  it('caseless: advice sections of one rank come in alphabetical order, whatever their case', async () => {
    const store = sqliteStore(memoryDb())
    const titles = ['cherry pacing', 'Banana walks', 'apple stretches']
    const now = new Date().toISOString()
    await store.write(async (q) => {
      for (const title of titles) {
        await q
          .insertInto('advice_sections')
          .values({
            title,
            kind: 'general',
            intro: '',
            points: '[]',
            builtin_key: null,
            sort_order: -1,
            archived_at: null,
            created_at: now,
            updated_at: now
          })
          .execute()
      }
    })
    const listed = await store.read((q) => listAdvice(q))
    expect(listed.slice(0, 3).map((section) => section.title)).toEqual([
      'apple stretches',
      'Banana walks',
      'cherry pacing'
    ])
  })

  it('oneSnapshot: its reads agree though another connection commits between them', async () => {
    const file = join(tempDir(), 'snapshot.sqlite3')
    const { db } = openDatabase(file)
    const other = new Database(file)
    try {
      const store = sqliteStore(db)
      const seen = await store.read((q) =>
        dialectSql(q).oneSnapshot(q, async (q) => {
          const before = await readSetting(q, 'handout')
          other.prepare(`INSERT INTO settings (key, value) VALUES ('handout', '1')`).run()
          return [before, await readSetting(q, 'handout')]
        })
      )
      expect(seen).toEqual([undefined, undefined])
      expect(await store.read((q) => readSetting(q, 'handout'))).toBe(1)
    } finally {
      other.close()
      db.close()
    }
  })
})

describe('the library search’s dialect functions', () => {
  const store = () => sqliteStore(memoryDb())
  const matching = (groups: string[][], ranked: boolean) =>
    store().read((q) =>
      q
        .selectFrom('exercises as e')
        .innerJoin(dialectSql(q).libraryMatches(groups, ranked).as('m'), 'm.id', 'e.id')
        .select(['e.name', 'm.rank'])
        .orderBy('m.rank')
        .orderBy('e.name')
        .execute()
    )

  it('libraryWords: the index’s words, folded, for the typo fallback to compare with', async () => {
    const words = await store().read((q) => dialectSql(q).libraryWords(q))
    expect(words).toContain('hamstring')
    expect(words.every((word) => word === word.toLowerCase())).toBe(true)
    expect(closeTerms(words, 'hamstirng')).toContain('hamstring')
  })

  it('libraryMatches: a group matches its typed prefix or one of its close spellings', async () => {
    const prefix = await matching([['hamstr']], true)
    expect(prefix.map((row) => row.name)).toContain('Nordic hamstring lower')
    expect(await matching([['hamstirng']], true)).toEqual([])
    const forgiven = await matching([['hamstirng', 'hamstring']], true)
    expect(forgiven.map((row) => row.name)).toContain('Nordic hamstring lower')
    // the close spelling is a whole word: "hamstrings" needs the prefix
    expect(prefix.map((row) => row.name)).toEqual(
      expect.arrayContaining(forgiven.map((row) => row.name))
    )
  })

  it('libraryMatches: ranked, name hits come first; unranked, all rank alike', async () => {
    const ranked = await matching([['bridge']], true)
    expect(ranked[0]!.name).toMatch(/bridge/i)
    expect(new Set(ranked.map((row) => row.rank)).size).toBeGreaterThan(1)
    const plain = await matching([['bridge']], false)
    expect(new Set(plain.map((row) => row.rank)).size).toBe(1)
  })
})

describe('the dashboard’s queries', () => {
  it('read every list from the patients_due index, as its partial condition allows', async () => {
    const db = memoryDb()
    const prepare = db.prepare.bind(db)
    const seen: string[] = []
    db.prepare = ((text: string) => {
      if (text.includes('latest_next_visit_date')) seen.push(text)
      return prepare(text)
    }) as typeof db.prepare
    // show 0 cuts every list, so each is counted too: all eight queries
    await sqliteStore(db).read((q) => dashboard(q, '2026-06-15', 0))
    expect(seen).toHaveLength(8)
    for (const text of seen) {
      const nulls = Array.from(text.matchAll(/\?/g), () => null)
      const plan = prepare(`EXPLAIN QUERY PLAN ${text}`).all(...nulls) as { detail: string }[]
      expect(plan.map((step) => step.detail).join(' | ')).toMatch(/USING INDEX patients_due/)
    }
  })
})
