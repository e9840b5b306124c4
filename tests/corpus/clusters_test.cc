// Corroboration over a real store: events rows written by hand (the events
// layer's own tests cover how they are found), documents linked by the
// provenance index, clusters counted by independent origin.
#include "corpus/clusters.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "corpus/family.h"
#include "corpus/provenance.h"
#include "store/store_test_docs.h"
#include "test_util.h"

namespace dossier::corpus {
namespace {

TEST(DistanceTest, DamascusToAleppo) {
  const double km = DistanceKm(33.513, 36.292, 36.202, 37.134);
  EXPECT_NEAR(km, 308.7, 0.5);
  EXPECT_DOUBLE_EQ(DistanceKm(35.6, 36.6, 35.6, 36.6), 0.0);
}

struct ClusterStore {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  ClusterStore() {
    StoreOptions o;
    o.path = dir.path() + "/e.db";
    auto s = Store::Open(o);
    EXPECT_TRUE(s.ok());
    store = std::move(s).value();
  }
  Document Put(int line, const std::string& text, const std::string& published) {
    Document d = testing::MakeDoc("in.jsonl", line, text, "T" + std::to_string(line));
    d.meta.published = published;
    d.meta.outlet = "Outlet " + std::to_string(line);
    EXPECT_TRUE(store->Put(d, testing::RecordFor(d)).ok());
    return d;
  }
  // One ASSAULT row (date "" = none; lat/lon 0 = no place).
  void Event(const Document& d, const std::string& id, const std::string& date, double lat,
             double lon, const std::string& actor_country, int negated = 0) {
    sqlite3_stmt* s = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(store->handle(),
                                 "INSERT INTO events(document_id, event_id, sentence, start, end,"
                                 " plover, date_value, date_precision, place_lat, place_lon,"
                                 " place_ref, actor_country, negated, place_mention) VALUES (?1,"
                                 " ?2, 0, 0, 10, 'ASSAULT', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                 -1, &s, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(s, 1, d.id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, id.c_str(), -1, SQLITE_TRANSIENT);
    if (date.empty()) {
      sqlite3_bind_null(s, 3);
      sqlite3_bind_null(s, 4);
    } else {
      sqlite3_bind_text(s, 3, date.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 4, "day", -1, SQLITE_STATIC);
    }
    if (lat != 0) {
      sqlite3_bind_double(s, 5, lat);
      sqlite3_bind_double(s, 6, lon);
      sqlite3_bind_text(s, 7, ("geo:" + std::to_string(lat)).c_str(), -1, SQLITE_TRANSIENT);
    }
    if (!actor_country.empty()) sqlite3_bind_text(s, 8, actor_country.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 9, negated);
    const std::string mention = "p" + id;
    if (lat != 0) sqlite3_bind_text(s, 10, mention.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    if (lat == 0) return;
    // The place mention, a point (distances are only taken between points).
    const std::string sql = "INSERT INTO entities(document_id, mention_id, kind, text, start, end,"
                            " lat, lon, precision) VALUES ('" + d.id + "', '" + mention +
                            "', 'place', 'x', 0, 1, " + std::to_string(lat) + ", " +
                            std::to_string(lon) + ", 'point')";
    ASSERT_EQ(sqlite3_exec(store->handle(), sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  }
};

TEST(EventClusterIndexTest, SameHappeningAcrossDocumentsCountsIndependentOrigins) {
  ClusterStore st;
  ProvenanceIndex prov(st.store.get());
  EventClusterIndex clusters(st.store.get());
  // A and its copy C tell the Maarat shelling; B tells it independently
  // (its own words); D tells a shelling there a week later; E one in Aleppo
  // the same day; F denies one.
  const Document a = st.Put(1, testing::family::Original(), "2021-03-02");
  const Document c = st.Put(2, testing::family::EditedCopy(), "2021-03-03");
  const Document b = st.Put(3, testing::family::French(), "2021-03-02");
  const Document d = st.Put(4, testing::family::Unrelated(), "2021-03-10");
  const Document e = st.Put(5, testing::family::Analysis(), "2021-03-02");
  const Document f = st.Put(6, testing::family::Original() + "\n\nCorrection appended.", "2021-03-03");
  for (const Document* x : {&a, &c, &b, &d, &e, &f}) ASSERT_TRUE(prov.Add(*x).ok());
  st.Event(a, "v1", "2021-03-02", 35.648, 36.672, "SY");
  st.Event(c, "v1", "2021-03-02", 35.648, 36.672, "SY");
  st.Event(b, "v1", "", 35.660, 36.690, "");  // no date: its publication day
  st.Event(d, "v1", "2021-03-09", 35.648, 36.672, "SY");
  st.Event(e, "v2", "2021-03-02", 36.202, 37.134, "SY");
  st.Event(f, "v1", "2021-03-02", 35.648, 36.672, "SY", /*negated=*/1);
  st.Event(b, "v2", "2021-03-02", 35.648, 36.672, "RU");  // another actor: another event
  for (const Document* x : {&a, &c, &b, &d, &e, &f}) ASSERT_TRUE(clusters.AddDocument(x->id).ok());

  std::vector<EventCluster> all;
  ASSERT_TRUE(clusters.ForEachCluster(1, [&](const EventCluster& k) {
    all.push_back(k);
    return true;
  }).ok());
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].reports, 3);
  EXPECT_EQ(all[0].independent_origins, 2);  // A and its copy C count once
  EXPECT_EQ(all[0].events, (std::vector<std::string>{a.id + "#v1", c.id + "#v1", b.id + "#v1"}));
  EXPECT_EQ(all[0].plover, "ASSAULT");
  EXPECT_EQ(all[0].date, "2021-03-02");
  for (size_t i = 1; i < all.size(); ++i) EXPECT_EQ(all[i].reports, 1);

  std::vector<EventCluster> corroborated;
  ASSERT_TRUE(clusters.ForEachCluster(2, [&](const EventCluster& k) {
    corroborated.push_back(k);
    return true;
  }).ok());
  EXPECT_EQ(corroborated.size(), 1u);

  // Adding again changes nothing; a rebuild gives the same clusters.
  ASSERT_TRUE(clusters.AddDocument(a.id).ok());
  ASSERT_TRUE(clusters.Rebuild().ok());
  std::vector<EventCluster> again;
  ASSERT_TRUE(clusters.ForEachCluster(1, [&](const EventCluster& k) {
    again.push_back(k);
    return true;
  }).ok());
  ASSERT_EQ(again.size(), 4u);
  EXPECT_EQ(again[0].events, all[0].events);
  EXPECT_EQ(again[0].independent_origins, 2);
}

}  // namespace
}  // namespace dossier::corpus
