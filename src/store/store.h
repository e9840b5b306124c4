// The store: documents, their versions, the failures of past runs and the
// tables later layers fill (entities, voice, citations, events, claims,
// markers, provenance), in one of two backends (store/db.h):
//   - an embedded SQLite file (WAL, FTS5), the default: writes are batched
//     in transactions; a kill -9 loses at most the open batch and leaves the
//     file consistent;
//   - a PostgreSQL 15 database with PostGIS (`path` is a postgresql:// URL),
//     for a team or several machines: one transaction per document, so
//     concurrent writers neither wait long for each other nor lose or double
//     a document (content ids + ON CONFLICT).
// A re-run skips what is already stored. Schema changes are numbered
// migrations in src/store/migrations/ (and migrations/postgresql/), compiled
// into the binary at build time.
//
// Errors: every database failure is a kStorage Status naming the store (a
// PostgreSQL URL without its password), the operation and the engine's
// message; nothing throws. A Store is one connection and must be used from
// one thread at a time; several processes may share a store (SQLite: WAL,
// writers wait up to busy_timeout_ms for each other).
#ifndef DOSSIER_STORE_STORE_H_
#define DOSSIER_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"
#include "store/db.h"

struct sqlite3;

namespace dossier {

struct StoreOptions {
  // The SQLite file (created if missing) or a postgresql:// URL.
  std::string path = "dossier.db";
  int batch_size = 256;             // Put/RecordFailure calls per transaction (>= 1; 1 on PostgreSQL)
  int busy_timeout_ms = 10000;      // wait for another writer this long
  // Recorded in layer_runs for the entity rows Put writes (the lexicon and
  // gazetteer versions that produced them).
  std::string layer_version;
};

// What Put did with a document.
enum class PutOutcome {
  kAdded,       // a new source key, version 1
  kNewVersion,  // known source key, changed content: version n+1
  kUnchanged,   // same content id already stored under this key
  kDuplicate,   // same content already stored under another key (linked)
};
// "added", "new_version", "unchanged", "duplicate".
const char* PutOutcomeName(PutOutcome outcome);

struct StoreStats {
  int64_t documents = 0;   // distinct content ids
  int64_t sources = 0;     // distinct source keys
  int64_t versions = 0;    // rows in document_versions
  // Inputs (path, line) whose latest outcome is a failure: a failure counts
  // until a later Put of a document from the same path and line (or, for a
  // whole-file failure at line 0, of any document from that path).
  int64_t failures = 0;
  int64_t text_bytes = 0;  // sum of text sizes
  int64_t schema_version = 0;
  // Distinct documents per value, most frequent first, at most 20 each;
  // documents without a language / outlet count under "(none)".
  std::vector<std::pair<std::string, int64_t>> by_format, by_language, by_outlet;
  // Entity mentions per kind, and the most mentioned places and actors
  // ("Deir ez-Zor" -> 12), at most 10 each.
  std::vector<std::pair<std::string, int64_t>> entities_by_kind, top_places, top_actors;
  // Voice records per kind (author, attributed, ...), attributed and quoted
  // records per source kind ("(none)" without a source), citations per kind
  // and claims per kind.
  std::vector<std::pair<std::string, int64_t>> voice_by_kind, sources_by_kind,
      citations_by_kind, claims_by_kind;
  // Events per PLOVER type (with the mode: "ASSAULT/aerial"), per voice and
  // per modality; events that repeat an earlier one of their document
  // (same_as) are not counted.
  std::vector<std::pair<std::string, int64_t>> events_by_type, events_by_voice,
      events_by_modality;
  // Corpus layer: documents per provenance relation, and event clusters
  // told by two documents or more.
  std::vector<std::pair<std::string, int64_t>> provenance_by_relation;
  int64_t corroborated_clusters = 0;
  int64_t events = 0, events_repeated = 0;
  // Markers per technique and per voice kind, most frequent first.
  std::vector<std::pair<std::string, int64_t>> markers_by_technique, markers_by_voice;
};

// A document's decoded raw input and the offset map from its text to it, in
// code points (contract.md "raw"): pieces in text order without gaps; inside a
// `copy` piece offsets map one to one, any other piece maps its whole text
// range to its whole raw range.
// A selection of rows for an export: a SQL condition over the export's
// tables (for events: `v` the events, `d` their documents) with `?`
// parameters bound in order, and an optional page. Built by src/query from a
// user's filter; the store only runs it.
// A value bound to a statement parameter.
using SqlValue = std::variant<std::string, int64_t, double>;

struct RowSelection {
  std::string where;  // "" selects every row
  std::vector<SqlValue> params;
  int64_t limit = -1;  // < 0: no limit
  int64_t offset = 0;
  // Output only these columns (by name, kept in the export's order); empty:
  // all. An unknown name is InvalidInput listing the known ones.
  std::vector<std::string> columns;
};

struct RawPiece {
  int64_t text_begin = 0, text_end = 0, raw_begin = 0, raw_end = 0;
  bool copy = false;
};
struct RawInput {
  std::string format, encoding;
  std::string raw;
  std::vector<RawPiece> map;
};

class Store {
 public:
  // Opens or creates the database and applies pending migrations.
  // kStorage if it cannot be opened or is not a dossier store.
  static Result<std::unique_ptr<Store>> Open(const StoreOptions& options);
  // Process-wide SQLite settings for a program that stores: no memory
  // statistics, which nothing reads and for which every SQLite allocation
  // and free takes a global mutex (~5% of an ingest's instructions); and
  // statement journals kept in memory up to 8 MB instead of 64 KB (an
  // ingest wrote ~17 pages per document to a temporary file for them). Call
  // first thing in main, before any thread uses SQLite; a call after SQLite
  // has started does nothing.
  static void ConfigureSqlite();
  ~Store();

