-- The words of the tickets' search index, in order, with how many tickets hold each
-- (issue 14). A search looks its prefixes up here once and asks FTS5 for the exact words:
-- FTS5 answers a prefix without a prefix index by reading every matching word's whole
-- doclist each time a cursor starts, and the queue's search starts one per ticket it tests.
-- See desk/search_vocab.rs. A view over the index: nothing is stored.
CREATE VIRTUAL TABLE ticket_search_vocab USING fts5vocab(ticket_search_fts, 'row');
