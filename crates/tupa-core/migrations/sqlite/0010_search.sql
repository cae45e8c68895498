-- Full-text search over the desk: one FTS5 index over ticket headers (subject, requester)
-- and message bodies, kept by triggers. Rows name their source (ticket or message id), not
-- the ticket a message belongs to, so merging and splitting need no reindexing: the query
-- maps a message to its ticket at search time. FTS5 is standalone (not external-content)
-- because VACUUM may renumber the rowids of tables without an INTEGER PRIMARY KEY.
-- Diacritics are kept: ä and a are different letters in Finnish and Swedish.
CREATE VIRTUAL TABLE desk_search_fts USING fts5(
    body,
    kind UNINDEXED,
    source_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO desk_search_fts (body, kind, source_id)
    SELECT search_text, 'ticket', id FROM tickets WHERE search_text IS NOT NULL;
INSERT INTO desk_search_fts (body, kind, source_id)
    SELECT search_text, 'message', id FROM ticket_messages WHERE search_text IS NOT NULL;

-- search_text is written once, right after the row is inserted; the other triggers cover
-- later edits and deletions (rare, so their scan of the index by source id is acceptable).
CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets WHEN new.search_text IS NOT NULL BEGIN
    INSERT INTO desk_search_fts (body, kind, source_id) VALUES (new.search_text, 'ticket', new.id);
END;
CREATE TRIGGER tickets_search_set AFTER UPDATE OF search_text ON tickets WHEN old.search_text IS NULL AND new.search_text IS NOT NULL BEGIN
    INSERT INTO desk_search_fts (body, kind, source_id) VALUES (new.search_text, 'ticket', new.id);
END;
CREATE TRIGGER tickets_search_change AFTER UPDATE OF search_text ON tickets WHEN old.search_text IS NOT NULL BEGIN
    DELETE FROM desk_search_fts WHERE source_id = old.id;
    INSERT INTO desk_search_fts (body, kind, source_id) SELECT new.search_text, 'ticket', new.id WHERE new.search_text IS NOT NULL;
END;
CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets WHEN old.search_text IS NOT NULL BEGIN
    DELETE FROM desk_search_fts WHERE source_id = old.id;
END;

CREATE TRIGGER ticket_messages_search_insert AFTER INSERT ON ticket_messages WHEN new.search_text IS NOT NULL BEGIN
    INSERT INTO desk_search_fts (body, kind, source_id) VALUES (new.search_text, 'message', new.id);
END;
CREATE TRIGGER ticket_messages_search_set AFTER UPDATE OF search_text ON ticket_messages WHEN old.search_text IS NULL AND new.search_text IS NOT NULL BEGIN
    INSERT INTO desk_search_fts (body, kind, source_id) VALUES (new.search_text, 'message', new.id);
END;
CREATE TRIGGER ticket_messages_search_change AFTER UPDATE OF search_text ON ticket_messages WHEN old.search_text IS NOT NULL BEGIN
    DELETE FROM desk_search_fts WHERE source_id = old.id;
    INSERT INTO desk_search_fts (body, kind, source_id) SELECT new.search_text, 'message', new.id WHERE new.search_text IS NOT NULL;
END;
CREATE TRIGGER ticket_messages_search_delete AFTER DELETE ON ticket_messages WHEN old.search_text IS NOT NULL BEGIN
    DELETE FROM desk_search_fts WHERE source_id = old.id;
END;
