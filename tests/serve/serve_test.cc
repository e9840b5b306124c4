// dossier serve: the JSON API (docs/api.md) of a real server process on a
// store ingested from team-written articles: the provenance family of
// tests/corpus/family.h, a month-dated report, a hostile article and an HTML
// page. Checks exact values, agreement with `dossier export`, the raw offset
// map, and the guards (methods, bodies, sizes, traversal, rate limits,
// headers, escaping).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "corpus/family.h"
#include "serve/server.h"
#include "test_util.h"

namespace dossier::testing {
namespace {

using nlohmann::json;

std::string Line(const std::string& id, const std::string& title, const std::string& outlet,
                 const std::string& published, const std::string& text,
                 const std::string& url = "") {
  json j = {{"id", id}, {"title", title}, {"outlet", outlet}, {"published", published},
            {"text", text}};
  if (!url.empty()) j["url"] = url;
  return j.dump() + "\n";
}

constexpr char kMonthText[] =
    "In March 2019, artillery shelled the town of Kafr Nabl in Idlib province, killing six "
    "civilians, residents said.";
constexpr char kHostileTitle[] = "<script>window.__pwned=1</script> Report";
constexpr char kHostileText[] =
    "Officials in Raqqa said the bridge reopened. <img src=x onerror=\"window.__pwned=1\"> The "
    "text also holds </style><style>body{display:none}</style> and an & ampersand.";
constexpr char kHtml[] =
    "<!DOCTYPE html>\n<html><head><title>Strike near Saraqib</title>\n"
    "<meta property=\"article:published_time\" content=\"2019-03-05T08:00:00Z\">\n"
    "<meta property=\"og:site_name\" content=\"Idlib Daily\">\n"
    "</head><body><nav>Home | World</nav>\n<article><h1>Strike near Saraqib</h1>\n"
    "<p>Warplanes struck a bakery in <b>Saraqib</b> on Tuesday, killing 7 people, the civil "
    "defence said.</p>\n<p>The &amp; strike came &mdash; witnesses said &mdash; at dawn.</p>\n"
    "</article><footer>Copyright 2019</footer></body></html>\n";

// A `dossier serve` child process; stopped (SIGTERM, then waited for) on
// destruction.
class ServerProcess {
 public:
  // Starts `dossier serve --port 0 <args>` and reads the address it prints.
  explicit ServerProcess(const std::string& args) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      const std::string cmd = std::string("exec ") + DOSSIER_BINARY + " serve --port 0 " + args;
      execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[256] = {};
    if (f && std::fgets(line, sizeof line, f)) {
      const std::string s(line);
      const size_t colon = s.rfind(':');
      if (s.rfind("dossier: serving http://127.0.0.1:", 0) == 0 && colon != std::string::npos)
        port_ = std::atoi(s.c_str() + colon + 1);
    }
    if (f) std::fclose(f);
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string jsonl =
        Line("rep", "Shelling kills nine in Maarat al-Numan market", "Daily Frontier",
             "2021-03-03", family::Republication()) +
        Line("orig", "Shelling kills nine in Maarat al-Numan market", "Levant Monitor",
             "2021-03-02", family::Original()) +
        Line("edit", "Nine killed as shells hit Idlib market", "Eastern Wire", "2021-03-03",
             family::EditedCopy()) +
        Line("other", "Airstrikes hit Saraqib outskirts", "Levant Monitor", "2021-03-08",
             family::Unrelated()) +
        Line("month", "Shelling in Kafr Nabl", "Northern Courier", "2020-06-10", kMonthText) +
        Line("hostile", kHostileTitle, "Test <b>Outlet</b>", "2020-06-11", kHostileText,
             "javascript:alert(1)");
    const std::string in = dir_->Write("docs.jsonl", jsonl);
    const std::string html = dir_->Write("report.html", kHtml);
    db_ = new std::string(dir_->path() + "/s.db");
    RunResult r = RunDossier("ingest " + in + " " + html + " --db " + *db_ + " -q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // A UI directory of the test's own, so these tests do not depend on web/.
    dir_->Write("web/index.html", "<!doctype html><title>t</title><p>ui</p>\n");
    dir_->Write("web/app/main.js", "export const x = 1;\n");
    server_ = new ServerProcess("--db " + *db_ + " --web " + dir_->path() + "/web");
    ASSERT_GT(server_->port(), 0) << "the server did not print its address";
    // Content ids by JSONL id / file.
    RunResult ex = RunDossier("export --db " + *db_ + " --what documents");
    ids_ = new std::map<std::string, std::string>();
    for (const json& d : ParseJsonLines(ex.out)) {
      const json& given = d["source"]["given_id"];
      (*ids_)[given.is_string() ? given.get<std::string>() : std::string("html")] = d["id"];
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    delete ids_;
    delete db_;
    delete dir_;
  }

  static httplib::Result Get(const std::string& path) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(20, 0);
    return c.Get(path.c_str());
  }
  // GET that must answer 200 with JSON.
  static json GetJson(const std::string& path) {
    auto res = Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
    return json::parse(res->body, nullptr, false);
  }
  static std::string Id(const std::string& key) { return ids_->at(key); }

