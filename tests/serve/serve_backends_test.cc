// The read side on both backends: one set of team-written articles ingested
// into a SQLite file and into a PostgreSQL database, then every query of
// docs/api.md (src/query, as `dossier serve` answers it) asked of both with a
// range of filters. The answers must be the same bytes; a few are checked for
// exact values (the bbox and near filters pick exactly the events inside).
// Last, `dossier serve --store postgresql://...` answers over HTTP what the
// PostgreSQL store answers in process.
// Both stores are filled by one ingest each, in the same order, so the
// corpus layer (provenance, event clusters and their numbers) is the same.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pg_test_util.h"
#include "query/query.h"
#include "serve/server.h"
#include "store/store.h"
#include "test_util.h"

namespace dossier::testing {
namespace {

using nlohmann::json;

std::string Line(const std::string& id, const std::string& title, const std::string& outlet,
                 const std::string& published, const std::string& text) {
  json j = {{"id", id}, {"title", title}, {"text", text}};
  if (!outlet.empty()) j["outlet"] = outlet;
  if (!published.empty()) j["published"] = published;
  return j.dump() + "\n";
}

// Six short reports: strikes in Saraqib and Aleppo (inside the test box),
// Raqqa and Homs (outside it), Mosul (another country), and a protest with
// no outlet and no date.
std::string Articles() {
  return Line("saraqib", "Warplanes strike Saraqib market", "Levant Monitor", "2021-02-01",
              "Warplanes struck a crowded market in Saraqib on Monday, killing 12 civilians, "
              "the civil defence said. \"The planes came twice,\" a vendor told reporters.") +
         Line("aleppo", "Shelling hits Aleppo district", "North Wire", "2021-02-04",
              "Government artillery shelled a residential district of Aleppo on 3 February "
              "2021, killing four people, according to residents. Rebels said they had "
              "attacked an army post nearby.") +
         Line("raqqa", "Car bomb in Raqqa", "Euphrates Post", "2021-02-06",
              "A car bomb exploded near a checkpoint in Raqqa on Friday, killing nine people "
              "and wounding 20, police said. Nobody claimed the attack.") +
         Line("mosul", "Clashes near Mosul", "Tigris Daily", "2021-02-08",
              "Iraqi troops clashed with ISIS fighters near Mosul on Sunday, the defence "
              "ministry said. Three soldiers were killed in the fighting.") +
         Line("homs", "Checkpoint attacked in Homs", "Levant Monitor", "2021-02-10",
              "Rebels attacked an army checkpoint in Homs in January 2021, killing five "
              "soldiers, a monitoring group reported.") +
         Line("protest", "Fuel protest", "", "",
              "Residents of Damascus protested against fuel shortages. Police may have "
              "arrested several people, witnesses said. The regime's so-called reforms are a "
              "shameful, catastrophic disaster, critics claim.");
}

// %XX-decoded `s` (the tests' query strings escape spaces and quotes).
std::string Decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The parameters of a query string "a=1&b=x%20y".
query::Params ParamsOf(const std::string& query_string) {
  query::Params p;
  size_t start = 0;
  while (start < query_string.size()) {
    size_t amp = query_string.find('&', start);
    if (amp == std::string::npos) amp = query_string.size();
    const std::string kv = query_string.substr(start, amp - start);
    const size_t eq = kv.find('=');
    if (!kv.empty())
      p.emplace(kv.substr(0, eq), eq == std::string::npos ? "" : Decode(kv.substr(eq + 1)));
    start = amp + 1;
  }
  return p;
}

class ServeBackendsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string in = dir_->Write("reports.jsonl", Articles());
    sqlite_path_ = new std::string(dir_->path() + "/s.db");
    pg_url_ = new std::string(NewPostgresDatabase("serve_backends"));
    if (pg_url_->empty()) return;
    for (const std::string* target : {sqlite_path_, pg_url_}) {
      RunResult r = RunDossier("ingest " + in + " --store '" + *target + "' -q");
      ASSERT_EQ(r.exit_code, 0) << *target << ": " << r.err;
    }
    for (const std::string* target : {sqlite_path_, pg_url_}) {
      StoreOptions so;
      so.path = *target;
      auto store = Store::Open(so);
      ASSERT_TRUE(store.ok()) << store.status().message();
      (target == sqlite_path_ ? sqlite_ : pg_) = std::move(store).value().release();
    }
  }
  static void TearDownTestSuite() {
    delete sqlite_;
    delete pg_;
    delete sqlite_path_;
    delete pg_url_;
    delete dir_;
  }
  void SetUp() override {
    if (!sqlite_ || !pg_) GTEST_SKIP() << "no stores (see the suite's set-up failure)";
  }

