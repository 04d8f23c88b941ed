/**
 * THE API. Each channel: its input schema (validated in main before any
 * handler runs) and its result type. Renderer and preload import only the
 * channel list and these types, never the schemas.
 */
import { z } from 'zod'
import type { Channel } from './channels'
import { isRealIsoDate, toIsoDate, todayIso, wholeDate } from './dates'
import { imageMimeOf } from './images'
import {
  accountRules,
  clinicAddress,
  type ClinicAccount,
  type ClinicCertificateCheck,
  type ClinicServerStatus
} from './clinic-server'
import { limits } from './limits'
import type { SyncProblem, SyncStatus } from './sync'
import {
  lefsItems,
  measureKeys,
  startBackItems,
  visaAItem7Scores,
  visaAItems,
  visaAMaxima
} from './measures'
import { odiSections } from './outcomes'
import { redFlagKeys } from './red-flags'
import {
  difficulties,
  exerciseCategories,
  exerciseMovements,
  exercisePhases,
  exerciseStages,
  exerciseSources,
  papers,
  positions,
  handoutLayouts,
  sexes,
  sides,
  visitTypes,
  type AuditEntry,
  type BackupContents,
  type BackupStatus,
  type Dashboard,
  type AnyJobStatus,
  type ExerciseFacets,
  type Visit,
  type HandoutFile,
  type ImportReport,
  type MediaData,
  type ProgramDiff,
  type ProgramSnapshot,
  type ProgramVersion,
  type ProgramVersionSummary,
  type AdviceSection,
  type AppInfo,
  type DataHealth,
  type Exercise,
  type ExercisePage,
  type ExerciseSummary,
  type Patient,
  type PatientSummary,
  type Template,
  type Versioned
} from './types'

/** A result type carried in the contract; it has no runtime value. */
function returns<T>(): T {
  return undefined as T
}

const none = z.strictObject({})

/** C0 control characters but tab and newline: invisible, and NUL breaks search and SQLite's text. */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000B-\u001F]/g
/** half of a surrogate pair with no other half (String.isWellFormed is ES2024, past our lib) */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Every text field of the api: trimmed, bounded, no control characters, and
 * well-formed Unicode (a lone surrogate would be stored as U+FFFD, silently
 * changing what was typed).
 */
function text(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} is too long (${max.toLocaleString('en')} characters at most)`)
    .refine(
      (value) => value.search(controlCharacters) === -1,
      `${label} contains an invisible control character; delete it, or retype the text`
    )
    .refine(
      (value) => !loneSurrogate.test(value),
      `${label} contains a broken character (half of an emoji or symbol); retype it`
    )
}

/** Search boxes drop control characters (a pasted tab or NUL) instead of refusing the search. */
function searchText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .transform((value) => value.replace(controlCharacters, ''))
    .pipe(text(label, max))
}

/** A file or folder as a full path: a relative one would depend on where the app was started. */
function pathText(label: string, emptyMessage: string) {
  return text(label, 4096)
    .min(1, emptyMessage)
    .refine(
      (value) => value === '' || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(value),
      `${label} must be a full path (starting with / or a drive letter such as C:\\)`
    )
}

/** Optional free text: missing, null and blank all mean "not recorded". */
function optionalText(label: string, max: number) {
  return text(label, max)
    .nullable()
    .optional()
    .transform((value) => (value ? value : null))
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const id = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .positive(`${label} must be a positive number`)

/**
 * The version of the row a save was based on, as its read returned it (0: a
 * setting never stored). Required: a save without one would overwrite blind.
 */
const basedOn = z
  .number({ error: 'A save must name the version it was based on' })
  .int('version must be a whole number')
  .min(0, 'version can’t be negative')

/** An optional dose number: whole, at least 1, at most `max`. */
function doseCount(label: string, max: number) {
  return z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(1, `${label} must be at least 1`)
    .max(max, `${label} must be ${max.toLocaleString('en')} or fewer`)
    .nullable()
}

export const doseSchema = z.strictObject({
  sets: doseCount('Sets', 20),
  reps: doseCount('Repetitions', 200),
  holdSeconds: doseCount('Hold (seconds)', 600),
  durationSeconds: doseCount('Duration (seconds)', 14_400),
  perDay: doseCount('Times a day', 12),
  perWeek: doseCount('Days a week', 7),
  side: z.enum(sides, { error: 'Side must be left, right, both or alternating' }).nullable(),
  load: optionalText('Load', limits.load),
  restSeconds: doseCount('Rest (seconds)', 600),
  note: optionalText('Note', limits.longText)
})

function optionalDate(label: string) {
  return z
    .string({ error: `${label} must be a date` })
    .refine(isRealIsoDate, wholeDate(label.toLowerCase()))
    .nullable()
}

const adviceSchema = z.strictObject({
  adviceId: id('Advice id').nullable(),
  kind: z.enum(['general', 'seek-help'], { error: 'Unknown kind of advice' }),
  title: text('Advice title', limits.shortText).min(1, 'Give each advice section a title'),
  intro: text('Advice text', limits.longText),
  points: z
    .array(text('Advice point', limits.longText), { error: 'Advice points must be a list' })
    .max(limits.advicePoints, `An advice section can hold ${limits.advicePoints} points at most`)
})

/** A whole number of a walk–run week, with its label and range in the message. */
function weekCount(label: string, min: number, max: number) {
  return z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} to ${max}`)
    .max(max, `${label} must be ${min} to ${max}`)
}

