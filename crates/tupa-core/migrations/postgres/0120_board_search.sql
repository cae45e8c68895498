-- Free-text search of the public job board (issue 14).
--
-- Each ad text keeps its folded search text — its title and description lower-cased (with the
-- same hand-folded capitals Ä Ö Å É Ü Š Ž as on SQLite, so a database whose LC_CTYPE folds
-- ASCII only still finds them), joined by a newline — kept by a trigger in the writing
-- transaction, whoever writes (the ad form, the bulk fill, the benchmark's direct inserts).
-- A search word holds no whitespace, so it cannot match across the join: it matches in the
-- title or in the description, as ILIKE on each did before. The query matches the word with
-- plain LIKE on this column instead of ILIKE on two columns of every text.
--
-- A trigram GIN index (pg_trgm) serves that LIKE '%word%' for words of three or more
-- characters. pg_trgm is a trusted extension shipped in PostgreSQL's contrib (Debian's
-- postgresql package includes it), so the migrating role normally may create it. Where it is
-- not available (a server without contrib, or a role that may not create extensions) the
-- migration does not fail: board search then scans the stored texts (still without folding
-- any row per request) and its answers are cached like every other board page. An operator can
-- add the index later with
--     CREATE EXTENSION pg_trgm;
--     CREATE INDEX job_ad_texts_search_trgm ON job_ad_texts USING GIN (search_text gin_trgm_ops);
CREATE FUNCTION tupa_board_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(t), 'Ä', 'ä'), 'Ö', 'ö'), 'Å', 'å'), 'É', 'é'), 'Ü', 'ü'), 'Š', 'š'), 'Ž', 'ž')
$$;

ALTER TABLE job_ad_texts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE job_ad_texts SET search_text = tupa_board_fold(title) || E'\n' || tupa_board_fold(description);

CREATE FUNCTION tupa_job_ad_texts_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_text := tupa_board_fold(NEW.title) || E'\n' || tupa_board_fold(NEW.description);
    RETURN NEW;
END
$$;
CREATE TRIGGER job_ad_texts_search BEFORE INSERT OR UPDATE ON job_ad_texts
    FOR EACH ROW EXECUTE FUNCTION tupa_job_ad_texts_search();

DO $$
DECLARE
    schema_name text;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%): board search scans the stored texts', SQLERRM;
    END;
    SELECT n.nspname INTO schema_name FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    IF schema_name IS NOT NULL THEN
        EXECUTE format('CREATE INDEX job_ad_texts_search_trgm ON job_ad_texts USING GIN (search_text %I.gin_trgm_ops)', schema_name);
    END IF;
END
$$;
