-- Kept in step with ../sqlite/0007_live_events.sql; PostgreSQL uses LISTEN/NOTIFY instead and
-- leaves this table empty.
CREATE TABLE live_events (
    id BIGSERIAL PRIMARY KEY,
    payload TEXT NOT NULL,
    at BIGINT NOT NULL
);
