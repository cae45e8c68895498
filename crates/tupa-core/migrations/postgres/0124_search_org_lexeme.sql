-- Search at a million tickets, whatever the statistics (issue 14).
--
-- The GIN index of 0095 names the matches of the whole installation; each is a heap page
-- read before the organisation is even compared. A word in one ticket of a hundred is 10 000
-- pages at a million tickets, when the organisation asking has a quarter of them (and a
-- national installation has hundreds of organisations): the rare word's p95 was 65 ms.
--
-- Each ticket's vector now also holds its organisation as a lexeme of its own, '~' and the
-- organisation's id. No query word can name it (words are letters and digits only, see
-- search.rs), and the full-text step asks for it beside the words, so GIN intersects the
-- two and only the organisation's own matches are read. (A GIN over (org_id, vector) would
-- need btree_gin, a contrib extension an installation may not have.)
CREATE OR REPLACE FUNCTION tupa_ticket_search_vector(header text, org text, ticket text) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(tupa_search_words(LEFT(COALESCE(header, ''), 100000)), 'A')
        || setweight(tupa_search_words(LEFT(COALESCE(
               (SELECT string_agg(m.search_text, ' ' ORDER BY m.created_at, m.id) FROM ticket_messages m
                 WHERE m.org_id = org AND m.ticket_id = ticket), ''), 300000)), 'B')
        || array_to_tsvector(ARRAY['~' || org])
$$;

-- Every vector once, with the index set aside meanwhile (one sort instead of a GIN insert
-- per row).
DROP INDEX tickets_search_vector;
UPDATE tickets SET search_vector = COALESCE(search_vector, ''::tsvector) || array_to_tsvector(ARRAY['~' || org_id]);
CREATE INDEX tickets_search_vector ON tickets USING GIN (search_vector);
