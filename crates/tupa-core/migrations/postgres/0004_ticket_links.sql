-- Related tickets ("one question, one case": related questions stay separate but linked).
-- Stored once per pair, the smaller ticket id first.
CREATE TABLE ticket_links (
    org_id TEXT NOT NULL,
    ticket_a TEXT NOT NULL,
    ticket_b TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT,
    PRIMARY KEY (org_id, ticket_a, ticket_b)
);
