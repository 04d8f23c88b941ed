import { join } from 'node:path'
import {
  defaultHandoutOptions,
  type HandoutFile,
  type HandoutOptions,
  type ProgramSnapshot,
  type ProgramVersion
} from '@shared/types'
import type { HandoutAssets, HandoutPicture } from './handout/document'
import { isDrawableSvg } from './handout/drawing'
import { getMedia } from './media'
import type { OffThread } from '../offthread/pool'
import { buildSnapshot, getSnapshot, getVersion } from './programs'
import type { Query } from './query/schema'
import { editedSetting, readSetting } from './settings'

export async function getHandoutOptions(q: Query): Promise<HandoutOptions> {
  return { ...defaultHandoutOptions, ...(await readSetting<Partial<HandoutOptions>>(q, 'handout')) }
}

const handoutSetting = editedSetting('handout', defaultHandoutOptions)
/** The clinic's options as it chooses them, with the version their save names. */
export const editHandoutOptions = handoutSetting.read
export const setHandoutOptions = handoutSetting.save

/** The pictures a snapshot prints; one that can't be read (or drawn safely) prints as a "no picture" frame. */
export async function handoutAssets(
  q: Query,
  snapshot: ProgramSnapshot,
  resourcesDir: string
): Promise<HandoutAssets> {
  const pictures = new Map<number, HandoutPicture>()
  for (const id of snapshot.exercises.flatMap((exercise) => exercise.mediaIds.slice(0, 2))) {
    try {
      const media = await getMedia(q, id, resourcesDir)
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

/** What handouts read through: their own read-only connection (`handoutDb`), as a store that only reads. */
export interface HandoutReader {
  read: <T>(work: (q: Query) => Promise<T>) => Promise<T>
}

/** A snapshot with the pictures it prints, read together: what the worker draws. */
export interface Drawable {
  snapshot: ProgramSnapshot
  assets: HandoutAssets
}

export async function drawable(
  q: Query,
  snapshot: ProgramSnapshot,
  resourcesDir: string
): Promise<Drawable> {
  return { snapshot, assets: await handoutAssets(q, snapshot, resourcesDir) }
}

/** The handout of a snapshot and its pictures. */
export function renderHandout(
  { snapshot, assets }: Drawable,
  options: HandoutOptions,
  { resourcesDir, offThread }: HandoutRendering
): Promise<HandoutFile> {
  return offThread.run('handout', {
    snapshot,
    options,
    assets,
    fontsDir: join(resourcesDir, 'fonts')
  })
}

/** An issued version's handout, from its frozen snapshot: the same bytes every time. */
export async function issuedHandout(
  reader: HandoutReader,
  versionId: number,
  options: HandoutOptions,
  rendering: HandoutRendering
): Promise<HandoutFile> {
  const drawn = await reader.read(async (q) =>
    drawable(q, await getSnapshot(q, versionId), rendering.resourcesDir)
  )
  return renderHandout(drawn, options, rendering)
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

/** A draft as it would print now, in the layout chosen now. */
async function draftSnapshot(
  q: Query,
  version: ProgramVersion,
  options: HandoutOptions
): Promise<ProgramSnapshot> {
  return {
    ...(await buildSnapshot(q, version, new Date().toISOString())),
    layout: options.layout
  }
}

const startedLimit = 4

/**
 * Starts drawing a draft's preview (just saved, or just opened), for the
 * preview call that follows. Settles once the render is under way, or the
 * draft could not be read: never rejects.
 */
export function startPreview(
  reader: HandoutReader,
  version: ProgramVersion,
  options: HandoutOptions,
  rendering: HandoutRendering,
  started: StartedPreviews
): Promise<void> {
  // built after the save committed, so a failure here can't fail the save: it reaches whoever
  // takes the preview, and one never taken is no unhandled rejection
  const snapshot = reader.read(async (q) =>
    drawable(q, await draftSnapshot(q, version, options), rendering.resourcesDir)
  )
  const file = snapshot.then((drawn) => renderHandout(drawn, options, rendering))
  file.catch(() => undefined)
  started.delete(version.id)
  // drafts opened and never previewed leave theirs here: the newest few are enough
  for (const id of started.keys()) if (started.size >= startedLimit) started.delete(id)
  started.set(version.id, { options: JSON.stringify(options), file })
  // `file`'s render was asked for first: by the time this settles, the worker has the job
  return snapshot.then(
    () => undefined,
    () => undefined
  )
}

/** Any version as it would print now: the builder's live preview. */
export async function previewHandout(
  reader: HandoutReader,
  versionId: number,
  options: HandoutOptions,
  rendering: HandoutRendering,
  started?: StartedPreviews
): Promise<HandoutFile> {
  const taken = started?.get(versionId)
  started?.delete(versionId)
  if (taken?.options === JSON.stringify(options)) return taken.file
  const drawn = await reader.read(async (q) => {
    const version = await getVersion(q, versionId)
    // an issued version keeps the layout it was issued with
    const snapshot =
      version.status === 'issued'
        ? await getSnapshot(q, versionId)
        : await draftSnapshot(q, version, options)
    return drawable(q, snapshot, rendering.resourcesDir)
  })
  return renderHandout(drawn, options, rendering)
}

/**
 * Renders, and throws away, the handout of the newest program version: the
 * handout worker then has pdfmake loaded, its fonts parsed and its layout code
 * compiled, and the first preview of the day is as quick as the ones after.
 */
export async function warmUpHandouts(
  reader: HandoutReader,
  rendering: HandoutRendering
): Promise<void> {
  const { newest, options } = await reader.read(async (q) => ({
    newest: await q
      .selectFrom('program_versions')
      .select((eb) => eb.fn.max<number | null>('id').as('id'))
      .executeTakeFirstOrThrow(),
    options: await getHandoutOptions(q)
  }))
  if (newest.id !== null) await previewHandout(reader, newest.id, options, rendering)
}
