import { join } from 'node:path'
import {
  defaultHandoutOptions,
  type HandoutFile,
  type HandoutLayout,
  type HandoutOptions,
  type MediaData,
  type ProgramSnapshot,
  type ProgramVersion
} from '@shared/types'
import { nowIso } from './clock'
import type { HandoutAssets, HandoutPicture } from './handout/document'
import { isDrawableSvg } from './handout/drawing'
import { getMedia, getMediaOrName, readShipped, type ShippedMedia } from './media'
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

/** The pictures a snapshot prints: each exercise's first two. */
const printedMedia = (snapshot: ProgramSnapshot) =>
  snapshot.exercises.flatMap((exercise) => exercise.mediaIds.slice(0, 2))

/** A picture as the handout draws it; null (anything but our own SVG shapes) prints a "no picture" frame. */
function pictureOf(media: MediaData): HandoutPicture | null {
  if (media.mime !== 'image/svg+xml') return { kind: 'image', dataUrl: media.dataUrl }
  const svg = Buffer.from(media.dataUrl.split(',')[1]!, 'base64').toString('utf8')
  return isDrawableSvg(svg) ? { kind: 'svg', svg } : null
}

/** The pictures a snapshot prints; one that can't be read (or drawn safely) prints as a "no picture" frame. */
export async function handoutAssets(
  q: Query,
  snapshot: ProgramSnapshot,
  resourcesDir: string
): Promise<HandoutAssets> {
  const pictures = new Map<number, HandoutPicture>()
  for (const id of printedMedia(snapshot)) {
    try {
      const picture = pictureOf(await getMedia(q, id, resourcesDir))
      if (picture) pictures.set(id, picture)
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

/** A built-in picture the clinic server names: the desktop drawing it reads its own copy. */
export type ShippedPicture = { kind: 'shipped' } & Omit<ShippedMedia, 'id'>

/** A snapshot with the pictures it prints, read together: what the worker draws. */
export interface Drawable {
  snapshot: ProgramSnapshot
  assets: Omit<HandoutAssets, 'pictures'> & {
    pictures: Map<number, HandoutPicture | ShippedPicture>
  }
}

export async function drawable(
  q: Query,
  snapshot: ProgramSnapshot,
  resourcesDir: string
): Promise<Drawable> {
  return { snapshot, assets: await handoutAssets(q, snapshot, resourcesDir) }
}

/**
 * A version as it prints: with `layout`, as it would print now (a draft
 * built afresh in that layout; an issued one keeps its frozen snapshot and
 * layout), without, only an issued version. `resourcesDir` null (the clinic
 * server) names built-in pictures instead of reading them.
 */
export async function versionDrawable(
  q: Query,
  versionId: number,
  layout: HandoutLayout | null,
  resourcesDir: string | null
): Promise<Drawable> {
  let snapshot: ProgramSnapshot
  if (layout === null) snapshot = await getSnapshot(q, versionId)
  else {
    const version = await getVersion(q, versionId)
    snapshot =
      version.status === 'issued'
        ? await getSnapshot(q, versionId)
        : await draftSnapshot(q, version, layout)
  }
  if (resourcesDir !== null) return drawable(q, snapshot, resourcesDir)
  const pictures = new Map<number, HandoutPicture | ShippedPicture>()
  for (const id of printedMedia(snapshot)) {
    try {
      const media = await getMediaOrName(q, id)
      const { mime } = media
      const picture =
        'path' in media ? { kind: 'shipped' as const, mime, path: media.path } : pictureOf(media)
      if (picture) pictures.set(id, picture)
    } catch {
      // a missing row prints a frame, as on the desktop
    }
  }
  return { snapshot, assets: { pictures, logoDataUrl: snapshot.clinic.logoDataUrl } }
}

/** The worker's pictures: any the clinic server named, read from this app's resources. */
function readShippedPictures(assets: Drawable['assets'], resourcesDir: string): HandoutAssets {
  const pictures = new Map<number, HandoutPicture>()
  for (const [id, picture] of assets.pictures) {
    if (picture.kind !== 'shipped') {
      pictures.set(id, picture)
      continue
    }
    try {
      const drawn = pictureOf(readShipped({ id, ...picture }, resourcesDir))
      if (drawn) pictures.set(id, drawn)
    } catch {
      // not among this app's resources (an older app, or outside them): a frame
    }
  }
  return { ...assets, pictures }
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
    assets: readShippedPictures(assets, resourcesDir),
    fontsDir: join(resourcesDir, 'fonts')
  })
}

/**
 * Where the handout handlers find a version's drawable and the clinic's
 * options: this desktop's own file (`localHandoutSource`), or in clinic mode
 * the clinic server (`remoteHandoutSource`, clinic/remote-handouts.ts), since
 * the desktop renders either way (its workers, fonts and built-in pictures).
 */
export interface HandoutSource {
  /** an issued version: its frozen snapshot and the pictures it prints */
  drawable: (versionId: number) => Promise<Drawable>
  /** any version as it would print now in `layout` (the builder's preview) */
  preview: (versionId: number, layout: HandoutLayout) => Promise<Drawable>
  options: () => Promise<HandoutOptions>
  /** previews this desktop's own saves started (`startPreview`): a remote source has none */
  started?: StartedPreviews
}

/** Handouts from this desktop's file: versions through the handouts' reader, options through the store. */
export function localHandoutSource(
  reader: HandoutReader,
  store: HandoutReader,
  resourcesDir: string,
  started: StartedPreviews
): HandoutSource {
  return {
    drawable: (versionId) => reader.read((q) => versionDrawable(q, versionId, null, resourcesDir)),
    preview: (versionId, layout) =>
      reader.read((q) => versionDrawable(q, versionId, layout, resourcesDir)),
    options: () => store.read(getHandoutOptions),
    started
  }
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
  layout: HandoutLayout
): Promise<ProgramSnapshot> {
  return { ...(await buildSnapshot(q, version, nowIso())), layout }
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
    drawable(
      q,
      await draftSnapshot(q, version, options.layout ?? 'standard'),
      rendering.resourcesDir
    )
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
  source: HandoutSource,
  versionId: number,
  options: HandoutOptions,
  rendering: HandoutRendering
): Promise<HandoutFile> {
  const taken = source.started?.get(versionId)
  source.started?.delete(versionId)
  if (taken?.options === JSON.stringify(options)) return taken.file
  const drawn = await source.preview(versionId, options.layout ?? 'standard')
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
  const source = localHandoutSource(reader, reader, rendering.resourcesDir, new Map())
  if (newest.id !== null) await previewHandout(source, newest.id, options, rendering)
}
