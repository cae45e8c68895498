-- Throttles decide atomically: one counter row per key and fixed window, incremented by a
-- single upsert that returns the new count (issue: concurrent wrong passwords used to pass
-- a check made before the failure was recorded). Replaces the event rows that were counted.
CREATE TABLE throttle_counters (
    key TEXT PRIMARY KEY NOT NULL,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);
CREATE INDEX throttle_counters_window ON throttle_counters (window_start);

DROP TABLE sign_in_attempts;
DROP TABLE throttle_events;
