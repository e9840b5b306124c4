// The command line, end to end: help and usage errors, stdin, ordered
// parallel output, the record envelope and its offsets, user data
// directories, the store (default path, resume, versions, open errors), a
// writer killed with SIGKILL mid-run, and a reader that closes the pipe.
// Every input is written by the tests; the articles are our own.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ParseJsonLines;
using testing::ReadFile;
using testing::RunDossier;
using testing::RunResult;
using testing::TempDir;

// The tests must see the built-in data only, whatever the caller's shell has.
const bool kNoUserData = [] { return unsetenv("DOSSIER_DATA") == 0; }();

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

// Runs `prefix BINARY args` through the shell (prefix may be "cd DIR &&" or
// "VAR=value"), feeding `stdin_data`.
RunResult RunWith(const std::string& prefix, const std::string& args,
                  std::string_view stdin_data = "") {
  TempDir tmp;
  const std::string in = tmp.Write("stdin", stdin_data);
  const std::string out = tmp.path() + "/stdout", err = tmp.path() + "/stderr";
  const std::string cmd = prefix + " " + Quote(DOSSIER_BINARY) + " " + args + " <" + Quote(in) +
                          " >" + Quote(out) + " 2>" + Quote(err);
  const int rc = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

// UTF-8 -> code points and back (the inputs here are valid UTF-8).
std::u32string Utf32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += n;
  }
  return out;
}

std::string Utf8(std::u32string_view s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// The UTF-8 of code points [span[0], span[1]) of `cps`.
std::string Slice(const std::u32string& cps, const json& span) {
  const size_t b = span.at(0).get<size_t>(), e = span.at(1).get<size_t>();
  EXPECT_LE(b, e);
  EXPECT_LE(e, cps.size());
  if (b > e || e > cps.size()) return "";
  return Utf8(std::u32string_view(cps).substr(b, e - b));
}

std::string Gzip(std::string_view data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A small generated conflict report: title, two paragraphs (varied by `i`).
struct Article {
  std::string title, author, p1, p2;
};
Article MakeArticle(int i, int sentences_per_paragraph = 2) {
  static const char* kPlaces[] = {"the river crossing", "the northern checkpoint",
                                  "the grain terminal", "the old airfield",
                                  "the railway depot", "the hospital district"};
  static const char* kNames[] = {"Lena Holt", "Marco Ruiz", "Amina Saleh", "Tomas Berg"};
  const std::string n = std::to_string(i);
  const std::string place = kPlaces[i % 6];
  Article a;
  a.title = "Report " + n + ": shelling near " + place;
  a.author = kNames[i % 4];
  for (int s = 0; s < sentences_per_paragraph; ++s) {
    a.p1 += (s ? " " : "") + std::string("Residents near ") + place + " counted " +
            std::to_string(3 + (i + s) % 17) + " explosions in the night, local officials said.";
    a.p2 += (s ? " " : "") + std::string("Monitors logged incident ") + n + "-" +
            std::to_string(s) + " and asked both sides to respect the ceasefire.";
  }
  return a;
}

std::string AsText(const Article& a) {
  return a.title + "\n\nBy " + a.author + "\n\n" + a.p1 + "\n\n" + a.p2 + "\n";
}
std::string AsMarkdown(const Article& a) {
  return "# " + a.title + "\n\n*By " + a.author + "*\n\n" + a.p1 +
         " [Map of the area](https://example.org/map)\n\n" + a.p2 + "\n";
}
std::string AsHtml(const Article& a) {
  return "<!DOCTYPE html><html><head><title>" + a.title +
         "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>" + a.title +
         "</h1><p class=\"byline\">By " + a.author + "</p><p>" + a.p1 + "</p><p>" + a.p2 +
         "</p></article><footer>Contact us</footer></body></html>\n";
}
std::string AsJsonLine(const Article& a, int i) {
  return json{{"id", "wire-" + std::to_string(i)},
              {"title", a.title},
              {"author", a.author},
              {"url", "https://example.org/wire/" + std::to_string(i)},
              {"text", a.p1 + "\n\n" + a.p2}}
             .dump() +
         "\n";
}
std::string AsCsvRow(const Article& a, int i) {
  return std::to_string(i) + ",\"" + a.title + "\",\"" + a.p1 + "\n\n" + a.p2 +
         "\",2023-05-" + std::to_string(10 + i % 18) + "\n";
}

// sqlite3 helpers.
int64_t QueryInt(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}
std::string QueryText(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  std::string v;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr)
    v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return v;
}
// Committed documents as another process sees them; -1 while the store or
// its tables do not exist yet.
int64_t CommittedDocuments(const std::string& path) {
  if (!fs::exists(path)) return -1;
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 2000);
    n = QueryInt(db, "SELECT COUNT(*) FROM documents");
  }
  sqlite3_close(db);
  return n;
}

json Stats(const std::string& db) {
  const RunResult r = RunDossier("stats --json --db " + Quote(db));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  try {
    return json::parse(r.out);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "stats --json is not JSON: " << e.what() << "\n" << r.out;
    return json::object();
  }
}

// ---------------------------------------------------------------- usage

TEST(CliUsageTest, HelpOfEverySubcommandShowsAnExample) {
  for (const std::string sub : {"extract", "ingest", "export", "stats", "explain"}) {
    SCOPED_TRACE(sub);
    const RunResult r = RunDossier(sub + " --help");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Example"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  dossier " + sub), std::string::npos) << r.out;
  }
  const RunResult top = RunDossier("--help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("Exit codes"), std::string::npos) << top.out;
}

