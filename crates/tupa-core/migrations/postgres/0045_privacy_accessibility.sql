-- Issue 9's privacy part: the privacy notice per language and the data-protection contact of
-- each organisation, and the accessibility statements (law 306/2019). The existing
-- `privacy_notice_url` stays as the Finnish notice and the fallback for the other languages,
-- so addresses saved before keep working. Kept in step with the other backend's file.
ALTER TABLE organisations ADD COLUMN privacy_notice_url_sv TEXT;
ALTER TABLE organisations ADD COLUMN privacy_notice_url_en TEXT;
ALTER TABLE organisations ADD COLUMN dpo_name TEXT;
ALTER TABLE organisations ADD COLUMN dpo_email TEXT;
ALTER TABLE organisations ADD COLUMN dpo_phone TEXT;
ALTER TABLE organisations ADD COLUMN dpo_address TEXT;

-- One statement for the installation (scope 'installation') and one per organisation (scope
-- = the organisation's id). Absent until someone prepares it.
CREATE TABLE accessibility_statements (
    scope TEXT PRIMARY KEY,
    -- fully, partially, not
    compliance TEXT NOT NULL,
    gaps_fi TEXT NOT NULL,
    gaps_sv TEXT NOT NULL,
    gaps_en TEXT NOT NULL,
    -- YYYY-MM-DD
    prepared_on TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    feedback_email TEXT,
    updated_by TEXT,
    updated_at BIGINT NOT NULL
);
