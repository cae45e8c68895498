-- Issue 14: the public job board, ad pages and feeds are served from a cache of rendered bytes
-- (tupa-web's public_cache). Any write to what those pages show must end their cached copies,
-- whichever path or process made it (the web, the API, `tupa demo`, retention, the ad tick),
-- so the database itself reports it instead of every write path remembering to.
--
-- SQLite (one server process, but CLI commands in others): every change bumps the counter in
-- public_generation, which the server reads before it serves a cached copy.
CREATE TABLE public_generation (
    id INTEGER PRIMARY KEY NOT NULL,
    n BIGINT NOT NULL
);
INSERT INTO public_generation (id, n) VALUES (1, 0);

-- The next opening or closing of an ad (the cache's expiry) is a MIN over these.
CREATE INDEX job_ads_publish_at ON job_ads (status, publish_at);

CREATE TRIGGER public_changed_job_ads_insert AFTER INSERT ON job_ads BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_job_ads_update AFTER UPDATE ON job_ads BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_job_ads_delete AFTER DELETE ON job_ads BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_job_ad_texts_insert AFTER INSERT ON job_ad_texts BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_job_ad_texts_update AFTER UPDATE ON job_ad_texts BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_job_ad_texts_delete AFTER DELETE ON job_ad_texts BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_organisations_insert AFTER INSERT ON organisations BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_organisations_update AFTER UPDATE ON organisations BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_organisations_delete AFTER DELETE ON organisations BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_units_insert AFTER INSERT ON units BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_units_update AFTER UPDATE ON units BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_units_delete AFTER DELETE ON units BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_plans_insert AFTER INSERT ON plans BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_plans_update AFTER UPDATE ON plans BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_plans_delete AFTER DELETE ON plans BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_recruitment_logos_insert AFTER INSERT ON recruitment_logos BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_recruitment_logos_update AFTER UPDATE ON recruitment_logos BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_recruitment_logos_delete AFTER DELETE ON recruitment_logos BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_recruitment_settings_insert AFTER INSERT ON recruitment_settings BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_recruitment_settings_update AFTER UPDATE ON recruitment_settings BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER public_changed_recruitment_settings_delete AFTER DELETE ON recruitment_settings BEGIN UPDATE public_generation SET n = n + 1 WHERE id = 1; END;
