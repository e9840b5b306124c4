#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/store_test_docs.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::MakeDoc;
using testing::PutOk;
using testing::StatsOk;
using testing::QueryInt;
using testing::QueryText;
using testing::RecordFor;
using testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& path, int batch_size = 256) {
  StoreOptions o;
  o.path = path;
  o.batch_size = batch_size;
  auto r = Store::Open(o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

Status OpenStatus(const std::string& path) {
  StoreOptions o;
  o.path = path;
  return Store::Open(o).status();
}

// Runs `sql` on a plain connection, outside the store.
void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
      << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

std::vector<std::string> ExportedIds(Store& store) {
  std::vector<std::string> ids;
  Status s = store.ExportDocuments([&](std::string_view record) {
    ids.push_back(nlohmann::json::parse(record).at("id").get<std::string>());
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return ids;
}

TEST(SqliteStoreTest, CreatesSchemaAndRecordsMigration) {
  TempDir dir;
  const std::string path = dir.path() + "/dossier.db";
  auto store = OpenOrDie(path);
  ASSERT_TRUE(store);
  sqlite3* db = store->handle();
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM schema_migrations"), 10);
  EXPECT_EQ(QueryText(db, "SELECT group_concat(version || ':' || name, ',') FROM "
                          "(SELECT * FROM schema_migrations ORDER BY version)"),
            "1:init,2:entity_values,3:lean_entity_indexes,4:citation_url,5:provenance_index,"
            "6:cluster_keys,7:markers,8:event_fields,9:document_raw,"
            "10:cluster_counters");
  EXPECT_NE(QueryText(db, "SELECT applied_at FROM schema_migrations"), "");
  for (const char* table :
       {"documents", "sources", "document_versions", "failures", "documents_fts",
        "layer_runs", "entities", "voice", "citations", "events", "claims", "markers",
        "provenance", "event_clusters", "cluster_members", "marker_profiles", "document_raw"}) {
    EXPECT_EQ(QueryInt(db, std::string("SELECT COUNT(*) FROM sqlite_schema WHERE name = '") +
                               table + "'"),
              1)
        << table;
  }
  EXPECT_EQ(QueryText(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryInt(db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryInt(db, "PRAGMA synchronous"), 1);  // NORMAL
  EXPECT_EQ(StatsOk(*store).schema_version, 10);  // 010: cluster_counters
  // Entities keep only the indexes by ref and by kind (003).
  EXPECT_EQ(QueryText(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema "
                          "WHERE type = 'index' AND tbl_name = 'entities' AND sql IS NOT NULL "
                          "ORDER BY name)"),
            "entities_kind,entities_ref");
}

TEST(SqliteStoreTest, ReopeningAppliesNothingNew) {
  TempDir dir;
  const std::string path = dir.path() + "/dossier.db";
  std::string applied_at;
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store);
    applied_at = QueryText(store->handle(),
                           "SELECT group_concat(applied_at, ',') FROM schema_migrations");
    EXPECT_EQ(PutOk(*store, MakeDoc("a.txt", 0, "kept across reopening")),
              PutOutcome::kAdded);
  }
  auto store = OpenOrDie(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(QueryInt(store->handle(), "SELECT COUNT(*) FROM schema_migrations"), 10);
  EXPECT_EQ(QueryText(store->handle(),
                      "SELECT group_concat(applied_at, ',') FROM schema_migrations"),
            applied_at);
  EXPECT_EQ(StatsOk(*store).documents, 1);
}

TEST(SqliteStoreTest, RefusesNewerSchema) {
  TempDir dir;
  const std::string path = dir.path() + "/dossier.db";
  { ASSERT_TRUE(OpenOrDie(path)); }
  RawExec(path,
          "INSERT INTO schema_migrations(version, name, applied_at)"
          " VALUES (999, 'future', '2099-01-01')");
  Status s = OpenStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kStorage);
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("999"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("newer"), std::string::npos) << s.message();
}

TEST(SqliteStoreTest, RefusesNonDossierDatabase) {
  TempDir dir;
  const std::string path = dir.path() + "/other.db";
  RawExec(path, "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
  Status s = OpenStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kStorage);
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("not a dossier store"), std::string::npos) << s.message();
  // The foreign database is left as it was.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM sqlite_schema"), 1);
  sqlite3_close(db);
}

TEST(SqliteStoreTest, RefusesGarbageFile) {
  TempDir dir;
  std::string garbage;
  while (garbage.size() < 8192) garbage += "This is a text file, not a database. ";
  const std::string path = dir.Write("notes.db", garbage);
  Status s = OpenStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kStorage);
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("not a SQLite database"), std::string::npos) << s.message();
  EXPECT_EQ(testing::ReadFile(path), garbage);
}

TEST(SqliteStoreTest, RefusesPathInMissingDirectory) {
  TempDir dir;
  const std::string path = dir.path() + "/no/such/dir/dossier.db";
  Status s = OpenStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kStorage);
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/no"));
}

