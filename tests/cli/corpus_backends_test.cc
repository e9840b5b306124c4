// The corpus layer (src/corpus: provenance, event clusters, shared citations
// and claims) on both store backends: the same input ingested into a SQLite
// file and into a PostgreSQL database gives byte-identical `dossier corpus`
// listings and document exports (which carry provenance), also after
// `corpus rebuild`; and two processes ingesting into one PostgreSQL database
// at once leave one consistent index.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/family_jsonl.h"
#include "pg_test_util.h"
#include "test_util.h"

namespace dossier::testing {
namespace {

using nlohmann::json;

// Two unrelated articles citing one report (by its title): a shared citation.
constexpr char kCitesReportA[] =
    "Traders in Maarat al-Numan rebuilt their stalls with timber from the old cinema this "
    "week, the town council said.\n\nA Human Rights Watch report, \"Markets Under Fire\", "
    "found in April that a dozen markets in Idlib province had been shelled since January. "
    "\"Markets are where civilians gather,\" the report says.\n\nThe council plans to move the "
    "vegetable stalls under the bridge.";
constexpr char kCitesReportB[] =
    "Farmers near Saraqib left their crops unharvested after a month of shelling, local "
    "officials said.\n\nAccording to the Human Rights Watch report \"Markets Under Fire\", "
    "attacks on markets have pushed food prices up across the province.\n\nThe officials asked "
    "aid groups for seed and fuel before the autumn planting.";

// The family, an independent report of its shelling and the two citing
// articles, as JSON Lines.
std::string Input() {
  return FamilyJsonl() +
         Line("ind", "Nine die in market shelling", "Idlib Voice", "2021-03-02",
              kIndependentReport) +
         Line("cite-a", "Market traders rebuild", "Town Courier", "2021-05-04", kCitesReportA) +
         Line("cite-b", "Harvest left in the fields", "Farm Weekly", "2021-05-06", kCitesReportB);
}

// What the corpus commands and the document export print.
const std::vector<std::string>& Listings() {
  static const std::vector<std::string> k = {
      "corpus duplicates",          "corpus origins",   "corpus reuse",
      "corpus events --min-reports 1", "corpus citations", "corpus claims",
      "export --what documents"};
  return k;
}

std::map<std::string, std::string> RunListings(const std::string& store) {
  std::map<std::string, std::string> out;
  for (const std::string& cmd : Listings()) {
    RunResult r = RunDossier(cmd + " --store " + store);
    EXPECT_EQ(r.exit_code, 0) << cmd << " on " << store << ": " << r.err;
    out[cmd] = r.out;
  }
  return out;
}

void ExpectSameListings(const std::map<std::string, std::string>& sqlite,
                        const std::map<std::string, std::string>& pg, const char* when) {
  for (const std::string& cmd : Listings()) {
    EXPECT_FALSE(sqlite.at(cmd).empty()) << cmd;
    EXPECT_EQ(sqlite.at(cmd), pg.at(cmd)) << cmd << " differs between the backends " << when;
  }
}

// Content ids by JSONL id.
std::map<std::string, std::string> IdsByKey(const std::string& export_out) {
  std::map<std::string, std::string> ids;
  for (const json& d : ParseJsonLines(export_out)) ids[d["source"]["given_id"]] = d["id"];
  return ids;
}

TEST(CorpusBackendsTest, SqliteAndPostgresGiveTheSameCorpusListings) {
  const std::string pg = NewPostgresDatabase("corpus_backends");
  ASSERT_FALSE(pg.empty());
  TempDir dir;
  const std::string in = dir.Write("family.jsonl", Input());
  const std::string sqlite = dir.path() + "/c.db";
  RunResult a = RunDossier("ingest " + in + " --store " + sqlite + " -q");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  RunResult b = RunDossier("ingest " + in + " --store " + pg + " -q");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(b.err, "");  // no note that the corpus layer was skipped

  const std::map<std::string, std::string> lite = RunListings(sqlite);
  const std::map<std::string, std::string> post = RunListings(pg);
  ExpectSameListings(lite, post, "after ingest");

  // A few exact values, from PostgreSQL.
  std::map<std::string, std::string> ids = IdsByKey(post.at("export --what documents"));
  ASSERT_EQ(ids.size(), 9u) << post.at("export --what documents").substr(0, 300);
  std::vector<json> groups = ParseJsonLines(post.at("corpus duplicates"));
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]["origin"], ids["orig"]);
  EXPECT_EQ(groups[0]["copies"], 3);
  std::map<std::string, std::string> relation;
  for (const json& m : groups[0]["members"]) relation[m["id"]] = m["relation"];
  EXPECT_EQ(relation[ids["orig"]], "original");
  EXPECT_EQ(relation[ids["rep"]], "republication");
  EXPECT_EQ(relation[ids["edit"]], "near_duplicate");
  EXPECT_EQ(relation[ids["fr"]], "translation");
  std::vector<json> reuse = ParseJsonLines(post.at("corpus reuse"));
  ASSERT_EQ(reuse.size(), 1u);
  EXPECT_EQ(reuse[0]["document"], ids["analysis"]);
  EXPECT_EQ(reuse[0]["reuses"], ids["orig"]);
  // The shelling: the family (one origin, the analysis embeds it) and the
  // independent report.
  int shellings = 0;
  for (const json& k : ParseJsonLines(post.at("corpus events --min-reports 1"))) {
    if (k["plover"] != "ASSAULT" || k["reports"] != 5) continue;
    ++shellings;
    EXPECT_EQ(k["independent_origins"], 2);
    EXPECT_EQ(k["place"], "Maarat al-Numan");
  }
  EXPECT_EQ(shellings, 1) << post.at("corpus events --min-reports 1");
  std::vector<json> cites = ParseJsonLines(post.at("corpus citations"));
  ASSERT_EQ(cites.size(), 1u) << post.at("corpus citations");
  EXPECT_EQ(cites[0]["title"], "Markets Under Fire");
  EXPECT_EQ(cites[0]["independent_origins"], 2);
  for (const json& d : ParseJsonLines(post.at("export --what documents")))
    EXPECT_EQ(d["provenance"]["origin"],
              d["id"] == ids["rep"] || d["id"] == ids["edit"] || d["id"] == ids["fr"]
                  ? json(ids["orig"])
                  : d["id"]);