const walkRunSchema = z.strictObject({
  /** the built-in plan it started from, or null once written by hand */
  planKey: text('Plan', 60).nullable(),
  name: text('Plan name', limits.shortText).min(1, 'Give the walk–run plan a name'),
  weeks: z
    .array(
      // each session is `repeats` × (run, then walk); walk 0: continuous running
      z.strictObject({
        runMinutes: weekCount('Run (minutes)', 1, 90),
        walkMinutes: weekCount('Walk (minutes)', 0, 10),
        repeats: weekCount('Times', 1, 20),
        /** sessions in the week, on days apart */
        sessions: weekCount('Sessions a week', 1, 7)
      }),
      { error: 'Weeks must be a list' }
    )
    .min(1, 'A walk–run plan needs at least one week')
    .max(limits.walkRunWeeks, `A walk–run plan can hold ${limits.walkRunWeeks} weeks at most`),
  /** printed beside the table, in the patient's words */
  painRule: text('Pain rule', limits.longText).min(1, 'Write the pain rule the patient follows')
})

const draftContent = {
  title: text('Title', limits.shortText).min(1, 'Give the program a title'),
  goals: text('Goals', limits.longText),
  startDate: optionalDate('Start date'),
  reviewDate: optionalDate('Review date'),
  items: z
    .array(
      z.strictObject({
        exerciseId: id('Exercise id'),
        phase: z
          .enum(exercisePhases, { error: 'When must be before, main or after running' })
          .default('main'),
        dose: doseSchema
      }),
      { error: 'Exercises must be a list' }
    )
    .max(limits.programItems, `A program can hold ${limits.programItems} exercises at most`),
  advice: z
    .array(adviceSchema, { error: 'Advice must be a list' })
    .max(
      limits.adviceSections,
      `A program can hold ${limits.adviceSections} advice sections at most`
    ),
  walkRun: walkRunSchema.nullable().default(null)
}

const reviewAfterStart = (draft: { startDate: string | null; reviewDate: string | null }) =>
  draft.startDate === null || draft.reviewDate === null || draft.reviewDate >= draft.startDate

const programSource = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('blank') }),
    z.strictObject({ kind: z.literal('template'), templateId: id('Template id') }),
    z.strictObject({ kind: z.literal('copy'), versionId: id('Program version id') })
  ],
  { error: 'Start from a blank program, a template or a copy' }
)

const exerciseRef = z.strictObject({ id: id('Exercise id') })

/** What the library can be searched and filtered by. */
const exerciseListFilters = {
  query: searchText('Search', limits.search).optional(),
  category: z.enum(exerciseCategories, { error: 'Unknown exercise category' }).optional(),
  bodyRegion: text('Body region', 60).optional(),
  position: z.enum(positions, { error: 'Unknown position' }).optional(),
  equipment: text('Equipment', 60).optional(),
  difficulty: z.enum(difficulties, { error: 'Unknown difficulty' }).optional(),
  source: z.enum(exerciseSources, { error: 'Unknown source' }).optional(),
  favouritesOnly: z.boolean({ error: 'favouritesOnly must be true or false' }).optional(),
  condition: text('Condition', 60).optional(),
  stage: z.enum(exerciseStages, { error: 'Unknown stage' }).optional(),
  movement: z.enum(exerciseMovements, { error: 'Unknown movement preference' }).optional()
}

const importFolder = z.strictObject({
  folder: pathText('Folder', 'Choose the folder that holds exercises.json'),
  /** refs of records the preview flagged as likely duplicates, to import anyway */
  importAnyway: z
    .array(z.string().max(2000), { error: 'A list of records' })
    .max(100_000, 'Too many records')
    .default([])
})

const handoutOptions = z.strictObject({
  paper: z.enum(papers, { error: 'Paper must be A4 or LETTER' }),
  /** body text 16 pt or more, for patients who see less well */
  largePrint: z.boolean({ error: 'largePrint must be true or false' }),
  pictures: z.boolean({ error: 'pictures must be true or false' }),
  /** weeks of tick boxes at the end, 0 for none */
  diaryWeeks: z
    .number({ error: 'Diary weeks must be a number' })
    .int('Diary weeks must be a whole number')
    .min(0, 'Diary weeks must be 0 to 4')
    .max(4, 'Diary weeks must be 0 to 4'),
  /** under an exercise with an easier variant: "Too hard? Try …" (absent: yes) */
  easierVariants: z.boolean({ error: 'easierVariants must be true or false' }).default(true),
  /** for drafts' previews and the next issue, which freezes it (absent: standard) */
  layout: z
    .enum(handoutLayouts, { error: 'Layout must be standard or compact' })
    .default('standard')
})

