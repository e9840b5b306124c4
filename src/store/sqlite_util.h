// Small helpers: a SQLite statement owner and column text as a view (for the
// SQLite-only set-up in store.cc; everything else goes through store/db.h),
// and the UTC timestamp format of every *_at column (both backends).
#ifndef DOSSIER_STORE_SQLITE_UTIL_H_
#define DOSSIER_STORE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

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

}  // namespace dossier::store_internal

#endif  // DOSSIER_STORE_SQLITE_UTIL_H_
