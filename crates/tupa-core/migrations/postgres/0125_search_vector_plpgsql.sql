-- A ticket's search vector, computed by PL/pgSQL instead of SQL (issue 14: API creation).
--
-- 0124's function is SQL with a sub-select over the ticket's messages, which PostgreSQL
-- cannot inline; before version 18 a SQL function that is not inlined is planned again on
-- every call. The tickets' insert trigger calls it once per ticket, so every new contact
-- paid a plan of the sub-select and both word extractions: pgbench of the API's three
-- inserts (first message, ticket, acknowledgement) and commit, one client, 0.54 ms for the
-- ticket's insert and 940 transactions/s; as PL/pgSQL, whose plans a session keeps,
-- 0.25 ms and 1 550/s. The same expression, the same vectors (`demo_fill` compares every
-- stored vector with this function).
CREATE OR REPLACE FUNCTION tupa_ticket_search_vector(header text, org text, ticket text) RETURNS tsvector LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN setweight(tupa_search_words(LEFT(COALESCE(header, ''), 100000)), 'A')
        || setweight(tupa_search_words(LEFT(COALESCE(
               (SELECT string_agg(m.search_text, ' ' ORDER BY m.created_at, m.id) FROM ticket_messages m
                 WHERE m.org_id = org AND m.ticket_id = ticket), ''), 300000)), 'B')
        || array_to_tsvector(ARRAY['~' || org]);
END
$$;
