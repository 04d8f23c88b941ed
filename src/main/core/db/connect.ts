/**
 * Opening a connection with the app's pragmas. Apart from migrate.ts, so the
 * data worker (which writes imports through a connection of its own) carries
 * neither the migrations nor the seed library in its bundle.
 */
import Database from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { cacheStatements } from './statements'

export type Db = Database.Database

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Refuses a database written by a newer app (than schema version `known`) before anything touches it. */
export function assertNotNewer(db: Db, known: number): void {
  const version = userVersion(db)
  if (version > known) {
    throw new AppError(
      'unavailable',
      `This data was saved by a newer version of PhysioPlan (data version ${version}; this version reads up to ${known}). ` +
        'Install the newer version to open it. Nothing in the file was changed.'
    )
  }
}

/**
 * A connection with the app's durability pragmas, to a file this version of
 * the app (schema version `known`) can read; the worker's second connection
 * to the live file too.
 */
export function connect(file: string, known: number): Db {
  const db = new Database(file)
  try {
    // reads the header before anything writes: a damaged or foreign file fails here, untouched
    assertNotNewer(db, known)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Health data: deleted rows are overwritten, not left in free pages.
    db.pragma('secure_delete = ON')
    cacheStatements(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * The main connection's page cache (6 MB; better-sqlite3's default is 16).
 * At 16 it filled all day: +3.8 MB per 1,000 calls in the second half of
 * the bench's clinic day, and about +2 with handouts reading elsewhere
 * (below), as each visit, draft and issue touched index pages of another
 * patient. Smaller, it is full by mid-morning. Interleaved on one file, the
 * store's calls at 10,000 patients measured the same at 16 and 4 MB; at
 * 100,000 the 1-letter patient search's working set (500 rows a letter)
 * no longer fits below about 6 MB (p95 3.5 ms at 16, 3.7 at 6, 7.0 at 4).
 */
export const mainCacheKb = 6000

/**
 * The page cache of the connection handouts read through (2 MB). A handout
 * reads one program, its exercises and their pictures once; through the main
 * connection those one-off pages pushed out the pages lists and searches come
 * back to (PostgreSQL keeps bulk reads in a small ring of buffers for the
 * same reason).
 */
export const handoutCacheKb = 2000

/**
 * A read-only connection to the live file for the handouts' reads. Each read
 * sees what was committed when it started, so it reads outside transactions
 * only: a write that reads its own changes uses the main connection.
 */
export function connectHandoutReader(file: string): Db {
  const reader = new Database(file, { readonly: true, fileMustExist: true })
  try {
    reader.pragma(`cache_size = -${handoutCacheKb}`)
    reader.pragma('busy_timeout = 5000')
    cacheStatements(reader)
    return reader
  } catch (error) {
    reader.close()
    throw error
  }
}
