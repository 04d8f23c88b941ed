/**
 * The work that runs off the main thread: a handout's layout and PDF, the
 * backup copy with its integrity check, and imports. Plain data in and out, so the
 * same functions run in the worker and, in unit tests, inline.
 */
import type {
  BackupContents,
  BackupInfo,
  HandoutFile,
  HandoutOptions,
  ImportReport,
  ProgramSnapshot
} from '@shared/types'
import { copyVerified, inspectBackup } from '../core/backups'
import { buildHandout, handoutFileName, type HandoutAssets } from '../core/handout/document'
import { renderPdf } from '../core/handout/render'
import { importFolder } from '../core/import/run'

export type Progress = (done: number, total: number) => void

export interface HandoutJob {
  snapshot: ProgramSnapshot
  options: HandoutOptions
  assets: HandoutAssets
  fontsDir: string
}

interface TaskTypes {
  handout: { input: HandoutJob; output: HandoutFile }
  /** a verified copy of the database file `source`, named `target` once checked */
  backup: { input: { source: string; target: string }; output: BackupInfo }
  inspectBackup: { input: { file: string }; output: BackupContents }
  /** a free-exercise-db folder written into the database file */
  import: { input: { databaseFile: string; path: string }; output: ImportReport }
}

export type TaskName = keyof TaskTypes
export type TaskInput<N extends TaskName> = TaskTypes[N]['input']
export type TaskOutput<N extends TaskName> = TaskTypes[N]['output']

const tasks: {
  [N in TaskName]: (input: TaskInput<N>, progress: Progress) => Promise<TaskOutput<N>>
} = {
  handout: async ({ snapshot, options, assets, fontsDir }) => {
    const bytes = await renderPdf(buildHandout(snapshot, options, assets), fontsDir)
    // a plain Uint8Array, as it arrives from the worker too: one type whichever thread drew it
    const pdf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return { fileName: handoutFileName(snapshot), bytes: pdf }
  },
  backup: ({ source, target }, progress) => copyVerified(source, target, progress),
  inspectBackup: async ({ file }) => inspectBackup(file),
  import: ({ databaseFile, path }, progress) => importFolder(databaseFile, path, progress)
}

export function runTask<N extends TaskName>(
  name: N,
  input: TaskInput<N>,
  progress: Progress
): Promise<TaskOutput<N>> {
  return (tasks[name] as (input: TaskInput<N>, progress: Progress) => Promise<TaskOutput<N>>)(
    input,
    progress
  )
}
