-- Reports (SQLite): indexes leading with the organisation and the time a figure counts by,
-- so that a period of one organisation is a range of an index, not a scan of every row of
-- the table (0040 made them for tickets, ticket messages and spaces). Kept in step with the
-- other backend's 0105_report_indexes.sql.
CREATE INDEX space_messages_created ON space_messages (org_id, created_at);
CREATE INDEX space_tasks_created ON space_tasks (org_id, created_at);
CREATE INDEX space_materials_shared ON space_materials (org_id, shared_at);
CREATE INDEX space_calls_started ON space_calls (org_id, started_at);
CREATE INDEX space_summaries_created ON space_summaries (org_id, created_at);
CREATE INDEX meter_answers_created ON meter_answers (org_id, created_at);
CREATE INDEX applications_created ON applications (org_id, created_at);
CREATE INDEX application_events_at ON application_events (org_id, at);
CREATE INDEX job_ads_published ON job_ads (org_id, published_at);
