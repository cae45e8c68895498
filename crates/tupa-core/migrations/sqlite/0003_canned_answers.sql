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

-- Search: text lower-cased by Tupa (Unicode-aware, so Ö and Å match on SQLite too, whose
-- LOWER() folds only A–Z). Full-text indexes per backend can later sit on these columns.
ALTER TABLE tickets ADD COLUMN search_text TEXT;
ALTER TABLE ticket_messages ADD COLUMN search_text TEXT;
UPDATE tickets SET search_text = LOWER(subject || ' ' || requester_email || ' ' || COALESCE(requester_name, ''));
UPDATE ticket_messages SET search_text = LOWER(body_text);
