-- A ticket's search vector, computed by PL/pgSQL instead of SQL, and the search triggers'
-- statements planned for the tables' sizes of the moment (issue 14: API creation).
--
-- 0124's function is SQL with a sub-select over the ticket's messages, which PostgreSQL
-- cannot inline; before version 18 a SQL function that is not inlined is planned again on
-- every call. The tickets' insert trigger calls it once per ticket, so every new contact
-- paid a plan of the sub-select and both word extractions: pgbench of the API's three
-- inserts (first message, ticket, acknowledgement) and commit, one client, 0.54 ms for the
-- ticket's insert and 940 transactions/s; as PL/pgSQL with the plans a session keeps,
-- 0.25 ms and 1 550/s, but see below: planned for each run, as now, 1 000/s. The same
-- expression, the same vectors (`demo_fill` compares every stored vector with this function).
--
-- But a kept plan is made when a connection first runs the statement (a generic plan after
-- its fifth run), and nothing makes it again until the table's statistics change; without
-- autovacuum they never do, and a pooled connection lives up to half an hour. A connection
-- that began while the tables were small (a new installation, an import through the API, a
-- benchmark) kept plans made for an empty table. Worst was the messages' trigger: its UPDATE
-- names no variable, only the transition table, and PostgreSQL never plans such a statement
-- again for the values of a run (`plan_cache_mode` cannot change that): the plan made for an
-- empty `tickets` read every ticket for each new message (auto_explain: a sequential scan
-- and a hash join; 7 million rows read in 16 seconds of one API client, which slowed from
-- 330 to 220 tickets/s as the table grew, and recovered only when the server restarted).
-- That UPDATE is now planned for each statement (EXECUTE: for the sizes of the moment and
-- the number of messages inserted), and the function's and the other trigger's statements,
-- which have variables, for each run (`force_custom_plan`).
CREATE OR REPLACE FUNCTION tupa_ticket_search_vector(header text, org text, ticket text) RETURNS tsvector LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    RETURN setweight(tupa_search_words(LEFT(COALESCE(header, ''), 100000)), 'A')
        || setweight(tupa_search_words(LEFT(COALESCE(
               (SELECT string_agg(m.search_text, ' ' ORDER BY m.created_at, m.id) FROM ticket_messages m
                 WHERE m.org_id = org AND m.ticket_id = ticket), ''), 300000)), 'B')
        || array_to_tsvector(ARRAY['~' || org]);
END
$$;

CREATE OR REPLACE FUNCTION tupa_messages_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'UPDATE tickets t SET search_vector = tupa_ticket_search_vector(t.search_text, t.org_id, t.id)
              WHERE (t.org_id, t.id) IN (SELECT DISTINCT n.org_id, n.ticket_id FROM inserted n WHERE n.search_text IS NOT NULL)';
    RETURN NULL;
END
$$;

ALTER FUNCTION tupa_messages_search_changed() SET plan_cache_mode = force_custom_plan;
