/** Domain types shared by main and renderer. Plain data only: they cross the bridge. */
import type { MeasureKey, StartBackScore } from './measures'
import type { RedFlag } from './red-flags'
import type {
  ClinicSettings,
  Dose,
  ExerciseExtras,
  ExerciseFields,
  HandoutOptions,
  PatientFields,
  ProgramAdvice,
  VisitFields,
  VisitOutcomes,
  WalkRunPlan
} from './contract'

export type {
  ClinicSettings,
  Dose,
  ExerciseExtras,
  ExerciseFields,
  HandoutOptions,
  PatientFields,
  ProgramAdvice,
  VisitFields,
  VisitOutcomes
}
export const sexes = ['female', 'male', 'other'] as const
export type Sex = (typeof sexes)[number]

/**
 * A row people edit: the version it was read at, which its save sends back
 * (a save from an older one is refused with who changed it and when).
 */
export interface Versioned {
  version: number
}

export interface Patient extends PatientFields, Versioned {
  id: number
  /** the measures this patient's visits record, in the order of `measureKeys` */
  measures: MeasureKey[]
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
  'lying on side',
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

export interface ExerciseMedia {
  id: number
  kind: 'illustration' | 'photo'
  /** start / end position, or the single picture */
  stage: 'single' | 'start' | 'end'
}

/** Rehabilitation stages an exercise suits, as a physiotherapist filters by them. */
export const exerciseStages = ['early', 'middle', 'late', 'return'] as const
export type ExerciseStage = (typeof exerciseStages)[number]
export const stageLabels: Record<ExerciseStage, string> = {
  early: 'Early',
  middle: 'Middle',
  late: 'Late',
  return: 'Return to sport'
}

/** Movement preference, where it matters (directional preference, type of loading). */
export const exerciseMovements = [
  'extension',
  'flexion',
  'isometric',
  'eccentric',
  'plyometric'
] as const
export type ExerciseMovement = (typeof exerciseMovements)[number]
export const movementLabels: Record<ExerciseMovement, string> = {
  extension: 'Extension-based',
  flexion: 'Flexion-based',
  isometric: 'Isometric',
  eccentric: 'Eccentric',
  plyometric: 'Plyometric'
}

/** An easier or harder variant of an exercise. */
export interface ExerciseLink {
  id: number
  name: string
}

/** The tags a physiotherapist filters by. */
export interface ExerciseTags {
  /** conditions it treats, e.g. "Achilles tendinopathy" */
  conditions: string[]
  stages: ExerciseStage[]
  movements: ExerciseMovement[]
}

export interface ExerciseSummary extends ExerciseTags {
  id: number
  name: string
  source: ExerciseSource
  category: ExerciseCategory
  bodyRegions: string[]
  position: Position
  difficulty: Difficulty
  favourite: boolean
  defaultDose: Dose
  easier: ExerciseLink | null
  harder: ExerciseLink | null
}

export interface ExerciseUsage {
  templates: { id: number; name: string }[]
  programs: {
    versionId: number
    versionNo: number
    title: string
    status: ProgramStatus
    patientName: string
  }[]
}

export interface Exercise extends ExerciseSummary, ExerciseFields, Versioned {
  caution: string | null
  media: ExerciseMedia[]
  archivedAt: string | null
  copiedFromId: number | null
  usage: ExerciseUsage
  /** easiest first, this exercise included, following the easier and harder links */
  chain: ExerciseLink[]
}

/** One page of the library: its exercises, from `offset`, of `total` that match. */
export interface ExercisePage {
  exercises: ExerciseSummary[]
  total: number
  offset: number
}

export interface ExerciseFacets {
  bodyRegions: string[]
  equipment: string[]
  conditions: string[]
}

export interface MediaData {
  id: number
  mime: string
  dataUrl: string
}

export interface AdviceSection {
  id: number
  title: string
  kind: 'general' | 'seek-help'
  intro: string
  points: string[]
  builtin: boolean
}

/** When an exercise is done: before running (warm-up), the program, after running (cool-down). */
export const exercisePhases = ['before', 'main', 'after'] as const
export type ExercisePhase = (typeof exercisePhases)[number]

/** When an exercise is done, as the builder offers it and summaries tag it. */
export const phaseLabels: Record<ExercisePhase, string> = {
  before: 'Before running (warm-up)',
  main: 'Program',
  after: 'After running (cool-down)'
}

export interface TemplateItem {
  exerciseId: number
  exerciseName: string
  category: ExerciseCategory
  /** archived in the library since the template was made */
  archived: boolean
  phase: ExercisePhase
  dose: Dose
}

export interface Template extends Versioned {
  id: number
  name: string
  description: string
  goals: string
  builtin: boolean
  items: TemplateItem[]
  advice: Pick<AdviceSection, 'id' | 'title'>[]
  /** the stage a patient moves on to from this one */
  next: { id: number; name: string } | null
  /** the pain-monitoring wording printed with its walk–run plan; null: the usual one */
  painRule: string | null
  walkRun: WalkRunPlan | null
}

/**
 * The data file's pages: being checked in the background (the last session
 * closed cleanly, so the app opened at once), found sound, or damaged (then
 * nothing more is saved; `message` says what to do).
 */
export interface DataHealth {
  state: 'checking' | 'ok' | 'damaged'
  message: string | null
}

export interface AppInfo {
  version: string
  transport: 'electron' | 'web'
  dataDir: string
  databaseFile: string
  counts: { patients: number; exercises: number; adviceSections: number; templates: number }
}

export const programStatuses = ['draft', 'issued'] as const
export type ProgramStatus = (typeof programStatuses)[number]

export interface ProgramItem {
  exerciseId: number
  exerciseName: string
  category: ExerciseCategory
  /** archived since it was added: still printable, no longer offered in search */
  archived: boolean
  phase: ExercisePhase
  dose: Dose
  easier: ExerciseLink | null
  harder: ExerciseLink | null
}

export interface ProgramVersionSummary {
  id: number
  programId: number
  versionNo: number
  status: ProgramStatus
  title: string
  itemCount: number
  issuedAt: string | null
  updatedAt: string
}

export interface ProgramVersion extends Omit<ProgramVersionSummary, 'itemCount'>, Versioned {
  patientId: number
  goals: string
  startDate: string | null
  reviewDate: string | null
  templateId: number | null
  createdAt: string
  items: ProgramItem[]
  advice: ProgramAdvice[]
  walkRun: WalkRunPlan | null
  /** the next stage of the template it was started from, if that template is staged */
  nextStage: { id: number; name: string } | null
  /** that template's pain-monitoring wording for a walk–run plan, if it sets one */
  templatePainRule: string | null
}

/** Exactly what an issued handout shows, frozen at issue time. */
export interface ProgramSnapshot {
  format: 1
  issuedAt: string
  /** snapshots before red flags had urgencies: a flag was ticked at the initial assessment */
  urgent?: boolean
  /** the patient's active red flags when it was issued (absent in older snapshots) */
  redFlags?: RedFlag[]
  /**
   * false when the program's own help advice is for another part of the body
   * (a built-in leg section, say) and no flag is active: the help box then
   * leaves out the list of spinal red flags. Absent in older snapshots: listed.
   */
  spinalFlags?: boolean
  /** the handout's layout, chosen when it was issued (absent in older snapshots: standard) */
  layout?: HandoutLayout
  patient: { id: number; fullName: string; dateOfBirth: string }
  /** older snapshots have no emergencyNumber */
  clinic: Omit<ClinicSettings, 'emergencyNumber'> & { emergencyNumber?: string }
  program: {
    programId: number
    versionId: number
    versionNo: number
    title: string
    goals: string
    startDate: string | null
    reviewDate: string | null
  }
  exercises: {
    exerciseId: number
    name: string
    summary: string
    steps: string[]
    caution: string | null
    mediaIds: number[]
    /** absent in older snapshots: all in the program itself */
    phase?: ExercisePhase
    dose: Dose
    doseLine: string
    /** the easier variant, for "Too hard? Try …" (absent in older snapshots) */
    easierName?: string | null
  }[]
  advice: ProgramAdvice[]
  /** absent in older snapshots: no plan */
  walkRun?: WalkRunPlan | null
}

export interface ProgramDiff {
  from: { id: number; versionNo: number }
  to: { id: number; versionNo: number }
  added: { exerciseName: string; doseLine: string }[]
  removed: { exerciseName: string; doseLine: string }[]
  changed: { exerciseName: string; before: string; after: string }[]
  unchanged: number
  adviceAdded: string[]
  adviceRemoved: string[]
  /** the walk–run plan's weeks before and after, when they differ */
  walkRun: { before: string[]; after: string[] } | null
}

export interface ImportReport {
  file: string
  total: number
  added: number
  updated: number
  skipped: number
  /** one line per record a person should know about; `group` says it for every such record */
  problems: { record: string; message: string; group: string }[]
  /** the lines grouped by what they say: "312 records: photo missing, imported without it" */
  groups: { message: string; count: number; lines: string[] }[]
  /** records named like an exercise already in the library; skipped unless chosen */
  duplicates: {
    ref: string
    name: string
    existing: { name: string; source: ExerciseSource }
    imported: boolean
  }[]
}

export const papers = ['A4', 'LETTER'] as const
export type Paper = (typeof papers)[number]

/** standard: one exercise across the page; compact: two side by side where they fit */
export const handoutLayouts = ['standard', 'compact'] as const
export type HandoutLayout = (typeof handoutLayouts)[number]

export const defaultHandoutOptions: HandoutOptions = {
  paper: 'A4',
  largePrint: false,
  pictures: true,
  diaryWeeks: 2,
  easierVariants: true,
  layout: 'standard'
}

/**
 * A file the api hands back (a handout's PDF, a patient's export archive),
 * as bytes: Electron's IPC carries a Uint8Array as it is, and the browser
 * host sends the bytes as the response body with the file's own type.
 */
export interface HandoutFile {
  fileName: string
  bytes: Uint8Array
}

export const visitTypes = ['initial', 'follow-up', 'discharge'] as const
export type VisitType = (typeof visitTypes)[number]

export interface Visit extends VisitFields {
  id: number
  patientId: number
  createdAt: string
  updatedAt: string
  scores: {
    odiPercent: number | null
    psfsMean: number | null
    lefsTotal: number | null
    visaATotal: number | null
    startBack: StartBackScore | null
  }
}

export interface DashboardRow {
  patientId: number
  fullName: string
  condition: string | null
  lastVisitDate: string | null
  nextVisitDate: string | null
  /** days past the next visit date, for overdue rows */
  daysOverdue: number
}

/** One list of the dashboard: how many patients are in it, and the first of them. */
export interface DueGroup {
  total: number
  rows: DashboardRow[]
}

export interface Dashboard {
  today: DueGroup
  thisWeek: DueGroup
  overdue: DueGroup
  noNextVisit: DueGroup
}

export interface BackupInfo {
  file: string
  createdAt: string
  bytes: number
}

export interface BackupContents extends BackupInfo {
  schemaVersion: number
  patients: number
  programs: number
  visits: number
}

export interface BackupStatus {
  folder: string
  last: BackupInfo | null
  /** the newest backup is more than 7 days old, or there is none */
  stale: boolean
  backups: BackupInfo[]
}

export interface AuditEntry {
  id: number
  at: string
  patientId: number | null
  entity: 'patient' | 'visit' | 'program'
  entityId: number
  action: 'create' | 'update' | 'archive' | 'restore' | 'erase' | 'delete' | 'issue'
  /** names of the changed fields; never their values */
  fields: string[]
}

/** What each kind of long job in main ends with (see jobs.ts in main). */
export interface JobResults {
  import: ImportReport
  backup: BackupInfo
}

/** A long job in main (an import, a backup), followed by the page for its progress. */
export interface JobStatus<K = keyof JobResults, T = unknown> {
  kind: K
  state: 'running' | 'done' | 'failed'
  /** for an import, photos checked; done = total while its rows are written */
  done: number
  total: number
  result: T | null
  error: string | null
}

/** The status of any job: a union on `kind`, so its result's type follows from it. */
export type AnyJobStatus = {
  [K in keyof JobResults]: JobStatus<K, JobResults[K]>
}[keyof JobResults]
