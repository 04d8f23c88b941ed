/**
 * The clinic server's folder as `init` wrote it (serverFiles in init.ts),
 * read by the commands that run after it: the server and `accounts` read
 * the app role's settings, `migrate` the owner's.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { z } from 'zod'
import { serverFiles } from './init'
import { clinicTypes } from './pg-types'

const url = z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection string')

function readJson<T extends z.ZodType>(folder: string, file: string, schema: T): z.output<T> {
  const path = join(folder, file)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new Error(`${path} can't be read: run this in the folder init made, or pass --dir.`)
  }
  const parsed = schema.safeParse(JSON.parse(text))
  if (!parsed.success) throw new Error(`${path} is not as init wrote it.`)
  return parsed.data
}

export function serverSettings(folder: string) {
  const { database } = readJson(folder, serverFiles.settings, z.object({ database: url }))
  return {
    database,
    cert: readFileSync(join(folder, serverFiles.cert), 'utf8'),
    key: readFileSync(join(folder, serverFiles.key), 'utf8')
  }
}

/** The owner's connection string: given on the command line, or from owner.json where init left it. */
export function ownerUrl(folder: string, given: string | undefined): string {
  if (given !== undefined) return url.parse(given)
  return readJson(folder, serverFiles.owner, z.object({ migrations: url })).migrations
}

/**
 * The pool the server and `accounts` work through, as physioplan_app. An
 * idle connection PostgreSQL ends (a restart, `idle_session_timeout`) is an
 * 'error' event on the pool, which would stop the process unheard: it is
 * reported (its name only) and the pool opens another when asked.
 */
export function appPool(database: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: database, types: clinicTypes, max })
  pool.on('error', (error) => console.error(`[clinic] a database connection ended: ${error.name}`))
  return pool
}
