// The store's behaviour on both backends: the same suite runs on a SQLite
// file and on a database of a real PostgreSQL server (tests/pg_test_util.h),
// and the exports of the two are compared byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "pg_test_util.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_test_docs.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::MakeDoc;
using testing::PutOk;
using testing::StatsOk;
using testing::RecordFor;
using testing::TempDir;

enum class Kind { kSqlite, kPostgres };

std::string KindName(const ::testing::TestParamInfo<Kind>& info) {
  return info.param == Kind::kSqlite ? "Sqlite" : "Postgres";
}

class StoreBackendsTest : public ::testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == Kind::kSqlite) {
      target_ = dir_.path() + "/dossier.db";
    } else {
      target_ = testing::NewPostgresDatabase(
          ::testing::UnitTest::GetInstance()->current_test_info()->name());
      ASSERT_FALSE(target_.empty());
    }
  }
  std::unique_ptr<Store> Open() {
    StoreOptions o;
    o.path = target_;
    auto r = Store::Open(o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }
  // The first column of the first row of `sql` on the store's connection.
  static std::string Query(Store& store, const std::string& sql) {
    auto st = store.connection()->Prepare(sql);
    EXPECT_TRUE(st) << sql << ": " << store.connection()->ErrorMessage();
    if (!st) return "";
    const int rc = st->Step();
    EXPECT_TRUE(rc == db::kRow || rc == db::kDone) << store.connection()->ErrorMessage();
    return rc == db::kRow ? std::string(st->Text(0)) : "";
  }

  TempDir dir_;
  std::string target_;
};

// A document with one place mention and one event, as the layers fill them.
Document EventDoc(const std::string& path, const std::string& text) {
  Document d = MakeDoc(path, 0, text, "Shelling in Deir ez-Zor");
  d.meta.published = "2017-09-18";
  Mention m;
  m.id = "m1";
  m.kind = "place";
  const auto at = static_cast<uint32_t>(text.find("Deir"));
  m.span = {at, at + 11};
  m.sentence = 0;
  m.ref = "geonames:170794";
  m.name = "Deir ez-Zor";
  m.geo = GeoValue{35.33588, 40.14084, "SY", "Deir ez-Zor", "city", "point"};
  m.confidence = 0.9;
  d.mentions.push_back(m);
  EventRecord e;
  e.id = "v1";
  e.sentence = 0;
  e.span = {0, static_cast<uint32_t>(text.size())};
  const auto trig = static_cast<uint32_t>(text.find("shelled"));
  e.trigger = {trig, trig + 7};
  e.plover = "ASSAULT";
  e.mode = "heavy-weapons";
  e.cameo = "194";
  e.place = 0;
  e.voice = "author";
  e.confidence = 0.75;
  d.events.push_back(e);
  return d;
}

TEST_P(StoreBackendsTest, CreatesTheSchemaOnceAndReopens) {
  {
    auto store = Open();
    ASSERT_TRUE(store);
    EXPECT_EQ(StatsOk(*store).schema_version, 10);
    EXPECT_EQ(store->postgres(), GetParam() == Kind::kPostgres);
  }
  auto again = Open();
  ASSERT_TRUE(again);
  EXPECT_EQ(Query(*again, "SELECT COUNT(*) FROM schema_migrations"),
            GetParam() == Kind::kSqlite ? "10" : "1");
}

