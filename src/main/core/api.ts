import type { Database } from 'better-sqlite3'
import type { ZodError } from 'zod'
import { BoundedMap } from '@shared/bounded-map'
import { isChannel, type Channel } from '@shared/channels'
import { contract, type Output, type ValidInput } from '@shared/contract'
import { todayIso } from '@shared/dates'
import { toApiError, AppError, type ApiError, type Result } from '@shared/errors'
import type { AppInfo, BackupInfo, HandoutFile, HandoutOptions, ImportStatus } from '@shared/types'
import {
  createExercise,
  deleteExercise,
  duplicateExercise,
  exerciseFacets,
  getExercise,
  listExercises,
  setExerciseArchived,
  setFavourite,
  splitExtras,
  updateExercise,
  type PhotoInput
} from './exercises'
import {
  backupFolder,
  backupStatus,
  makeBackup,
  restoreBackup,
  rotateBackups,
  setBackupFolder,
  writeVerifiedCopy
} from './backups'
import type { DesktopActions } from '../electron/desktop'
import { typedPaths, type PathPolicy } from './paths'
import { getHandoutOptions, issuedHandout, previewHandout, setHandoutOptions } from './handouts'
import { previewImport, startImport } from './import/run'
import { jobRunner, jobsKept } from './jobs'
import type { OffThread } from '../offthread/pool'
import { dataUrlBytes, getMedia } from './media'
import { listAdvice } from './advice'
import {
  createPatient,
  getPatient,
  listPatients,
  setPatientArchived,
  setPatientMeasures,
  updatePatient
} from './patients'
import {
  compareVersions,
  createProgram,
  deleteDraft,
  getSnapshot,
  getVersion,
  issueVersion,
  listVersions,
  moveToNextStage,
  reviseVersion,
  saveDraft
} from './programs'
import { auditTrail } from './audit'
import { clearJournal, erasePatient, exportPatient } from './patient-data'
import { getClinic, updateClinic } from './settings'
import { createVisit, dashboard, deleteVisit, listVisits, updateVisit } from './visits'
import { deleteTemplate, listTemplates, saveTemplateFrom, updateTemplate } from './templates'

export type Handlers = {
  [C in Channel]: (input: ValidInput<C>) => Output<C> | Promise<Output<C>>
}

export interface ApiContext {
  db: Database
  transport: AppInfo['transport']
  version: string
  dataDir: string
  databaseFile: string
  /** the app's shipped pictures (built-in illustrations) and fonts */
  resourcesDir: string
  /** where handouts render and backups are copied, away from the main thread */
  offThread: OffThread
  /** dialogs, printer and viewer: only the desktop app has them */
  desktop?: DesktopActions
  /** which paths the page may name: typed ones (the default), or only those from dialogs */
  paths?: PathPolicy
}

/** Photos as sent (kept ids or checked data: URLs) to what the store writes. */
function photoInputs(photos: ({ mediaId: number } | { dataUrl: string })[]): PhotoInput[] {
  return photos.map((photo) =>
    'mediaId' in photo
      ? photo
      : {
          data: dataUrlBytes(photo.dataUrl),
          mime: photo.dataUrl.startsWith('data:image/png') ? 'image/png' : 'image/jpeg'
        }
  )
}