TEST(SqliteStoreTest, RefusesReadOnlyLocation) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores file permissions";
  TempDir dir;
  const std::string ro = dir.path() + "/ro";
  std::filesystem::create_directory(ro);
  std::filesystem::permissions(ro, std::filesystem::perms::owner_read |
                                       std::filesystem::perms::owner_exec);
  const std::string path = ro + "/dossier.db";
  Status s = OpenStatus(path);
  EXPECT_EQ(s.code(), StatusCode::kStorage);
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
  std::filesystem::permissions(ro, std::filesystem::perms::owner_all);
}

TEST(SqliteStoreTest, SourceKeyPrefersGivenIdThenUrlThenPathAndLine) {
  EXPECT_EQ(Store::SourceKeyFor("a.jsonl", 3, std::string("x7"),
                                      std::string("https://e.com/a")),
            "a.jsonl#x7");
  EXPECT_EQ(Store::SourceKeyFor("a.jsonl", 3, std::nullopt,
                                      std::string("https://e.com/a")),
            "https://e.com/a");
  EXPECT_EQ(Store::SourceKeyFor("a.jsonl", 3, std::string(""), std::nullopt),
            "a.jsonl:3");
  EXPECT_EQ(Store::SourceKeyFor("dir/a.txt", 0, std::nullopt, std::nullopt),
            "dir/a.txt");
  Document d = MakeDoc("b.csv", 12, "row text");
  EXPECT_EQ(Store::SourceKey(d), "b.csv:12");
  d.meta.url = "https://e.com/b";
  EXPECT_EQ(Store::SourceKey(d), "https://e.com/b");
}

TEST(SqliteStoreTest, SameContentTwiceAddsNothing) {
  TempDir dir;
  const std::string path = dir.path() + "/dossier.db";
  const Document d = MakeDoc("a.txt", 0, "The same article, twice.", "Same");
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store);
    EXPECT_EQ(PutOk(*store, d), PutOutcome::kAdded);
    EXPECT_EQ(PutOk(*store, d), PutOutcome::kUnchanged);
    auto has = store->HasVersion("a.txt", d.id);
    ASSERT_TRUE(has.ok());
    EXPECT_TRUE(*has);
  }
  auto store = OpenOrDie(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(PutOk(*store, d), PutOutcome::kUnchanged);
  ASSERT_TRUE(store->Flush().ok());
  StoreStats st = StatsOk(*store);
  EXPECT_EQ(st.documents, 1);
  EXPECT_EQ(st.sources, 1);
  EXPECT_EQ(st.versions, 1);
  EXPECT_EQ(st.text_bytes, static_cast<int64_t>(d.text.size()));
  EXPECT_EQ(QueryInt(store->handle(), "SELECT COUNT(*) FROM documents_fts_docsize"), 1);
}

