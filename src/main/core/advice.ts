import type { AdviceSection } from '@shared/types'
import { dialectSql } from './query/dialect'
import type { Query } from './query/schema'

/** The advice sections a program can draw on, in the library's order. */
export async function listAdvice(q: Query): Promise<AdviceSection[]> {
  const rows = await q
    .selectFrom('advice_sections')
    .select(['id', 'title', 'kind', 'intro', 'points', 'builtin_key'])
    .where('archived_at', 'is', null)
    .orderBy('sort_order')
    .orderBy(dialectSql(q).caseless('title'))
    .execute()
  return rows.map(({ builtin_key, points, ...row }) => ({
    ...row,
    points: JSON.parse(points) as string[],
    builtin: builtin_key !== null
  }))
}
