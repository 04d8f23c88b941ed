/** Domain types shared by main and renderer. Plain data only: they cross the bridge. */

export const sexes = ['female', 'male', 'other'] as const
export type Sex = (typeof sexes)[number]

export interface PatientFields {
  fullName: string
  dateOfBirth: string
  sex: Sex | null
  phone: string | null
  email: string | null
  condition: string | null
  referralSource: string | null
  notes: string | null
}

export interface Patient extends PatientFields {
  id: number
  archivedAt: string | null
  createdAt: string
  updatedAt: string
}

export type PatientSummary = Pick<
  Patient,
  'id' | 'fullName' | 'dateOfBirth' | 'condition' | 'archivedAt' | 'updatedAt'
>

export const exerciseCategories = [
  'stretch',
  'strengthening',
  'mobility',
  'warm-up',
  'cool-down'
] as const
export type ExerciseCategory = (typeof exerciseCategories)[number]

export const positions = [
  'lying on back',
  'lying on front',
  'hands and knees',
  'kneeling',
  'sitting',
  'standing',
  'walking'
] as const
export type Position = (typeof positions)[number]

export const difficulties = ['easy', 'moderate', 'hard'] as const
export type Difficulty = (typeof difficulties)[number]

export const sides = ['left', 'right', 'both', 'alternating'] as const
export type Side = (typeof sides)[number]

export const exerciseSources = ['builtin', 'custom', 'imported'] as const
export type ExerciseSource = (typeof exerciseSources)[number]

/** A prescription for one exercise. Every field is optional: a stretch has no reps. */
export interface Dose {
  sets: number | null
  reps: number | null
  holdSeconds: number | null
  durationSeconds: number | null
  perDay: number | null
  perWeek: number | null
  side: Side | null
  load: string | null
  restSeconds: number | null
  note: string | null
}

export interface ExerciseMedia {
  id: number
  kind: 'illustration' | 'photo'
  /** start / end position, or the single picture */
  stage: 'single' | 'start' | 'end'
}

export interface ExerciseSummary {
  id: number
  name: string
  source: ExerciseSource
  category: ExerciseCategory
  bodyRegions: string[]
  position: Position
  difficulty: Difficulty
  favourite: boolean
  defaultDose: Dose
}

export interface Exercise extends ExerciseSummary {
  summary: string
  steps: string[]
  equipment: string[]
  caution: string | null
  media: ExerciseMedia[]
  archivedAt: string | null
}

export interface AdviceSection {
  id: number
  title: string
  kind: 'general' | 'seek-help'
  intro: string
  points: string[]
  builtin: boolean
}

export interface TemplateItem {
  exerciseId: number
  exerciseName: string
  dose: Dose
}

export interface Template {
  id: number
  name: string
  description: string
  goals: string
  builtin: boolean
  items: TemplateItem[]
  advice: Pick<AdviceSection, 'id' | 'title'>[]
}

export interface ClinicSettings {
  clinicName: string
  address: string
  phone: string
  email: string
  therapistName: string
  /** data: URL of a PNG or JPEG, already checked and size-limited by main */
  logoDataUrl: string | null
}

export interface AppInfo {
  version: string
  transport: 'electron' | 'web'
  dataDir: string
  databaseFile: string
  counts: { patients: number; exercises: number; adviceSections: number; templates: number }
}
