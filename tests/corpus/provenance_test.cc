// ProvenanceIndex over a real SQLite store with hand-built documents: the
// origin is the earliest dated copy whatever the order of arrival, a
// document stored but not indexed (a run killed in between) is indexed by
// CatchUp, and a bucket shared by too many documents is skipped.
#include "corpus/provenance.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "corpus/family.h"
#include "store/store_test_docs.h"
#include "test_util.h"

namespace dossier::corpus {
namespace {

using testing::MakeDoc;
using testing::RecordFor;

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  Fixture() {
    StoreOptions o;
    o.path = dir.path() + "/p.db";
    auto s = Store::Open(o);
    EXPECT_TRUE(s.ok()) << s.status().message();
    store = std::move(s).value();
  }
  Document Doc(int line, const std::string& text, const std::string& outlet,
               std::optional<std::string> published) {
    Document d = MakeDoc("in.jsonl", line, text, "Title " + std::to_string(line));
    d.meta.outlet = outlet;
    d.meta.published = std::move(published);
    return d;
  }
  void Put(const Document& d) { ASSERT_TRUE(store->Put(d, RecordFor(d)).ok()); }
  // document id -> "origin relation"
  std::map<std::string, std::string> Provenances() {
    EXPECT_TRUE(store->Flush().ok());
    std::map<std::string, std::string> out;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(store->handle(), "SELECT document_id, origin, relation FROM provenance",
                       -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW)
      out[reinterpret_cast<const char*>(sqlite3_column_text(s, 0))] =
          std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 1))) + " " +
          reinterpret_cast<const char*>(sqlite3_column_text(s, 2));
    sqlite3_finalize(s);
    return out;
  }
};

TEST(ProvenanceIndexTest, EarliestDatedCopyIsTheOriginWhateverTheOrder) {
  Fixture f;
  ProvenanceIndex index(f.store.get());
  const Document late = f.Doc(1, testing::family::EditedCopy(), "Eastern Wire", "2021-03-05");
  const Document undated = f.Doc(2, testing::family::Original() + "\n\nShared by readers.",
                                 "Aggregator", std::nullopt);
  const Document early = f.Doc(3, testing::family::Original(), "Levant Monitor", "2021-03-02");
  for (const Document* d : {&late, &undated, &early}) {
    f.Put(*d);
    ASSERT_TRUE(index.Add(*d).ok());
  }
  auto p = f.Provenances();
  EXPECT_EQ(p[early.id], early.id + " original");
  EXPECT_EQ(p[late.id], early.id + " near_duplicate");
  EXPECT_EQ(p[undated.id], early.id + " near_duplicate");
  // Adding the same document again changes nothing.
  ASSERT_TRUE(index.Add(early).ok());
  EXPECT_EQ(f.Provenances(), p);
}

TEST(ProvenanceIndexTest, CatchUpIndexesWhatWasStoredButNotIndexed) {
  Fixture f;
  const Document a = f.Doc(1, testing::family::Original(), "Levant Monitor", "2021-03-02");
  const Document b = f.Doc(2, testing::family::EditedCopy(), "Eastern Wire", "2021-03-03");
  const Document c = f.Doc(3, testing::family::Unrelated(), "Levant Monitor", "2021-03-08");
  for (const Document* d : {&a, &b, &c}) f.Put(*d);  // stored, never indexed
  ProvenanceIndex index(f.store.get());
  int64_t last_done = -1, last_total = -1;
  ASSERT_TRUE(index.CatchUp([&](int64_t d, int64_t t) { last_done = d, last_total = t; }).ok());
  EXPECT_EQ(last_done, 3);
  EXPECT_EQ(last_total, 3);
  auto p = f.Provenances();
  EXPECT_EQ(p[a.id], a.id + " original");
  EXPECT_EQ(p[b.id], a.id + " near_duplicate");
  EXPECT_EQ(p[c.id], c.id + " original");
  // Nothing left: a second catch-up does nothing.
  last_done = -1;
  ASSERT_TRUE(index.CatchUp([&](int64_t d, int64_t) { last_done = d; }).ok());
  EXPECT_EQ(last_done, -1);
}

TEST(ProvenanceIndexTest, OverfullBucketsKeepTheirOldestPostings) {
  Fixture f;
  ProvenanceOptions o;
  o.max_postings = 2;
  ProvenanceIndex index(f.store.get(), o);
  // Five copies under different outlets: once a bucket holds more than two
  // documents, later copies read only its two oldest postings and still join
  // the family.
  std::vector<Document> docs;
  for (int i = 0; i < 5; ++i) {
    docs.push_back(f.Doc(i + 1, testing::family::Original() + "\n\n" + std::string(i + 1, 'x'),
                         "Outlet " + std::to_string(i), "2021-03-0" + std::to_string(i + 1)));
    f.Put(docs.back());
    ASSERT_TRUE(index.Add(docs.back()).ok());
  }
  auto p = f.Provenances();
  for (int i = 1; i < 5; ++i) EXPECT_EQ(p[docs[i].id], docs[0].id + " near_duplicate") << i;
  // A boilerplate paragraph shared by more than two documents is skipped:
  // a short text that shares only that paragraph links to nothing.
  const std::string boiler =
      "Subscribe to our newsletter for the latest news from the region, delivered every morning "
      "to your inbox free of charge.";
  std::vector<Document> b;
  for (int i = 0; i < 4; ++i) {
    b.push_back(f.Doc(10 + i, (i == 3 ? testing::family::Unrelated() : testing::family::French()) +
                                   "\n\n" + boiler + "\n\n" + std::to_string(i),
                      "B" + std::to_string(i), "2021-04-0" + std::to_string(i + 1)));
    f.Put(b.back());
    ASSERT_TRUE(index.Add(b.back()).ok());
  }
  p = f.Provenances();
  EXPECT_EQ(p[b[3].id], b[3].id + " original");
}

}  // namespace
}  // namespace dossier::corpus
