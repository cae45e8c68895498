-- Issue 10: staff sign-in through the organisation's own OpenID Connect provider.

-- One provider per organisation. The client secret is encrypted with TUPA_SECRET_KEY
-- (secrets.rs). The rules decide who may come in: e-mail domains (space-separated, lower
-- case) and/or group values of one claim (one per line); an empty rule is not checked, and
-- the settings refuse to save with both empty.
CREATE TABLE staff_sso (
    org_id TEXT PRIMARY KEY NOT NULL REFERENCES organisations (id),
    enabled BOOLEAN NOT NULL DEFAULT FALSE,
    label TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    email_domains TEXT NOT NULL DEFAULT '',
    group_claim TEXT,
    allowed_groups TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

-- A staff sign-in's flow belongs to one organisation: its callback must be that one's.
ALTER TABLE oidc_flows ADD COLUMN org_id TEXT;
