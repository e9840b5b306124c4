#include "store/store.h"

#include "dossier/utf8.h"

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <system_error>

#include <zlib.h>

#include "dossier/json_writer.h"
#include "dossier/utf8.h"
#include "store/migrations.h"
#include "store/sqlite_util.h"
#include "annotate/markers/markers_annotator.h"

namespace dossier {
namespace {

using store_internal::kMigrationCount;
using store_internal::kMigrations;
using store_internal::ColumnText;
using store_internal::NowUtc;
using store_internal::Stmt;

std::string AuthorsJson(const std::vector<std::string>& authors) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  for (const std::string& a : authors) w.String(a);
  w.EndArray();
  return out;
}

std::optional<std::string> RepublishedJson(const RepublishedFrom& r) {
  if (r.empty()) return std::nullopt;
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("outlet");
  w.OptString(r.outlet);
  w.Key("published");
  w.OptString(r.published);
  w.Key("url");
  w.OptString(r.url);
  w.EndObject();
  return out;
}

std::optional<std::string> NonEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

constexpr char kSchemaMigrationsDdl[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

}  // namespace

const char* PutOutcomeName(PutOutcome outcome) {
  switch (outcome) {
    case PutOutcome::kAdded: return "added";
    case PutOutcome::kNewVersion: return "new_version";
    case PutOutcome::kUnchanged: return "unchanged";
    case PutOutcome::kDuplicate: return "duplicate";
  }
  return "added";
}

// The statements used per document, prepared once per connection.
struct Store::Statements {
  std::unique_ptr<db::Statement> begin, commit, rollback;
  std::unique_ptr<db::Statement> get_source, has_document, has_version;
  std::unique_ptr<db::Statement> insert_document, index_document, insert_version, insert_source, update_source;
  std::unique_ptr<db::Statement> open_failure, resolve_failures, insert_failure;
  std::unique_ptr<db::Statement> insert_entity, insert_layer_run;
  std::unique_ptr<db::Statement> insert_voice, insert_citation, insert_claim;
  std::unique_ptr<db::Statement> insert_marker, insert_marker_profile;
  std::unique_ptr<db::Statement> insert_event;
  std::unique_ptr<db::Statement> insert_raw;
};

Store::Store(const StoreOptions& options) : options_(options) {}

Status Store::SqlError(std::string_view op) const {
  std::string m = "store " + StoreName() + ": " + std::string(op) + ": ";
  m += conn_ ? conn_->ErrorMessage() : db_ ? sqlite3_errmsg(db_) : "out of memory";
  return StorageError(std::move(m));
}

Status Store::Exec(const char* sql, std::string_view op) {
  if (!conn_->Exec(sql)) return SqlError(op);
  return Status::Ok();
}

void Store::ConfigureSqlite() {
  // SQLITE_MISUSE once SQLite is initialised: then nothing changes.
  (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 8 << 20);
}

Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  if (options.path.empty()) return UsageError("store path is empty");
  if (options.batch_size < 1) {
    return UsageError("store batch_size must be at least 1, got " +
                      std::to_string(options.batch_size));
  }
  std::unique_ptr<Store> store(new Store(options));
  if (db::IsPostgresUrl(options.path)) {
    auto conn = db::ConnectPostgres(options.path);
    if (!conn.ok()) return conn.status();
    store->conn_ = std::move(conn).value();
    store->postgres_ = true;
    // One document per transaction: concurrent writers (several processes or
    // machines) then never hold each other's rows for long nor deadlock, and
    // a document's rows still land together. Commits are not flushed to disk
    // one by one; a server crash loses at most the last moments of commits,
    // which a re-run redoes (like a killed SQLite batch).
    store->options_.batch_size = 1;
    DOSSIER_RETURN_IF_ERROR(
        store->Exec("SET synchronous_commit TO off", "SET synchronous_commit"));
  } else {
    DOSSIER_RETURN_IF_ERROR(store->Connect());
  }
  DOSSIER_RETURN_IF_ERROR(store->Migrate());
  DOSSIER_RETURN_IF_ERROR(store->Prepare());
  return Result<std::unique_ptr<Store>>(std::move(store));
}

Status Store::Connect() {
  namespace fs = std::filesystem;
  const std::string& path = options_.path;
  const bool memory = path == ":memory:" || path.rfind("file:", 0) == 0;
  if (!memory) {
    // SQLite only says "unable to open database file"; name the cause.
    fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) parent = ".";
    std::error_code ec;
    if (!fs::is_directory(parent, ec)) {
      return StorageError("cannot open store " + path + ": directory " +
                          parent.string() + " does not exist");
    }
    if (fs::is_directory(path, ec)) {
      return StorageError("cannot open store " + path + ": it is a directory");
    }
  }
  int rc = sqlite3_open_v2(path.c_str(), &db_,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                               SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string m = "cannot open store " + path + ": " +
                    (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    if (!memory && access(path.c_str(), F_OK) != 0) m += " (cannot create the file here)";
    return StorageError(std::move(m));
  }
  conn_ = db::WrapSqlite(db_);
  if (sqlite3_db_readonly(db_, "main") == 1) {
    return StorageError("cannot open store " + path + ": the file is read-only");
  }
  sqlite3_busy_timeout(db_, options_.busy_timeout_ms);

  // The first statement reads the header: a file that is not a database
  // fails here.
  Stmt mode;
  rc = sqlite3_prepare_v2(db_, "PRAGMA journal_mode=WAL", -1, mode.out(), nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(mode.get());
  if (rc == SQLITE_NOTADB) {
    return StorageError("cannot open store " + path +
                        ": not a SQLite database (" + sqlite3_errmsg(db_) + ")");
  }
  if (rc == SQLITE_CORRUPT) {
    return StorageError("cannot open store " + path + ": the database is corrupt (" +
                        sqlite3_errmsg(db_) + ")");
  }
  if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN) {
    return StorageError("cannot open store " + path + ": " + sqlite3_errmsg(db_) +
                        " (WAL mode needs to create " + path + "-wal and " + path +
                        "-shm next to it)");
  }
  if (rc != db::kRow) return SqlError("PRAGMA journal_mode=WAL");
  const std::string journal(ColumnText(mode.get(), 0));
  if (journal != "wal" && journal != "memory") {
    return StorageError("cannot open store " + path +
                        ": cannot switch to WAL journal mode (mode is " + journal + ")");
  }
  DOSSIER_RETURN_IF_ERROR(Exec("PRAGMA synchronous=NORMAL", "PRAGMA synchronous"));
  DOSSIER_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON", "PRAGMA foreign_keys"));
  // A larger page cache keeps the FTS segments being merged in memory.
  DOSSIER_RETURN_IF_ERROR(Exec("PRAGMA cache_size=-32768", "PRAGMA cache_size"));
  // Checkpoint every 64 MB of WAL instead of 4 MB (fewer fsyncs in bulk
  // ingest) and truncate a larger WAL file back to 64 MB afterwards.
  DOSSIER_RETURN_IF_ERROR(Exec("PRAGMA wal_autocheckpoint=16384", "PRAGMA wal_autocheckpoint"));
  DOSSIER_RETURN_IF_ERROR(
      Exec("PRAGMA journal_size_limit=67108864", "PRAGMA journal_size_limit"));
  return Status::Ok();
}

