-- Operator services (issue 13). Kept column-for-column in step with the other backend.

-- The customer organisation a ticket in the operator's own queue belongs to. Set when a
-- member opens the case from /support (or POST /api/v1/support/cases), or when mail to the
-- operator's desk comes from an address that is a staff member of exactly one organisation.
-- NULL for everything else (a citizen's ticket, mail from an unknown or ambiguous address).
ALTER TABLE tickets ADD COLUMN requester_org_id TEXT;
CREATE INDEX tickets_requester_org ON tickets (requester_org_id, updated_at);

-- The citizen's private case link (web contact form): only the SHA-256 of the token is kept.
ALTER TABLE tickets ADD COLUMN access_token_hash TEXT;
CREATE UNIQUE INDEX tickets_access_token ON tickets (access_token_hash);