TEST(SqliteStoreTest, ChangedContentIsNewVersion) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/dossier.db");
  ASSERT_TRUE(store);
  const Document v1 = MakeDoc("a.txt", 0, "First draft of the article.");
  const Document v2 = MakeDoc("a.txt", 0, "Corrected version of the article.");
  EXPECT_EQ(PutOk(*store, v1), PutOutcome::kAdded);
  EXPECT_EQ(PutOk(*store, v2), PutOutcome::kNewVersion);
  StoreStats st = StatsOk(*store);
  EXPECT_EQ(st.documents, 2);
  EXPECT_EQ(st.sources, 1);
  EXPECT_EQ(st.versions, 2);
  sqlite3* db = store->handle();
  EXPECT_EQ(QueryText(db, "SELECT version || ' ' || document_id FROM sources"),
            "2 " + v2.id);
  EXPECT_EQ(QueryText(db, "SELECT document_id FROM document_versions WHERE version = 1"),
            v1.id);
  EXPECT_TRUE(*store->HasVersion("a.txt", v1.id));
  EXPECT_TRUE(*store->HasVersion("a.txt", v2.id));

  // Content the key has had before is not new: a dataset that repeats an id
  // with two texts must not add a version on every run.
  EXPECT_EQ(PutOk(*store, v1), PutOutcome::kUnchanged);
  EXPECT_EQ(PutOk(*store, v2), PutOutcome::kUnchanged);
  st = StatsOk(*store);
  EXPECT_EQ(st.documents, 2);
  EXPECT_EQ(st.versions, 2);
  EXPECT_EQ(QueryText(db, "SELECT version || ' ' || document_id FROM sources"),
            "2 " + v2.id);
}

TEST(SqliteStoreTest, SameContentUnderNewKeyIsDuplicate) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/dossier.db");
  ASSERT_TRUE(store);
  const std::string text = "An article republished word for word elsewhere.";
  const Document a = MakeDoc("site-a/story.txt", 0, text);
  const Document b = MakeDoc("site-b/copy.txt", 0, text);
  EXPECT_EQ(PutOk(*store, a), PutOutcome::kAdded);
  EXPECT_EQ(PutOk(*store, b), PutOutcome::kDuplicate);
  EXPECT_EQ(PutOk(*store, b), PutOutcome::kUnchanged);
  StoreStats st = StatsOk(*store);
  EXPECT_EQ(st.documents, 1);
  EXPECT_EQ(st.sources, 2);
  EXPECT_EQ(st.versions, 2);
  sqlite3* db = store->handle();
  EXPECT_EQ(QueryText(db,
                      "SELECT document_id FROM document_versions"
                      " WHERE source_key = 'site-b/copy.txt' AND version = 1"),
            a.id);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM documents_fts_docsize"), 1);
  // The shared document is exported once.
  EXPECT_EQ(ExportedIds(*store), std::vector<std::string>{a.id});
}

TEST(SqliteStoreTest, FailuresAreRecorded) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/dossier.db");
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store->RecordFailure("feed.jsonl", 3, InvalidInput("unterminated string")).ok());
  ASSERT_TRUE(store->RecordFailure("gone.txt", 0, IoError("permission denied")).ok());
  sqlite3* db = store->handle();
  EXPECT_EQ(QueryText(db,
                      "SELECT path || ':' || line || ' ' || code || ' ' || message"
                      " FROM failures ORDER BY id LIMIT 1"),
            "feed.jsonl:3 invalid_input unterminated string");
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM failures WHERE at LIKE '20__-__-__T%Z'"), 2);
  EXPECT_EQ(StatsOk(*store).failures, 2);

  // A later success of the same record keeps the failure as history only.
  EXPECT_EQ(PutOk(*store, MakeDoc("feed.jsonl", 3, "The record parses now.")),
            PutOutcome::kAdded);
  EXPECT_EQ(StatsOk(*store).failures, 1);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM failures"), 2);

  // ... until it fails again.
  ASSERT_TRUE(store->RecordFailure("feed.jsonl", 3, InvalidInput("broken again")).ok());
  EXPECT_EQ(StatsOk(*store).failures, 2);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM failures"), 3);
}

TEST(SqliteStoreTest, CommitsEveryBatchSizeWrites) {
  TempDir dir;
  const std::string path = dir.path() + "/dossier.db";
  auto store = OpenOrDie(path, /*batch_size=*/3);
  ASSERT_TRUE(store);
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &reader), SQLITE_OK);
  EXPECT_EQ(PutOk(*store, MakeDoc("a.txt", 0, "one")), PutOutcome::kAdded);
  EXPECT_EQ(PutOk(*store, MakeDoc("b.txt", 0, "two")), PutOutcome::kAdded);
  EXPECT_EQ(QueryInt(reader, "SELECT COUNT(*) FROM documents"), 0);
  ASSERT_TRUE(store->RecordFailure("c.txt", 0, InvalidInput("empty")).ok());
  EXPECT_EQ(QueryInt(reader, "SELECT COUNT(*) FROM documents"), 2);
  EXPECT_EQ(PutOk(*store, MakeDoc("d.txt", 0, "four")), PutOutcome::kAdded);
  EXPECT_EQ(QueryInt(reader, "SELECT COUNT(*) FROM documents"), 2);
  ASSERT_TRUE(store->Flush().ok());
  EXPECT_EQ(QueryInt(reader, "SELECT COUNT(*) FROM documents"), 3);
  EXPECT_EQ(PutOk(*store, MakeDoc("e.txt", 0, "five")), PutOutcome::kAdded);
  store.reset();  // the destructor commits
  EXPECT_EQ(QueryInt(reader, "SELECT COUNT(*) FROM documents"), 4);
  sqlite3_close(reader);
}

