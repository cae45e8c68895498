-- Reporting (SQLite): what the reports count that was not kept before, and indexes for reading a
-- period of one organisation. Kept in step with the other backend's 0040_reports.sql.

-- How many times a client's reply opened a waiting or resolved ticket again.
ALTER TABLE tickets ADD COLUMN reopen_count BIGINT NOT NULL DEFAULT 0;

-- Each time an adviser took a canned answer into a reply (ids only, no content).
CREATE TABLE desk_canned_uses (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    canned_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    used_by TEXT NOT NULL,
    used_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX desk_canned_uses_period ON desk_canned_uses (org_id, used_at);

CREATE INDEX tickets_created ON tickets (org_id, created_at);
CREATE INDEX ticket_messages_created ON ticket_messages (org_id, created_at);
CREATE INDEX guidance_spaces_created ON guidance_spaces (org_id, created_at);
