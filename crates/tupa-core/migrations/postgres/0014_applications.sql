-- Applications (issue 4): one live application per e-mail address and ad. A second one from
-- the same address is answered by mailing the applicant a fresh link to the first; after a
-- withdrawal the person may apply again. The index also stops two simultaneous posts.
CREATE UNIQUE INDEX applications_live_email ON applications (org_id, ad_id, email) WHERE withdrawn_at IS NULL;
-- Retention looks for closed recruitments that still hold applications.
CREATE INDEX job_ads_retention ON job_ads (retention_from);