  static TempDir* dir_;
  static std::string* db_;
  static ServerProcess* server_;
  static std::map<std::string, std::string>* ids_;
};
TempDir* ServeTest::dir_ = nullptr;
std::string* ServeTest::db_ = nullptr;
ServerProcess* ServeTest::server_ = nullptr;
std::map<std::string, std::string>* ServeTest::ids_ = nullptr;

TEST_F(ServeTest, HealthCountsDocumentsAndCarriesSecurityHeaders) {
  auto res = Get("/api/health");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  json h = json::parse(res->body);
  EXPECT_EQ(h["ok"], true);
  EXPECT_EQ(h["documents"], 7);
  EXPECT_EQ(h["schema_version"], 10);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("object-src 'none'"),
            std::string::npos);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
}

TEST_F(ServeTest, DocumentsArePagedNewestFirstAndSearchable) {
  json all = GetJson("/api/documents");
  EXPECT_EQ(all["total"], 7);
  ASSERT_EQ(all["items"].size(), 7u);
  EXPECT_EQ(all["items"][0]["id"], Id("other"));  // 2021-03-08, the newest
  EXPECT_EQ(all["items"][6]["id"], Id("html"));   // 2019-03-05, the oldest
  json page = GetJson("/api/documents?limit=2&offset=2");
  EXPECT_EQ(page["total"], 7);
  EXPECT_EQ(page["limit"], 2);
  EXPECT_EQ(page["offset"], 2);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["id"], all["items"][2]["id"]);
  EXPECT_EQ(page["items"][1]["id"], all["items"][3]["id"]);

  json found = GetJson("/api/documents?q=bakery");
  ASSERT_EQ(found["total"], 1);
  const json& d = found["items"][0];
  EXPECT_EQ(d["id"], Id("html"));
  EXPECT_EQ(d["outlet"], "Idlib Daily");
  EXPECT_EQ(d["format"], "html");
  EXPECT_EQ(d["events"], 1);
  const std::string snippet = d["snippet"];
  EXPECT_NE(snippet.find("\x02" "bakery\x03"), std::string::npos) << snippet;

  json monitor = GetJson("/api/documents?outlet=Levant%20Monitor");
  EXPECT_EQ(monitor["total"], 2);
  json copies = GetJson("/api/documents?relation=near_duplicate");
  ASSERT_EQ(copies["total"], 1);
  EXPECT_EQ(copies["items"][0]["id"], Id("edit"));
  json range = GetJson("/api/documents?from=2020-06&to=2020-06-30");
  EXPECT_EQ(range["total"], 2);  // month and hostile
}

