/**
 * The clinic's settings: one JSON value a key. On the query layer (issue 17);
 * the `…Sync` bridges serve the code still on the synchronous `db` (backups,
 * the seed).
 */
import type { Database } from 'better-sqlite3'
import type { ClinicSettings, Versioned } from '@shared/types'
import { nowIso } from './clock'
import { dialectSql } from './query/dialect'
import type { Query } from './query/schema'
import { runNow, sqliteBuilder } from './query/sync'
import { refuseStale, updateVersioned } from './versioned'

const settingRow = (q: Query, key: string) =>
  q.selectFrom('settings').select('value').where('key', '=', key)

const parsed = <T>(row: { value: string } | undefined): T | undefined =>
  row === undefined ? undefined : (JSON.parse(row.value) as T)

export async function readSetting<T>(q: Query, key: string): Promise<T | undefined> {
  return parsed<T>(await settingRow(q, key).executeTakeFirst())
}

export function readSettingSync<T>(db: Database, key: string): T | undefined {
  return parsed<T>(runNow(db, settingRow(sqliteBuilder, key))[0])
}

const settingUpsert = (q: Query, key: string, value: unknown) =>
  q
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((conflict) =>
      conflict
        .columns(dialectSql(q).uniqueKey(['key']))
        .doUpdateSet({ value: (e) => e.ref('excluded.value') })
    )

/** For values no one edits in a form (a flag, a folder): the last write stands. */
export async function writeSetting(q: Query, key: string, value: unknown): Promise<void> {
  await settingUpsert(q, key, value).execute()
}

export function writeSettingSync(db: Database, key: string, value: unknown): void {
  runNow(db, settingUpsert(sqliteBuilder, key, value))
}

/** A clinic before anything is filled in. */
export const emptyClinic: ClinicSettings = {
  clinicName: '',
  address: '',
  phone: '',
  email: '',
  therapistName: '',
  emergencyNumber: '',
  logoDataUrl: null
}

const clinicFrom = (stored: Partial<ClinicSettings> | undefined): ClinicSettings => ({
  ...emptyClinic,
  ...stored
})

export async function getClinic(q: Query): Promise<ClinicSettings> {
  return clinicFrom(await readSetting<Partial<ClinicSettings>>(q, 'clinic'))
}

/**
 * A value people edit in a form (the clinic's details, its handout options):
 * read over its defaults with the version its save must name (0 while never
 * stored), and saved from that version: refused, with who changed it and
 * when, if someone saved it since (versioned.ts).
 */
export function editedSetting<T extends object>(key: string, defaults: T) {
  async function read(q: Query): Promise<T & Versioned> {
    const row = await q
      .selectFrom('settings')
      .select(['value', 'version'])
      .where('key', '=', key)
      .executeTakeFirst()
    return { ...defaults, ...parsed<Partial<T>>(row), version: row?.version ?? 0 }
  }
  async function save(q: Query, version: number, value: T): Promise<T & Versioned> {
    const values = { value: JSON.stringify(value), updated_at: nowIso() }
    if (version > 0) {
      await updateVersioned(q, { table: 'settings', key }, version, values)
      return read(q)
    }
    // the first save: stored unless someone else's first save came first
    const stored = await q
      .insertInto('settings')
      .values({ key, ...values })
      .onConflict((conflict) => conflict.columns(dialectSql(q).uniqueKey(['key'])).doNothing())
      .returning('version')
      .executeTakeFirst()
    if (stored === undefined) await refuseStale(q, { table: 'settings', key })
    return read(q)
  }
  return { read, save }
}

const clinicSetting = editedSetting('clinic', emptyClinic)
/** The details as the Settings screen edits them, with the version their save names. */
export const editClinic = clinicSetting.read
export const updateClinic = clinicSetting.save

/** Where "Skip for now" on the first day's clinic details question is kept. */
const detailsSkippedKey = 'clinic_details_skipped'

/**
 * Whether to ask for the clinic details before a handout is issued: on the
 * first day, until the name, phone or therapist is filled in or the question
 * skipped. Kept in the settings table, so it travels with the data (backups,
 * a second window) and is asked once per clinic, not per browser.
 */
export async function askClinicDetails(q: Query): Promise<boolean> {
  const clinic = await getClinic(q)
  const filled = [clinic.clinicName, clinic.phone, clinic.therapistName].some(
    (value) => value.trim() !== ''
  )
  return !filled && (await readSetting<boolean>(q, detailsSkippedKey)) !== true
}

export async function skipClinicDetails(q: Query): Promise<null> {
  await writeSetting(q, detailsSkippedKey, true)
  return null
}

/** How many active (not archived) rows a table has, for the app's About box. */
export async function countActive(
  q: Query,
  table: 'patients' | 'exercises' | 'advice_sections' | 'templates'
): Promise<number> {
  const { n } = await q
    .selectFrom(table)
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow()
  // PostgreSQL's count is a bigint, which its driver returns as text
  return Number(n)
}
