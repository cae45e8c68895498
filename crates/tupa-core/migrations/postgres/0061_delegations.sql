-- Delegated administration (issue 13): a main admin lets the operator act as the
-- organisation's main admin within some rights, until a date, with a reason. Grants are
-- never deleted: a revoked or ended one stays as the record of what was allowed when.
CREATE TABLE delegations (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    -- Comma-separated delegations::Right values: settings, templates, users.
    rights TEXT NOT NULL,
    reason TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    granted_by TEXT NOT NULL,
    revoked_at BIGINT,
    revoked_by TEXT,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX delegations_active ON delegations (org_id, ends_at);