/** A handout of one version, with the clinic's saved options unless others are given. */
const handoutRequest = z.strictObject({
  versionId: id('Program version id'),
  options: handoutOptions.optional()
})

/** A whole-number score in its range, or null when not recorded. */
function score(label: string, max: number) {
  return z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(0, `${label} must be between 0 and ${max}`)
    .max(max, `${label} must be between 0 and ${max}`)
    .nullable()
}

/** A date no more than `years` ahead: further is a typing slip. */
function withinYears(years: number) {
  return (date: string | null): boolean => {
    const limit = new Date()
    limit.setFullYear(limit.getFullYear() + years)
    return date === null || date <= toIsoDate(limit)
  }
}

/**
 * A questionnaire's item scores in form order, each named in its message
 * ("LEFS item 4 (Indoor walking) must be between 0 and 4"); blank
 * items are null. Missing altogether means not recorded.
 */
function itemScores(measure: string, names: readonly string[], maxima: readonly number[]) {
  const label = (index: number) => `${measure} item ${index + 1} (${names[index]})`
  return z
    .array(
      z
        .number({ error: `${measure} item scores must be numbers` })
        .int(`${measure} item scores must be whole numbers`)
        .nullable(),
      { error: `${measure} must be a list of item scores` }
    )
    .length(names.length, `${measure} takes ${names.length} item scores`)
    .superRefine((items, context) => {
      items.forEach((value, index) => {
        const max = maxima[index]!
        if (value !== null && (value < 0 || value > max)) {
          context.addIssue({
            code: 'custom',
            message: `${label(index)} must be between 0 and ${max}`,
            path: [index]
          })
        }
      })
    })
    .default(() => names.map(() => null))
}

const visaAScores = itemScores('VISA-A', visaAItems, visaAMaxima).refine(
  (items) =>
    items[6] === null || (visaAItem7Scores as readonly (number | undefined)[]).includes(items[6]),
  { message: 'VISA-A item 7 (Sport now) is scored 0, 4, 7 or 10', path: [6] }
)

/** A distance in km, one decimal at most, or null when not recorded. */
function distance(label: string, max: number) {
  return z
    .number({ error: `${label} must be a number of km` })
    .min(0, `${label} can't be negative`)
    .max(max, `${label} must be ${max} km or less`)
    .refine((km) => Math.abs(km * 10 - Math.round(km * 10)) < 1e-9, {
      message: `${label} takes one decimal at most`
    })
    .nullable()
}

const runningLoad = z
  .strictObject({
    runsPerWeek: score('Runs per week', 21),
    weeklyKm: distance('Weekly distance', 500),
    longestKm: distance('Longest run', 200),
    pain: score('Pain during running', 10)
  })
  .default({ runsPerWeek: null, weeklyKm: null, longestKm: null, pain: null })

/** The measures a patient uses: at least one, each once. */
const measureList = z
  .array(z.enum(measureKeys, { error: 'Unknown measure' }), {
    error: 'Measures must be a list'
  })
  .min(1, 'Choose at least one measure')
  .refine((keys) => new Set(keys).size === keys.length, 'A measure is listed twice')

const redFlag = z.enum(redFlagKeys, { error: 'Unknown red flag' })

const noRepeats =
  <T>(key: (item: T) => unknown) =>
  (items: T[]): boolean =>
    new Set(items.map(key)).size === items.length

/** A flag can't be found present and resolved at the same visit. */
const presentOrResolved = (visit: {
  redFlags: string[]
  resolvedFlags: { flag: string }[]
}): boolean => visit.resolvedFlags.every(({ flag }) => !visit.redFlags.includes(flag))

const flagConflict = {
  message: 'A red flag can’t be both present and resolved at the same visit',
  path: ['resolvedFlags']
}

