// dossier corpus: provenance groups over a store filled by ingest, on the
// team-written family of tests/corpus/family.h (an original, a
// republication, an edited copy, a French translation, an analysis that
// embeds two paragraphs, an unrelated report).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "cli/family_jsonl.h"
#include "test_util.h"

namespace dossier::testing {
namespace {

using nlohmann::json;

// Content id of each input line, by its JSONL id.
std::map<std::string, std::string> IdsByKey(const std::string& db) {
  RunResult ex = RunDossier("export --db " + db + " --what documents");
  EXPECT_EQ(ex.exit_code, 0) << ex.err;
  std::map<std::string, std::string> ids;
  for (const json& d : ParseJsonLines(ex.out)) {
    std::string path = d["source"]["path"];
    ids[d["meta"]["title"].get<std::string>() + "|" + d["meta"]["outlet"].get<std::string>()] =
        d["id"];
  }
  return ids;
}

TEST(CorpusCliTest, FamilyGroupsUnderTheOriginalWithRelations) {
  TempDir dir;
  const std::string in = dir.Write("family.jsonl", FamilyJsonl());
  const std::string db = dir.path() + "/c.db";
  RunResult r = RunDossier("ingest " + in + " --db " + db + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> ids = IdsByKey(db);
  const std::string orig = ids["Shelling kills nine in Maarat al-Numan market|Levant Monitor"];
  const std::string rep = ids["Shelling kills nine in Maarat al-Numan market|Daily Frontier"];
  const std::string edit = ids["Nine killed as shells hit Idlib market|Eastern Wire"];
  const std::string fr =
      ids["Neuf morts dans le bombardement du marché de Maarat al-Numan|Le Courrier du Levant"];
  const std::string analysis = ids["Why markets are targets|Frontline Review"];
  const std::string other = ids["Airstrikes hit Saraqib outskirts|Levant Monitor"];
  ASSERT_EQ(ids.size(), 6u);

  RunResult dup = RunDossier("corpus duplicates --db " + db);
  ASSERT_EQ(dup.exit_code, 0) << dup.err;
  std::vector<json> groups = ParseJsonLines(dup.out);
  ASSERT_EQ(groups.size(), 1u) << dup.out;
  const json& g = groups[0];
  EXPECT_EQ(g["origin"], orig);
  EXPECT_EQ(g["outlet"], "Levant Monitor");
  EXPECT_EQ(g["copies"], 3);
  std::map<std::string, json> member;
  for (const json& m : g["members"]) member[m["id"]] = m;
  ASSERT_EQ(member.size(), 4u);
  EXPECT_EQ(g["members"][0]["id"], orig);  // origin first
  EXPECT_EQ(member[orig]["relation"], "original");
  EXPECT_EQ(member[rep]["relation"], "republication");
  EXPECT_NE(member[rep]["evidence"].get<std::string>().find("republication notice: Levant Monitor"),
            std::string::npos)
      << member[rep]["evidence"];
  EXPECT_EQ(member[edit]["relation"], "near_duplicate");
  // Linked to the republication it arrived after (one link into a group is
  // enough): its similarity is to that copy.
  EXPECT_GE(member[edit]["similarity"].get<double>(), 0.7);
  EXPECT_LT(member[edit]["similarity"].get<double>(), 1.0);
  EXPECT_EQ(member[fr]["relation"], "translation");
  EXPECT_EQ(member[fr]["language"], "fr");
  EXPECT_NE(member[fr]["evidence"].get<std::string>().find("entity fingerprint"),
            std::string::npos);
  EXPECT_EQ(member.count(analysis), 0u);
  EXPECT_EQ(member.count(other), 0u);

  // The analysis embeds two paragraphs of the original: partial reuse.
  RunResult reuse = RunDossier("corpus reuse --db " + db);
  ASSERT_EQ(reuse.exit_code, 0) << reuse.err;
  std::vector<json> links = ParseJsonLines(reuse.out);
  ASSERT_EQ(links.size(), 1u) << reuse.out;
  EXPECT_EQ(links[0]["document"], analysis);
  EXPECT_EQ(links[0]["reuses"], orig);
  EXPECT_EQ(links[0]["evidence"].get<std::string>().rfind("2 shared paragraphs", 0), 0u);

  // origins: one line per group, copies by relation.
  RunResult orgs = RunDossier("corpus origins --db " + db);
  ASSERT_EQ(orgs.exit_code, 0) << orgs.err;
  std::vector<json> o = ParseJsonLines(orgs.out);
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0]["relations"], json({{"near_duplicate", 1}, {"republication", 1},
                                     {"translation", 1}}));
  EXPECT_EQ(o[0]["copy_outlets"],
            json({"Daily Frontier", "Eastern Wire", "Le Courrier du Levant"}));

