/**
 * The tables the domains on the query layer read and write, typed once for
 * Kysely (issue 17). A domain joins the query layer by adding its tables
 * here, as the migrations define them; columns stay snake_case, and the
 * domain's selects rename them to the contract's camelCase.
 */
import type { Generated, Kysely } from 'kysely'
import type { AuditEntry } from '@shared/types'

export interface PatientsTable {
  id: Generated<number>
  full_name: string
  /** the name folded (search.ts `fold`), for ordering and short-term search */
  sort_key: string
  date_of_birth: string
  sex: 'female' | 'male' | 'other' | null
  phone: string | null
  email: string | null
  condition: string | null
  referral_source: string | null
  notes: string | null
  /** a JSON list of measure keys (migration 003), defaulting to the four every patient starts with */
  measures: Generated<string>
  archived_at: string | null
  created_at: string
  updated_at: string
}

export interface AuditTable {
  id: Generated<number>
  at: string
  patient_id: number | null
  entity: AuditEntry['entity']
  entity_id: number
  action: AuditEntry['action']
  /** a JSON list of field names, never their values */
  fields: Generated<string>
}

export interface SettingsTable {
  key: string
  /** JSON */
  value: string
}

/** Only what the domains on the query layer read of each: `archived_at`, to count them (app:info). */
interface ArchivableTable {
  archived_at: string | null
}

export interface AdviceSectionsTable {
  id: Generated<number>
  builtin_key: string | null
  kind: 'general' | 'seek-help'
  title: string
  intro: string
  /** a JSON list of strings */
  points: string
  sort_order: number
  archived_at: string | null
  created_at: string
  updated_at: string
}

export interface ExerciseMediaTable {
  id: Generated<number>
  exercise_id: number
  kind: 'illustration' | 'photo'
  stage: 'single' | 'start' | 'end'
  sort_order: number
  mime: string
  /** a built-in picture's file under the app's resources; else `data` holds it */
  resource_path: string | null
  data: Buffer | null
  width: number | null
  height: number | null
  retired_at: string | null
}

export interface Schema {
  patients: PatientsTable
  audit_log: AuditTable
  settings: SettingsTable
  exercises: ArchivableTable
  advice_sections: AdviceSectionsTable
  templates: ArchivableTable
  exercise_media: ExerciseMediaTable
}

/**
 * What every domain function on the query layer takes first: the connection
 * of a read, or the transaction of a write. Never the store itself (see
 * `write` in store.ts for why). A transaction is a Kysely of its own.
 */
export type Query = Kysely<Schema>
