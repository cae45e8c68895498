-- Service desk (SQLite). Kept column-for-column in step with ../postgres/0002_desk.sql.
-- Tenant-owned tables carry org_id first in their primary key.

CREATE TABLE desk_queues (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    -- JSON of desk::hours::SupportHours
    support_hours TEXT NOT NULL,
    -- Targets in seconds of open support time; NULL = no target.
    first_response_secs BIGINT,
    resolution_secs BIGINT,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (org_id, id)
);

-- An address mail arrives at. One organisation per address in the whole installation.
CREATE TABLE desk_addresses (
    address TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations(id),
    queue_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX desk_addresses_org ON desk_addresses (org_id);

CREATE TABLE desk_categories (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (org_id, id)
);

-- Case numbers are YYYY-NNNNNN, unique in the installation; one counter row per year.
CREATE TABLE case_counters (
    year BIGINT PRIMARY KEY NOT NULL,
    last BIGINT NOT NULL
);

CREATE TABLE tickets (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    case_number TEXT NOT NULL UNIQUE,
    queue_id TEXT NOT NULL,
    category_id TEXT,
    unit_id TEXT,
    subject TEXT NOT NULL,
    -- new, open, waiting, resolved, closed
    status TEXT NOT NULL,
    -- low, normal, high, urgent
    priority TEXT NOT NULL,
    -- web, email, api
    channel TEXT NOT NULL,
    requester_email TEXT NOT NULL,
    requester_name TEXT,
    requester_lang TEXT NOT NULL,
    assignee_id TEXT,
    -- The ticket this one was merged into (its case number keeps threading there).
    merged_into TEXT,
    -- A follow-up from an address not on the ticket opens a new ticket referring to it.
    refers_to TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    first_response_due BIGINT,
    first_responded_at BIGINT,
    resolution_due BIGINT,
    resolved_at BIGINT,
    closed_at BIGINT,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX tickets_work_queue ON tickets (org_id, status, updated_at);

-- Addresses that belong on a ticket (the requester and CCs): follow-ups are accepted from them.
CREATE TABLE ticket_participants (
    org_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    address TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (org_id, ticket_id, address)
);

CREATE TABLE ticket_messages (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    -- incoming, reply, note, event
    kind TEXT NOT NULL,
    author_user_id TEXT,
    from_address TEXT,
    from_name TEXT,
    to_addresses TEXT NOT NULL,
    cc_addresses TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT,
    -- RFC 5322 Message-ID without brackets: ours on replies, the sender's on incoming mail.
    message_id TEXT,
    raw_mail_id TEXT,
    -- human, auto-reply, bounce, list, bulk (incoming mail only)
    auto_kind TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (org_id, ticket_id, created_at);
CREATE INDEX ticket_messages_message_id ON ticket_messages (message_id);

CREATE TABLE ticket_attachments (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BLOB NOT NULL,
    content_id TEXT,
    inline INTEGER NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX ticket_attachments_message ON ticket_attachments (org_id, message_id);

-- Every message that arrived, byte for byte: stored ones for download, refused ones for an
-- admin to inspect. org_id is NULL when no desk address matched.
CREATE TABLE raw_mail (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT,
    recipient TEXT,
    received_at BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BLOB NOT NULL,
    -- stored, refused
    outcome TEXT NOT NULL,
    reason TEXT,
    ticket_id TEXT
);
CREATE INDEX raw_mail_org ON raw_mail (org_id, received_at);

-- Desk mail goes out from the desk address and threads into the requester's mail client.
ALTER TABLE outbox ADD COLUMN from_address TEXT;
ALTER TABLE outbox ADD COLUMN in_reply_to TEXT;

-- Generic throttling (contact forms and the like), shared by every process.
CREATE TABLE throttle_events (
    key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX throttle_events_key ON throttle_events (key, at);