Status Store::Migrate() {
  const std::string& path = options_.path;
  // PostgreSQL's first migration creates the whole schema of the SQLite
  // version it is numbered as; later ones follow SQLite's.
  const store_internal::Migration* migrations =
      postgres_ ? store_internal::kPostgresMigrations : kMigrations;
  const int count = postgres_ ? store_internal::kPostgresMigrationsCount : kMigrationCount;
  const int known = migrations[count - 1].version;
  const char* list_tables =
      postgres_ ? "SELECT table_name FROM information_schema.tables"
                  " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_schema WHERE type = 'table'";

  struct State {
    bool has_migrations = false;
    int64_t other_tables = 0;
    int64_t version = 0;
  };
  auto read_state = [&](State* st) -> Status {
    *st = State();
    std::unique_ptr<db::Statement> q = conn_->Prepare(list_tables);
    if (!q) return SqlError("read schema");
    int rc;
    while ((rc = q->Step()) == db::kRow) {
      std::string_view name = q->Text(0);
      if (name == "schema_migrations") {
        st->has_migrations = true;
      } else if (name.substr(0, 7) != "sqlite_" && name != "spatial_ref_sys") {
        ++st->other_tables;  // (spatial_ref_sys is PostGIS's own)
      }
    }
    if (rc != db::kDone) return SqlError("read schema");
    if (!st->has_migrations) return Status::Ok();
    std::unique_ptr<db::Statement> v =
        conn_->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!v || v->Step() != db::kRow) return SqlError("read schema_migrations");
    st->version = v->Int(0);
    return Status::Ok();
  };
  auto check = [&](const State& st) -> Status {
    if (!st.has_migrations && st.other_tables > 0) {
      return StorageError("cannot open store " + StoreName() +
                          ": not a dossier store (it has tables but no "
                          "schema_migrations table)");
    }
    if (st.version > known) {
      return StorageError("cannot open store " + StoreName() + ": its schema version " +
                          std::to_string(st.version) +
                          " is newer than this dossier knows (" + std::to_string(known) +
                          "); use a newer dossier");
    }
    return Status::Ok();
  };
  (void)path;

  // Read without a write lock first: an up-to-date store (the common case)
  // opens without waiting for a writer in another process.
  State st;
  DOSSIER_RETURN_IF_ERROR(read_state(&st));
  DOSSIER_RETURN_IF_ERROR(check(st));
  while (st.version < known) {
    // One transaction per migration; re-read under the write lock in case
    // another process migrated meanwhile (PostgreSQL: an advisory lock that
    // every dossier migrating this database takes).
    DOSSIER_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "begin migration"));
    Status s;
    if (postgres_) s = Exec("SELECT pg_advisory_xact_lock(7355608001)", "lock for migration");
    if (s.ok()) s = read_state(&st);
    if (s.ok()) s = check(st);
    if (s.ok() && st.version < known) {
      int next = 0;
      while (migrations[next].version <= st.version) ++next;
      const store_internal::Migration& m = migrations[next];
      char label[16];
      std::snprintf(label, sizeof label, "%03d", m.version);
      const std::string op = std::string("migration ") + label + "_" + m.name;
      if (!st.has_migrations) s = Exec(kSchemaMigrationsDdl, "create schema_migrations");
      if (s.ok()) s = Exec(m.sql, op);
      if (s.ok()) {
        std::unique_ptr<db::Statement> ins = conn_->Prepare(
            "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?1, ?2, ?3)");
        const std::string now = NowUtc();
        int rc = db::kError;
        if (ins) rc = db::Bound(ins).Int(m.version).Text(m.name).Text(now).Step();
        if (rc != db::kDone) s = SqlError(op + ": record in schema_migrations");
      }
      if (s.ok()) {
        s = Exec("COMMIT", op + ": commit");
        if (s.ok()) {
          st.version = m.version;
          continue;
        }
      }
    } else if (s.ok()) {
      s = Exec("COMMIT", "end migration");  // another process migrated meanwhile
      if (s.ok()) break;
    }
    if (conn_->InTransaction()) conn_->Exec("ROLLBACK");
    DOSSIER_RETURN_IF_ERROR(s);
  }
  return Status::Ok();
}