TEST(CliUsageTest, UnknownFlagIsAUsageError) {
  TempDir dir;
  dir.Write("a.txt", AsText(MakeArticle(1)));
  const RunResult r = RunDossier("extract --no-such-flag " + Quote(dir.path()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(RunDossier("").exit_code, 2) << "no subcommand";
  EXPECT_EQ(RunDossier("extract").exit_code, 2) << "no input";
  EXPECT_EQ(RunDossier("extract --jobs 0 " + Quote(dir.path())).exit_code, 2);
}

TEST(CliUsageTest, BadPublishedDateIsAUsageError) {
  TempDir dir;
  dir.Write("a.txt", AsText(MakeArticle(1)));
  const RunResult r = RunDossier("extract --published notadate " + Quote(dir.path()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "dossier: --published 'notadate' is not a YYYY-MM-DD date\n");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(RunDossier("extract --published 2023-13-01 " + Quote(dir.path())).exit_code, 2);

  const std::string db = dir.path() + "/x.db";
  const RunResult i =
      RunDossier("ingest --published notadate " + Quote(dir.path()) + " --db " + Quote(db));
  EXPECT_EQ(i.exit_code, 2);
  EXPECT_NE(i.err.find("--published 'notadate' is not a YYYY-MM-DD date"), std::string::npos)
      << i.err;
  EXPECT_FALSE(fs::exists(db)) << "no store for a usage error";
}

TEST(CliUsageTest, MissingInputIsReportedAsNotFound) {
  TempDir dir;
  const std::string good = dir.Write("good.txt", AsText(MakeArticle(2)));
  const std::string missing = dir.path() + "/no/such/article.txt";
  const RunResult r = RunDossier("extract " + Quote(missing) + " " + Quote(good));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("dossier: " + missing + ": not_found: "), std::string::npos) << r.err;
  EXPECT_EQ(ParseJsonLines(r.out).size(), 1u) << "the good input is still processed";
}

TEST(CliUsageTest, VersionNamesTheReleaseAndGeoNames) {
  const RunResult r = RunDossier("--version");
  EXPECT_EQ(r.exit_code, 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("^dossier ([0-9]+\\.[0-9]+\\.[0-9]+)\n")))
      << r.out;
  EXPECT_NE(r.out.find("GeoNames"), std::string::npos) << r.out;
  // The records carry the same release.
  const RunResult ex = RunDossier("extract -q -", "Rockets hit the airfield on Monday, officials said.\n");
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_EQ(json::parse(ex.out)["versions"]["dossier"], m[1].str());
}

// ---------------------------------------------------------------- stdin

TEST(CliStdinTest, PlainTextFromStdin) {
  const RunResult r = RunDossier("extract -", "Rockets hit the airfield on Monday, officials said.\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto recs = ParseJsonLines(r.out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0]["source"]["path"], "-");
  EXPECT_EQ(recs[0]["source"]["format"], "text");
  EXPECT_TRUE(recs[0]["source"]["line"].is_null());
  EXPECT_EQ(recs[0]["text"], "Rockets hit the airfield on Monday, officials said.");
  EXPECT_NE(r.err.find("extract: 1 documents, 0 failed"), std::string::npos) << r.err;
}

TEST(CliStdinTest, HtmlFromStdinWithStdinFormat) {
  const std::string page =
      "<html><head><title>Dam breach</title></head><body><article>"
      "<p>The dam was breached after heavy shelling overnight.</p>"
      "<p>Villages downstream were evacuated by noon.</p></article></body></html>";
  const RunResult r = RunDossier("extract - --stdin-format html", page);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto recs = ParseJsonLines(r.out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0]["source"]["format"], "html");
  EXPECT_EQ(recs[0]["meta"]["title"], "Dam breach");
  EXPECT_EQ(recs[0]["text"],
            "The dam was breached after heavy shelling overnight.\n\n"
            "Villages downstream were evacuated by noon.");
  // The raw spans point into the HTML source read from stdin.
  const std::u32string raw = Utf32(page);
  EXPECT_EQ(Slice(raw, recs[0]["sentences_raw"][0]),
            "The dam was breached after heavy shelling overnight.");
  EXPECT_EQ(RunDossier("extract - --stdin-format pdf", page).exit_code, 2);
}

TEST(CliStdinTest, JsonLinesAreSniffedFromStdin) {
  const std::string feed =
      "{\"title\":\"Withdrawal\",\"text\":\"Troops withdrew from the hill on Tuesday.\"}\n"
      "{\"title\":\"Talks\",\"text\":\"Talks resumed in the capital on Wednesday.\"}\n";
  const RunResult r = RunDossier("extract -", feed);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto recs = ParseJsonLines(r.out);
  ASSERT_EQ(recs.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(recs[i]["source"]["format"], "jsonl");
    EXPECT_EQ(recs[i]["source"]["path"], "-");
    EXPECT_EQ(recs[i]["source"]["line"], i + 1);
  }
  EXPECT_EQ(recs[0]["meta"]["title"], "Withdrawal");
  EXPECT_EQ(recs[1]["text"], "Talks resumed in the capital on Wednesday.");
}

// ---------------------------------------------------------------- output

// ~30 documents in every input form, gzip included.
int WriteMixedCorpus(const TempDir& dir) {
  int docs = 0, k = 0;
  for (int i = 0; i < 8; ++i, ++docs)
    dir.Write("mixed/text/t" + std::to_string(i) + ".txt", AsText(MakeArticle(k++)));
  for (int i = 0; i < 5; ++i, ++docs)
    dir.Write("mixed/md/m" + std::to_string(i) + ".md", AsMarkdown(MakeArticle(k++)));
  for (int i = 0; i < 5; ++i, ++docs)
    dir.Write("mixed/html/h" + std::to_string(i) + ".html", AsHtml(MakeArticle(k++)));
  for (int f = 0; f < 2; ++f) {
    std::string lines;
    for (int i = 0; i < 3; ++i, ++docs, ++k) lines += AsJsonLine(MakeArticle(k), k);
    dir.Write("mixed/feed" + std::to_string(f) + ".jsonl", lines);
  }
  for (int f = 0; f < 2; ++f) {
    std::string csv = "id,title,text,date\n";
    for (int i = 0; i < 3; ++i, ++docs, ++k) csv += AsCsvRow(MakeArticle(k), k);
    dir.Write("mixed/export" + std::to_string(f) + ".csv", csv);
  }
  dir.Write("mixed/gz/a.txt.gz", Gzip(AsText(MakeArticle(k++))));
  ++docs;
  dir.Write("mixed/gz/b.html.gz", Gzip(AsHtml(MakeArticle(k++))));
  ++docs;
  dir.Write("mixed/gz/c.jsonl.gz",
            Gzip(AsJsonLine(MakeArticle(k), k) + AsJsonLine(MakeArticle(k + 1), k + 1)));
  docs += 2;
  return docs;
}

TEST(CliOutputTest, ParallelOutputIsByteIdenticalAndInInputOrder) {
  TempDir dir;
  const int docs = WriteMixedCorpus(dir);
  ASSERT_GE(docs, 30);
  const std::string in = Quote(dir.path() + "/mixed");
  const RunResult one = RunDossier("extract --jobs 1 " + in);
  const RunResult two = RunDossier("extract --jobs 2 " + in);
  const RunResult four = RunDossier("extract -j 4 " + in);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  ASSERT_EQ(four.exit_code, 0) << four.err;
  EXPECT_TRUE(one.out == two.out) << "--jobs 2 output differs from --jobs 1";
  EXPECT_TRUE(one.out == four.out) << "--jobs 4 output differs from --jobs 1";

  const auto recs = ParseJsonLines(one.out);
  ASSERT_EQ(static_cast<int>(recs.size()), docs);
  std::set<std::string> formats;
  for (size_t i = 1; i < recs.size(); ++i) {
    const std::string prev = recs[i - 1]["source"]["path"], cur = recs[i]["source"]["path"];
    EXPECT_LE(prev, cur) << "input order";
    if (prev == cur) {
      EXPECT_LT(recs[i - 1]["source"]["line"].get<int>(), recs[i]["source"]["line"].get<int>());
    }
  }
  for (const json& r : recs) formats.insert(r["source"]["format"].get<std::string>());
  EXPECT_EQ(formats, (std::set<std::string>{"text", "markdown", "html", "jsonl", "csv"}));
}

TEST(CliOutputTest, RecordEnvelope) {
  TempDir dir;
  WriteMixedCorpus(dir);
  const RunResult r = RunDossier("extract -q " + Quote(dir.path() + "/mixed"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const RunResult v = RunDossier("--version");
  const std::regex hex16("^[0-9a-f]{16}$"), hex32("^[0-9a-f]{32}$");
  std::string lexicon;
  for (const json& rec : ParseJsonLines(r.out)) {
    EXPECT_EQ(rec["schema"], "dossier/1");
    EXPECT_TRUE(std::regex_match(rec["id"].get<std::string>(), hex32)) << rec["id"];
    const std::string dv = rec["versions"]["dossier"];
    EXPECT_EQ(v.out.rfind("dossier " + dv + "\n", 0), 0u) << dv;
    const std::string lv = rec["versions"]["lexicon"];
    EXPECT_TRUE(std::regex_match(lv, hex16)) << lv;
    if (lexicon.empty()) lexicon = lv;
    EXPECT_EQ(lv, lexicon) << "one lexicon per run";
    EXPECT_EQ(rec["versions"]["layers"],
              json({"clean", "segment", "dates", "quantities", "actors", "places", "voice",
                    "events", "markers"}));
    EXPECT_TRUE(rec["versions"]["gazetteer"].is_string());
    for (const char* k : {"paragraphs", "sentences", "paragraphs_raw", "sentences_raw", "quotes",
                          "comments", "entities", "voice", "citations", "events", "claims",
                          "markers", "diagnostics"})
      EXPECT_TRUE(rec[k].is_array()) << k;
    EXPECT_EQ(rec["sentences"].size(), rec["sentences_raw"].size());
    EXPECT_EQ(rec["paragraphs"].size(), rec["paragraphs_raw"].size());
  }
}

TEST(CliOutputTest, CodePointOffsetsWithNonAsciiText) {
  TempDir dir;
  const std::string path = dir.Write(
      "nonascii.txt",
      "Ceasefire broken near Avdiivka\n\n"
      "An ambulance \U0001F691 reached the hospital in Kramatorsk after midnight. "
      "\u00abWe counted 14 wounded\u00bb, said Dr. Olena Petrenko \u2014 the night\u2019s toll.\n\n"
      "In Zaporizhzhia, the caf\u00e9 on Soborny Avenue was shuttered. "
      "Officials in Kyiv said talks would resume.\n");
  const RunResult r = RunDossier("extract -q " + Quote(path));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json rec = json::parse(r.out);
  EXPECT_EQ(rec["meta"]["title"], "Ceasefire broken near Avdiivka");
  const std::u32string text = Utf32(rec["text"].get<std::string>());
  const std::vector<std::string> expected = {
      "An ambulance \U0001F691 reached the hospital in Kramatorsk after midnight.",
      "\u00abWe counted 14 wounded\u00bb, said Dr. Olena Petrenko \u2014 the night\u2019s toll.",
      "In Zaporizhzhia, the caf\u00e9 on Soborny Avenue was shuttered.",
      "Officials in Kyiv said talks would resume.",
  };
  ASSERT_EQ(rec["sentences"].size(), expected.size()) << rec["sentences"].dump();
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(Slice(text, rec["sentences"][i]), expected[i]) << i;
  // The second sentence starts after 66 code points (65 + a space): bytes or
  // UTF-16 units would give other numbers.
  EXPECT_EQ(rec["sentences"][1][0], 66);
  ASSERT_EQ(rec["paragraphs"].size(), 2u);
  EXPECT_EQ(Slice(text, rec["paragraphs"][1]), expected[2] + " " + expected[3]);
  ASSERT_EQ(rec["quotes"].size(), 1u);
  EXPECT_EQ(Slice(text, {rec["quotes"][0]["start"], rec["quotes"][0]["end"]}),
            "\u00abWe counted 14 wounded\u00bb");
  EXPECT_EQ(Slice(text, rec["quotes"][0]["content"]), "We counted 14 wounded");
  // In a plain UTF-8 .txt every sentence is copied: raw slices are equal.
  const std::u32string raw = Utf32(ReadFile(path));
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(Slice(raw, rec["sentences_raw"][i]), expected[i]) << i;
}

TEST(CliOutputTest, RawOffsetsIncludeLinkMarkupAndSkipTheByline) {
  TempDir dir;
  const std::string linked =
      "According to [the UN office](https://example.org/report) about 1,200 civilians left "
      "\u2014 most on foot.";
  const std::string path = dir.Write(
      "linked.txt",
      "Shelling near Donetsk\u2019s outskirts\n\n"
      "By Maria Kov\u00e1cs\n\n"
      "Residents of Kramatorsk said the \u201chumanitarian corridor\u201d was closed on "
      "Tuesday. " + linked + "\n\n"
      "The caf\u00e9 near the station was hit twice, said Zo\u00eb M\u00fcller.\n");
  const RunResult r = RunDossier("extract -q " + Quote(path));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json rec = json::parse(r.out);
  EXPECT_EQ(rec["meta"]["title"], "Shelling near Donetsk\u2019s outskirts");
  EXPECT_EQ(rec["meta"]["authors"], json({"Maria Kov\u00e1cs"}));
  const std::string text_utf8 = rec["text"];
  EXPECT_EQ(text_utf8.find("By Maria"), std::string::npos) << text_utf8;
  EXPECT_EQ(text_utf8.find("]("), std::string::npos) << "link markup left in text";
  const std::u32string text = Utf32(text_utf8);
  const std::u32string raw = Utf32(ReadFile(path));
  ASSERT_EQ(rec["sentences"].size(), 3u) << rec["sentences"].dump();
  EXPECT_EQ(Slice(text, rec["sentences"][1]),
            "According to the UN office about 1,200 civilians left \u2014 most on foot.");
  EXPECT_EQ(Slice(raw, rec["sentences_raw"][1]), linked);
  EXPECT_EQ(Slice(raw, rec["sentences_raw"][0]),
            "Residents of Kramatorsk said the \u201chumanitarian corridor\u201d was closed on "
            "Tuesday.");
  EXPECT_EQ(Slice(raw, rec["sentences_raw"][2]),
            "The caf\u00e9 near the station was hit twice, said Zo\u00eb M\u00fcller.");
  EXPECT_EQ(Slice(raw, rec["paragraphs_raw"][0]),
            "Residents of Kramatorsk said the \u201chumanitarian corridor\u201d was closed on "
            "Tuesday. " + linked);
}

// ---------------------------------------------------------------- data dirs

const char* kCheckpointArticle =
    "Checkpoint closed\n\n"
    "The northern checkpoint was closed to civilian traffic on Thursday after overnight "
    "shelling.\n\n"
    "Monitoring mission bulletin 14\n\n"
    "Aid groups said hundreds of people were waiting at the crossing.\n";

std::string BoilerplateHeader() {
  const std::string base = ReadFile(std::string(DOSSIER_SOURCE_DIR) + "/data/boilerplate.tsv");
  size_t pos = 0;
  while (pos < base.size()) {
    size_t nl = base.find('\n', pos);
    if (nl == std::string::npos) nl = base.size();
    const std::string line = base.substr(pos, nl - pos);
    if (!line.empty() && line[0] != '#') return line + "\n";
    pos = nl + 1;
  }
  ADD_FAILURE() << "no header in data/boilerplate.tsv";
  return "";
}

TEST(CliDataTest, UserDataDirectoryAddsABoilerplateRule) {
  TempDir dir;
  const std::string doc = dir.Write("doc.txt", kCheckpointArticle);
  dir.Write("userdata/boilerplate.tsv",
            BoilerplateHeader() +
                "test_mission_bulletin\tline\tdrop\t\t(?i)^monitoring mission bulletin \\d+$\t"
                "test rule\n");
  const std::string user = dir.path() + "/userdata";

  const RunResult base = RunDossier("extract -q " + Quote(doc));
  ASSERT_EQ(base.exit_code, 0) << base.err;
  const json b = json::parse(base.out);
  EXPECT_NE(b["text"].get<std::string>().find("Monitoring mission bulletin 14"),
            std::string::npos)
      << b["text"];

  const RunResult flag = RunDossier("extract -q --data " + Quote(user) + " " + Quote(doc));
  ASSERT_EQ(flag.exit_code, 0) << flag.err;
  const json f = json::parse(flag.out);
  EXPECT_EQ(f["text"],
            "The northern checkpoint was closed to civilian traffic on Thursday after overnight "
            "shelling.\n\nAid groups said hundreds of people were waiting at the crossing.");
  EXPECT_NE(f["versions"]["lexicon"], b["versions"]["lexicon"]);
  EXPECT_EQ(f["id"], b["id"]) << "the content id depends on the input only";

  const RunResult env = RunWith("DOSSIER_DATA=" + Quote(user), "extract -q " + Quote(doc));
  ASSERT_EQ(env.exit_code, 0) << env.err;
  const json e = json::parse(env.out);
  EXPECT_EQ(e["text"], f["text"]);
  EXPECT_EQ(e["versions"]["lexicon"], f["versions"]["lexicon"]);
}

// Rules are compiled for their capture groups only when a set says they
// match, so a pattern that does not parse must still be refused at start,
// for every kind of rule (line, lead, trail), naming the rule and the error.
TEST(CliDataTest, UserRuleWithABadPatternIsRefusedAtStart) {
  TempDir dir;
  const std::string doc = dir.Write("doc.txt", kCheckpointArticle);
  for (const char* where : {"line", "lead", "trail"}) {
    const std::string sub = std::string("bad_") + where;
    dir.Write(sub + "/boilerplate.tsv",
              BoilerplateHeader() + "test_unclosed\t" + where +
                  "\tdrop\t\t(?i)^monitoring (mission\ttest rule\n");
    const RunResult r =
        RunDossier("extract --data " + Quote(dir.path() + "/" + sub) + " " + Quote(doc));
    EXPECT_EQ(r.exit_code, 2) << where << ": " << r.err;
    EXPECT_EQ(r.out, "") << where;
    EXPECT_NE(r.err.find("boilerplate.tsv rule 'test_unclosed': missing ): (?i)^monitoring (mission"),
              std::string::npos)
        << where << ": " << r.err;
  }
}

TEST(CliDataTest, MalformedUserTableIsAUsageErrorNamingTheFile) {
  TempDir dir;
  const std::string doc = dir.Write("doc.txt", kCheckpointArticle);
  const std::string table = dir.Write(
      "baddata/boilerplate.tsv",
      BoilerplateHeader() + "too_many\tline\tdrop\t\t^x$\tnote\textra\tfields\n");
  const RunResult r =
      RunDossier("extract --data " + Quote(dir.path() + "/baddata") + " " + Quote(doc));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(table), std::string::npos) << r.err;

  dir.Write("badheader/boilerplate.tsv", "name\tregex\nx\t^x$\n");
  const RunResult h = RunWith("DOSSIER_DATA=" + Quote(dir.path() + "/badheader"),
                              "ingest --db " + Quote(dir.path() + "/x.db") + " " + Quote(doc));
  EXPECT_EQ(h.exit_code, 2);
  EXPECT_NE(h.err.find(dir.path() + "/badheader/boilerplate.tsv"), std::string::npos) << h.err;

  const RunResult missing =
      RunDossier("extract --data " + Quote(dir.path() + "/nowhere") + " " + Quote(doc));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find(dir.path() + "/nowhere"), std::string::npos) << missing.err;
}

// ---------------------------------------------------------------- store

TEST(CliStoreTest, DefaultPathResumeVersionsExportAndStats) {
  TempDir cwd;
  const std::string in_cd = "cd " + Quote(cwd.path()) + " &&";
  cwd.Write("in/report.txt",
            "Bridge shelled\n\nThe road bridge over the river was shelled on Monday, the "
            "regional governor said.\n");
  const RunResult first = RunWith(in_cd, "ingest in");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(fs::exists(cwd.path() + "/dossier.db"));
  EXPECT_NE(first.err.find("ingest: 1 added, 0 new versions"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("-> dossier.db"), std::string::npos) << first.err;

  const RunResult again = RunWith(in_cd, "ingest in");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("ingest: 0 added, 0 new versions, 0 unchanged, 0 duplicates, "
                           "1 already stored, 0 failed"),
            std::string::npos)
      << again.err;
  const json s1 = Stats(cwd.path() + "/dossier.db");
  EXPECT_EQ(s1["documents"], 1);
  EXPECT_EQ(s1["versions"], 1);

  // The same file with new content: a new version of the same source.
  cwd.Write("in/report.txt",
            "Bridge shelled\n\nThe road bridge over the river was shelled on Monday and again "
            "on Tuesday, the regional governor said.\n");
  const RunResult changed = RunWith(in_cd, "ingest in");
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(changed.err.find("ingest: 0 added, 1 new versions"), std::string::npos)
      << changed.err;

  // stats without --db reads ./dossier.db; --json parses.
  const RunResult st = RunWith(in_cd, "stats --json");
  ASSERT_EQ(st.exit_code, 0) << st.err;
  json s2;
  ASSERT_NO_THROW(s2 = json::parse(st.out)) << st.out;
  EXPECT_EQ(s2["documents"], 2);
  EXPECT_EQ(s2["sources"], 1);
  EXPECT_EQ(s2["versions"], 2);
  EXPECT_EQ(s2["failures"], 0);
  EXPECT_EQ(s2["by_format"], json({{"text", 2}}));
  const RunResult text_stats = RunWith(in_cd, "stats");
  EXPECT_EQ(text_stats.exit_code, 0);
  EXPECT_NE(text_stats.out.find("versions: 2"), std::string::npos) << text_stats.out;

  // Export: one record per source, its latest version.
  const RunResult ex = RunWith(in_cd, "export --what documents --format jsonl");
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  const auto recs = ParseJsonLines(ex.out);
  ASSERT_EQ(recs.size(), 1u) << ex.out;
  EXPECT_EQ(recs[0]["schema"], "dossier/1");
  EXPECT_EQ(recs[0]["meta"]["title"], "Bridge shelled");
  EXPECT_EQ(recs[0]["text"],
            "The road bridge over the river was shelled on Monday and again on Tuesday, the "
            "regional governor said.");
  // The exported record is what extract prints for the same file, plus the
  // corpus layer's provenance (here alone: its own original).
  const RunResult direct = RunWith(in_cd, "extract -q in/report.txt");
  nlohmann::json exported = recs[0];
  EXPECT_EQ(exported["provenance"],
            nlohmann::json({{"origin", exported["id"]}, {"relation", "original"},
                            {"similarity", 1}, {"evidence", nullptr}}));
  exported.erase("provenance");
  EXPECT_EQ(ParseJsonLines(direct.out).at(0), exported);
}

TEST(CliStoreTest, StoreThatCannotBeOpenedExitsThree) {
  TempDir dir;
  const std::string doc = dir.Write("a.txt", AsText(MakeArticle(5)));
  const std::string nodir = dir.path() + "/missing/dir/store.db";
  const RunResult r = RunDossier("ingest " + Quote(doc) + " --db " + Quote(nodir));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(nodir), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() + "/missing"));

  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 131 + 7) & 0xFF);
  const std::string garbage = dir.Write("garbage.db", junk);
  const RunResult g = RunDossier("ingest " + Quote(doc) + " --db " + Quote(garbage));
  EXPECT_EQ(g.exit_code, 3);
  EXPECT_NE(g.err.find(garbage), std::string::npos) << g.err;
  EXPECT_EQ(ReadFile(garbage), junk) << "a file that is not a store is left alone";
  EXPECT_EQ(RunDossier("stats --db " + Quote(garbage)).exit_code, 3);
  EXPECT_EQ(RunDossier("export --db " + Quote(garbage)).exit_code, 3);

  const std::string absent = dir.path() + "/absent.db";
  const RunResult e = RunDossier("export --what documents --format jsonl --db " + Quote(absent));
  EXPECT_EQ(e.exit_code, 3);
  EXPECT_NE(e.err.find(absent), std::string::npos) << e.err;
  EXPECT_FALSE(fs::exists(absent)) << "export must not create a store";
  const RunResult s = RunDossier("stats --db " + Quote(absent));
  EXPECT_EQ(s.exit_code, 3);
  EXPECT_NE(s.err.find(absent), std::string::npos) << s.err;
}