  using Ask = std::function<Result<std::string>(query::Query&)>;
  // The answer of `ask` on both stores; fails unless both answer and agree
  // byte for byte. Returns the answer (parsed), or null.
  static json Same(const std::string& what, const Ask& ask) {
    query::Query on_sqlite(sqlite_), on_pg(pg_);
    Result<std::string> a = ask(on_sqlite), b = ask(on_pg);
    EXPECT_TRUE(a.ok()) << what << ": sqlite: " << a.status().message();
    EXPECT_TRUE(b.ok()) << what << ": postgresql: " << b.status().message();
    if (!a.ok() || !b.ok()) return json();
    EXPECT_EQ(*a, *b) << what;
    return json::parse(*a, nullptr, false);
  }
  // Same(), for an endpoint given its parameters as a query string.
  static json Same(Result<std::string> (query::Query::*fn)(const query::Params&),
                   const std::string& name, const std::string& query_string) {
    const query::Params p = ParamsOf(query_string);
    return Same(name + "?" + query_string, [&](query::Query& q) { return (q.*fn)(p); });
  }
  static std::string Export(Store* store, const std::string& what, const std::string& format,
                            const query::Params& params) {
    auto filter = query::ParseEventFilter(params);
    EXPECT_TRUE(filter.ok()) << filter.status().message();
    if (!filter.ok()) return "";
    std::string out;
    Status st = query::Export(store, what, format, *filter, [&](std::string_view chunk) {
      out.append(chunk);
      return true;
    });
    EXPECT_TRUE(st.ok()) << what << " " << format << ": " << st.message();
    return out;
  }

  static TempDir* dir_;
  static std::string* sqlite_path_;
  static std::string* pg_url_;
  static Store* sqlite_;
  static Store* pg_;
};
TempDir* ServeBackendsTest::dir_ = nullptr;
std::string* ServeBackendsTest::sqlite_path_ = nullptr;
std::string* ServeBackendsTest::pg_url_ = nullptr;
Store* ServeBackendsTest::sqlite_ = nullptr;
Store* ServeBackendsTest::pg_ = nullptr;

// The event filters every event endpoint is asked with.
const char* const kEventFilters[] = {
    "",
    "type=ASSAULT",
    "type=ASSAULT,FIGHT&voice=attributed",
    "country=SY",
    "country=iq",
    "bbox=36.5,35.5,37.5,36.5",
    "bbox=170,-10,-170,10",
    "bbox=-180,-90,180,90",
    "near=36.2,37.16,100",
    "near=36.34,43.13,1",
    "from=2021-02&to=2021-02-05",
    "from=2021-01-15",
    "to=2021-01",
    "q=killing",
    "q=%22car%20bomb%22",
    "voice=author,quoted",
    "place=aleppo",
    "actor=rebels",
    "outlet=Levant%20Monitor",
    "asserted=1&repeats=0",
    "min_confidence=0.5",
};


// The document id of each article, by its title.
std::map<std::string, std::string> IdsByTitle(Store* store) {
  query::Query q(store);
  auto list = q.Documents(ParamsOf("limit=500"));
  EXPECT_TRUE(list.ok());
  std::map<std::string, std::string> ids;
  if (!list.ok()) return ids;
  const json j = json::parse(*list);
  for (const json& d : j["items"]) ids[d["title"]] = d["id"];
  return ids;
}

// ids.at(title), failing the test (with the titles there are) if absent.
std::string IdOf(const std::map<std::string, std::string>& ids, const std::string& title) {
  auto it = ids.find(title);
  if (it != ids.end()) return it->second;
  std::string titles;
  for (const auto& [t, id] : ids) titles += " '" + t + "'";
  ADD_FAILURE() << "no document titled '" << title << "' among" << titles;
  return "";
}

