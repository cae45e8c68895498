-- Canned answers (SQLite). Kept in step with ../postgres/0003_canned_answers.sql.
-- The operator's answers marked shared are offered to every organisation's desk.
CREATE TABLE canned_answers (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    body_fi TEXT NOT NULL,
    body_sv TEXT NOT NULL,
    body_en TEXT NOT NULL,
    shared INTEGER NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    retired_at BIGINT,
    PRIMARY KEY (org_id, id)
);
