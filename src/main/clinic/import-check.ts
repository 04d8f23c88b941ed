/**
 * The import's check (issue 17: "checked by counts and by a sample of
 * rows"): per table, the rows on each side counted, and up to 100 rows
 * picked at random from the solo copy found again in the clinic by their key
 * and compared column by column. Issued versions get a sample of their own,
 * so their frozen snapshots are compared even when drafts far outnumber them.
 * What it reports names tables, keys and columns, never a value.
 */
import { sql } from 'kysely'
import { AppError } from '@shared/errors'
import type { Db } from '../core/db/connect'
import type { Query } from '../core/query/schema'
import { columnsOf, soloTables, type Row, type SoloTable } from './import-solo'

export const sampleSize = 100

export interface TableCheck {
  /** the table, or "program_versions (issued)" for the issued versions' own sample */
  table: string
  rows: { solo: number; clinic: number }
  sampled: number
  /** the sampled rows that differ: their key, and the columns that differ (or "missing") */
  differing: { key: string; columns: string[] }[]
}

/** One value read from SQLite and its PostgreSQL counterpart: blobs by bytes, the rest exactly. */
function same(solo: unknown, clinic: unknown): boolean {
  if (Buffer.isBuffer(solo) && Buffer.isBuffer(clinic)) return solo.equals(clinic)
  return (solo ?? null) === (clinic ?? null)
}

const keyOf = (table: SoloTable, row: Row) =>
  table.key.map((column) => String(row[column])).join('/')

async function compareSample(
  q: Query,
  db: Db,
  table: SoloTable,
  where: string
): Promise<TableCheck['differing']> {
  const columns = columnsOf(db, table)
  const list = columns.map((column) => `"${column}"`).join(', ')
  const picked = db
    .prepare(`SELECT ${list} FROM "${table.name}" WHERE ${where} ORDER BY random() LIMIT ?`)
    .all(sampleSize) as Row[]
  if (picked.length === 0) return []
  const keys = sql.join(
    picked.map((row) => sql`(${sql.join(table.key.map((column) => row[column]))})`)
  )
  const { rows } = await sql<Row>`SELECT ${sql.join(columns.map((column) => sql.ref(column)))}
    FROM ${sql.table(table.name)}
    WHERE (${sql.join(table.key.map((column) => sql.ref(column)))}) IN (${keys})`.execute(q)
  const found = new Map(rows.map((row) => [keyOf(table, row), row]))
  return picked.flatMap((row) => {
    const twin = found.get(keyOf(table, row))
    const columnsDiffering = twin
      ? columns.filter((column) => !same(row[column], twin[column]))
      : ['missing']
    return columnsDiffering.length > 0
      ? [{ key: keyOf(table, row), columns: columnsDiffering }]
      : []
  })
}

/** The check of every imported table, on `q`: the import's own transaction, before it commits. */
export async function checkImport(db: Db, q: Query): Promise<TableCheck[]> {
  const samples = [
    ...soloTables.map((table) => ({ table, label: table.name, where: 'true' })),
    {
      table: soloTables.find((table) => table.name === 'program_versions')!,
      label: 'program_versions (issued)',
      where: "status = 'issued'"
    }
  ]
  const checks: TableCheck[] = []
  for (const { table, label, where } of samples) {
    const solo = db.prepare(`SELECT count(*) FROM "${table.name}" WHERE ${where}`).pluck().get()
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table.name)}
        WHERE ${sql.raw(where)}`.execute(q)
    const differing = await compareSample(q, db, table, where)
    checks.push({
      table: label,
      rows: { solo: solo as number, clinic: rows[0]!.n },
      sampled: Math.min(sampleSize, solo as number),
      differing
    })
  }
  return checks
}

/** Whether the check found the clinic as the file: every count equal, every sampled row equal. */
export function checkPassed(checks: TableCheck[]): boolean {
  return checks.every(
    (check) => check.rows.solo === check.rows.clinic && check.differing.length === 0
  )
}

/** An import whose check failed: rolled back, with what the check found. */
export class ImportMismatch extends AppError {
  constructor(readonly checks: TableCheck[]) {
    super(
      'internal',
      'The clinic would differ from the file (see the check above), so nothing was imported.'
    )
  }
}