TEST_F(ServeBackendsTest, HealthStatsAndOutletsAreTheSame) {
  json h = Same("health", [](query::Query& q) { return q.Health(); });
  EXPECT_EQ(h["documents"], 6);
  json stats = Same("stats", [](query::Query& q) { return q.Stats(); });
  EXPECT_EQ(stats["documents"], 6);
  json outlets = Same(&query::Query::Outlets, "outlets", "");
  // Four named outlets and the documents without one.
  EXPECT_EQ(outlets["total"], 5);
  ASSERT_FALSE(outlets["items"].empty());
  EXPECT_EQ(outlets["items"][0]["outlet"], "Levant Monitor");
  EXPECT_EQ(outlets["items"][0]["documents"], 2);
  EXPECT_EQ(outlets["items"][0]["languages"], json::array({"en"}));
  EXPECT_TRUE(outlets["items"][4]["outlet"].is_null());
  Same(&query::Query::Outlets, "outlets", "limit=2&offset=1");
}

TEST_F(ServeBackendsTest, DocumentListsRecordsAndRawInputsAreTheSame) {
  json all = Same(&query::Query::Documents, "documents", "");
  EXPECT_EQ(all["total"], 6);
  ASSERT_EQ(all["items"].size(), 6u);
  EXPECT_EQ(all["items"][0]["title"], "Checkpoint attacked in Homs");  // the newest
  EXPECT_EQ(all["items"][5]["title"], "Fuel protest");                // undated: last
  for (const char* qs : {"limit=2&offset=1", "outlet=Levant%20Monitor", "language=en",
                         "from=2021-02-03&to=2021-02-08", "from=2021&to=2021-02", "has=events",
                         "has=markers", "limit=1&offset=7"}) {
    Same(&query::Query::Documents, "documents", qs);
  }
  // Full-text search: the same documents; the order (bm25 / ts_rank) and the
  // snippets are each engine's own.
  for (const char* qs : {"q=killing", "q=%22car%20bomb%22", "q=Mosul", "q=nothingmatchesthis",
                         "q=killing&outlet=Levant%20Monitor"}) {
    std::set<std::string> found[2];
    int64_t totals[2] = {-1, -1};
    int k = 0;
    for (Store* store : {sqlite_, pg_}) {
      query::Query q(store);
      auto r = q.Documents(ParamsOf(qs));
      ASSERT_TRUE(r.ok()) << qs << ": " << r.status().message();
      json j = json::parse(*r);
      totals[k] = j["total"];
      for (const json& d : j["items"]) {
        found[k].insert(d["id"].get<std::string>());
        const std::string snippet = d["snippet"];
        if (std::string(qs) == "q=Mosul") {
          EXPECT_NE(snippet.find("\x02Mosul\x03"), std::string::npos) << snippet;
        }
      }
      ++k;
    }
    EXPECT_EQ(totals[0], totals[1]) << qs;
    EXPECT_EQ(found[0], found[1]) << qs;
    if (std::string(qs) == "q=killing") {
      EXPECT_EQ(totals[0], 4);  // Saraqib, Aleppo, Raqqa, Homs
    }
  }
  // Each document whole, and its raw input. (Only the time each store
  // ingested it differs.)
  for (const json& d : all["items"]) {
    const std::string id = d["id"];
    std::string answers[2];
    int k = 0;
    for (Store* store : {sqlite_, pg_}) {
      query::Query q(store);
      auto r = q.Document(id);
      ASSERT_TRUE(r.ok()) << r.status().message();
      json j = json::parse(*r);
      for (json& src : j["sources"]) src.erase("created_at");
      answers[k++] = j.dump();
    }
    EXPECT_EQ(answers[0], answers[1]) << id;
    Same("raw " + id, [&](query::Query& q) { return q.Raw(id); });
  }
  query::Query q(pg_);
  EXPECT_EQ(q.Document("0123456789abcdef").status().code(), StatusCode::kNotFound);
}

TEST_F(ServeBackendsTest, EntityListsAndMentionsAreTheSame) {
  for (const char* qs : {"", "kind=place", "kind=actor&limit=3&offset=1", "q=aleppo",
                         "q=ALEPPO", "q=100%25", "kind=date", "limit=1&offset=900"}) {
    Same(&query::Query::Entities, "entities", qs);
  }
  json all = Same(&query::Query::Entities, "entities", "limit=500");
  ASSERT_GE(all["items"].size(), 10u);
  bool aleppo = false;
  for (const json& e : all["items"]) {
    const std::string key = e["key"];
    aleppo = aleppo || e["name"] == "Aleppo";
    for (const char* page : {"", "1"}) {
      query::Params p = {{"key", key}};
      if (*page) {
        p.emplace("limit", "1");
        p.emplace("offset", "1");
      }
      Same("entity " + key, [&](query::Query& q) { return q.Entity(p); });
    }
  }
  EXPECT_TRUE(aleppo);
}

