// dossier ingest / export / stats on a PostgreSQL store (tests/pg_test_util.h):
// two shard workers at once into one database give the same records as one
// SQLite run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "corpus/family.h"
#include "pg_test_util.h"
#include "test_util.h"

namespace dossier::testing {
namespace {

using nlohmann::json;

std::string Line(const std::string& id, const std::string& title, const std::string& published,
                 const std::string& text) {
  json j = {{"id", id}, {"title", title}, {"outlet", "Test Wire"}, {"published", published},
            {"text", text}};
  return j.dump() + "\n";
}

// A small corpus: the team-written family of tests/corpus/family.h (which
// has shelling, casualties, places and a republication notice), a file of
// its own, an exact duplicate under another id and a broken line.
struct Corpus {
  TempDir dir;
  std::string jsonl, text;
  Corpus() {
    jsonl = dir.Write("feed.jsonl",
                      Line("orig", "Shelling kills nine in Maarat al-Numan market", "2021-03-02",
                           family::Original()) +
                          Line("rep", "Shelling kills nine", "2021-03-03",
                               family::Republication()) +
                          Line("edit", "Nine killed as shells hit Idlib market", "2021-03-03",
                               family::EditedCopy()) +
                          Line("dup", "Same text again", "2021-03-05", family::Original()) +
                          "{\"id\": \"broken\", \"text\": \n" +
                          Line("other", "Airstrikes hit Saraqib outskirts", "2021-03-08",
                               family::Unrelated()));
    text = dir.Write("note.txt",
                     "Talks in Geneva\n\nDelegations met in Geneva on 4 March 2021. A UN envoy "
                     "said that 12 civilians were killed in Idlib province last week.\n");
  }
  std::string Inputs() const { return "'" + jsonl + "' '" + text + "'"; }
};

std::string Export(const std::string& store, const std::string& what, const std::string& format) {
  RunResult r = RunDossier("export --store '" + store + "' --what " + what + " --format " + format);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(StoreBackendsCliTest, TwoShardWorkersIntoPostgresEqualOneSqliteRun) {
  Corpus c;
  const std::string sqlite = c.dir.path() + "/one.db";
  RunResult one = RunDossier("ingest -q --no-provenance --db '" + sqlite + "' " + c.Inputs());
  EXPECT_EQ(one.exit_code, 1) << one.err;  // the broken line
  EXPECT_NE(one.err.find("feed.jsonl:5"), std::string::npos) << one.err;

  const std::string pg = NewPostgresDatabase("two_shards");
  ASSERT_FALSE(pg.empty());
  RunResult w[2];
  std::thread t0([&] {
    w[0] = RunDossier("ingest --no-progress --no-provenance --shard 0/2 --store '" + pg + "' " +
                      c.Inputs());
  });
  std::thread t1([&] {
    w[1] = RunDossier("ingest --no-progress --no-provenance --shard 1/2 --store '" + pg + "' " +
                      c.Inputs());
  });
  t0.join();
  t1.join();
  // Each worker took its share: 7 inputs in all (6 lines and a file); the
  // broken line is reported by the worker whose share it is.
  int added = 0, others = 0, failed = 0;
  for (const RunResult& r : w) {
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    int a = 0, v = 0, u = 0, d = 0, s = 0, f = 0, o = 0;
    const size_t at = r.err.find("ingest: ");
    ASSERT_NE(at, std::string::npos) << r.err;
    ASSERT_EQ(std::sscanf(r.err.c_str() + at,
                          "ingest: %d added, %d new versions, %d unchanged, %d duplicates, %d "
                          "already stored, %d failed, %d left to other shards",
                          &a, &v, &u, &d, &s, &f, &o),
              7)
        << r.err;
    added += a + d;
    others += o;
    failed += f;
  }
  EXPECT_EQ(added, 6);
  EXPECT_EQ(failed, 1);
  EXPECT_EQ(others, 7);  // each input is left by the one worker it does not belong to
  // The same records, whichever backend and however many workers. (Documents
  // are exported in the order stored, which differs between runs; compare
  // them as sets, everything else exactly.)
  auto sorted_lines = [](const std::string& s) {
    std::vector<std::string> lines;
    size_t b = 0;
    for (size_t e; (e = s.find('\n', b)) != std::string::npos; b = e + 1)
      lines.push_back(s.substr(b, e - b));
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  for (const char* what : {"documents", "entities", "events", "claims", "markers"}) {
    const std::string a = Export(sqlite, what, "jsonl"), b = Export(pg, what, "jsonl");
    if (std::string(what) != "markers") { EXPECT_FALSE(a.empty()) << what; }
    EXPECT_EQ(sorted_lines(a), sorted_lines(b)) << what;
  }
  RunResult sa = RunDossier("stats --json --db '" + sqlite + "'");
  RunResult sb = RunDossier("stats --json --store '" + pg + "'");
  ASSERT_EQ(sa.exit_code, 0) << sa.err;
  ASSERT_EQ(sb.exit_code, 0) << sb.err;
  json ja = json::parse(sa.out), jb = json::parse(sb.out);
  EXPECT_EQ(ja["documents"], 6);  // "dup" has another title: another document
  EXPECT_EQ(ja, jb);

  // A re-run of a worker stores nothing new.
  RunResult again = RunDossier("ingest --no-progress --no-provenance --shard 1/2 --store '" + pg +
                               "' " + c.Inputs());
  EXPECT_NE(again.err.find(" 0 added, 0 new versions"), std::string::npos) << again.err;
  RunResult sc = RunDossier("stats --json --store '" + pg + "'");
  EXPECT_EQ(json::parse(sc.out)["documents"], 6);
}

TEST(StoreBackendsCliTest, ShardAndStoreMistakesAreUsageOrStoreErrors) {
  Corpus c;
  RunResult bad = RunDossier("ingest --shard 2/2 --db '" + c.dir.path() + "/x.db' " + c.Inputs());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--shard '2/2': expected i/N with 0 <= i < N"), std::string::npos)
      << bad.err;
  RunResult junk = RunDossier("ingest --shard a/b --db '" + c.dir.path() + "/x.db' " + c.Inputs());
  EXPECT_EQ(junk.exit_code, 2);
  RunResult down = RunDossier("ingest -q --store postgresql://dossier:pw@127.0.0.1:1/none " +
                              c.Inputs());
  EXPECT_EQ(down.exit_code, 3);
  EXPECT_NE(down.err.find("cannot connect to postgresql://dossier:***@127.0.0.1:1/none"),
            std::string::npos)
      << down.err;
  EXPECT_EQ(down.err.find(":pw@"), std::string::npos);
}

}  // namespace
}  // namespace dossier::testing
