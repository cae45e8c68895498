-- Idempotency keys of API creations (issue 11): a client that retries a POST with the same
-- `Idempotency-Key` gets the first answer again instead of a second ticket or message. The
-- row is written in the same transaction as what it created, so a crash leaves both or
-- neither, and the primary key makes a concurrent retry wait for the first and then fail
-- (and replay). `scope` is the caller (`user:<id>`), `route` the request path; rows older
-- than 24 hours are ignored and pruned.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    route TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status BIGINT NOT NULL,
    response TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (scope, idem_key, route)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
