-- Issue 12: a ticket page lists the customer's other tickets (same requester address in the
-- organisation, newest first). Without this index that is a scan of the organisation's tickets
-- on every ticket page view.
CREATE INDEX tickets_requester ON tickets (org_id, requester_email, updated_at);
