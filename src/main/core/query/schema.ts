/**
 * The tables the domains on the query layer read and write, typed once for
 * Kysely (issue 17). A domain joins the query layer by adding its tables
 * here, as the migrations define them; columns stay snake_case, and the
 * domain's selects rename them to the contract's camelCase.
 */
import type { Generated, Kysely } from 'kysely'
import type { AuditEntry, ExerciseCategory, ExercisePhase } from '@shared/types'

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

export interface ProgramVersionsTable {
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

export interface TemplatesTable {
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

/*
 * The columns programs and templates read of tables other domains own (the library, its
 * pictures and advice: domainsA17 moves those and types them whole; theirs replace these).
 */
export interface ExercisesTable {
  id: Generated<number>
  name: string
  category: ExerciseCategory
  easier_id: number | null
  harder_id: number | null
  archived_at: string | null
}

export interface ExerciseMediaTable {
  id: Generated<number>
  exercise_id: number
  sort_order: number
  retired_at: string | null
}

export interface AdviceSectionsTable {
  id: Generated<number>
  builtin_key: string | null
  kind: Generated<'general' | 'seek-help'>
  title: string
  intro: Generated<string>
  points: Generated<string>
}

export interface Schema {
  patients: PatientsTable
  audit_log: AuditTable
  programs: ProgramsTable
  program_versions: ProgramVersionsTable
  program_items: ProgramItemsTable
  program_advice: ProgramAdviceTable
  templates: TemplatesTable
  template_items: TemplateItemsTable
  template_advice: TemplateAdviceTable
  exercises: ExercisesTable
  exercise_media: ExerciseMediaTable
  advice_sections: AdviceSectionsTable
}

/**
 * What every domain function on the query layer takes first: the connection
 * of a read, or the transaction of a write. Never the store itself (see
 * `write` in store.ts for why). A transaction is a Kysely of its own.
 */
export type Query = Kysely<Schema>
