// One SQL connection over either backend the store supports: an embedded
// SQLite file or a PostgreSQL server (libpq). The store writes its SQL once,
// in the common dialect below, and the PostgreSQL connection rewrites the few
// spellings that differ before preparing:
//   - parameters `?` and `?NNN` become `$N` (outside string literals and
//     quoted identifiers);
//   - the column name `end` (written in lower case; SQL keywords are written
//     in upper case throughout the tree) is quoted, as PostgreSQL reserves it;
//   - `LIKE` becomes `ILIKE` (SQLite's LIKE ignores ASCII case);
//   - `BEGIN IMMEDIATE` becomes `BEGIN`.
// Everything else must be written so both engines accept it: upserts as
// `INSERT ... ON CONFLICT ... DO NOTHING / DO UPDATE`, `RETURNING`, subqueries
// in FROM with an alias, GROUP BY naming every selected column. Where the two
// genuinely differ (full-text search, the schema catalogue, spatial types) the
// caller asks backend() and writes two statements.
//
// Bulk rows: on PostgreSQL, a statement of the exact form
// `INSERT INTO t(a, b, ...) VALUES (?1, ?2, ...)` (every value a parameter,
// in order, nothing after) does not go to the server at Step(): its rows
// wait, and before the next statement that needs the server (any other
// Step, Exec, COMMIT) all waiting rows go in one message, a multi-row INSERT
// per run of one table. So a document's hundred entity, event and voice rows
// cost one round trip, not a hundred. Such a Step always returns kDone; an
// error in the rows (a constraint, a type) is reported by the statement that
// sent them, and the transaction is then aborted. Write inserts that may
// fail on purpose with ON CONFLICT, which keeps them row by row.
//
// Values: parameters are bound as text, integer, real, blob or NULL; columns
// read back as the same five kinds (PostgreSQL's integer types are kInt, its
// floating and numeric types kReal or kInt when integral, bytea kBlob, bool
// kInt 0/1, everything else kText).
//
// Errors never throw: Prepare returns null and Step an error code, and
// ErrorMessage() says what the server said. A Connection and its statements
// are used from one thread at a time.
#ifndef DOSSIER_STORE_DB_H_
#define DOSSIER_STORE_DB_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/status.h"

struct sqlite3;

namespace dossier::db {

enum class Backend { kSqlite, kPostgres };

// Step() results, equal to SQLite's codes so the two read alike.
constexpr int kRow = 100;   // SQLITE_ROW
constexpr int kDone = 101;  // SQLITE_DONE
constexpr int kError = 1;   // SQLITE_ERROR; SQLite may return its other codes

enum class ColumnType { kNull, kInt, kReal, kText, kBlob };

// True for "postgresql://..." and "postgres://..." targets (a libpq URI).
bool IsPostgresUrl(std::string_view target);
// The URL with any password replaced by "***", for messages.
std::string RedactUrl(std::string_view url);

// A prepared statement. Bind parameters 1..n in order, Step until kDone, then
// Reset (or let a Bound do both).
class Statement {
 public:
  virtual ~Statement() = default;
  // Binders take 1-based indexes. Text and blob values are not copied by
  // every backend: the caller's buffers must stay valid until Step() returns.
  virtual void BindText(int i, std::string_view v) = 0;
  virtual void BindInt(int i, int64_t v) = 0;
  virtual void BindReal(int i, double v) = 0;
  virtual void BindBlob(int i, std::string_view v) = 0;
  virtual void BindNull(int i) = 0;
  // kRow, kDone or an error code (ErrorMessage() on the connection).
  virtual int Step() = 0;
  // Back to the start, bindings cleared, no read snapshot kept.
  virtual void Reset() = 0;

  virtual int ColumnCount() const = 0;
  virtual std::string_view ColumnName(int i) const = 0;
  virtual ColumnType Type(int i) const = 0;
  virtual int64_t Int(int i) const = 0;
  virtual double Real(int i) const = 0;
  // "" for NULL. Valid until the next Step or Reset.
  virtual std::string_view Text(int i) const = 0;
  virtual std::string_view Blob(int i) const = 0;
  bool IsNull(int i) const { return Type(i) == ColumnType::kNull; }
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  // Null on failure (see ErrorMessage()).
  virtual std::unique_ptr<Statement> Prepare(std::string_view sql) = 0;
  // Runs one or more statements without results; false on failure.
  virtual bool Exec(std::string_view sql) = 0;
  // The last failure's message, as the engine wrote it.
  virtual std::string ErrorMessage() const = 0;
  // True while a transaction is open.
  virtual bool InTransaction() const = 0;
};

// An SQLite connection over an open handle (the store opens and configures
// the file; see store.cc). Does not own `handle`.
std::unique_ptr<Connection> WrapSqlite(::sqlite3* handle);

// Connects to the PostgreSQL server `url` names. kStorage with libpq's
// message (password redacted) if it cannot.
Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& url);

// The PostgreSQL spelling of common-dialect `sql` (see the top of this file).
std::string ToPostgresSql(std::string_view sql);

// Prepared statements by SQL text, prepared on first use and kept until the
// cache goes (it must not outlive its connection). For the layers that run
// the same few statements many times (src/corpus).
class StatementCache {
 public:
  explicit StatementCache(Connection* conn) : conn_(conn) {}
  // The statement for `sql`, or null if it does not prepare (the caller
  // reports the connection's ErrorMessage()). A failure is not cached.
  Statement* Get(std::string_view sql);

 private:
  Connection* conn_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> stmts_;
};

// Uses a statement for one execution: binds in order and resets on scope exit.
class Bound {
 public:
  explicit Bound(Statement* s) : s_(s) {}
  explicit Bound(const std::unique_ptr<Statement>& s) : s_(s.get()) {}
  ~Bound() { s_->Reset(); }
  Bound(const Bound&) = delete;
  Bound& operator=(const Bound&) = delete;

  Bound& Text(std::string_view v) { s_->BindText(++i_, v); return *this; }
  Bound& OptText(const std::optional<std::string>& v) { return v ? Text(*v) : Null(); }
  // Empty strings bind NULL.
  Bound& TextOrNull(std::string_view v) { return v.empty() ? Null() : Text(v); }
  Bound& Int(int64_t v) { s_->BindInt(++i_, v); return *this; }
  Bound& Real(double v) { s_->BindReal(++i_, v); return *this; }
  Bound& Blob(std::string_view v) { s_->BindBlob(++i_, v); return *this; }
  Bound& Null() { s_->BindNull(++i_); return *this; }
  int Step() { return s_->Step(); }
  Statement* get() const { return s_; }
  Statement* operator->() const { return s_; }

 private:
  Statement* s_;
  int i_ = 0;
};

}  // namespace dossier::db

#endif  // DOSSIER_STORE_DB_H_
