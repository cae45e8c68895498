-- Announcements (tiedotteet, issue 13): the operator writes to the main admins of all
-- organisations or of chosen plans; a main admin forwards one to their staff. Addressed
-- organisations and forwarded people are fixed when sent, so a later plan change does not
-- rewrite who was told what.
CREATE TABLE announcements (
    id TEXT PRIMARY KEY,
    -- operator, subprocessors (announcements::Kind)
    kind TEXT NOT NULL,
    title_fi TEXT NOT NULL,
    body_fi TEXT NOT NULL,
    title_sv TEXT,
    body_sv TEXT,
    title_en TEXT,
    body_en TEXT,
    -- Comma-separated plan slugs chosen; empty = every organisation.
    plans TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at BIGINT NOT NULL
);
CREATE INDEX announcements_published ON announcements (published_at);

CREATE TABLE announcement_orgs (
    announcement_id TEXT NOT NULL REFERENCES announcements(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (announcement_id, org_id)
);
CREATE INDEX announcement_orgs_org ON announcement_orgs (org_id);

-- One forward by a main admin: to whom (all, a role, a unit and the units below it).
CREATE TABLE announcement_forwards (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    announcement_id TEXT NOT NULL REFERENCES announcements(id),
    -- all, role, unit (announcements::Audience)
    audience TEXT NOT NULL,
    role TEXT,
    unit_id TEXT,
    recipients BIGINT NOT NULL,
    forwarded_by TEXT NOT NULL,
    forwarded_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);

-- The staff an announcement was forwarded to (once each, however many forwards).
CREATE TABLE announcement_recipients (
    announcement_id TEXT NOT NULL REFERENCES announcements(id),
    org_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    forwarded_at BIGINT NOT NULL,
    PRIMARY KEY (announcement_id, org_id, user_id)
);
CREATE INDEX announcement_recipients_user ON announcement_recipients (user_id);

-- Marked read: the announcement leaves the person's home page.
CREATE TABLE announcement_reads (
    announcement_id TEXT NOT NULL REFERENCES announcements(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    read_at BIGINT NOT NULL,
    PRIMARY KEY (announcement_id, user_id)
);
