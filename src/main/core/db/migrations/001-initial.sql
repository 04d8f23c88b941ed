-- 001: the whole product's schema. Dates are ISO text (YYYY-MM-DD), instants
-- ISO-8601 UTC text, lists JSON arrays. Built-in rows carry a builtin_key so
-- the seed can find and update them without touching anything the user made.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE patients (
  id              INTEGER PRIMARY KEY,
  full_name       TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  -- the name folded to plain lower-case letters, so Ørjan sorts with the Os
  sort_key        TEXT NOT NULL,
  date_of_birth   TEXT NOT NULL CHECK (date(date_of_birth) IS date_of_birth),
  sex             TEXT CHECK (sex IN ('female', 'male', 'other')),
  phone           TEXT,
  email           TEXT,
  condition       TEXT,
  referral_source TEXT,
  notes           TEXT,
  archived_at     TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX patients_by_name ON patients (sort_key);

CREATE TABLE exercises (
  id                    INTEGER PRIMARY KEY,
  builtin_key           TEXT UNIQUE,
  source                TEXT NOT NULL CHECK (source IN ('builtin', 'custom', 'imported')),
  -- the record id in the imported data set, so re-importing updates instead of duplicating
  import_ref            TEXT UNIQUE,
  -- hash of the record as last imported; NULL once edited here, so a re-import keeps the edit
  import_hash           TEXT,
  copied_from_id        INTEGER REFERENCES exercises (id) ON DELETE SET NULL,
  name                  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  summary               TEXT NOT NULL DEFAULT '',
  steps                 TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(steps)),
  category              TEXT NOT NULL
                          CHECK (category IN ('stretch', 'strengthening', 'mobility', 'warm-up', 'cool-down')),
  body_regions          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(body_regions)),
  position              TEXT NOT NULL,
  equipment             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(equipment)),
  difficulty            TEXT NOT NULL DEFAULT 'easy' CHECK (difficulty IN ('easy', 'moderate', 'hard')),
  caution               TEXT,
  -- other words people search with ("cat cow", "bridge")
  keywords              TEXT NOT NULL DEFAULT '',
  default_sets          INTEGER CHECK (default_sets BETWEEN 1 AND 20),
  default_reps          INTEGER CHECK (default_reps BETWEEN 1 AND 200),
  default_hold_seconds  INTEGER CHECK (default_hold_seconds BETWEEN 1 AND 600),
  default_duration_seconds INTEGER CHECK (default_duration_seconds BETWEEN 1 AND 14400),
  default_per_day       INTEGER CHECK (default_per_day BETWEEN 1 AND 12),
  default_per_week      INTEGER CHECK (default_per_week BETWEEN 1 AND 7),
  default_side          TEXT CHECK (default_side IN ('left', 'right', 'both', 'alternating')),
  default_load          TEXT,
  default_rest_seconds  INTEGER CHECK (default_rest_seconds BETWEEN 1 AND 600),
  default_note          TEXT,
  favourite             INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
  archived_at           TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
) STRICT;

-- Pictures: built-in line illustrations live in resources/ (resource_path);
-- the clinic's own photos are stored in the database (data) so a backup holds everything.
CREATE TABLE exercise_media (
  id            INTEGER PRIMARY KEY,
  exercise_id   INTEGER NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('illustration', 'photo')),
  stage         TEXT NOT NULL CHECK (stage IN ('single', 'start', 'end')),
  sort_order    INTEGER NOT NULL,
  mime          TEXT NOT NULL CHECK (mime IN ('image/svg+xml', 'image/png', 'image/jpeg')),
  resource_path TEXT,
  data          BLOB,
  width         INTEGER,
  height        INTEGER,
  -- removed from the exercise but kept: an issued handout may still print it
  retired_at    TEXT,
  CHECK ((resource_path IS NULL) <> (data IS NULL))
) STRICT;

CREATE INDEX exercise_media_by_exercise ON exercise_media (exercise_id, sort_order);

