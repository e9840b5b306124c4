// The ClickHouse sink (src/store/clickhouse): URL parsing and rows without a
// server; then `dossier ingest --sink` against real clickhouse-server
// processes started on loopback (clickhouse_server.h): schema creation,
// exact values queried back over HTTP, idempotent re-sends, error messages,
// and two shards behind Distributed tables. The articles are the team's own.
#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <set>
#include <string>

#include "clickhouse/clickhouse_server.h"
#include "store/clickhouse/clickhouse_sink.h"
#include "store/clickhouse/clickhouse_tables.h"
#include "store/clickhouse/clickhouse_url.h"
#include "test_util.h"

namespace dossier::testing {
namespace {

using clickhouse::ParseClickHouseUrl;
using nlohmann::json;

// Three short team-written reports; their events (checked below) come from
// the pipeline as it is: an air strike with 7 dead in Saraqib, an attack
// near Deir ez-Zor (4 dead, 9 injured) after curly quotes, so byte and code
// point offsets differ, and shelling of Afrin attributed to residents.
std::string Corpus() {
  auto line = [](const std::string& id, const std::string& title, const std::string& outlet,
                 const std::string& published, const std::string& text) {
    return json({{"id", id}, {"title", title}, {"outlet", outlet}, {"published", published},
                 {"text", text}})
               .dump() +
           "\n";
  };
  return line("saraqib", "Strike on Saraqib market", "Levant Monitor", "2019-03-05",
              "Warplanes struck a crowded market in Saraqib on Tuesday, killing 7 civilians, the "
              "civil defence said. Rescue workers searched the rubble for hours.") +
         line("checkpoint", "Checkpoint attacked near Deir ez-Zor", "Eastern Wire", "2019-03-14",
              "The \u201cDesert Hawks\u201d brigade lost ground this week. Militants attacked an "
              "army checkpoint near Deir ez-Zor on 12 March 2019, killing 4 soldiers and wounding "
              "9, the ministry said.") +
         line("afrin", "Shelling in Afrin", "Northern Courier", "2018-11-20",
              "Turkish artillery shelled the town of Afrin on Monday, killing 3 people, residents "
              "said.");
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// ---- without a server ----------------------------------------------------

TEST(ClickHouseUrl, ParsesUserPasswordPortDatabaseAndSettings) {
  auto u = ParseClickHouseUrl(
      "clickhouse://bob:p%40ss@127.0.0.1:9123/events_db?batch_rows=500&insert_distributed_sync=1");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->user, "bob");
  EXPECT_EQ(u->password, "p@ss");
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 9123);
  EXPECT_EQ(u->database, "events_db");
  EXPECT_EQ(u->batch_rows, 500u);
  ASSERT_EQ(u->settings.size(), 1u);
  EXPECT_EQ(u->settings[0].first, "insert_distributed_sync");
  EXPECT_EQ(u->HttpBase(), "http://127.0.0.1:9123/");
  EXPECT_EQ(u->Redacted(), "clickhouse://bob:***@127.0.0.1:9123/events_db");
}

TEST(ClickHouseUrl, DefaultsToPort8123AndTakesIpv6Hosts) {
  auto u = ParseClickHouseUrl("clickhouse://ch1.example/dossier");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->port, 8123);
  auto v6 = ParseClickHouseUrl("clickhouse://[::1]:8124/dossier/");
  ASSERT_TRUE(v6.ok()) << v6.status().message();
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->HttpBase(), "http://[::1]:8124/");
}

TEST(ClickHouseUrl, RejectsMalformedUrlsNamingTheUrlAndTheProblem) {
  const std::map<std::string, std::string> cases = {
      {"http://127.0.0.1:8123/db", "unsupported scheme 'http'"},
      {"127.0.0.1:8123/db", "not a URL"},
      {"clickhouse://127.0.0.1:8123", "no database"},
      {"clickhouse://127.0.0.1:8123/", "no database"},
      {"clickhouse://:8123/db", "no host"},
      {"clickhouse://127.0.0.1:99999/db", "port '99999' is not a number in 1..65535"},
      {"clickhouse://127.0.0.1:http/db", "port 'http'"},
      {"clickhouse://127.0.0.1:/db", "empty port"},
      {"clickhouse://127.0.0.1/my-db", "database 'my-db' must be letters"},
      {"clickhouse://127.0.0.1/db?batch_rows=0", "batch_rows='0' is not a valid count"},
      {"clickhouse://127.0.0.1/db?verbose", "has no '='"},
      {"clickhouse://127.0.0.1/db?query=DROP", "set by the sink itself"},
  };
  for (const auto& [url, why] : cases) {
    auto u = ParseClickHouseUrl(url);
    ASSERT_FALSE(u.ok()) << url;
    EXPECT_EQ(u.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(u.status().message().find("'" + url + "'"), std::string::npos)
        << u.status().message();
    EXPECT_NE(u.status().message().find(why), std::string::npos) << u.status().message();
  }
  // A password never appears in a message.
  auto u = ParseClickHouseUrl("clickhouse://bob:secret@127.0.0.1:x/db");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.status().message().find("secret"), std::string::npos) << u.status().message();
  EXPECT_NE(u.status().message().find("bob:***@"), std::string::npos) << u.status().message();
}

