/**
 * The domains' behaviour that rests on a dialect function (query/sqlite.ts):
 * what a PostgreSQL module of the same shape must also make true.
 */
import { describe, expect, it } from 'vitest'
import { listAdvice } from '../../src/main/core/advice'
import { sqliteStore } from '../../src/main/core/query/store'
import { readSetting, writeSetting } from '../../src/main/core/settings'
import { memoryDb } from './helpers'

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
})
