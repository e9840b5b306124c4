-- 010: the next cluster number and the next join order were each found by a
-- scan of their whole table for every new cluster and member (MAX over an
-- unindexed expression and column): ingest grew quadratically with the
-- number of events (68% of ingest instructions on 730 FA-KES articles).
-- These indexes make both MAX lookups one B-tree step.
CREATE INDEX IF NOT EXISTS event_clusters_number ON event_clusters(CAST(SUBSTR(cluster_id, 2) AS INTEGER));
CREATE INDEX IF NOT EXISTS cluster_members_joined ON cluster_members(joined);
