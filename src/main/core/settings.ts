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

const emptyClinic: ClinicSettings = {
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