function count(db: Database, table: string): number {
  const row = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE archived_at IS NULL`).get()
  return (row as { n: number }).n
}

/** The contract's implementation: each channel composes the domain functions. */
export function createHandlers(context: ApiContext): Handlers {
  const { db } = context
  const inTransaction = <T>(work: () => T): T => db.transaction(work)()
  const imports = new BoundedMap<string, ImportStatus>(jobsKept)
  const backupJobs = jobRunner<BackupInfo>()
  const desktop = (): DesktopActions => {
    if (!context.desktop) {
      throw new AppError(
        'unavailable',
        'Only the desktop app can do that here. Use Download instead.'
      )
    }
    return context.desktop
  }
  const paths = context.paths ?? typedPaths
  /** the backup folder's files, listed by main: the page may check or restore them */
  const statusOfBackups = () => {
    const status = backupStatus(db, context.dataDir)
    status.backups.forEach((backup) => paths.offer(backup.file))
    return status
  }
  const optionsOr = (options: HandoutOptions | undefined) => options ?? getHandoutOptions(db)
  const handout = (versionId: number, options: HandoutOptions | undefined) =>
    issuedHandout(db, versionId, optionsOr(options), context)
  const bytes = (file: HandoutFile) => Buffer.from(file.base64, 'base64')
  return {
    'app:info': () => ({
      version: context.version,
      transport: context.transport,
      dataDir: context.dataDir,
      databaseFile: context.databaseFile,
      counts: {
        patients: count(db, 'patients'),
        exercises: count(db, 'exercises'),
        adviceSections: count(db, 'advice_sections'),
        templates: count(db, 'templates')
      }
    }),
    'patients:list': (input) => listPatients(db, input),
    'patients:get': ({ id }) => getPatient(db, id),
    'patients:create': (fields) => inTransaction(() => createPatient(db, fields)),
    'patients:update': ({ id, ...fields }) => inTransaction(() => updatePatient(db, id, fields)),
    'patients:setMeasures': ({ id, measures }) =>
      inTransaction(() => setPatientMeasures(db, id, measures)),
    'patients:archive': ({ id, archived }) =>
      inTransaction(() => setPatientArchived(db, id, archived)),
    'patients:export': ({ id }) => exportPatient(db, id, getHandoutOptions(db), context),
    'patients:exportSave': async ({ id }) => {
      const file = await exportPatient(db, id, getHandoutOptions(db), context)
      return desktop().saveFile(file.fileName, bytes(file))
    },
    'patients:erase': async ({ id, confirmName }) => {
      inTransaction(() => erasePatient(db, id, confirmName))
      return { journalCleared: await clearJournal(db, context.offThread) }
    },
    'patients:history': ({ id }) => auditTrail(db, id),
    'exercises:list': (input) => listExercises(db, input),
    'exercises:get': ({ id }) => getExercise(db, id),
    'exercises:facets': () => exerciseFacets(db),
    'exercises:create': ({ photos, ...input }) =>
      inTransaction(() => {
        const [fields, extras] = splitExtras(input)
        return createExercise(db, fields, extras, photoInputs(photos))
      }),
    'exercises:update': ({ id, photos, ...input }) =>
      inTransaction(() => {
        const [fields, extras] = splitExtras(input)
        return updateExercise(db, id, fields, extras, photoInputs(photos))
      }),
    'exercises:duplicate': ({ id }) => inTransaction(() => duplicateExercise(db, id)),
    'exercises:favourite': ({ id, favourite }) =>
      inTransaction(() => setFavourite(db, id, favourite)),
    'exercises:archive': ({ id, archived }) =>
      inTransaction(() => setExerciseArchived(db, id, archived)),
    'exercises:delete': ({ id }) => inTransaction(() => deleteExercise(db, id)),
    'import:chooseFolder': async () => {
      if (!context.desktop) {
        throw new AppError(
          'unavailable',
          'This window can’t open a folder picker: type or paste the folder’s path instead.'
        )
      }
      const picked = await context.desktop.chooseFolder('Folder with exercises.json')
      return picked && paths.offer(picked)
    },
    'import:preview': ({ folder }) => previewImport(db, paths.accept(folder, 'folder')),
    'import:start': ({ folder }) => ({
      jobId: startImport(context, paths.accept(folder, 'folder'), imports)
    }),
    'import:status': ({ jobId }) => {
      const status = imports.get(jobId)
      if (!status)
        throw new AppError('not_found', 'That import is not known (was the app restarted?).')
      return { ...status }
    },
    'media:get': ({ id }) => getMedia(db, id, context.resourcesDir),
    'advice:list': () => listAdvice(db),
    'templates:list': () => listTemplates(db),
    'templates:saveFrom': ({ versionId, name, replaceId }) =>
      inTransaction(() => saveTemplateFrom(db, versionId, name, replaceId)),
    'templates:update': ({ id, ...fields }) => inTransaction(() => updateTemplate(db, id, fields)),
    'templates:delete': ({ id }) => inTransaction(() => deleteTemplate(db, id)),
    'programs:list': ({ patientId }) => listVersions(db, patientId),
    'programs:get': ({ versionId }) => getVersion(db, versionId),
    'programs:create': ({ patientId, source, title }) =>
      inTransaction(() => createProgram(db, patientId, source, title)),
    'programs:save': ({ versionId, ...content }) =>
      inTransaction(() => saveDraft(db, versionId, content)),
    'programs:issue': ({ versionId, confirmIncompleteDoses }) =>
      inTransaction(() => issueVersion(db, versionId, confirmIncompleteDoses)),
    'programs:revise': ({ versionId }) => inTransaction(() => reviseVersion(db, versionId)),
    'programs:nextStage': ({ versionId }) => inTransaction(() => moveToNextStage(db, versionId)),
    'programs:discard': ({ versionId }) => inTransaction(() => deleteDraft(db, versionId)),
    'programs:compare': ({ fromId, toId }) => compareVersions(db, fromId, toId),
    'programs:snapshot': ({ versionId }) => getSnapshot(db, versionId),
    'handouts:options': () => getHandoutOptions(db),
    'handouts:setOptions': (options) => setHandoutOptions(db, options),
    'handouts:pdf': ({ versionId, options }) => handout(versionId, options),
    'handouts:preview': ({ versionId, options }) =>
      previewHandout(db, versionId, optionsOr(options), context),
    'handouts:save': async ({ versionId, options }) => {
      const file = await handout(versionId, options)
      return desktop().saveFile(file.fileName, bytes(file))
    },
    'handouts:print': async ({ versionId, options }) => {
      const file = await handout(versionId, options)
      await desktop().printPdf(file.fileName, bytes(file))
      return null
    },
    'handouts:open': async ({ versionId, options }) => {
      const file = await handout(versionId, options)
      await desktop().openPdf(file.fileName, bytes(file))
      return null
    },
    'visits:list': ({ patientId }) => listVisits(db, patientId),
    'visits:create': ({ patientId, ...fields }) =>
      inTransaction(() => createVisit(db, patientId, fields)),
    'visits:update': ({ id, ...fields }) => inTransaction(() => updateVisit(db, id, fields)),
    'visits:delete': ({ id }) => inTransaction(() => deleteVisit(db, id)),
    'dashboard:get': ({ show }) => dashboard(db, todayIso(), show),
    'backups:status': statusOfBackups,
    'backups:start': async ({ saveAs }) => {
      if (saveAs) {
        const stamp = new Date().toISOString().slice(0, 10)
        const path = await desktop().chooseSavePath(`PhysioPlan backup ${stamp}.sqlite3`)
        return path
          ? { jobId: backupJobs.start((progress) => writeVerifiedCopy(context, path, progress)) }
          : null
      }
      const folder = backupFolder(db, context.dataDir)
      const jobId = backupJobs.start(async (progress) => {
        const made = await makeBackup(context, folder, new Date(), progress)
        rotateBackups(folder)
        return made
      })
      return { jobId }
    },
    'backups:progress': ({ jobId }) => backupJobs.get(jobId),
    'backups:chooseFolder': async () => {
      const picked = await desktop().chooseFolder('Folder for backups')
      return picked && paths.offer(picked)
    },
    'backups:setFolder': ({ folder }) => {
      setBackupFolder(db, paths.accept(folder, 'folder'))
      return statusOfBackups()
    },
    'backups:inspect': ({ file }) =>
      context.offThread.run('inspectBackup', { file: paths.accept(file, 'file') }),
    'backups:restore': ({ file }) =>
      restoreBackup(db, context, paths.accept(file, 'file'), backupFolder(db, context.dataDir)),
    'clinic:get': () => getClinic(db),
    'clinic:update': (clinic) => inTransaction(() => updateClinic(db, clinic))
  }
}

/** The first problem with the input, as a sentence for the form that sent it. */
export function validationError(error: ZodError): ApiError {
  const issue = error.issues[0]
  if (issue === undefined) return { code: 'invalid_input', message: 'The request was not valid.' }
  if (issue.code === 'unrecognized_keys') {
    const plural = issue.keys.length > 1 ? 's' : ''
    return { code: 'invalid_input', message: `Unexpected field${plural}: ${issue.keys.join(', ')}` }
  }
  if (issue.path.length === 0) {
    return { code: 'invalid_input', message: 'The request must be an object of named fields.' }
  }
  const [list, index] = issue.path
  const where =
    typeof index === 'number' && (list === 'items' || list === 'advice')
      ? `${list === 'items' ? 'Exercise' : 'Advice section'} ${index + 1}: `
      : ''
  return { code: 'invalid_input', message: where + issue.message, field: issue.path.join('.') }
}

/**
 * The one entry point both transports use: validate, run, and turn any
 * failure into a Result. Never throws. Unexpected errors are logged by name
 * and message only: parameters (patient data) never reach the log.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'not_found', message: `Unknown request "${channel}".` } }
  }
  const parsed = contract[channel].input.safeParse(rawInput ?? {})
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown
    return { ok: true, data: await handler(parsed.data) }
  } catch (error) {
    if (!(error instanceof AppError)) {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: '' }
      console.error(`[api] ${channel} failed: ${name}: ${message}`)
    }
    return { ok: false, error: toApiError(error) }
  }
}
