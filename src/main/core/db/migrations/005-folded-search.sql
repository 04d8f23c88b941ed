-- Search folds the letters Unicode does not decompose ("lukas" finds
-- Łukasiewicz, "orjan" Ørjan, "aeroe" Ærøe, "strasse" Straße), as
-- remove_diacritics already does for Zoë. The tokenizers fold case and marks;
-- these generated columns spell the rest out, in plain SQL so every
-- connection (workers, the sqlite3 shell) keeps the index right. The same
-- letters as `foldedLetters` in src/main/search.ts, which folds the query.

ALTER TABLE patients ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
  replace(replace(replace(replace(replace(replace(replace(replace(replace(
    full_name || char(10) || coalesce(condition, ''),
  'ø', 'o'), 'Ø', 'O'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'),
  'þ', 'th'), 'Þ', 'Th'), 'æ', 'ae'), 'Æ', 'Ae'), 'œ', 'oe'), 'Œ', 'Oe'), 'ß', 'ss'),
  'ẞ', 'SS'), 'ı', 'i'), 'ĳ', 'ij'), 'Ĳ', 'IJ')
) VIRTUAL;

DROP TRIGGER patients_fts_insert;
DROP TRIGGER patients_fts_delete;
DROP TRIGGER patients_fts_update;
DROP TABLE patients_fts;

CREATE VIRTUAL TABLE patients_fts USING fts5 (
  search_text,
  content = 'patients', content_rowid = 'id',
  tokenize = 'trigram remove_diacritics 1'
);
-- Erasing a patient removes their words from the index at once, not at the next merge.
INSERT INTO patients_fts (patients_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER patients_fts_insert AFTER INSERT ON patients BEGIN
  INSERT INTO patients_fts (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;
CREATE TRIGGER patients_fts_delete AFTER DELETE ON patients BEGIN
  INSERT INTO patients_fts (patients_fts, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
END;
CREATE TRIGGER patients_fts_update AFTER UPDATE OF full_name, condition ON patients BEGIN
  INSERT INTO patients_fts (patients_fts, rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
  INSERT INTO patients_fts (rowid, search_text) VALUES (NEW.id, NEW.search_text);
END;

INSERT INTO patients_fts (patients_fts) VALUES ('rebuild');

-- Exercises: name, other names and summary folded in one JSON array (folding
-- only swaps letters for letters, so the JSON stays valid), then read back
-- one column each, so name hits still count most.
ALTER TABLE exercises ADD COLUMN search_folded TEXT GENERATED ALWAYS AS (
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
  replace(replace(replace(replace(replace(replace(replace(replace(replace(
    json_array(name, keywords, summary),
  'ø', 'o'), 'Ø', 'O'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'),
  'þ', 'th'), 'Þ', 'Th'), 'æ', 'ae'), 'Æ', 'Ae'), 'œ', 'oe'), 'Œ', 'Oe'), 'ß', 'ss'),
  'ẞ', 'SS'), 'ı', 'i'), 'ĳ', 'ij'), 'Ĳ', 'IJ')
) VIRTUAL;
ALTER TABLE exercises ADD COLUMN search_name TEXT GENERATED ALWAYS AS (search_folded ->> 0) VIRTUAL;
ALTER TABLE exercises ADD COLUMN search_keywords TEXT GENERATED ALWAYS AS (search_folded ->> 1) VIRTUAL;
ALTER TABLE exercises ADD COLUMN search_summary TEXT GENERATED ALWAYS AS (search_folded ->> 2) VIRTUAL;

DROP TRIGGER exercises_fts_insert;
DROP TRIGGER exercises_fts_delete;
DROP TRIGGER exercises_fts_update;
DROP TABLE exercises_vocab;
DROP TABLE exercises_fts;

CREATE VIRTUAL TABLE exercises_fts USING fts5 (
  search_name, search_keywords, body_regions, search_summary, tag_words,
  content = 'exercises', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
CREATE VIRTUAL TABLE exercises_vocab USING fts5vocab (exercises_fts, 'row');

CREATE TRIGGER exercises_fts_insert AFTER INSERT ON exercises BEGIN
  INSERT INTO exercises_fts (rowid, search_name, search_keywords, body_regions, search_summary, tag_words)
  VALUES (NEW.id, NEW.search_name, NEW.search_keywords, NEW.body_regions, NEW.search_summary, NEW.tag_words);
END;
CREATE TRIGGER exercises_fts_delete AFTER DELETE ON exercises BEGIN
  INSERT INTO exercises_fts (exercises_fts, rowid, search_name, search_keywords, body_regions, search_summary, tag_words)
  VALUES ('delete', OLD.id, OLD.search_name, OLD.search_keywords, OLD.body_regions, OLD.search_summary, OLD.tag_words);
END;
CREATE TRIGGER exercises_fts_update
AFTER UPDATE OF name, keywords, body_regions, summary, conditions, stages, movements ON exercises BEGIN
  INSERT INTO exercises_fts (exercises_fts, rowid, search_name, search_keywords, body_regions, search_summary, tag_words)
  VALUES ('delete', OLD.id, OLD.search_name, OLD.search_keywords, OLD.body_regions, OLD.search_summary, OLD.tag_words);
  INSERT INTO exercises_fts (rowid, search_name, search_keywords, body_regions, search_summary, tag_words)
  VALUES (NEW.id, NEW.search_name, NEW.search_keywords, NEW.body_regions, NEW.search_summary, NEW.tag_words);
END;

INSERT INTO exercises_fts (exercises_fts) VALUES ('rebuild');
