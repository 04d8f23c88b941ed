-- 008: versions on the rows people edit (issue 17: "a save based on an old
-- version is refused with 'changed by Alex at 10:42 — reload to see it'").
-- Every save of a patient's details, a draft, a template, one of the
-- clinic's own exercises or a settings row says the version it was based on
-- and adds one (versioned.ts); a stale one changes nothing. Solo mode has no
-- accounts, so no updated_by (the clinic's schema has it): the message says
-- "changed in another window". Settings had no time of change: updated_at
-- joins them (NULL for rows from before, set by every versioned save).
-- Visits, issued versions and the audit trail stay append-only: no version.

ALTER TABLE patients ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE exercises ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE templates ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE program_versions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE settings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE settings ADD COLUMN updated_at TEXT;

-- the freeze names every column but template_id (migration 007): version joins it
DROP TRIGGER program_versions_frozen;

CREATE TRIGGER program_versions_frozen
BEFORE UPDATE OF id, program_id, version_no, status, title, goals, start_date, review_date,
  issued_at, snapshot, created_at, updated_at, walk_run, version ON program_versions
WHEN OLD.status = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued program versions cannot be changed');
END;
