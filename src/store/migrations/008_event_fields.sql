-- 008_event_fields: the events[] fields the first schema had no column for:
-- the modality (asserted|negated|conditional|future|question|generic), the
-- event this one repeats within its document (same_as: "v1"), and the
-- event_patterns.tsv row that fired ("airstrike:noun").
ALTER TABLE events ADD COLUMN modality TEXT;
ALTER TABLE events ADD COLUMN same_as  TEXT;
ALTER TABLE events ADD COLUMN pattern  TEXT;
