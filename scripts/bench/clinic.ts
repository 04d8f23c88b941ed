/**
 * A synthetic large clinic, made through the app's own store functions and
 * kept in .bench/ keyed by its size, so later runs reuse it.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { emptyDose } from '@shared/dose'
import { blankOutcomes } from '@shared/outcomes'
import type { ExerciseFields } from '@shared/types'
import { openDatabase, type Db } from '../../src/main/core/db/open'
import { schemaVersion } from '../../src/main/core/db/migrate'
import { insertExercise } from '../../src/main/core/exercises'
import { createPatient } from '../../src/main/core/patients'
import { createProgram, saveDraft } from '../../src/main/core/programs'
import { createVisit } from '../../src/main/core/visits'
import { makeDataDir } from '../../tests/e2e/host'

export interface ClinicSize {
  exercises: number
  patients: number
  programs: number
  visits: number
}

export const clinicSize: ClinicSize = {
  exercises: 5_000,
  patients: 10_000,
  programs: 20_000,
  visits: 50_000
}

/** Ten times the patients, programs and visits, the same library: the scale issue 16 asks about. */
export const largeClinicSize: ClinicSize = {
  exercises: 5_000,
  patients: 100_000,
  programs: 200_000,
  visits: 500_000
}

const count = (n: number) => n.toLocaleString('en')
export const describeClinic = (size: ClinicSize) =>
  `${count(size.exercises)} exercises, ${count(size.patients)} patients, ${count(size.programs)} program versions, ${count(size.visits)} visits`
export const clinicDescription = describeClinic(clinicSize)

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

function build(file: string, size: ClinicSize): void {
  const { db } = openDatabase(file)
  db.transaction(() => {
    for (let n = 0; n < size.exercises - 15; n++) insertExercise(db, exerciseFields(n))
    for (let n = 0; n < size.patients; n++) {
      createPatient(db, {
        fullName: `${firstNames[n % 20]} ${lastNames[Math.floor(n / 20) % 20]} ${Math.floor(n / 400) + 1}`,
        dateOfBirth: `${1940 + (n % 70)}-0${1 + (n % 9)}-1${n % 9}`,
        sex: null,
        phone: null,
        email: null,
        condition: conditions[n % conditions.length]!,
        referralSource: null,
        notes: null
      })
    }
  })()
  const exerciseIds = db.prepare('SELECT id FROM exercises').pluck().all() as number[]
  db.transaction(() => {
    for (let n = 0; n < size.programs; n++) {
      const version = createProgram(db, 1 + (n % size.patients), { kind: 'blank' }, 'Home program')
      const count = 6 + (n % 10)
      saveDraft(db, version.id, {
        title: 'Home program',
        goals: '',
        startDate: null,
        reviewDate: null,
        items: Array.from({ length: count }, (_, i) => ({
          exerciseId: exerciseIds[(n * 7 + i * 13) % exerciseIds.length]!,
          dose: { ...emptyDose, sets: 3, reps: 10 }
        })),
        advice: []
      })
    }
  })()
  // visits with every measure, spread over the last two years; the latest sets a next visit
  db.transaction(() => {
    for (let n = 0; n < size.visits; n++) {
      const patientId = 1 + (n % size.patients)
      const round = Math.floor(n / size.patients)
      const day = new Date(Date.UTC(2024, 11, 1) + (round * 60 + (n % 50)) * 86_400_000)
      createVisit(db, patientId, {
        visitDate: day.toISOString().slice(0, 10),
        visitType: round === 0 ? 'initial' : 'follow-up',
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
      })
    }
  })()
  db.close()
}

/** Opens the benchmark clinic, building it first when this size was never built. */
export function openClinic(size: ClinicSize = clinicSize): { db: Db; file: string } {
  const dir = resolve('.bench')
  mkdirSync(dir, { recursive: true })
  const key = `v${schemaVersion}-${size.exercises}e-${size.patients}p-${size.programs}g-${size.visits}v`
  const file = join(dir, `clinic-${key}.sqlite3`)
  if (!existsSync(file)) {
    const started = Date.now()
    const partial = `${file}.building`
    rmSync(partial, { force: true })
    build(partial, size)
    renameSync(partial, file)
    rmSync(`${partial}-wal`, { force: true })
    rmSync(`${partial}-shm`, { force: true })
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(`Built the benchmark clinic in ${seconds} s: ${file} (reused next time).`)
  }
  return { db: openDatabase(file).db, file }
}

/** The clinic's database in a fresh data folder, as if the app had been used for years. */
export function largeClinicFolder(): ReturnType<typeof makeDataDir> {
  const { db, file } = openClinic()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const folder = makeDataDir()
  copyFileSync(file, join(folder.dataDir, 'physioplan.sqlite3'))
  return folder
}
