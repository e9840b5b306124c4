// The events layer from the command line: extract prints events[], ingest
// stores them, export --what events writes JSON Lines, CSV and GeoJSON,
// stats counts them, explain shows the trigger, the pattern row and how each
// role was filled.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

namespace dossier {
namespace {

using testing::RunDossier;
using testing::RunResult;

std::string Q(const std::string& s) { return "'" + s + "'"; }

const char kArticle[] =
    "Coalition jets struck Raqqa on 3 March 2017, killing 14 Syrian soldiers, the Syrian "
    "Foreign Ministry said.\n\nThe strike on Raqqa was the third this week.\n\n"
    "Turkey threatened the SDF in Manbij, saying it plans to attack Manbij.\n\n"
    "Critics say that war never brings peace.\n";

TEST(CliEventsTest, ExtractPrintsEventsWithTheirRoles) {
  const RunResult r = RunDossier("extract - --published 2017-03-05", kArticle);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto recs = testing::ParseJsonLines(r.out);
  ASSERT_EQ(recs.size(), 1u);
  const auto& ev = recs[0]["events"];
  // The threat and, past the comma (not its content), the attack Turkey plans.
  ASSERT_EQ(ev.size(), 4u) << ev.dump(1);
  EXPECT_EQ(ev[0]["id"], "v1");
  EXPECT_EQ(ev[0]["trigger"]["text"], "struck");
  EXPECT_EQ(ev[0]["trigger"]["start"], 15);
  EXPECT_EQ(ev[0]["type"]["plover"], "ASSAULT");
  EXPECT_EQ(ev[0]["type"]["cameo"], "195");
  EXPECT_EQ(ev[0]["actor"]["text"], "Coalition jets");
  EXPECT_EQ(ev[0]["target"]["country"], "SY");
  EXPECT_EQ(ev[0]["target"]["sector"], "MIL");
  EXPECT_EQ(ev[0]["place"]["text"], "Raqqa");
  EXPECT_EQ(ev[0]["place"]["ref"].get<std::string>().rfind("geonames:", 0), 0u);
  EXPECT_EQ(ev[0]["date"]["value"], "2017-03-03");
  EXPECT_EQ(ev[0]["dead"]["value"], 14);
  EXPECT_TRUE(ev[0]["injured"].is_null());
  EXPECT_EQ(ev[0]["voice"], "attributed");
  EXPECT_EQ(ev[0]["evidence"]["actor"], "subject");
  // Every role points at an entity of the record.
  for (const auto& e : ev)
    for (const char* role : {"actor", "target", "place", "date", "dead", "injured"})
      if (!e[role].is_null()) {
        bool found = false;
        for (const auto& m : recs[0]["entities"]) found = found || m["id"] == e[role]["mention"];
        EXPECT_TRUE(found) << e.dump();
      }
  const std::string& src = ev[0]["source"];
  bool ministry = false;
  for (const auto& m : recs[0]["entities"])
    ministry = ministry || (m["id"] == src && m["text"] == "Syrian Foreign Ministry");
  EXPECT_TRUE(ministry) << src;
  EXPECT_EQ(ev[1]["same_as"], "v1");
  EXPECT_EQ(ev[2]["type"]["plover"], "THREATEN");
  EXPECT_EQ(ev[3]["modality"], "future");
  EXPECT_EQ(ev[3]["hypothetical"], true);
  // --layers without events: no events.
  const RunResult none = RunDossier("extract - --layers dates,actors,places,voice", kArticle);
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_TRUE(testing::ParseJsonLines(none.out)[0]["events"].empty());
}

TEST(CliEventsTest, IngestExportAndStats) {
  testing::TempDir dir;
  const std::string art = dir.Write("a.txt", kArticle);
  const std::string db = dir.path() + "/e.db";
  const RunResult in = RunDossier("ingest -q --published 2017-03-05 --db " + Q(db) + " " + Q(art));
  ASSERT_EQ(in.exit_code, 0) << in.err;

  const RunResult j = RunDossier("export --what events --format jsonl --db " + Q(db));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto rows = testing::ParseJsonLines(j.out);
  ASSERT_EQ(rows.size(), 4u) << j.out;  // the threat and the attack Turkey plans
  EXPECT_EQ(rows[0]["event_id"], "v1");
  EXPECT_EQ(rows[0]["trigger_text"], "struck");
  EXPECT_EQ(rows[0]["place_text"], "Raqqa");
  EXPECT_EQ(rows[0]["source_text"], "Syrian Foreign Ministry");
  EXPECT_EQ(rows[0]["dead_value"], 14.0);
  EXPECT_EQ(rows[3]["modality"], "future");
  EXPECT_EQ(rows[3]["hypothetical"], 1);

  const RunResult c = RunDossier("export --what events --format csv --db " + Q(db));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("document_id,event_id,place_lat,place_lon,", 0), 0u) << c.out;
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), 5);

  const RunResult g = RunDossier("export --what events --format geojson --db " + Q(db));
  ASSERT_EQ(g.exit_code, 0) << g.err;
  auto fc = nlohmann::json::parse(g.out);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  // Raqqa twice and Manbij twice have coordinates.
  ASSERT_EQ(fc["features"].size(), 4u) << g.out;
  EXPECT_EQ(fc["features"][0]["geometry"]["type"], "Point");
  EXPECT_EQ(fc["features"][0]["properties"]["plover"], "ASSAULT");

  EXPECT_EQ(RunDossier("export --what events --format xml --db " + Q(db)).exit_code, 2);

  const RunResult st = RunDossier("stats --json --db " + Q(db));
  ASSERT_EQ(st.exit_code, 0) << st.err;
  auto stats = nlohmann::json::parse(st.out);
  EXPECT_EQ(stats["events"], 4);
  EXPECT_EQ(stats["events_repeated"], 1);
  EXPECT_EQ(stats["events_by_type"]["ASSAULT/aerial"], 1) << st.out;
  EXPECT_EQ(stats["events_by_modality"]["future"], 1);
  const RunResult text = RunDossier("stats --db " + Q(db));
  EXPECT_NE(text.out.find("events by type:\n"), std::string::npos) << text.out;
}

