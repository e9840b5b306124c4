#include "store/db.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace dossier::db {

bool IsPostgresUrl(std::string_view target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  const size_t scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  const size_t at = out.find('@', scheme + 3);
  const size_t slash = out.find('/', scheme + 3);
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
    const size_t colon = out.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  // A password given as a query parameter.
  const size_t pw = out.find("password=");
  if (pw != std::string::npos) {
    const size_t e = out.find('&', pw);
    out.replace(pw + 9, (e == std::string::npos ? out.size() : e) - pw - 9, "***");
  }
  return out;
}

Statement* StatementCache::Get(std::string_view sql) {
  auto it = stmts_.find(sql);
  if (it != stmts_.end()) return it->second.get();
  if (!conn_) return nullptr;
  std::unique_ptr<Statement> st = conn_->Prepare(sql);
  if (!st) return nullptr;
  return stmts_.emplace(std::string(sql), std::move(st)).first->second.get();
}

// ---------------------------------------------------------------- SQLite

namespace {

class SqliteStatement final : public Statement {
 public:
  explicit SqliteStatement(sqlite3_stmt* st) : st_(st) {}
  ~SqliteStatement() override { sqlite3_finalize(st_); }

  void BindText(int i, std::string_view v) override {
    // A null pointer would bind SQL NULL; an empty view may have one.
    Check(sqlite3_bind_text64(st_, i, v.data() ? v.data() : "", v.size(), SQLITE_STATIC,
                              SQLITE_UTF8));
  }
  void BindInt(int i, int64_t v) override { Check(sqlite3_bind_int64(st_, i, v)); }
  void BindReal(int i, double v) override { Check(sqlite3_bind_double(st_, i, v)); }
  void BindBlob(int i, std::string_view v) override {
    Check(sqlite3_bind_blob64(st_, i, v.data() ? v.data() : "", v.size(), SQLITE_STATIC));
  }
  void BindNull(int i) override { Check(sqlite3_bind_null(st_, i)); }
  int Step() override { return bind_rc_ != SQLITE_OK ? bind_rc_ : sqlite3_step(st_); }
  void Reset() override {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
    bind_rc_ = SQLITE_OK;
  }
  int ColumnCount() const override { return sqlite3_column_count(st_); }
  std::string_view ColumnName(int i) const override {
    const char* n = sqlite3_column_name(st_, i);
    return n ? n : "";
  }
  ColumnType Type(int i) const override {
    switch (sqlite3_column_type(st_, i)) {
      case SQLITE_NULL: return ColumnType::kNull;
      case SQLITE_INTEGER: return ColumnType::kInt;
      case SQLITE_FLOAT: return ColumnType::kReal;
      case SQLITE_BLOB: return ColumnType::kBlob;
      default: return ColumnType::kText;
    }
  }
  int64_t Int(int i) const override { return sqlite3_column_int64(st_, i); }
  double Real(int i) const override { return sqlite3_column_double(st_, i); }
  std::string_view Text(int i) const override {
    const unsigned char* p = sqlite3_column_text(st_, i);
    if (!p) return {};
    return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, i))};
  }
  std::string_view Blob(int i) const override {
    const void* p = sqlite3_column_blob(st_, i);
    if (!p) return {};
    return {static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, i))};
  }

 private:
  void Check(int rc) {
    if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }
  sqlite3_stmt* st_;
  int bind_rc_ = SQLITE_OK;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Backend backend() const override { return Backend::kSqlite; }
  std::unique_ptr<Statement> Prepare(std::string_view sql) override {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
      sqlite3_finalize(st);
      return nullptr;
    }
    return std::make_unique<SqliteStatement>(st);
  }
  bool Exec(std::string_view sql) override {
    const std::string s(sql);
    return sqlite3_exec(db_, s.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  std::string ErrorMessage() const override { return db_ ? sqlite3_errmsg(db_) : "out of memory"; }
  bool InTransaction() const override { return db_ && !sqlite3_get_autocommit(db_); }

 private:
  sqlite3* db_;
};

}  // namespace

std::unique_ptr<Connection> WrapSqlite(sqlite3* handle) {
  return std::make_unique<SqliteConnection>(handle);
}

// ------------------------------------------------------------ PostgreSQL