CREATE TABLE advice_sections (
  id          INTEGER PRIMARY KEY,
  builtin_key TEXT UNIQUE,
  kind        TEXT NOT NULL DEFAULT 'general' CHECK (kind IN ('general', 'seek-help')),
  title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  intro       TEXT NOT NULL DEFAULT '',
  points      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(points)),
  sort_order  INTEGER NOT NULL DEFAULT 0,
  archived_at TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE templates (
  id          INTEGER PRIMARY KEY,
  builtin_key TEXT UNIQUE,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description TEXT NOT NULL DEFAULT '',
  goals       TEXT NOT NULL DEFAULT '',
  archived_at TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE template_items (
  id            INTEGER PRIMARY KEY,
  template_id   INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  exercise_id   INTEGER NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
  sets          INTEGER,
  reps          INTEGER,
  hold_seconds  INTEGER,
  duration_seconds INTEGER,
  per_day       INTEGER,
  per_week      INTEGER,
  side          TEXT CHECK (side IN ('left', 'right', 'both', 'alternating')),
  load          TEXT,
  rest_seconds  INTEGER,
  note          TEXT,
  UNIQUE (template_id, position)
) STRICT;

CREATE TABLE template_advice (
  template_id INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  advice_id   INTEGER NOT NULL REFERENCES advice_sections (id) ON DELETE CASCADE,
  PRIMARY KEY (template_id, position)
) STRICT;

CREATE TABLE programs (
  id          INTEGER PRIMARY KEY,
  patient_id  INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  archived_at TEXT
) STRICT;

CREATE INDEX programs_by_patient ON programs (patient_id);

-- A program is a series of versions. A draft is edited in place; issuing
-- freezes it with a snapshot of exactly what the handout shows.
CREATE TABLE program_versions (
  id           INTEGER PRIMARY KEY,
  program_id   INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  version_no   INTEGER NOT NULL CHECK (version_no >= 1),
  status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  title        TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  goals        TEXT NOT NULL DEFAULT '',
  start_date   TEXT CHECK (start_date IS NULL OR date(start_date) IS start_date),
  review_date  TEXT CHECK (review_date IS NULL OR date(review_date) IS review_date),
  template_id  INTEGER REFERENCES templates (id) ON DELETE SET NULL,
  issued_at    TEXT,
  snapshot     TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (program_id, version_no),
  CHECK ((status = 'issued') = (issued_at IS NOT NULL AND snapshot IS NOT NULL))
) STRICT;

CREATE TABLE program_items (
  id            INTEGER PRIMARY KEY,
  version_id    INTEGER NOT NULL REFERENCES program_versions (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  -- RESTRICT: an exercise in any program can only be archived, never deleted
  exercise_id   INTEGER NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
  sets          INTEGER CHECK (sets BETWEEN 1 AND 20),
  reps          INTEGER CHECK (reps BETWEEN 1 AND 200),
  hold_seconds  INTEGER CHECK (hold_seconds BETWEEN 1 AND 600),
  duration_seconds INTEGER CHECK (duration_seconds BETWEEN 1 AND 14400),
  per_day       INTEGER CHECK (per_day BETWEEN 1 AND 12),
  per_week      INTEGER CHECK (per_week BETWEEN 1 AND 7),
  side          TEXT CHECK (side IN ('left', 'right', 'both', 'alternating')),
  load          TEXT,
  rest_seconds  INTEGER CHECK (rest_seconds BETWEEN 1 AND 600),
  note          TEXT,
  UNIQUE (version_id, position)
) STRICT;

CREATE INDEX program_items_by_exercise ON program_items (exercise_id);

-- The advice printed with a version: a copy, so editing it for one patient
-- never changes the library.
CREATE TABLE program_advice (
  id         INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES program_versions (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  advice_id  INTEGER REFERENCES advice_sections (id) ON DELETE SET NULL,
  kind       TEXT NOT NULL DEFAULT 'general' CHECK (kind IN ('general', 'seek-help')),
  title      TEXT NOT NULL,
  intro      TEXT NOT NULL DEFAULT '',
  points     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(points)),
  UNIQUE (version_id, position)
) STRICT;

-- Issued means frozen: an issued version and its rows can be erased with the
-- patient but never changed.
CREATE TRIGGER program_versions_frozen BEFORE UPDATE ON program_versions
WHEN OLD.status = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued program versions cannot be changed');
END;

CREATE TRIGGER program_items_frozen_insert BEFORE INSERT ON program_items
WHEN (SELECT status FROM program_versions WHERE id = NEW.version_id) = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued program versions cannot be changed');
END;

CREATE TRIGGER program_items_frozen_update BEFORE UPDATE ON program_items
WHEN (SELECT status FROM program_versions WHERE id = OLD.version_id) = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued program versions cannot be changed');
END;

CREATE TRIGGER program_advice_frozen_insert BEFORE INSERT ON program_advice
WHEN (SELECT status FROM program_versions WHERE id = NEW.version_id) = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued program versions cannot be changed');
END;

CREATE TRIGGER program_advice_frozen_update BEFORE UPDATE ON program_advice
WHEN (SELECT status FROM program_versions WHERE id = OLD.version_id) = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued program versions cannot be changed');
END;

CREATE TABLE visits (
  id                   INTEGER PRIMARY KEY,
  patient_id           INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  visit_date           TEXT NOT NULL CHECK (date(visit_date) IS visit_date),
  visit_type           TEXT NOT NULL CHECK (visit_type IN ('initial', 'follow-up', 'discharge')),
  program_version_id   INTEGER REFERENCES program_versions (id) ON DELETE SET NULL,
  subjective           TEXT,
  objective            TEXT,
  plan                 TEXT,
  red_flags            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(red_flags)),
  sessions_done        INTEGER CHECK (sessions_done >= 0),
  sessions_prescribed  INTEGER CHECK (sessions_prescribed >= 0),
  next_visit_date      TEXT CHECK (next_visit_date IS NULL OR date(next_visit_date) IS next_visit_date),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
) STRICT;

CREATE INDEX visits_by_patient ON visits (patient_id, visit_date);
CREATE INDEX visits_by_next_date ON visits (next_visit_date);

-- One number per measure item: ('nprs', 'now', 6), ('odi', '3', 2),
-- ('rmdq', '', 11), ('psfs', 'running 5 km', 4).
CREATE TABLE visit_outcomes (
  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  measure  TEXT NOT NULL CHECK (measure IN ('nprs', 'odi', 'rmdq', 'psfs')),
  item     TEXT NOT NULL DEFAULT '',
  value    REAL NOT NULL,
  PRIMARY KEY (visit_id, measure, item)
) STRICT;

-- Who changed what, when: entity, action and the names of the fields that
-- changed, never their health content. Append-only.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  patient_id INTEGER,
  entity     TEXT NOT NULL CHECK (entity IN ('patient', 'visit', 'program')),
  entity_id  INTEGER NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'archive', 'restore', 'erase', 'delete', 'issue')),
  fields     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields))
) STRICT;