TEST(ClickHouseTables, DatesBecomeDateLiteralsAtTheStartOfTheirPeriod) {
  EXPECT_EQ(clickhouse::ToDate("2016-09-17"), "2016-09-17");
  EXPECT_EQ(clickhouse::ToDate("2016-09"), "2016-09-01");
  EXPECT_EQ(clickhouse::ToDate("2016"), "2016-01-01");
  EXPECT_EQ(clickhouse::ToDate(""), "0000-00-00");
  EXPECT_EQ(clickhouse::ToDate("1948-05-14"), "0000-00-00");  // before ClickHouse's Date
  EXPECT_EQ(clickhouse::ToDate("2016-13"), "0000-00-00");
  EXPECT_EQ(clickhouse::ToDate("20160917"), "0000-00-00");
}

// Column names of `table` in SchemaStatements.
std::set<std::string> Columns(const std::string& table) {
  for (const std::string& sql : clickhouse::SchemaStatements("db")) {
    const std::string head = "CREATE TABLE IF NOT EXISTS db." + table + " (";
    if (sql.rfind(head, 0) != 0) continue;
    std::set<std::string> out;
    const std::string cols = sql.substr(head.size(), sql.find(") ENGINE") - head.size());
    size_t at = 0;
    while (at < cols.size()) {
      const size_t space = cols.find(' ', at);
      out.insert(cols.substr(at, space - at));
      // Skip the type (types hold no ", " at the top level here).
      const size_t comma = cols.find(", ", space);
      if (comma == std::string::npos) break;
      at = comma + 2;
    }
    return out;
  }
  return {};
}

std::set<std::string> Keys(const json& j) {
  std::set<std::string> out;
  for (const auto& [k, v] : j.items()) out.insert(k);
  return out;
}

TEST(ClickHouseTables, RowsHaveExactlyTheTableColumnsAndCodePointOffsets) {
  Document doc;
  doc.id = "d1";
  doc.path = "in.jsonl";
  doc.text = "\u201cQ\u201d Jets struck Raqqa.";  // the quotes are 3 bytes each, 1 code point
  doc.meta.outlet = "Wire";
  doc.meta.published = "2017-06";
  doc.sentences = {Span{0, static_cast<uint32_t>(doc.text.size())}};
  Mention place;
  place.id = "m1";
  place.kind = "place";
  place.span = Span{20, 25};  // "Raqqa"
  place.ref = "geonames:163915";
  place.geo.emplace();
  place.geo->lat = 35.95283;
  place.geo->lon = 39.00788;
  place.geo->country = "SY";
  doc.mentions.push_back(std::move(place));
  EventRecord e;
  e.id = "v1";
  e.sentence = 0;
  e.span = Span{0, 26};
  e.trigger = Span{13, 19};  // "struck"
  e.plover = "ASSAULT";
  e.place = 0;
  e.voice = "author";
  e.confidence = 0.75;
  doc.events.push_back(e);
  ASSERT_EQ(doc.text.substr(13, 6), "struck");
  ASSERT_EQ(doc.text.substr(20, 5), "Raqqa");
  std::string documents, events, mentions;
  auto n = clickhouse::AppendRows(doc, "in.jsonl#1", 1700000000, &documents, &events, &mentions);
  EXPECT_EQ(n.documents, 1);
  EXPECT_EQ(n.events, 1);
  EXPECT_EQ(n.mentions, 1);
  const json d = json::parse(documents), ev = json::parse(events), me = json::parse(mentions);
  EXPECT_EQ(Keys(d), Columns("documents"));
  EXPECT_EQ(Keys(ev), Columns("events"));
  EXPECT_EQ(Keys(me), Columns("event_mentions"));
  EXPECT_EQ(ev["trigger_start"], 9);  // code points: 13 bytes less 2 + 2 of the quotes
  EXPECT_EQ(ev["trigger_end"], 15);
  EXPECT_EQ(ev["trigger_text"], "struck");
  EXPECT_EQ(ev["end"], 22);
  EXPECT_EQ(ev["place_text"], "Raqqa");
  EXPECT_EQ(ev["place_lat"], 35.95283);
  EXPECT_EQ(ev["place_country"], "SY");
  EXPECT_TRUE(ev["dead_value"].is_null());
  EXPECT_EQ(ev["date"], "0000-00-00");
  EXPECT_EQ(ev["published"], "2017-06-01");
  EXPECT_EQ(me["event_key"], "d1#v1");
  EXPECT_EQ(me["sentence_end"], 22);
  EXPECT_EQ(me["doc_chars"], 22);
  EXPECT_EQ(d["text_bytes"], 26);
  EXPECT_EQ(d["text_chars"], 22);
  EXPECT_EQ(d["source_key"], "in.jsonl#1");
}