const visitFields = {
  visitDate: z
    .string({ error: 'Enter the visit date' })
    .refine(isRealIsoDate, wholeDate('visit date'))
    .refine(withinYears(1), "Visit date can't be more than a year ahead"),
  visitType: z.enum(visitTypes, { error: 'Visit type must be initial, follow-up or discharge' }),
  programVersionId: id('Program version id').nullable(),
  subjective: optionalText('Subjective notes', limits.notes),
  objective: optionalText('Objective notes', limits.notes),
  plan: optionalText('Plan', limits.notes),
  redFlags: z
    .array(redFlag, { error: 'Red flags must be a list' })
    .max(redFlagKeys.length)
    .refine(
      noRepeats((flag) => flag),
      'A red flag is listed twice'
    ),
  resolvedFlags: z
    .array(
      z.strictObject({ flag: redFlag, note: optionalText('Resolution note', limits.shortText) }),
      { error: 'Resolved red flags must be a list' }
    )
    .max(redFlagKeys.length)
    .refine(
      noRepeats((item: { flag: string }) => item.flag),
      'A red flag is resolved twice'
    )
    .default([]),
  sessionsDone: score('Sessions done', 1000),
  sessionsPrescribed: score('Sessions prescribed', 1000),
  nextVisitDate: optionalDate('Next visit date').refine(
    withinYears(2),
    "Next visit date can't be more than two years ahead"
  ),
  outcomes: z.strictObject({
    nprs: z.strictObject({
      now: score('Pain now', 10),
      worst24h: score('Worst pain in 24 hours', 10),
      afterRunning: score('Pain after running', 10)
    }),
    odi: z
      .array(score('ODI section', 5), { error: 'ODI must be a list of section scores' })
      .length(odiSections.length, `ODI has ${odiSections.length} sections`),
    rmdq: score('RMDQ', 24),
    psfs: z
      .array(
        z.strictObject({
          activity: text('PSFS activity', limits.shortText).min(1, 'Name each PSFS activity'),
          rating: score('PSFS rating', 10).unwrap()
        })
      )
      .max(5, 'PSFS takes 3 to 5 activities')
      .refine((items) => items.length === 0 || items.length >= 3, 'PSFS takes 3 to 5 activities'),
    legNprs: score('Leg pain', 10).default(null),
    lefs: itemScores(
      'LEFS',
      lefsItems,
      lefsItems.map(() => 4)
    ),
    visaA: visaAScores,
    startBack: itemScores(
      'STarT Back',
      startBackItems,
      startBackItems.map(() => 1)
    ),
    groc: z
      .number({ error: 'Global rating of change must be a number' })
      .int('Global rating of change must be a whole number')
      .min(-7, 'Global rating of change must be between −7 and +7')
      .max(7, 'Global rating of change must be between −7 and +7')
      .nullable()
      .default(null),
    running: runningLoad
  })
}

const versionRef = z.strictObject({ versionId: id('Program version id') })

const templateName = text('Template name', limits.shortText).min(1, 'Give the template a name')

/** What the Templates screen edits about a template besides its exercises and advice. */
const templateDetails = {
  name: templateName,
  description: text('Description', limits.longText),
  goals: text('Goals', limits.longText),
  nextId: id('Next stage').nullable().default(null),
  painRule: optionalText('Pain rule', limits.longText)
}

/** A PNG or JPEG as a data: URL, its real type checked by its first bytes. */
export function imageDataUrl(label: string, maxBytes: number) {
  const megabytes = (maxBytes / 1_000_000).toLocaleString('en')
  return (
    z
      .string({ error: `${label} must be an image` })
      // base64 is 4/3 the size of the bytes it holds
      .max(Math.ceil((maxBytes * 4) / 3) + 30, `${label} is too large (${megabytes} MB at most)`)
      .refine((value) => imageMimeOf(value) !== null, `${label} must be a PNG or JPEG image`)
  )
}

const tagList = (label: string, noun: string) =>
  z
    .array(text(label, 60).min(1, `${label} can't be blank`), { error: `${label} must be a list` })
    .max(limits.tags, `${limits.tags} ${noun} at most`)

const exerciseFields = {
  name: text('Name', limits.name).min(1, 'Give the exercise a name'),
  summary: text('Summary', limits.longText),
  steps: z
    .array(text('Step', limits.longText).min(1, "A step can't be blank"), {
      error: 'Steps must be a list'
    })
    .min(1, 'Add at least one step')
    .max(limits.steps, `${limits.steps} steps at most`),
  category: z.enum(exerciseCategories, { error: 'Choose a category' }),
  bodyRegions: tagList('Body region', 'body regions'),
  position: z.enum(positions, { error: 'Choose a position' }),
  equipment: tagList('Equipment', 'pieces of equipment'),
  difficulty: z.enum(difficulties, { error: 'Choose easy, moderate or hard' }),
  caution: optionalText('Caution', limits.longText),
  defaultDose: doseSchema,
  conditions: tagList('Condition', 'conditions').default([]),
  stages: z
    .array(
      z.enum(exerciseStages, { error: 'Stage must be early, middle, late or return to sport' })
    )
    .max(exerciseStages.length, 'Each stage once')
    .default([]),
  movements: z
    .array(z.enum(exerciseMovements, { error: 'Unknown movement preference' }))
    .max(exerciseMovements.length, 'Each movement preference once')
    .default([]),
  easierId: id('Easier variant').nullable().default(null),
  harderId: id('Harder variant').nullable().default(null),
  photos: z
    .array(
      z.union(
        [
          z.strictObject({ mediaId: id('Photo id') }),
          z.strictObject({ dataUrl: imageDataUrl('Photo', limits.photoBytes) })
        ],
        { error: 'Each photo must be a PNG or JPEG image' }
      )
    )
    .max(limits.photos, `${limits.photos} photos at most`)
}