Status Store::Prepare() {
  stmts_ = std::make_unique<Statements>();
  Statements& s = *stmts_;
  const struct {
    std::unique_ptr<db::Statement>* stmt;
    const char* sql;
  } table[] = {
      {&s.begin, "BEGIN IMMEDIATE"},
      {&s.commit, "COMMIT"},
      {&s.rollback, "ROLLBACK"},
      {&s.get_source, "SELECT document_id, version FROM sources WHERE source_key = ?1"},
      {&s.has_document, "SELECT 1 FROM documents WHERE id = ?1"},
      {&s.has_version,
       "SELECT 1 FROM document_versions WHERE source_key = ?1 AND document_id = ?2"},
      {&s.insert_document,
       "INSERT INTO documents(id, format, encoding, path, line, title, authors, outlet,"
       " published, language, url, republished_from, text, record, text_bytes,"
       " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
       " ?14, ?15, ?16) ON CONFLICT (id) DO NOTHING RETURNING doc_no"},
      {&s.index_document,
       "INSERT INTO documents_fts(rowid, title, text) VALUES (?1, ?2, ?3)"},
      {&s.insert_version,
       "INSERT INTO document_versions(source_key, version, document_id, created_at)"
       " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING"},
      {&s.insert_source,
       "INSERT INTO sources(source_key, document_id, version, first_seen, last_seen)"
       " VALUES (?1, ?2, 1, ?3, ?3) ON CONFLICT (source_key) DO NOTHING"},
      {&s.update_source,
       "UPDATE sources SET document_id = ?2, version = ?3, last_seen = ?4"
       " WHERE source_key = ?1"},
      {&s.open_failure,
       "SELECT 1 FROM failures WHERE path = ?1 AND line IN (?2, 0)"
       " AND resolved_at IS NULL LIMIT 1"},
      {&s.resolve_failures,
       "UPDATE failures SET resolved_at = ?3 WHERE path = ?1 AND line IN (?2, 0)"
       " AND resolved_at IS NULL"},
      {&s.insert_failure,
       "INSERT INTO failures(path, line, code, message, at) VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s.insert_entity,
       "INSERT INTO entities(document_id, mention_id, kind, text, start, end, raw_start,"
       " raw_end, sentence, ref, name, lat, lon, country, admin1, feature, precision,"
       " actor_country, actor_sector, actor_sectors, actor_group, actor_backed_by,"
       " date_value, date_precision, date_relative, date_end, date_anchor,"
       " quantity_value, quantity_low, quantity_high, qualifier, unit, role, confidence)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
       " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,"
       " ?33, ?34)"},
      {&s.insert_voice,
       "INSERT INTO voice(document_id, seq, sentence, start, end, kind, source, source_kind,"
       " cue_text, cue_start, cue_end, content_start, content_end)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"},
      {&s.insert_citation,
       "INSERT INTO citations(document_id, citation_id, kind, title, issuer, date, mentions, url)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
      {&s.insert_claim,
       "INSERT INTO claims(document_id, seq, sentence, start, end, kind, checkworthy, slots,"
       " voice, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
      {&s.insert_marker,
       "INSERT INTO markers(document_id, seq, technique, start, end, text, voice, confidence,"
       " sentence, source, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"},
      {&s.insert_marker_profile,
       "INSERT INTO marker_profiles(document_id, words, markers, per_1000_words,"
       " author_share, techniques, densest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&s.insert_raw,
       "INSERT INTO document_raw(document_id, raw_bytes, raw, map)"
       " VALUES (?1, ?2, ?3, ?4)"},
      {&s.insert_event,
       "INSERT INTO events(document_id, event_id, sentence, start, end, trigger_text,"
       " trigger_start, trigger_end, plover, mode, cameo, acled, acled_sub,"
       " actor_mention, actor_text, actor_ref, actor_country, actor_sector,"
       " target_mention, target_text, target_ref, target_country, target_sector,"
       " place_mention, place_text, place_ref, place_lat, place_lon, place_country,"
       " date_mention, date_value, date_precision,"
       " dead_value, dead_low, dead_high, dead_qualifier, dead_mention,"
       " injured_value, injured_low, injured_high, injured_qualifier, injured_mention,"
       " voice, source, negated, hypothetical, confidence, modality, same_as, pattern)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
       " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,"
       " ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48,"
       " ?49, ?50)"},
      {&s.insert_layer_run,
       "INSERT INTO layer_runs(document_id, layer, version, at)"
       " VALUES (?1, ?2, ?3, ?4)"},
  };
  // The rows of a new document's layers (entities ... layer_runs) are plain
  // INSERTs: the document was inserted just before, so none of its rows can
  // exist yet. On PostgreSQL they travel together in one message (db.h).
  for (const auto& t : table) {
    // PostgreSQL indexes documents itself (documents.tsv).
    if (postgres_ && t.stmt == &s.index_document) continue;
    *t.stmt = conn_->Prepare(t.sql);
    if (!*t.stmt) return SqlError(std::string("prepare ") + t.sql);
  }
  return Status::Ok();
}

Store::~Store() {
  if (db_ && stmts_) {
    Status s = Flush();
    // Nobody is left to return this to.
    if (!s.ok()) std::fprintf(stderr, "dossier: %s\n", s.ToString().c_str());
  }
  stmts_.reset();
  conn_.reset();
  if (db_) sqlite3_close_v2(db_);
}

std::string Store::SourceKeyFor(std::string_view path, int64_t line,
                                      const std::optional<std::string>& given_id,
                                      const std::optional<std::string>& url) {
  if (given_id && !given_id->empty()) {
    std::string key(path);
    key += '#';
    key += *given_id;
    return key;
  }
  if (url && !url->empty()) return *url;
  std::string key(path);
  if (line > 0) {
    key += ':';
    key += std::to_string(line);
  }
  return key;
}

std::string Store::SourceKey(const Document& doc) {
  return SourceKeyFor(doc.path, doc.line, doc.given_id, doc.meta.url);
}

Status Store::ForEachVersion(
    const std::function<void(std::string_view key, std::string_view id)>& fn) {
  std::unique_ptr<db::Statement> q =
      conn_->Prepare("SELECT source_key, document_id FROM document_versions");
  int rc = db::kError;
  if (q) {
    while ((rc = q->Step()) == db::kRow) fn(q->Text(0), q->Text(1));
  }
  if (rc != db::kDone) return SqlError("list source keys");
  return Status::Ok();
}

Status Store::Begin() {
  if (in_tx_) return Status::Ok();
  db::Bound u(stmts_->begin);
  if (u.Step() != db::kDone) return SqlError("begin batch");
  in_tx_ = true;
  pending_ = 0;
  return Status::Ok();
}

Status Store::Written() {
  if (++pending_ >= options_.batch_size) return Flush();
  return Status::Ok();
}

Status Store::Flush() {
  if (!in_tx_ || !stmts_) return Status::Ok();
  int rc;
  {
    db::Bound u(stmts_->commit);
    rc = u.Step();
  }
  if (rc == db::kDone) {
    in_tx_ = false;
    pending_ = 0;
    return Status::Ok();
  }
  return RollbackBatch(SqlError("commit batch"));
}

Result<bool> Store::HasVersion(std::string_view key, std::string_view id) {
  db::Bound u(stmts_->has_version);
  const int rc = u.Text(key).Text(id).Step();
  if (rc == db::kRow) return true;
  if (rc == db::kDone) return false;
  return SqlError("look up source key");
}

Result<PutOutcome> Store::Put(const Document& doc, std::string_view record_json) {
  return Put(doc, record_json, SourceKey(doc));
}

Result<PutOutcome> Store::Put(const Document& doc, std::string_view record_json,
                                    std::string_view source_key) {
  if (doc.id.empty()) {
    return UsageError("store " + StoreName() + ": document from " + doc.path +
                      " has no content id");
  }
  if (source_key.empty()) {
    return UsageError("store " + StoreName() + ": document " + doc.id +
                      " has an empty source key");
  }
  DOSSIER_RETURN_IF_ERROR(Begin());
  Result<PutOutcome> r = PutLocked(doc, record_json, source_key, NowUtc());
  if (!r.ok()) return RollbackBatch(r.status());
  DOSSIER_RETURN_IF_ERROR(Written());
  return r;
}

Status Store::RollbackBatch(const Status& cause) {
  // Deliberately no SAVEPOINT per document to undo just the failed one: FTS5
  // syncs its pending terms at every savepoint, which cost ~15% of the insert
  // rate. Errors here are disk full, I/O or corruption, after which the batch
  // is lost anyway (SQLite rolls some of them back itself).
  if (conn_->InTransaction()) {
    db::Bound u(stmts_->rollback);
    (void)u.Step();
  }
  const int lost = pending_;
  in_tx_ = false;
  pending_ = 0;
  return StorageError(cause.message() + " (the open batch of " + std::to_string(lost) +
                      " earlier writes was rolled back)");
}

Status Store::PutEntities(const Document& doc, const std::string& now) {
  Statements& s = *stmts_;
  const utf8::CodepointIndex text_cp(doc.text);
  const utf8::CodepointIndex raw_cp(doc.raw ? std::string_view(*doc.raw) : std::string_view());
  for (const Mention& m : doc.mentions) {
    const std::string_view text =
        std::string_view(doc.text).substr(m.span.begin, m.span.end - m.span.begin);
    size_t rb = doc.raw_map.MapBegin(m.span.begin), re = doc.raw_map.MapEnd(m.span.end);
    if (re < rb) re = rb;
    std::string sectors;
    if (m.actor)
      for (const auto& sc : m.actor->sectors) sectors += (sectors.empty() ? "" : "|") + sc;
    db::Bound u(s.insert_entity);
    u.Text(doc.id).Text(m.id).Text(m.kind).Text(text)
        .Int(static_cast<int64_t>(text_cp.ToCodepoint(m.span.begin)))
        .Int(static_cast<int64_t>(text_cp.ToCodepoint(m.span.end)));
    if (doc.raw) {
      u.Int(static_cast<int64_t>(raw_cp.ToCodepoint(rb)))
          .Int(static_cast<int64_t>(raw_cp.ToCodepoint(re)));
    } else {
      u.Null().Null();
    }
    u.Int(m.sentence).TextOrNull(m.ref).TextOrNull(m.name);
    if (m.geo) {
      u.Real(m.geo->lat).Real(m.geo->lon).TextOrNull(m.geo->country)
          .TextOrNull(m.geo->admin1).TextOrNull(m.geo->feature).TextOrNull(m.geo->precision);
    } else {
      u.Null().Null().Null().Null().Null().Null();
    }
    if (m.actor) {
      u.TextOrNull(m.actor->country)
          .TextOrNull(m.actor->sectors.empty() ? std::string_view() : m.actor->sectors[0])
          .TextOrNull(sectors).TextOrNull(m.actor->group).TextOrNull(m.actor->backed_by);
    } else {
      u.Null().Null().Null().Null().Null();
    }
    if (m.date) {
      u.Text(m.date->value).Text(m.date->precision).Int(m.date->relative ? 1 : 0)
          .TextOrNull(m.date->value_end).TextOrNull(m.date->anchor);
    } else {
      u.Null().Null().Null().Null().Null();
    }
    if (m.quantity) {
      const QuantityValue& q = *m.quantity;
      u.Real(q.value);
      if (q.qualifier == "at_most" && q.low == 0) u.Null(); else u.Real(q.low);
      if (q.high == 0 && q.value != 0) u.Null(); else u.Real(q.high);
      u
          .TextOrNull(m.quantity->qualifier).TextOrNull(m.quantity->unit)
          .TextOrNull(m.quantity->role);
    } else {
      u.Null().Null().Null().Null().Null().Null();
    }
    u.Real(m.confidence);
    if (u.Step() != db::kDone) return SqlError("insert entity " + m.id + " of " + doc.id);
  }
  db::Bound run(s.insert_layer_run);
  if (run.Text(doc.id).Text("entities").Text(options_.layer_version).Text(now).Step() !=
      db::kDone)
    return SqlError("record layer run of " + doc.id);
  return Status::Ok();
}

Status Store::PutVoice(const Document& doc, const std::string& now) {
  if (doc.voice.empty() && doc.citations.empty() && doc.claims.empty()) return Status::Ok();
  Statements& s = *stmts_;
  const utf8::CodepointIndex cp(doc.text);
  auto T = [&](uint32_t byte) { return static_cast<int64_t>(cp.ToCodepoint(byte)); };
  // A mention index past the end (dropped by --max-entities) is NULL.
  auto id = [&](int i) -> std::string_view {
    if (i < 0 || static_cast<size_t>(i) >= doc.mentions.size()) return {};
    return doc.mentions[i].id;
  };
  int64_t seq = 0;
  for (const VoiceRecord& v : doc.voice) {
    const std::string_view src = id(v.source);
    const std::string cue_text =
        v.cue ? doc.text.substr(v.cue->begin, v.cue->end - v.cue->begin) : std::string();
    db::Bound u(s.insert_voice);
    u.Text(doc.id).Int(seq++).Int(v.sentence).Int(T(v.span.begin)).Int(T(v.span.end))
        .Text(v.kind).TextOrNull(src).TextOrNull(src.empty() ? std::string_view() : v.source_kind);
    if (v.cue) u.Text(cue_text).Int(T(v.cue->begin)).Int(T(v.cue->end)); else u.Null().Null().Null();
    if (v.content) u.Int(T(v.content->begin)).Int(T(v.content->end)); else u.Null().Null();
    if (u.Step() != db::kDone) return SqlError("insert voice of " + doc.id);
  }
  for (const Citation& c : doc.citations) {
    std::string mentions = "[";
    for (const Span& m : c.mentions) {
      if (mentions.size() > 1) mentions += ",";
      mentions += "[" + std::to_string(T(m.begin)) + "," + std::to_string(T(m.end)) + "]";
    }
    mentions += "]";
    db::Bound u(s.insert_citation);
    u.Text(doc.id).Text(c.id).Text(c.kind).TextOrNull(c.title).TextOrNull(id(c.issuer))
        .TextOrNull(c.date).Text(mentions).TextOrNull(c.url);
    if (u.Step() != db::kDone) return SqlError("insert citation " + c.id + " of " + doc.id);
  }
  seq = 0;
  for (const Claim& c : doc.claims) {
    std::string slots;
    JsonWriter w(&slots);
    w.BeginObject();
    for (const auto& [key, v] : {std::pair<const char*, const std::vector<int>*>{"quantities", &c.quantities},
                                 {"dates", &c.dates}, {"places", &c.places}, {"actors", &c.actors}}) {
      w.Key(key);
      w.BeginArray();
      for (int i : *v)
        if (!id(i).empty()) w.String(id(i));
      w.EndArray();
    }
    w.EndObject();
    db::Bound u(s.insert_claim);
    u.Text(doc.id).Int(seq++).Int(c.sentence).Int(T(c.span.begin)).Int(T(c.span.end))
        .Text(c.kind).Real(c.checkworthy).Text(slots).Text(c.voice).TextOrNull(id(c.source));
    if (u.Step() != db::kDone) return SqlError("insert claim of " + doc.id);
  }
  db::Bound run(s.insert_layer_run);
  if (run.Text(doc.id).Text("voice").Text(options_.layer_version).Text(now).Step() !=
      db::kDone)
    return SqlError("record layer run of " + doc.id);
  return Status::Ok();
}

Status Store::PutEvents(const Document& doc, const std::string& now) {
  if (doc.events.empty()) return Status::Ok();
  Statements& s = *stmts_;
  const utf8::CodepointIndex cp(doc.text);
  auto T = [&](uint32_t byte) { return static_cast<int64_t>(cp.ToCodepoint(byte)); };
  // A mention index past the end (dropped by --max-entities) is NULL.
  auto valid = [&](int i) { return i >= 0 && static_cast<size_t>(i) < doc.mentions.size(); };
  auto text = [&](Span sp) { return std::string_view(doc.text).substr(sp.begin, sp.end - sp.begin); };
  for (const EventRecord& e : doc.events) {
    db::Bound u(s.insert_event);
    u.Text(doc.id).Text(e.id).Int(e.sentence).Int(T(e.span.begin)).Int(T(e.span.end))
        .Text(text(e.trigger)).Int(T(e.trigger.begin)).Int(T(e.trigger.end))
        .Text(e.plover).TextOrNull(e.mode).TextOrNull(e.cameo).TextOrNull(e.acled)
        .TextOrNull(e.acled_sub);
    for (int role : {e.actor, e.target}) {
      if (!valid(role)) {
        u.Null().Null().Null().Null().Null();
        continue;
      }
      const Mention& m = doc.mentions[role];
      std::string_view country, sector;
      if (m.actor) {
        country = m.actor->country;
        if (!m.actor->sectors.empty()) sector = m.actor->sectors.front();
      } else if (m.geo) {
        country = m.geo->country;
      }
      u.Text(m.id).Text(text(m.span)).TextOrNull(m.ref).TextOrNull(country).TextOrNull(sector);
    }
    if (valid(e.place)) {
      const Mention& m = doc.mentions[e.place];
      u.Text(m.id).Text(text(m.span)).TextOrNull(m.ref);
      if (m.geo) u.Real(m.geo->lat).Real(m.geo->lon).TextOrNull(m.geo->country);
      else u.Null().Null().Null();
    } else {
      u.Null().Null().Null().Null().Null().Null();
    }
    if (valid(e.date) && doc.mentions[e.date].date) {
      const Mention& m = doc.mentions[e.date];
      u.Text(m.id).Text(m.date->value).Text(m.date->precision);
    } else {
      u.Null().Null().Null();
    }
    // The sums live until the statement runs (Bound keeps views of text).
    QuantityValue sums[2];
    const std::pair<int, const std::vector<int>*> counts[] = {{e.dead, &e.dead_also},
                                                              {e.injured, &e.injured_also}};
    for (int i = 0; i < 2; ++i) {
      const int role = counts[i].first;
      if (!valid(role) || !doc.mentions[role].quantity) {
        u.Null().Null().Null().Null().Null();
        continue;
      }
      const QuantityValue& q = sums[i] = CasualtyCount(doc.mentions, role, *counts[i].second);
      u.Real(q.value);
      if (q.qualifier == "at_most" && q.low == 0) u.Null(); else u.Real(q.low);
      if (q.high == 0 && q.value != 0) u.Null(); else u.Real(q.high);
      u.TextOrNull(q.qualifier).Text(doc.mentions[role].id);
    }
    u.Text(e.voice).TextOrNull(valid(e.source) ? std::string_view(doc.mentions[e.source].id)
                                               : std::string_view())
        .Int(e.negated ? 1 : 0).Int(e.hypothetical ? 1 : 0).Real(e.confidence)
        .Text(e.modality)
        .TextOrNull(e.same_as >= 0 && static_cast<size_t>(e.same_as) < doc.events.size()
                        ? std::string_view(doc.events[e.same_as].id)
                        : std::string_view())
        .TextOrNull(e.pattern);
    if (u.Step() != db::kDone) return SqlError("insert event " + e.id + " of " + doc.id);
  }
  db::Bound run(s.insert_layer_run);
  if (run.Text(doc.id).Text("events").Text(options_.layer_version).Text(now).Step() !=
      db::kDone)
    return SqlError("record layer run of " + doc.id);
  return Status::Ok();
}

namespace {

// zlib stream of `in` at the fastest level (raw inputs are stored for reading
// back, not for archiving; level 1 keeps ingest cheap).
bool Deflate(std::string_view in, std::string* out) {
  uLongf n = compressBound(static_cast<uLong>(in.size()));
  out->resize(n);
  if (compress2(reinterpret_cast<Bytef*>(out->data()), &n,
                reinterpret_cast<const Bytef*>(in.data()), static_cast<uLong>(in.size()),
                1) != Z_OK) {
    return false;
  }
  out->resize(n);
  return true;
}

// Inflates a zlib stream; false if it is corrupt or would exceed `limit`.
bool Inflate(std::string_view in, size_t limit, std::string* out) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return false;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  out->clear();
  char buf[1 << 15];
  int ret = Z_OK;
  while (ret == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    ret = inflate(&zs, Z_NO_FLUSH);
    if (ret != Z_OK && ret != Z_STREAM_END) break;
    out->append(buf, sizeof buf - zs.avail_out);
    if (out->size() > limit) { ret = Z_MEM_ERROR; break; }
  }
  inflateEnd(&zs);
  return ret == Z_STREAM_END;
}

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view in, size_t* pos, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && *pos < in.size(); shift += 7) {
    const unsigned char b = static_cast<unsigned char>(in[(*pos)++]);
    *v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

// The text -> raw offset map in code points, as varints: the piece count,
// then per piece its text length, its raw start as a zigzag delta from the
// previous piece's raw end, and (raw length << 1 | copy). Text ranges are
// contiguous from 0, so they need no starts.
std::string EncodeRawMap(const Document& doc) {
  std::string out;
  const auto& pieces = doc.raw_map.pieces();
  utf8::CodepointIndex text_cp(doc.text);
  utf8::CodepointIndex raw_cp(*doc.raw);
  PutVarint(pieces.size(), &out);
  int64_t prev_raw_end = 0;
  for (const OffsetMap::Piece& p : pieces) {
    const int64_t tb = text_cp.ToCodepoint(p.out_begin), te = text_cp.ToCodepoint(p.out_end);
    const int64_t rb = raw_cp.ToCodepoint(std::min<size_t>(p.in_begin, doc.raw->size()));
    const int64_t re = raw_cp.ToCodepoint(std::min<size_t>(p.in_end, doc.raw->size()));
    PutVarint(static_cast<uint64_t>(te - tb), &out);
    const int64_t delta = rb - prev_raw_end;
    PutVarint((static_cast<uint64_t>(delta) << 1) ^ static_cast<uint64_t>(delta >> 63), &out);
    PutVarint((static_cast<uint64_t>(std::max<int64_t>(re - rb, 0)) << 1) | (p.copy ? 1 : 0),
              &out);
    prev_raw_end = std::max(re, rb);
  }
  return out;
}

}  // namespace

Status Store::PutRaw(const Document& doc) {
  if (!doc.raw) return Status::Ok();
  std::string raw_z, map_z;
  if (!Deflate(*doc.raw, &raw_z) || !Deflate(EncodeRawMap(doc), &map_z)) {
    return InternalError("store " + StoreName() + ": cannot compress the raw input of " +
                         doc.id);
  }
  db::Bound u(stmts_->insert_raw);
  if (u.Text(doc.id).Int(static_cast<int64_t>(doc.raw->size())).Blob(raw_z).Blob(map_z)
          .Step() != db::kDone) {
    return SqlError("insert raw input of " + doc.id);
  }
  return Status::Ok();
}

Result<std::optional<RawInput>> Store::ReadRaw(std::string_view id) {
  std::unique_ptr<db::Statement> q =
      conn_->Prepare("SELECT r.raw_bytes, r.raw, r.map, d.format, d.encoding"
                     " FROM document_raw AS r JOIN documents AS d ON d.id = r.document_id"
                     " WHERE r.document_id = ?1");
  if (!q) return SqlError("prepare read raw");
  db::Bound u(q);
  const int rc = u.Text(id).Step();
  if (rc == db::kDone) return std::optional<RawInput>();
  if (rc != db::kRow) return SqlError("read raw input of " + std::string(id));
  db::Statement* st = q.get();
  // (A PostgreSQL blob view lives until the next Blob call: copy the first.)
  const std::string raw_z(st->Blob(1));
  auto blob = [&](int i) { return i == 1 ? std::string_view(raw_z) : st->Blob(i); };
  RawInput in;
  in.format = std::string(st->Text(3));
  in.encoding = std::string(st->Text(4));
  const size_t raw_bytes = static_cast<size_t>(st->Int(0));
  std::string map;
  const auto corrupt = [&](const char* what) {
    return StorageError("store " + StoreName() + ": the stored " + what + " of " +
                        std::string(id) + " is corrupt");
  };
  if (!Inflate(blob(1), raw_bytes, &in.raw) || in.raw.size() != raw_bytes) return corrupt("raw input");
  if (!Inflate(blob(2), 64u << 20, &map)) return corrupt("offset map");
  size_t pos = 0;
  uint64_t n = 0, text_len = 0, delta = 0, raw_len = 0;
  if (!GetVarint(map, &pos, &n) || n > map.size()) return corrupt("offset map");
  in.map.reserve(n);
  int64_t text_at = 0, prev_raw_end = 0;
  for (uint64_t i = 0; i < n; ++i) {
    if (!GetVarint(map, &pos, &text_len) || !GetVarint(map, &pos, &delta) ||
        !GetVarint(map, &pos, &raw_len)) {
      return corrupt("offset map");
    }
    RawPiece p;
    p.text_begin = text_at;
    p.text_end = text_at + static_cast<int64_t>(text_len);
    p.raw_begin = prev_raw_end + static_cast<int64_t>((delta >> 1) ^ (~(delta & 1) + 1));
    p.raw_end = p.raw_begin + static_cast<int64_t>(raw_len >> 1);
    p.copy = raw_len & 1;
    in.map.push_back(p);
    text_at = p.text_end;
    prev_raw_end = std::max(p.raw_end, p.raw_begin);
  }
  return std::optional<RawInput>(std::move(in));
}

Status Store::PutMarkers(const Document& doc, const std::string& now) {
  if (!doc.marker_profile.computed) return Status::Ok();
  Statements& s = *stmts_;
  const utf8::CodepointIndex cp(doc.text);
  auto T = [&](uint32_t byte) { return static_cast<int64_t>(cp.ToCodepoint(byte)); };
  int64_t seq = 0;
  for (const Marker& m : doc.markers) {
    const std::string_view src =
        m.source >= 0 && static_cast<size_t>(m.source) < doc.mentions.size()
            ? std::string_view(doc.mentions[m.source].id)
            : std::string_view();
    const std::string_view text =
        std::string_view(doc.text).substr(m.span.begin, m.span.end - m.span.begin);
    db::Bound u(s.insert_marker);
    u.Text(doc.id).Int(seq++).Text(m.technique).Int(T(m.span.begin)).Int(T(m.span.end))
        .Text(text).Text(m.voice).Real(m.confidence).Int(m.sentence).TextOrNull(src)
        .Text(m.rule);
    if (u.Step() != db::kDone) return SqlError("insert marker of " + doc.id);
  }
  const MarkerProfile& p = doc.marker_profile;
  const double per = p.words > 0 ? 1000.0 / static_cast<double>(p.words) : 0;
  std::string techniques, densest;
  {
    JsonWriter w(&techniques);
    w.BeginObject();
    for (size_t t = 0; t < p.counts.size(); ++t) {
      if (!p.counts[t]) continue;
      w.Key(markers_internal::TechniqueName(static_cast<int>(t)));
      w.BeginObject();
      w.Key("count");
      w.Int(p.counts[t]);
      w.Key("per_1000_words");
      w.Double(p.counts[t] * per);
      w.EndObject();
    }
    w.EndObject();
    w.Finish();
  }
  {
    JsonWriter w(&densest);
    w.BeginArray();
    for (const MarkerPassage& ps : p.densest) {
      w.BeginObject();
      w.Key("start");
      w.Int(T(ps.span.begin));
      w.Key("end");
      w.Int(T(ps.span.end));
      w.Key("markers");
      w.Int(ps.markers);
      w.Key("words");
      w.Int(ps.words);
      w.Key("per_1000_words");
      w.Double(ps.per_1000_words);
      w.EndObject();
    }
    w.EndArray();
    w.Finish();
  }
  db::Bound u(s.insert_marker_profile);
  u.Text(doc.id).Int(p.words).Int(p.total).Real(p.total * per).Real(p.author_share)
      .Text(techniques).Text(densest);
  if (u.Step() != db::kDone) return SqlError("insert marker profile of " + doc.id);
  db::Bound run(s.insert_layer_run);
  if (run.Text(doc.id).Text("markers").Text(options_.layer_version).Text(now).Step() !=
      db::kDone)
    return SqlError("record layer run of " + doc.id);
  return Status::Ok();
}

Result<PutOutcome> Store::PutLocked(const Document& doc, std::string_view record_json,
                                          std::string_view key, const std::string& now) {
  Statements& s = *stmts_;
  std::optional<std::string> latest_id;
  int64_t latest_version = 0;
  {
    db::Bound u(s.get_source);
    const int rc = u.Text(key).Step();
    if (rc == db::kRow) {
      latest_id = std::string(u->Text(0));
      latest_version = u->Int(1);
    } else if (rc != db::kDone) {
      return SqlError("look up source key");
    }
  }

  // Content this key has had before (at any version) is not new: a dataset
  // that repeats an id with two contents must not add versions on every run.
  bool known = latest_id && *latest_id == doc.id;
  if (!known && latest_id) {
    db::Bound u(s.has_version);
    const int rc = u.Text(key).Text(doc.id).Step();
    if (rc != db::kRow && rc != db::kDone) return SqlError("look up versions");
    known = rc == db::kRow;
  }
  PutOutcome outcome = PutOutcome::kUnchanged;
  if (!known) {
    bool stored = false;
    {
      db::Bound u(s.has_document);
      const int rc = u.Text(doc.id).Step();
      if (rc != db::kRow && rc != db::kDone) return SqlError("look up document");
      stored = rc == db::kRow;
    }
    int64_t doc_no = 0;
    if (!stored) {
      const std::string authors = AuthorsJson(doc.meta.authors);
      const std::optional<std::string> republished =
          RepublishedJson(doc.meta.republished_from);
      // Bound without copies: every value must outlive Step().
      const std::optional<std::string> encoding = NonEmpty(doc.encoding);
      db::Bound u(s.insert_document);
      u.Text(doc.id)
          .Text(FormatName(doc.format))
          .OptText(encoding)
          .Text(doc.path)
          .Int(doc.line)
          .OptText(doc.meta.title)
          .Text(authors)
          .OptText(doc.meta.outlet)
          .OptText(doc.meta.published)
          .OptText(doc.meta.language)
          .OptText(doc.meta.url)
          .OptText(republished)
          .Text(doc.text)
          .Text(record_json)
          .Int(static_cast<int64_t>(doc.text.size()))
          .Text(now);
      const int rc = u.Step();
      if (rc == db::kRow) {
        doc_no = u->Int(0);
      } else if (rc == db::kDone) {
        // Another writer stored the same content since the look-up above
        // (PostgreSQL, concurrent workers): this key is a duplicate of it.
        stored = true;
      } else {
        return SqlError("insert document " + doc.id);
      }
    }
    if (!stored) {
      // Indexed here, not by a trigger (see 001_init.sql); PostgreSQL keeps
      // a generated tsvector instead.
      if (s.index_document) {
        db::Bound fts(s.index_document);
        if (fts.Int(doc_no).OptText(doc.meta.title).Text(doc.text).Step() != db::kDone) {
          return SqlError("index document " + doc.id);
        }
      }
      DOSSIER_RETURN_IF_ERROR(PutEntities(doc, now));
      DOSSIER_RETURN_IF_ERROR(PutVoice(doc, now));
      DOSSIER_RETURN_IF_ERROR(PutEvents(doc, now));
      DOSSIER_RETURN_IF_ERROR(PutMarkers(doc, now));
      DOSSIER_RETURN_IF_ERROR(PutRaw(doc));
    }
    const int64_t version = latest_id ? latest_version + 1 : 1;
    if (latest_id) {
      outcome = PutOutcome::kNewVersion;
      db::Bound u(s.update_source);
      if (u.Text(key).Text(doc.id).Int(version).Text(now).Step() != db::kDone) {
        return SqlError("update source");
      }
    } else {
      outcome = stored ? PutOutcome::kDuplicate : PutOutcome::kAdded;
      db::Bound u(s.insert_source);
      if (u.Text(key).Text(doc.id).Text(now).Step() != db::kDone) {
        return SqlError("insert source");
      }
    }
    db::Bound u(s.insert_version);
    if (u.Text(key).Int(version).Text(doc.id).Text(now).Step() != db::kDone) {
      return SqlError("insert document version");
    }
  }

  // This input succeeded: its earlier failures become history.
  bool open_failure = false;
  {
    db::Bound u(s.open_failure);
    const int rc = u.Text(doc.path).Int(doc.line).Step();
    if (rc != db::kRow && rc != db::kDone) return SqlError("look up failures");
    open_failure = rc == db::kRow;
  }
  if (open_failure) {
    db::Bound u(s.resolve_failures);
    if (u.Text(doc.path).Int(doc.line).Text(now).Step() != db::kDone) {
      return SqlError("resolve failures");
    }
  }
  return outcome;
}

Status Store::RecordFailure(const std::string& path, int64_t line, const Status& why) {
  DOSSIER_RETURN_IF_ERROR(Begin());
  {
    const std::string now = NowUtc();
    db::Bound u(stmts_->insert_failure);
    if (u.Text(path).Int(line).Text(StatusCodeName(why.code())).Text(why.message())
            .Text(now).Step() != db::kDone) {
      return RollbackBatch(SqlError("record failure"));
    }
  }
  return Written();
}

Result<StoreStats> Store::Stats() {
  StoreStats stats;
  auto query_int = [&](const char* sql, int64_t* out) -> Status {
    std::unique_ptr<db::Statement> q = conn_->Prepare(sql);
    if (!q || q->Step() != db::kRow) return SqlError(std::string("stats: ") + sql);
    *out = q->Int(0);
    return Status::Ok();
  };
  auto query_pairs = [&](const char* sql,
                         std::vector<std::pair<std::string, int64_t>>* out) -> Status {
    std::unique_ptr<db::Statement> q = conn_->Prepare(sql);
    int rc = db::kError;
    if (q) {
      while ((rc = q->Step()) == db::kRow) out->emplace_back(std::string(q->Text(0)), q->Int(1));
    }
    if (rc != db::kDone) return SqlError(std::string("stats: ") + sql);
    return Status::Ok();
  };
  DOSSIER_RETURN_IF_ERROR(query_int("SELECT COUNT(*) FROM documents", &stats.documents));
  DOSSIER_RETURN_IF_ERROR(query_int("SELECT COUNT(*) FROM sources", &stats.sources));
  DOSSIER_RETURN_IF_ERROR(
      query_int("SELECT COUNT(*) FROM document_versions", &stats.versions));
  DOSSIER_RETURN_IF_ERROR(query_int(
      "SELECT COUNT(*) FROM (SELECT DISTINCT path, line FROM failures"
      " WHERE resolved_at IS NULL) AS f",
      &stats.failures));
  DOSSIER_RETURN_IF_ERROR(
      query_int("SELECT COALESCE(SUM(text_bytes), 0) FROM documents", &stats.text_bytes));
  DOSSIER_RETURN_IF_ERROR(query_int(
      "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &stats.schema_version));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT format, COUNT(*) AS n FROM documents GROUP BY format"
      " ORDER BY n DESC, format LIMIT 20",
      &stats.by_format));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT COALESCE(NULLIF(language, ''), '(none)') AS v, COUNT(*) AS n"
      " FROM documents GROUP BY v ORDER BY n DESC, v LIMIT 20",
      &stats.by_language));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT COALESCE(NULLIF(outlet, ''), '(none)') AS v, COUNT(*) AS n"
      " FROM documents GROUP BY v ORDER BY n DESC, v LIMIT 20",
      &stats.by_outlet));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT kind, COUNT(*) AS n FROM entities GROUP BY kind ORDER BY n DESC, kind",
      &stats.entities_by_kind));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT MIN(COALESCE(name, text)) AS v, COUNT(*) AS n FROM entities WHERE kind = 'place'"
      " GROUP BY COALESCE(ref, text) ORDER BY n DESC, v LIMIT 10",
      &stats.top_places));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT MIN(COALESCE(name, text)) AS v, COUNT(*) AS n FROM entities"
      " WHERE kind IN ('actor', 'organization', 'person') AND ref IS NOT NULL"
      " GROUP BY ref ORDER BY n DESC, v LIMIT 10",
      &stats.top_actors));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT kind, COUNT(*) AS n FROM voice GROUP BY kind ORDER BY n DESC, kind",
      &stats.voice_by_kind));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT COALESCE(source_kind, '(none)') AS v, COUNT(*) AS n FROM voice"
      " WHERE kind IN ('attributed', 'quoted') GROUP BY v ORDER BY n DESC, v",
      &stats.sources_by_kind));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT kind, COUNT(*) AS n FROM citations GROUP BY kind ORDER BY n DESC, kind",
      &stats.citations_by_kind));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT kind, COUNT(*) AS n FROM claims GROUP BY kind ORDER BY n DESC, kind",
      &stats.claims_by_kind));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT technique, COUNT(*) AS n FROM markers GROUP BY technique ORDER BY n DESC, technique",
      &stats.markers_by_technique));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT COALESCE(voice, '(none)') AS v, COUNT(*) AS n FROM markers GROUP BY v"
      " ORDER BY n DESC, v",
      &stats.markers_by_voice));
  DOSSIER_RETURN_IF_ERROR(query_int("SELECT COUNT(*) FROM events", &stats.events));
  DOSSIER_RETURN_IF_ERROR(query_int("SELECT COUNT(*) FROM events WHERE same_as IS NOT NULL",
                                    &stats.events_repeated));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT plover || COALESCE('/' || mode, '') AS v, COUNT(*) AS n FROM events"
      " WHERE same_as IS NULL GROUP BY v ORDER BY n DESC, v",
      &stats.events_by_type));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT voice, COUNT(*) AS n FROM events WHERE same_as IS NULL"
      " GROUP BY voice ORDER BY n DESC, voice",
      &stats.events_by_voice));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT COALESCE(modality, '(none)') AS v, COUNT(*) AS n FROM events WHERE same_as IS NULL"
      " GROUP BY v ORDER BY n DESC, v",
      &stats.events_by_modality));
  DOSSIER_RETURN_IF_ERROR(query_pairs(
      "SELECT relation, COUNT(*) AS n FROM provenance GROUP BY relation ORDER BY n DESC, relation",
      &stats.provenance_by_relation));
  DOSSIER_RETURN_IF_ERROR(query_int(
      "SELECT COUNT(*) FROM (SELECT cluster_id FROM cluster_members GROUP BY cluster_id"
      " HAVING COUNT(DISTINCT document_id) >= 2) AS c",
      &stats.corroborated_clusters));
  return stats;
}