TEST(SqliteStoreTest, StoresMetaColumnsAndBreakdowns) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/dossier.db");
  ASSERT_TRUE(store);
  Document d = MakeDoc("a.html", 0, "Body text.", "Headline");
  d.format = Format::kHtml;
  d.meta.authors = {"Ann \"Quoted\" Lee", "Bo"};
  d.meta.published = "2018-08-16";
  d.meta.url = "https://example.org/a";
  d.meta.republished_from.outlet = "MintPress News";
  PutOk(*store, d);
  Document e = MakeDoc("b.txt", 0, "Anderer Text.");
  e.meta.language = "de";
  e.meta.outlet.reset();
  PutOk(*store, e);
  sqlite3* db = store->handle();
  EXPECT_EQ(QueryText(db, "SELECT json_extract(authors, '$[0]') FROM documents WHERE path = 'a.html'"),
            "Ann \"Quoted\" Lee");
  EXPECT_EQ(QueryText(db, "SELECT json_extract(republished_from, '$.outlet') FROM documents"
                          " WHERE path = 'a.html'"),
            "MintPress News");
  EXPECT_EQ(QueryText(db, "SELECT source_key FROM sources ORDER BY source_no LIMIT 1"),
            "https://example.org/a");
  StoreStats st = StatsOk(*store);
  using Pairs = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(st.by_format, (Pairs{{"html", 1}, {"text", 1}}));
  EXPECT_EQ(st.by_language, (Pairs{{"de", 1}, {"en", 1}}));
  EXPECT_EQ(st.by_outlet, (Pairs{{"(none)", 1}, {"Test Outlet", 1}}));
}

TEST(SqliteStoreTest, ExportsLatestVersionInInsertionOrder) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/dossier.db", /*batch_size=*/2);
  ASSERT_TRUE(store);
  const Document a1 = MakeDoc("a.txt", 0, "a, first version");
  const Document b = MakeDoc("b.txt", 0, "b, only version");
  const Document c = MakeDoc("feed.jsonl", 4, "c, a record");
  const Document a2 = MakeDoc("a.txt", 0, "a, second version");
  const Document b_copy = MakeDoc("mirror/b.txt", 0, "b, only version");
  EXPECT_EQ(PutOk(*store, a1), PutOutcome::kAdded);
  EXPECT_EQ(PutOk(*store, b), PutOutcome::kAdded);
  EXPECT_EQ(PutOk(*store, c), PutOutcome::kAdded);
  EXPECT_EQ(PutOk(*store, a2), PutOutcome::kNewVersion);
  EXPECT_EQ(PutOk(*store, b_copy), PutOutcome::kDuplicate);
  EXPECT_EQ(ExportedIds(*store), (std::vector<std::string>{b.id, c.id, a2.id}));

  // Stops when the callback says so.
  int calls = 0;
  ASSERT_TRUE(store->ExportDocuments([&](std::string_view) { return ++calls < 2; }).ok());
  EXPECT_EQ(calls, 2);
}