TEST(CliStoreTest, IngestKilledMidRunLeavesAConsistentStoreThatResumes) {
  // The run reads the directory, then its standard input: a pipe this test
  // keeps open, so it cannot finish however fast the machine. It is killed
  // once the first batch (256 documents, StoreOptions::batch_size) is
  // committed, with the rest of the directory in the open batch.
  constexpr int kArticles = 300;
  constexpr int kBatch = 256;
  TempDir dir;
  const std::string in = dir.path() + "/in";
  for (int i = 0; i < kArticles; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "in/a%05d.txt", i);
    dir.Write(name, AsText(MakeArticle(i, 16)));
  }
  const std::string db = dir.path() + "/crash.db";

  int feed[2];
  ASSERT_EQ(pipe(feed), 0);
  std::fflush(nullptr);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const int null = open("/dev/null", O_RDWR);
    dup2(feed[0], STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    close(feed[0]);
    close(feed[1]);
    execl(DOSSIER_BINARY, "dossier", "ingest", in.c_str(), "-", "--db", db.c_str(), "-q",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(feed[0]);
  const auto start = std::chrono::steady_clock::now();
  int64_t seen = -1;
  bool exited = false;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(120)) {
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) {
      exited = true;
      break;
    }
    seen = CommittedDocuments(db);
    if (seen >= kBatch) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  if (!exited) {
    kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status)) << "ingest finished before it could be killed";
  }
  close(feed[1]);
  ASSERT_FALSE(exited) << "ingest stopped before reading its standard input";
  ASSERT_EQ(seen, kBatch) << "expected the first batch committed (within 120 s) and the next open";

  int64_t stored = 0;
  {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    EXPECT_EQ(QueryText(h, "PRAGMA integrity_check"), "ok");
    stored = QueryInt(h, "SELECT COUNT(*) FROM documents");
    EXPECT_EQ(stored, kBatch) << "the committed batch is kept, the open one is lost";
    EXPECT_EQ(QueryInt(h, "SELECT COUNT(*) FROM document_versions"), stored);
    EXPECT_EQ(QueryInt(h, "SELECT COUNT(*) FROM sources"), stored);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(h, "SELECT id, record FROM documents", -1, &st, nullptr),
              SQLITE_OK);
    int64_t parsed = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
      const std::string id = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      const char* rec = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
      try {
        const json j = json::parse(rec ? rec : "");
        EXPECT_EQ(j["id"], id);
        EXPECT_EQ(j["schema"], "dossier/1");
        ++parsed;
      } catch (const std::exception& e) {
        ADD_FAILURE() << "record of " << id << " is not JSON: " << e.what();
      }
    }
    sqlite3_finalize(st);
    EXPECT_EQ(parsed, stored);
    sqlite3_close(h);
  }

  // Resume: what was committed is skipped, the rest is added, nothing twice.
  const RunResult resumed = RunDossier("ingest " + Quote(in) + " --db " + Quote(db));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("ingest: " + std::to_string(kArticles - stored) +
                             " added, 0 new versions, 0 unchanged, 0 duplicates, " +
                             std::to_string(stored) + " already stored, 0 failed"),
            std::string::npos)
      << resumed.err;
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(QueryInt(h, "SELECT COUNT(*) FROM documents"), kArticles);
  EXPECT_EQ(QueryInt(h, "SELECT COUNT(*) FROM document_versions"), kArticles);
  EXPECT_EQ(QueryInt(h, "SELECT COUNT(*) FROM sources"), kArticles);
  EXPECT_EQ(QueryInt(h, "SELECT COUNT(DISTINCT path) FROM documents"), kArticles);
  EXPECT_EQ(QueryInt(h, "SELECT COUNT(*) FROM failures"), 0);
  EXPECT_EQ(QueryInt(h, "SELECT COUNT(*) FROM corpus_docs"), kArticles)
      << "every document is in the provenance index once";
  EXPECT_EQ(QueryText(h, "PRAGMA integrity_check"), "ok");
  sqlite3_close(h);
}