const patientFields = {
  fullName: text('Name', limits.name).min(1, "Enter the patient's name"),
  dateOfBirth: z
    .string({ error: 'Enter the date of birth' })
    .refine(isRealIsoDate, wholeDate('date of birth'))
    .refine((date) => date <= todayIso(), "Date of birth can't be in the future")
    .refine((date) => date >= '1900-01-01', 'Date of birth must be in 1900 or later'),
  sex: z
    .enum(sexes, { error: 'Sex must be female, male or other' })
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  phone: optionalText('Phone', limits.phone),
  email: optionalText('Email', limits.email).refine(
    (value) => value === null || emailPattern.test(value),
    'Email address looks incomplete (name@example.com)'
  ),
  condition: optionalText('Condition', limits.longText),
  referralSource: optionalText('Referral source', limits.shortText),
  notes: optionalText('Notes', limits.notes)
}

const clinicFields = {
  clinicName: text('Clinic name', limits.shortText),
  address: text('Address', limits.longText),
  phone: text('Phone', limits.phone),
  email: text('Email', limits.email).refine(
    (value) => value === '' || emailPattern.test(value),
    'Email address looks incomplete (name@example.com)'
  ),
  therapistName: text('Therapist name', limits.shortText),
  /** the local emergency number printed on handouts; blank: "the emergency number" */
  emergencyNumber: text('Emergency number', 20)
    .refine(
      (value) => /^[0-9+()\- ]*$/.test(value),
      'Emergency number can hold digits, spaces, + and - only'
    )
    .default(''),
  /** data: URL of a PNG or JPEG, already checked and size-limited by main */
  logoDataUrl: imageDataUrl('Logo', limits.logoBytes).nullable()
}

/** a clinic server's address, as "https://host:port" */
const serverAddress = text('Server address', 300)
  .min(1, 'Enter the server’s address, such as https://clinic-server:8443')
  .transform((typed, context) => {
    const address = clinicAddress(typed)
    if (address === null) {
      context.addIssue({
        code: 'custom',
        message: 'Server address must look like https://clinic-server:8443'
      })
      return z.NEVER
    }
    return address
  })

/** an account's login or name on a clinic server (accounts.ts's rules) */
const accountText = (label: string, empty: string) =>
  text(label, accountRules.textMax).min(1, empty)

/** a password an administrator types for an account: sent as typed, a password's spaces are its own */
const accountPassword = z
  .string({ error: 'Password must be text' })
  .min(accountRules.passwordMin, `Password must be at least ${accountRules.passwordMin} characters`)
  .max(accountRules.passwordMax, 'Password is too long')

const accountLogin = accountText('Login', 'Enter a login')