Status Store::ExportDocuments(
    const std::function<bool(std::string_view record_json)>& fn) {
  // Do not hold the write lock for the length of an export.
  DOSSIER_RETURN_IF_ERROR(Flush());
  // documents is scanned in rowid (insertion) order; no sort, no buffering.
  // The corpus layer's provenance (computed after the record was rendered)
  // is added to the record as "provenance" (null when not computed).
  std::unique_ptr<db::Statement> q = conn_->Prepare(
      "SELECT d.record, p.origin, p.relation, p.similarity, p.evidence FROM documents AS d"
      " LEFT JOIN provenance AS p ON p.document_id = d.id WHERE EXISTS"
      " (SELECT 1 FROM sources AS s WHERE s.document_id = d.id) ORDER BY d.doc_no");
  std::string rec;
  int rc = db::kError;
  if (q) {
    db::Statement* st = q.get();
    while ((rc = st->Step()) == db::kRow) {
      std::string_view record = st->Text(0);
      if (record.empty() || record.back() != '}') {
        if (!fn(record)) return Status::Ok();
        continue;
      }
      rec.assign(record.substr(0, record.size() - 1));
      JsonWriter w(&rec);
      rec += ",\"provenance\":";
      if (st->IsNull(1)) {
        w.Null();
      } else {
        w.BeginObject();
        w.Key("origin");
        w.String(st->Text(1));
        w.Key("relation");
        w.String(st->Text(2));
        w.Key("similarity");
        w.Double(st->Real(3));
        w.Key("evidence");
        if (st->IsNull(4)) w.Null(); else w.String(st->Text(4));
        w.EndObject();
      }
      w.Finish();
      rec += '}';
      if (!fn(rec)) return Status::Ok();
    }
  }
  if (rc != db::kDone) return SqlError("export documents");
  return Status::Ok();
}

