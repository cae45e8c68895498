-- The guidance-space lifecycle and the retention of accounts (issue 8), run by
-- `tupa maintenance run` and the background job of `tupa serve`.

-- A counsellor's reopening restarts the inactivity clock (else a space reopened after three
-- quiet months would close again at the next run).
ALTER TABLE guidance_spaces ADD COLUMN reopened_at BIGINT;
-- When the client was told (once, content-free) that the space closes for inactivity soon;
-- cleared when the client signs in.
ALTER TABLE guidance_spaces ADD COLUMN idle_notice_at BIGINT;
-- When the client was told (once) that the archived space will be deleted soon.
ALTER TABLE guidance_spaces ADD COLUMN deletion_notice_at BIGINT;
CREATE INDEX guidance_spaces_lifecycle ON guidance_spaces (status, closed_at, archived_at);

-- A removed account keeps its row (its id is referenced from history: tickets, audit log) but
-- none of its personal data: address, name, password and second factor are erased.
ALTER TABLE users ADD COLUMN removed_at BIGINT;