export const contract = {
  'app:info': { input: none, result: returns<AppInfo>() },
  'app:health': { input: none, result: returns<DataHealth>() },

  'patients:list': {
    input: z.strictObject({
      query: searchText('Search', limits.search).optional(),
      includeArchived: z.boolean({ error: 'includeArchived must be true or false' }).optional()
    }),
    result: returns<PatientSummary[]>()
  },
  'patients:get': { input: z.strictObject({ id: id('Patient id') }), result: returns<Patient>() },
  'patients:create': { input: z.strictObject(patientFields), result: returns<Patient>() },
  'patients:update': {
    input: z.strictObject({ id: id('Patient id'), version: basedOn, ...patientFields }),
    result: returns<Patient>()
  },
  /** which measures the patient's visits record */
  'patients:setMeasures': {
    input: z.strictObject({ id: id('Patient id'), measures: measureList }),
    result: returns<Patient>()
  },
  'patients:archive': {
    input: z.strictObject({
      id: id('Patient id'),
      archived: z.boolean({ error: 'archived must be true or false' })
    }),
    result: returns<Patient>()
  },

  'patients:export': {
    input: z.strictObject({ id: id('Patient id') }),
    result: returns<HandoutFile>()
  },
  /** desktop only: the archive through the system's save dialog */
  'patients:exportSave': {
    input: z.strictObject({ id: id('Patient id') }),
    result: returns<string | null>()
  },
  'patients:erase': {
    input: z.strictObject({
      id: id('Patient id'),
      confirmName: text('Confirmation', limits.name)
    }),
    /** journalCleared false: the erased rows' old pages stay in the WAL until the app closes */
    result: returns<{ journalCleared: boolean }>()
  },

  'patients:history': {
    input: z.strictObject({ id: id('Patient id') }),
    result: returns<AuditEntry[]>()
  },

  'exercises:list': {
    input: z.strictObject(exerciseListFilters),
    result: returns<ExerciseSummary[]>()
  },
  'exercises:page': {
    input: z.strictObject({
      ...exerciseListFilters,
      offset: z
        .number({ error: 'offset must be a number' })
        .int('offset must be a whole number')
        .min(0, 'offset can’t be negative')
        .max(10_000_000, 'offset is too large')
    }),
    result: returns<ExercisePage>()
  },
  'exercises:get': { input: exerciseRef, result: returns<Exercise>() },
  'exercises:facets': { input: none, result: returns<ExerciseFacets>() },
  'exercises:create': { input: z.strictObject(exerciseFields), result: returns<Exercise>() },
  'exercises:update': {
    input: z.strictObject({ id: id('Exercise id'), version: basedOn, ...exerciseFields }),
    result: returns<Exercise>()
  },
  'exercises:duplicate': { input: exerciseRef, result: returns<Exercise>() },
  'exercises:favourite': {
    input: z.strictObject({
      id: id('Exercise id'),
      favourite: z.boolean({ error: 'favourite must be true or false' })
    }),
    result: returns<Exercise>()
  },
  'exercises:archive': {
    input: z.strictObject({
      id: id('Exercise id'),
      archived: z.boolean({ error: 'archived must be true or false' })
    }),
    result: returns<Exercise>()
  },
  'exercises:delete': { input: exerciseRef, result: returns<null>() },
  'import:chooseFolder': { input: none, result: returns<string | null>() },
  'import:preview': { input: importFolder, result: returns<ImportReport>() },
  'import:start': { input: importFolder, result: returns<{ jobId: string }>() },
  'media:get': { input: z.strictObject({ id: id('Picture id') }), result: returns<MediaData>() },

  'advice:list': { input: none, result: returns<AdviceSection[]>() },
  'templates:list': { input: none, result: returns<Template[]>() },
  'templates:saveFrom': {
    input: z.strictObject({
      versionId: id('Program version id'),
      name: templateName,
      /** one of the clinic's own templates to take this content, at the version it was seen */
      replace: z.strictObject({ id: id('Template id'), version: basedOn }).optional()
    }),
    result: returns<Template>()
  },
  'templates:update': {
    input: z.strictObject({ id: id('Template id'), version: basedOn, ...templateDetails }),
    result: returns<Template>()
  },
  /** A template built on the Templates screen: new without `id`, else one of the clinic's own replaced. */
  'templates:save': {
    input: z
      .strictObject({
        id: id('Template id').optional(),
        /** with `id`: the version the edit was based on */
        version: basedOn.optional(),
        ...templateDetails,
        items: draftContent.items,
        adviceIds: z
          .array(id('Advice id'), { error: 'Advice must be a list' })
          .max(
            limits.adviceSections,
            `A template can hold ${limits.adviceSections} advice sections at most`
          ),
        walkRun: draftContent.walkRun
      })
      .refine((template) => (template.id === undefined) === (template.version === undefined), {
        message: 'A template’s save names its version with its id',
        path: ['version']
      }),
    result: returns<Template>()
  },
  'templates:delete': { input: z.strictObject({ id: id('Template id') }), result: returns<null>() },

  'programs:list': {
    input: z.strictObject({ patientId: id('Patient id') }),
    result: returns<ProgramVersionSummary[]>()
  },
  'programs:get': { input: versionRef, result: returns<ProgramVersion>() },
  'programs:create': {
    input: z.strictObject({
      patientId: id('Patient id'),
      source: programSource,
      title: text('Title', limits.shortText).optional()
    }),
    result: returns<ProgramVersion>()
  },
  'programs:save': {
    input: z
      .strictObject({
        versionId: id('Program version id'),
        version: basedOn,
        ...draftContent,
        /** the preview beside the draft, drawn with these options as the save commits */
        preview: handoutOptions.optional()
      })
      .refine(reviewAfterStart, {
        message: "The review date can't be before the start date",
        path: ['reviewDate']
      }),
    result: returns<ProgramVersion>()
  },
  /**
   * Refused while an exercise has no dose or no frequency, unless the
   * physiotherapist confirmed issuing it as it is.
   */
  'programs:issue': {
    input: z.strictObject({
      versionId: id('Program version id'),
      version: basedOn,
      confirmIncompleteDoses: z
        .boolean({ error: 'confirmIncompleteDoses must be true or false' })
        .optional()
    }),
    result: returns<ProgramVersion>()
  },
  'programs:revise': { input: versionRef, result: returns<ProgramVersion>() },
  /** the next version with the next stage's exercises, doses, advice and plan */
  'programs:nextStage': { input: versionRef, result: returns<ProgramVersion>() },
  /** names the version discarded: a draft a colleague saved since is not thrown away unseen */
  'programs:discard': {
    input: z.strictObject({ versionId: id('Program version id'), version: basedOn }),
    result: returns<null>()
  },
  'programs:compare': {
    input: z.strictObject({ fromId: id('Program version id'), toId: id('Program version id') }),
    result: returns<ProgramDiff>()
  },
  'programs:snapshot': { input: versionRef, result: returns<ProgramSnapshot>() },
  'handouts:options': { input: none, result: returns<HandoutOptions & Versioned>() },
  'handouts:setOptions': {
    input: z.strictObject({ ...handoutOptions.shape, version: basedOn }),
    result: returns<HandoutOptions & Versioned>()
  },
  'handouts:pdf': { input: handoutRequest, result: returns<HandoutFile>() },
  'handouts:preview': { input: handoutRequest, result: returns<HandoutFile>() },
  /** desktop only: the system's save dialog; null when cancelled */
  'handouts:save': { input: handoutRequest, result: returns<string | null>() },
  /** desktop only: the system's print dialog */
  'handouts:print': { input: handoutRequest, result: returns<null>() },
  /** desktop only: the PDF in the default viewer */
  'handouts:open': { input: handoutRequest, result: returns<null>() },

  'visits:list': {
    input: z.strictObject({ patientId: id('Patient id') }),
    result: returns<Visit[]>()
  },
  'visits:create': {
    input: z
      .strictObject({ patientId: id('Patient id'), ...visitFields })
      .refine(presentOrResolved, flagConflict),
    result: returns<Visit>()
  },
  'visits:update': {
    input: z
      .strictObject({ id: id('Visit id'), ...visitFields })
      .refine(presentOrResolved, flagConflict),
    result: returns<Visit>()
  },
  'visits:delete': { input: z.strictObject({ id: id('Visit id') }), result: returns<null>() },
  /** `show`: rows per list (the totals are always whole) */
  'dashboard:get': {
    input: z.strictObject({
      show: z
        .number({ error: 'show must be a number' })
        .int()
        .min(1)
        .max(limits.dashboardRowsMax, `show must be ${limits.dashboardRowsMax} or fewer`)
        .optional()
    }),
    result: returns<Dashboard>()
  },

  'backups:status': { input: none, result: returns<BackupStatus>() },
  /**
   * Starts a backup now: into the backup folder, or (desktop only, `saveAs`)
   * to a file chosen in the save dialog; null when that dialog is cancelled.
   */
  'backups:start': {
    input: z.strictObject({ saveAs: z.boolean({ error: 'saveAs must be true or false' }) }),
    result: returns<{ jobId: string } | null>()
  },
  /** desktop only: a folder from the system's folder dialog; null when cancelled */
  'backups:chooseFolder': { input: none, result: returns<string | null>() },
  'backups:setFolder': {
    input: z.strictObject({ folder: pathText('Folder', 'Choose a folder for backups') }),
    result: returns<BackupStatus>()
  },
  'backups:inspect': {
    input: z.strictObject({ file: pathText('Backup file', 'Choose a backup') }),
    result: returns<BackupContents>()
  },
  'backups:restore': {
    input: z.strictObject({ file: pathText('Backup file', 'Choose a backup') }),
    result: returns<{ safetyCopy: string; contents: BackupContents }>()
  },

  /** how far a long job (an import, a backup) got, and then its result or why it failed */
  'jobs:progress': {
    input: z.strictObject({ jobId: z.uuid({ error: 'Unknown task' }) }),
    result: returns<AnyJobStatus>()
  },
  'clinic:get': { input: none, result: returns<ClinicSettings & Versioned>() },
  'clinic:update': {
    input: z.strictObject({ ...clinicFields, version: basedOn }),
    result: returns<ClinicSettings & Versioned>()
  },
  /**
   * Whether to ask for the clinic's name, phone and therapist before issuing (the first
   * day): the clinic's own answer, so a clinic server's when connected
   */
  'clinic:askDetails': { input: none, result: returns<boolean>() },
  /** "Skip for now" on the first day's question: it is not asked again (a write, so said outright) */
  'clinic:skipDetails': {
    input: z.strictObject({ skip: z.literal(true, { error: 'skip must be true' }) }),
    result: returns<null>()
  },

  /*
   * The desktop's link to a clinic server (issue 17): answered by main
   * itself in every mode, never forwarded. The password goes to the server
   * once and is neither kept nor logged.
   */
  'clinicServer:status': { input: none, result: returns<ClinicServerStatus>() },
  /** first contact: the server's certificate, not yet trusted, for its fingerprint */
  'clinicServer:check': {
    input: z.strictObject({ address: serverAddress }),
    result: returns<ClinicCertificateCheck>()
  },
  /** pins the certificate, only if the server still shows the fingerprint the person confirmed */
  'clinicServer:connect': {
    input: z.strictObject({
      address: serverAddress,
      fingerprint: z
        .string({ error: 'Fingerprint must be text' })
        .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'Fingerprint must be a SHA-256 fingerprint')
    }),
    result: returns<ClinicServerStatus>()
  },
  'clinicServer:signIn': {
    input: z.strictObject({
      login: text('Login', limits.shortText).min(1, 'Enter your login'),
      // sent as typed: a password's spaces are its own
      password: z
        .string({ error: 'Password must be text' })
        .min(1, 'Enter your password')
        .max(1000, 'Password is too long')
    }),
    result: returns<ClinicServerStatus>()
  },
  'clinicServer:signOut': { input: none, result: returns<ClinicServerStatus>() },
  /** back to solo mode: this computer's own data again; the clinic's stays on its server */
  'clinicServer:solo': { input: none, result: returns<ClinicServerStatus>() },

  /*
   * A clinic's accounts, for its administrator (issue 17): answered by the
   * clinic server only, which checks the role from the session; in solo
   * mode they are unavailable. Each change answers the accounts as they are now.
   */
  'accounts:list': { input: none, result: returns<ClinicAccount[]>() },
  'accounts:add': {
    input: z.strictObject({
      login: accountLogin,
      displayName: accountText('Name', 'Enter their name, as colleagues see it'),
      role: z.enum(['administrator', 'therapist'], { error: 'Choose a role' }),
      password: accountPassword
    }),
    result: returns<ClinicAccount[]>()
  },
  /** disabling ends the account's sessions at once */
  'accounts:setDisabled': {
    input: z.strictObject({
      login: accountLogin,
      disabled: z.boolean({ error: 'disabled must be true or false' })
    }),
    result: returns<ClinicAccount[]>()
  },
  /** a new password ends the account's sessions */
  'accounts:resetPassword': {
    input: z.strictObject({ login: accountLogin, password: accountPassword }),
    result: returns<ClinicAccount[]>()
  },

  /*
   * Clinic mode offline (issue 18, sync.ts): answered by main itself in
   * every mode, never forwarded. In solo mode the status says so and the
   * rest are unavailable.
   */
  'sync:status': { input: none, result: returns<SyncStatus>() },
  /** try the server now: send what waits, then pull colleagues' changes */
  'sync:now': { input: none, result: returns<SyncStatus>() },
  /** conflicts and refused writes, oldest first */
  'sync:problems': { input: none, result: returns<SyncProblem[]>() },
  /**
   * A conflict settled field by field (every differing field named), or a
   * refused write dropped ('discard') or tried again ('retry'); answers what is left.
   */
  'sync:resolve': {
    input: z.strictObject({
      id: id('Problem id'),
      resolution: z.union([
        z.strictObject({
          choose: z.record(z.string().max(100), z.enum(['mine', 'theirs']), {
            error: 'Choose mine or theirs for each field'
          })
        }),
        z.enum(['discard', 'retry'], { error: 'Choose discard or retry' })
      ])
    }),
    result: returns<SyncProblem[]>()
  },
  /** the patients pinned "take offline" on this computer */
  'sync:pins': { input: none, result: returns<number[]>() },
  'sync:pin': {
    input: z.strictObject({
      patientId: id('Patient id'),
      pinned: z.boolean({ error: 'pinned must be true or false' })
    }),
    result: returns<number[]>()
  },
  /** keep the patients this account saw in the last `weeks` weeks */
  'sync:setWeeks': {
    input: z.strictObject({
      weeks: z
        .number({ error: 'Weeks must be a number' })
        .int('Weeks must be a whole number')
        .min(1, 'Keep at least 1 week')
        .max(52, 'Keep at most 52 weeks')
    }),
    result: returns<SyncStatus>()
  },
  /** removes this computer's copy of the clinic; refused while changes wait to be sent */
  'sync:forget': {
    input: z.strictObject({ confirm: z.literal(true, { error: 'confirm must be true' }) }),
    result: returns<SyncStatus>()
  }
} satisfies { [C in Channel]: { input: z.ZodType; result: unknown } }