namespace {

// How an export writes the rows of its statement.
struct RowFormat {
  enum Kind { kJsonl, kCsv, kGeoJson } kind = kJsonl;
  int lat = -1, lon = -1;  // the geometry columns (geojson), not properties
  // The last column holds JSON text (claims' slots): JSON Lines copy it as
  // a value, CSV as text.
  bool last_is_json = false;
  const std::vector<bool>* keep = nullptr;  // the output columns; null: all
};

// Steps `st` to its end, writing each row as `f` says and handing the output
// to `fn` in pieces of about 64 KB (each ending with a newline). Returns
// the last step code: db::kDone when all rows were read or `fn` stopped
// early. (PostgreSQL names the columns only once the statement has run.)
int WriteRows(db::Statement* st, const RowFormat& f,
              const std::function<bool(std::string_view chunk)>& fn) {
  int rc = st->Step();
  if (rc != db::kRow && rc != db::kDone) return rc;
  const int n = st->ColumnCount();
  auto kept = [&](int i) { return !f.keep || (*f.keep)[i]; };
  std::string out;
  auto json_value = [&](JsonWriter& w, int i) {
    switch (st->Type(i)) {
      case db::ColumnType::kNull: w.Null(); break;
      case db::ColumnType::kInt: w.Int(st->Int(i)); break;
      case db::ColumnType::kReal: w.Double(st->Real(i)); break;
      default: w.String(st->Text(i)); break;
    }
  };
  auto csv_row = [&](bool header) {
    bool first_column = true;
    for (int i = 0; i < n; ++i) {
      if (!kept(i)) continue;
      if (!first_column) out.push_back(',');
      first_column = false;
      if (header) {
        out.append(st->ColumnName(i));
        continue;
      }
      if (st->IsNull(i)) continue;
      const std::string_view v = st->Text(i);
      if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.append(v);
        continue;
      }
      out.push_back('"');
      for (char c : v) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
      }
      out.push_back('"');
    }
    out.push_back('\n');
  };
  if (f.kind == RowFormat::kCsv) csv_row(true);
  if (f.kind == RowFormat::kGeoJson) out = "{\"type\":\"FeatureCollection\",\"features\":[\n";
  bool first = true;
  for (; rc == db::kRow; rc = st->Step()) {
    if (f.kind == RowFormat::kCsv) {
      csv_row(false);
    } else if (f.kind == RowFormat::kJsonl) {
      JsonWriter w(&out);
      w.BeginObject();
      const int plain = f.last_is_json ? n - 1 : n;
      for (int i = 0; i < plain; ++i) {
        if (!kept(i)) continue;
        w.Key(st->ColumnName(i));
        json_value(w, i);
      }
      if (f.last_is_json) {
        // Copied as it is, after the writer hands over the object so far.
        w.Finish();
        out.append(",\"");
        out.append(st->ColumnName(n - 1));
        out.append("\":");
        out.append(st->Text(n - 1));
        out.append("}\n");
        first = false;
      } else {
        w.EndObject();
        w.Finish();
        out.push_back('\n');
      }
    } else {
      if (!first) out += ",\n";
      JsonWriter w(&out);
      w.BeginObject();
      w.Key("type");
      w.String("Feature");
      w.Key("geometry");
      w.BeginObject();
      w.Key("type");
      w.String("Point");
      w.Key("coordinates");
      w.BeginArray();
      w.Double(st->Real(f.lon));
      w.Double(st->Real(f.lat));
      w.EndArray();
      w.EndObject();
      w.Key("properties");
      w.BeginObject();
      for (int i = 0; i < n; ++i) {
        if (i == f.lat || i == f.lon || !kept(i)) continue;
        w.Key(st->ColumnName(i));
        json_value(w, i);
      }
      w.EndObject();
      w.EndObject();
    }
    first = false;
    if (out.size() >= (1 << 16)) {
      if (!fn(out)) return db::kDone;
      out.clear();
    }
  }
  if (rc != db::kDone) return rc;
  if (f.kind == RowFormat::kGeoJson) out += "\n]}\n";
  if (!out.empty()) fn(out);
  return db::kDone;
}

}  // namespace

