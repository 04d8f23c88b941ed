/**
 * The tables the domains on the query layer read and write, typed once for
 * Kysely (issue 17). A domain joins the query layer by adding its tables
 * here, as the migrations define them; columns stay snake_case, and the
 * domain's selects rename them to the contract's camelCase.
 */
import type { Generated, Kysely } from 'kysely'
import type { RedFlag } from '@shared/red-flags'
import type {
  AuditEntry,
  Difficulty,
  Dose,
  ExerciseCategory,
  ExerciseSource,
  ExercisePhase,
  Position
} from '@shared/types'

/**
 * What a row people edit carries (migration 008; the clinic's 001): the
 * version a save must name, one more after each (versioned.ts). The clinic's
 * rows also say who made it (`updated_by`, an account), which only
 * PostgreSQL has, so only its SQL reads it (query/postgres.ts).
 */
interface VersionColumn {
  version: Generated<number>
}

export interface PatientsTable extends VersionColumn {
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

export interface SettingsTable extends VersionColumn {
  key: string
  /** JSON */
  value: string
  /** when the row last changed (null: not since migration 008) */
  updated_at: Generated<string | null>
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

/**
 * The exercises' stored columns; SQLite's generated ones (the folded copies
 * and tag words its search index reads) are left out: nothing selects them.
 */
export interface ExercisesTable extends VersionColumn {
  id: Generated<number>
  builtin_key: string | null
  source: ExerciseSource
  /** the record's id in an imported data set */
  import_ref: string | null
  /** the record's hash as last imported; null once edited here */
  import_hash: string | null
  copied_from_id: number | null
  name: string
  summary: string
  /** JSON lists: steps, body_regions, equipment, conditions, stages, movements */
  steps: string
  category: ExerciseCategory
  body_regions: string
  position: Position
  equipment: string
  difficulty: Difficulty
  caution: string | null
  keywords: Generated<string>
  default_sets: number | null
  default_reps: number | null
  default_hold_seconds: number | null
  default_duration_seconds: number | null
  default_per_day: number | null
  default_per_week: number | null
  default_side: Dose['side'] | null
  default_load: string | null
  default_rest_seconds: number | null
  default_note: string | null
  favourite: Generated<number>
  archived_at: string | null
  created_at: string
  updated_at: string
  easier_id: Generated<number | null>
  harder_id: Generated<number | null>
  conditions: Generated<string>
  stages: Generated<string>
  movements: Generated<string>
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

/** A dose's ten columns, as program and template items store them (dose-columns.ts). */
export interface DoseColumns {
  sets: number | null
  reps: number | null
  hold_seconds: number | null
  duration_seconds: number | null
  per_day: number | null
  per_week: number | null
  side: 'left' | 'right' | 'both' | 'alternating' | null
  load: string | null
  rest_seconds: number | null
  note: string | null
}

export interface ProgramsTable {
  id: Generated<number>
  patient_id: number
  created_at: string
  archived_at: string | null
}

export interface ProgramVersionsTable extends VersionColumn {
  id: Generated<number>
  program_id: number
  version_no: number
  status: Generated<'draft' | 'issued'>
  title: string
  goals: Generated<string>
  start_date: string | null
  review_date: string | null
  template_id: number | null
  issued_at: string | null
  /** the frozen ProgramSnapshot as JSON, set once at issue */
  snapshot: string | null
  /** a WalkRunPlan as JSON */
  walk_run: string | null
  created_at: string
  updated_at: string
}

export interface ProgramItemsTable extends DoseColumns {
  id: Generated<number>
  version_id: number
  position: number
  exercise_id: number
  phase: Generated<ExercisePhase>
}

export interface ProgramAdviceTable {
  id: Generated<number>
  version_id: number
  position: number
  advice_id: number | null
  kind: Generated<'general' | 'seek-help'>
  title: string
  intro: Generated<string>
  /** a JSON list of strings */
  points: Generated<string>
}

export interface TemplatesTable extends VersionColumn {
  id: Generated<number>
  builtin_key: string | null
  name: string
  description: Generated<string>
  goals: Generated<string>
  next_id: number | null
  pain_rule: string | null
  /** a WalkRunPlan as JSON */
  walk_run: string | null
  archived_at: string | null
  created_at: string
  updated_at: string
}

export interface TemplateItemsTable extends DoseColumns {
  id: Generated<number>
  template_id: number
  position: number
  exercise_id: number
  phase: Generated<ExercisePhase>
}

export interface TemplateAdviceTable {
  template_id: number
  position: number
  advice_id: number
}

export interface Schema {
  patients: PatientsTable
  audit_log: AuditTable
  settings: SettingsTable
  advice_sections: AdviceSectionsTable
  exercise_media: ExerciseMediaTable
  exercises: ExercisesTable
  visits: VisitsTable
  visit_outcomes: VisitOutcomesTable
  visit_red_flags: VisitRedFlagsTable
  programs: ProgramsTable
  program_versions: ProgramVersionsTable
  program_items: ProgramItemsTable
  program_advice: ProgramAdviceTable
  templates: TemplatesTable
  template_items: TemplateItemsTable
  template_advice: TemplateAdviceTable
}

/** One row people edit, by its key: what a versioned save names (versioned.ts). */
export type VersionedRow =
  | { table: 'patients' | 'exercises' | 'templates' | 'program_versions'; id: number }
  | { table: 'settings'; key: string }

/**
 * Who last changed a row, and when (ISO, null for a settings row not saved
 * since migration 008). `by` is null on SQLite, which has no accounts;
 * on PostgreSQL the account's display name (null if none is recorded) and
 * whether it is the account asking.
 */
export interface LastChange {
  at: string | null
  by: { name: string | null; mine: boolean } | null
}

/**
 * What every domain function on the query layer takes first: the connection
 * of a read, or the transaction of a write. Never the store itself (see
 * `write` in store.ts for why). A transaction is a Kysely of its own.
 */
export type Query = Kysely<Schema>