TEST_F(ServeTest, DocumentCarriesRecordProvenanceFamilyAndSources) {
  json d = GetJson("/api/documents/" + Id("rep"));
  EXPECT_EQ(d["record"]["id"], Id("rep"));
  EXPECT_EQ(d["record"]["meta"]["outlet"], "Daily Frontier");
  EXPECT_EQ(d["provenance"]["origin"], Id("orig"));
  EXPECT_EQ(d["provenance"]["relation"], "republication");
  const json& group = d["provenance"]["group"];
  ASSERT_EQ(group.size(), 3u);
  EXPECT_EQ(group[0]["id"], Id("orig"));
  EXPECT_EQ(group[0]["relation"], "original");
  std::set<std::string> members;
  for (const json& m : group) members.insert(m["id"]);
  EXPECT_EQ(members, (std::set<std::string>{Id("orig"), Id("rep"), Id("edit")}));
  ASSERT_EQ(d["sources"].size(), 1u);
  EXPECT_EQ(d["sources"][0]["source_key"], dir_->path() + "/docs.jsonl#rep");
  EXPECT_EQ(d["sources"][0]["latest"], true);

  auto missing = Get("/api/documents/0123456789abcdef");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(json::parse(missing->body)["error"]["code"], "not_found");
}

// Maps a text offset through the raw map as docs/api.md says.
int64_t MapBegin(const json& map, int64_t t) {
  for (const json& p : map) {
    if (t >= p[0].get<int64_t>() && t < p[1].get<int64_t>())
      return p[4] == 1 ? p[2].get<int64_t>() + (t - p[0].get<int64_t>()) : p[2].get<int64_t>();
  }
  return map.back()[3];
}
int64_t MapEnd(const json& map, int64_t t) {
  for (const json& p : map) {
    if (t > p[0].get<int64_t>() && t <= p[1].get<int64_t>())
      return p[4] == 1 ? p[2].get<int64_t>() + (t - p[0].get<int64_t>()) : p[3].get<int64_t>();
  }
  return map.front()[2];
}

TEST_F(ServeTest, RawInputAndMapPutEverySpanBackInTheHtmlSource) {
  json raw = GetJson("/api/documents/" + Id("html") + "/raw");
  EXPECT_EQ(raw["format"], "html");
  EXPECT_EQ(raw["raw"], kHtml);
  json d = GetJson("/api/documents/" + Id("html"));
  const std::string text = d["record"]["text"];
  const json& map = raw["map"];
  ASSERT_FALSE(map.empty());
  // Pieces cover the text without gaps.
  EXPECT_EQ(map.front()[0], 0);
  for (size_t i = 1; i < map.size(); ++i) EXPECT_EQ(map[i][0], map[i - 1][1]);
  int64_t code_points = 0;
  for (unsigned char c : text) code_points += (c & 0xC0) != 0x80;
  EXPECT_EQ(map.back()[1], code_points);
  // Every entity's raw span is its text span mapped through the map.
  int checked = 0;
  for (const json& e : d["record"]["entities"]) {
    const int64_t s = e["start"], en = e["end"];
    EXPECT_EQ(MapBegin(map, s), e["raw"][0]) << e.dump();
    EXPECT_EQ(MapEnd(map, en), e["raw"][1]) << e.dump();
    ++checked;
  }
  EXPECT_GE(checked, 3);
  // The event's trigger and the place inside <b>...</b>, in the source.
  const std::string src = kHtml;
  const json& ev = d["record"]["events"][0];
  const int64_t ts = ev["trigger"]["start"], te = ev["trigger"]["end"];
  EXPECT_EQ(src.substr(MapBegin(map, ts), MapEnd(map, te) - MapBegin(map, ts)), "struck");
  // (The text is ASCII up to its em dashes, so byte offsets before them are
  // code point offsets.)
  const size_t saraqib = text.find("Saraqib");
  EXPECT_EQ(src.substr(MapBegin(map, saraqib), 7), "Saraqib");
  EXPECT_EQ(src.substr(MapBegin(map, saraqib) - 3, 3), "<b>");
  // "&amp;" became "&": one text character from five source characters.
  const size_t amp = text.find('&');
  EXPECT_EQ(src.substr(MapBegin(map, amp), MapEnd(map, amp + 1) - MapBegin(map, amp)), "&amp;");
}