  // export documents carries each document's provenance.
  RunResult ex = RunDossier("export --db " + db + " --what documents");
  ASSERT_EQ(ex.exit_code, 0);
  for (const json& d : ParseJsonLines(ex.out)) {
    ASSERT_TRUE(d.contains("provenance")) << d["id"];
    EXPECT_EQ(d["provenance"]["origin"], d["id"] == other || d["id"] == analysis ? d["id"] : json(orig));
    if (d["id"] == other) { EXPECT_EQ(d["provenance"]["relation"], "original"); }
  }

  // stats counts documents per relation.
  RunResult stats = RunDossier("stats --json --db " + db);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(json::parse(stats.out)["provenance_by_relation"],
            json({{"original", 3}, {"near_duplicate", 1}, {"republication", 1},
                  {"translation", 1}}));

  // rebuild gives the same groups.
  RunResult rb = RunDossier("corpus rebuild --db " + db + " -q");
  ASSERT_EQ(rb.exit_code, 0) << rb.err;
  RunResult dup2 = RunDossier("corpus duplicates --db " + db);
  EXPECT_EQ(dup2.out, dup.out);
  // A stricter threshold leaves the edited copy out (and nothing else changes).
  RunResult strict = RunDossier("corpus rebuild --db " + db + " -q --near-duplicate 0.95");
  ASSERT_EQ(strict.exit_code, 0) << strict.err;
  std::vector<json> g2 = ParseJsonLines(RunDossier("corpus duplicates --db " + db).out);
  ASSERT_EQ(g2.size(), 1u);
  EXPECT_EQ(g2[0]["copies"], 2);
}

TEST(CorpusCliTest, IngestingAgainAddsNothingAndAMissingStoreIsAnError) {
  TempDir dir;
  const std::string in = dir.Write("family.jsonl", FamilyJsonl());
  const std::string db = dir.path() + "/c.db";
  ASSERT_EQ(RunDossier("ingest " + in + " --db " + db + " -q").exit_code, 0);
  const std::string first = RunDossier("corpus duplicates --db " + db).out;
  ASSERT_EQ(RunDossier("ingest " + in + " --db " + db + " -q").exit_code, 0);
  EXPECT_EQ(RunDossier("corpus duplicates --db " + db).out, first);
  RunResult none = RunDossier("corpus duplicates --db " + dir.path() + "/missing.db");
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_NE(none.err.find("no store"), std::string::npos);
  RunResult bad = RunDossier("corpus sideways --db " + db);
  EXPECT_EQ(bad.exit_code, 2);

  // --no-provenance leaves indexing to the next corpus command.
  const std::string db2 = dir.path() + "/later.db";
  ASSERT_EQ(RunDossier("ingest " + in + " --db " + db2 + " -q --no-provenance").exit_code, 0);
  for (const json& d : ParseJsonLines(RunDossier("export --db " + db2).out))
    EXPECT_TRUE(d["provenance"].is_null()) << d["id"];
  EXPECT_EQ(RunDossier("corpus duplicates --db " + db2).out, first);
}

// A reader comment that translates the article is linked to it.
TEST(CorpusCliTest, TranslatedCommentIsMarked) {
  TempDir dir;
  const std::string page =
      "<html><head><title>Shelling kills nine</title></head><body><article>" +
      [] {
        std::string s;
        for (const char* p : {family::kOriginalP1, family::kOriginalP2, family::kOriginalP3,
                              family::kOriginalP4, family::kOriginalP5, family::kOriginalP6})
          s += std::string("<p>") + p + "</p>";
        return s;
      }() +
      "</article><section id=\"comments\" class=\"comments\"><h2>2 thoughts on this</h2>"
      "<div class=\"comment\"><p>Great report, thanks.</p></div>"
      "<div class=\"comment\"><p>" +
      [] {
        std::string f = family::French();
        std::string out;
        for (char c : f) out += c == '\n' ? std::string("<br>") : std::string(1, c);
        return out;
      }() +
      "</p></div></section></body></html>";
  const std::string in = dir.Write("page.html", page);
  RunResult r = RunDossier("extract " + in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> docs = ParseJsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  const json& comments = docs[0]["comments"];
  ASSERT_GE(comments.size(), 1u) << docs[0].dump();
  int translations = 0;
  for (const json& c : comments) {
    if (c["translation_of_article"].is_null()) continue;
    ++translations;
    EXPECT_EQ(c["language"], "fr");
    EXPECT_GE(c["translation_of_article"]["similarity"].get<double>(), 0.6);
  }
  EXPECT_EQ(translations, 1) << comments.dump();
  EXPECT_EQ(docs[0]["text"].get<std::string>().find("marché"), std::string::npos);
}

}  // namespace
}  // namespace dossier::testing

