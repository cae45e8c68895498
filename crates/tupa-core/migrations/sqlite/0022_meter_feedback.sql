-- The life-situation meter and client feedback (seed 004, issue 8).

-- An organisation's own meter instruments (for example a licensed 3X10D® wording). The
-- instrument is data: `definition` is the validated instrument as JSON (areas with their
-- wording in fi/sv/en, scale, thresholds), so a new wording needs no code. The default
-- instrument ships with Tupa and has no row. The organisation's default is the instrument
-- most recently made default (`made_default_at`); with none, Tupa's own.
CREATE TABLE meter_instruments (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    made_default_at BIGINT,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX meter_instruments_id ON meter_instruments (id);

-- What the counsellor set for a space: the meter it uses (NULL: the organisation's default)
-- and when the client was last asked to answer the meter or to give feedback; and, without
-- any content, how often feedback was given, so the counsellor sees that it was.
CREATE TABLE space_followups (
    org_id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    meter_id TEXT,
    meter_asked_at BIGINT,
    feedback_asked_at BIGINT,
    meeting_feedback_count BIGINT NOT NULL DEFAULT 0,
    closing_feedback_count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, space_id)
);

-- One answer set of the meter: a value per area of the instrument (JSON object keyed by area
-- key), answered by the space's client, again and again to show change.
CREATE TABLE meter_answers (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    meter_id TEXT NOT NULL,
    answer_values TEXT NOT NULL,
    comment TEXT NOT NULL,
    answered_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX meter_answers_space ON meter_answers (org_id, space_id, created_at);

-- Client feedback, anonymous by construction: no user, no space, and only the day it was
-- given, so no row can be traced back to a client through the space's other records. Reports
-- count it per organisation, counsellor (the space's responsible counsellor) and period.
CREATE TABLE guidance_feedback (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    -- meeting, closing (guidance::feedback::Occasion)
    occasion TEXT NOT NULL,
    score BIGINT NOT NULL,
    comment TEXT NOT NULL,
    counsellor_id TEXT NOT NULL,
    -- Unix seconds of the day's start (UTC), never the moment.
    given_on BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX guidance_feedback_period ON guidance_feedback (org_id, given_on);
