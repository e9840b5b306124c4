// Hand-built Documents and records for the store tests: the store only needs
// the id, text, source and meta fields, and a record that is valid JSON.
#ifndef DOSSIER_TESTS_STORE_STORE_TEST_DOCS_H_
#define DOSSIER_TESTS_STORE_STORE_TEST_DOCS_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

#include "dossier/content_id.h"
#include "dossier/document.h"
#include "dossier/json_writer.h"
#include "store/store.h"

#include <gtest/gtest.h>

namespace dossier::testing {

// A document as the pipeline would hand it to the store: id = ContentId(text).
inline Document MakeDoc(const std::string& path, int64_t line, const std::string& text,
                        std::optional<std::string> title = std::nullopt) {
  Document d;
  d.id = ContentId(text);
  d.path = path;
  d.line = line;
  d.format = line > 0 ? Format::kJsonl : Format::kText;
  d.encoding = "utf-8";
  d.text = text;
  d.meta.title = std::move(title);
  d.meta.language = "en";
  d.meta.outlet = "Test Outlet";
  d.meta.authors = {"A. Writer"};
  return d;
}

// A small contract-shaped record for `d`.
inline std::string RecordFor(const Document& d) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("schema");
  w.String("dossier/1");
  w.Key("id");
  w.String(d.id);
  w.Key("source");
  w.BeginObject();
  w.Key("path");
  w.String(d.path);
  w.Key("line");
  w.Int(d.line);
  w.Key("format");
  w.String(FormatName(d.format));
  w.EndObject();
  w.Key("meta");
  w.BeginObject();
  w.Key("title");
  w.OptString(d.meta.title);
  w.EndObject();
  w.Key("text");
  w.String(d.text);
  w.EndObject();
  return out;
}

// The first column of the first row of `sql` as an integer (-1 on error).
inline int64_t QueryInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW) {
    v = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  return v;
}

// The first column of the first row of `sql` as text ("<error: ...>" on error).
inline std::string QueryText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  std::string v;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW) {
    const unsigned char* p = sqlite3_column_text(s, 0);
    v = p ? reinterpret_cast<const char*>(p) : "<null>";
  } else {
    v = std::string("<error: ") + sqlite3_errmsg(db) + ">";
  }
  sqlite3_finalize(s);
  return v;
}

// Put / Stats that fail the test on an error (and return a neutral value).
inline PutOutcome PutOk(Store& store, const Document& d) {
  auto r = store.Put(d, RecordFor(d));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : PutOutcome::kAdded;
}
inline StoreStats StatsOk(Store& store) {
  auto r = store.Stats();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : StoreStats();
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_STORE_STORE_TEST_DOCS_H_
