-- Live events on SQLite: `tupa mail ingest` runs in a process of its own, so events travel
-- through this table to the server, which reads new rows every second. (PostgreSQL uses
-- LISTEN/NOTIFY instead and leaves the table empty.)
CREATE TABLE live_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    payload TEXT NOT NULL,
    at BIGINT NOT NULL
);