TEST_F(ServeTest, EventsExportEqualsTheCliForTheSameFilter) {
  const std::pair<std::string, std::string> filters[] = {
      {"", ""},
      {"type=ASSAULT", "--type ASSAULT"},
      {"type=ASSAULT&from=2019-01-01&to=2019-12-31", "--type ASSAULT --from 2019-01-01 --to 2019-12-31"},
      {"bbox=36,35,37.5,36.5", "--bbox 36,35,37.5,36.5"},
      {"place=geonames:164816", "--place geonames:164816"},
      {"voice=attributed&repeats=0", "--voice attributed --repeats 0"},
      {"q=bakery", "--q bakery"},
  };
  for (const auto& [query, flags] : filters) {
    for (const char* format : {"jsonl", "csv", "geojson"}) {
      auto res = Get(std::string("/api/export?what=events&format=") + format +
                     (query.empty() ? "" : "&" + query));
      ASSERT_TRUE(res);
      ASSERT_EQ(res->status, 200) << query << ": " << res->body;
      EXPECT_EQ(res->get_header_value("Content-Disposition"),
                std::string("attachment; filename=\"dossier-events.") + format + "\"");
      RunResult cli = RunDossier("export --db " + *db_ + " --what events --format " + format +
                                 " " + flags);
      ASSERT_EQ(cli.exit_code, 0) << cli.err;
      EXPECT_EQ(res->body, cli.out) << query << " " << format;
    }
    // The paged list holds the same events as the JSONL export.
    json list = GetJson("/api/events?limit=500" + (query.empty() ? "" : "&" + query));
    RunResult cli = RunDossier("export --db " + *db_ + " --what events --format jsonl " + flags);
    const std::vector<json> rows = ParseJsonLines(cli.out);
    ASSERT_EQ(list["total"], rows.size()) << query;
    for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(list["items"][i], rows[i]) << query;
  }
  // The bakery strike: one event at Saraqib, ASSAULT/aerial, 7 dead.
  json strike = GetJson("/api/events?q=bakery");
  ASSERT_EQ(strike["total"], 1);
  const json& e = strike["items"][0];
  EXPECT_EQ(e["plover"], "ASSAULT");
  EXPECT_EQ(e["mode"], "aerial");
  EXPECT_EQ(e["place_ref"], "geonames:164816");
  EXPECT_EQ(e["trigger_text"], "struck");
  EXPECT_EQ(e["dead_value"], 7);
}

TEST_F(ServeTest, TimelineKeepsMonthDatesApartFromDays) {
  json facets = GetJson("/api/facets");
  json t = GetJson("/api/timeline?bin=day");
  EXPECT_EQ(t["bin"], "day");
  int64_t in_bins = 0;
  const json& bins = t["bins"];
  ASSERT_FALSE(bins.empty());
  for (size_t i = 0; i < bins.size(); ++i) {
    in_bins += bins[i]["count"].get<int64_t>();
    EXPECT_EQ(bins[i]["start"], bins[i]["end"]);
  }
  // Kafr Nabl was shelled "in March 2019": a month, never a bar on 2019-03-01.
  bool march = false;
  for (const json& c : t["coarse"]) {
    if (c["value"] == "2019-03") {
      EXPECT_EQ(c["precision"], "month");
      march = true;
    }
  }
  EXPECT_TRUE(march) << t.dump();
  for (const json& b : bins) EXPECT_NE(b["start"], "2019-03-01");
  int64_t coarse = 0;
  for (const json& c : t["coarse"]) coarse += c["count"].get<int64_t>();
  EXPECT_EQ(in_bins + coarse + t["undated"].get<int64_t>(), facets["total"].get<int64_t>());
  // Weeks start on Monday; bins are contiguous.
  json w = GetJson("/api/timeline?bin=week&type=ASSAULT");
  ASSERT_FALSE(w["bins"].empty());
  EXPECT_EQ(w["bins"][0]["start"], "2019-03-04");  // the Monday of 2019-03-05
  EXPECT_EQ(w["bins"][0]["end"], "2019-03-10");
  for (size_t i = 1; i < w["bins"].size(); ++i) {
    EXPECT_NE(w["bins"][i]["start"], w["bins"][i - 1]["start"]);
  }
  // A month-dated event matches a range that overlaps its month.
  json in_march = GetJson("/api/events?from=2019-03-20&to=2019-04-10");
  bool kafr_nabl = false;
  for (const json& e : in_march["items"]) kafr_nabl = kafr_nabl || e["place_text"] == "Kafr Nabl";
  EXPECT_TRUE(kafr_nabl) << in_march.dump();
}

