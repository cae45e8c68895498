-- Issue 14: the public job board, ad pages and feeds are served from a cache of rendered bytes
-- (tupa-web's public_cache). Any write to what those pages show must end their cached copies,
-- whichever path or process made it (the web, the API, `tupa demo`, retention, the ad tick),
-- so the database itself reports it instead of every write path remembering to.
--
-- PostgreSQL (any number of server processes): every statement that changes one of these tables
-- sends NOTIFY tupa_public in its own transaction, so it arrives only if and when the change
-- commits; each `tupa serve` LISTENs and drops its copies. The counter table is kept for the
-- schema to match SQLite's but not updated here: one row updated by every writer would make
-- them wait for each other.
CREATE TABLE public_generation (
    id INTEGER PRIMARY KEY NOT NULL,
    n BIGINT NOT NULL
);
INSERT INTO public_generation (id, n) VALUES (1, 0);

CREATE INDEX job_ads_publish_at ON job_ads (status, publish_at);

CREATE FUNCTION tupa_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tupa_public', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON job_ads FOR EACH STATEMENT EXECUTE FUNCTION tupa_public_changed();
CREATE TRIGGER public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON job_ad_texts FOR EACH STATEMENT EXECUTE FUNCTION tupa_public_changed();
CREATE TRIGGER public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION tupa_public_changed();
CREATE TRIGGER public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units FOR EACH STATEMENT EXECUTE FUNCTION tupa_public_changed();
CREATE TRIGGER public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plans FOR EACH STATEMENT EXECUTE FUNCTION tupa_public_changed();
CREATE TRIGGER public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recruitment_logos FOR EACH STATEMENT EXECUTE FUNCTION tupa_public_changed();
CREATE TRIGGER public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recruitment_settings FOR EACH STATEMENT EXECUTE FUNCTION tupa_public_changed();
