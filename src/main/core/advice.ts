import type { Database } from 'better-sqlite3'
import type { AdviceSection } from '@shared/types'

type Row = Record<string, unknown>

export function listAdvice(db: Database): AdviceSection[] {
  const rows = db
    .prepare(
      `SELECT id, title, kind, intro, points, builtin_key FROM advice_sections
       WHERE archived_at IS NULL ORDER BY sort_order, title COLLATE NOCASE`
    )
    .all() as Row[]
  return rows.map((row) => ({
    id: row.id as number,
    title: row.title as string,
    kind: row.kind as AdviceSection['kind'],
    intro: row.intro as string,
    points: JSON.parse(row.points as string) as string[],
    builtin: row.builtin_key !== null
  }))
}