// Casualties over two mentions: the record lists both, the value and the
// store's columns are the sum.
TEST(CliEventsTest, CasualtiesOverTwoMentionsAreSummedInRecordAndStore) {
  const char kText[] = "Government jets struck Marib on Friday, killing 12 civilians and five fighters.\n";
  const RunResult r = RunDossier("extract - --published 2021-03-08", kText);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto recs = testing::ParseJsonLines(r.out);
  ASSERT_EQ(recs.size(), 1u);
  const auto& dead = recs[0]["events"][0]["dead"];
  EXPECT_EQ(dead["value"], 17) << dead.dump();
  EXPECT_EQ(dead["low"], 17);
  EXPECT_EQ(dead["high"], 17);
  EXPECT_EQ(dead["qualifier"], "exact");
  ASSERT_EQ(dead["mentions"].size(), 2u);
  EXPECT_EQ(dead["mentions"][0], dead["mention"]);
  EXPECT_EQ(recs[0]["events"][0]["injured"], nullptr);

  testing::TempDir dir;
  const std::string art = dir.Write("m.txt", kText);
  const std::string db = dir.path() + "/m.db";
  ASSERT_EQ(RunDossier("ingest -q --published 2021-03-08 --db " + Q(db) + " " + Q(art)).exit_code, 0);
  const RunResult j = RunDossier("export --what events --format jsonl --db " + Q(db));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto rows = testing::ParseJsonLines(j.out);
  ASSERT_EQ(rows.size(), 1u) << j.out;
  EXPECT_EQ(rows[0]["dead_value"], 17.0);
  EXPECT_EQ(rows[0]["dead_high"], 17.0);
  EXPECT_EQ(rows[0]["dead_qualifier"], "exact");
  EXPECT_EQ(rows[0]["dead_mention"], dead["mention"]);
}

TEST(CliEventsTest, ExplainShowsTriggerPatternRolesAndDroppedCandidates) {
  const RunResult r = RunDossier(
      "explain 'Coalition jets struck Raqqa on 3 March 2017, killing 14 Syrian soldiers.'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  event v1 \"struck\" [15,21) ASSAULT/aerial cameo=195"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("      actor   m1 \"Coalition jets\" (subject)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      pattern event_patterns.tsv:strike:verb"), std::string::npos) << r.out;
  const RunResult d = RunDossier(
      "explain 'The senator attacked the proposal on Tuesday.' --published 2017-03-05");
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_NE(d.out.find("event candidate (dropped)"), std::string::npos) << d.out;
  EXPECT_NE(d.out.find("dropped: no specific role"), std::string::npos) << d.out;
}

// A user table overrides a pattern row (and the lexicon version changes).
TEST(CliEventsTest, UserPatternsOverrideTheBuiltInRows) {
  testing::TempDir dir;
  const std::string row =
      "pattern\tforms\tpos\tplover\tmode\tcameo\tacled\tacled_sub\troles\tnote\n"
      "strike:verb\tstruck\tverb\tCOERCE\t\t17\t\t\t\tour own coding\n";
  dir.Write("data/event_patterns.tsv", row);
  const std::string text = "Rebels struck Idlib on 3 March 2017.";
  const RunResult base = RunDossier("extract -", text);
  const RunResult mine = RunDossier("extract - --data " + Q(dir.path() + "/data"), text);
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  auto a = testing::ParseJsonLines(base.out)[0];
  auto b = testing::ParseJsonLines(mine.out)[0];
  ASSERT_EQ(a["events"].size(), 1u);
  ASSERT_EQ(b["events"].size(), 1u);
  EXPECT_EQ(a["events"][0]["type"]["plover"], "ASSAULT");
  EXPECT_EQ(b["events"][0]["type"]["plover"], "COERCE");
  EXPECT_EQ(b["events"][0]["type"]["cameo"], "17");
  EXPECT_NE(a["versions"]["lexicon"], b["versions"]["lexicon"]);
}

}  // namespace
}  // namespace dossier
