-- Deleting an own template left the programs issued from it frozen, and so
-- the template: its ON DELETE SET NULL on program_versions.template_id is an
-- update, which the freeze refused ("Something went wrong"). An issued
-- version's template_id only says where it started (its snapshot is what
-- prints), so that one change is let through: the freeze now names every
-- other column, and a second trigger refuses pointing an issued version at
-- a template. A column added later must join the list
-- (tests/unit/template-delete.test.ts checks it).

DROP TRIGGER program_versions_frozen;

CREATE TRIGGER program_versions_frozen
BEFORE UPDATE OF id, program_id, version_no, status, title, goals, start_date, review_date,
  issued_at, snapshot, created_at, updated_at, walk_run ON program_versions
WHEN OLD.status = 'issued'
BEGIN
  SELECT RAISE(ABORT, 'issued program versions cannot be changed');
END;

CREATE TRIGGER program_versions_frozen_template BEFORE UPDATE OF template_id ON program_versions
WHEN OLD.status = 'issued' AND NEW.template_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'issued program versions cannot be changed');
END;
