-- Progressions, tags, staged templates and walk–run plans.

-- Each exercise may name an easier and a harder variant (heel raise on both
-- feet -> single leg -> off a step -> with load). Deleting a variant only
-- breaks the link.
ALTER TABLE exercises ADD COLUMN easier_id INTEGER REFERENCES exercises (id) ON DELETE SET NULL;
ALTER TABLE exercises ADD COLUMN harder_id INTEGER REFERENCES exercises (id) ON DELETE SET NULL;

-- Tags a physiotherapist filters by, as JSON lists: the conditions an
-- exercise treats, its rehabilitation stages, and its movement preference
-- (extension-based, isometric…).
ALTER TABLE exercises ADD COLUMN conditions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(conditions));
ALTER TABLE exercises ADD COLUMN stages TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(stages));
ALTER TABLE exercises ADD COLUMN movements TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(movements));
-- the tags as words for the search index (FTS5 reads its columns by name)
ALTER TABLE exercises ADD COLUMN tag_words TEXT
  GENERATED ALWAYS AS (conditions || ' ' || stages || ' ' || movements) VIRTUAL;

-- The search index takes the tags as a fifth column: "achilles" or
-- "isometric" finds the exercises tagged so.
DROP TRIGGER exercises_fts_insert;
DROP TRIGGER exercises_fts_delete;
DROP TRIGGER exercises_fts_update;
DROP TABLE exercises_vocab;
DROP TABLE exercises_fts;

CREATE VIRTUAL TABLE exercises_fts USING fts5 (
  name, keywords, body_regions, summary, tag_words,
  content = 'exercises', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
CREATE VIRTUAL TABLE exercises_vocab USING fts5vocab (exercises_fts, 'row');

CREATE TRIGGER exercises_fts_insert AFTER INSERT ON exercises BEGIN
  INSERT INTO exercises_fts (rowid, name, keywords, body_regions, summary, tag_words)
  VALUES (NEW.id, NEW.name, NEW.keywords, NEW.body_regions, NEW.summary, NEW.tag_words);
END;
CREATE TRIGGER exercises_fts_delete AFTER DELETE ON exercises BEGIN
  INSERT INTO exercises_fts (exercises_fts, rowid, name, keywords, body_regions, summary, tag_words)
  VALUES ('delete', OLD.id, OLD.name, OLD.keywords, OLD.body_regions, OLD.summary, OLD.tag_words);
END;
CREATE TRIGGER exercises_fts_update
AFTER UPDATE OF name, keywords, body_regions, summary, conditions, stages, movements ON exercises BEGIN
  INSERT INTO exercises_fts (exercises_fts, rowid, name, keywords, body_regions, summary, tag_words)
  VALUES ('delete', OLD.id, OLD.name, OLD.keywords, OLD.body_regions, OLD.summary, OLD.tag_words);
  INSERT INTO exercises_fts (rowid, name, keywords, body_regions, summary, tag_words)
  VALUES (NEW.id, NEW.name, NEW.keywords, NEW.body_regions, NEW.summary, NEW.tag_words);
END;

INSERT INTO exercises_fts (exercises_fts) VALUES ('rebuild');

-- A staged template names the stage that follows it; its pain-monitoring
-- wording and walk–run plan are copied into programs made from it.
ALTER TABLE templates ADD COLUMN next_id INTEGER REFERENCES templates (id) ON DELETE SET NULL;
ALTER TABLE templates ADD COLUMN pain_rule TEXT CHECK (pain_rule IS NULL OR length(pain_rule) <= 2000);
ALTER TABLE templates ADD COLUMN walk_run TEXT CHECK (walk_run IS NULL OR json_valid(walk_run));

-- A version's walk–run plan: its weeks and its pain rule, as JSON. Issued
-- versions are frozen by the trigger on program_versions.
ALTER TABLE program_versions ADD COLUMN walk_run TEXT CHECK (walk_run IS NULL OR json_valid(walk_run));
