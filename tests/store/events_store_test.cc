// Event rows: code point offsets, role mentions with their codes copied for
// maps and filters, casualties, voice, modality and same_as; the export in
// JSON Lines, CSV and GeoJSON; the counts of stats.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <string>

#include "store/store.h"
#include "store/store_test_docs.h"
#include "test_util.h"

namespace dossier {
namespace {

std::string One(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  std::string out = "(error)";
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}

Document EventDoc() {
  // "Écoles" makes byte and code point offsets differ.
  const std::string text = "Écoles: jets struck Raqqa, killing 9 civilians. The strike on Raqqa was denied.";
  Document d = testing::MakeDoc("e.txt", 0, text);
  d.sentences = {{0, 48}, {49, 81}};
  auto mention = [](const char* id, const char* kind, Span s, int sentence) {
    Mention m;
    m.id = id;
    m.kind = kind;
    m.span = s;
    m.sentence = sentence;
    return m;
  };
  Mention jets = mention("m1", "actor", {9, 13}, 0);
  jets.actor = ActorValue{"US", {"MIL"}, "", ""};
  Mention raqqa = mention("m2", "place", {21, 26}, 0);
  raqqa.ref = "geonames:172955";
  raqqa.geo = GeoValue{35.95, 39.01, "SY", "Raqqa", "city", "point"};
  Mention nine = mention("m3", "quantity", {36, 37}, 0);
  nine.quantity = QuantityValue{9, 9, 9, "exact", "person", "killed"};
  Mention civ = mention("m4", "actor", {38, 47}, 0);
  civ.actor = ActorValue{"", {"CVL"}, "", ""};
  Mention raqqa2 = mention("m5", "place", {63, 68}, 1);
  raqqa2.ref = "geonames:172955";
  raqqa2.geo = GeoValue{35.95, 39.01, "SY", "Raqqa", "city", "point"};
  d.mentions = {jets, raqqa, nine, civ, raqqa2};
  EventRecord a;
  a.id = "v1";
  a.sentence = 0;
  a.span = {0, 48};
  a.trigger = {14, 20};  // "struck"
  a.pattern = "strike:verb";
  a.plover = "ASSAULT";
  a.mode = "aerial";
  a.cameo = "195";
  a.acled = "Violence against civilians";
  a.acled_sub = "Attack";
  a.actor = 0;
  a.target = 3;
  a.place = 1;
  a.dead = 2;
  a.voice = "author";
  a.confidence = 0.9;
  EventRecord b;
  b.id = "v2";
  b.sentence = 1;
  b.span = {49, 81};
  b.trigger = {53, 59};  // "strike"
  b.pattern = "strike:noun";
  b.plover = "ASSAULT";
  b.mode = "aerial";
  b.cameo = "195";
  b.place = 4;
  b.voice = "author";
  b.negated = true;
  b.modality = "negated";
  b.same_as = 0;
  b.confidence = 0.5;
  d.events = {a, b};
  return d;
}

TEST(SqliteStoreEventsTest, WritesEventRowsAndExportsThem) {
  testing::TempDir dir;
  StoreOptions so;
  so.path = dir.path() + "/e.db";
  auto store_or = Store::Open(so);
  ASSERT_TRUE(store_or.ok()) << store_or.status().ToString();
  auto& store = *store_or;
  ASSERT_TRUE(store->Put(EventDoc(), "{}").ok());
  ASSERT_TRUE(store->Flush().ok());
  sqlite3* db = store->handle();
  EXPECT_EQ(One(db, "SELECT trigger_text || '|' || trigger_start || '|' || trigger_end || '|' || "
                    "plover || '|' || mode || '|' || cameo || '|' || acled_sub || '|' || pattern "
                    "FROM events WHERE event_id = 'v1'"),
            "struck|13|19|ASSAULT|aerial|195|Attack|strike:verb");
  EXPECT_EQ(One(db, "SELECT actor_mention || '|' || actor_text || '|' || actor_country || '|' || "
                    "actor_sector || '|' || target_text || '|' || target_sector || '|' || "
                    "place_ref || '|' || place_lat || '|' || place_country || '|' || dead_value "
                    "|| '|' || dead_mention FROM events WHERE event_id = 'v1'"),
            "m1|jets|US|MIL|civilians|CVL|geonames:172955|35.95|SY|9.0|m3");
  EXPECT_EQ(One(db, "SELECT negated || '|' || hypothetical || '|' || modality || '|' || same_as || "
                    "'|' || coalesce(actor_mention, '-') FROM events WHERE event_id = 'v2'"),
            "1|0|negated|v1|-");
  EXPECT_EQ(One(db, "SELECT count(*) FROM layer_runs WHERE layer = 'events'"), "1");

  std::string jsonl, csv, geo;
  ASSERT_TRUE(store->ExportEvents("jsonl", [&](std::string_view c) { jsonl += c; return true; }).ok());
  ASSERT_TRUE(store->ExportEvents("csv", [&](std::string_view c) { csv += c; return true; }).ok());
  ASSERT_TRUE(store->ExportEvents("geojson", [&](std::string_view c) { geo += c; return true; }).ok());
  auto rows = testing::ParseJsonLines(jsonl);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["text"], "Écoles: jets struck Raqqa, killing 9 civilians.");
  EXPECT_EQ(rows[1]["same_as"], "v1");
  EXPECT_EQ(csv.rfind("document_id,event_id,place_lat,place_lon,sentence,", 0), 0u) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
  auto g = nlohmann::json::parse(geo);
  ASSERT_EQ(g["features"].size(), 2u);
  EXPECT_EQ(g["features"][0]["geometry"]["coordinates"], nlohmann::json({39.01, 35.95}));
  EXPECT_EQ(g["features"][0]["properties"]["event_id"], "v1");
  EXPECT_FALSE(store->ExportEvents("xml", [](std::string_view) { return true; }).ok());

  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->events, 2);
  EXPECT_EQ(stats->events_repeated, 1);
  ASSERT_EQ(stats->events_by_type.size(), 1u);
  EXPECT_EQ(stats->events_by_type[0], (std::pair<std::string, int64_t>{"ASSAULT/aerial", 1}));
}

}  // namespace
}  // namespace dossier