TEST(SqliteStoreTest, SearchFindsWordsInText) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/dossier.db");
  ASSERT_TRUE(store);
  const Document strike = MakeDoc(
      "strike.txt", 0,
      "An airstrike hit the Thardeh mountains near Deir ez-Zor. The airstrike killed "
      "83 soldiers.",
      "Airstrike near Deir ez-Zor");
  const Document flood = MakeDoc("flood.txt", 0,
                                 "Floods displaced thousands; one report mentions an "
                                 "earlier airstrike.",
                                 "Floods");
  const Document cafe = MakeDoc("cafe.txt", 0, "Der Café am Marktplatz öffnet wieder.");
  PutOk(*store, strike);
  PutOk(*store, flood);
  PutOk(*store, cafe);

  std::vector<std::string> ids, titles;
  auto collect = [&](std::string_view id, std::string_view title) {
    ids.emplace_back(id);
    titles.emplace_back(title);
  };
  ASSERT_TRUE(store->Search("airstrike", 10, collect).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{strike.id, flood.id}));
  EXPECT_EQ(titles[0], "Airstrike near Deir ez-Zor");

  ids.clear();
  ASSERT_TRUE(store->Search("airstrike", 1, collect).ok());
  EXPECT_EQ(ids.size(), 1u);

  ids.clear();
  ASSERT_TRUE(store->Search("displaced AND thousands", 10, collect).ok());
  EXPECT_EQ(ids, std::vector<std::string>{flood.id});

  ids.clear();
  ASSERT_TRUE(store->Search("cafe", 10, collect).ok());  // diacritics folded
  EXPECT_EQ(ids, std::vector<std::string>{cafe.id});

  ids.clear();
  ASSERT_TRUE(store->Search("submarine", 10, collect).ok());
  EXPECT_TRUE(ids.empty());
}

TEST(SqliteStoreTest, BadFtsQueryIsUsageError) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/dossier.db");
  ASSERT_TRUE(store);
  PutOk(*store, MakeDoc("a.txt", 0, "some text"));
  int calls = 0;
  auto count = [&](std::string_view, std::string_view) { ++calls; };
  for (const char* bad : {"\"unbalanced", "text AND", "nosuchcolumn: text"}) {
    Status s = store->Search(bad, 10, count);
    EXPECT_EQ(s.code(), StatusCode::kUsage) << bad << ": " << s.ToString();
    EXPECT_NE(s.message().find(bad), std::string::npos) << s.message();
  }
  EXPECT_EQ(calls, 0);
  // The store is still usable.
  ASSERT_TRUE(store->Search("text", 10, count).ok());
  EXPECT_EQ(calls, 1);
}

