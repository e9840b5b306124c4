-- 005_provenance_index: what the corpus layer (src/corpus) keeps to find
-- copies, republications and translations incrementally, and the links it
-- found. The provenance table of 001 holds each document's result.

-- One row per indexed document: its MinHash signature (64 x 4 bytes), the
-- number of distinct shingles, its entity fingerprint ("key\tcount\tweight"
-- lines), and the folded title, outlet and republication-notice outlet
-- that republications are matched on.
CREATE TABLE corpus_docs (
  document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL UNIQUE,  -- indexing order (ties between equal dates); the
                                         -- key of the index tables below
  language     TEXT,
  published    TEXT,
  outlet_key   TEXT,
  title_key    TEXT,
  notice_key   TEXT,               -- outlet named by "the original source of this article is X"
  notice       TEXT,               -- that notice as written: "MintPress News, 2018-08-15"
  shingles     INTEGER NOT NULL,
  paragraphs   INTEGER NOT NULL,
  minhash      BLOB NOT NULL,
  features     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX corpus_docs_title ON corpus_docs(title_key) WHERE title_key IS NOT NULL;
CREATE INDEX corpus_docs_language ON corpus_docs(language);

-- The index tables refer to documents by corpus_docs.seq (small integer
-- keys keep them compact and fast to insert into) and have no foreign keys:
-- a posting whose document is gone is skipped when read.

-- LSH: one row per document and band (band number mixed into the key).
CREATE TABLE corpus_lsh (
  bucket INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  PRIMARY KEY (bucket, seq)
) WITHOUT ROWID;

-- Paragraph hashes (paragraphs of 12 words or more) for partial reuse.
CREATE TABLE corpus_paragraphs (
  hash INTEGER NOT NULL,
  seq  INTEGER NOT NULL,
  PRIMARY KEY (hash, seq)
) WITHOUT ROWID;

-- Specific entity features (cities, sites, people, numbers, days, actors)
-- for translation candidates, with the document's language (a translation
-- is looked for in the other languages only).
CREATE TABLE corpus_features (
  feature  TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  language TEXT,
  PRIMARY KEY (feature, seq)
) WITHOUT ROWID;

-- Verified links: `a` was indexed after `b`.
CREATE TABLE provenance_links (
  a          TEXT NOT NULL REFERENCES corpus_docs(document_id) ON DELETE CASCADE,
  b          TEXT NOT NULL REFERENCES corpus_docs(document_id) ON DELETE CASCADE,
  relation   TEXT NOT NULL,        -- near_duplicate|republication|translation|partial_reuse
  similarity REAL NOT NULL,
  evidence   TEXT NOT NULL,
  PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX provenance_links_b ON provenance_links(b);
