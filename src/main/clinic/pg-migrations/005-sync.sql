-- 005: clinic mode offline (issue 18): writes applied once, and a change
-- feed that devices pull from.
--
-- applied_writes: one row per Idempotency-Key the server has applied, with
-- the call's answer, written in the call's own transaction (server.ts), so a
-- write and its key commit together or not at all. A repeat finds the row
-- and answers what the first call answered; two repeats racing meet on the
-- primary key, the second waiting for the first to commit or roll back.
CREATE TABLE applied_writes (
  clinic_id  bigint NOT NULL DEFAULT physioplan_clinic() REFERENCES clinics,
  key        uuid NOT NULL,
  account_id bigint NOT NULL DEFAULT physioplan_user(),
  channel    text NOT NULL,
  answer     jsonb NOT NULL,
  -- when the write was made on the device (X-Made-At); NULL: made online
  made_at    timestamptz,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, key),
  FOREIGN KEY (clinic_id, account_id) REFERENCES accounts (clinic_id, id)
);

-- The change feed. Each ROOT row (what a device upserts: a patient, visit,
-- program, program version, template, exercise, advice section, setting,
-- audit entry) carries change_xid, the id of the transaction that last
-- changed it: set on insert by the default and on update by the trigger
-- below. A change to a CHILD row (a version's items and advice, a visit's
-- outcomes and red flags, a template's items and advice, an exercise's
-- media) moves its root's change_xid, since a root travels with all its
-- children. Deleted roots leave a row in sync_tombstones.
--
-- A pull reads in one REPEATABLE READ snapshot and answers as its cursor
-- that snapshot's xmin: every transaction not visible to the snapshot (in
-- progress, or begun after it) has an xid >= xmin. The next pull asks for
-- change_xid >= cursor, so a row committed after the snapshot was taken is
-- never missed, however long its transaction ran; rows seen by both pulls
-- come twice and the device upserts them. Why not a timestamp or a
-- sequence: both are taken before commit, so a long transaction's rows
-- could commit behind a cursor that already passed them.
-- (tests/clinic/sync-server.test.ts interleaves two transactions to show it.)
CREATE FUNCTION physioplan_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_xid := pg_current_xact_id();
  RETURN NEW;
END $$;

DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['patients', 'visits', 'programs', 'program_versions', 'templates',
    'exercises', 'advice_sections', 'settings', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()', name);
    EXECUTE format('CREATE INDEX %I ON %I (clinic_id, change_xid)', name || '_by_change', name);
    -- named to fire after program_versions_frozen (BEFORE triggers run in name order): that one
    -- compares NEW with OLD and must not see this column move
    IF name <> 'audit_log' THEN
      EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION physioplan_changed()',
        name || '_xid_changed', name);
    END IF;
  END LOOP;
END $$;

-- A child's change moves its root. Once per root and transaction (the
-- condition): a draft saved with twenty items updates its version once. A
-- root deleted in the same statement (a cascade) is simply not found.
-- Issued versions never get here: their children are frozen (001).
CREATE FUNCTION physioplan_child_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  root_id bigint;
BEGIN
  root_id := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END ->> TG_ARGV[1];
  EXECUTE format('UPDATE %I SET change_xid = pg_current_xact_id() WHERE id = $1 '
    'AND change_xid <> pg_current_xact_id()', TG_ARGV[0]) USING root_id;
  -- a child moved to another root (never done by the domain) moves both
  IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> TG_ARGV[1])::bigint IS DISTINCT FROM root_id THEN
    EXECUTE format('UPDATE %I SET change_xid = pg_current_xact_id() WHERE id = $1',
      TG_ARGV[0]) USING (to_jsonb(OLD) ->> TG_ARGV[1])::bigint;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER program_items_root_changed AFTER INSERT OR UPDATE OR DELETE ON program_items
  FOR EACH ROW EXECUTE FUNCTION physioplan_child_changed('program_versions', 'version_id');
CREATE TRIGGER program_advice_root_changed AFTER INSERT OR UPDATE OR DELETE ON program_advice
  FOR EACH ROW EXECUTE FUNCTION physioplan_child_changed('program_versions', 'version_id');
CREATE TRIGGER visit_outcomes_root_changed AFTER INSERT OR UPDATE OR DELETE ON visit_outcomes
  FOR EACH ROW EXECUTE FUNCTION physioplan_child_changed('visits', 'visit_id');
CREATE TRIGGER visit_red_flags_root_changed AFTER INSERT OR UPDATE OR DELETE ON visit_red_flags
  FOR EACH ROW EXECUTE FUNCTION physioplan_child_changed('visits', 'visit_id');
CREATE TRIGGER template_items_root_changed AFTER INSERT OR UPDATE OR DELETE ON template_items
  FOR EACH ROW EXECUTE FUNCTION physioplan_child_changed('templates', 'template_id');
CREATE TRIGGER template_advice_root_changed AFTER INSERT OR UPDATE OR DELETE ON template_advice
  FOR EACH ROW EXECUTE FUNCTION physioplan_child_changed('templates', 'template_id');
CREATE TRIGGER exercise_media_root_changed AFTER INSERT OR UPDATE OR DELETE ON exercise_media
  FOR EACH ROW EXECUTE FUNCTION physioplan_child_changed('exercises', 'exercise_id');

-- Deleted roots, for the devices that hold them. Settings are never deleted
-- (their key is no id) and the audit trail takes no deletes. Kept for good:
-- a device may come back after months; each row is a few bytes.
CREATE TABLE sync_tombstones (
  clinic_id  bigint NOT NULL DEFAULT physioplan_clinic() REFERENCES clinics,
  entity     text NOT NULL,
  row_id     bigint NOT NULL,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX sync_tombstones_by_change ON sync_tombstones (clinic_id, change_xid);

CREATE FUNCTION physioplan_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_tombstones (clinic_id, entity, row_id) VALUES (OLD.clinic_id, TG_TABLE_NAME, OLD.id);
  RETURN NULL;
END $$;

DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['patients', 'visits', 'programs', 'program_versions', 'templates',
    'exercises', 'advice_sections'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I FOR EACH ROW EXECUTE FUNCTION physioplan_deleted()',
      name || '_tombstone', name);
  END LOOP;
END $$;

-- The patients a device keeps are those its account saw lately (its audit entries).
CREATE INDEX audit_by_user ON audit_log (clinic_id, user_id, at);

-- Row-level security as 001 sets it, on the two new tables.
DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['applied_writes', 'sync_tombstones'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', name);
    EXECUTE format('CREATE POLICY %I ON %I USING (clinic_id = (SELECT physioplan_clinic())) '
      'WITH CHECK (clinic_id = (SELECT physioplan_clinic()))', name || '_of_this_clinic', name);
  END LOOP;
END $$;
-- an applied write is a fact: kept, never deleted (its answer is written once the call has run)
GRANT SELECT, INSERT, UPDATE (answer) ON applied_writes TO physioplan_app;
GRANT SELECT, INSERT ON sync_tombstones TO physioplan_app;

-- A desktop's local copy gives the rows it makes offline ids from 2^52 up and tells them
-- from the server's by that alone (src/main/clinic/offline/local-ids.ts): the server's own
-- ids stop below it.
DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['patients', 'exercises', 'exercise_media', 'advice_sections',
    'templates', 'template_items', 'programs', 'program_versions', 'program_items',
    'program_advice', 'visits', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN id SET MAXVALUE 4503599627370495', name);
  END LOOP;
END $$;
