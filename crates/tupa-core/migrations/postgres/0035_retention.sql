-- Retention rules per organisation and data type (issue 9): how many days a kind of record is
-- kept after its clock starts (see tupa_core::retention). No row: the documented default.
-- Applications keep their rule in recruitment_settings.retention_days (older than this table).
CREATE TABLE retention_rules (
    org_id TEXT NOT NULL REFERENCES organisations(id),
    -- tickets, raw-mail, spaces, audit, outbox
    data_type TEXT NOT NULL,
    days BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, data_type)
);

-- The read audit looks up "did this actor read this record lately" and the filters search by
-- target.
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at);
