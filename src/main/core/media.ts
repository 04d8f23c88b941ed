import { readFileSync } from 'node:fs'
import { join, normalize, sep } from 'node:path'
import type { Database } from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { MediaData } from '@shared/types'

/** A picture as a data: URL (the page's CSP allows data: images and nothing remote). */
export function getMedia(db: Database, id: number, resourcesDir: string): MediaData {
  const row = db
    .prepare('SELECT id, mime, resource_path, data FROM exercise_media WHERE id = ?')
    .get(id) as
    { id: number; mime: string; resource_path: string | null; data: Buffer | null } | undefined
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

/** The bytes of a checked data: URL. */
export function dataUrlBytes(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')
}