TEST_F(ServeBackendsTest, EveryEventEndpointIsTheSameForEveryFilter) {
  for (const char* f : kEventFilters) {
    const std::string filter = f;
    json list = Same(&query::Query::Events, "events", filter + "&limit=500");
    Same(&query::Query::Events, "events",
         filter + "&limit=2&offset=1&fields=event_id,plover,place_text,dead_value,confidence");
    json geo = Same(&query::Query::EventsGeoJson, "events.geojson", filter);
    Same(&query::Query::EventsGeoJson, "events.geojson", filter + "&limit=1&fields=event_id");
    for (const char* bin : {"day", "week", "month"})
      Same(&query::Query::Timeline, "timeline", filter + "&bin=" + bin);
    json facets = Same(&query::Query::Facets, "facets", filter);
    EXPECT_EQ(facets["total"], list["total"]) << filter;
    const query::Params p = ParamsOf(filter);
    for (const char* format : {"jsonl", "csv", "geojson"}) {
      EXPECT_EQ(Export(sqlite_, "events", format, p), Export(pg_, "events", format, p))
          << filter << " " << format;
    }
  }
  json all = Same(&query::Query::Events, "events", "limit=500");
  EXPECT_GE(all["total"].get<int>(), 5);
}

TEST_F(ServeBackendsTest, BoxAndRadiusPickExactlyTheEventsInside) {
  const auto ids = IdsByTitle(pg_);
  json all = Same(&query::Query::Events, "events", "limit=500");
  json box = Same(&query::Query::Events, "events", "bbox=36.5,35.5,37.5,36.5&limit=500");
  json near = Same(&query::Query::Events, "events", "near=36.2,37.16,100&limit=500");
  std::set<std::string> in_box, in_near, box_docs;
  for (const json& e : box["items"]) {
    in_box.insert(e["document_id"].get<std::string>() + "#" + e["event_id"].get<std::string>());
    box_docs.insert(e["document_id"]);
  }
  for (const json& e : near["items"])
    in_near.insert(e["document_id"].get<std::string>() + "#" + e["event_id"].get<std::string>());
  int located = 0;
  for (const json& e : all["items"]) {
    const std::string key =
        e["document_id"].get<std::string>() + "#" + e["event_id"].get<std::string>();
    if (e["place_lat"].is_null()) {
      EXPECT_EQ(in_box.count(key), 0u) << key;
      EXPECT_EQ(in_near.count(key), 0u) << key;
      continue;
    }
    ++located;
    const double lat = e["place_lat"], lon = e["place_lon"];
    const bool inside = lat >= 35.5 && lat <= 36.5 && lon >= 36.5 && lon <= 37.5;
    EXPECT_EQ(in_box.count(key), inside ? 1u : 0u) << key << " " << lat << "," << lon;
    const bool close = query::GreatCircleKm(36.2, 37.16, lat, lon) <= 100;
    EXPECT_EQ(in_near.count(key), close ? 1u : 0u) << key << " " << lat << "," << lon;
  }
  EXPECT_GE(located, 4);
  // The strikes on Saraqib and Aleppo, nothing else.
  EXPECT_EQ(box_docs, (std::set<std::string>{IdOf(ids, "Warplanes strike Saraqib market"),
                                             IdOf(ids, "Shelling hits Aleppo district")}));
  EXPECT_EQ(in_near, in_box);
  // Across the antimeridian: nothing here; the whole world: every located event.
  EXPECT_EQ(Same(&query::Query::Events, "events", "bbox=170,-10,-170,10")["total"], 0);
  EXPECT_EQ(Same(&query::Query::Events, "events", "bbox=-180,-90,180,90")["total"], located);
  // A malformed radius is the request's fault on both.
  for (Store* store : {sqlite_, pg_}) {
    query::Query q(store);
    for (const char* bad : {"near=36,37", "near=36,37,0", "near=91,0,5", "near=a,b,c"}) {
      auto r = q.Events(ParamsOf(bad));
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput) << bad;
      EXPECT_NE(r.status().message().find("parameter 'near'"), std::string::npos);
    }
  }
}