export type Contract = typeof contract
/** What the renderer sends. */
export type Input<C extends Channel> = z.input<Contract[C]['input']>
/** What a handler receives after validation (trimmed, blanks turned to null). */
export type ValidInput<C extends Channel> = z.output<Contract[C]['input']>
export type Output<C extends Channel> = Contract[C]['result']

/*
 * Input shapes the domain names, each written once: as the schema above.
 * types.ts re-exports them for the types built on them (a Patient is its
 * fields and more).
 */
/** A patient's own fields, as validated: trimmed, blanks as null. */
export type PatientFields = z.output<z.ZodObject<typeof patientFields>>
/** What a visit records, as validated. */
export type VisitFields = z.output<z.ZodObject<typeof visitFields>>
/** How much and how often: every field may be blank (null) until the physiotherapist sets it. */
export type Dose = z.output<typeof doseSchema>
/** Where a new program starts: blank, a template, or a copy of a version. */
export type ProgramSource = z.output<typeof programSource>
type ExerciseInput = z.output<z.ZodObject<typeof exerciseFields>>
/** Besides its fields, what the therapist sets on an exercise: tags and variants. */
export type ExerciseExtras = Pick<
  ExerciseInput,
  'conditions' | 'stages' | 'movements' | 'easierId' | 'harderId'
>
/** What the therapist edits on a custom exercise (photos apart). */
export type ExerciseFields = Omit<ExerciseInput, keyof ExerciseExtras | 'photos'>
/** The clinic's details every handout prints, as validated. */
export type ClinicSettings = z.output<z.ZodObject<typeof clinicFields>>
/**
 * How the clinic prints handouts; remembered per clinic. The input side of
 * the schema: options saved before a field existed lack it, and its default
 * applies.
 */
export type HandoutOptions = z.input<typeof handoutOptions>
/** A graded walk–run plan: weekly run/walk intervals and the pain rule that paces them. */
export type WalkRunPlan = z.output<typeof walkRunSchema>
/** One week of a walk–run plan. */
export type WalkRunWeek = WalkRunPlan['weeks'][number]
/** Advice as printed with one program: a copy the therapist may have edited. */
export type ProgramAdvice = z.output<typeof adviceSchema>
/** The scores a visit records, as validated; blanks are null. */
export type VisitOutcomes = VisitFields['outcomes']
/** Running load at one visit; each value null when not recorded. */
export type RunningLoad = VisitOutcomes['running']
