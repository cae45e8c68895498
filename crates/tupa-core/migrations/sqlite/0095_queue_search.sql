-- The work queue and search at a million tickets (issue 14).
--
-- Search: one FTS5 row per ticket (header: subject and requester; body: every message),
-- replacing 0010's row per ticket and per message that every query had to UNION and map
-- back to tickets. The row's rowid is tickets.search_rowid, a number of our own: the implicit
-- rowid of a table without an INTEGER PRIMARY KEY may change on VACUUM. Triggers keep the
-- row in step in the writing transaction, whoever writes (contact form, mail, merge, split,
-- erasure, retention, the bulk fill); each refresh finds the FTS row by rowid.
DROP TRIGGER tickets_search_insert;
DROP TRIGGER tickets_search_set;
DROP TRIGGER tickets_search_change;
DROP TRIGGER tickets_search_delete;
DROP TRIGGER ticket_messages_search_insert;
DROP TRIGGER ticket_messages_search_set;
DROP TRIGGER ticket_messages_search_change;
DROP TRIGGER ticket_messages_search_delete;
DROP TABLE desk_search_fts;

ALTER TABLE tickets ADD COLUMN search_rowid INTEGER;
UPDATE tickets SET search_rowid = rowid;
CREATE UNIQUE INDEX tickets_search_rowid ON tickets (search_rowid);

-- Diacritics are kept: ä and a are different letters in Finnish and Swedish.
CREATE VIRTUAL TABLE ticket_search_fts USING fts5(
    header,
    body,
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO ticket_search_fts (rowid, header, body)
    SELECT t.search_rowid, COALESCE(t.search_text, ''),
           COALESCE((SELECT group_concat(m.search_text, ' ') FROM ticket_messages m
                     WHERE m.org_id = t.org_id AND m.ticket_id = t.id), '')
    FROM tickets t;

CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
    UPDATE tickets SET search_rowid = (SELECT COALESCE(MAX(search_rowid), 0) + 1 FROM tickets)
        WHERE org_id = new.org_id AND id = new.id;
    INSERT INTO ticket_search_fts (rowid, header, body)
        SELECT search_rowid, COALESCE(new.search_text, ''), '' FROM tickets
        WHERE org_id = new.org_id AND id = new.id;
END;
CREATE TRIGGER tickets_search_header AFTER UPDATE OF search_text ON tickets BEGIN
    UPDATE ticket_search_fts SET header = COALESCE(new.search_text, '') WHERE rowid = new.search_rowid;
END;
CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM ticket_search_fts WHERE rowid = old.search_rowid;
END;

-- A ticket's body is its messages' texts: rebuilt whenever one comes, changes, moves
-- (merge, split) or goes.
CREATE TRIGGER ticket_messages_search_insert AFTER INSERT ON ticket_messages WHEN new.search_text IS NOT NULL BEGIN
    UPDATE ticket_search_fts SET body = (SELECT COALESCE(group_concat(m.search_text, ' '), '') FROM ticket_messages m WHERE m.org_id = new.org_id AND m.ticket_id = new.ticket_id)
        WHERE rowid = (SELECT search_rowid FROM tickets WHERE org_id = new.org_id AND id = new.ticket_id);
END;
CREATE TRIGGER ticket_messages_search_update AFTER UPDATE OF search_text, ticket_id ON ticket_messages BEGIN
    UPDATE ticket_search_fts SET body = (SELECT COALESCE(group_concat(m.search_text, ' '), '') FROM ticket_messages m WHERE m.org_id = new.org_id AND m.ticket_id = new.ticket_id)
        WHERE rowid = (SELECT search_rowid FROM tickets WHERE org_id = new.org_id AND id = new.ticket_id);
    UPDATE ticket_search_fts SET body = (SELECT COALESCE(group_concat(m.search_text, ' '), '') FROM ticket_messages m WHERE m.org_id = old.org_id AND m.ticket_id = old.ticket_id)
        WHERE old.ticket_id <> new.ticket_id
          AND rowid = (SELECT search_rowid FROM tickets WHERE org_id = old.org_id AND id = old.ticket_id);
END;
CREATE TRIGGER ticket_messages_search_delete AFTER DELETE ON ticket_messages WHEN old.search_text IS NOT NULL BEGIN
    UPDATE ticket_search_fts SET body = (SELECT COALESCE(group_concat(m.search_text, ' '), '') FROM ticket_messages m WHERE m.org_id = old.org_id AND m.ticket_id = old.ticket_id)
        WHERE rowid = (SELECT search_rowid FROM tickets WHERE org_id = old.org_id AND id = old.ticket_id);
END;

-- The queue: every filter and order it offers has an index that leads with the organisation
-- and ends with the id (the keyset cursor's tie-break). Merged tickets never show (partial).
DROP INDEX tickets_work_queue;
CREATE INDEX tickets_queue_updated ON tickets (org_id, updated_at, id) WHERE merged_into IS NULL;
CREATE INDEX tickets_queue_created ON tickets (org_id, created_at, id) WHERE merged_into IS NULL;
CREATE INDEX tickets_queue_status ON tickets (org_id, status, updated_at, id) WHERE merged_into IS NULL;
CREATE INDEX tickets_queue_status_created ON tickets (org_id, status, created_at, id) WHERE merged_into IS NULL;
CREATE INDEX tickets_queue_active ON tickets (org_id, updated_at, id) WHERE merged_into IS NULL AND status NOT IN ('resolved', 'closed');
CREATE INDEX tickets_queue_active_created ON tickets (org_id, created_at, id) WHERE merged_into IS NULL AND status NOT IN ('resolved', 'closed');
CREATE INDEX tickets_queue_active_due ON tickets (org_id, (COALESCE(CASE WHEN first_responded_at IS NULL THEN COALESCE(first_response_due, resolution_due) ELSE resolution_due END, 9223372036854775807)), id) WHERE merged_into IS NULL AND status NOT IN ('resolved', 'closed');
CREATE INDEX tickets_queue_queue ON tickets (org_id, queue_id, updated_at, id) WHERE merged_into IS NULL;
CREATE INDEX tickets_queue_assignee ON tickets (org_id, assignee_id, updated_at, id) WHERE merged_into IS NULL;
CREATE INDEX tickets_queue_category ON tickets (org_id, category_id, updated_at, id) WHERE merged_into IS NULL;
CREATE INDEX tickets_queue_unit ON tickets (org_id, unit_id, updated_at, id) WHERE merged_into IS NULL;