// ---------------------------------------------------------------- pipes

TEST(CliPipeTest, ClosedOutputPipeEndsTheRunWithExitThree) {
  TempDir dir;
  for (int i = 0; i < 300; ++i)
    dir.Write("in/r" + std::to_string(1000 + i) + ".txt", AsText(MakeArticle(i, 4)));
  const std::string rc = dir.path() + "/rc", err = dir.path() + "/err", out = dir.path() + "/out";
  const std::string inner = "timeout 20 " + Quote(DOSSIER_BINARY) + " extract " +
                            Quote(dir.path() + "/in") + " 2>" + Quote(err) + "; echo $? >" +
                            Quote(rc);
  const std::string cmd = "sh -c " + Quote(inner) + " | head -c 100 >" + Quote(out);
  const auto start = std::chrono::steady_clock::now();
  std::system(cmd.c_str());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 15) << "dossier hung on a closed pipe";
  EXPECT_EQ(ReadFile(out).size(), 100u);
  EXPECT_EQ(ReadFile(rc), "3\n") << ReadFile(err);
  EXPECT_NE(ReadFile(err).find("dossier: cannot write to standard output"), std::string::npos)
      << ReadFile(err);
}

// Short records are gathered before they are written: the last of them go
// out at the end of the run, and a failure there is reported too.
TEST(CliPipeTest, FullDeviceEndsTheRunWithExitThree) {
  if (access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  TempDir dir;
  dir.Write("in/short.txt", "Two mortar rounds hit the market in Kessin on Monday.\n");
  const std::string err = dir.path() + "/err";
  const std::string cmd = Quote(DOSSIER_BINARY) + " extract " + Quote(dir.path() + "/in") +
                          " >/dev/full 2>" + Quote(err);
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << ReadFile(err);
  EXPECT_NE(ReadFile(err).find("dossier: cannot write to standard output: No space left"),
            std::string::npos)
      << ReadFile(err);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// A team-written wire paragraph through the whole entity stack: ingest, then
// export of the entity rows as JSON Lines, CSV and GeoJSON.
TEST(CliEntitiesTest, IngestedEntitiesExportAsJsonlCsvAndGeojson) {
  testing::TempDir dir;
  const std::string art = dir.Write(
      "wire.txt",
      "Coalition jets struck positions near Deir El-Zour on Tuesday, killing at least 12 "
      "Syrian soldiers, the Syrian Observatory for Human Rights said.\n\nColonel John "
      "Dorrian declined to comment. Dorrian said the strikes targeted ISIS.\n");
  const std::string db = dir.path() + "/e.db";
  const RunResult in = RunDossier("ingest -q --published 2017-01-24 --db " + Quote(db) +
                                  " " + Quote(art));
  ASSERT_EQ(in.exit_code, 0) << in.err;
  const RunResult j = RunDossier("export --what entities --format jsonl --db " + Quote(db));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto rows = testing::ParseJsonLines(j.out);
  std::map<std::string, nlohmann::json> by_text;
  for (const auto& r : rows) by_text[r["text"].get<std::string>()] = r;
  ASSERT_TRUE(by_text.count("Deir El-Zour")) << j.out;
  EXPECT_EQ(by_text["Deir El-Zour"]["kind"], "place");
  EXPECT_EQ(by_text["Deir El-Zour"]["ref"], "geonames:170794");
  EXPECT_NEAR(by_text["Deir El-Zour"]["lat"].get<double>(), 35.336, 0.01);
  ASSERT_TRUE(by_text.count("Tuesday"));
  EXPECT_EQ(by_text["Tuesday"]["date_value"], "2017-01-24");
  ASSERT_TRUE(by_text.count("at least 12"));
  EXPECT_EQ(by_text["at least 12"]["role"], "killed");
  EXPECT_EQ(by_text["at least 12"]["qualifier"], "at_least");
  EXPECT_TRUE(by_text["at least 12"]["quantity_high"].is_null());
  ASSERT_TRUE(by_text.count("Syrian soldiers"));
  EXPECT_EQ(by_text["Syrian soldiers"]["actor_country"], "SY");
  EXPECT_EQ(by_text["Syrian soldiers"]["actor_sector"], "MIL");
  ASSERT_TRUE(by_text.count("John Dorrian"));
  ASSERT_TRUE(by_text.count("Dorrian"));
  EXPECT_EQ(by_text["Dorrian"]["ref"], by_text["John Dorrian"]["ref"]);
  ASSERT_TRUE(by_text.count("ISIS"));
  EXPECT_EQ(by_text["ISIS"]["actor_group"], "ISIS");

  const RunResult st = RunDossier("stats --json --db " + Quote(db));
  ASSERT_EQ(st.exit_code, 0) << st.err;
  auto stats = nlohmann::json::parse(st.out);
  EXPECT_EQ(stats["entities_by_kind"]["place"].get<int>(),
            static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const nlohmann::json& r) {
              return r["kind"] == "place";
            })));
  EXPECT_EQ(stats["top_places"]["Deir ez-Zor"], 1);

  const RunResult c = RunDossier("export --what entities --format csv --db " + Quote(db));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("document_id,mention_id,kind,text,start,end,", 0), 0u);
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), static_cast<long>(rows.size() + 1));

  const RunResult g =
      RunDossier("export --what entities --format geojson --db " + Quote(db));
  ASSERT_EQ(g.exit_code, 0) << g.err;
  auto fc = nlohmann::json::parse(g.out);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  ASSERT_GE(fc["features"].size(), 1u);
  for (const auto& f : fc["features"]) EXPECT_EQ(f["properties"]["kind"], "place");
  EXPECT_NEAR(fc["features"][0]["geometry"]["coordinates"][0].get<double>(), 40.14, 0.01);
}

