-- Free-text search of the public job board (issue 14).
--
-- Each ad text keeps its folded search text — its title and description lower-cased as
-- board.rs folds a search word (SQLite's LOWER knows ASCII only, so the Finnish and Swedish
-- capitals Ä Ö Å É Ü Š Ž are folded by hand, exactly as the query folded every row on every
-- request before), joined by a newline. A search word never holds whitespace, so it cannot
-- match across the join: it matches in the title or in the description, as before.
--
-- A trigram FTS5 index over that text finds the candidate texts of a word of three or more
-- characters (a substring query: "hoitaja" finds "sairaanhoitaja"); the query then checks each
-- candidate with LIKE against the stored text, so what is found is exactly what LIKE finds.
-- Shorter words are matched by LIKE over the stored text alone. The trigram tokenizer needs
-- SQLite 3.34; Tupa's SQLite is the one bundled with libsqlite3-sys, far newer.
--
-- The FTS row's rowid is job_ad_texts.search_rowid, a number of our own (the implicit rowid
-- of a table without an INTEGER PRIMARY KEY may change on VACUUM), as in 0095. Triggers keep
-- the text and the index in step in the writing transaction, whoever writes (the ad form,
-- the bulk fill, the benchmark's direct inserts).
ALTER TABLE job_ad_texts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE job_ad_texts ADD COLUMN search_rowid INTEGER;
UPDATE job_ad_texts SET search_text = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(title), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž') || char(10) || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(description), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž'), search_rowid = rowid;
CREATE UNIQUE INDEX job_ad_texts_search_rowid ON job_ad_texts (search_rowid);

CREATE VIRTUAL TABLE job_ad_search_fts USING fts5(text, tokenize = 'trigram');
INSERT INTO job_ad_search_fts (rowid, text) SELECT search_rowid, search_text FROM job_ad_texts;

CREATE TRIGGER job_ad_texts_search_insert AFTER INSERT ON job_ad_texts BEGIN
    UPDATE job_ad_texts
       SET search_text = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(new.title), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž') || char(10) || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(new.description), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž'),
           search_rowid = (SELECT COALESCE(MAX(search_rowid), 0) + 1 FROM job_ad_texts)
     WHERE org_id = new.org_id AND ad_id = new.ad_id AND lang = new.lang;
    INSERT INTO job_ad_search_fts (rowid, text)
        SELECT search_rowid, search_text FROM job_ad_texts
         WHERE org_id = new.org_id AND ad_id = new.ad_id AND lang = new.lang;
END;
CREATE TRIGGER job_ad_texts_search_update AFTER UPDATE OF title, description ON job_ad_texts BEGIN
    UPDATE job_ad_texts SET search_text = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(new.title), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž') || char(10) || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(new.description), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž')
     WHERE org_id = new.org_id AND ad_id = new.ad_id AND lang = new.lang;
    UPDATE job_ad_search_fts SET text = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(new.title), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž') || char(10) || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(new.description), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž') WHERE rowid = new.search_rowid;
END;
CREATE TRIGGER job_ad_texts_search_delete AFTER DELETE ON job_ad_texts BEGIN
    DELETE FROM job_ad_search_fts WHERE rowid = old.search_rowid;
END;