std::string ToPostgresSql(std::string_view sql) {
  {
    size_t b = 0, e = sql.size();
    while (b < e && std::isspace(static_cast<unsigned char>(sql[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(sql[e - 1]))) --e;
    if (sql.substr(b, e - b) == "BEGIN IMMEDIATE") return "BEGIN";
  }
  std::string out;
  out.reserve(sql.size() + 16);
  int next_param = 0;
  auto ident = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // A literal or quoted identifier, with doubled quotes inside.
      size_t j = i + 1;
      while (j < n) {
        if (sql[j] == c) {
          if (j + 1 < n && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      j = std::min(j + 1, n);
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      if (j == std::string_view::npos) j = n;
      out.append(sql.substr(i, j - i));
      i = j;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < n && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      if (j > i + 1) {
        out += '$';
        out.append(sql.substr(i + 1, j - i - 1));
      } else {
        out += '$';
        out += std::to_string(++next_param);
      }
      i = j;
    } else if (ident(c) && (i == 0 || !ident(sql[i - 1]))) {
      size_t j = i;
      while (j < n && ident(sql[j])) ++j;
      const std::string_view word = sql.substr(i, j - i);
      if (word == "end") {
        out += "\"end\"";
      } else if (word == "LIKE" && !(i > 0 && sql[i - 1] == 'I')) {
        out += "ILIKE";
      } else {
        out.append(word);
      }
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

namespace {

// PostgreSQL type oids (pg_type.dat), the ones read back specially.
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23,
              kOidOid = 26, kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

class PgConnection;

class PgStatement final : public Statement {
 public:
  // `bulk`: "INSERT INTO t (cols) VALUES " when this INSERT's rows wait and go
  // out together (db.h, "Bulk rows"); "" to execute it row by row.
  PgStatement(PgConnection* conn, std::string name, int params, std::string bulk)
      : conn_(conn), name_(std::move(name)), bulk_(std::move(bulk)), values_(params),
        is_null_(params, 1), formats_(params, 0) {}
  ~PgStatement() override;

  void BindText(int i, std::string_view v) override { Set(i, std::string(v), 0); }
  void BindInt(int i, int64_t v) override { Set(i, std::to_string(v), 0); }
  void BindReal(int i, double v) override {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    Set(i, buf, 0);
  }
  void BindBlob(int i, std::string_view v) override { Set(i, std::string(v), 1); }
  void BindNull(int i) override {
    if (i >= 1 && i <= static_cast<int>(values_.size())) is_null_[i - 1] = 1;
  }
  int Step() override;
  void Reset() override {
    if (res_) PQclear(res_);
    res_ = nullptr;
    row_ = -1;
    for (auto& v : values_) v.clear();
    std::fill(is_null_.begin(), is_null_.end(), 1);
    std::fill(formats_.begin(), formats_.end(), 0);
  }
  int ColumnCount() const override { return res_ ? PQnfields(res_) : 0; }
  std::string_view ColumnName(int i) const override {
    const char* n = res_ ? PQfname(res_, i) : nullptr;
    return n ? n : "";
  }
  ColumnType Type(int i) const override {
    if (!res_ || row_ < 0 || PQgetisnull(res_, row_, i)) return ColumnType::kNull;
    switch (PQftype(res_, i)) {
      case kInt8Oid: case kInt2Oid: case kInt4Oid: case kOidOid: case kBoolOid:
        return ColumnType::kInt;
      case kFloat4Oid: case kFloat8Oid: return ColumnType::kReal;
      case kNumericOid: {
        const char* v = PQgetvalue(res_, row_, i);
        return std::strpbrk(v, ".eE") ? ColumnType::kReal : ColumnType::kInt;
      }
      case kByteaOid: return ColumnType::kBlob;
      default: return ColumnType::kText;
    }
  }
  int64_t Int(int i) const override {
    if (!res_ || row_ < 0 || PQgetisnull(res_, row_, i)) return 0;
    const char* v = PQgetvalue(res_, row_, i);
    if (PQftype(res_, i) == kBoolOid) return v[0] == 't' ? 1 : 0;
    if (std::strpbrk(v, ".eE")) return static_cast<int64_t>(std::strtod(v, nullptr));
    return std::strtoll(v, nullptr, 10);
  }
  double Real(int i) const override {
    if (!res_ || row_ < 0 || PQgetisnull(res_, row_, i)) return 0;
    return std::strtod(PQgetvalue(res_, row_, i), nullptr);
  }
  std::string_view Text(int i) const override {
    if (!res_ || row_ < 0 || PQgetisnull(res_, row_, i)) return {};
    const Oid type = PQftype(res_, i);
    if (type == kBoolOid) return PQgetvalue(res_, row_, i)[0] == 't' ? "1" : "0";
    if (type == kFloat8Oid || type == kFloat4Oid) {
      // As SQLite writes a REAL as text ("%!.15g": 4.0, 0.55), so text
      // output (CSV) is the same from both backends.
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.15g", Real(i));
      text_ = buf;
      if (text_.find_first_of(".en") == std::string::npos) {
        text_ += ".0";
      } else if (size_t e = text_.find('e');
                 e != std::string::npos && text_.find('.') == std::string::npos) {
        text_.insert(e, ".0");
      }
      return text_;
    }
    return {PQgetvalue(res_, row_, i), static_cast<size_t>(PQgetlength(res_, row_, i))};
  }
  std::string_view Blob(int i) const override {
    if (!res_ || row_ < 0 || PQgetisnull(res_, row_, i)) return {};
    if (PQftype(res_, i) != kByteaOid) return Text(i);
    // Text-format bytea is "\x" and hex digits; decoded once per cell read.
    const char* v = PQgetvalue(res_, row_, i);
    const size_t len = static_cast<size_t>(PQgetlength(res_, row_, i));
    blob_.clear();
    if (len >= 2 && v[0] == '\\' && v[1] == 'x') {
      auto hex = [](char h) {
        return h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10;
      };
      blob_.reserve((len - 2) / 2);
      for (size_t k = 2; k + 1 < len; k += 2)
        blob_.push_back(static_cast<char>(hex(v[k]) << 4 | hex(v[k + 1])));
    }
    return blob_;
  }

 private:
  void Set(int i, std::string v, int format) {
    if (i < 1 || i > static_cast<int>(values_.size())) return;
    values_[i - 1] = std::move(v);
    is_null_[i - 1] = 0;
    formats_[i - 1] = format;
  }
  // Appends the bound values as a row of SQL literals: "('a',NULL,'3')".
  void AppendValuesRow(std::string* out) const;
  PgConnection* conn_;
  std::string name_, bulk_;
  std::vector<std::string> values_;
  std::vector<char> is_null_;
  std::vector<int> formats_;
  PGresult* res_ = nullptr;
  int row_ = -1;
  mutable std::string blob_, text_;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }
  Backend backend() const override { return Backend::kPostgres; }
  PGconn* conn() const { return conn_; }

  std::unique_ptr<Statement> Prepare(std::string_view sql) override {
    const std::string pg = ToPostgresSql(sql);
    const std::string bulk = BulkInsertFor(pg);
    // The parameter count is the highest $N.
    int params = 0;
    for (size_t k = 0; k < pg.size(); ++k) {
      if (pg[k] != '$') continue;
      int v = 0;
      size_t j = k + 1;
      while (j < pg.size() && std::isdigit(static_cast<unsigned char>(pg[j])))
        v = v * 10 + (pg[j++] - '0');
      if (j > k + 1) params = std::max(params, v);
    }
    const std::string name = "s" + std::to_string(++statements_);
    PGresult* r = PQprepare(conn_, name.c_str(), pg.c_str(), params, nullptr);
    const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) SetError(r, pg);
    PQclear(r);
    if (!ok) return nullptr;
    return std::make_unique<PgStatement>(this, name, params, bulk);
  }
  bool Exec(std::string_view sql) override {
    const std::string pg = ToPostgresSql(sql);
    if (pg == "ROLLBACK") {
      pending_.clear();  // rows of the transaction being abandoned
    } else if (!FlushRows()) {
      return false;
    }
    PGresult* r = PQexec(conn_, pg.c_str());
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok) SetError(r, pg);
    PQclear(r);
    return ok;
  }
  std::string ErrorMessage() const override { return error_; }
  bool InTransaction() const override {
    const PGTransactionStatusType t = PQtransactionStatus(conn_);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
  }
  void SetError(PGresult* r, std::string_view sql) {
    const char* m = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    error_ = m && *m ? m : PQerrorMessage(conn_);
    while (!error_.empty() && (error_.back() == '\n' || error_.back() == ' ')) error_.pop_back();
    if (error_.empty()) error_ = "unknown PostgreSQL error";
    (void)sql;
  }
  // The rows waiting for `insert` ("INSERT INTO t (a, b) VALUES "), kept in
  // the order of arrival per run of one table.
  std::string* RowBuffer(const std::string& insert) {
    if (pending_.empty() || pending_.back().first != insert) pending_.emplace_back(insert, "");
    return &pending_.back().second;
  }
  // Sends the waiting rows: one multi-row INSERT per run, all in one message
  // (one round trip); false (with the error) if the server refused them,
  // after which the transaction is aborted.
  bool FlushRows() {
    if (pending_.empty()) return true;
    std::string sql;
    for (const auto& [insert, rows] : pending_) {
      sql += insert;
      sql += rows;
      sql += ";\n";
    }
    pending_.clear();
    PGresult* r = PQexec(conn_, sql.c_str());
    const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) SetError(r, sql);
    PQclear(r);
    return ok;
  }
  void Deallocate(const std::string& name) {
    if (PQstatus(conn_) != CONNECTION_OK) return;
    PGresult* r = PQexec(conn_, ("DEALLOCATE " + name).c_str());
    PQclear(r);
  }

 private:
  // "INSERT INTO t (a, b) VALUES " for "INSERT INTO t(a, b) VALUES ($1, $2)"
  // (every value a parameter, in order; nothing after), else "".
  static std::string BulkInsertFor(const std::string& pg) {
    static constexpr std::string_view kInsert = "INSERT INTO ";
    if (pg.rfind(kInsert, 0) != 0) return "";
    const size_t open = pg.find('(');
    const size_t close = pg.find(')', open);
    if (open == std::string::npos || close == std::string::npos) return "";
    const std::string table = pg.substr(kInsert.size(), open - kInsert.size());
    if (table.find_first_of(" \"\t") != std::string::npos) return "";
    const std::string cols = pg.substr(open + 1, close - open - 1);
    const int ncols = 1 + static_cast<int>(std::count(cols.begin(), cols.end(), ','));
    std::string values = " VALUES (";
    for (int i = 1; i <= ncols; ++i) values += (i > 1 ? ", $" : "$") + std::to_string(i);
    values += ")";
    if (pg.compare(close + 1, std::string::npos, values) != 0) return "";
    return "INSERT INTO " + table + " (" + cols + ") VALUES ";
  }
  PGconn* conn_;
  int statements_ = 0;
  std::string error_;
  std::vector<std::pair<std::string, std::string>> pending_;
};

void PgStatement::AppendValuesRow(std::string* out) const {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('(');
  for (size_t k = 0; k < values_.size(); ++k) {
    if (k) out->push_back(',');
    if (is_null_[k]) {
      out->append("NULL");
      continue;
    }
    const std::string& v = values_[k];
    out->push_back('\'');
    if (formats_[k] == 1) {  // bytea in hex input format
      out->append("\\x");
      for (unsigned char c : v) {
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
      }
    } else {
      // A standard string literal (standard_conforming_strings is on):
      // only the quote is doubled.
      for (char c : v) {
        if (c == '\'') out->push_back('\'');
        out->push_back(c);
      }
    }
    out->push_back('\'');
  }
  out->push_back(')');
}

PgStatement::~PgStatement() {
  if (res_) PQclear(res_);
  // A statement dropped inside a failed transaction cannot be deallocated
  // until it ends; the name stays unused until the connection closes.
  if (PQtransactionStatus(conn_->conn()) != PQTRANS_INERROR) conn_->Deallocate(name_);
}

int PgStatement::Step() {
  if (!bulk_.empty()) {
    // Sent with the next statement that needs the server, or at COMMIT.
    std::string* rows = conn_->RowBuffer(bulk_);
    if (!rows->empty()) rows->push_back(',');
    AppendValuesRow(rows);
    return kDone;
  }
  if (!res_) {
    if (!conn_->FlushRows()) return kError;
    std::vector<const char*> values(values_.size());
    std::vector<int> lengths(values_.size());
    for (size_t k = 0; k < values_.size(); ++k) {
      values[k] = is_null_[k] ? nullptr : values_[k].c_str();
      lengths[k] = static_cast<int>(values_[k].size());
    }
    res_ = PQexecPrepared(conn_->conn(), name_.c_str(), static_cast<int>(values.size()),
                          values.data(), lengths.data(), formats_.data(), 0);
    const ExecStatusType st = res_ ? PQresultStatus(res_) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      conn_->SetError(res_, name_);
      PQclear(res_);
      res_ = nullptr;
      return kError;
    }
    row_ = -1;
  }
  if (PQresultStatus(res_) != PGRES_TUPLES_OK) return kDone;
  if (++row_ < PQntuples(res_)) return kRow;
  return kDone;
}

}  // namespace

Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string m = conn ? PQerrorMessage(conn) : "out of memory";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    PQfinish(conn);
    return StorageError("cannot connect to " + RedactUrl(url) + ": " + m);
  }
  // Notices ("relation already exists, skipping") are not errors.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  auto c = std::make_unique<PgConnection>(conn);
  // Long texts and records are compressed with lz4 where the server has it
  // (about 15% less server CPU per stored document than pglz); a server
  // built without it keeps its default.
  (void)c->Exec("SET default_toast_compression TO 'lz4'");
  if (!c->Exec("SET client_min_messages TO warning") ||
      !c->Exec("SET standard_conforming_strings TO on") ||
      !c->Exec("SET application_name TO 'dossier'")) {
    return StorageError("cannot set up the session on " + RedactUrl(url) + ": " +
                        c->ErrorMessage());
  }
  return Result<std::unique_ptr<Connection>>(std::unique_ptr<Connection>(std::move(c)));
}

}  // namespace dossier::db