// explain names the rule behind each mention and the candidates of a place.
TEST(CliEntitiesTest, ExplainShowsRulesAndCandidates) {
  const RunResult r = RunDossier(
      "explain 'Jets struck Deir El-Zour on Tuesday, killing 12 Syrian soldiers.' "
      "--published 2017-01-24");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("sentence 0: Jets struck"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("place    \"Deir El-Zour\" [12,24) -> geonames:170794"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("geonames-admin1:SY.07"), std::string::npos) << "a losing candidate";
  EXPECT_NE(r.out.find("rule: date:"), std::string::npos);
  EXPECT_NE(r.out.find("role=killed"), std::string::npos);
  const RunResult bad = RunDossier("explain 'One sentence.' --sentence 5");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("has 1 sentences; --sentence 5 is out of range"), std::string::npos)
      << bad.err;
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// A document with more mentions than --max-entities keeps the first ones in
// text order and says so in a diagnostic.
TEST(CliEntitiesTest, MaxEntitiesTruncatesWithADiagnostic) {
  std::string text = "Strikes were reported";
  for (int d = 1; d <= 20; ++d) text += " on " + std::to_string(d) + " March 2017,";
  text += " officials said.\n";
  const RunResult r = RunDossier("extract - --layers dates --max-entities 5", text);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto recs = testing::ParseJsonLines(r.out);
  ASSERT_EQ(recs.size(), 1u);
  ASSERT_EQ(recs[0]["entities"].size(), 5u);
  EXPECT_EQ(recs[0]["entities"][0]["text"], "1 March 2017");
  EXPECT_EQ(recs[0]["entities"][4]["text"], "5 March 2017");
  bool found = false;
  for (const auto& d : recs[0]["diagnostics"])
    if (d["code"] == "entities_truncated") {
      found = true;
      EXPECT_EQ(d["message"], "20 entity mentions; kept the first 5 (--max-entities)");
    }
  EXPECT_TRUE(found) << recs[0]["diagnostics"];
  EXPECT_EQ(RunDossier("extract - --max-entities 0", text).exit_code, 2);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// A team-written paragraph through the voice layer and the store: claims
// export as JSON Lines and CSV, stats count voice records and citations.
TEST(CliVoiceTest, IngestedClaimsExportAndStatsCountVoice) {
  testing::TempDir dir;
  const std::string art = dir.Write(
      "voice.txt",
      "Coalition jets killed 12 Syrian soldiers near Deir El-Zour on Tuesday, the Syrian "
      "Foreign Ministry said.\n\nA recent report from the UN said fighters were regrouping. "
      "The report states:\n\nFighters moved into the desert at night in small groups.\n\n"
      "It seems nobody noticed. Why?\n");
  const std::string db = dir.path() + "/v.db";
  const RunResult in = RunDossier("ingest -q --published 2017-01-24 --db " + Quote(db) +
                                  " " + Quote(art));
  ASSERT_EQ(in.exit_code, 0) << in.err;
  const RunResult j = RunDossier("export --what claims --format jsonl --db " + Quote(db));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto rows = testing::ParseJsonLines(j.out);
  ASSERT_GE(rows.size(), 1u) << j.out;
  EXPECT_EQ(rows[0]["kind"], "numeric");
  EXPECT_EQ(rows[0]["voice"], "attributed");
  EXPECT_EQ(rows[0]["source_text"], "Syrian Foreign Ministry");
  EXPECT_EQ(rows[0]["text"],
            "Coalition jets killed 12 Syrian soldiers near Deir El-Zour on Tuesday, the Syrian "
            "Foreign Ministry said.");
  ASSERT_TRUE(rows[0]["slots"].is_object());
  ASSERT_EQ(rows[0]["slots"]["quantities"].size(), 1u);
  const RunResult c = RunDossier("export --what claims --format csv --db " + Quote(db));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("document_id,seq,sentence,start,end,text,kind,checkworthy,voice,", 0), 0u)
      << c.out;
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), static_cast<long>(rows.size() + 1));
  EXPECT_EQ(RunDossier("export --what claims --format geojson --db " + Quote(db)).exit_code, 2);

  const RunResult st = RunDossier("stats --json --db " + Quote(db));
  ASSERT_EQ(st.exit_code, 0) << st.err;
  auto stats = nlohmann::json::parse(st.out);
  EXPECT_EQ(stats["voice_by_kind"]["quoted"], 1) << st.out;
  EXPECT_EQ(stats["voice_by_kind"]["hedged"], 1);
  EXPECT_EQ(stats["voice_by_kind"]["question"], 1);
  EXPECT_EQ(stats["citations_by_kind"]["report"], 1);
  EXPECT_EQ(stats["sources_by_kind"]["document"], 3);  // two sentences and the block quote
  EXPECT_EQ(stats["sources_by_kind"]["government"], 1);
  const RunResult text = RunDossier("stats --db " + Quote(db));
  EXPECT_NE(text.out.find("voice by kind:\n"), std::string::npos) << text.out;
}

