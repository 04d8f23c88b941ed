/**
 * Mapping records in the shape of free-exercise-db onto our exercises. Pure:
 * it decides what each record becomes and what to say about it; reading
 * photos and writing rows happen elsewhere.
 */
import { createHash } from 'node:crypto'
import { emptyDose } from '@shared/dose'
import { limits } from '@shared/limits'
import type {
  Difficulty,
  ExerciseCategory,
  ExerciseFields,
  ExerciseSource,
  Position
} from '@shared/types'
import { fold } from '../search'

export const importRefPrefix = 'free-exercise-db:'

export interface PlannedRecord {
  ref: string
  action: 'add' | 'update' | 'skip'
  /** why it is skipped */
  notes: ImportProblem[]
  /** the library's exercise of the same name, when this looks like a copy of it */
  duplicateOf: { name: string; source: ExerciseSource } | null
  fields: ExerciseFields
  keywords: string
  /** photo paths relative to the images folder, in order: start, end */
  images: string[]
  hash: string
}

export interface ImportProblem {
  record: string
  message: string
  /** the same words for every record it applies to, so the report can group them */
  group: string
}

/** What the library already holds, for telling updates and likely duplicates apart. */
export interface ImportContext {
  /** import refs to their stored hash, null once edited here */
  existing: Map<string, string | null>
  /** the library's exercises that are not archived, by `nameKey` */
  names: Map<string, { name: string; source: ExerciseSource; ref: string | null }>
  /** refs of likely duplicates the physiotherapist chose to import anyway */
  importAnyway: ReadonlySet<string>
}

export interface ImportPlan {
  total: number
  records: PlannedRecord[]
  problems: ImportProblem[]
}

const categories: Record<string, ExerciseCategory> = {
  strength: 'strengthening',
  stretching: 'stretch',
  plyometrics: 'strengthening',
  powerlifting: 'strengthening',
  'olympic weightlifting': 'strengthening',
  strongman: 'strengthening',
  cardio: 'warm-up'
}

const levels: Record<string, Difficulty> = {
  beginner: 'easy',
  intermediate: 'moderate',
  expert: 'hard'
}

/** Posture words, strongest first where two start at the same place ("lie face down"). */
const postureClues: [RegExp, Position][] = [
  [
    /\b(lie|lying|lay|laying)\s+(face\s?down|prone|on (your|the) (front|stomach|belly))\b/i,
    'lying on front'
  ],
  [/\b(lie|lying|lay|laying)\s+on (your|the|one|a) ?(right |left )?side\b/i, 'lying on side'],
  [/\b(face\s?down|prone|on your (front|stomach|belly))\b/i, 'lying on front'],
  [/\b(side[-\s]lying|on your (right |left )?side)\b/i, 'lying on side'],
  [/\b(push[-\s]?up|plank) position\b/i, 'lying on front'],
  [/\b(all fours|hands and knees|quadruped)\b/i, 'hands and knees'],
  [/\bknees on (the|a) (floor|ground|mat|pad|seat|bench)\b/i, 'kneeling'],
  [/\b(lie|lying|lay|laying|on your back|supine)\b/i, 'lying on back'],
  [/\b(kneel|kneeling|half[-\s]kneeling)\b/i, 'kneeling'],
  // "sit-up position" is lying down; "sit up straight" is sitting
  [/\b(sit(?![-\s]?ups?\b)|seated|sitting)\b/i, 'sitting'],
  [/\b(sit up (straight|tall)|sit up on)\b/i, 'sitting'],
  [/\b(stand|standing)\b/i, 'standing']
]

/** Exercises whose name says the position whatever their first step begins with. */
const nameClues: [RegExp, Position][] = [
  [
    /\b(bridge|bench press|floor press|sit[-\s]?ups?|dead ?bug|pullover|skull ?crusher)\b/i,
    'lying on back'
  ],
  [/\b(push[-\s]?ups?|plank|superman)\b/i, 'lying on front']
]

/** The posture word that comes first in `text`; the stronger clue where two start together. */
function firstPosture(text: string): Position | null {
  let best: { index: number; position: Position } | null = null
  for (const [pattern, position] of postureClues) {
    const match = pattern.exec(text)
    if (match && (best === null || match.index < best.index))
      best = { index: match.index, position }
  }
  return best?.position ?? null
}

/**
 * The starting position: what the name's exercise implies (a bridge or a
 * bench press is lying, whatever its first step begins with: "Begin seated on
 * the ground"), else the first posture the first step names ("Hip Circles
 * (prone)" begins "on your hands and knees"), else a posture in the name
 * ("Seated calf stretch"), else standing.
 */
export function guessPosition(name: string, firstStep = ''): Position {
  return (
    nameClues.find(([pattern]) => pattern.test(name))?.[1] ??
    firstPosture(firstStep) ??
    firstPosture(name) ??
    'standing'
  )
}

