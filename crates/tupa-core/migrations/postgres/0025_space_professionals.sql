-- Professionals of other organisations in guidance spaces, present only with the client's
-- consent (issue 8). A counsellor proposes one; the client consents or declines in the space;
-- on consent the professional is mailed a join link (its digest is kept) and joins with a
-- Tupa account of the proposed address; the client or a counsellor revokes at any time.
-- The membership itself lives in space_members (role professional, left_at on revocation);
-- this row is the consent record the professional sees the space from.

CREATE TABLE space_professionals (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    organisation_name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    -- proposed, declined, consented, joined, revoked (guidance::professionals::ConsentStatus)
    status TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposed_at BIGINT NOT NULL,
    -- When the client consented or declined.
    decided_at BIGINT,
    consented_at BIGINT,
    token_hash TEXT,
    token_expires_at BIGINT,
    user_id TEXT,
    joined_at BIGINT,
    revoked_at BIGINT,
    revoked_by TEXT,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX space_professionals_space ON space_professionals (org_id, space_id, proposed_at);
CREATE UNIQUE INDEX space_professionals_token ON space_professionals (token_hash);