// explain shows the voice decision: kind, cue, the rule behind it, source
// and content; and the citation mentioned in the sentence.
TEST(CliVoiceTest, ExplainShowsTheVoiceDecision) {
  const RunResult r = RunDossier(
      "explain 'According to the UN report, ISIS could regroup within a year.'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  voice attributed [0,61)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      cue: \"According to\" [0,12)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      rule: voice_cues.tsv:according to (according)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("      source: m2 \"report\" (document)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      content: [28,60) \"ISIS could regroup within a year\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  citation c1 report \"report\" issuer=m1 \"UN\""), std::string::npos)
      << r.out;
}

// --layers decides whether the voice layer runs; a user table overrides a
// cue (and changes the lexicon version).
TEST(CliVoiceTest, LayersAndUserCues) {
  const std::string text = "The convoy was hit at dawn, the Syrian Foreign Ministry whispered.\n";
  const RunResult all = RunDossier("extract -", text);
  ASSERT_EQ(all.exit_code, 0) << all.err;
  auto a = testing::ParseJsonLines(all.out);
  ASSERT_EQ(a.size(), 1u);
  const auto& layers = a[0]["versions"]["layers"];
  EXPECT_EQ(layers[layers.size() - 3], "voice") << layers;  // then events, markers
  ASSERT_EQ(a[0]["voice"].size(), 1u);
  EXPECT_EQ(a[0]["voice"][0]["kind"], "author");

  const RunResult none = RunDossier("extract - --layers dates,actors", text);
  auto b = testing::ParseJsonLines(none.out);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_TRUE(b[0]["voice"].empty());
  for (const auto& l : b[0]["versions"]["layers"]) EXPECT_NE(l, "voice");

  testing::TempDir dir;
  dir.Write("data/voice_cues.tsv", "phrase\tkind\tnote\nwhispered\tverb\tour test verb\n");
  const RunResult user = RunDossier("extract - --data " + Quote(dir.path() + "/data"), text);
  ASSERT_EQ(user.exit_code, 0) << user.err;
  auto c = testing::ParseJsonLines(user.out);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0]["voice"][0]["kind"], "attributed") << c[0]["voice"];
  EXPECT_EQ(c[0]["voice"][0]["cue"]["text"], "whispered");
  EXPECT_NE(c[0]["versions"]["lexicon"], a[0]["versions"]["lexicon"]);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// A team-written opinion paragraph through ingest: markers export as JSON
