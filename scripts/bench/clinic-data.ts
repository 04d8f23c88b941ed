/**
 * What a benchmark clinic holds, written through the app's own store
 * functions (so the rows, the audit trail and the search indexes are what the
 * app writes), in batches of rows: one transaction each, as a clinic's years
 * of single saves add up to. clinic-build.ts runs it in a child process.
 */
import type { Statement } from 'better-sqlite3'
import { emptyDose } from '@shared/dose'
import { blankOutcomes } from '@shared/outcomes'
import type { ExerciseFields } from '@shared/types'
import type { Db } from '../../src/main/core/db/open'
import { insertExercise } from '../../src/main/core/exercises'
import { createPatient } from '../../src/main/core/patients'
import type { Query } from '../../src/main/core/query/schema'
import { sqliteStore, type QueryStore } from '../../src/main/core/query/store'
import { createProgram, saveDraft } from '../../src/main/core/programs'
import { createVisit } from '../../src/main/core/visits'

export interface ClinicSize {
  exercises: number
  patients: number
  programs: number
  visits: number
}

const modifiers = [
  'Standing',
  'Seated',
  'Supine',
  'Prone',
  'Side-lying',
  'Banded',
  'Single-leg',
  'Kneeling',
  'Wall',
  'Weighted',
  'Assisted',
  'Isometric',
  'Eccentric',
  'Tandem',
  'Resisted'
]
const movements = [
  'hamstring stretch',
  'calf raise',
  'glute bridge',
  'plank',
  'row',
  'squat',
  'lunge',
  'shoulder press',
  'trunk rotation',
  'clamshell',
  'dead bug',
  'hip hinge',
  'heel slide',
  'step-up',
  'wall slide',
  'chin tuck',
  'quad set',
  'hip abduction',
  'ankle circles',
  'thoracic extension'
]
const firstNames = [
  'Anna',
  'Şükrü',
  'Zoë',
  'Ørjan',
  'María',
  'Jean-Luc',
  'Aisha',
  'Kenji',
  'Olga',
  'Liam',
  'Fatma',
  'Lukas',
  'Chloé',
  'Mateusz',
  'Ingrid',
  'Tomás',
  'Priya',
  'Noah',
  'Elif',
  'Sven'
]
const lastNames = [
  'Çağlar',
  'Łukasiewicz',
  'Ågren',
  'Fernández',
  'Moreau',
  'Okafor',
  'Tanaka',
  'Ivanova',
  'Murphy',
  'Yılmaz',
  'Schneider',
  'Dubois',
  'Kowalski',
  'Lindqvist',
  'García',
  'Sharma',
  'Williams',
  'Demir',
  'Berg',
  'Rossi'
]
const conditions = [
  'low back pain after running',
  'patellofemoral pain',
  'rotator cuff tendinopathy',
  'ankle sprain',
  'neck pain',
  'hip osteoarthritis',
  'plantar heel pain',
  'sciatica',
  'ACL reconstruction rehab',
  'tennis elbow'
]

function exerciseFields(n: number): ExerciseFields {
  const movement = movements[n % movements.length]!
  const modifier = modifiers[Math.floor(n / movements.length) % modifiers.length]!
  const variant = Math.floor(n / (movements.length * modifiers.length)) + 1
  return {
    name: `${modifier} ${movement} ${variant}`,
    summary: `A ${modifier.toLowerCase()} variation of the ${movement}.`,
    steps: [
      'Get into the start position.',
      `Perform the ${movement} slowly and with control.`,
      'Return to the start and repeat.'
    ],
    category: n % 3 === 0 ? 'stretch' : 'strengthening',
    bodyRegions: [['lower back', 'hips', 'knees', 'shoulders', 'neck'][n % 5]!],
    position: 'standing',
    equipment: n % 4 === 0 ? ['band'] : [],
    difficulty: (['easy', 'moderate', 'hard'] as const)[n % 3]!,
    caution: null,
    defaultDose: { ...emptyDose, sets: 3, reps: 10 }
  }
}

function patientFields(n: number) {
  return {
    fullName: `${firstNames[n % 20]} ${lastNames[Math.floor(n / 20) % 20]} ${Math.floor(n / 400) + 1}`,
    dateOfBirth: `${1940 + (n % 70)}-0${1 + (n % 9)}-1${n % 9}`,
    sex: null,
    phone: null,
    email: null,
    condition: conditions[n % conditions.length]!,
    referralSource: null,
    notes: null
  }
}

