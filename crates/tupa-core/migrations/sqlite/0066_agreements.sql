-- Agreements and data-processing terms on record (issue 13).
-- Whether an organisation serves real people (production) or is for practice and
-- demonstration (training, as `tupa demo` makes). Only a production organisation needs a
-- signed agreement, so only it is flagged without one.
ALTER TABLE organisations ADD COLUMN environment TEXT NOT NULL DEFAULT 'production';

-- The service agreement as signed, and the processing terms version accepted with it.
-- Never changed: a new record supersedes, the newest is in force.
CREATE TABLE agreements (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signer_title TEXT NOT NULL,
    signer_authority TEXT NOT NULL,
    plan_id TEXT REFERENCES plans(id),
    terms_version TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BLOB NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX agreements_recorded ON agreements (org_id, recorded_at);

-- The installation's sub-processor list, versioned; a version is in force from its date.
CREATE TABLE subprocessor_lists (
    version BIGINT PRIMARY KEY,
    effective_at BIGINT NOT NULL,
    announcement_id TEXT REFERENCES announcements(id),
    published_by TEXT NOT NULL,
    published_at BIGINT NOT NULL
);
CREATE TABLE subprocessors (
    version BIGINT NOT NULL REFERENCES subprocessor_lists(version),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    location TEXT NOT NULL,
    PRIMARY KEY (version, position)
);
