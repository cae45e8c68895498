-- The operator's instructions and materials library (issue 9): items published for every
-- organisation, per audience, each in fi/sv/en versions and versioned (older versions kept).
-- The organisations' own libraries stay in `materials` (0021), whose audience may now also be
-- main-admins (guidance::library::Audience; no constraint to change).
CREATE TABLE library_items (
    id TEXT PRIMARY KEY,
    -- main-admins, staff, clients (guidance::library::Audience)
    audience TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- The newest version's number; versions count from 1.
    newest_version BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    retired_at BIGINT
);
CREATE INDEX library_items_live ON library_items (retired_at, title);

-- One language of one version of an item: a file (bytes kept like desk attachments) or a link.
CREATE TABLE library_files (
    item_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    -- fi, sv, en (i18n::Lang)
    lang TEXT NOT NULL,
    -- file, link (guidance::library::MaterialKind)
    kind TEXT NOT NULL,
    url TEXT,
    filename TEXT,
    content_type TEXT,
    size BIGINT,
    content BYTEA,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, version, lang)
);
