-- Video calls in guidance spaces (issue 8). The browsers talk to each other directly
-- (WebRTC); the server only relays their signalling and records each call's times, taken
-- from its own clock when the call rings, is answered and ends, for the counsellor's call
-- minutes and reports.

CREATE TABLE space_calls (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    started_by TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    -- The member who answered; NULL while ringing and for a call nobody answered.
    answered_by TEXT,
    connected_at BIGINT,
    ended_at BIGINT,
    -- Seconds from answer to end (0 for an unanswered call); NULL while the call lasts.
    duration_seconds BIGINT,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX space_calls_space ON space_calls (org_id, space_id, started_at);

-- The signalling relay: one row per frame (ring, offer, answer, ICE candidate, end), read
-- back by the sockets of the space in every `tupa serve` process when the live event that
-- names it arrives (events carry ids only, and an offer can exceed PostgreSQL's NOTIFY
-- payload). Short-lived: a call's rows go when it ends, and any row after two minutes.
CREATE TABLE space_call_signals (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    from_user_id TEXT NOT NULL,
    from_name TEXT NOT NULL,
    -- The sending socket, which does not hear its own frames back.
    from_conn TEXT NOT NULL,
    -- call-ring, call-offer, call-answer, ice, call-end (guidance::signalling::SignalKind)
    kind TEXT NOT NULL,
    -- The frame's own fields as JSON (sdp, candidate or reason).
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX space_call_signals_call ON space_call_signals (org_id, call_id);
CREATE INDEX space_call_signals_age ON space_call_signals (created_at);
