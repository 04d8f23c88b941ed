/**
 * This computer's copy of a clinic (issue 18): one SQLite file per clinic
 * server in the data folder, named by the server's certificate, owner-only
 * like the solo file. The solo schema (its migrations, with the local id
 * range of local-ids.ts) holds what the pull brings and what is made
 * offline; the tables below hold the sync's own state. No built-in library
 * is seeded: the library comes from the server with the server's ids.
 */
import { chmodSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { connect, type Db } from '../../core/db/connect'
import { migrate, migrations, schemaVersion } from '../../core/db/migrate'
import { privateFileMode } from '../../core/file-modes'
import { ensureLocalIdRange, localMigrations } from './local-ids'

/** `physioplan-clinic-<first 8 hex of the fingerprint>.sqlite3`: the `physioplan-` prefix keeps it owner-only at every start */
export function localCopyFile(dataDir: string, fingerprint: string): string {
  const hex = fingerprint
    .replace(/[^0-9a-f]/gi, '')
    .slice(0, 8)
    .toLowerCase()
  return join(dataDir, `physioplan-clinic-${hex}.sqlite3`)
}

/**
 * The sync's own tables. The outbox keeps every write made offline with
 * the local answer it got (the id map is read from it beside the server's),
 * never deleted unprompted: sent entries stay 60 days for the restore check.
 * A problem holds the outbox entries waiting on it (outbox.problem_id);
 * the write that settles a conflict is kept as 'settling' while it is sent.
 */
const syncTables = `
CREATE TABLE IF NOT EXISTS outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  key        TEXT NOT NULL UNIQUE,
  channel    TEXT NOT NULL,
  input      TEXT NOT NULL CHECK (json_valid(input)),
  answer     TEXT CHECK (answer IS NULL OR json_valid(answer)),
  -- the audit entries the write made here: the server's own come by the pull once it is sent
  audit      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(audit)),
  login      TEXT,
  made_at    TEXT NOT NULL,
  state      TEXT NOT NULL DEFAULT 'waiting'
             CHECK (state IN ('waiting', 'sent', 'conflict', 'refused', 'dropped', 'settling')),
  problem_id INTEGER,
  error      TEXT,
  sent_at    TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox (state, seq);
CREATE TABLE IF NOT EXISTS id_map (
  local_id  INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL,
  entity    TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS problems (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('conflict', 'refused')),
  entity     TEXT CHECK (entity IS NULL OR entity IN ('patient', 'draft')),
  entity_id  INTEGER,
  theirs     TEXT CHECK (theirs IS NULL OR json_valid(theirs)),
  message    TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS sync_state (
  one          INTEGER PRIMARY KEY CHECK (one = 1),
  cursor       TEXT,
  epoch        TEXT,
  last_pull_at TEXT,
  weeks        INTEGER NOT NULL DEFAULT 4 CHECK (weeks BETWEEN 1 AND 52),
  held         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(held)),
  -- signed out on purpose: the copy stays closed until the next sign-in
  signed_out   INTEGER NOT NULL DEFAULT 0 CHECK (signed_out IN (0, 1))
) STRICT;
INSERT OR IGNORE INTO sync_state (one) VALUES (1);
CREATE TABLE IF NOT EXISTS pins (patient_id INTEGER PRIMARY KEY) STRICT;
`

/** Opens (creating if needed) the local copy at `file`, migrated, its id range set. */
export function openLocalCopy(file: string): Db {
  const db = connect(file, schemaVersion)
  try {
    if (file !== ':memory:') {
      for (const each of [file, `${file}-wal`, `${file}-shm`]) {
        if (existsSync(each)) chmodSync(each, privateFileMode)
      }
    }
    // a copy before migrating, as in solo mode: its outbox may hold writes not yet sent
    const backupFile =
      file === ':memory:'
        ? null
        : `${file.replace(/\.sqlite3$/, '')}-pre-migration-${Date.now()}.sqlite3`
    migrate(db, { backupFile, list: localMigrations(migrations) })
    db.exec(syncTables)
    ensureLocalIdRange(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