TEST_P(StoreBackendsTest, VersionsDuplicatesAndFailures) {
  auto store = Open();
  ASSERT_TRUE(store);
  const Document v1 = MakeDoc("a.txt", 0, "First draft of the report.");
  const Document v2 = MakeDoc("a.txt", 0, "Corrected report, second draft.");
  const Document copy = MakeDoc("mirror/a.txt", 0, "First draft of the report.");
  EXPECT_EQ(PutOk(*store, v1), PutOutcome::kAdded);
  EXPECT_EQ(PutOk(*store, v1), PutOutcome::kUnchanged);
  EXPECT_EQ(PutOk(*store, v2), PutOutcome::kNewVersion);
  EXPECT_EQ(PutOk(*store, v1), PutOutcome::kUnchanged);  // a content the key had before
  EXPECT_EQ(PutOk(*store, copy), PutOutcome::kDuplicate);
  ASSERT_TRUE(store->RecordFailure("feed.jsonl", 3, InvalidInput("unterminated string")).ok());
  ASSERT_TRUE(store->Flush().ok());
  StoreStats st = StatsOk(*store);
  EXPECT_EQ(st.documents, 2);
  EXPECT_EQ(st.sources, 2);
  EXPECT_EQ(st.versions, 3);
  EXPECT_EQ(st.failures, 1);
  EXPECT_EQ(Query(*store, "SELECT version || ' ' || document_id FROM sources"
                          " WHERE source_key = 'a.txt'"),
            "2 " + v2.id);
  // The record parses now: the failure becomes history.
  EXPECT_EQ(PutOk(*store, MakeDoc("feed.jsonl", 3, "The record parses now.")),
            PutOutcome::kAdded);
  EXPECT_EQ(StatsOk(*store).failures, 0);
  EXPECT_EQ(Query(*store, "SELECT code || ': ' || message FROM failures"),
            "invalid_input: unterminated string");
}

TEST_P(StoreBackendsTest, SearchRanksTitlesAndRefusesNothingOnPostgres) {
  auto store = Open();
  ASSERT_TRUE(store);
  PutOk(*store, MakeDoc("a.txt", 0, "Convoy reached the camp after the airstrike.", "Aid convoy"));
  PutOk(*store, MakeDoc("b.txt", 0, "An airstrike hit the bridge; nothing else.", "Bridge"));
  PutOk(*store, MakeDoc("c.txt", 0, "Talks resumed in Geneva.", "Talks"));
  std::vector<std::string> titles;
  auto collect = [&](std::string_view, std::string_view title) {
    titles.emplace_back(title);
  };
  ASSERT_TRUE(store->Search("airstrike", 10, collect).ok());
  std::sort(titles.begin(), titles.end());
  EXPECT_EQ(titles, (std::vector<std::string>{"Aid convoy", "Bridge"}));
  titles.clear();
  ASSERT_TRUE(store->Search("convoy", 10, collect).ok());
  EXPECT_EQ(titles, std::vector<std::string>{"Aid convoy"});
  titles.clear();
  ASSERT_TRUE(store->Search("airstrike", 1, collect).ok());
  EXPECT_EQ(titles.size(), 1u);
}

