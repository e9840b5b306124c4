-- 002_entity_values: the entity fields the first schema had no column for:
-- all of an actor's sectors, the named group and its backer, the end of a
-- date range and the anchor of a relative date; plus the lookup the UI and
-- `export --what entities` use (entities of one kind in document order).
ALTER TABLE entities ADD COLUMN actor_sectors   TEXT;  -- "GOV|MIL" (actor_sector is the first)
ALTER TABLE entities ADD COLUMN actor_group     TEXT;  -- "ISIS", "SDF", ...
ALTER TABLE entities ADD COLUMN actor_backed_by TEXT;  -- ISO2 of the backer ("US")
ALTER TABLE entities ADD COLUMN date_end        TEXT;  -- end of a range
ALTER TABLE entities ADD COLUMN date_anchor     TEXT;  -- anchor of a relative date
CREATE INDEX entities_group ON entities(actor_group);
CREATE INDEX entities_kind_document ON entities(kind, document_id);
