import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import {
  defaultHandoutOptions,
  type HandoutFile,
  type HandoutOptions,
  type ProgramSnapshot,
  type ProgramVersion
} from '@shared/types'
import type { HandoutAssets, HandoutPicture } from './handout/document'
import { isDrawableSvg } from './handout/drawing'
import { getMediaSync } from './media'
import type { OffThread } from '../offthread/pool'
import { buildSnapshot, getSnapshot, getVersion } from './programs'
import { readSettingSync, writeSettingSync } from './settings'

export function getHandoutOptions(db: Database): HandoutOptions {
  return { ...defaultHandoutOptions, ...readSettingSync<Partial<HandoutOptions>>(db, 'handout') }
}

export function setHandoutOptions(db: Database, options: HandoutOptions): HandoutOptions {
  writeSettingSync(db, 'handout', options)
  return getHandoutOptions(db)
}

/** The pictures a snapshot prints; one that can't be read (or drawn safely) prints as a "no picture" frame. */
export function handoutAssets(
  db: Database,
  snapshot: ProgramSnapshot,
  resourcesDir: string
): HandoutAssets {
  const pictures = new Map<number, HandoutPicture>()
  for (const id of snapshot.exercises.flatMap((exercise) => exercise.mediaIds.slice(0, 2))) {
    try {
      const media = getMediaSync(db, id, resourcesDir)
      if (media.mime !== 'image/svg+xml') {
        pictures.set(id, { kind: 'image', dataUrl: media.dataUrl })
        continue
      }
      const svg = Buffer.from(media.dataUrl.split(',')[1]!, 'base64').toString('utf8')
      // anything but our own shapes prints as the "no picture" frame
      if (isDrawableSvg(svg)) pictures.set(id, { kind: 'svg', svg })
    } catch {
      // missing row or file: the handout still prints, with a frame in its place
    }
  }
  return { pictures, logoDataUrl: snapshot.clinic.logoDataUrl }
}

/** Where handouts are drawn: the shipped pictures and fonts, and the worker that renders. */
export interface HandoutRendering {
  resourcesDir: string
  offThread: OffThread
}

function render(
  db: Database,
  snapshot: ProgramSnapshot,
  options: HandoutOptions,
  { resourcesDir, offThread }: HandoutRendering
): Promise<HandoutFile> {
  return offThread.run('handout', {
    snapshot,
    options,
    assets: handoutAssets(db, snapshot, resourcesDir),
    fontsDir: join(resourcesDir, 'fonts')
  })
}

/** An issued version's handout, from its frozen snapshot: the same bytes every time. */
export function issuedHandout(
  db: Database,
  versionId: number,
  options: HandoutOptions,
  rendering: HandoutRendering
): Promise<HandoutFile> {
  return render(db, getSnapshot(db, versionId), options, rendering)
}

/**
 * Drafts' previews already drawing, by version: the save that commits a draft
 * starts its preview (`startPreview`) and the preview call that follows takes
 * it, so one edit builds one snapshot and renders once; opening a draft starts
 * one too, so the builder's first preview finds it under way. Any other write
 * clears them all (it may change what the preview shows: the patient, the
 * clinic, red flags).
 */
export type StartedPreviews = Map<number, { options: string; file: Promise<HandoutFile> }>

function draftPreview(
  db: Database,
  version: ProgramVersion,
  options: HandoutOptions,
  rendering: HandoutRendering
): Promise<HandoutFile> {
  // a draft shows the layout chosen now
  const snapshot = {
    ...buildSnapshot(db, version, new Date().toISOString()),
    layout: options.layout
  }
  return render(db, snapshot, options, rendering)
}

const startedLimit = 4

/** Starts drawing a draft's preview (just saved, or just opened), for the preview call that follows. */
export function startPreview(
  db: Database,
  version: ProgramVersion,
  options: HandoutOptions,
  rendering: HandoutRendering,
  started: StartedPreviews
): void {
  // built just after the save answers, so a failure here can't fail a save that committed:
  // it reaches whoever takes the preview, and one never taken is no unhandled rejection
  const file = Promise.resolve().then(() => draftPreview(db, version, options, rendering))
  file.catch(() => undefined)
  started.delete(version.id)
  // drafts opened and never previewed leave theirs here: the newest few are enough
  for (const id of started.keys()) if (started.size >= startedLimit) started.delete(id)
  started.set(version.id, { options: JSON.stringify(options), file })
}

/** Any version as it would print now: the builder's live preview. */
export function previewHandout(
  db: Database,
  versionId: number,
  options: HandoutOptions,
  rendering: HandoutRendering,
  started?: StartedPreviews
): Promise<HandoutFile> {
  const taken = started?.get(versionId)
  started?.delete(versionId)
  if (taken?.options === JSON.stringify(options)) return taken.file
  const version = getVersion(db, versionId)
  // an issued version keeps the layout it was issued with
  return version.status === 'issued'
    ? render(db, getSnapshot(db, versionId), options, rendering)
    : draftPreview(db, version, options, rendering)
}

/**
 * Renders, and throws away, the handout of the newest program version: the
 * handout worker then has pdfmake loaded, its fonts parsed and its layout code
 * compiled, and the first preview of the day is as quick as the ones after.
 */
export async function warmUpHandouts(db: Database, rendering: HandoutRendering): Promise<void> {
  const newest = db.prepare('SELECT max(id) FROM program_versions').pluck().get() as number | null
  if (newest !== null) await previewHandout(db, newest, getHandoutOptions(db), rendering)
}
