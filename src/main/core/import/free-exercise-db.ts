/**
 * Mapping records in the shape of free-exercise-db onto our exercises. Pure:
 * it decides what each record becomes and what to say about it; reading
 * photos and writing rows happen elsewhere.
 */
import { createHash } from 'node:crypto'
import { emptyDose } from '@shared/dose'
import { limits } from '@shared/limits'
import type { Difficulty, ExerciseCategory, ExerciseFields, Position } from '@shared/types'

export const importRefPrefix = 'free-exercise-db:'

export interface PlannedRecord {
  ref: string
  action: 'add' | 'update' | 'skip'
  /** why it is skipped, or what was adjusted */
  notes: string[]
  fields: ExerciseFields
  keywords: string
  /** photo paths relative to the images folder, in order: start, end */
  images: string[]
  hash: string
}

export interface ImportProblem {
  record: string
  message: string
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

/** The starting position, read from the name and first step; standing when nothing says. */
export function guessPosition(text: string): Position {
  const clues: [RegExp, Position][] = [
    [/\b(all fours|hands and knees|quadruped)\b/i, 'hands and knees'],
    [/\b(face down|prone|on your stomach|lie on your front)\b/i, 'lying on front'],
    [/\b(lie|lying|laying|on your back|supine|flat on the floor)\b/i, 'lying on back'],
    [/\b(kneel|kneeling)\b/i, 'kneeling'],
    [/\b(sit|seated|sitting)\b/i, 'sitting']
  ]
  return clues.find(([pattern]) => pattern.test(text))?.[1] ?? 'standing'
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(text).filter((item) => item !== '') : []

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 20)
}

/**
 * Decides every record: add, update (changed since the last import) or
 * skip (unchanged, edited here since, or unusable), with a line for each
 * adjustment a person should know about.
 * `existing` maps import refs to their stored hash, null once edited here.
 */
export function planImport(data: unknown, existing: Map<string, string | null>): ImportPlan {
  if (!Array.isArray(data)) {
    return {
      total: 0,
      records: [],
      problems: [{ record: 'file', message: 'The file is not a list of exercises.' }]
    }
  }
  const problems: ImportProblem[] = []
  const records: PlannedRecord[] = []
  const seen = new Set<string>()
  for (const [index, raw] of data.entries()) {
    const record = (raw ?? {}) as Record<string, unknown>
    const label = text(record.name) || `record ${index + 1}`
    const say = (message: string) => problems.push({ record: label, message })
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      say('is not an exercise record; skipped.')
      continue
    }
    let name = text(record.name)
    const steps = texts(record.instructions)
    if (name === '') {
      say('has no name; skipped.')
      continue
    }
    if (steps.length === 0) {
      say('has no instructions; skipped.')
      continue
    }
    const ref = importRefPrefix + (text(record.id) || name)
    if (seen.has(ref)) {
      say('appears twice in the file; the second is skipped.')
      continue
    }
    seen.add(ref)
    if (name.length > limits.name) {
      name = `${name.slice(0, limits.name - 1)}…`
      say(`name is longer than ${limits.name} characters; shortened.`)
    }
    const category = categories[text(record.category).toLowerCase()]
    if (!category)
      say(`category “${text(record.category) || 'missing'}” filed under Strengthening.`)
    if (steps.length > limits.steps)
      say(`has ${steps.length} steps; the first ${limits.steps} kept.`)
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
      position: guessPosition(`${name}. ${steps[0]}`),
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
    const stored = existing.get(ref)
    const notes: string[] = []
    let action: PlannedRecord['action'] = 'add'
    if (stored !== undefined) {
      action = stored === hash ? 'skip' : stored === null ? 'skip' : 'update'
      if (stored === hash) notes.push('unchanged since the last import')
      if (stored === null)
        notes.push('edited in PhysioPlan since it was imported; your version is kept')
    }
    records.push({ ref, action, notes, fields, keywords, images, hash })
  }
  return { total: data.length, records, problems }
}
