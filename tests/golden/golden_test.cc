// Golden tests are data: every input under tests/golden/cases/ is run through
// the pipeline and compared with <input>.expected.json beside it (a
// readable projection: meta, text, paragraphs and sentences as strings,
// quotes, comments, diagnostic codes, or the failure; for voice_* cases also
// voice, citations and claims, for events_* cases the events, for markers_*
// cases the markers and the marker profile, so the other cases' expectations
// stay those of the layers they test). To accept new output
// after reviewing the diff:  DOSSIER_GOLDEN_UPDATE=1 build/tests/golden_test
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "pipeline/pipeline.h"
#include "test_util.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Slice(const std::string& s, size_t cb, size_t ce) {
  // Code point slice of UTF-8 `s`.
  size_t cp = 0, b = std::string::npos, e = s.size();
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (cp == cb && b == std::string::npos) b = i;
    if (cp == ce) {
      e = i;
      break;
    }
    ++cp;
  }
  if (b == std::string::npos) return "";
  return s.substr(b, e - b);
}

json Project(const std::string& record, bool with_voice, bool with_markers, bool with_events) {
  json r = json::parse(record);
  json p;
  p["source"] = {{"format", r["source"]["format"]},
                 {"encoding", r["source"]["encoding"]},
                 {"line", r["source"]["line"]}};
  p["meta"] = r["meta"];
  const std::string text = r["text"];
  p["text"] = text;
  p["paragraphs"] = json::array();
  for (auto& s : r["paragraphs"]) p["paragraphs"].push_back(Slice(text, s[0], s[1]));
  p["sentences"] = json::array();
  for (auto& s : r["sentences"]) p["sentences"].push_back(Slice(text, s[0], s[1]));
  p["quotes"] = json::array();
  for (auto& q : r["quotes"]) {
    std::string t = Slice(text, q["start"], q["end"]);
    if (!q["balanced"].get<bool>()) t += "  [unbalanced]";
    p["quotes"].push_back(t);
  }
  p["dates"] = json::array();
  for (auto& e : r["entities"]) {
    if (e["kind"] != "date") continue;
    std::string v = e["date"]["value"];
    if (e["date"].contains("end")) v += ".." + e["date"]["end"].get<std::string>();
    p["dates"].push_back(e["text"].get<std::string>() + " -> " + v + " (" +
                         e["date"]["precision"].get<std::string>() +
                         (e["date"]["relative"].get<bool>() ? ", relative" : "") + ")");
  }
  // Every other entity on one line: kind, text, what it resolved to.
  p["entities"] = json::array();
  for (auto& e : r["entities"]) {
    if (e["kind"] == "date") continue;
    std::string line = e["kind"].get<std::string>() + " " + e["text"].get<std::string>();
    if (e.contains("ref")) line += " -> " + e["ref"].get<std::string>();
    if (e.contains("geo")) {
      char buf[96];
      std::snprintf(buf, sizeof buf, " (%.2f, %.2f) ", e["geo"]["lat"].get<double>(),
                    e["geo"]["lon"].get<double>());
      line += buf + e["geo"]["feature"].get<std::string>();
    }
    if (e.contains("actor")) {
      const json& a = e["actor"];
      line += " [";
      line += a["country"].is_null() ? "-" : a["country"].get<std::string>();
      for (auto& sct : a["sectors"]) line += " " + sct.get<std::string>();
      if (!a["group"].is_null()) line += " group=" + a["group"].get<std::string>();
      if (!a["backed_by"].is_null()) line += " backed_by=" + a["backed_by"].get<std::string>();
      line += "]";
    }
    if (e.contains("quantity")) {
      const json& q = e["quantity"];
      line += " = " + q["value"].dump() + " " + q["qualifier"].get<std::string>() + " " +
              (q["unit"].is_null() ? "-" : q["unit"].get<std::string>()) + " " +
              q["role"].get<std::string>();
    }
    p["entities"].push_back(line);
  }
  if (with_voice) {
    // One line per record: kind, the clause, cue, source, content.
    std::map<std::string, std::string> mention_text;
    for (auto& e : r["entities"]) mention_text[e["id"]] = e["text"].get<std::string>();
    auto who = [&](const json& id) {
      return id.is_null() ? std::string("-") : id.get<std::string>() + " " + mention_text[id];
    };
    p["voice"] = json::array();
    for (auto& v : r["voice"]) {
      std::string line = v["kind"].get<std::string>() + " | " + Slice(text, v["start"], v["end"]);
      if (!v["cue"].is_null()) line += " | cue: " + v["cue"]["text"].get<std::string>();
      if (!v["source"].is_null())
        line += " | source: " + who(v["source"]) + " (" + v["source_kind"].get<std::string>() + ")";
      if (!v["content"].is_null())
        line += " | content: " + Slice(text, v["content"]["start"], v["content"]["end"]);
      p["voice"].push_back(line);
    }
    p["citations"] = json::array();
    for (auto& c : r["citations"]) {
      std::string line = c["id"].get<std::string>() + " " + c["kind"].get<std::string>() +
                         " issuer: " + who(c["issuer"]);
      if (!c["title"].is_null()) line += " title: " + c["title"].get<std::string>();
      if (!c["date"].is_null()) line += " date: " + c["date"].get<std::string>();
      line += " mentions:";
      for (auto& m : c["mentions"]) line += " [" + Slice(text, m[0], m[1]) + "]";
      p["citations"].push_back(line);
    }
    p["claims"] = json::array();
    for (auto& c : r["claims"]) {
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", c["checkworthy"].get<double>());
      std::string line = c["kind"].get<std::string>() + " " + score + " " +
                         c["voice"].get<std::string>() + " source: " + who(c["source"]) + " | " +
                         Slice(text, c["start"], c["end"]);
      p["claims"].push_back(line);
    }
  }
  if (with_markers) {
    // One line per marker: technique, the span's text, voice, confidence.
    p["markers"] = json::array();
    for (auto& m : r["markers"]) {
      char conf[16];
      std::snprintf(conf, sizeof conf, "%.2f", m["confidence"].get<double>());
      const std::string span = Slice(text, m["start"], m["end"]);
      EXPECT_EQ(span, m["text"].get<std::string>());
      p["markers"].push_back(m["technique"].get<std::string>() + " | " + span + " | " +
                             m["voice"].get<std::string>() + " " + conf);
    }
    json prof = r["marker_profile"];
    json densest = json::array();
    for (auto& d : prof["densest"]) densest.push_back(Slice(text, d["start"], d["end"]));
    prof["densest"] = densest;
    p["marker_profile"] = prof;
  }
  p["comments"] = json::array();
  for (auto& c : r["comments"]) p["comments"].push_back(c["text"]);
  p["diagnostics"] = json::array();
  for (auto& d : r["diagnostics"]) p["diagnostics"].push_back(d["code"]);
  if (with_events) {
    // One line per event: id, trigger, codes, each role, casualties, voice,
    // modality and the event it repeats.
    std::map<std::string, std::string> mention_text;
    for (auto& e : r["entities"]) mention_text[e["id"]] = e["text"].get<std::string>();
    p["events"] = json::array();
    for (auto& e : r["events"]) {
      const json& t = e["type"];
      auto str = [](const json& j) { return j.is_null() ? std::string("-") : j.get<std::string>(); };
      std::string line = e["id"].get<std::string>() + " " + e["trigger"]["text"].get<std::string>() +
                         " | " + str(t["plover"]) + "/" + str(t["mode"]) + " " + str(t["cameo"]) +
                         " " + str(t["acled"]) + "/" + str(t["acled_sub"]);
      for (const char* role : {"actor", "target", "place"})
        if (!e[role].is_null())
          line += std::string(" | ") + role + ": " + e[role]["text"].get<std::string>();
      if (!e["date"].is_null()) line += " | date: " + e["date"]["value"].get<std::string>();
      for (const char* role : {"dead", "injured"})
        if (!e[role].is_null()) line += std::string(" | ") + role + ": " + e[role]["value"].dump();
      line += " | " + e["voice"].get<std::string>();
      if (!e["source"].is_null()) line += " " + mention_text[e["source"]];
      line += " | " + e["modality"].get<std::string>();
      if (!e["same_as"].is_null()) line += " | same as " + e["same_as"].get<std::string>();
      p["events"].push_back(line);
    }
  }
  return p;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> out;
  fs::path dir = fs::path(testing::TestDir()) / "golden" / "cases";
  for (auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.size() > 14 && name.substr(name.size() - 14) == ".expected.json") continue;
    if (name[0] == '.') continue;
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class GoldenTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(GoldenTest, MatchesExpectation) {
  // The CLI's search list: data/ and the build's generated tables.
  auto lex = Lexicon::Load(Lexicon::DefaultDirs(""));
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  PipelineOptions o;
  auto p = Pipeline::Create(*lex, o);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Runner runner(**p);
  json got = json::array();
  const fs::path& input = GetParam();
  Status st = runner.Run(
      {input.string()}, nullptr,
      [&](Outcome&& out) {
        if (!out.status.ok()) {
          got.push_back({{"line", out.line}, {"error", out.status.ToString()}});
        } else {
          const std::string name = input.filename().string();
          got.push_back(Project(out.record, name.rfind("voice_", 0) == 0,
                                name.rfind("markers_", 0) == 0, name.rfind("events_", 0) == 0));
        }
        return true;
      },
      nullptr);
  ASSERT_TRUE(st.ok());
  fs::path expected_path = input.string() + ".expected.json";
  std::string got_text = got.dump(2) + "\n";
  // Paths differ between machines: errors mention the path; strip it.
  std::string dir = input.parent_path().string() + "/";
  for (size_t at; (at = got_text.find(dir)) != std::string::npos;) got_text.erase(at, dir.size());
  if (std::getenv("DOSSIER_GOLDEN_UPDATE")) {
    std::ofstream(expected_path) << got_text;
    GTEST_SKIP() << "updated " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << "no " << expected_path << "; run with DOSSIER_GOLDEN_UPDATE=1 and review it";
  EXPECT_EQ(got_text, testing::ReadFile(expected_path.string())) << "for " << input;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string n = info.param.filename().string();
                           for (auto& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace dossier
