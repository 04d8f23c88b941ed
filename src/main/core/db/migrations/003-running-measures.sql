-- The lower-limb and running measures, and the measures each patient uses.

-- visit_outcomes' CHECK names every measure, and SQLite can't change a
-- CHECK in place: the table is rebuilt with the new names, rows kept.
-- New rows: ('legNprs', '', 4); ('lefs', '1'…'20', 0–4); ('visaA', '1'…'8',
-- item 8 up to 30); ('startBack', '1'…'9', 0 or 1); ('groc', '', −7…+7);
-- ('running', 'runsPerWeek' | 'weeklyKm' | 'longestKm' | 'pain', value).
CREATE TABLE visit_outcomes_v3 (
  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  measure  TEXT NOT NULL CHECK (measure IN ('nprs', 'odi', 'rmdq', 'psfs', 'legNprs', 'lefs',
             'visaA', 'startBack', 'groc', 'running')),
  item     TEXT NOT NULL DEFAULT '',
  value    REAL NOT NULL,
  PRIMARY KEY (visit_id, measure, item)
) STRICT;

-- rowid order is the order PSFS activities were entered in: keep it
INSERT INTO visit_outcomes_v3 (rowid, visit_id, measure, item, value)
SELECT rowid, visit_id, measure, item, value FROM visit_outcomes;

DROP TABLE visit_outcomes;
ALTER TABLE visit_outcomes_v3 RENAME TO visit_outcomes;

-- The measures a patient's visits record, as a JSON list of keys. Patients
-- from before keep the four every visit form had.
ALTER TABLE patients ADD COLUMN measures TEXT NOT NULL
  DEFAULT '["nprs","odi","rmdq","psfs"]' CHECK (json_valid(measures));
