/**
 * The work that runs off the main thread: a handout's layout and PDF, the
 * backup copy with its integrity check, and imports. Plain data in and out, so the
 * same functions run in the worker and, in unit tests, inline. This table is
 * the worker bundle's root: it imports only the files whose code runs there
 * (handout/, backup-copy.ts, db/health.ts, import/run.ts), never the main thread's halves
 * that orchestrate them, nor the migrations or the seed library.
 */
import type {
  BackupContents,
  BackupInfo,
  HandoutFile,
  HandoutOptions,
  ImportReport,
  ProgramSnapshot
} from '@shared/types'
import { copyVerified, inspectBackup } from '../core/backup-copy'
import { checkPages } from '../core/db/health'
import { buildHandout, handoutFileName, type HandoutAssets } from '../core/handout/document'
import { forgetShapedWords } from '../core/handout/fast-paths'
import { renderPdf, textMeasure } from '../core/handout/render'
import { en } from '../core/handout/words.en'
import { importFolder, type ImportJob } from '../core/import/run'

export type Progress = (done: number, total: number) => void

export interface HandoutJob {
  snapshot: ProgramSnapshot
  options: HandoutOptions
  assets: HandoutAssets
  fontsDir: string
}

interface TaskTypes {
  handout: { input: HandoutJob; output: HandoutFile }
  /** a verified copy of the database file `source`, written as `partial`, named `target` once checked */
  backup: { input: { source: string; target: string; partial: string }; output: BackupInfo }
  inspectBackup: { input: { file: string }; output: BackupContents }
  /** the open data file's pages checked in the background: "ok", or what is wrong */
  checkPages: { input: { file: string }; output: string }
  /** a free-exercise-db folder written into the database file */
  import: { input: ImportJob; output: ImportReport }
  /** the handout worker forgets the words of the handouts it drew (after an erase) */
  forgetWords: { input: Record<string, never>; output: null }
}

export type TaskName = keyof TaskTypes
export type TaskInput<N extends TaskName> = TaskTypes[N]['input']
export type TaskOutput<N extends TaskName> = TaskTypes[N]['output']

const tasks: {
  [N in TaskName]: (input: TaskInput<N>, progress: Progress) => Promise<TaskOutput<N>>
} = {
  handout: async ({ snapshot, options, assets, fontsDir }) => {
    const document = buildHandout(snapshot, options, assets, en, textMeasure(fontsDir))
    const bytes = await renderPdf(document, fontsDir)
    // a plain Uint8Array, as it arrives from the worker too: one type whichever thread drew it
    const pdf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    return { fileName: handoutFileName(snapshot), bytes: pdf }
  },
  backup: ({ source, target, partial }, progress) =>
    copyVerified(source, target, partial, progress),
  inspectBackup: async ({ file }) => inspectBackup(file),
  checkPages: async ({ file }) => checkPages(file),
  import: importFolder,
  forgetWords: async () => {
    forgetShapedWords()
    return null
  }
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