function programContent(n: number, exerciseIds: number[]) {
  const count = 6 + (n % 10)
  return {
    title: 'Home program',
    goals: '',
    startDate: null,
    reviewDate: null,
    items: Array.from({ length: count }, (_, i) => ({
      exerciseId: exerciseIds[(n * 7 + i * 13) % exerciseIds.length]!,
      dose: { ...emptyDose, sets: 3, reps: 10 }
    })),
    advice: []
  }
}

/** The nth visit: every measure, spread over the last two years; each sets a next visit. */
function visitFields(n: number, patients: number) {
  const round = Math.floor(n / patients)
  const day = new Date(Date.UTC(2024, 11, 1) + (round * 60 + (n % 50)) * 86_400_000)
  return {
    visitDate: day.toISOString().slice(0, 10),
    visitType: round === 0 ? ('initial' as const) : ('follow-up' as const),
    programVersionId: null,
    subjective: 'Pain after long runs, easing.',
    objective: null,
    plan: 'Continue the program.',
    redFlags: [],
    resolvedFlags: [],
    sessionsDone: 10,
    sessionsPrescribed: 14,
    nextVisitDate: new Date(day.getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
    outcomes: {
      ...blankOutcomes(),
      nprs: { now: 7 - round, worst24h: 8 - round, afterRunning: 7 - round },
      odi: [3, 2, 2, 1, 2, 2, 1, 0, 2, 1],
      rmdq: 12 - round,
      psfs: [
        { activity: 'Running 5 km', rating: 3 + round },
        { activity: 'Sitting at work', rating: 5 },
        { activity: 'Lifting', rating: 4 }
      ]
    }
  }
}

/**
 * Each SQL text prepared once on this connection. The store functions prepare
 * per call; a million calls leave native statements that V8's collector, which
 * sees only their small JavaScript handles, frees too late: the 100,000-patient
 * build grew to 22 GB resident that way.
 */
export function reuseStatements(db: Db): void {
  const prepare = db.prepare.bind(db)
  const statements = new Map<string, Statement>()
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql)
    if (statement === undefined) {
      statement = prepare(sql)
      statements.set(sql, statement)
    }
    // one caller's pluck() must not carry over to the next caller of the same text
    if (statement.reader) statement.pluck(false).expand(false).raw(false)
    return statement
  }) as Db['prepare']
}

export interface BuildProgress {
  phase: 'exercises' | 'patients' | 'programs' | 'visits'
  done: number
  total: number
}

/**
 * Writes `count` rows, `batch` to a transaction, reporting after each batch;
 * `write` runs on `q` (the query layer's domains) or on `db` (the others).
 */
async function inBatches(
  store: QueryStore,
  phase: BuildProgress['phase'],
  count: number,
  batch: number,
  write: (n: number, q: Query) => unknown,
  progress: (step: BuildProgress) => void
): Promise<void> {
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch)
    await store.write(async (q) => {
      for (let n = start; n < end; n++) await write(n, q)
    })
    progress({ phase, done: end, total: count })
  }
}

/** Fills a freshly opened (migrated and seeded) database with a clinic of `size`. */
export async function buildClinic(
  db: Db,
  size: ClinicSize,
  batch: number,
  progress: (step: BuildProgress) => void = () => {}
): Promise<void> {
  const store = sqliteStore(db)
  const builtins = db.prepare('SELECT count(*) FROM exercises').pluck().get() as number
  const custom = size.exercises - builtins
  const exercise = (n: number, q: Query) => insertExercise(q, exerciseFields(n))
  await inBatches(store, 'exercises', custom, batch, exercise, progress)
  const patient = (n: number, q: Query) => createPatient(q, patientFields(n))
  await inBatches(store, 'patients', size.patients, batch, patient, progress)
  const exerciseIds = db.prepare('SELECT id FROM exercises').pluck().all() as number[]
  // a program's versions are written with their items, so a batch holds fewer of them
  const programBatch = Math.max(1, Math.floor(batch / 5))
  const program = async (n: number, q: Query) => {
    const version = await createProgram(
      q,
      1 + (n % size.patients),
      { kind: 'blank' },
      'Home program'
    )
    await saveDraft(q, version.id, version.version, programContent(n, exerciseIds))
  }
  await inBatches(store, 'programs', size.programs, programBatch, program, progress)
  const visit = (n: number, q: Query) =>
    createVisit(q, 1 + (n % size.patients), visitFields(n, size.patients))
  await inBatches(store, 'visits', size.visits, programBatch, visit, progress)
}
