// The embedded store: one SQLite file (WAL, FTS5) holding documents, their
// versions, the failures of past runs and the tables later layers fill
// (entities, voice, citations, events, claims, markers, provenance).
// Writes are batched in transactions; a kill -9 loses at most the open batch
// and leaves the file consistent, and a re-run skips what is already stored.
// Schema changes are numbered migrations in src/store/migrations/.
#ifndef DOSSIER_STORE_SQLITE_STORE_H_
#define DOSSIER_STORE_SQLITE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "dossier/document.h"
#include "dossier/status.h"

struct sqlite3;

namespace dossier {

struct StoreOptions {
  std::string path = "dossier.db";  // the database file, created if missing
  int batch_size = 256;             // documents per transaction
  int busy_timeout_ms = 10000;      // wait for another writer this long
};

// What Put did with a document.
enum class PutOutcome {
  kAdded,       // a new source key, version 1
  kNewVersion,  // known source key, changed content: version n+1
  kUnchanged,   // same content id already stored under this key
  kDuplicate,   // same content already stored under another key (linked)
};

struct StoreStats {
  int64_t documents = 0;   // distinct content ids
  int64_t sources = 0;     // distinct source keys
  int64_t versions = 0;    // rows in document_versions
  int64_t failures = 0;    // recorded failures (latest per key)
  int64_t text_bytes = 0;  // sum of text sizes
  int64_t schema_version = 0;
  std::vector<std::pair<std::string, int64_t>> by_format, by_language, by_outlet;
};

class SqliteStore {
 public:
  // Opens or creates the database and applies pending migrations.
  // kStorage if it cannot be opened or is not a dossier store.
  static Result<std::unique_ptr<SqliteStore>> Open(const StoreOptions& options);
  ~SqliteStore();

  // The key a document is versioned under: its JSONL/CSV id or URL when
  // given, else "path" or "path:line".
  static std::string SourceKey(const Document& doc);

  // True if a document with content id `id` is already stored under `key`
  // (lets a resumed run skip work before cleaning).
  Result<bool> HasVersion(std::string_view key, std::string_view id);

  // Stores `doc` with its rendered `record_json` (the contract record).
  Result<PutOutcome> Put(const Document& doc, std::string_view record_json);

  // Records that `path` (record at `line`, 0 for a whole file) failed.
  Status RecordFailure(const std::string& path, int64_t line, const Status& why);

  // Commits the open batch. Called automatically every batch_size writes and
  // by the destructor.
  Status Flush();

  Result<StoreStats> Stats();

  // Calls `fn` with each stored document record (latest version per source
  // key, in insertion order). Stops early if `fn` returns false.
  Status ExportDocuments(const std::function<bool(std::string_view record_json)>& fn);

  // Full-text search over titles and text (FTS5 query syntax); calls `fn`
  // with document ids, best first.
  Status Search(std::string_view query, int limit,
                const std::function<void(std::string_view id, std::string_view title)>& fn);

  sqlite3* handle() { return db_; }

 private:
  explicit SqliteStore(const StoreOptions& options) : options_(options) {}
  Status Migrate();
  Status Begin();
  StoreOptions options_;
  sqlite3* db_ = nullptr;
  bool in_tx_ = false;
  int pending_ = 0;
  struct Statements;
  std::unique_ptr<Statements> stmts_;
};

}  // namespace dossier

#endif  // DOSSIER_STORE_SQLITE_STORE_H_
