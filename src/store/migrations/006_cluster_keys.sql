-- 006_cluster_keys: what the corroboration index (src/corpus/clusters.h)
-- matches events on, kept with each cluster member so candidates come from
-- one indexed range (type, day) instead of the events table: the PLOVER
-- type, the effective day (the event's date, else its document's
-- publication date, as days since 1970-01-01), coordinates and place ref,
-- actor and target keys (a ref, else a country), and the order it joined.
ALTER TABLE cluster_members ADD COLUMN plover TEXT;
ALTER TABLE cluster_members ADD COLUMN day INTEGER;
ALTER TABLE cluster_members ADD COLUMN lat REAL;
ALTER TABLE cluster_members ADD COLUMN lon REAL;
ALTER TABLE cluster_members ADD COLUMN place_ref TEXT;
ALTER TABLE cluster_members ADD COLUMN actor TEXT;
ALTER TABLE cluster_members ADD COLUMN target TEXT;
ALTER TABLE cluster_members ADD COLUMN joined INTEGER;
CREATE INDEX cluster_members_key ON cluster_members(plover, day);
ALTER TABLE event_clusters ADD COLUMN place_text TEXT;