  // The key a document is versioned under. Rule, first that applies:
  //   1. a JSONL/CSV id given by the container:  "path#id"
  //      (ids are scoped by file: datasets number their rows 1, 2, ...)
  //   2. a URL (given, or found while cleaning): the URL itself
  //   3. a record of a JSONL/CSV file (line > 0): "path:line"
  //   4. a whole file:                            "path"
  // Paths are used as given (no canonicalisation), so re-run with the same
  // arguments to update in place. Empty optionals are treated as absent.
  static std::string SourceKeyFor(std::string_view path, int64_t line,
                                  const std::optional<std::string>& given_id,
                                  const std::optional<std::string>& url);
  // SourceKeyFor(doc.path, doc.line, doc.given_id, doc.meta.url).
  static std::string SourceKey(const Document& doc);

  // Calls `fn` with every (source key, content id) pair ever stored (lets a
  // resumed run skip stored documents without touching the connection from
  // worker threads).
  Status ForEachVersion(const std::function<void(std::string_view key, std::string_view id)>& fn);

  // True if `key` has had content id `id` at any version, i.e.
  // Put would return kUnchanged (lets a resumed run skip work before
  // cleaning). Reads only; a skipped input does not clear its old failures.
  Result<bool> HasVersion(std::string_view key, std::string_view id);

  // Stores `doc` (doc.id is its content id and must not be empty) with its
  // rendered `record_json` (the contract record) under SourceKey(doc) or the
  // given `source_key`:
  //   - key unknown, id unknown        -> kAdded: document, version 1
  //   - key unknown, id stored         -> kDuplicate: version 1 of the new key
  //                                       points at the stored document
  //   - key has had id (any version)   -> kUnchanged: nothing written
  //   - key known, latest has other id -> kNewVersion: version n+1 (plus the
  //                                       document row if id is new)
  // A document row is written once per content id; re-ingesting the same
  // content adds nothing. The write joins the open batch and is durable once
  // the batch commits. A storage error while writing rolls back the whole
  // open batch (the message says how many writes); a resumed run redoes them.
  Result<PutOutcome> Put(const Document& doc, std::string_view record_json);
  Result<PutOutcome> Put(const Document& doc, std::string_view record_json,
                         std::string_view source_key);

  // Records that `path` (record at `line`, 0 for a whole file) failed, with
  // StatusCodeName(why.code()), why.message() and the time. Failures are kept
  // as history; see StoreStats::failures for what counts as failing now.
  Status RecordFailure(const std::string& path, int64_t line, const Status& why);

  // Commits the open batch. Called automatically every batch_size writes and
  // by the destructor.
  Status Flush();

  // Counts over the store, including the open batch's writes.
  Result<StoreStats> Stats();

  // Calls `fn` with each stored document record that is the latest version
  // of at least one source key, once per document (a duplicate under several
  // keys is exported once), in the order the documents were first stored.
  // Streams row by row. Commits the open batch first. Stops early if `fn`
  // returns false.
  Status ExportDocuments(const std::function<bool(std::string_view record_json)>& fn);
  // Entity rows of every stored document, in document then mention order,
  // written as `format`: "jsonl" (one object per mention: document_id and
  // the entities columns, SQL NULL as null), "csv" (a header line, then one
  // RFC 4180 row per mention) or "geojson" (one FeatureCollection of the
  // place mentions, a Point per mention, the other columns as properties).
  // `fn` receives the output in pieces (each ends with a newline) and may
  // return false to stop. InvalidInput for another format.
  Status ExportEntities(std::string_view format,
                        const std::function<bool(std::string_view chunk)>& fn);

  // Claim rows of every stored document, in document then claim order, as
  // "jsonl" (one object per claim: document_id, seq, sentence, start, end,
  // text (the claim's words), kind, checkworthy, voice, source (mention id),
  // source_text and source_entity_kind of that mention, slots as an object)
  // or "csv" (a header line, then one RFC 4180 row per claim; slots as JSON
  // text). `fn` receives the output in pieces. InvalidInput for another format.
  Status ExportClaims(std::string_view format,
                      const std::function<bool(std::string_view chunk)>& fn);