  // Rebuilding the PostgreSQL index gives the same again.
  RunResult rb = RunDossier("corpus rebuild --store " + pg + " -q");
  ASSERT_EQ(rb.exit_code, 0) << rb.err;
  ExpectSameListings(lite, RunListings(pg), "after rebuild");
  EXPECT_EQ(PostgresQuery(pg, "SELECT COUNT(*) FROM corpus_docs"), "9");
}

// Two processes ingest halves of the input into one PostgreSQL database at
// the same time: every document is indexed once, the family still forms
// one group under the original, and the shelling one cluster.
TEST(CorpusBackendsTest, ConcurrentIngestIntoPostgresKeepsOneIndex) {
  const std::string pg = NewPostgresDatabase("corpus_concurrent");
  ASSERT_FALSE(pg.empty());
  TempDir dir;
  const std::string in = dir.Write("family.jsonl", Input());
  const std::string cmd = std::string(DOSSIER_BINARY) + " ingest " + in + " --store " + pg +
                          " -q --shard ";
  const std::string both = cmd + "0/2 2>" + dir.path() + "/e0 & p=$!; " + cmd + "1/2 2>" +
                           dir.path() + "/e1; b=$?; wait $p; a=$?; exit $((a | b))";
  const int rc = std::system(("bash -c '" + both + "'").c_str());
  EXPECT_EQ(rc, 0) << ReadFile(dir.path() + "/e0") << ReadFile(dir.path() + "/e1");
  EXPECT_EQ(PostgresQuery(pg, "SELECT COUNT(*) FROM documents"), "9");
  EXPECT_EQ(PostgresQuery(pg, "SELECT COUNT(*) FROM corpus_docs"), "9");
  EXPECT_EQ(PostgresQuery(pg, "SELECT COUNT(DISTINCT seq) FROM corpus_docs"), "9");
  EXPECT_EQ(PostgresQuery(pg, "SELECT COUNT(*) FROM provenance"), "9");
  // Cluster numbers and join order handed out once each.
  EXPECT_EQ(PostgresQuery(pg, "SELECT COUNT(*) - COUNT(DISTINCT joined) FROM cluster_members"),
            "0");

  std::map<std::string, std::string> ids =
      IdsByKey(RunDossier("export --what documents --store " + pg).out);
  std::vector<json> groups = ParseJsonLines(RunDossier("corpus duplicates --store " + pg).out);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]["origin"], ids["orig"]);
  EXPECT_EQ(groups[0]["copies"], 3);
  int shellings = 0;
  for (const json& k : ParseJsonLines(RunDossier("corpus events --store " + pg).out))
    if (k["plover"] == "ASSAULT" && k["reports"] == 5 && k["independent_origins"] == 2)
      ++shellings;
  EXPECT_EQ(shellings, 1);
}

}  // namespace
}  // namespace dossier::testing
