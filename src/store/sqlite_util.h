// Small helpers over the SQLite C API shared by the store and the layers that
// keep their own tables in it (src/corpus): a prepared statement owner, a
// one-execution binder that resets on scope exit, column text as a view, and
// the UTC timestamp format of every *_at column.
#ifndef DOSSIER_STORE_SQLITE_UTIL_H_
#define DOSSIER_STORE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/store.h"

namespace dossier::store_internal {

// Owns a prepared statement.
class Stmt {
 public:
  Stmt() = default;
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  sqlite3_stmt** out() { return &stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// Uses a cached statement for one execution: binds parameters in order and
// resets the statement on scope exit, so it keeps no read snapshot open and no
// pointers to the caller's (SQLITE_STATIC) strings.
class Use {
 public:
  explicit Use(const Stmt& s) : stmt_(s.get()) {}
  ~Use() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;

  Use& Text(std::string_view v) {
    // A null pointer would bind SQL NULL; an empty view may have one.
    return Check(sqlite3_bind_text64(stmt_, ++index_, v.data() ? v.data() : "",
                                     v.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  Use& OptText(const std::optional<std::string>& v) {
    return v ? Text(*v) : Null();
  }
  Use& Int(int64_t v) { return Check(sqlite3_bind_int64(stmt_, ++index_, v)); }
  Use& Null() { return Check(sqlite3_bind_null(stmt_, ++index_)); }
  Use& Real(double v) { return Check(sqlite3_bind_double(stmt_, ++index_, v)); }
  Use& Blob(std::string_view v) {
    return Check(sqlite3_bind_blob64(stmt_, ++index_, v.data() ? v.data() : "", v.size(),
                                     SQLITE_STATIC));
  }
  // Empty strings bind NULL.
  Use& TextOrNull(std::string_view v) { return v.empty() ? Null() : Text(v); }

  // Runs one step: SQLITE_ROW, SQLITE_DONE or an error code (also a bind
  // error from above).
  int Step() { return bind_rc_ != SQLITE_OK ? bind_rc_ : sqlite3_step(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  Use& Check(int rc) {
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
    return *this;
  }
  sqlite3_stmt* stmt_;
  int index_ = 0;
  int bind_rc_ = SQLITE_OK;
};

// Binds `values` to the parameters of `st` in order (text is copied);
// SQLITE_OK or the first bind error.
inline int BindValues(sqlite3_stmt* st, const std::vector<SqlValue>& values) {
  int i = 0;
  for (const SqlValue& v : values) {
    ++i;
    int rc;
    if (const auto* t = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(st, i, t->data(), t->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(st, i, *n);
    } else {
      rc = sqlite3_bind_double(st, i, std::get<double>(v));
    }
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

inline std::string_view ColumnText(sqlite3_stmt* s, int col) {
  const unsigned char* p = sqlite3_column_text(s, col);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p),
          static_cast<size_t>(sqlite3_column_bytes(s, col))};
}

// "2024-05-01T12:00:00.123Z".
inline std::string NowUtc() {
  using namespace std::chrono;
  const int64_t ms =
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  const time_t secs = static_cast<time_t>(ms / 1000);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[96];  // ample for any int fields, which silences -Wformat-truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

// Prepared statements by SQL text, prepared on first use and finalised with
// the cache (which must not outlive its connection).
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  // The statement for `sql`, or null if it does not prepare (the caller
  // reports sqlite3_errmsg).
  const Stmt* Get(const char* sql) {
    auto it = stmts_.find(std::string_view(sql));
    if (it != stmts_.end()) return it->second.get();
    auto st = std::make_unique<Stmt>();
    if (sqlite3_prepare_v2(db_, sql, -1, st->out(), nullptr) != SQLITE_OK) return nullptr;
    return stmts_.emplace(sql, std::move(st)).first->second.get();
  }

 private:
  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Stmt>, std::less<>> stmts_;
};

}  // namespace dossier::store_internal

#endif  // DOSSIER_STORE_SQLITE_UTIL_H_
