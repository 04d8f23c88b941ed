import type { Database } from 'better-sqlite3'
import type { ClinicSettings } from '@shared/types'

export function readSetting<T>(db: Database, key: string): T | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined
  return row === undefined ? undefined : (JSON.parse(row.value) as T)
}

export function writeSetting(db: Database, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
  ).run(key, JSON.stringify(value))
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

export function getClinic(db: Database): ClinicSettings {
  return { ...emptyClinic, ...readSetting<Partial<ClinicSettings>>(db, 'clinic') }
}

export function updateClinic(db: Database, clinic: ClinicSettings): ClinicSettings {
  writeSetting(db, 'clinic', clinic)
  return getClinic(db)
}

/** Where "Skip for now" on the first day's clinic details question is kept. */
const detailsSkippedKey = 'clinic_details_skipped'

/**
 * Whether to ask for the clinic details before a handout is issued: on the
 * first day, until the name, phone or therapist is filled in or the question
 * skipped. Kept in the settings table, so it travels with the data (backups,
 * a second window) and is asked once per clinic, not per browser.
 */
export function askClinicDetails(db: Database): boolean {
  const clinic = getClinic(db)
  const filled = [clinic.clinicName, clinic.phone, clinic.therapistName].some(
    (value) => value.trim() !== ''
  )
  return !filled && readSetting<boolean>(db, detailsSkippedKey) !== true
}

export function skipClinicDetails(db: Database): null {
  writeSetting(db, detailsSkippedKey, true)
  return null
}
