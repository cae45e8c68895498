-- Who has a ticket open right now (for the collision warning), refreshed by each open page
-- every few seconds; shared by every process through the database.
CREATE TABLE ticket_viewers (
    org_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, ticket_id, user_id)
);
