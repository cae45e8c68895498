-- Links, meeting summaries and materials in guidance spaces, and the organisation's materials
-- library they come from (issue 8). Tenant tables carry org_id first in their primary key;
-- ids are UUIDv7 text.

-- A link a counsellor put in a space (http or https only).
CREATE TABLE space_links (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX space_links_space ON space_links (org_id, space_id, created_at);

-- Notes of a meeting, written by a counsellor for the client to read.
CREATE TABLE space_summaries (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- The day of the meeting, YYYY-MM-DD, if given.
    met_on TEXT,
    author_user_id TEXT NOT NULL,
    -- The author's name as it was shown when written.
    author_name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX space_summaries_space ON space_summaries (org_id, space_id, created_at);

-- The organisation's library: files (stored like desk attachments) and links.
CREATE TABLE materials (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    -- file, link (guidance::library::MaterialKind)
    kind TEXT NOT NULL,
    -- clients (may be shared into spaces), staff (instructions for the organisation's own
    -- people) (guidance::library::Audience)
    audience TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- A link's address; NULL for a file.
    url TEXT,
    -- A file's name, sniffed type, size and bytes; NULL for a link.
    filename TEXT,
    content_type TEXT,
    size BIGINT,
    content BLOB,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- Removed from the library; spaces it was shared into keep it.
    retired_at BIGINT,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX materials_library ON materials (org_id, retired_at, title);

-- A library material shared into a space, and when the client first opened it.
CREATE TABLE space_materials (
    org_id TEXT NOT NULL,
    space_id TEXT NOT NULL,
    material_id TEXT NOT NULL,
    shared_by TEXT NOT NULL,
    shared_at BIGINT NOT NULL,
    opened_at BIGINT,
    PRIMARY KEY (org_id, space_id, material_id)
);