namespace dossier::testing {
namespace {

// Two independent articles cite the same report (one by its title, one by
// its issuer only); a copy of the first adds a report but no origin.
TEST(CorpusCliTest, SharedCitationCountsIndependentOrigins) {
  const std::string a =
      "Trucks carrying flour and medicine waited for a fourth day outside Rukban camp on Monday, "
      "aid workers said.\n\nA report by Amnesty International said in May that 40,000 people in "
      "the camp lacked clean water. \"Children are dying of preventable diseases,\" the report "
      "states.\n\nJordan has kept the border closed since 2016 and says the camp is not its "
      "responsibility.";
  const std::string b =
      "Families at Rukban camp burned plastic to keep warm as temperatures fell below zero this "
      "week, residents said.\n\nAccording to the Amnesty International report \"Stranded at the "
      "Berm\", most families in the camp have no income and depend on smuggled food.\n\nThe "
      "United Nations last reached the camp in February, when a convoy of thirty trucks arrived.";
  const std::string jsonl = Line("a", "Aid convoy stalls outside Rukban camp", "Desert Wire",
                                 "2022-01-10", a) +
                            Line("a2", "Aid convoy stalls outside Rukban camp", "Border Post",
                                 "2022-01-11", a + "\n\nThe original source of this article is "
                                                   "Desert Wire") +
                            Line("b", "Winter deepens crisis at desert camp", "Camp Journal",
                                 "2022-01-12", b);
  TempDir dir;
  const std::string in = dir.Write("c.jsonl", jsonl);
  const std::string db = dir.path() + "/c.db";
  ASSERT_EQ(RunDossier("ingest " + in + " --db " + db + " -q").exit_code, 0);
  RunResult r = RunDossier("corpus citations --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> cites = ParseJsonLines(r.out);
  ASSERT_EQ(cites.size(), 1u) << r.out;
  const json& c = cites[0];
  EXPECT_EQ(c["kind"], "report");
  EXPECT_EQ(c["title"], "Stranded at the Berm");
  EXPECT_EQ(c["issuer"], "Amnesty International");
  EXPECT_EQ(c["match"], "issuer");
  EXPECT_EQ(c["reports"], 3);
  EXPECT_EQ(c["independent_origins"], 2);
  ASSERT_EQ(c["documents"].size(), 3u);
  EXPECT_EQ(c["documents"][0]["outlet"], "Desert Wire");
  EXPECT_EQ(c["documents"][0]["use"], "quoted");
  EXPECT_EQ(c["documents"][1]["outlet"], "Border Post");
  EXPECT_EQ(c["documents"][1]["origin"], c["documents"][0]["id"]);
  EXPECT_EQ(c["documents"][2]["outlet"], "Camp Journal");
  EXPECT_EQ(c["documents"][2]["use"], "paraphrased");
}

}  // namespace
}  // namespace dossier::testing

namespace dossier::testing {
namespace {

// The shelling toll is told by the original and its copies (one origin) and
// by the French translation (same origin): a single-origin claim.
TEST(CorpusCliTest, ClaimToldOnlyByCopiesHasASingleOrigin) {
  TempDir dir;
  const std::string in = dir.Write("family.jsonl", FamilyJsonl());
  const std::string db = dir.path() + "/c.db";
  ASSERT_EQ(RunDossier("ingest " + in + " --db " + db + " -q").exit_code, 0);
  RunResult r = RunDossier("corpus claims --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> claims = ParseJsonLines(r.out);
  ASSERT_EQ(claims.size(), 3u) << r.out;
  // Told by the original, its republication, the edited copy and the
  // analysis that embeds the paragraph: four reports, one origin.
  const json& toll = claims[0];
  EXPECT_EQ(toll["claim"].get<std::string>().rfind("31 injured, 9 killed | ", 0), 0u) << toll;
  EXPECT_EQ(toll["text"].get<std::string>().rfind("Artillery shells struck the covered market", 0),
            0u);
  EXPECT_EQ(toll["reports"], 4);
  EXPECT_EQ(toll["independent_origins"], 1);
  EXPECT_EQ(toll["single_origin"], true);
  std::set<std::string> outlets;
  for (const json& d : toll["documents"]) outlets.insert(d["outlet"]);
  EXPECT_EQ(outlets, (std::set<std::string>{"Daily Frontier", "Eastern Wire", "Levant Monitor",
                                            "Frontline Review"}));
  // The distance to Khan Shaykhun is also in the French translation.
  bool french = false;
  for (const json& c : claims)
    for (const json& d : c["documents"]) french = french || d["outlet"] == "Le Courrier du Levant";
  EXPECT_TRUE(french);
  for (const json& c : claims) EXPECT_EQ(c["single_origin"], true) << c;
  // --min-reports 5: none.
  EXPECT_EQ(RunDossier("corpus claims --min-reports 5 --db " + db).out, "");
}

}  // namespace
}  // namespace dossier::testing

namespace dossier::testing {
namespace {

// The Maarat al-Numan shelling told by the family (one origin; the analysis
// embeds its paragraph) and by an independent report: one cluster, five
// reports, two independent origins. The same market shelled a week later and
// a shelling in Aleppo the same day are other happenings.
TEST(CorpusCliTest, EventClustersCountIndependentOrigins) {
  const std::string independent = kIndependentReport;
  const std::string week_later =
      "Shells struck the market in Maarat al-Numan in Idlib province again on Tuesday, killing "
      "two traders, residents said.\n\nThe market had reopened only days before.";
  const std::string aleppo =
      "Shells struck a bakery in Aleppo on Tuesday, killing four people, a war monitor said."
      "\n\nThe bakery had been hit twice before.";
  TempDir dir;
  const std::string in = dir.Write(
      "c.jsonl", FamilyJsonl() +
                     Line("ind", "Nine die in market shelling", "Idlib Voice", "2021-03-02",
                          independent) +
                     Line("week", "Market shelled again", "Idlib Voice", "2021-03-09", week_later) +
                     Line("aleppo", "Bakery hit in Aleppo", "North Monitor", "2021-03-02", aleppo));
  const std::string db = dir.path() + "/c.db";
  ASSERT_EQ(RunDossier("ingest " + in + " --db " + db + " -q").exit_code, 0);
  std::map<std::string, std::string> ids = IdsByKey(db);
  RunResult r = RunDossier("corpus events --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> clusters;
  for (const json& k : ParseJsonLines(r.out))
    if (k["plover"] == "ASSAULT") clusters.push_back(k);
  ASSERT_EQ(clusters.size(), 1u) << r.out;
  const json& c = clusters[0];

  EXPECT_EQ(c["date"], "2021-03-02");
  EXPECT_EQ(c["place"], "Maarat al-Numan");
  EXPECT_EQ(c["reports"], 5);
  EXPECT_EQ(c["independent_origins"], 2);
  std::set<std::string> docs;
  for (const json& e : c["events"]) docs.insert(e.get<std::string>().substr(0, 32));
  EXPECT_EQ(docs.count(ids["Nine die in market shelling|Idlib Voice"]), 1u);
  EXPECT_EQ(docs.count(ids["Market shelled again|Idlib Voice"]), 0u);
  EXPECT_EQ(docs.count(ids["Bakery hit in Aleppo|North Monitor"]), 0u);
  EXPECT_EQ(docs.count(ids["Why markets are targets|Frontline Review"]), 1u);
  // Every cluster, including the ones told once.
  std::vector<json> all = ParseJsonLines(RunDossier("corpus events --min-reports 1 --db " + db).out);
  EXPECT_GE(all.size(), 3u);
}

}  // namespace
}  // namespace dossier::testing