TEST_F(ServeBackendsTest, ExportsOfEveryKindAreTheSame) {
  const query::Params none;
  for (const char* what : {"documents", "entities", "claims", "markers"}) {
    for (const char* format : {"jsonl", "csv", "geojson"}) {
      if (!query::CheckExport(what, format).ok()) continue;
      const std::string a = Export(sqlite_, what, format, none);
      EXPECT_FALSE(a.empty()) << what << " " << format;
      EXPECT_EQ(a, Export(pg_, what, format, none)) << what << " " << format;
    }
  }
}

TEST_F(ServeBackendsTest, CorpusListingsAreTheSame) {
  Same(&query::Query::Clusters, "clusters", "");
  EXPECT_GE(Same(&query::Query::Clusters, "clusters", "min_reports=1")["total"], 5);
  Same(&query::Query::ProvenanceGroups, "provenance", "");  // no copies among them: empty
  Same(&query::Query::Citations, "citations", "");
}

// `dossier serve --store postgresql://...`, as a process: it starts, and its
// HTTP answers are the PostgreSQL store's.
TEST_F(ServeBackendsTest, ServeCommandAnswersFromPostgres) {
  dir_->Write("web/index.html", "<!doctype html><title>t</title>\n");
  const std::string id = IdOf(IdsByTitle(pg_), "Car bomb in Raqqa");
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    const std::string cmd = std::string("exec ") + DOSSIER_BINARY + " serve --port 0 --store '" +
                            *pg_url_ + "' --web " + dir_->path() + "/web";
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  // Stopped however the test ends.
  struct Stop {
    pid_t pid;
    ~Stop() {
      kill(pid, SIGTERM);
      int status = 0;
      waitpid(pid, &status, 0);
    }
  } stop{pid};
  FILE* f = fdopen(out[0], "r");
  char line[256] = {};
  int port = 0;
  if (f && std::fgets(line, sizeof line, f)) {
    const std::string s(line);
    const size_t colon = s.rfind(':');
    if (s.rfind("dossier: serving http://127.0.0.1:", 0) == 0)
      port = std::atoi(s.c_str() + colon + 1);
  }
  if (f) std::fclose(f);
  EXPECT_GT(port, 0) << "the server did not print its address: " << line;
  if (port > 0) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(20, 0);
    query::Query q(pg_);
    const std::pair<std::string, std::function<Result<std::string>()>> checks[] = {
        {"/api/health", [&] { return q.Health(); }},
        {"/api/stats", [&] { return q.Stats(); }},
        {"/api/documents?limit=3", [&] { return q.Documents(ParamsOf("limit=3")); }},
        {"/api/documents/" + id, [&] { return q.Document(id); }},
        {"/api/entities?kind=place", [&] { return q.Entities(ParamsOf("kind=place")); }},
        {"/api/events?bbox=36.5,35.5,37.5,36.5",
         [&] { return q.Events(ParamsOf("bbox=36.5,35.5,37.5,36.5")); }},
        {"/api/events.geojson?near=36.2,37.16,100",
         [&] { return q.EventsGeoJson(ParamsOf("near=36.2,37.16,100")); }},
        {"/api/timeline?bin=month", [&] { return q.Timeline(ParamsOf("bin=month")); }},
        {"/api/facets?country=SY", [&] { return q.Facets(ParamsOf("country=SY")); }},
        {"/api/outlets", [&] { return q.Outlets({}); }},
        {"/api/clusters", [&] { return q.Clusters({}); }},
    };
    for (const auto& [path, answer] : checks) {
      auto res = c.Get(path.c_str());
      ASSERT_TRUE(res) << path;
      EXPECT_EQ(res->status, 200) << path << ": " << res->body;
      Result<std::string> expected = answer();
      ASSERT_TRUE(expected.ok()) << path << ": " << expected.status().message();
      std::string body = *expected;
      serve::MakeJsonInert(&body);
      EXPECT_EQ(res->body, body) << path;
    }
    auto exp = c.Get("/api/export?what=events&format=csv&q=killing");
    ASSERT_TRUE(exp);
    EXPECT_EQ(exp->status, 200);
    EXPECT_EQ(exp->body, Export(pg_, "events", "csv", ParamsOf("q=killing")));
    // A bad parameter is still the request's fault.
    auto bad = c.Get("/api/events?near=1,2");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
  }
}

}  // namespace
}  // namespace dossier::testing
