-- The search triggers' statements planned once per connection again, each a look-up by key
-- (issue 14: API creation, one client, 1 000 tickets/s).
--
-- 0125 planned them for every run (`force_custom_plan`, and the messages' UPDATE through
-- `EXECUTE`), so that no connection kept a plan made while the tables were small. That cost
-- a plan per call: of an API creation's 1.4 ms on PostgreSQL (sqlx's log of each statement,
-- one client), the ticket's insert took 0.30 ms and each of its two messages' 0.19 ms, most
-- of it planning.
--
-- A kept plan is a hazard where it was made while a table was small: a sequential scan is
-- then cheapest, and 0125's bad plans (a join of the transition table with an empty
-- `tickets`) read whole tables for as long as the connection lived. What makes a kept plan
-- again is a change of the table's statistics (any ANALYZE); PostgreSQL's autovacuum gathers
-- them as a table grows, and when it is off `tupa serve` now does the same itself every ten
-- seconds (`db::statistics`). With that, the triggers keep their plans like every other
-- statement of Tupa (sqlx prepares them once per connection):
--
-- - the messages' statement trigger walks the distinct tickets of its messages and updates
--   each by its key, instead of one UPDATE joined with the transition table: one plan for
--   one message or thousands, a look-up by primary key, and an acknowledgement (no search
--   text) costs only a scan of its one-row transition table;
-- - the vector function and the changes' trigger keep their plans (no `plan_cache_mode`).
--
-- After: the ticket's insert 0.15 ms, each message 0.05 ms; `wrk`, one client, on a new desk
-- 683 → 1 050 creations/s (with the statement log on), 1 010–1 140/s without it.
-- `desk_search::postgres_search_triggers_keep_no_plan_made_for_small_tables` makes these
-- plans while the tables are nearly empty, lets them grow, gathers the statistics of what
-- grew as the server does, and checks that a new message reads a handful of rows (without
-- that step: 6 017, the whole of both tables).
ALTER FUNCTION tupa_ticket_search_vector(text, text, text) RESET plan_cache_mode;
ALTER FUNCTION tupa_messages_search_changed() RESET plan_cache_mode;

CREATE OR REPLACE FUNCTION tupa_messages_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched record;
BEGIN
    FOR touched IN SELECT DISTINCT n.org_id, n.ticket_id FROM inserted n WHERE n.search_text IS NOT NULL LOOP
        UPDATE tickets t SET search_vector = tupa_ticket_search_vector(t.search_text, t.org_id, t.id)
         WHERE t.org_id = touched.org_id AND t.id = touched.ticket_id;
    END LOOP;
    RETURN NULL;
END
$$;
