-- 004: when a settings row last changed, as SQLite's migration 008 adds it,
-- for the conflict message ("changed by Alex at 10:42"): ISO text like the
-- other mirrored tables' updated_at, NULL for rows from before.
ALTER TABLE settings ADD COLUMN updated_at text;
