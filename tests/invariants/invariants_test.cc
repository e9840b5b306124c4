// The invariant suite: every test input and every example goes through the
// pipeline, and what every record must satisfy is checked: spans in bounds,
// ordered and nested, raw spans inside the raw input, copied characters
// identical to the raw input, output identical run to run and across --jobs.
#include <gtest/gtest.h>

#include <filesystem>
#include <cmath>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "dossier/utf8.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> Inputs() {
  std::vector<std::string> out;
  for (const char* dir : {"tests/golden/cases", "examples"}) {
    fs::path d = fs::path(DOSSIER_SOURCE_DIR) / dir;
    for (auto& e : fs::recursive_directory_iterator(d)) {
      std::string n = e.path().filename().string();
      if (!e.is_regular_file() || n.find(".expected.json") != std::string::npos) continue;
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct RunResultSet {
  std::vector<std::string> records;
  std::vector<Document> docs;
  std::vector<std::string> failures;
};

RunResultSet RunAll(int jobs) {
  // As the CLI loads it: data/ plus the generated countries table, so every
  // annotator runs with its full knowledge.
  auto lex = Lexicon::Load(Lexicon::DefaultDirs(""));
  EXPECT_TRUE(lex.ok());
  PipelineOptions o;
  o.jobs = jobs;
  o.tokens = true;
  auto p = Pipeline::Create(*lex, o);
  EXPECT_TRUE(p.ok());
  RunResultSet r;
  Runner runner(**p);
  Status st = runner.Run(
      Inputs(), nullptr,
      [&](Outcome&& out) {
        if (!out.status.ok()) {
          r.failures.push_back(out.path + ":" + std::to_string(out.line) + " " +
                               out.status.ToString());
        } else {
          r.records.push_back(out.record);
          r.docs.push_back(std::move(*out.doc));
        }
        return true;
      },
      nullptr);
  EXPECT_TRUE(st.ok());
  return r;
}

TEST(InvariantsTest, EveryRecordIsWellFormed) {
  RunResultSet r = RunAll(1);
  ASSERT_GT(r.records.size(), 15u);
  for (size_t k = 0; k < r.records.size(); ++k) {
    const Document& d = r.docs[k];
    SCOPED_TRACE(d.path + ":" + std::to_string(d.line));
    json j = json::parse(r.records[k]);
    // A document in another language has no events or markers (those
    // layers' rules are English): layers_skipped_language.
    bool english = true;
    for (const auto& d : j["diagnostics"]) english = english && d["code"] != "layers_skipped_language";
    for (const char* key : {"schema", "id", "source", "meta", "text", "paragraphs", "sentences",
                            "comments", "entities", "voice", "citations", "events", "claims",
                            "markers", "diagnostics", "versions"})
      EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["schema"], "dossier/1");
    const std::string text = j["text"];
    EXPECT_TRUE(utf8::IsValid(text));
    int64_t n = static_cast<int64_t>(utf8::CountCodepoints(text));
    int64_t raw_n = static_cast<int64_t>(utf8::CountCodepoints(*d.raw));
    // Paragraphs and sentences: in bounds, ordered, non-overlapping, and
    // every sentence inside one paragraph.
    int64_t prev = 0;
    for (auto& p : j["paragraphs"]) {
      EXPECT_LE(prev, p[0].get<int64_t>());
      EXPECT_LT(p[0].get<int64_t>(), p[1].get<int64_t>());
      EXPECT_LE(p[1].get<int64_t>(), n);
      prev = p[1];
    }
    prev = 0;
    size_t pi = 0;
    auto& paras = j["paragraphs"];
    for (auto& s : j["sentences"]) {
      EXPECT_LE(prev, s[0].get<int64_t>());
      EXPECT_LT(s[0].get<int64_t>(), s[1].get<int64_t>());
      prev = s[1];
      while (pi < paras.size() && paras[pi][1].get<int64_t>() <= s[0].get<int64_t>()) ++pi;
      ASSERT_LT(pi, paras.size());
      EXPECT_GE(s[0].get<int64_t>(), paras[pi][0].get<int64_t>());
      EXPECT_LE(s[1].get<int64_t>(), paras[pi][1].get<int64_t>());
    }
    EXPECT_EQ(j["sentences_raw"].size(), j["sentences"].size());
    for (auto& s : j["sentences_raw"]) {
      EXPECT_LE(s[0].get<int64_t>(), s[1].get<int64_t>());
      EXPECT_LE(s[1].get<int64_t>(), raw_n);
    }
    for (auto& c : j["comments"]) EXPECT_LE(c["raw"][1].get<int64_t>(), raw_n);
    // Entities: ids unique, spans inside their sentence, text equals the span.
    std::set<std::string> ids;
    for (auto& e : j["entities"]) {
      EXPECT_TRUE(ids.insert(e["id"].get<std::string>()).second) << e["id"];
      int64_t s = e["start"], en = e["end"];
      EXPECT_LT(s, en);
      EXPECT_LE(en, n);
      int si = e["sentence"];
      ASSERT_GE(si, 0);
      ASSERT_LT(static_cast<size_t>(si), j["sentences"].size());
      EXPECT_GE(s, j["sentences"][si][0].get<int64_t>());
      EXPECT_LE(en, j["sentences"][si][1].get<int64_t>());
      EXPECT_LE(e["raw"][1].get<int64_t>(), raw_n);
      // Resolved values are sane: places on the globe, quantity bounds
      // around the value, actors with a sector or a country.
      if (e["kind"] == "place") {
        ASSERT_TRUE(e.contains("geo")) << e;
        EXPECT_LE(std::abs(e["geo"]["lat"].get<double>()), 90.0) << e;
        EXPECT_LE(std::abs(e["geo"]["lon"].get<double>()), 180.0) << e;
      }
      if (e["kind"] == "quantity") {
        const auto& q = e["quantity"];
        if (!q["low"].is_null()) {
          EXPECT_LE(q["low"].get<double>(), q["value"].get<double>()) << e;
        }
        if (!q["high"].is_null()) {
          EXPECT_GE(q["high"].get<double>(), q["value"].get<double>()) << e;
        }
      }
    }
    // Entities are in text order and never overlap.
    for (size_t k = 1; k < j["entities"].size(); ++k)
      EXPECT_LE(j["entities"][k - 1]["end"].get<int64_t>(), j["entities"][k]["start"].get<int64_t>())
          << j["entities"][k - 1] << " / " << j["entities"][k];
    // Voice: every sentence covered by its records, in order, gaps only
    // whitespace; spans, cues and contents inside the text; sources,
    // issuers and claim slots are ids of this record's mentions.
    {
      const auto& sents = j["sentences"];
      size_t vi = 0;
      const auto& voice = j["voice"];
      for (size_t si = 0; si < sents.size(); ++si) {
        int64_t at = sents[si][0];
        bool any = false;
        for (; vi < voice.size() && voice[vi]["sentence"].get<size_t>() == si; ++vi) {
          const auto& v = voice[vi];
          EXPECT_GE(v["start"].get<int64_t>(), at) << v;
          at = v["end"];
          any = true;
          for (const char* key : {"cue", "content"}) {
            if (v[key].is_null()) continue;
            EXPECT_LE(v[key]["start"].get<int64_t>(), v[key]["end"].get<int64_t>()) << v;
            EXPECT_LE(v[key]["end"].get<int64_t>(), n) << v;
          }
          if (!v["source"].is_null()) {
            EXPECT_TRUE(ids.count(v["source"].get<std::string>())) << v;
          }
          static const std::set<std::string> kKinds = {"author", "attributed", "quoted", "hedged",
                                                       "question"};
          EXPECT_TRUE(kKinds.count(v["kind"].get<std::string>())) << v;
        }
        EXPECT_TRUE(any) << "sentence " << si << " has no voice record";
        EXPECT_EQ(at, sents[si][1].get<int64_t>()) << "sentence " << si;
      }
      EXPECT_EQ(vi, voice.size()) << "voice records out of sentence order";
      for (const auto& c : j["citations"]) {
        EXPECT_FALSE(c["mentions"].empty()) << c;
        for (const auto& m : c["mentions"]) EXPECT_LE(m[1].get<int64_t>(), n) << c;
        if (!c["issuer"].is_null()) {
          EXPECT_TRUE(ids.count(c["issuer"].get<std::string>())) << c;
        }
      }
      for (const auto& c : j["claims"]) {
        EXPECT_LE(c["end"].get<int64_t>(), n) << c;
        EXPECT_GE(c["checkworthy"].get<double>(), 0.0);
        EXPECT_LE(c["checkworthy"].get<double>(), 1.0);
        for (const auto& [slot, list] : c["slots"].items())
          for (const auto& id : list) EXPECT_TRUE(ids.count(id.get<std::string>())) << c;
        if (!c["source"].is_null()) {
          EXPECT_TRUE(ids.count(c["source"].get<std::string>())) << c;
        }
      }
      // Events: every role's mention exists, the trigger lies in the span and
      // the span in its sentence; same_as points back to an earlier event.
      std::set<std::string> event_ids;
      for (const auto& e : j["events"]) {
        const auto& sent = sents[e["sentence"].get<size_t>()];
        EXPECT_LE(sent[0].get<int64_t>(), e["start"].get<int64_t>()) << e;
        EXPECT_LE(e["end"].get<int64_t>(), sent[1].get<int64_t>()) << e;
        EXPECT_LE(e["start"].get<int64_t>(), e["trigger"]["start"].get<int64_t>()) << e;
        EXPECT_LE(e["trigger"]["end"].get<int64_t>(), e["end"].get<int64_t>()) << e;
        for (const char* role : {"actor", "target", "place", "date", "dead", "injured"}) {
          if (!e[role].is_null()) {
            EXPECT_TRUE(ids.count(e[role]["mention"].get<std::string>())) << e;
          }
        }
        if (!e["source"].is_null()) {
          EXPECT_TRUE(ids.count(e["source"].get<std::string>())) << e;
        }
        if (!e["same_as"].is_null()) {
          EXPECT_TRUE(event_ids.count(e["same_as"].get<std::string>())) << e;
        }
        event_ids.insert(e["id"].get<std::string>());
      }
    }
    // Markers: a technique of ontology.md, a span inside the text whose text
    // is the slice, a voice kind, a source among the mentions, confidence in
    // (0, 1], in text order, no overlap within one technique; the profile's
    // counts add up to the markers.
    {
      static const std::set<std::string> kTechniques = {
          "loaded_language", "name_calling", "repetition", "doubt", "exaggeration_minimisation",
          "appeal_to_fear", "flag_waving", "causal_oversimplification", "appeal_to_authority",
          "slogans", "whataboutism_straw_man_red_herring", "black_and_white_fallacy",
          "thought_terminating_cliche", "bandwagon_reductio_ad_hitlerum", "scare_quotes"};
      static const std::set<std::string> kVoices = {"author", "attributed", "quoted", "hedged",
                                                    "question"};
      std::map<std::string, int64_t> last_end;
      int64_t prev_start = 0;
      for (const auto& m : j["markers"]) {
        const std::string t = m["technique"];
        EXPECT_TRUE(kTechniques.count(t)) << m;
        EXPECT_TRUE(kVoices.count(m["voice"].get<std::string>())) << m;
        const int64_t b = m["start"], e = m["end"];
        EXPECT_LT(b, e) << m;
        EXPECT_LE(e, n) << m;
        EXPECT_GE(b, prev_start) << m;
        prev_start = b;
        if (last_end.count(t)) { EXPECT_GE(b, last_end[t]) << m; }
        last_end[t] = e;
        EXPECT_GT(m["confidence"].get<double>(), 0.0) << m;
        EXPECT_LE(m["confidence"].get<double>(), 1.0) << m;
        if (!m["source"].is_null()) { EXPECT_TRUE(ids.count(m["source"].get<std::string>())) << m; }
        EXPECT_FALSE(m["rule"].get<std::string>().empty()) << m;
      }
      const auto& prof = j["marker_profile"];
      if (!english) {
        EXPECT_TRUE(prof.is_null()) << prof;
        EXPECT_TRUE(j["markers"].empty());
      } else {
        ASSERT_TRUE(prof.is_object());
        EXPECT_EQ(prof["markers"].get<size_t>(), j["markers"].size());
        int64_t sum = 0;
        for (const auto& [t, c] : prof["techniques"].items()) {
          EXPECT_TRUE(kTechniques.count(t)) << t;
          sum += c["count"].get<int64_t>();
        }
        EXPECT_EQ(sum, static_cast<int64_t>(j["markers"].size()));
        EXPECT_GE(prof["author_share"].get<double>(), 0.0);
        EXPECT_LE(prof["author_share"].get<double>(), 1.0);
        EXPECT_LE(prof["densest"].size(), 3u);
        for (const auto& ps : prof["densest"]) EXPECT_LE(ps["end"].get<int64_t>(), n) << ps;
      }
    }
    for (const auto& m : d.mentions)
      EXPECT_EQ(std::string_view(d.text).substr(m.span.begin, m.span.end - m.span.begin).size(),
                m.span.end - m.span.begin);
    // Copied characters are the raw characters.
    for (const auto& piece : d.raw_map.pieces()) {
      ASSERT_LE(piece.in_end, d.raw->size());
      ASSERT_LE(piece.out_end, d.text.size());
      if (piece.copy) {
        EXPECT_EQ(d.text.substr(piece.out_begin, piece.out_end - piece.out_begin),
                  d.raw->substr(piece.in_begin, piece.in_end - piece.in_begin));
      }
    }
    // Raw spans start at a character boundary of the raw input.
    for (const auto& s : d.sentences) {
      size_t b = d.raw_map.MapBegin(s.begin);
      ASSERT_LE(b, d.raw->size());
      if (b < d.raw->size()) {
        EXPECT_NE(static_cast<unsigned char>((*d.raw)[b]) & 0xC0, 0x80);
      }
    }
    // Tokens lie inside sentences' text and quotes inside the text.
    for (const auto& t : d.tokens) EXPECT_LE(t.span.end, d.text.size());
    for (const auto& q : d.quotes) {
      EXPECT_LE(q.span.begin, q.content.begin);
      EXPECT_LE(q.content.end, q.span.end);
      EXPECT_LE(q.span.end, d.text.size());
    }
  }
}

TEST(InvariantsTest, OutputIsIdenticalRunToRunAndAcrossJobs) {
  RunResultSet a = RunAll(1);
  RunResultSet b = RunAll(1);
  RunResultSet c = RunAll(2);
  EXPECT_EQ(a.records, b.records);
  EXPECT_EQ(a.records, c.records);
  EXPECT_EQ(a.failures, c.failures);
}

}  // namespace
}  // namespace dossier
