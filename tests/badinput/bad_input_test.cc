// Bad input, end to end: one directory mixing good and broken inputs goes
// through `dossier extract` and `dossier ingest` in a single run. Every broken
// input is named on stderr as `dossier: PATH[:LINE]: CODE: message`, every
// good document is still printed (or stored), stdout stays valid JSON Lines,
// and the run exits 1. All inputs are written here; the articles are our own.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "test_util.h"

namespace dossier {
namespace {

using nlohmann::json;
using testing::ParseJsonLines;
using testing::ReadFile;
using testing::RunDossier;
using testing::RunResult;
using testing::TempDir;
using namespace std::string_literals;

// The tests must see the built-in data only, whatever the caller's shell has.
const bool kNoUserData = [] { return unsetenv("DOSSIER_DATA") == 0; }();

constexpr size_t kHugeBytes = size_t{50} << 20;  // 50 MiB on one line

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

// UTF-16 with a byte-order mark, from ASCII text (one byte = one code unit).
std::string Utf16(std::string_view ascii, bool little_endian) {
  std::string out = little_endian ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
  for (char c : ascii) {
    if (little_endian) {
      out += c;
      out += '\0';
    } else {
      out += '\0';
      out += c;
    }
  }
  return out;
}

// The line of `err` that reports `where` (PATH or PATH:LINE), or "".
std::string ErrorLineFor(const std::string& err, const std::string& where) {
  const std::string prefix = "dossier: " + where + ": ";
  size_t pos = 0;
  while (pos < err.size()) {
    size_t nl = err.find('\n', pos);
    if (nl == std::string::npos) nl = err.size();
    std::string line = err.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

int CountLines(const std::string& s, const std::string& prefix) {
  int n = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) nl = s.size();
    if (s.compare(pos, prefix.size(), prefix) == 0) ++n;
    pos = nl + 1;
  }
  return n;
}

// The documents the batch must yield, in input (path, line) order.
struct Good {
  std::string file;
  int line;  // 0: whole file (source.line null)
  std::string title;
};
const std::vector<Good>& ExpectedGood() {
  static const std::vector<Good> kGood = {
      {"ctrl.txt", 0, "Evacuation of four villages"},
      {"deep.html", 0, "Deep nesting report"},
      {"latin1.txt", 0, "Shelling in Mari\u00e9 district"},
      {"malformed.html", 0, "Strike on fuel depot"},
      {"mixed.jsonl", 1, "Port reopens"},
      {"mixed.jsonl", 3, "Bridge repaired"},
      {"mixed.jsonl", 5, "Curfew lifted"},
      {"ragged.csv", 2, "Aid trucks cross"},
      {"ragged.csv", 4, "Power restored"},
      {"unterminated.csv", 2, "Airport clashes"},
      {"utf16be.txt", 0, "Aid convoy reaches the river town"},
      {"utf16le.txt", 0, "Ceasefire talks stall in Geneva"},
      {"utf8bom.txt", 0, "Water station repaired"},
  };
  return kGood;
}

// The failures the batch must report: where (file or file:line), code and a
// piece of the message.
struct Bad {
  std::string where;
  std::string code;
  std::string message;
};
const std::vector<Bad>& ExpectedBad() {
  static const std::vector<Bad> kBad = {
      {"boilerplate.txt", "invalid_input", "no article text after cleaning"},
      {"empty.txt", "invalid_input", "empty document"},
      {"huge.txt", "too_large",
       "document of " + std::to_string(kHugeBytes) + " bytes exceeds the limit of " +
           std::to_string(size_t{10} << 20) + " bytes"},
      {"junk.txt", "invalid_input", "binary data"},
      {"mixed.jsonl:2", "invalid_input", "line 2: malformed JSON"},
      {"mixed.jsonl:4", "invalid_input", "line 4: expected a JSON object, got array"},
      {"nocolumn.csv", "invalid_input", "no text column (columns: headline, body_html, day)"},
      {"notgzip.txt.gz", "invalid_input", "gzip"},
      {"png.txt", "invalid_input", "binary data"},
      {"ragged.csv:3", "invalid_input", "line 3: row has 4 fields, header has 2"},
      {"truncated.txt.gz", "invalid_input", "truncated"},
      {"unterminated.csv:3", "invalid_input", "line 3: malformed CSV: unterminated quoted field"},
      {"whitespace.txt", "invalid_input", "empty document"},
  };
  return kBad;
}

class BadInputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const TempDir& d = *dir_;
    d.Write("empty.txt", "");
    d.Write("whitespace.txt", "   \n\t\n  \r\n \n");
    {
      std::mt19937 rng(20240611);
      std::string junk(4096, '\0');
      for (char& c : junk) c = static_cast<char>(rng() & 0xFF);
      for (size_t i = 0; i < junk.size(); i += 97) junk[i] = '\0';
      d.Write("junk.txt", junk);
    }
    d.Write("png.txt", "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0"s);
    d.Write("latin1.txt",
            "Shelling in Mari\xE9 district\n\n"
            "Residents of the caf\xE9 quarter said artillery struck the market on Tuesday. "
            "The army denied the report.\n");
    d.Write("utf16le.txt",
            Utf16("Ceasefire talks stall in Geneva\n\n"
                  "Negotiators met on Monday. Both delegations blamed the other side for the "
                  "delay.\n",
                  true));
    d.Write("utf16be.txt",
            Utf16("Aid convoy reaches the river town\n\n"
                  "Twelve trucks of flour and medicine arrived after a three-day wait at the "
                  "checkpoint.\n",
                  false));
    d.Write("utf8bom.txt",
            "\xEF\xBB\xBFWater station repaired\n\n"
            "Engineers restored the pumping station that supplies the eastern districts.\n");
    {
      std::string body = "Convoy attacked near the crossing\n\n";
      for (int i = 0; i < 200; ++i)
        body += "A relief convoy was hit near the border crossing, witness " +
                std::to_string(i) + " said. ";
      std::string gz = Gzip(body);
      d.Write("truncated.txt.gz", gz.substr(0, gz.size() / 2));
    }
    d.Write("notgzip.txt.gz", "this is not gzip data at all, just words\n");
    d.Write("malformed.html",
            "<html><head><title>Strike on fuel depot</title></head><body><div>"
            "<p>Witnesses said a fuel depot burned for hours after the strike."
            "<p>Officials gave no casualty figures.</div></div></span>"
            "<b>unclosed bold <i>italic</body>");
    {
      std::string deep = "<html><head><title>Deep nesting report</title></head><body>";
      for (int i = 0; i < 10000; ++i) deep += "<div>";
      deep += "<p>Monitors counted twelve shells landing near the river on Friday.</p>";
      for (int i = 0; i < 10000; ++i) deep += "</div>";
      deep += "</body></html>";
      d.Write("deep.html", deep);
    }
    d.Write("mixed.jsonl",
            "{\"title\":\"Port reopens\",\"text\":\"The port reopened after a week of closures "
            "caused by shelling.\"}\n"
            "{\"title\": broken, \"text\": \"never mind\"\n"
            "{\"title\":\"Bridge repaired\",\"text\":\"Engineers repaired the bridge that was "
            "damaged in March.\"}\n"
            "[\"an\", \"array\", \"not an object\"]\n"
            "{\"title\":\"Curfew lifted\",\"text\":\"Authorities lifted the night curfew in the "
            "eastern districts.\"}\n");
    d.Write("unterminated.csv",
            "title,text\n"
            "Airport clashes,\"Clashes were reported near the airport on Sunday.\"\n"
            "Second report,\"The statement said the clashes ended\n");
    d.Write("ragged.csv",
            "title,text\n"
            "Aid trucks cross,\"Aid trucks crossed the border at dawn.\"\n"
            "Medical teams,\"Medical teams reached the town.\",extra,more\n"
            "Power restored,\"Power was restored to the hospital.\"\n");
    d.Write("nocolumn.csv", "headline,body_html,day\nDrone strike,<p>A drone hit a depot.</p>,2021-03-04\n");
    d.Write("ctrl.txt",
            "Evacuation of four villages\n\n"
            "The mission\0 said\x07 that\x1b four\x0b villages\x0c were\x01 evacuated.\r\n"
            "A second line\tfollows\x7f here.\n"s);
    d.Write("boilerplate.txt", "Note to readers: please click the share buttons above\n");
    {
      const std::string s = "Artillery fire was reported near the northern checkpoint overnight. ";
      std::string huge;
      huge.reserve(kHugeBytes);
      while (huge.size() + s.size() <= kHugeBytes) huge += s;
      huge.append(kHugeBytes - huge.size(), '.');
      d.Write("huge.txt", huge);
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string Dir() { return dir_->path(); }
  static std::string P(const std::string& name) { return Dir() + "/" + name; }

  // Checks stderr names every bad input with its code and message.
  static void ExpectFailuresReported(const std::string& err) {
    for (const Bad& b : ExpectedBad()) {
      const std::string line = ErrorLineFor(err, P(b.where));
      ASSERT_FALSE(line.empty()) << "no error line for " << b.where << " in:\n" << err;
      const std::string head = "dossier: " + P(b.where) + ": " + b.code + ": ";
      EXPECT_EQ(line.substr(0, head.size()), head) << line;
      EXPECT_NE(line.find(b.message, head.size()), std::string::npos)
          << b.where << ": expected \"" << b.message << "\" in: " << line;
    }
    // Nothing else failed, and no good input was reported.
    EXPECT_EQ(CountLines(err, "dossier: "), static_cast<int>(ExpectedBad().size())) << err;
    for (const Good& g : ExpectedGood()) {
      const std::string where = g.line ? g.file + ":" + std::to_string(g.line) : g.file;
      EXPECT_EQ(ErrorLineFor(err, P(where)), "") << where << " should have succeeded";
    }
  }

  static TempDir* dir_;
};
TempDir* BadInputTest::dir_ = nullptr;

TEST_F(BadInputTest, ExtractReportsEveryBadInputAndPrintsEveryGoodOne) {
  const RunResult r = RunDossier("extract '" + Dir() + "' --max-doc-mb 10");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  ExpectFailuresReported(r.err);
  EXPECT_NE(r.err.find("extract: " + std::to_string(ExpectedGood().size()) + " documents, " +
                       std::to_string(ExpectedBad().size()) + " failed"),
            std::string::npos)
      << r.err;

  const std::vector<json> recs = ParseJsonLines(r.out);
  ASSERT_EQ(recs.size(), ExpectedGood().size()) << r.out.substr(0, 2000);
  std::map<std::string, const json*> by_file;
  for (size_t i = 0; i < recs.size(); ++i) {
    const json& rec = recs[i];
    const Good& g = ExpectedGood()[i];
    SCOPED_TRACE(g.file + ":" + std::to_string(g.line));
    EXPECT_EQ(rec["schema"], "dossier/1");
    EXPECT_EQ(rec["source"]["path"], P(g.file));
    if (g.line) {
      EXPECT_EQ(rec["source"]["line"], g.line);
    } else {
      EXPECT_TRUE(rec["source"]["line"].is_null());
    }
    EXPECT_EQ(rec["meta"]["title"], g.title);
    const std::string text = rec["text"];
    EXPECT_FALSE(text.empty());
    EXPECT_FALSE(rec["sentences"].empty());
    if (!g.line) by_file[g.file] = &rec;
  }

  // Encodings.
  const json& latin1 = *by_file.at("latin1.txt");
  EXPECT_EQ(latin1["source"]["encoding"], "windows-1252");
  EXPECT_NE(latin1["text"].get<std::string>().find("caf\u00e9 quarter"), std::string::npos);
  ASSERT_FALSE(latin1["diagnostics"].empty());
  EXPECT_EQ(latin1["diagnostics"][0]["code"], "encoding_fallback");
  EXPECT_EQ(by_file.at("utf16le.txt")->at("source")["encoding"], "utf-16le");
  EXPECT_EQ(by_file.at("utf16le.txt")->at("text"),
            "Negotiators met on Monday. Both delegations blamed the other side for the delay.");
  EXPECT_EQ(by_file.at("utf16be.txt")->at("source")["encoding"], "utf-16be");
  EXPECT_EQ(by_file.at("utf16be.txt")->at("text"),
            "Twelve trucks of flour and medicine arrived after a three-day wait at the "
            "checkpoint.");
  const json& bom = *by_file.at("utf8bom.txt");
  EXPECT_EQ(bom["source"]["encoding"], "utf-8-bom");
  EXPECT_EQ(bom["text"],
            "Engineers restored the pumping station that supplies the eastern districts.");
  EXPECT_EQ(r.out.find("\xEF\xBB\xBF"), std::string::npos) << "a BOM leaked into the output";
  EXPECT_EQ(r.out.find("\\ufeff"), std::string::npos) << "a BOM leaked into the output";

  // Malformed and absurdly deep HTML still give their text.
  EXPECT_NE(by_file.at("malformed.html")->at("text").get<std::string>().find(
                "Witnesses said a fuel depot burned for hours after the strike."),
            std::string::npos);
  EXPECT_NE(by_file.at("malformed.html")->at("text").get<std::string>().find(
                "Officials gave no casualty figures."),
            std::string::npos);
  const json& deep = *by_file.at("deep.html");
  EXPECT_EQ(deep["text"], "Monitors counted twelve shells landing near the river on Friday.");
  bool depth_warning = false;
  for (const json& d : deep["diagnostics"])
    if (d["level"] == "warning" &&
        d["code"].get<std::string>().find("deep") != std::string::npos)
      depth_warning = true;
  // docs/schema.md names this diagnostic html_depth_limit; the cleaner emits
  // html_too_deep. Either way it is a warning about the nesting depth.
  if (!depth_warning)
    for (const json& d : deep["diagnostics"])
      if (d["level"] == "warning" && d["code"] == "html_depth_limit") depth_warning = true;
  EXPECT_TRUE(depth_warning) << deep["diagnostics"].dump();

  // Control characters and NULs are gone; only \n separates lines.
  const std::string ctrl = by_file.at("ctrl.txt")->at("text");
  for (unsigned char c : ctrl)
    EXPECT_TRUE(c == '\n' || (c >= 0x20 && c != 0x7F)) << "control byte " << int(c) << " in "
                                                        << json(ctrl).dump();
  EXPECT_NE(ctrl.find("The mission said that four villages were evacuated."), std::string::npos)
      << json(ctrl).dump();
  EXPECT_NE(ctrl.find("A second line follows here."), std::string::npos) << json(ctrl).dump();
}

TEST_F(BadInputTest, FiftyMegabyteLineIsProcessedUnderTheDefaultLimit) {
  const RunResult r = RunDossier("extract -q '" + P("huge.txt") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::vector<json> recs = ParseJsonLines(r.out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0]["source"]["path"], P("huge.txt"));
  const std::string text = recs[0]["text"];
  EXPECT_GT(text.size(), kHugeBytes - 1024);
  EXPECT_EQ(text.rfind("Artillery fire was reported near the northern checkpoint overnight.", 0),
            0u);
  EXPECT_GT(recs[0]["sentences"].size(), 1000u);
}

TEST_F(BadInputTest, IngestStoresGoodDocumentsRecordsFailuresAndResumes) {
  TempDir db_dir;
  const std::string db = db_dir.path() + "/batch.db";
  const std::string n_good = std::to_string(ExpectedGood().size());
  const std::string n_bad = std::to_string(ExpectedBad().size());

  const RunResult first = RunDossier("ingest '" + Dir() + "' --max-doc-mb 10 --db '" + db + "'");
  EXPECT_EQ(first.exit_code, 1) << first.err;
  ExpectFailuresReported(first.err);
  EXPECT_NE(first.err.find("ingest: " + n_good + " added, 0 new versions, 0 unchanged, "
                           "0 duplicates, 0 already stored, " + n_bad + " failed"),
            std::string::npos)
      << first.err;

  const RunResult stats1 = RunDossier("stats --json --db '" + db + "'");
  ASSERT_EQ(stats1.exit_code, 0) << stats1.err;
  const json s1 = json::parse(stats1.out);
  EXPECT_EQ(s1["documents"], ExpectedGood().size());
  EXPECT_EQ(s1["sources"], ExpectedGood().size());
  EXPECT_EQ(s1["versions"], ExpectedGood().size());
  EXPECT_EQ(s1["failures"], ExpectedBad().size());

  // The stored records are the good documents.
  const RunResult exported = RunDossier("export --what documents --format jsonl --db '" + db + "'");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::multiset<std::string> titles, expected_titles;
  for (const json& rec : ParseJsonLines(exported.out)) titles.insert(rec["meta"]["title"]);
  for (const Good& g : ExpectedGood()) expected_titles.insert(g.title);
  EXPECT_EQ(titles, expected_titles);

  // A second run adds nothing; the failures are reported again but the store
  // does not change.
  const RunResult second = RunDossier("ingest '" + Dir() + "' --max-doc-mb 10 --db '" + db + "'");
  EXPECT_EQ(second.exit_code, 1) << second.err;
  ExpectFailuresReported(second.err);
  EXPECT_NE(second.err.find("ingest: 0 added, 0 new versions, 0 unchanged, 0 duplicates, " +
                            n_good + " already stored, " + n_bad + " failed"),
            std::string::npos)
      << second.err;
  const RunResult stats2 = RunDossier("stats --json --db '" + db + "'");
  ASSERT_EQ(stats2.exit_code, 0) << stats2.err;
  EXPECT_EQ(stats2.out, stats1.out);
}

}  // namespace
}  // namespace dossier
