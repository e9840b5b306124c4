-- 007_markers: what the markers layer adds beyond 001's markers table: the
-- sentence, the source mention of the clause (voice layer), the lexicon row or
-- rule behind each marker; and one profile row per document (counts per
-- technique per 1,000 words, share in the author's voice, densest passages).
ALTER TABLE markers ADD COLUMN sentence INTEGER;
ALTER TABLE markers ADD COLUMN source TEXT;     -- mention id of the clause's source
ALTER TABLE markers ADD COLUMN rule TEXT;       -- "technique_lexicon.tsv: regime", "repetition: ..."
CREATE INDEX markers_voice ON markers(voice);

CREATE TABLE marker_profiles (
  document_id    TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  words          INTEGER NOT NULL,
  markers        INTEGER NOT NULL,
  per_1000_words REAL NOT NULL,
  author_share   REAL NOT NULL,
  techniques     TEXT NOT NULL DEFAULT '{}',  -- JSON {"loaded_language": {"count": 3, "per_1000_words": 4.1}, ...}
  densest        TEXT NOT NULL DEFAULT '[]'   -- JSON [{"start": 0, "end": 120, "markers": 4, "words": 60, "per_1000_words": 66.7}, ...]
) WITHOUT ROWID;
CREATE INDEX marker_profiles_density ON marker_profiles(per_1000_words);