TEST_F(ServeTest, CliExportRefusesABadFilterAsUsage) {
  RunResult bad_q = RunDossier("export --db " + *db_ + " --what events --q '\"open'");
  EXPECT_EQ(bad_q.exit_code, 2);
  EXPECT_NE(bad_q.err.find("parameter 'q': not a valid search"), std::string::npos) << bad_q.err;
  EXPECT_EQ(bad_q.out, "");
  RunResult bad_box = RunDossier("export --db " + *db_ + " --what events --bbox 1,2,3");
  EXPECT_EQ(bad_box.exit_code, 2);
  EXPECT_NE(bad_box.err.find("parameter 'bbox'"), std::string::npos) << bad_box.err;
  RunResult wrong_what = RunDossier("export --db " + *db_ + " --what claims --type ASSAULT");
  EXPECT_EQ(wrong_what.exit_code, 2);
  EXPECT_NE(wrong_what.err.find("--type selects events"), std::string::npos) << wrong_what.err;
}

TEST_F(ServeTest, GeoJsonCountsAndTruncates) {
  json all = GetJson("/api/events.geojson");
  EXPECT_EQ(all["type"], "FeatureCollection");
  EXPECT_EQ(all["truncated"], false);
  ASSERT_GE(all["total"].get<int>(), 2);
  EXPECT_EQ(all["features"].size(), all["total"].get<size_t>());
  json one = GetJson("/api/events.geojson?limit=1");
  EXPECT_EQ(one["truncated"], true);
  EXPECT_EQ(one["total"], all["total"]);
  EXPECT_EQ(one["features"].size(), 1u);
  // A map asks only for the properties its markers need.
  json lean = GetJson("/api/events.geojson?fields=event_id,plover,date_value");
  ASSERT_EQ(lean["features"].size(), all["features"].size());
  for (size_t i = 0; i < lean["features"].size(); ++i) {
    const json& p = lean["features"][i]["properties"];
    EXPECT_EQ(p.size(), 3u);
    EXPECT_EQ(p["event_id"], all["features"][i]["properties"]["event_id"]);
    EXPECT_EQ(p["plover"], all["features"][i]["properties"]["plover"]);
    EXPECT_EQ(lean["features"][i]["geometry"], all["features"][i]["geometry"]);
  }
  auto bad = Get("/api/events.geojson?fields=event_id,nonsense");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("unknown column 'nonsense'"), std::string::npos) << bad->body;
}

