-- Guidance spaces: a secure space per client, run by a counsellor (seed 004). Tenant-owned
-- tables carry org_id first in their primary key; ids are globally unique UUIDv7 text, so a
-- space is also found by its id alone (the API's /spaces/{id}), through a unique index.

CREATE TABLE guidance_spaces (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    -- open, closed, archived (guidance::SpaceStatus); a deleted space has no row.
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    client_email TEXT NOT NULL,
    client_name TEXT NOT NULL,
    lang TEXT NOT NULL,
    -- The desk ticket the space was opened from, if any.
    source_ticket_id TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT,
    archived_at BIGINT,
    last_client_sign_in_at BIGINT,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX guidance_spaces_id ON guidance_spaces (id);
CREATE INDEX guidance_spaces_status ON guidance_spaces (org_id, status, updated_at);

-- Who is in a space: its counsellors, the client once identified, and professionals of
-- other organisations the client consented to.
CREATE TABLE space_members (
    org_id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    -- counsellor, client, professional (guidance::SpaceRole)
    role TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    left_at BIGINT,
    last_read_at BIGINT,
    -- When the member was last told by mail that something new waits (never the content).
    notified_at BIGINT,
    PRIMARY KEY (org_id, space_id, user_id)
);
CREATE INDEX space_members_user ON space_members (user_id);

-- The client's one-time link into the space; only its digest is kept.
CREATE TABLE space_invitations (
    org_id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    used_by TEXT,
    PRIMARY KEY (org_id, token_hash)
);
CREATE UNIQUE INDEX space_invitations_token ON space_invitations (token_hash);

CREATE TABLE space_messages (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    -- message: written in the space; from-ticket: the desk conversation the space grew from.
    kind TEXT NOT NULL,
    -- NULL for a client's mail that came along from the desk (they had no account then).
    author_user_id TEXT,
    -- The author's name as it was shown when written.
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX space_messages_space ON space_messages (org_id, space_id, created_at);

-- One click from a desk ticket: the ticket remembers the space it became.
ALTER TABLE tickets ADD COLUMN space_id TEXT;