Status Store::ExportEntities(std::string_view format,
                                   const std::function<bool(std::string_view chunk)>& fn) {
  const bool jsonl = format == "jsonl", csv = format == "csv", geojson = format == "geojson";
  if (!jsonl && !csv && !geojson)
    return InvalidInput("export entities: unknown format '" + std::string(format) + "'");
  DOSSIER_RETURN_IF_ERROR(Flush());
  std::string sql =
      "SELECT e.document_id, e.mention_id, e.kind, e.text, e.start, e.end, e.raw_start,"
      " e.raw_end, e.sentence, e.ref, e.name, e.lat, e.lon, e.country, e.admin1, e.feature,"
      " e.precision, e.actor_country, e.actor_sector, e.actor_sectors, e.actor_group,"
      " e.actor_backed_by, e.date_value, e.date_precision, e.date_relative, e.date_end,"
      " e.date_anchor, e.quantity_value, e.quantity_low, e.quantity_high, e.qualifier,"
      " e.unit, e.role, e.confidence"
      " FROM entities AS e JOIN documents AS d ON d.id = e.document_id";
  if (geojson) sql += " WHERE e.kind = 'place' AND e.lat IS NOT NULL";
  sql += " ORDER BY d.doc_no, CAST(substr(e.mention_id, 2) AS INTEGER)";
  std::unique_ptr<db::Statement> q = conn_->Prepare(sql);
  if (!q) return SqlError("prepare export entities");
  RowFormat f;
  f.kind = jsonl ? RowFormat::kJsonl : csv ? RowFormat::kCsv : RowFormat::kGeoJson;
  f.lat = 11;
  f.lon = 12;
  if (WriteRows(q.get(), f, fn) != db::kDone) return SqlError("export entities");
  return Status::Ok();
}

