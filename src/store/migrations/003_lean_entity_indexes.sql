-- 003_lean_entity_indexes: entity rows are written once per document at
-- ingest, and every secondary index on them was ~0.2 s of CPU per 100k
-- mentions (measured: seven indexes made ingest of news 1.9x slower than
-- the table alone). Keep the two the export and the entity views need
-- (by ref, by kind); the query layer adds what its filters need, once.
DROP INDEX IF EXISTS entities_country;
DROP INDEX IF EXISTS entities_actor;
DROP INDEX IF EXISTS entities_date;
DROP INDEX IF EXISTS entities_group;
DROP INDEX IF EXISTS entities_kind_document;
