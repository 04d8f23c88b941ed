/**
 * How the clinic store's values reach JavaScript. Ids are PostgreSQL bigints
 * (pg-migrations/001) but stay plain numbers in the contract and the
 * renderer, as on SQLite; pg's default would hand every bigint over as a
 * string. Issue 18's per-device id blocks start at 2^40, far below 2^53.
 */
import pg from 'pg'

/** A bigint as a number, refusing one a number can't hold exactly rather than rounding it. */
export function parseBigint(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `The clinic database returned ${text}, beyond the integers PhysioPlan handles exactly (up to ${Number.MAX_SAFE_INTEGER}).`
    )
  }
  return value
}

/** Type parsers for a clinic connection (`new pg.Pool({ types: clinicTypes })`); pg's global ones stay as they are. */
export const clinicTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseBigint
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser']
}
