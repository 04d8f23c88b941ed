/**
 * The tables the domains on the query layer read and write, typed once for
 * Kysely (issue 17). A domain joins the query layer by adding its tables
 * here, as the migrations define them; columns stay snake_case, and the
 * domain's selects rename them to the contract's camelCase.
 */
import type { Generated, Kysely } from 'kysely'
import type { RedFlag } from '@shared/red-flags'
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
  /** the latest visit (by date, then id), kept by triggers on visits (migration 006) */
  latest_visit_id: number | null
  latest_visit_date: string | null
  latest_visit_type: VisitsTable['visit_type'] | null
  latest_next_visit_date: string | null
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

export interface VisitsTable {
  id: Generated<number>
  patient_id: number
  visit_date: string
  visit_type: 'initial' | 'follow-up' | 'discharge'
  program_version_id: number | null
  subjective: string | null
  objective: string | null
  plan: string | null
  sessions_done: number | null
  sessions_prescribed: number | null
  next_visit_date: string | null
  created_at: string
  updated_at: string
}

export interface VisitOutcomesTable {
  visit_id: number
  measure: string
  item: string
  value: number
  /** the order the items were written in (SQLite's own rowid; a named column on PostgreSQL) */
  rowid: Generated<number>
}

export interface VisitRedFlagsTable {
  visit_id: number
  flag: RedFlag
  status: 'present' | 'resolved'
  note: string | null
}

export interface ProgramsTable {
  id: Generated<number>
  patient_id: number
  created_at: string
  archived_at: string | null
}

export interface ProgramVersionsTable {
  id: Generated<number>
  program_id: number
  version_no: number
  status: 'draft' | 'issued'
  title: string
  goals: string
  start_date: string | null
  review_date: string | null
  template_id: number | null
  issued_at: string | null
  /** JSON, once issued */
  snapshot: string | null
  created_at: string
  updated_at: string
  /** JSON */
  walk_run: string | null
}

export interface TemplatesTable {
  id: Generated<number>
  builtin_key: string | null
  name: string
  description: string
  goals: string
  archived_at: string | null
  created_at: string
  updated_at: string
  next_id: number | null
  pain_rule: string | null
  /** JSON */
  walk_run: string | null
}

/** Only what the domains on the query layer read so far: `archived_at`, to count them (app:info). */
interface ArchivableTable {
  archived_at: string | null
}

export interface Schema {
  patients: PatientsTable
  audit_log: AuditTable
  settings: SettingsTable
  exercises: ArchivableTable
  advice_sections: AdviceSectionsTable
  templates: TemplatesTable
  exercise_media: ExerciseMediaTable
  visits: VisitsTable
  visit_outcomes: VisitOutcomesTable
  visit_red_flags: VisitRedFlagsTable
  programs: ProgramsTable
  program_versions: ProgramVersionsTable
}

/**
 * What every domain function on the query layer takes first: the connection
 * of a read, or the transaction of a write. Never the store itself (see
 * `write` in store.ts for why). A transaction is a Kysely of its own.
 */
export type Query = Kysely<Schema>
