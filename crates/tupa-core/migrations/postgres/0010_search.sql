-- Full-text search over the desk: GIN indexes over ticket headers (subject, requester) and
-- message bodies. The 'simple' configuration (lower-casing, no stemming, no stop words)
-- because a desk's mail mixes Finnish, Swedish and English. Punctuation becomes a space
-- first so that the parser splits e-mail addresses, host names and case numbers into words
-- as SQLite's unicode61 tokenizer does; the expression must match desk::search's exactly
-- for the planner to use the index.
UPDATE ticket_messages SET search_text = LEFT(search_text, 100000) WHERE LENGTH(search_text) > 100000;
CREATE INDEX tickets_search ON tickets USING GIN (to_tsvector('simple', regexp_replace(search_text, '[[:space:][:punct:]“”„«»‘’‚–—…]+', ' ', 'g')));
CREATE INDEX ticket_messages_search ON ticket_messages USING GIN (to_tsvector('simple', regexp_replace(search_text, '[[:space:][:punct:]“”„«»‘’‚–—…]+', ' ', 'g')));