TEST(SqliteStoreTest, RejectsDocumentWithoutId) {
  TempDir dir;
  auto store = OpenOrDie(dir.path() + "/dossier.db");
  ASSERT_TRUE(store);
  Document d = MakeDoc("a.txt", 0, "text");
  d.id.clear();
  auto r = store->Put(d, RecordFor(d));
  EXPECT_EQ(r.status().code(), StatusCode::kUsage);
  EXPECT_EQ(StatsOk(*store).documents, 0);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// Entity rows carry every resolved field, with code point offsets into the
// text and the raw input, and a layer_runs row records what produced them.
TEST(SqliteStoreEntitiesTest, WritesOneRowPerMentionWithItsValues) {
  TempDir dir;
  StoreOptions so;
  so.path = dir.path() + "/e.db";
  so.layer_version = "lexicon abc; gazetteer def; layers dates places";
  auto store_or = Store::Open(so);
  ASSERT_TRUE(store_or.ok()) << store_or.status().ToString();
  auto& store = *store_or;
  // "Écoles" makes byte and code point offsets differ before the mentions.
  Document d = testing::MakeDoc("e.txt", 0, "Écoles in Deir ez-Zor: 83 killed by SDF.");
  Mention place;
  place.id = "m1";
  place.kind = "place";
  place.span = {11, 22};  // "Deir ez-Zor" (bytes; É is two)
  place.sentence = 0;
  place.ref = "geonames:170794";
  place.name = "Deir ez-Zor";
  place.geo = GeoValue{35.336, 40.141, "SY", "Deir ez-Zor", "city", "point"};
  place.confidence = 0.9;
  Mention qty;
  qty.id = "m2";
  qty.kind = "quantity";
  qty.span = {24, 26};
  qty.sentence = 0;
  qty.quantity = QuantityValue{83, 83, 83, "exact", "person", "killed"};
  qty.confidence = 0.8;
  Mention actor;
  actor.id = "m3";
  actor.kind = "actor";
  actor.span = {37, 40};
  actor.sentence = 0;
  actor.ref = "actor:SDF";
  actor.actor = ActorValue{"SY", {"REB", "MIL"}, "SDF", "US"};
  actor.confidence = 0.95;
  d.mentions = {place, qty, actor};
  ASSERT_TRUE(store->Put(d, "{}").ok());
  ASSERT_TRUE(store->Flush().ok());
  sqlite3* db = store->handle();
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM entities"), 3);
  EXPECT_EQ(QueryText(db, "SELECT text || '|' || start || '|' || end || '|' || ref || '|' || "
                          "lat || '|' || country || '|' || feature FROM entities "
                          "WHERE mention_id = 'm1'"),
            "Deir ez-Zor|10|21|geonames:170794|35.336|SY|city");
  EXPECT_EQ(QueryText(db, "SELECT group_concat(text, ',') FROM entities"),
            "Deir ez-Zor,83,SDF");
  EXPECT_EQ(QueryText(db, "SELECT quantity_value || '|' || qualifier || '|' || unit || '|' || "
                          "role FROM entities WHERE mention_id = 'm2'"),
            "83.0|exact|person|killed");
  EXPECT_EQ(QueryText(db, "SELECT actor_country || '|' || actor_sector || '|' || actor_sectors "
                          "|| '|' || actor_group || '|' || actor_backed_by FROM entities "
                          "WHERE mention_id = 'm3'"),
            "SY|REB|REB|MIL|SDF|US");
  EXPECT_EQ(QueryText(db, "SELECT layer || ':' || version FROM layer_runs"),
            "entities:lexicon abc; gazetteer def; layers dates places");
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// Voice, citation and claim rows: code point offsets, mention ids for
// sources, issuers and slots, JSON for citation mentions and claim slots, and
// a layer_runs row "voice".
TEST(SqliteStoreVoiceTest, WritesVoiceCitationAndClaimRows) {
  TempDir dir;
  StoreOptions so;
  so.path = dir.path() + "/v.db";
  so.layer_version = "lexicon abc; layers voice";
  auto store_or = Store::Open(so);
  ASSERT_TRUE(store_or.ok()) << store_or.status().ToString();
  auto& store = *store_or;
  // "Écoles" makes byte and code point offsets differ.
  const std::string text = "Écoles: 83 killed, the report said. It seems so.";
  Document d = testing::MakeDoc("v.txt", 0, text);
  d.sentences = {{0, 36}, {37, 49}};
  Mention qty;
  qty.id = "m1";
  qty.kind = "quantity";
  qty.span = {9, 11};  // "83"
  qty.sentence = 0;
  qty.quantity = QuantityValue{83, 83, 83, "exact", "person", "killed"};
  Mention report;
  report.id = "m2";
  report.kind = "document";
  report.span = {20, 30};  // "the report"
  report.sentence = 0;
  d.mentions = {qty, report};
  VoiceRecord a;
  a.sentence = 0;
  a.span = {0, 36};
  a.kind = "attributed";
  a.source = 1;
  a.source_kind = "document";
  a.cue = Span{31, 35};  // "said"
  a.content = Span{0, 18};
  VoiceRecord h;
  h.sentence = 1;
  h.span = {37, 49};
  h.kind = "hedged";
  h.cue = Span{37, 45};
  d.voice = {a, h};
  Citation c;
  c.id = "c1";
  c.kind = "report";
  c.issuer = -1;
  c.url = "https://example.org/r.pdf";
  c.mentions = {Span{20, 30}};
  d.citations = {c};
  Claim cl;
  cl.sentence = 0;
  cl.span = {0, 36};
  cl.kind = "numeric";
  cl.checkworthy = 0.9;
  cl.quantities = {0};
  cl.voice = "attributed";
  cl.source = 1;
  d.claims = {cl};
  ASSERT_TRUE(store->Put(d, "{}").ok());
  ASSERT_TRUE(store->Flush().ok());
  sqlite3* db = store->handle();
  EXPECT_EQ(QueryText(db, "SELECT kind || '|' || start || '|' || end || '|' || source || '|' || "
                          "source_kind || '|' || cue_text || '|' || cue_start || '|' || "
                          "content_end FROM voice WHERE seq = 0"),
            "attributed|0|35|m2|document|said|30|17");
  EXPECT_EQ(QueryText(db, "SELECT kind || '|' || coalesce(source, '-') || '|' || cue_text "
                          "FROM voice WHERE seq = 1"),
            "hedged|-|It seems");
  EXPECT_EQ(QueryText(db, "SELECT citation_id || '|' || kind || '|' || coalesce(issuer, '-') || "
                          "'|' || mentions || '|' || url FROM citations"),
            "c1|report|-|[[19,29]]|https://example.org/r.pdf");
  EXPECT_EQ(QueryText(db, "SELECT kind || '|' || checkworthy || '|' || slots || '|' || voice || "
                          "'|' || source FROM claims"),
            "numeric|0.9|{\"quantities\":[\"m1\"],\"dates\":[],\"places\":[],\"actors\":[]}|"
            "attributed|m2");
  EXPECT_EQ(QueryText(db, "SELECT group_concat(layer, ',') FROM (SELECT layer FROM layer_runs "
                          "ORDER BY layer)"),
            "entities,voice");
  const StoreStats st = StatsOk(*store);
  ASSERT_EQ(st.voice_by_kind.size(), 2u);
  EXPECT_EQ(st.claims_by_kind.front().first, "numeric");
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// Markers and the marker profile become rows of markers and marker_profiles
// (code point offsets, the source's mention id, the rule), counted by Stats
// and exported as JSON Lines and CSV.
TEST(SqliteStoreTest, MarkersAndProfileRowsExportAndStats) {
  testing::TempDir dir;
  StoreOptions o;
  o.path = dir.path() + "/m.db";
  auto store_or = Store::Open(o);
  ASSERT_TRUE(store_or.ok()) << store_or.status().ToString();
  auto& store = *store_or;
  // "Écoles" makes byte and code point offsets differ.
  const std::string text = "Écoles: the regime lies, the mayor said. The \"moderate\" men left.";
  Document d = testing::MakeDoc("m.txt", 0, text);
  d.sentences = {{0, 41}, {42, 66}};
  Mention mayor;
  mayor.id = "m1";
  mayor.kind = "person";
  mayor.span = {26, 35};  // "the mayor"
  mayor.sentence = 0;
  d.mentions = {mayor};
  Marker a;
  a.technique = "loaded_language";
  a.span = {13, 19};  // "regime"
  a.sentence = 0;
  a.voice = "attributed";
  a.source = 0;
  a.confidence = 0.6;
  a.rule = "technique_lexicon.tsv: regime";
  Marker b;
  b.technique = "scare_quotes";
  b.span = {46, 56};  // "\"moderate\""
  b.sentence = 1;
  b.voice = "author";
  b.confidence = 0.7;
  b.rule = "scare quote";
  d.markers = {a, b};
  MarkerProfile& p = d.marker_profile;
  p.computed = true;
  p.words = 10;
  p.counts.assign(15, 0);
  p.counts[0] = 1;
  p.counts[14] = 1;
  p.total = 2;
  p.author_share = 0.5;
  p.densest = {MarkerPassage{Span{0, 66}, 2, 10, 200}};
  ASSERT_TRUE(store->Put(d, "{}").ok());
  ASSERT_TRUE(store->Flush().ok());
  sqlite3* db = store->handle();
  EXPECT_EQ(QueryText(db, "SELECT technique || '|' || start || '|' || end || '|' || text || '|' || "
                          "voice || '|' || source || '|' || confidence || '|' || sentence || '|' "
                          "|| rule FROM markers WHERE seq = 0"),
            "loaded_language|12|18|regime|attributed|m1|0.6|0|technique_lexicon.tsv: regime");
  EXPECT_EQ(QueryText(db, "SELECT technique || '|' || coalesce(source, '-') || '|' || text "
                          "FROM markers WHERE seq = 1"),
            "scare_quotes|-|\"moderate\"");
  EXPECT_EQ(QueryText(db, "SELECT words || '|' || markers || '|' || per_1000_words || '|' || "
                          "author_share || '|' || techniques || '|' || densest FROM marker_profiles"),
            "10|2|200.0|0.5|{\"loaded_language\":{\"count\":1,\"per_1000_words\":100},"
            "\"scare_quotes\":{\"count\":1,\"per_1000_words\":100}}|"
            "[{\"start\":0,\"end\":65,\"markers\":2,\"words\":10,\"per_1000_words\":200}]");
  EXPECT_EQ(QueryText(db, "SELECT group_concat(layer, ',') FROM (SELECT layer FROM layer_runs "
                          "ORDER BY layer)"),
            "entities,markers");
  const StoreStats st = StatsOk(*store);
  ASSERT_EQ(st.markers_by_technique.size(), 2u);
  EXPECT_EQ(st.markers_by_voice.size(), 2u);
  std::string out;
  ASSERT_TRUE(store->ExportMarkers("jsonl", [&](std::string_view c) {
    out += c;
    return true;
  }).ok());
  auto rows = testing::ParseJsonLines(out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["source_text"], "the mayor");
  EXPECT_EQ(rows[0]["start"], 12);
  EXPECT_TRUE(rows[1]["source"].is_null());
  out.clear();
  ASSERT_TRUE(store->ExportMarkers("csv", [&](std::string_view c) {
    out += c;
    return true;
  }).ok());
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "document_id,seq,sentence,technique,start,end,text,voice,source,source_text,"
            "confidence,rule");
  EXPECT_NE(out.find(",\"\"\"moderate\"\"\",author,,,0.7,scare quote\n"), std::string::npos) << out;
  EXPECT_FALSE(store->ExportMarkers("geojson", [](std::string_view) { return true; }).ok());
}

}  // namespace
}  // namespace dossier