  // Event rows of every stored document, in document then event order, as
  // "jsonl" (one object per event with the columns of the events table,
  // including the role mentions' text, codes and place coordinates), "csv"
  // (a header line, then one RFC 4180 row per event) or "geojson" (a
  // FeatureCollection of the events whose place has coordinates, as Point
  // features with the other columns as properties). `fn` receives the output
  // in pieces. InvalidInput for another format.
  Status ExportEvents(std::string_view format,
                      const std::function<bool(std::string_view chunk)>& fn);
  // The same for the events `selection` picks, in the same order.
  Status ExportEvents(std::string_view format, const RowSelection& selection,
                      const std::function<bool(std::string_view chunk)>& fn);
  // Marker rows of every stored document, in document then marker order, as
  // "jsonl" (one object per marker: document_id, seq, sentence, technique,
  // start, end, text, voice, source (mention id), source_text, confidence,
  // rule) or "csv" (a header line, then one RFC 4180 row per marker). `fn`
  // receives the output in pieces. InvalidInput for another format.
  Status ExportMarkers(std::string_view format,
                       const std::function<bool(std::string_view chunk)>& fn);

  // Full-text search over titles and text (FTS5 query syntax, bm25 ranking
  // with titles weighted double); calls `fn` with document ids and titles
  // ("" if none), best first, at most `limit` (<= 0: no limit). A malformed
  // query is kUsage with SQLite's message.
  Status Search(std::string_view query, int limit,
                const std::function<void(std::string_view id, std::string_view title)>& fn);

  // The raw input stored with document `id` (nullopt for an unknown id or a
  // document stored before schema 9). kStorage if the stored value is corrupt.
  Result<std::optional<RawInput>> ReadRaw(std::string_view id);

  const std::string& path() const { return options_.path; }
  // The path, or the PostgreSQL URL without its password: for messages.
  std::string StoreName() const {
    return postgres_ ? db::RedactUrl(options_.path) : options_.path;
  }
  bool postgres() const { return postgres_; }
  // The connection, over either backend (store/db.h).
  db::Connection* connection() { return conn_.get(); }
  // The raw connection, for layers that fill their own tables and for tests.
  // While a batch is open, writes made through it join the batch (Flush
  // commits them). Add documents only through Put: it keeps documents_fts in
  // step (there is no insert trigger, see 001_init.sql).
  // Null for a PostgreSQL store.
  sqlite3* handle() { return db_; }

 private:
  explicit Store(const StoreOptions& options);
  Status Connect();
  Status Migrate();
  Status Prepare();
  Status Begin();
  // Counts one write; commits when batch_size writes are pending.
  Status Written();
  // Ends the open batch after a failed write; returns `cause` (kStorage)
  // noting how many pending writes were lost.
  Status RollbackBatch(const Status& cause);
  // Writes doc.mentions as entities rows (and a layer_runs row) of a newly
  // inserted document.
  Status PutEntities(const Document& doc, const std::string& now);
  // Writes doc.voice, doc.citations and doc.claims as rows of the voice,
  // citations and claims tables (and a layer_runs row "voice") of a newly
  // inserted document; nothing if the voice layer did not run.
  Status PutVoice(const Document& doc, const std::string& now);
  // Writes doc.events as rows of the events table (and a layer_runs row
  // "events") of a newly inserted document; nothing if it has no events.
  Status PutEvents(const Document& doc, const std::string& now);
  // Writes doc.markers as rows of markers and doc.marker_profile as a row of
  // marker_profiles (and a layer_runs row "markers") of a newly inserted
  // document; nothing if the markers layer did not run.
  Status PutMarkers(const Document& doc, const std::string& now);
  // Writes the decoded raw input and the text -> raw map of a newly inserted
  // document (zlib-compressed); nothing when the document has no raw input.
  Status PutRaw(const Document& doc);
  void BindSelection(db::Statement* st, const RowSelection& selection);
  Result<PutOutcome> PutLocked(const Document& doc, std::string_view record_json,
                               std::string_view key, const std::string& now);
  // kStorage "store <path>: <op>: <sqlite3_errmsg>".
  Status SqlError(std::string_view op) const;
  Status Exec(const char* sql, std::string_view op);
  StoreOptions options_;
  sqlite3* db_ = nullptr;                 // SQLite only
  std::unique_ptr<db::Connection> conn_;  // either backend
  bool postgres_ = false;
  bool in_tx_ = false;
  int pending_ = 0;
  struct Statements;
  std::unique_ptr<Statements> stmts_;
};

}  // namespace dossier

#endif  // DOSSIER_STORE_STORE_H_
