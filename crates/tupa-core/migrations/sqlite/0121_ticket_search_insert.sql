-- A new ticket's search row takes the texts of messages already stored for it (issue 14).
--
-- Normally there are none: a ticket is inserted before its messages, and each message's
-- trigger (0095) rebuilds the ticket's body. The bulk fill (`tupa demo --tickets N`, which the
-- benchmarks use) inserts a batch's messages first and its tickets after them, so each
-- ticket's FTS5 row is written once, whole, instead of being deleted and written again for
-- every message: FTS5 turns each such update into a delete marker that later merges must
-- carry, and the fill fell to a few hundred tickets a second past 100 000 tickets.
DROP TRIGGER tickets_search_insert;
CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
    UPDATE tickets SET search_rowid = (SELECT COALESCE(MAX(search_rowid), 0) + 1 FROM tickets)
        WHERE org_id = new.org_id AND id = new.id;
    INSERT INTO ticket_search_fts (rowid, header, body)
        SELECT search_rowid, COALESCE(new.search_text, ''),
               COALESCE((SELECT group_concat(m.search_text, ' ') FROM ticket_messages m
                         WHERE m.org_id = new.org_id AND m.ticket_id = new.id), '')
        FROM tickets
        WHERE org_id = new.org_id AND id = new.id;
END;