TEST_F(ServeTest, EntitiesAndTheirMentions) {
  json places = GetJson("/api/entities?kind=place&q=Saraq");
  ASSERT_GE(places["total"].get<int>(), 1);
  const json& s = places["items"][0];
  EXPECT_EQ(s["key"], "geonames:164816");
  EXPECT_EQ(s["kind"], "place");
  EXPECT_EQ(s["country"], "SY");
  json mentions = GetJson("/api/entity?key=geonames:164816");
  EXPECT_EQ(mentions["entry"]["key"], "geonames:164816");
  ASSERT_EQ(mentions["total"], s["mentions"]);
  for (const json& m : mentions["items"]) {
    json d = GetJson("/api/documents/" + m["document_id"].get<std::string>());
    const std::string text = d["record"]["text"];
    // ASCII texts here: code point offsets are byte offsets.
    EXPECT_EQ(text.substr(m["start"], m["end"].get<size_t>() - m["start"].get<size_t>()), m["text"]);
    const std::string context = m["context"];
    EXPECT_EQ(text.substr(m["context_start"], context.size()), context);
  }
  // The total is the same on every page, past the end included.
  json all_places = GetJson("/api/entities?kind=place&limit=500");
  EXPECT_EQ(all_places["items"].size(), all_places["total"].get<size_t>());
  EXPECT_EQ(GetJson("/api/entities?kind=place&limit=1&offset=1")["total"], all_places["total"]);
  json past = GetJson("/api/entities?kind=place&limit=1&offset=100000");
  EXPECT_EQ(past["total"], all_places["total"]);
  EXPECT_TRUE(past["items"].empty());
  auto bad = Get("/api/entity?key=text:nokind");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ServeTest, CorpusViewsListFamiliesOutletsAndClusters) {
  json groups = GetJson("/api/provenance");
  bool family = false;
  for (const json& g : groups["items"]) {
    if (g["origin"]["id"] == Id("orig")) {
      family = true;
      EXPECT_EQ(g["origin"]["outlet"], "Levant Monitor");
      EXPECT_EQ(g["members"].size(), 3u);
    }
  }
  EXPECT_TRUE(family) << groups.dump();
  json outlets = GetJson("/api/outlets");
  bool monitor = false;
  for (const json& o : outlets["items"]) {
    if (o["outlet"] == "Levant Monitor") {
      monitor = true;
      EXPECT_EQ(o["documents"], 2);
      EXPECT_EQ(o["originals"], 2);
      EXPECT_EQ(o["first"], "2021-03-02");
      EXPECT_EQ(o["last"], "2021-03-08");
    }
    if (o["outlet"] == "Daily Frontier") { EXPECT_EQ(o["copies"], 1); }
  }
  EXPECT_TRUE(monitor);
  // The market shelling is told by the original and its two copies: three
  // reports, one independent origin.
  json clusters = GetJson("/api/clusters");
  bool market = false;
  for (const json& c : clusters["items"]) {
    std::set<std::string> docs;
    for (const json& m : c["members"]) docs.insert(m["document_id"]);
    if (docs.count(Id("orig")) && c["plover"] == "ASSAULT") {
      market = true;
      EXPECT_EQ(c["reports"], 3);
      EXPECT_EQ(c["independent_origins"], 1);
      EXPECT_EQ(docs, (std::set<std::string>{Id("orig"), Id("rep"), Id("edit")}));
      // The cluster filter selects exactly its members, each naming it.
      json rows = GetJson("/api/events?cluster=" + c["cluster_id"].get<std::string>());
      ASSERT_EQ(rows["total"], c["members"].size());
      for (const json& e : rows["items"]) EXPECT_EQ(e["cluster_id"], c["cluster_id"]);
    }
  }
  EXPECT_TRUE(market) << clusters.dump();
  json d = GetJson("/api/documents/" + Id("orig"));
  ASSERT_FALSE(d["clusters"].empty()) << d["clusters"].dump();
  for (const auto& [event_id, c] : d["clusters"].items()) {
    EXPECT_EQ(event_id[0], 'v');
    EXPECT_EQ(c["reports"], 3) << c.dump();  // every clustered event of it is told three times
  }
}

TEST_F(ServeTest, HostileArticleTextIsInertInEveryAnswer) {
  for (const std::string& path :
       {"/api/documents/" + Id("hostile"), std::string("/api/documents?q=bridge"),
        "/api/documents/" + Id("hostile") + "/raw", std::string("/api/outlets"),
        std::string("/api/entity?key=geonames:172955")}) {
    auto res = Get(path);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->body.find('<'), std::string::npos) << path;
    EXPECT_EQ(res->body.find('>'), std::string::npos) << path;
  }
  json d = GetJson("/api/documents/" + Id("hostile"));
  EXPECT_EQ(d["record"]["meta"]["title"], kHostileTitle);  // still the same text once parsed
  EXPECT_EQ(d["record"]["text"], kHostileText);
  EXPECT_EQ(d["record"]["meta"]["outlet"], "Test <b>Outlet</b>");
}