// ---- against clickhouse-server ---------------------------------------------

TEST(ClickHouseSinkCli, BadUrlAndClosedPortStopBeforeAnyStore) {
  TempDir dir;
  const std::string in = dir.Write("corpus.jsonl", Corpus());
  const std::string db = dir.path() + "/s.db";
  RunResult bad = RunDossier("ingest " + in + " --db " + db + " --sink clickhouse://127.0.0.1/bad-name");
  EXPECT_EQ(bad.exit_code, 3) << bad.err;
  EXPECT_NE(bad.err.find("cannot open sink: --sink 'clickhouse://127.0.0.1/bad-name': database "
                         "'bad-name' must be letters"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(access(db.c_str(), F_OK), 0) << "a bad sink must leave no store behind";

  const int port = FreePort();  // nothing listens there
  const std::string url = "clickhouse://127.0.0.1:" + std::to_string(port) + "/dossier";
  RunResult closed = RunDossier("ingest " + in + " --db " + db + " --sink '" + url + "?retries=1'");
  EXPECT_EQ(closed.exit_code, 3) << closed.err;
  EXPECT_NE(closed.err.find("cannot open sink: ClickHouse sink " + url + ": query 'SELECT 1': "
                            "cannot reach the server at http://127.0.0.1:" +
                            std::to_string(port) + "/"),
            std::string::npos)
      << closed.err;
  EXPECT_NE(closed.err.find("(after 2 attempts)"), std::string::npos) << closed.err;
  EXPECT_NE(access(db.c_str(), F_OK), 0);
}

TEST(ClickHouseSinkCli, IngestsCorpusWithExactValuesAndResendsIdempotently) {
  ClickHouseServer server;
  ASSERT_EQ(server.Start(), "");
  TempDir dir;
  const std::string in = dir.Write("corpus.jsonl", Corpus());
  const std::string url = server.Url("dossier");

  // First run: the sink creates the database and the three tables.
  RunResult r = RunDossier("ingest " + in + " --db " + dir.path() + "/a.db --no-progress --sink " + url);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("sink: 3 documents, 3 events, 3 event mentions in 3 inserts ("),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(" s sending) -> " + url + "\n"), std::string::npos) << r.err;
  EXPECT_EQ(server.Must("SHOW TABLES FROM dossier"), "documents\nevent_mentions\nevents\n");
  EXPECT_NE(server.Must("SHOW CREATE TABLE dossier.events").find("ReplacingMergeTree(sent)"),
            std::string::npos);

  auto count = [&](const std::string& table, bool final) {
    return Trim(server.Must("SELECT count() FROM dossier." + table + (final ? " FINAL" : "")));
  };
  EXPECT_EQ(count("documents", false), "3");
  EXPECT_EQ(count("events", false), "3");
  EXPECT_EQ(count("event_mentions", false), "3");

  // Exact values, in published order.
  EXPECT_EQ(server.Must(
                "SELECT outlet, published, plover, mode, cameo, acled_sub, actor_text, "
                "place_text, place_lat, place_lon, place_country, date, date_precision, "
                "dead_value, injured_value, voice, trigger_text, trigger_start, trigger_end "
                "FROM dossier.events ORDER BY published FORMAT TSV"),
            "Northern Courier\t2018-11-20\tASSAULT\theavy-weapons\t194\t"
            "Shelling/artillery/missile attack\tTurkish artillery\tAfrin\t36.51194\t36.86954\tSY\t"
            "2018-11-19\tday\t3\t\\N\tattributed\tshelled\t18\t25\n"
            "Levant Monitor\t2019-03-05\tASSAULT\taerial\t195\tAttack\t\tSaraqib\t35.86447\t"
            "36.80591\tSY\t2019-03-05\tday\t7\t\\N\tauthor\tstruck\t10\t16\n"
            "Eastern Wire\t2019-03-14\tASSAULT\t\t190\tArmed clash\tMilitants\tDeir ez-Zor\t"
            "35.33588\t40.14084\tSY\t2019-03-12\tday\t4\t9\tattributed\tattacked\t60\t68\n");
  // Mentions: the event key, where the sentence and the trigger are (code
  // points: the curly quotes before "attacked" are one each), confidence
  // (0.95 on the checkpoint: "army" is its target).
  EXPECT_EQ(server.Must("SELECT substring(event_key, 33), outlet, sentence, sentence_start, "
                        "sentence_end, trigger_start, trigger_end, confidence, voice "
                        "FROM dossier.event_mentions ORDER BY published FORMAT TSV"),
            "#v1\tNorthern Courier\t0\t0\t88\t18\t25\t0.8\tattributed\n"
            "#v1\tLevant Monitor\t0\t0\t101\t10\t16\t0.75\tauthor\n"
            "#v1\tEastern Wire\t1\t50\t176\t60\t68\t0.95\tattributed\n");
  // Every mention names an event of the events table.
  EXPECT_EQ(server.Must("SELECT count() FROM dossier.event_mentions WHERE event_key NOT IN "
                        "(SELECT concat(document_id, '#', event_id) FROM dossier.events)"),
            "0\n");
  EXPECT_EQ(server.Must("SELECT title, outlet, language, published, events, text_bytes - "
                        "text_chars FROM dossier.documents ORDER BY published FORMAT TSV"),
            "Shelling in Afrin\tNorthern Courier\ten\t2018-11-20\t1\t0\n"
            "Strike on Saraqib market\tLevant Monitor\ten\t2019-03-05\t1\t0\n"
            "Checkpoint attacked near Deir ez-Zor\tEastern Wire\ten\t2019-03-14\t1\t4\n");

  // A resumed run into the same store skips everything and sends nothing.
  RunResult again = RunDossier("ingest " + in + " --db " + dir.path() + "/a.db --no-progress --sink " + url);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("sink: 0 documents, 0 events, 0 event mentions in 0 inserts"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(count("events", false), "3");

  // A fresh store sends everything again, one row per insert: the raw rows
  // double, FINAL (and a merge) sees each document once.
  RunResult fresh = RunDossier("ingest " + in + " --db " + dir.path() +
                               "/b.db --no-progress --sink '" + url + "?batch_rows=1'");
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_NE(fresh.err.find("sink: 3 documents, 3 events, 3 event mentions in 9 inserts"),
            std::string::npos)
      << fresh.err;
  EXPECT_EQ(count("events", false), "6");
  EXPECT_EQ(count("documents", true), "3");
  EXPECT_EQ(count("events", true), "3");
  EXPECT_EQ(count("event_mentions", true), "3");
  for (const char* t : {"documents", "events", "event_mentions"})
    server.Must(std::string("OPTIMIZE TABLE dossier.") + t + " FINAL");
  EXPECT_EQ(count("documents", false), "3");
  EXPECT_EQ(count("events", false), "3");
  EXPECT_EQ(count("event_mentions", false), "3");
  EXPECT_EQ(Trim(server.Must("SELECT sum(dead_value) FROM dossier.events FINAL")), "14");
}

TEST(ClickHouseSinkCli, ReportsClickHouseErrorTextWithUrlAndTable) {
  ClickHouseServer server;
  ASSERT_EQ(server.Start(), "");
  // An events table of some other shape: the sink leaves it alone and the
  // insert fails with ClickHouse's own words.
  server.Must("CREATE DATABASE other");
  server.Must("CREATE TABLE other.events (x UInt8) ENGINE = MergeTree ORDER BY x");
  TempDir dir;
  const std::string in = dir.Write("corpus.jsonl", Corpus());
  const std::string url = server.Url("other");
  RunResult r = RunDossier("ingest " + in + " --db " + dir.path() + "/s.db --no-progress --sink " + url);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("dossier: store error: ClickHouse sink " + url +
                       ": insert of 3 rows into other.events failed (HTTP 500): Code: "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("document_id"), std::string::npos) << r.err;  // the unknown field
  // One row per insert: the sender fails on the first batch while the
  // pipeline goes on; the next Add reports it and the run stops.
  RunResult one = RunDossier("ingest " + in + " --db " + dir.path() +
                             "/t.db --no-progress --sink '" + url + "?batch_rows=1'");
  EXPECT_EQ(one.exit_code, 3) << one.err;
  EXPECT_NE(one.err.find("dossier: store error: ClickHouse sink " + url +
                         ": insert of 1 rows into other.events failed (HTTP 500): Code: "),
            std::string::npos)
      << one.err;
}

TEST(ClickHouseSinkCli, TwoShardsBehindDistributedTablesSplitTheRows) {
  ClickHouseServer a, b;
  const std::string cluster =
      "<dossier_two>"
      "<shard><replica><host>127.0.0.1</host><port>" + std::to_string(a.ports().tcp) +
      "</port></replica></shard>"
      "<shard><replica><host>127.0.0.1</host><port>" + std::to_string(b.ports().tcp) +
      "</port></replica></shard>"
      "</dossier_two>";
  ASSERT_EQ(a.Start(cluster), "");
  ASSERT_EQ(b.Start(cluster), "");
  // The recipe of docs/clickhouse.md: local tables on every shard, the
  // Distributed tables over them where the sink writes.
  for (ClickHouseServer* s : {&a, &b}) {
    for (const std::string& sql : clickhouse::SchemaStatements("dossier_local")) s->Must(sql);
  }
  for (const std::string& sql :
       clickhouse::DistributedStatements("dossier", "dossier_local", "dossier_two"))
    a.Must(sql);

  // The corpus and a dozen more reports, so both shards get some.
  std::string corpus = Corpus();
  const char* towns[] = {"Idlib", "Raqqa", "Homs", "Hama", "Aleppo", "Palmyra",
                         "Manbij", "Kobani", "Daraa", "Douma", "Azaz", "Jarablus"};
  int i = 0;
  for (const char* town : towns) {
    ++i;
    corpus += json({{"id", std::string("t") + std::to_string(i)},
                    {"title", std::string("Shelling in ") + town},
                    {"outlet", "Shard Wire"},
                    {"published", "2020-01-" + std::string(i < 10 ? "0" : "") + std::to_string(i)},
                    {"text", std::string("Artillery shelled ") + town + " on Monday, killing " +
                                 std::to_string(i + 1) + " people, residents said."}})
                  .dump() +
              "\n";
  }
  TempDir dir;
  const std::string in = dir.Write("corpus.jsonl", corpus);
  const std::string url = a.Url("dossier") + "?insert_distributed_sync=1";
  RunResult r = RunDossier("ingest " + in + " --db " + dir.path() + "/s.db --no-progress --sink '" + url + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("sink: 15 documents"), std::string::npos) << r.err;

  const int docs_a = std::stoi(a.Must("SELECT count() FROM dossier_local.documents"));
  const int docs_b = std::stoi(b.Must("SELECT count() FROM dossier_local.documents"));
  EXPECT_EQ(docs_a + docs_b, 15);
  EXPECT_GT(docs_a, 0);
  EXPECT_GT(docs_b, 0);
  // Each document's events live on its document's shard.
  for (ClickHouseServer* s : {&a, &b}) {
    EXPECT_EQ(s->Must("SELECT count() FROM dossier_local.events WHERE document_id NOT IN "
                      "(SELECT id FROM dossier_local.documents)"),
              "0\n");
  }
  // Read through the Distributed tables: every row, from both shards.
  EXPECT_EQ(a.Must("SELECT count() FROM dossier.documents"), "15\n");
  const int events = std::stoi(a.Must("SELECT count() FROM dossier.events"));
  EXPECT_GE(events, 15);
  EXPECT_EQ(a.Must("SELECT count() FROM dossier.event_mentions"), std::to_string(events) + "\n");
  EXPECT_EQ(a.Must("SELECT place_text, dead_value FROM dossier.events WHERE outlet = 'Shard Wire' "
                   "AND place_text = 'Homs' FORMAT TSV"),
            "Homs\t4\n");
  // Sending again through the Distributed tables lands on the same shards
  // and deduplicates there.
  RunResult again = RunDossier("ingest " + in + " --db " + dir.path() + "/t.db -q --sink '" + url + "'");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(a.Must("SELECT count() FROM dossier.documents"), "30\n");
  // FINAL through the Distributed table is FINAL on each shard.
  EXPECT_EQ(a.Must("SELECT count() FROM dossier.documents FINAL"), "15\n");
  for (ClickHouseServer* s : {&a, &b}) s->Must("OPTIMIZE TABLE dossier_local.documents FINAL");
  EXPECT_EQ(a.Must("SELECT count() FROM dossier.documents"), "15\n");
}

}  // namespace
}  // namespace dossier::testing
