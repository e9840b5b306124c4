-- 009: the decoded raw input of each document and the offset map from its
-- text to that input, so a reader (dossier serve's raw view) can show any
-- span of the text in the original (contract.md "raw"). A rowid table: the
-- values are large.
CREATE TABLE document_raw (
  document_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  raw_bytes   INTEGER NOT NULL,  -- size of the decoded input (UTF-8)
  raw         BLOB NOT NULL,     -- zlib stream of the decoded input
  map         BLOB NOT NULL      -- zlib stream of the text -> raw map, see store.cc EncodeRawMap
);