namespace dossier::testing {
namespace {

// The raw input and the text -> raw map come back in code points: a
// multibyte raw input, a replaced run ("&eacute;" -> "é") and a copied run
// after it.
TEST(SqliteStoreRawTest, RawInputAndMapRoundTripInCodePoints) {
  TempDir dir;
  StoreOptions o;
  o.path = dir.path() + "/raw.db";
  auto store = Store::Open(o);
  ASSERT_TRUE(store.ok()) << store.status().message();
  // raw:  "<p>Déjà caf&eacute; à Raqqa</p>"   text: "Déjà café à Raqqa"
  const std::string raw = "<p>D\xC3\xA9j\xC3\xA0 caf&eacute; \xC3\xA0 Raqqa</p>";
  Document d = MakeDoc("page.html", 0, "D\xC3\xA9j\xC3\xA0 caf\xC3\xA9 \xC3\xA0 Raqqa");
  d.format = Format::kHtml;
  d.raw = std::make_shared<const std::string>(raw);
  d.raw_map.AddCopy(0, 3, 10);          // "Déjà caf" (10 bytes) <- raw bytes 3..13
  d.raw_map.AddReplace(10, 2, 13, 21);  // "é" <- "&eacute;"
  d.raw_map.AddCopy(12, 21, 9);         // " à Raqqa" (9 bytes) <- raw bytes 21..30
  ASSERT_TRUE((*store)->Put(d, RecordFor(d)).ok());
  ASSERT_TRUE((*store)->Flush().ok());
  auto in = (*store)->ReadRaw(d.id);
  ASSERT_TRUE(in.ok()) << in.status().message();
  ASSERT_TRUE(in->has_value());
  const RawInput& r = **in;
  EXPECT_EQ(r.raw, raw);
  EXPECT_EQ(r.format, "html");
  EXPECT_EQ(r.encoding, "utf-8");
  ASSERT_EQ(r.map.size(), 3u);
  // Code points: text "Déjà caf" = 8, raw "<p>" = 3.
  EXPECT_EQ(r.map[0].text_begin, 0);
  EXPECT_EQ(r.map[0].text_end, 8);
  EXPECT_EQ(r.map[0].raw_begin, 3);
  EXPECT_EQ(r.map[0].raw_end, 11);
  EXPECT_TRUE(r.map[0].copy);
  EXPECT_EQ(r.map[1].text_begin, 8);
  EXPECT_EQ(r.map[1].text_end, 9);
  EXPECT_EQ(r.map[1].raw_begin, 11);
  EXPECT_EQ(r.map[1].raw_end, 19);
  EXPECT_FALSE(r.map[1].copy);
  EXPECT_EQ(r.map[2].text_begin, 9);
  EXPECT_EQ(r.map[2].text_end, 17);
  EXPECT_EQ(r.map[2].raw_begin, 19);
  EXPECT_EQ(r.map[2].raw_end, 27);
  EXPECT_TRUE(r.map[2].copy);
  // An unknown id has no raw input; a corrupt stored value is an error.
  auto none = (*store)->ReadRaw("0000");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_EQ(sqlite3_exec((*store)->handle(), "UPDATE document_raw SET raw = x'00112233'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto bad = (*store)->ReadRaw(d.id);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("raw input of " + d.id + " is corrupt"),
            std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace dossier::testing
