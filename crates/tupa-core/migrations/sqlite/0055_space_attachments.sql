-- Files attached to messages of a space's conversation, under the desk's upload rules
-- (guidance::attachments). Deleted with the space (guidance::lifecycle::SPACE_TABLES).
CREATE TABLE space_attachments (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BLOB NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX space_attachments_message ON space_attachments (org_id, space_id, message_id);
