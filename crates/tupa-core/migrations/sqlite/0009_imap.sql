-- Mail in by IMAP: a desk address's mailbox, polled by one `tupa serve` process at a time.
CREATE TABLE desk_imap (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    address TEXT NOT NULL REFERENCES desk_addresses(address),
    host TEXT NOT NULL,
    port BIGINT NOT NULL DEFAULT 993,
    -- tls (implicit TLS, port 993) or starttls (port 143); never plain text
    security TEXT NOT NULL DEFAULT 'tls',
    username TEXT NOT NULL,
    -- encrypted (see secrets.rs), never the password itself
    password_enc TEXT NOT NULL,
    folder TEXT NOT NULL DEFAULT 'INBOX',
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_success_at BIGINT,
    last_error_at BIGINT,
    last_error TEXT,
    -- the process polling the mailbox, until its lease runs out
    lease_owner TEXT,
    lease_until BIGINT,
    PRIMARY KEY (org_id, address)
);
CREATE UNIQUE INDEX desk_imap_address ON desk_imap (address);

-- The poller skips a message it has already stored (a crash between storing it and
-- flagging it \Seen would otherwise make a second ticket).
CREATE INDEX raw_mail_sha256 ON raw_mail (sha256);