Status Store::ExportClaims(std::string_view format,
                                 const std::function<bool(std::string_view chunk)>& fn) {
  const bool jsonl = format == "jsonl", csv = format == "csv";
  if (!jsonl && !csv)
    return InvalidInput("export claims: unknown format '" + std::string(format) +
                        "' (jsonl or csv)");
  DOSSIER_RETURN_IF_ERROR(Flush());
  // SQLite's substr counts characters, so code point offsets slice the text.
  // `slots` is last: JSON text, written as an object in JSON Lines.
  const char* sql =
      "SELECT c.document_id, c.seq, c.sentence, c.start, c.end,"
      " substr(d.text, c.start + 1, c.end - c.start) AS text, c.kind, c.checkworthy,"
      " c.voice, c.source, e.text AS source_text, e.kind AS source_entity_kind, c.slots"
      " FROM claims AS c JOIN documents AS d ON d.id = c.document_id"
      " LEFT JOIN entities AS e ON e.document_id = c.document_id AND e.mention_id = c.source"
      " ORDER BY d.doc_no, c.seq";
  std::unique_ptr<db::Statement> q = conn_->Prepare(sql);
  if (!q) return SqlError("prepare export claims");
  RowFormat f;
  f.kind = jsonl ? RowFormat::kJsonl : RowFormat::kCsv;
  f.last_is_json = true;  // slots
  if (WriteRows(q.get(), f, fn) != db::kDone) return SqlError("export claims");
  return Status::Ok();
}

void Store::BindSelection(db::Statement* st, const RowSelection& selection) {
  int i = 0;
  for (const SqlValue& v : selection.params) {
    ++i;
    if (const auto* t = std::get_if<std::string>(&v)) {
      st->BindText(i, *t);
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      st->BindInt(i, *n);
    } else {
      st->BindReal(i, std::get<double>(v));
    }
  }
}

Status Store::ExportEvents(std::string_view format,
                                 const std::function<bool(std::string_view chunk)>& fn) {
  return ExportEvents(format, RowSelection{}, fn);
}

