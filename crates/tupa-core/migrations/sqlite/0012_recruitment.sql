-- Recruitment (issue 4): job ads in one to three languages, their workflow history, logos,
-- the organisation's recruitment settings, general texts and templates, applications with
-- their files, notes and messages, and the national job market's sending state.
-- Times are Unix seconds; booleans INTEGER 0/1 here and BOOLEAN on PostgreSQL.

CREATE TABLE recruitment_settings (
    org_id TEXT PRIMARY KEY NOT NULL REFERENCES organisations(id),
    -- Ads wait for a hiring manager's approval before they can be published.
    approval_required INTEGER NOT NULL,
    -- Pipeline stages, a JSON array of {"id", "names": {"fi", "sv", "en"}}.
    stages TEXT NOT NULL,
    -- Names, contact details and age are hidden from reviewers until this stage (NULL: off).
    anonymous_until_stage TEXT,
    retention_days BIGINT NOT NULL,
    max_files BIGINT NOT NULL,
    max_file_bytes BIGINT NOT NULL,
    -- Consent text shown on application forms, JSON {"fi", "sv", "en"}.
    consent_text TEXT NOT NULL,
    -- National job market: endpoint, user name and the secret (encrypted), NULL when unset.
    jobmarket_endpoint TEXT,
    jobmarket_username TEXT,
    jobmarket_secret TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE job_ads (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    -- template, draft, awaiting-approval, scheduled, published, closed, archived
    status TEXT NOT NULL,
    unit_id TEXT,
    municipality_name TEXT NOT NULL,
    municipality_code TEXT NOT NULL,
    region_code TEXT,
    street TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    city TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    working_time TEXT NOT NULL,
    engagement TEXT NOT NULL,
    start_text TEXT,
    duration_text TEXT,
    salary_basis TEXT,
    vacancies BIGINT NOT NULL,
    occupation_code TEXT,
    -- JSON array of contacts {"name", "title", "phone", "email"}.
    contacts TEXT NOT NULL,
    -- JSON array of questions put to applicants {"id", "texts": {"fi", …}, "required"}.
    questions TEXT NOT NULL,
    -- When the ad goes public (NULL: as soon as it may), and the application deadline.
    publish_at BIGINT,
    deadline BIGINT NOT NULL,
    published_at BIGINT,
    closed_at BIGINT,
    archived_at BIGINT,
    -- The first moment the recruitment counts as over, for retention (the deadline or a
    -- later close); applications go a configured time after it.
    retention_from BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    approved_by TEXT,
    approved_at BIGINT,
    -- Job market: not-sent / pending / sent / failed / archived / not-configured, with detail.
    jobmarket_state TEXT NOT NULL,
    jobmarket_detail TEXT,
    jobmarket_attempts BIGINT NOT NULL,
    jobmarket_next_at BIGINT,
    jobmarket_sent_at BIGINT,
    jobmarket_lease_until BIGINT,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX job_ads_board ON job_ads (status, deadline);
CREATE INDEX job_ads_org ON job_ads (org_id, status, updated_at);
CREATE INDEX job_ads_jobmarket ON job_ads (jobmarket_state, jobmarket_next_at);

CREATE TABLE job_ad_texts (
    org_id TEXT NOT NULL,
    ad_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (org_id, ad_id, lang)
);

-- Each step of an ad's workflow, with the note given (reopen and extend need one).
CREATE TABLE job_ad_events (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    ad_id TEXT NOT NULL,
    action TEXT NOT NULL,
    note TEXT,
    by_user_id TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX job_ad_events_ad ON job_ad_events (org_id, ad_id, at);

-- Logos: one per organisation (unit_id '') and optionally per unit, in the sizes served.
CREATE TABLE recruitment_logos (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    unit_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    board BLOB NOT NULL,
    board_width BIGINT NOT NULL,
    board_height BIGINT NOT NULL,
    feed BLOB NOT NULL,
    feed_width BIGINT NOT NULL,
    feed_height BIGINT NOT NULL,
    source_width BIGINT NOT NULL,
    source_height BIGINT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, unit_id)
);

-- General texts inserted into ads ("about us", "criminal-record extract required").
CREATE TABLE recruitment_texts (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    -- JSON {"fi", "sv", "en"}
    texts TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (org_id, id)
);

-- Message and document templates for applicants, with merge tags ({name}, {ad}, …).
CREATE TABLE recruitment_templates (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    -- message or document
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    -- JSON {"fi": {"subject", "body"}, "sv": …, "en": …}
    texts TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE applications (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    ad_id TEXT NOT NULL,
    -- A short reference shown to the applicant and in lists when names are hidden.
    reference TEXT NOT NULL,
    stage TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT,
    birth_year BIGINT,
    lang TEXT NOT NULL,
    -- JSON object question id -> answer
    answers TEXT NOT NULL,
    cover_letter TEXT NOT NULL,
    consent_at BIGINT NOT NULL,
    -- SHA-256 of the applicant's own link token.
    access_token_hash TEXT NOT NULL,
    rating BIGINT,
    refusal_reason TEXT,
    selected_at BIGINT,
    withdrawn_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX applications_ad ON applications (org_id, ad_id, created_at);
CREATE UNIQUE INDEX applications_token ON applications (access_token_hash);

CREATE TABLE application_files (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    -- cv or attachment
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX application_files_application ON application_files (org_id, application_id);

-- Recruiters' notes, ratings, stage moves and messages sent, per application.
CREATE TABLE application_events (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    -- note, rating, stage, message, refusal, selection, withdrawal
    kind TEXT NOT NULL,
    body TEXT,
    by_user_id TEXT,
    at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX application_events_application ON application_events (org_id, application_id, at);
