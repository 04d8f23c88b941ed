import { readFileSync } from 'node:fs'
import { join, normalize, sep } from 'node:path'
import { AppError } from '@shared/errors'
import type { MediaData } from '@shared/types'
import type { Query } from './query/schema'

const mediaRow = (q: Query, id: number) =>
  q
    .selectFrom('exercise_media')
    .select(['id', 'mime', 'resource_path', 'data'])
    .where('id', '=', id)

type MediaRow = Awaited<ReturnType<ReturnType<typeof mediaRow>['executeTakeFirst']>>

function mediaFrom(row: MediaRow, resourcesDir: string): MediaData {
  if (row === undefined) throw new AppError('not_found', 'That picture could not be found.')
  let bytes = row.data
  if (row.resource_path !== null) {
    const file = normalize(join(resourcesDir, row.resource_path))
    if (!file.startsWith(normalize(resourcesDir) + sep)) {
      throw new AppError('forbidden', 'That picture is outside the app’s resources.')
    }
    bytes = readFileSync(file)
  }
  return {
    id: row.id,
    mime: row.mime,
    dataUrl: `data:${row.mime};base64,${bytes!.toString('base64')}`
  }
}

/** A picture as a data: URL (the page's CSP allows data: images and nothing remote). */
export async function getMedia(q: Query, id: number, resourcesDir: string): Promise<MediaData> {
  return mediaFrom(await mediaRow(q, id).executeTakeFirst(), resourcesDir)
}

/** A built-in picture by name: a file among the app's resources, which every desktop ships. */
export interface ShippedMedia {
  id: number
  mime: string
  /** relative to the resources folder */
  path: string
}

/**
 * A picture as the clinic server sends it: the clinic's own as a data: URL,
 * a built-in one by name (the server has no app resources; the desktop that
 * draws it has the file, `readShipped`).
 */
export async function getMediaOrName(q: Query, id: number): Promise<MediaData | ShippedMedia> {
  const row = await mediaRow(q, id).executeTakeFirst()
  if (row?.resource_path != null) return { id: row.id, mime: row.mime, path: row.resource_path }
  return mediaFrom(row, '')
}

/** A built-in picture named by the clinic server, read here, as `getMedia` reads one. */
export function readShipped({ id, mime, path }: ShippedMedia, resourcesDir: string): MediaData {
  return mediaFrom({ id, mime, resource_path: path, data: null }, resourcesDir)
}

/** The bytes of a checked data: URL. */
export function dataUrlBytes(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')
}