Status Store::ExportEvents(std::string_view format, const RowSelection& selection,
                                 const std::function<bool(std::string_view chunk)>& fn) {
  const bool jsonl = format == "jsonl", csv = format == "csv", geojson = format == "geojson";
  if (!jsonl && !csv && !geojson)
    return InvalidInput("export events: unknown format '" + std::string(format) +
                        "' (jsonl, csv or geojson)");
  DOSSIER_RETURN_IF_ERROR(Flush());
  // The output columns; place_lat and place_lon are columns 2 and 3 (the
  // geometry for geojson). A column the selection leaves out is selected as
  // NULL, so nothing is computed for it.
  static const char* const kColumns[][2] = {
      {"document_id", "v.document_id"}, {"event_id", "v.event_id"},
      {"place_lat", "v.place_lat"}, {"place_lon", "v.place_lon"},
      {"sentence", "v.sentence"}, {"start", "v.start"}, {"end", "v.end"},
      {"text", "substr(d.text, v.start + 1, v.end - v.start)"},
      {"trigger_text", "v.trigger_text"}, {"trigger_start", "v.trigger_start"},
      {"trigger_end", "v.trigger_end"}, {"pattern", "v.pattern"}, {"plover", "v.plover"},
      {"mode", "v.mode"}, {"cameo", "v.cameo"}, {"acled", "v.acled"},
      {"acled_sub", "v.acled_sub"}, {"actor_mention", "v.actor_mention"},
      {"actor_text", "v.actor_text"}, {"actor_ref", "v.actor_ref"},
      {"actor_country", "v.actor_country"}, {"actor_sector", "v.actor_sector"},
      {"target_mention", "v.target_mention"}, {"target_text", "v.target_text"},
      {"target_ref", "v.target_ref"}, {"target_country", "v.target_country"},
      {"target_sector", "v.target_sector"}, {"place_mention", "v.place_mention"},
      {"place_text", "v.place_text"}, {"place_ref", "v.place_ref"},
      {"place_country", "v.place_country"}, {"date_mention", "v.date_mention"},
      {"date_value", "v.date_value"}, {"date_precision", "v.date_precision"},
      {"dead_value", "v.dead_value"}, {"dead_low", "v.dead_low"}, {"dead_high", "v.dead_high"},
      {"dead_qualifier", "v.dead_qualifier"}, {"dead_mention", "v.dead_mention"},
      {"injured_value", "v.injured_value"}, {"injured_low", "v.injured_low"},
      {"injured_high", "v.injured_high"}, {"injured_qualifier", "v.injured_qualifier"},
      {"injured_mention", "v.injured_mention"}, {"voice", "v.voice"}, {"source", "v.source"},
      {"source_text", "(SELECT e.text FROM entities AS e WHERE e.document_id = v.document_id"
                      " AND e.mention_id = v.source)"},
      {"negated", "v.negated"}, {"hypothetical", "v.hypothetical"}, {"modality", "v.modality"},
      {"same_as", "v.same_as"}, {"confidence", "v.confidence"}, {"published", "d.published"},
      {"outlet", "d.outlet"}, {"title", "d.title"},
      {"cluster_id", "(SELECT m.cluster_id FROM cluster_members AS m WHERE m.document_id ="
                     " v.document_id AND m.event_id = v.event_id)"}};
  const int kCount = static_cast<int>(sizeof kColumns / sizeof kColumns[0]);
  for (const std::string& name : selection.columns) {
    int i = 0;
    while (i < kCount && name != kColumns[i][0]) ++i;
    if (i == kCount) {
      std::string known;
      for (int j = 0; j < kCount; ++j) known += std::string(j ? ", " : "") + kColumns[j][0];
      return InvalidInput("export events: unknown column '" + name.substr(0, 40) + "' (known: " +
                          known + ")");
    }
  }
  auto wanted = [&](int i) {
    if (selection.columns.empty() || (geojson && (i == 2 || i == 3))) return true;
    for (const std::string& name : selection.columns)
      if (name == kColumns[i][0]) return true;
    return false;
  };
  // The selected events are picked and numbered first on their keys alone
  // (cheap to sort), then only those rows are read whole: a page of a large
  // store costs a page of rows, not a sort of every event with its text.
  std::string sql =
      "WITH pick AS (SELECT v.document_id AS did, v.event_id AS eid, row_number() OVER"
      " (ORDER BY d.doc_no, CAST(substr(v.event_id, 2) AS INTEGER)) AS rn"
      " FROM events AS v JOIN documents AS d ON d.id = v.document_id WHERE 1 = 1";
  if (geojson) sql += " AND v.place_lat IS NOT NULL AND v.place_lon IS NOT NULL";
  if (!selection.where.empty()) sql += " AND (" + selection.where + ")";
  sql += " ORDER BY rn";
  if (selection.limit >= 0) {
    sql += " LIMIT " + std::to_string(selection.limit) + " OFFSET " +
           std::to_string(std::max<int64_t>(selection.offset, 0));
  }
  sql += ") SELECT ";
  for (int i = 0; i < kCount; ++i) {
    if (i) sql += ", ";
    sql += wanted(i) ? kColumns[i][1] : "NULL";
    sql += " AS \"";
    sql += kColumns[i][0];
    sql += "\"";
  }
  sql += " FROM pick JOIN events AS v ON v.document_id = pick.did AND v.event_id = pick.eid"
         " JOIN documents AS d ON d.id = v.document_id ORDER BY pick.rn";
  std::unique_ptr<db::Statement> q = conn_->Prepare(sql);
  if (!q) return SqlError("prepare export events");
  db::Statement* st = q.get();
  BindSelection(st, selection);
  const int n = kCount;
  std::vector<bool> keep(n);
  for (int i = 0; i < n; ++i) keep[i] = selection.columns.empty() || (i < kCount && wanted(i));
  RowFormat f;
  f.kind = jsonl ? RowFormat::kJsonl : csv ? RowFormat::kCsv : RowFormat::kGeoJson;
  f.lat = 2;
  f.lon = 3;
  f.keep = &keep;
  if (WriteRows(st, f, fn) != db::kDone) return SqlError("export events");
  return Status::Ok();
}

Status Store::ExportMarkers(std::string_view format,
                                  const std::function<bool(std::string_view chunk)>& fn) {
  const bool jsonl = format == "jsonl", csv = format == "csv";
  if (!jsonl && !csv)
    return InvalidInput("export markers: unknown format '" + std::string(format) +
                        "' (jsonl or csv)");
  DOSSIER_RETURN_IF_ERROR(Flush());
  const char* sql =
      "SELECT m.document_id, m.seq, m.sentence, m.technique, m.start, m.end, m.text, m.voice,"
      " m.source, e.text AS source_text, m.confidence, m.rule"
      " FROM markers AS m JOIN documents AS d ON d.id = m.document_id"
      " LEFT JOIN entities AS e ON e.document_id = m.document_id AND e.mention_id = m.source"
      " ORDER BY d.doc_no, m.seq";
  std::unique_ptr<db::Statement> q = conn_->Prepare(sql);
  if (!q) return SqlError("prepare export markers");
  RowFormat f;
  f.kind = jsonl ? RowFormat::kJsonl : RowFormat::kCsv;
  if (WriteRows(q.get(), f, fn) != db::kDone) return SqlError("export markers");
  return Status::Ok();
}

Status Store::Search(
    std::string_view query, int limit,
    const std::function<void(std::string_view id, std::string_view title)>& fn) {
  // SQLite: FTS5 query syntax, bm25 with titles weighted double. PostgreSQL:
  // web search syntax ("phrase", or, -word) over documents.tsv, ts_rank with
  // titles (weight A) above text (B).
  std::string sql =
      postgres_
          ? "SELECT d.id, COALESCE(d.title, '') FROM documents AS d,"
            " websearch_to_tsquery('simple', ?1) AS q WHERE d.tsv @@ q"
            " ORDER BY ts_rank(d.tsv, q) DESC, d.doc_no"
          : "SELECT d.id, COALESCE(d.title, '') FROM documents_fts AS f"
            " JOIN documents AS d ON d.doc_no = f.rowid"
            " WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts, 2.0, 1.0)";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  std::unique_ptr<db::Statement> q = conn_->Prepare(sql);
  if (!q) return SqlError("prepare search");
  db::Bound u(q);
  u.Text(query);
  int rc;
  while ((rc = u.Step()) == db::kRow) fn(q->Text(0), q->Text(1));
  if (rc == db::kDone) return Status::Ok();
  if (rc == db::kError && !postgres_) {
    // FTS5 reports query syntax errors (and unknown columns) as SQLITE_ERROR.
    return UsageError("search query \"" + std::string(query) + "\": " + conn_->ErrorMessage());
  }
  return SqlError("search");
}

}  // namespace dossier
