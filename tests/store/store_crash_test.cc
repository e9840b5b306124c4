// A writer killed with SIGKILL in the middle of a batched run leaves a
// consistent store that a resumed run completes without duplicates; plus a
// manual insert-rate measurement (disabled by default).
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"
#include "store/store_test_docs.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::MakeDoc;
using testing::QueryInt;
using testing::QueryText;
using testing::RecordFor;
using testing::TempDir;

constexpr int kDocs = 5000;
constexpr int kBatch = 50;

Document CrashDoc(int i) {
  std::string text = "Report number " + std::to_string(i) + ". ";
  for (int k = 0; k < 20; ++k) {
    text += "Sentence " + std::to_string(k) + " of report " + std::to_string(i) +
            " describes shelling near the river. ";
  }
  return MakeDoc("corpus.jsonl", i + 1, text, "Report " + std::to_string(i));
}

// The child: writes all documents, slowly enough for the parent's kill to
// land mid-run, and exits without any cleanup a crash would skip.
[[noreturn]] void WriteAll(const std::string& path) {
  StoreOptions o;
  o.path = path;
  o.batch_size = kBatch;
  auto store = Store::Open(o);
  if (!store.ok()) _exit(2);
  for (int i = 0; i < kDocs; ++i) {
    const Document d = CrashDoc(i);
    if (!(*store)->Put(d, RecordFor(d)).ok()) _exit(3);
    usleep(200);
  }
  if (!(*store)->Flush().ok()) _exit(4);
  _exit(0);
}

// Committed documents as another process sees them (-1 while the store is
// not created yet).
int64_t CommittedDocuments(const std::string& path) {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 1000);
    n = QueryInt(db, "SELECT COUNT(*) FROM documents");
  }
  sqlite3_close(db);
  return n;
}

TEST(StoreCrashTest, KilledWriterLeavesConsistentStoreThatResumes) {
  TempDir dir;
  const std::string path = dir.path() + "/dossier.db";
  std::fflush(nullptr);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) WriteAll(path);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int64_t seen = -1;
  while ((seen = CommittedDocuments(path)) <= 500 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  // A varying extra delay so the kill lands at different points of a batch,
  // sometimes inside a commit.
  std::this_thread::sleep_for(std::chrono::microseconds(
      std::random_device()() % 20000));
  kill(child, SIGKILL);
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_GT(seen, 500) << "the writer never committed 500 documents";
  ASSERT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL)
      << "the writer ended before the kill (exit status " << WEXITSTATUS(wstatus) << ")";

  StoreOptions o;
  o.path = path;
  auto opened = Store::Open(o);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  std::unique_ptr<Store> store = std::move(opened).value();
  sqlite3* db = store->handle();

  EXPECT_EQ(QueryText(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  const int64_t committed = QueryInt(db, "SELECT COUNT(*) FROM documents");
  std::printf("[ info ] killed after %lld committed documents\n",
              static_cast<long long>(committed));
  EXPECT_GT(committed, 500);
  EXPECT_LT(committed, kDocs);
  EXPECT_EQ(committed % kBatch, 0) << "only whole batches are committed";
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM documents_fts_docsize"), committed);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM sources"), committed);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM document_versions"), committed);
  // Every committed document is complete.
  EXPECT_EQ(QueryInt(db,
                     "SELECT COUNT(*) FROM documents WHERE NOT json_valid(record)"
                     " OR json_extract(record, '$.id') IS NOT id"
                     " OR json_extract(record, '$.text') IS NOT text"
                     " OR text = '' OR text_bytes != length(CAST(text AS BLOB))"),
            0);

  // Resume: everything again; the committed part is unchanged.
  int added = 0, unchanged = 0;
  for (int i = 0; i < kDocs; ++i) {
    const Document d = CrashDoc(i);
    auto r = store->Put(d, RecordFor(d));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    if (*r == PutOutcome::kAdded) ++added;
    if (*r == PutOutcome::kUnchanged) ++unchanged;
  }
  ASSERT_TRUE(store->Flush().ok());
  EXPECT_EQ(unchanged, committed);
  EXPECT_EQ(added, kDocs - committed);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM documents"), kDocs);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(DISTINCT id) FROM documents"), kDocs);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM sources"), kDocs);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM document_versions"), kDocs);
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM documents_fts_docsize"), kDocs);
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
}

// Insert rate of 5 KB documents with FTS, batched, one core: wall time and
// process CPU time. Run with
//   store_test --gtest_also_run_disabled_tests --gtest_filter='*InsertRate*'
TEST(StoreCrashTest, DISABLED_InsertRateOf5KbDocuments) {
  constexpr int kN = 20000;
  std::mt19937 rng(42);
  std::vector<std::string> vocab;
  std::vector<double> cumulative;  // Zipf weights 1/rank, like natural text
  double total = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string w;
    const int len = 3 + static_cast<int>(rng() % 8);
    for (int k = 0; k < len; ++k) w += static_cast<char>('a' + rng() % 26);
    vocab.push_back(w);
    total += 1.0 / (i + 1);
    cumulative.push_back(total);
  }
  std::uniform_real_distribution<double> uniform(0, total);
  std::vector<Document> docs;
  std::vector<std::string> records;
  docs.reserve(kN);
  for (int i = 0; i < kN; ++i) {
    std::string text;
    while (text.size() < 5000) {
      const size_t rank = std::lower_bound(cumulative.begin(), cumulative.end(),
                                           uniform(rng)) - cumulative.begin();
      text += vocab[std::min(rank, vocab.size() - 1)];
      text += (rng() % 15 == 0) ? ". " : " ";
    }
    docs.push_back(MakeDoc("bench.jsonl", i + 1, text, "Title " + std::to_string(i)));
    records.push_back(RecordFor(docs.back()));
  }
  TempDir dir;
  StoreOptions o;
  o.path = dir.path() + "/bench.db";
  auto store = Store::Open(o);
  ASSERT_TRUE(store.ok());
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  for (int i = 0; i < kN; ++i) ASSERT_TRUE((*store)->Put(docs[i], records[i]).ok());
  ASSERT_TRUE((*store)->Flush().ok());
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("[ bench ] %d docs of ~5 KB (%.1f MB text): wall %.2f s = %.0f docs/s, "
              "cpu %.2f s = %.0f docs/s\n",
              kN, kN * 5000.0 / 1e6, wall, kN / wall, cpu, kN / cpu);
}

}  // namespace
}  // namespace dossier