// Lines and CSV, stats count them per technique and voice, explain names
// the lexicon row behind each.
TEST(CliMarkersTest, IngestedMarkersExportStatsAndExplain) {
  testing::TempDir dir;
  const std::string art = dir.Write(
      "opinion.txt",
      "The so-called monitors saw nothing. The regime slaughtered its own people, and its "
      "\"moderate\" allies cheered.\n\nThe talks resumed on Monday.\n");
  const std::string db = dir.path() + "/m.db";
  const RunResult in = RunDossier("ingest -q --db " + Quote(db) + " " + Quote(art));
  ASSERT_EQ(in.exit_code, 0) << in.err;
  const RunResult j = RunDossier("export --what markers --format jsonl --db " + Quote(db));
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto rows = testing::ParseJsonLines(j.out);
  std::vector<std::string> got;
  for (const auto& r : rows)
    got.push_back(r["technique"].get<std::string>() + ":" + r["text"].get<std::string>() + ":" +
                  r["voice"].get<std::string>());
  EXPECT_EQ(got, (std::vector<std::string>{"doubt:so-called:author",
                                           "loaded_language:regime:author",
                                           "loaded_language:slaughtered:author",
                                           "scare_quotes:\"moderate\":author"}));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["start"], 4);
  EXPECT_EQ(rows[0]["end"], 13);
  EXPECT_EQ(rows[0]["rule"], "technique_constructions.tsv: so - called");
  const RunResult c = RunDossier("export --what markers --format csv --db " + Quote(db));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("document_id,seq,sentence,technique,start,end,text,voice,", 0), 0u) << c.out;
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), 5);
  EXPECT_EQ(RunDossier("export --what markers --format geojson --db " + Quote(db)).exit_code, 2);
  const RunResult st = RunDossier("stats --json --db " + Quote(db));
  ASSERT_EQ(st.exit_code, 0) << st.err;
  auto stats = nlohmann::json::parse(st.out);
  EXPECT_EQ(stats["markers_by_technique"]["loaded_language"], 2) << st.out;
  EXPECT_EQ(stats["markers_by_voice"]["author"], 4) << st.out;
  // The record carries the profile.
  const RunResult ex = RunDossier("export --what documents --format jsonl --db " + Quote(db));
  auto docs = testing::ParseJsonLines(ex.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["marker_profile"]["markers"], 4);
  EXPECT_EQ(docs[0]["marker_profile"]["author_share"], 1.0);
  EXPECT_EQ(docs[0]["marker_profile"]["techniques"]["loaded_language"]["count"], 2);
  const RunResult xp = RunDossier("explain --sentence 1 " + Quote(art));
  ASSERT_EQ(xp.exit_code, 0) << xp.err;
  EXPECT_NE(xp.out.find("marker loaded_language \"slaughtered\""), std::string::npos) << xp.out;
  EXPECT_NE(xp.out.find("rule: technique_lexicon.tsv: slaughtered"), std::string::npos) << xp.out;
  EXPECT_NE(xp.out.find("rule: scare quote: 1 word"), std::string::npos) << xp.out;
}

}  // namespace
}  // namespace dossier
