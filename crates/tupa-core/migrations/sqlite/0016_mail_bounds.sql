-- Issue 11, mail amplification. An address that arrived only in an incoming message's Cc
-- header is a proposal ('proposed-cc'): public replies are copied to it only once an adviser
-- confirms it. Existing CC participants that no adviser added (no 'ticket-cc-added' entry for
-- the address in the organisation's audit log) and that are not the requester of a ticket
-- merged into this one came from headers, so they become proposals. Nothing is deleted.
-- The two indexes make the update one lookup per participant (a ticket of the attack had
-- 100,000 of them); they are dropped again, nothing else reads that way.
CREATE INDEX migration_0016_audit ON audit_log (org_id) WHERE action = 'ticket-cc-added';
CREATE INDEX migration_0016_merged ON tickets (merged_into, requester_email);
UPDATE ticket_participants SET role = 'proposed-cc'
WHERE role = 'cc'
  AND NOT EXISTS (
    SELECT 1 FROM audit_log a
    WHERE a.action = 'ticket-cc-added' AND a.org_id = ticket_participants.org_id
      AND a.details = '{"address":"' || ticket_participants.address || '"}')
  AND NOT EXISTS (
    SELECT 1 FROM tickets s
    WHERE s.merged_into = ticket_participants.ticket_id AND s.org_id = ticket_participants.org_id
      AND s.requester_email = ticket_participants.address);
DROP INDEX migration_0016_audit;
DROP INDEX migration_0016_merged;

-- How many To and Cc addresses of an incoming message were not kept (over the cap of
-- desk::ingest::MAX_RECIPIENTS_KEPT); the ticket page tells the adviser.
ALTER TABLE ticket_messages ADD COLUMN addresses_dropped BIGINT NOT NULL DEFAULT 0;

-- The sender of a refused message as far as its header could be read. A message over the
-- size limit keeps only this short record and its header section, never its body.
ALTER TABLE raw_mail ADD COLUMN sender TEXT;