TEST_P(StoreBackendsTest, RawInputRoundTripsInCodePoints) {
  auto store = Open();
  ASSERT_TRUE(store);
  Document d = MakeDoc("a.html", 0, "Déjà café");
  d.raw = std::make_shared<const std::string>("<p>Déjà caf&eacute;</p>");
  d.raw_map.AddCopy(0, 3, 10);
  d.raw_map.AddReplace(10, 2, 13, 21);
  ASSERT_EQ(PutOk(*store, d), PutOutcome::kAdded);
  ASSERT_TRUE(store->Flush().ok());
  auto raw = store->ReadRaw(d.id);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  ASSERT_TRUE(raw->has_value());
  EXPECT_EQ((*raw)->raw, *d.raw);
  ASSERT_GE((*raw)->map.size(), 2u);
  EXPECT_EQ((*raw)->map[0].text_begin, 0);
  EXPECT_EQ((*raw)->map[0].raw_begin, 3);
  EXPECT_TRUE((*raw)->map[0].copy);
  auto none = store->ReadRaw("no-such-id");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_P(StoreBackendsTest, EventsKeepTheirPlaceAsAPoint) {
  auto store = Open();
  ASSERT_TRUE(store);
  const std::string text = "Artillery shelled Deir ez-Zor on Monday.";
  ASSERT_EQ(PutOk(*store, EventDoc("e.txt", text)), PutOutcome::kAdded);
  ASSERT_TRUE(store->Flush().ok());
  std::string out;
  ASSERT_TRUE(store->ExportEvents("geojson", [&](std::string_view c) {
    out.append(c);
    return true;
  }).ok());
  const auto j = nlohmann::json::parse(out);
  ASSERT_EQ(j["features"].size(), 1u);
  EXPECT_DOUBLE_EQ(j["features"][0]["geometry"]["coordinates"][0].get<double>(), 40.14084);
  EXPECT_DOUBLE_EQ(j["features"][0]["geometry"]["coordinates"][1].get<double>(), 35.33588);
  EXPECT_EQ(j["features"][0]["properties"]["place_text"], "Deir ez-Zor");
  EXPECT_EQ(j["features"][0]["properties"]["trigger_text"], "shelled");
  if (GetParam() == Kind::kPostgres) {
    // The generated PostGIS point answers a radius query: Deir ez-Zor is
    // within 50 km of (35.3, 40.0) and not within 50 km of Damascus.
    EXPECT_EQ(Query(*store, "SELECT COUNT(*) FROM events WHERE ST_DWithin(place_geog,"
                            " ST_MakePoint(40.0, 35.3)::geography, 50000)"),
              "1");
    EXPECT_EQ(Query(*store, "SELECT COUNT(*) FROM events WHERE ST_DWithin(place_geog,"
                            " ST_MakePoint(36.29, 33.51)::geography, 50000)"),
              "0");
  }
}

// Several writers at once (threads here; processes or machines in use), each
// with its own connection, storing overlapping inputs: every document is
// stored once and every source key once.
TEST_P(StoreBackendsTest, ConcurrentWritersLoseAndDoubleNothing) {
  constexpr int kWriters = 3, kDocs = 40;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      StoreOptions o;
      o.path = target_;
      o.batch_size = 8;
      auto r = Store::Open(o);
      if (!r.ok()) {
        ++errors;
        ADD_FAILURE() << r.status().ToString();
        return;
      }
      auto store = std::move(r).value();
      for (int i = 0; i < kDocs; ++i) {
        // Every writer stores every text; writer w under its own key for a
        // third of them (a copy elsewhere), the shared key otherwise.
        const int k = (i + w * 7) % kDocs;
        const std::string key = k % 3 == 0 ? "w" + std::to_string(w) + "/" + std::to_string(k)
                                           : "shared/" + std::to_string(k);
        Document d = MakeDoc(key, 0, "Report number " + std::to_string(k) + " of the day.");
        auto put = store->Put(d, RecordFor(d));
        if (!put.ok()) {
          ++errors;
          ADD_FAILURE() << put.status().ToString();
        }
      }
      if (!store->Flush().ok()) ++errors;
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(errors.load(), 0);
  auto store = Open();
  ASSERT_TRUE(store);
  StoreStats st = StatsOk(*store);
  EXPECT_EQ(st.documents, kDocs);
  // 26 shared keys + the 14 texts with k % 3 == 0 under each writer's key.
  EXPECT_EQ(st.sources, 26 + 14 * kWriters);
  EXPECT_EQ(st.versions, st.sources);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreBackendsTest,
                         ::testing::Values(Kind::kSqlite, Kind::kPostgres), KindName);

// The same documents give byte-identical exports from both backends.
TEST(StoreBackendsEqualTest, ExportsAreTheSameOnBothBackends) {
  TempDir dir;
  const std::string pg = testing::NewPostgresDatabase("exports_equal");
  ASSERT_FALSE(pg.empty());
  std::vector<std::string> outputs;
  for (const std::string& target : {dir.path() + "/d.db", pg}) {
    StoreOptions o;
    o.path = target;
    auto r = Store::Open(o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto& store = **r;
    PutOk(store, EventDoc("e1.txt", "Artillery shelled Deir ez-Zor on Monday, at 0.55 past."));
    PutOk(store, MakeDoc("t.txt", 0, "A quiet day; talks, with \"quotes\", resumed.", "Talks"));
    ASSERT_TRUE(store.Flush().ok());
    std::string all;
    auto add = [&](std::string_view c) {
      all.append(c);
      return true;
    };
    ASSERT_TRUE(store.ExportDocuments([&](std::string_view rec) {
      all.append(rec);
      all += '\n';
      return true;
    }).ok());
    for (const char* f : {"jsonl", "csv", "geojson"}) {
      ASSERT_TRUE(store.ExportEvents(f, add).ok());
      ASSERT_TRUE(store.ExportEntities(f, add).ok());
    }
    ASSERT_TRUE(store.ExportClaims("csv", add).ok());
    ASSERT_TRUE(store.ExportMarkers("jsonl", add).ok());
    outputs.push_back(all);
  }
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_FALSE(outputs[0].empty());
  EXPECT_EQ(outputs[0], outputs[1]);
}

TEST(StoreBackendsEqualTest, PostgresErrorsNameTheServerNotThePassword) {
  StoreOptions o;
  o.path = "postgresql://dossier:s3cret@127.0.0.1:1/nowhere";
  auto r = Store::Open(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kStorage);
  EXPECT_NE(r.status().message().find("cannot connect to postgresql://dossier:***@127.0.0.1:1/"),
            std::string::npos)
      << r.status().message();
  EXPECT_EQ(r.status().message().find("s3cret"), std::string::npos);
}

TEST(StoreBackendsEqualTest, RefusesAPostgresDatabaseThatIsNotAStore) {
  const std::string pg = testing::NewPostgresDatabase("not_a_store");
  ASSERT_FALSE(pg.empty());
  testing::PostgresQuery(pg, "CREATE TABLE invoices (id INTEGER)");
  StoreOptions o;
  o.path = pg;
  auto r = Store::Open(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a dossier store"), std::string::npos)
      << r.status().message();
}

TEST(DbTest, RewritesTheCommonDialectForPostgres) {
  EXPECT_EQ(db::ToPostgresSql("SELECT a FROM t WHERE b = ?1 AND c = ?2"),
            "SELECT a FROM t WHERE b = $1 AND c = $2");
  EXPECT_EQ(db::ToPostgresSql("SELECT ? , ?"), "SELECT $1 , $2");
  EXPECT_EQ(db::ToPostgresSql("SELECT e.start, e.end FROM e WHERE x LIKE ?"),
            "SELECT e.start, e.\"end\" FROM e WHERE x ILIKE $1");
  // Literals, quoted names and comments are left alone; END the keyword too.
  EXPECT_EQ(db::ToPostgresSql("SELECT 'end?', \"end\", CASE WHEN a THEN 1 END -- end?\n"),
            "SELECT 'end?', \"end\", CASE WHEN a THEN 1 END -- end?\n");
  EXPECT_EQ(db::ToPostgresSql("SELECT 'it''s ?' || ?3"), "SELECT 'it''s ?' || $3");
  EXPECT_EQ(db::ToPostgresSql("  BEGIN IMMEDIATE "), "BEGIN");
  EXPECT_EQ(db::ToPostgresSql("SELECT legend, ending, x ILIKE y"),
            "SELECT legend, ending, x ILIKE y");
  EXPECT_EQ(db::RedactUrl("postgresql://u:pw@h:5/db"), "postgresql://u:***@h:5/db");
  EXPECT_EQ(db::RedactUrl("postgresql://h/db?password=x&sslmode=require"),
            "postgresql://h/db?password=***&sslmode=require");
  EXPECT_EQ(db::RedactUrl("postgresql://u@h/db"), "postgresql://u@h/db");
}

}  // namespace
}  // namespace dossier
