-- The operator's library items (issue 9): titles in Swedish and English beside the Finnish
-- one (a reader without theirs gets the Finnish title), and sharing into guidance spaces. A
-- shared item becomes a copy in the organisation's `materials` — the version and language
-- the counsellor shared, so the space keeps exactly that even after the operator adds a
-- version or retires the item — marked with the item it came from and left out of the
-- organisation's own library lists.
ALTER TABLE library_items ADD COLUMN title_sv TEXT;
ALTER TABLE library_items ADD COLUMN title_en TEXT;
ALTER TABLE materials ADD COLUMN library_item_id TEXT;
ALTER TABLE materials ADD COLUMN library_version BIGINT;
ALTER TABLE materials ADD COLUMN library_lang TEXT;
CREATE INDEX materials_from_library ON materials (org_id, library_item_id, library_version, library_lang);
