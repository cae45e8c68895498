-- Files sent with a desk reply. The bytes stay in ticket_attachments (the reply shows them
-- in the conversation); the outbox only points at them, in the order they were attached.
CREATE TABLE outbox_attachments (
    outbox_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    org_id TEXT NOT NULL,
    attachment_id TEXT NOT NULL,
    PRIMARY KEY (outbox_id, position)
);
