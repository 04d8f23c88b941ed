/**
 * Saving a row people edit (issue 17): patient details, drafts, templates,
 * the clinic's own exercises, settings. A save names the version it was
 * based on; the update adds one to it in the same statement that checks it
 * (`WHERE version = base`), so two saves from the same base can't both
 * land, on SQLite or PostgreSQL. A stale save changes nothing and is refused
 * with who changed the row and when: never a silent overwrite.
 */
import { sql, type Kysely, type Updateable } from 'kysely'
import { toIsoDate } from '@shared/dates'
import { AppError } from '@shared/errors'
import { dialectSql } from './query/dialect'
import type { LastChange, Query, Schema, VersionedRow } from './query/schema'

/** A versioned update's new version: one more than the row's, in the statement that checks it. */
export const nextVersion = sql<number>`version + 1`

const twoDigits = (n: number) => String(n).padStart(2, '0')

/**
 * "Changed by Alex at 10:42 — reload to see it." The time is this process's
 * local time: the clinic server and the desktops stand in the clinic, so it
 * is the clinic's clock people read. Another day adds the date.
 */
export function changedMessage({ at, by }: LastChange, now = new Date()): string {
  const who =
    by === null
      ? 'in another window'
      : by.mine
        ? 'by you in another window'
        : by.name === null
          ? 'by someone else'
          : `by ${by.name}`
  let when = ''
  if (at !== null) {
    const changed = new Date(at)
    const day = toIsoDate(changed) === toIsoDate(now) ? '' : ` on ${toIsoDate(changed)}`
    when = `${day} at ${twoDigits(changed.getHours())}:${twoDigits(changed.getMinutes())}`
  }
  return `Changed ${who}${when} — reload to see it.`
}

/** Refuses a save that found `row` at another version than its base (or found it gone). */
export async function refuseStale(q: Query, row: VersionedRow): Promise<never> {
  const change = await dialectSql(q).lastChange(q, row)
  if (change === undefined) {
    throw new AppError('not_found', 'It was deleted meanwhile, so nothing was saved.')
  }
  throw new AppError('conflict', changedMessage(change))
}

type Values<Row extends VersionedRow> = Updateable<Schema[Row['table']]>

/**
 * Updates `row` with `values` if it is still at version `base`, and returns
 * its new version; otherwise refuses with who changed it and when.
 */
export async function updateVersioned<Row extends VersionedRow>(
  q: Query,
  row: Row,
  base: number,
  values: Values<Row>
): Promise<number> {
  // one statement for any of the tables, typed by `values` above: Kysely can't type a union of tables
  const any = q as unknown as Kysely<Record<string, Record<string, unknown>>>
  const [column, key] = 'id' in row ? ['id', row.id] : ['key', row.key]
  const saved = await any
    .updateTable(row.table)
    .set({ ...values, version: nextVersion })
    .where(column, '=', key)
    .where('version', '=', base)
    .returning('version')
    .executeTakeFirst()
  return saved === undefined ? refuseStale(q, row) : Number(saved.version)
}
