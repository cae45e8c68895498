-- Topic categories are shown to citizens on the contact form, so they have a name in each
-- language (the existing `name` is the Finnish one).
ALTER TABLE desk_categories ADD COLUMN name_sv TEXT;
ALTER TABLE desk_categories ADD COLUMN name_en TEXT;

-- A person's saved work-queue filters.
CREATE TABLE desk_saved_views (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The queue's query string (status=…&assignee=…), applied as it is.
    query TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX desk_saved_views_user ON desk_saved_views (org_id, user_id);
