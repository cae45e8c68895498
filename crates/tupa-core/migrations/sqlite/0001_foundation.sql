-- Foundation schema (SQLite). Kept column-for-column in step with ../postgres/0001_foundation.sql;
-- a test compares the two. Times are Unix seconds (BIGINT) and ids are UUIDv7 text so that the
-- same runtime queries work on both backends through sqlx's Any driver. Booleans are BOOLEAN on
-- PostgreSQL and INTEGER 0/1 on SQLite (the Any driver cannot map SQLite's BOOLEAN); see db::Flag.
-- Tenant-owned tables carry org_id first in their primary key (ready for distribution by organisation).

CREATE TABLE installation (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE plans (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    cap_desk INTEGER NOT NULL DEFAULT FALSE,
    cap_guidance INTEGER NOT NULL DEFAULT FALSE,
    cap_recruitment INTEGER NOT NULL DEFAULT FALSE,
    cap_reports INTEGER NOT NULL DEFAULT FALSE,
    admins_manage_settings INTEGER NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    is_operator INTEGER NOT NULL DEFAULT FALSE,
    plan_id TEXT REFERENCES plans(id),
    business_id TEXT,
    privacy_notice_url TEXT,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);

CREATE TABLE units (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    parent_id TEXT,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, slug)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    locale TEXT,
    totp_secret TEXT,
    totp_enabled INTEGER NOT NULL DEFAULT FALSE,
    totp_last_step BIGINT,
    created_at BIGINT NOT NULL,
    deactivated_at BIGINT,
    last_seen_at BIGINT
);

-- An external identity (OpenID Connect issuer + subject) linked to a person.
CREATE TABLE external_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (issuer, subject)
);

-- A person's membership of an organisation; deactivation is per organisation.
CREATE TABLE org_people (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    deactivated_at BIGINT,
    PRIMARY KEY (org_id, user_id)
);

-- Role grants are never deleted: a revoked grant keeps its history.
CREATE TABLE role_grants (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    unit_id TEXT,
    granted_at BIGINT NOT NULL,
    granted_by TEXT,
    revoked_at BIGINT,
    revoked_by TEXT,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX role_grants_user ON role_grants (user_id);

CREATE TABLE user_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id),
    second_factor_pending INTEGER NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    user_agent TEXT,
    ip TEXT,
    revoked_at BIGINT
);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- One-time links: invitations (set a first password) and password resets.
CREATE TABLE one_time_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    purpose TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    org_id TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX one_time_links_user ON one_time_links (user_id);

CREATE TABLE sign_in_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL,
    succeeded INTEGER NOT NULL
);
CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, at);
CREATE INDEX sign_in_attempts_ip ON sign_in_attempts (ip, at);

-- org_id is NULL for installation-wide events (for example a platform admin's sign-in).
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT,
    at BIGINT NOT NULL,
    actor_user_id TEXT,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    details TEXT NOT NULL,
    ip TEXT
);
CREATE INDEX audit_log_org ON audit_log (org_id, at);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_status ON outbox (status, next_attempt_at);
