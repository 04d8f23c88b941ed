-- Red flags per visit, with their resolution: a flag found at a visit stays
-- active until a later visit marks it resolved (with an optional note).
CREATE TABLE visit_red_flags (
  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  flag     TEXT NOT NULL CHECK (flag IN ('saddle-numbness', 'bladder-bowel', 'sexual-dysfunction',
             'leg-weakness', 'both-legs', 'fever', 'cancer-history', 'weight-loss', 'trauma',
             'night-pain')),
  status   TEXT NOT NULL CHECK (status IN ('present', 'resolved')),
  note     TEXT CHECK (note IS NULL OR length(note) <= 2000),
  PRIMARY KEY (visit_id, flag)
) STRICT;

-- Version 1 stored the ticked flags' labels as JSON on the visit.
INSERT INTO visit_red_flags (visit_id, flag, status)
SELECT v.id,
  CASE j.value
    WHEN 'Numbness in the saddle area' THEN 'saddle-numbness'
    WHEN 'New bladder or bowel trouble' THEN 'bladder-bowel'
    WHEN 'Progressive leg weakness or numbness' THEN 'leg-weakness'
    WHEN 'Fever or feeling unwell' THEN 'fever'
    WHEN 'History of cancer' THEN 'cancer-history'
    WHEN 'Unexplained weight loss' THEN 'weight-loss'
    WHEN 'Significant trauma' THEN 'trauma'
    WHEN 'Night pain not eased by rest' THEN 'night-pain'
  END,
  'present'
FROM visits v, json_each(v.red_flags) j;

ALTER TABLE visits DROP COLUMN red_flags;

-- When an exercise is done: before running (warm-up), the program itself, or
-- after running (cool-down and stretches).
ALTER TABLE template_items ADD COLUMN phase TEXT NOT NULL DEFAULT 'main'
  CHECK (phase IN ('before', 'main', 'after'));
ALTER TABLE program_items ADD COLUMN phase TEXT NOT NULL DEFAULT 'main'
  CHECK (phase IN ('before', 'main', 'after'));
