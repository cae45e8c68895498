-- Copies of desk replies go to the ticket's CC participants.
ALTER TABLE outbox ADD COLUMN cc_addresses TEXT;
