-- The work queue and search at a million tickets (issue 14).
--
-- Search: a stored tsvector per ticket (its header, weight A: subject and requester; every
-- message, weight B) with a GIN index, replacing 0010's expression indexes that a bitmap scan
-- had to recompute for every row it rechecked and that every query had to UNION over the
-- messages. Triggers keep the vector in step in the writing transaction, whoever writes
-- (contact form, mail, merge, split, erasure, retention, the bulk fill).
--
-- The 'simple' configuration, as before: a desk's mail mixes Finnish, Swedish and English
-- in one thread, words are matched as prefixes ("hakemu" finds "hakemuksen", which Finnish
-- stemming would not do reliably either), and SQLite's FTS5 finds the same words. Punctuation
-- becomes a space first so that addresses and case numbers split into words as unicode61
-- splits them. The text is bounded (a tsvector may not exceed 1 MB).
DROP INDEX tickets_search;
DROP INDEX ticket_messages_search;

ALTER TABLE tickets ADD COLUMN search_vector tsvector;

CREATE FUNCTION tupa_search_words(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
    SELECT to_tsvector('simple', regexp_replace(t, '[[:space:][:punct:]“”„«»‘’‚–—…]+', ' ', 'g'))
$$;

CREATE FUNCTION tupa_ticket_search_vector(header text, org text, ticket text) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(tupa_search_words(LEFT(COALESCE(header, ''), 100000)), 'A')
        || setweight(tupa_search_words(LEFT(COALESCE(
               (SELECT string_agg(m.search_text, ' ' ORDER BY m.created_at, m.id) FROM ticket_messages m
                 WHERE m.org_id = org AND m.ticket_id = ticket), ''), 300000)), 'B')
$$;

UPDATE tickets SET search_vector = tupa_ticket_search_vector(search_text, org_id, id);
CREATE INDEX tickets_search_vector ON tickets USING GIN (search_vector);

CREATE FUNCTION tupa_tickets_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := tupa_ticket_search_vector(NEW.search_text, NEW.org_id, NEW.id);
    RETURN NEW;
END
$$;
CREATE TRIGGER tickets_search BEFORE INSERT OR UPDATE OF search_text ON tickets
    FOR EACH ROW EXECUTE FUNCTION tupa_tickets_search();

-- Messages come in sets (the bulk fill inserts thousands per statement): one UPDATE per
-- statement over the tickets they belong to.
CREATE FUNCTION tupa_messages_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tickets t SET search_vector = tupa_ticket_search_vector(t.search_text, t.org_id, t.id)
     WHERE (t.org_id, t.id) IN (SELECT DISTINCT n.org_id, n.ticket_id FROM inserted n WHERE n.search_text IS NOT NULL);
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_messages_search_insert AFTER INSERT ON ticket_messages
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION tupa_messages_search_inserted();

-- Changes, moves (merge, split) and deletions are one message at a time.
CREATE FUNCTION tupa_messages_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        UPDATE tickets t SET search_vector = tupa_ticket_search_vector(t.search_text, t.org_id, t.id)
         WHERE t.org_id = NEW.org_id AND t.id = NEW.ticket_id;
    END IF;
    IF TG_OP = 'DELETE' OR OLD.ticket_id <> NEW.ticket_id THEN
        UPDATE tickets t SET search_vector = tupa_ticket_search_vector(t.search_text, t.org_id, t.id)
         WHERE t.org_id = OLD.org_id AND t.id = OLD.ticket_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_messages_search_update AFTER UPDATE OF search_text, ticket_id ON ticket_messages
    FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.ticket_id IS DISTINCT FROM NEW.ticket_id)
    EXECUTE FUNCTION tupa_messages_search_changed();
CREATE TRIGGER ticket_messages_search_delete AFTER DELETE ON ticket_messages
    FOR EACH ROW EXECUTE FUNCTION tupa_messages_search_changed();

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