TEST_F(ServeTest, RefusesWhatAReadOnlyApiShouldRefuse) {
  httplib::Client c("127.0.0.1", server_->port());
  auto post = c.Post("/api/health", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  auto del = c.Delete("/api/documents/" + Id("orig"));
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  auto long_url = Get("/api/documents?q=" + std::string(5000, 'a'));
  ASSERT_TRUE(long_url);
  EXPECT_EQ(long_url->status, 414);
  std::string many = "/api/documents?";
  for (int i = 0; i < 70; ++i) many += "p" + std::to_string(i) + "=1&";
  auto params = Get(many);
  ASSERT_TRUE(params);
  EXPECT_EQ(params->status, 400);
  const std::pair<std::string, std::string> bad[] = {
      {"/api/events?bogus=1", "unknown parameter 'bogus'"},
      {"/api/events?from=2019-13-01", "parameter 'from'"},
      {"/api/events?bbox=1,2,3", "parameter 'bbox'"},
      {"/api/events?min_confidence=2", "parameter 'min_confidence'"},
      {"/api/documents?limit=0", "parameter 'limit'"},
      {"/api/documents?q=%22open", "parameter 'q'"},
      {"/api/export?what=claims&format=geojson", "claims export as jsonl or csv"},
      {"/api/export?what=documents&format=jsonl&type=ASSAULT", "unknown parameter 'type'"},
  };
  for (const auto& [path, message] : bad) {
    auto res = Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << path;
    json e = json::parse(res->body, nullptr, false);
    EXPECT_EQ(e["error"]["code"], "invalid_input") << path;
    EXPECT_NE(e["error"]["message"].get<std::string>().find(message), std::string::npos)
        << path << ": " << e.dump();
  }
  auto unknown = Get("/api/nothing");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

// Sends `request` as is over a socket (no client normalises the path) and
// returns the status code of the answer.
int RawStatus(int port, const std::string& request) {
  httplib::Client c("127.0.0.1", port);
  // httplib's client keeps the path as given when URL encoding is off.
  c.set_url_encode(false);
  auto res = c.Get(request.c_str());
  return res ? res->status : -1;
}

TEST_F(ServeTest, StaticFilesWithoutTraversal) {
  auto index = Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->body, "<!doctype html><title>t</title><p>ui</p>\n");
  auto js = Get("/app/main.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  for (const char* path : {"/app/../../s.db", "/app/%2e%2e/%2e%2e/s.db", "/app/..%2f..%2fs.db",
                           "/vendor/leaflet/../../../../etc/passwd", "/app/%2E%2E/index.html"}) {
    const int status = RawStatus(server_->port(), path);
    EXPECT_TRUE(status == 400 || status == 404) << path << " -> " << status;
    EXPECT_NE(status, 200) << path;
  }
  EXPECT_EQ(RawStatus(server_->port(), "/vendor/not-a-library/x.js"), 404);
  EXPECT_EQ(RawStatus(server_->port(), "/app/missing.js"), 404);
}

TEST(ServeRateTest, ClientsOverTheRateGet429) {
  TempDir dir;
  const std::string in = dir.Write("a.txt", "Shelling hit Saraqib on Monday, residents said.\n");
  const std::string db = dir.path() + "/r.db";
  ASSERT_EQ(RunDossier("ingest " + in + " --db " + db + " -q").exit_code, 0);
  ServerProcess server("--db " + db + " --rate-limit 2");
  ASSERT_GT(server.port(), 0);
  httplib::Client c("127.0.0.1", server.port());
  int ok = 0, limited = 0;
  std::string retry;
  for (int i = 0; i < 30; ++i) {
    auto res = c.Get("/api/health");
    ASSERT_TRUE(res);
    if (res->status == 200) ++ok;
    if (res->status == 429) {
      ++limited;
      retry = res->get_header_value("Retry-After");
    }
  }
  // A burst of 4 x 2 requests, then about 2 a second.
  EXPECT_GE(ok, 8);
  EXPECT_LT(ok, 20);
  EXPECT_GT(limited, 0);
  EXPECT_EQ(retry, "1");
}

TEST(ServeStartTest, MissingStoreIsAClearErrorWithExitCode3) {
  RunResult r = RunDossier("serve --db /nonexistent/dir/x.db --port 0");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("no store at '/nonexistent/dir/x.db'"), std::string::npos) << r.err;
}

TEST(MakeJsonInertTest, EscapesHtmlSignificantCharactersInsideStrings) {
  std::string s = "{\"a\":\"<b>&</b> \xE2\x80\xA8 \xE2\x80\xA9 \xE2\x80\x99\"}";
  serve::MakeJsonInert(&s);
  EXPECT_EQ(s, "{\"a\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e \\u2028 \\u2029 \xE2\x80\x99\"}");
  EXPECT_EQ(json::parse(s)["a"], "<b>&</b> \xE2\x80\xA8 \xE2\x80\xA9 \xE2\x80\x99");
}

}  // namespace
}  // namespace dossier::testing