/**
 * A name as compared for likely duplicates: folded, punctuation as spaces,
 * a plural "s" dropped ("Child’s Pose", "childs pose" and "Child's poses" agree).
 */
export function nameKey(name: string): string {
  return fold(name)
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => (word.length > 3 ? word.replace(/s$/, '') : word))
    .join(' ')
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(text).filter((item) => item !== '') : []

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 20)
}

const builtinWord: Record<ExerciseSource, string> = {
  builtin: 'built-in',
  custom: 'clinic',
  imported: 'imported'
}

/**
 * Decides every record: add, update (changed since the last import) or
 * skip (unchanged, edited here since, a likely duplicate not chosen, or
 * unusable), with a line for each adjustment a person should know about.
 */
export function planImport(data: unknown, context: ImportContext): ImportPlan {
  if (!Array.isArray(data)) {
    const message = 'The file is not a list of exercises.'
    return { total: 0, records: [], problems: [{ record: 'file', message, group: message }] }
  }
  const problems: ImportProblem[] = []
  const records: PlannedRecord[] = []
  const seen = new Set<string>()
  for (const [index, raw] of data.entries()) {
    const record = (raw ?? {}) as Record<string, unknown>
    const label = text(record.name) || `record ${index + 1}`
    const say = (message: string, group: string) => problems.push({ record: label, message, group })
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      say('is not an exercise record; skipped.', 'not an exercise record, skipped')
      continue
    }
    let name = text(record.name)
    const steps = texts(record.instructions)
    if (name === '') {
      say('has no name; skipped.', 'no name, skipped')
      continue
    }
    if (steps.length === 0) {
      say('has no instructions; skipped.', 'no instructions, skipped')
      continue
    }
    const ref = importRefPrefix + (text(record.id) || name)
    if (seen.has(ref)) {
      say(
        'appears twice in the file; the second is skipped.',
        'in the file twice, the second skipped'
      )
      continue
    }
    seen.add(ref)
    if (name.length > limits.name) {
      name = `${name.slice(0, limits.name - 1)}…`
      say(
        `name is longer than ${limits.name} characters; shortened.`,
        `name longer than ${limits.name} characters, shortened`
      )
    }
    const category = categories[text(record.category).toLowerCase()]
    if (!category)
      say(
        `category “${text(record.category) || 'missing'}” filed under Strengthening.`,
        'category not known, filed under Strengthening'
      )
    if (steps.length > limits.steps)
      say(
        `has ${steps.length} steps; the first ${limits.steps} kept.`,
        `more than ${limits.steps} steps, the first ${limits.steps} kept`
      )
    const equipment = text(record.equipment).toLowerCase()
    const muscles = [...texts(record.primaryMuscles), ...texts(record.secondaryMuscles)]
    const fields: ExerciseFields = {
      name,
      summary: '',
      steps: steps.slice(0, limits.steps).map((step) => step.slice(0, limits.longText)),
      category: category ?? 'strengthening',
      bodyRegions: [...new Set(muscles.map((muscle) => muscle.toLowerCase().slice(0, 60)))].slice(
        0,
        limits.tags
      ),
      position: guessPosition(name, steps[0]),
      equipment: ['', 'body only', 'none', 'other'].includes(equipment)
        ? []
        : [equipment.slice(0, 60)],
      difficulty: levels[text(record.level).toLowerCase()] ?? 'easy',
      caution: null,
      defaultDose: emptyDose
    }
    const images = texts(record.images).slice(0, limits.photos)
    const keywords = [record.force, record.mechanic, record.category].map(text).join(' ').trim()
    const hash = hashOf({ fields, keywords, images })
    const stored = context.existing.get(ref)
    const notes: ImportProblem[] = []
    const note = (message: string, group: string) => notes.push({ record: name, message, group })
    let action: PlannedRecord['action'] = 'add'
    let duplicateOf: PlannedRecord['duplicateOf'] = null
    if (stored !== undefined) {
      action = stored === hash ? 'skip' : stored === null ? 'skip' : 'update'
      if (stored === hash)
        note(
          'skipped: unchanged since the last import.',
          'unchanged since the last import, skipped'
        )
      if (stored === null)
        note(
          'skipped: edited in PhysioPlan since it was imported; your version is kept.',
          'edited here since it was imported, your version kept'
        )
    } else {
      const same = context.names.get(nameKey(name))
      if (same && same.ref !== ref) {
        duplicateOf = { name: same.name, source: same.source }
        if (!context.importAnyway.has(ref)) {
          action = 'skip'
          note(
            `skipped: likely a duplicate of the ${builtinWord[same.source]} exercise “${same.name}”.`,
            'likely duplicates of exercises in your library, skipped'
          )
        }
      }
    }
    records.push({ ref, action, notes, duplicateOf, fields, keywords, images, hash })
  }
  return { total: data.length, records, problems }
}