CREATE INDEX audit_by_patient ON audit_log (patient_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- Search. Patients: trigram, so any part of a name of 3+ letters matches.
CREATE VIRTUAL TABLE patients_fts USING fts5 (
  full_name, condition,
  content = 'patients', content_rowid = 'id',
  tokenize = 'trigram remove_diacritics 1'
);

-- Erasing a patient removes their words from the index at once, not at the next merge.
INSERT INTO patients_fts (patients_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER patients_fts_insert AFTER INSERT ON patients BEGIN
  INSERT INTO patients_fts (rowid, full_name, condition) VALUES (NEW.id, NEW.full_name, NEW.condition);
END;
CREATE TRIGGER patients_fts_delete AFTER DELETE ON patients BEGIN
  INSERT INTO patients_fts (patients_fts, rowid, full_name, condition)
  VALUES ('delete', OLD.id, OLD.full_name, OLD.condition);
END;
CREATE TRIGGER patients_fts_update AFTER UPDATE OF full_name, condition ON patients BEGIN
  INSERT INTO patients_fts (patients_fts, rowid, full_name, condition)
  VALUES ('delete', OLD.id, OLD.full_name, OLD.condition);
  INSERT INTO patients_fts (rowid, full_name, condition) VALUES (NEW.id, NEW.full_name, NEW.condition);
END;

-- Exercises: words with prefixes ("hamstr" finds "hamstring"); hyphens split
-- words, so "bird dog" finds "Bird-dog".
CREATE VIRTUAL TABLE exercises_fts USING fts5 (
  name, keywords, body_regions, summary,
  content = 'exercises', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

-- The indexed words, for typo-tolerant search ("hamstirng" -> "hamstring").
CREATE VIRTUAL TABLE exercises_vocab USING fts5vocab (exercises_fts, 'row');

CREATE TRIGGER exercises_fts_insert AFTER INSERT ON exercises BEGIN
  INSERT INTO exercises_fts (rowid, name, keywords, body_regions, summary)
  VALUES (NEW.id, NEW.name, NEW.keywords, NEW.body_regions, NEW.summary);
END;
CREATE TRIGGER exercises_fts_delete AFTER DELETE ON exercises BEGIN
  INSERT INTO exercises_fts (exercises_fts, rowid, name, keywords, body_regions, summary)
  VALUES ('delete', OLD.id, OLD.name, OLD.keywords, OLD.body_regions, OLD.summary);
END;
CREATE TRIGGER exercises_fts_update AFTER UPDATE OF name, keywords, body_regions, summary ON exercises BEGIN
  INSERT INTO exercises_fts (exercises_fts, rowid, name, keywords, body_regions, summary)
  VALUES ('delete', OLD.id, OLD.name, OLD.keywords, OLD.body_regions, OLD.summary);
  INSERT INTO exercises_fts (rowid, name, keywords, body_regions, summary)
  VALUES (NEW.id, NEW.name, NEW.keywords, NEW.body_regions, NEW.summary);
END;
