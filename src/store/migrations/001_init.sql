-- 001_init: documents, their versions and failures, the full-text index, and
-- the (still empty) tables the annotation and corpus layers fill.
--
-- Conventions: ids are TEXT (content ids are 32 hex digits); offsets are
-- Unicode code point offsets into documents.text, end-exclusive, as in the
-- output contract (docs/schema.md); `raw_start`/`raw_end` are code point
-- offsets into the original decoded input; times are ISO 8601 UTC text
-- ("2024-05-01T12:00:00.000Z"); booleans are 0/1; JSON columns hold JSON text.
-- This file runs inside one transaction; schema_migrations is created by the
-- store itself before the first migration.

-- One row per distinct content id. `doc_no` is the rowid alias: it is stable
-- (also across VACUUM), gives insertion order and is the FTS rowid.
CREATE TABLE documents (
  doc_no           INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,      -- content id (the document's key)
  format           TEXT NOT NULL,             -- text|markdown|html|jsonl|csv
  encoding         TEXT,
  path             TEXT NOT NULL,             -- where it was first seen
  line             INTEGER NOT NULL DEFAULT 0,
  title            TEXT,
  authors          TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
  outlet           TEXT,
  published        TEXT,                      -- YYYY-MM-DD, YYYY-MM or YYYY
  language         TEXT,
  url              TEXT,
  republished_from TEXT,                      -- JSON object or NULL
  text             TEXT NOT NULL,
  record           TEXT NOT NULL,             -- the full contract record (JSON)
  text_bytes       INTEGER NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX documents_format ON documents(format);
CREATE INDEX documents_language ON documents(language);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_url ON documents(url);

-- One row per source key (see Store::SourceKey): what the key holds now.
-- `source_no` gives the order keys were first seen.
CREATE TABLE sources (
  source_no   INTEGER PRIMARY KEY,
  source_key  TEXT NOT NULL UNIQUE,
  document_id TEXT NOT NULL REFERENCES documents(id),  -- latest version
  version     INTEGER NOT NULL,                       -- latest version number
  first_seen  TEXT NOT NULL,
  last_seen   TEXT NOT NULL   -- when the latest version was stored
);
CREATE INDEX sources_document ON sources(document_id);

-- Every version a source key has had, 1..n. Several keys may point at the
-- same document (duplicates); a key may return to an earlier document.
CREATE TABLE document_versions (
  source_key  TEXT NOT NULL,
  version     INTEGER NOT NULL,
  document_id TEXT NOT NULL REFERENCES documents(id),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (source_key, version)
) WITHOUT ROWID;
CREATE INDEX document_versions_document ON document_versions(document_id);

-- Inputs that could not be processed. Rows are history: a later success of
-- the same path:line sets `resolved_at` instead of deleting them.
CREATE TABLE failures (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL,
  line        INTEGER NOT NULL DEFAULT 0,   -- 0 for a whole file
  code        TEXT NOT NULL,                -- StatusCodeName(), e.g. invalid_input
  message     TEXT NOT NULL,
  at          TEXT NOT NULL,
  resolved_at TEXT                          -- set when path:line later succeeded
);
CREATE INDEX failures_path_line ON failures(path, line);

-- Full-text index over title and text, external content = documents.
-- Store::Put indexes a new document with an explicit INSERT right after
-- the documents row (a document row is inserted once, its content id being
-- unique, so it is indexed once). There is deliberately no AFTER INSERT
-- trigger: a trigger makes each document INSERT a multi-write statement with
-- a statement journal, which costs FTS5 about 40% of the insert rate. Anything
-- else that inserts into documents must index the row the same way. Updates
-- and deletes are kept in step by the triggers below.
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text,
  content = 'documents', content_rowid = 'doc_no',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Bulk-ingest tuning, stored in documents_fts_config: merge 16 segments per
-- level instead of 4 and buffer up to 4 MB of pending terms (measured: ~35%
-- faster inserts on 100 MB of text; queries read a few more segments, and
-- INSERT INTO documents_fts(documents_fts) VALUES('optimize') merges them).
INSERT INTO documents_fts(documents_fts, rank) VALUES ('automerge', 16);
INSERT INTO documents_fts(documents_fts, rank) VALUES ('hashsize', 4194304);
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.doc_no, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.doc_no, old.title, old.text);
  INSERT INTO documents_fts(rowid, title, text)
    VALUES (new.doc_no, new.title, new.text);
END;

-- ---------------------------------------------------------------------------
-- Layer tables. Each row belongs to one document (ON DELETE CASCADE); a layer
-- rewrites all rows of a document when it re-runs, recorded in layer_runs.
-- Mention references (`*_mention`, `source`, `issuer`) are entities.mention_id
-- values of the same document ("m12").

-- Which layer version last filled a document's rows.
CREATE TABLE layer_runs (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  layer       TEXT NOT NULL,   -- entities|voice|citations|events|claims|markers|...
  version     TEXT NOT NULL,   -- annotator version / lexicon hash
  at          TEXT NOT NULL,
  PRIMARY KEY (document_id, layer)
) WITHOUT ROWID;

-- entities[]: one row per mention (place, actor, person, organization, outlet,
-- date, quantity, document) with its resolution.
CREATE TABLE entities (
  document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  mention_id     TEXT NOT NULL,      -- "m12"
  kind           TEXT NOT NULL,
  text           TEXT NOT NULL,
  start          INTEGER NOT NULL,
  end            INTEGER NOT NULL,
  raw_start      INTEGER,
  raw_end        INTEGER,
  sentence       INTEGER,
  ref            TEXT,               -- "geonames:170794", "actor:SYR", ...
  name           TEXT,               -- canonical name
  -- geo (places)
  lat            REAL,
  lon            REAL,
  country        TEXT,               -- ISO 3166-1 alpha-2
  admin1         TEXT,
  feature        TEXT,               -- city|admin1|...|camp|base
  precision      TEXT,               -- point|admin2|admin1|country|region
  -- actor (actors, organisations)
  actor_country  TEXT,
  actor_sector   TEXT,               -- MIL|GOV|REB|...
  -- date
  date_value     TEXT,               -- YYYY-MM-DD, YYYY-MM or YYYY
  date_precision TEXT,               -- day|month|year
  date_relative  INTEGER,
  -- quantity
  quantity_value REAL,
  quantity_low   REAL,
  quantity_high  REAL,
  qualifier      TEXT,               -- exact|at_least|at_most|about|range
  unit           TEXT,
  role           TEXT,               -- killed|injured|captured|displaced|fighters|other
  confidence     REAL,
  PRIMARY KEY (document_id, mention_id)
) WITHOUT ROWID;
CREATE INDEX entities_ref ON entities(ref);
CREATE INDEX entities_kind ON entities(kind);
CREATE INDEX entities_country ON entities(country);
CREATE INDEX entities_actor ON entities(actor_country, actor_sector);
CREATE INDEX entities_date ON entities(date_value);

-- voice[]: every sentence or clause with whose voice it is.
CREATE TABLE voice (
  document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,   -- order within the document
  sentence      INTEGER NOT NULL,
  start         INTEGER NOT NULL,
  end           INTEGER NOT NULL,
  kind          TEXT NOT NULL,      -- author|attributed|quoted|hedged|question
  source        TEXT,               -- mention id
  source_kind   TEXT,               -- person|organization|government|outlet|document|anonymous
  cue_text      TEXT,
  cue_start     INTEGER,
  cue_end       INTEGER,
  content_start INTEGER,
  content_end   INTEGER,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX voice_kind ON voice(kind);
CREATE INDEX voice_source ON voice(document_id, source);

-- citations[]: documents and statements the text relies on.
CREATE TABLE citations (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  citation_id TEXT NOT NULL,        -- "c1"
  kind        TEXT NOT NULL,        -- report|memo|article|statement|social_post|interview|other
  title       TEXT,
  issuer      TEXT,                 -- mention id
  date        TEXT,
  mentions    TEXT NOT NULL DEFAULT '[]',  -- JSON [[start, end], ...]
  PRIMARY KEY (document_id, citation_id)
) WITHOUT ROWID;
CREATE INDEX citations_kind ON citations(kind);

-- events[]: who did what to whom, where and when, with the type codes.
CREATE TABLE events (
  document_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  event_id          TEXT NOT NULL,  -- "v3"
  sentence          INTEGER NOT NULL,
  start             INTEGER NOT NULL,
  end               INTEGER NOT NULL,
  trigger_text      TEXT,
  trigger_start     INTEGER,
  trigger_end       INTEGER,
  plover            TEXT,           -- PLOVER event type, e.g. ASSAULT
  mode              TEXT,           -- PLOVER mode, e.g. aerial
  cameo             TEXT,           -- CAMEO code, e.g. 195
  acled             TEXT,           -- ACLED event type
  acled_sub         TEXT,           -- ACLED sub-event type
  actor_mention     TEXT,
  actor_text        TEXT,
  actor_ref         TEXT,
  actor_country     TEXT,
  actor_sector      TEXT,
  target_mention    TEXT,
  target_text       TEXT,
  target_ref        TEXT,
  target_country    TEXT,
  target_sector     TEXT,
  place_mention     TEXT,
  place_text        TEXT,
  place_ref         TEXT,
  place_lat         REAL,           -- copied from the place mention for maps
  place_lon         REAL,
  place_country     TEXT,
  date_mention      TEXT,
  date_value        TEXT,
  date_precision    TEXT,
  dead_value        REAL,
  dead_low          REAL,
  dead_high         REAL,
  dead_qualifier    TEXT,
  dead_mention      TEXT,
  injured_value     REAL,
  injured_low       REAL,
  injured_high      REAL,
  injured_qualifier TEXT,
  injured_mention   TEXT,
  voice             TEXT,           -- author|attributed|quoted|hedged
  source            TEXT,           -- mention id
  negated           INTEGER NOT NULL DEFAULT 0,
  hypothetical      INTEGER NOT NULL DEFAULT 0,
  confidence        REAL,
  PRIMARY KEY (document_id, event_id)
) WITHOUT ROWID;
CREATE INDEX events_plover ON events(plover, mode);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_acled ON events(acled, acled_sub);
CREATE INDEX events_date ON events(date_value);
CREATE INDEX events_actor ON events(actor_ref);
CREATE INDEX events_target ON events(target_ref);
CREATE INDEX events_place ON events(place_ref);
CREATE INDEX events_place_country ON events(place_country);

-- claims[]: check-worthy statements with their typed slots.
CREATE TABLE claims (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,     -- order within the document
  sentence    INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  kind        TEXT NOT NULL,        -- numeric|event|causal|quote|other
  checkworthy REAL,
  slots       TEXT NOT NULL DEFAULT '{}',  -- JSON {"quantities": ["m8"], ...}
  voice       TEXT,
  source      TEXT,                 -- mention id
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX claims_kind ON claims(kind);
CREATE INDEX claims_checkworthy ON claims(checkworthy);

-- markers[]: propaganda / rhetoric technique spans.
CREATE TABLE markers (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,     -- order within the document
  technique   TEXT NOT NULL,        -- see ontology.md
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  text        TEXT,
  voice       TEXT,
  confidence  REAL,
  PRIMARY KEY (document_id, seq)
) WITHOUT ROWID;
CREATE INDEX markers_technique ON markers(technique);

-- ---------------------------------------------------------------------------
-- Corpus layer.

-- provenance: where each document comes from within the corpus.
CREATE TABLE provenance (
  document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  origin      TEXT NOT NULL,        -- doc id of the earliest copy (itself if original)
  relation    TEXT NOT NULL,        -- original|republication|near_duplicate|translation
  similarity  REAL,
  evidence    TEXT,                 -- republication notice | shingles | entity fingerprint
  computed_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX provenance_origin ON provenance(origin);
CREATE INDEX provenance_relation ON provenance(relation);

-- event_clusters: the same real-world event reported by several documents.
CREATE TABLE event_clusters (
  cluster_id          TEXT PRIMARY KEY,  -- "k17"
  plover              TEXT,              -- dominant type of the members
  date_value          TEXT,              -- earliest / consensus date
  place_ref           TEXT,
  independent_origins INTEGER NOT NULL DEFAULT 0,
  reports             INTEGER NOT NULL DEFAULT 0,
  computed_at         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX event_clusters_date ON event_clusters(date_value);
CREATE INDEX event_clusters_place ON event_clusters(place_ref);

CREATE TABLE cluster_members (
  cluster_id  TEXT NOT NULL REFERENCES event_clusters(cluster_id) ON DELETE CASCADE,
  document_id TEXT NOT NULL,
  event_id    TEXT NOT NULL,
  PRIMARY KEY (cluster_id, document_id, event_id),
  FOREIGN KEY (document_id, event_id)
    REFERENCES events(document_id, event_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX cluster_members_event ON cluster_members(document_id, event_id);
