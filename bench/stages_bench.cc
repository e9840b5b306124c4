// Per-stage throughput of the dossier pipeline (Google Benchmark).
//
// Every benchmark works on the same small synthetic corpus, generated here
// from team-written sentence templates about conflict reporting (no outside
// text is read): a headline, a byline and dateline, a wire-style lead,
// paragraphs with numbers, invented places, ranks and abbreviations (Gen.,
// Lt. Col., U.S., Jan.), straight and curly quotations, occasional Markdown
// links, and page furniture at the end (a share prompt, a "Read also" line, a
// copyright line). The same articles are also rendered as HTML pages (with
// navigation, related links, comments and scripts around the article) and
// transcoded to Windows-1252.
//
// Bytes per second is reported over each stage's input: raw bytes for
// decoding, normalising, cleaning and the whole pipeline; the cleaned
// document text for segmentation and rendering; the 2 KiB sample for
// language identification. "docs" is documents per
// second. bench/README.md explains how to read the table.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clean/cleaner.h"
#include "clean/html_extract.h"
#include "dossier/content_id.h"
#include "dossier/document.h"
#include "dossier/lexicon.h"
#include "dossier/offset_map.h"
#include "ingest/decode.h"
#include "pipeline/pipeline.h"
#include "pipeline/registry.h"
#include "segment/segmenter.h"

#ifndef DOSSIER_SOURCE_DIR
#error "DOSSIER_SOURCE_DIR must name the source tree (bench/CMakeLists.txt sets it)"
#endif

namespace {

using namespace dossier;

// ---------------------------------------------------------------------------
// Synthetic articles.

// splitmix64: small, fast and the same on every platform, so the corpus (and
// therefore the figures) does not depend on the standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Int(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) { return items[Next() % N]; }
  bool Chance(int percent) { return Int(1, 100) <= percent; }

 private:
  uint64_t s_;
};

// Invented places, people and organisations: the articles describe no real
// event.
constexpr const char* kPlaces[] = {
    "Varnitsa", "Kessin",   "Dolmar",    "Tarbek",      "Sarel",      "Halvany",
    "Mireth",   "Oskoryn",  "Port Ardin", "Kharuv",     "Nemira",     "Abrin",
    "Zelin",    "Belgora",  "Lusk",      "Eastern Terrace", "Old Dorrel", "Vasko"};
constexpr const char* kFirst[] = {"Amira", "Daniel", "Olena", "Tomás", "Samir",  "Irina",
                                  "Joseph", "Leyla", "Marko", "Hana",  "Pavel",  "Nadia",
                                  "Chidi",  "Ingrid", "Rafael", "Zeynep"};
constexpr const char* kLast[] = {"Haddad", "Kovalenko", "Mensah", "Ortega",  "Petrov",
                                 "Rahimi", "Novak",     "Karimi", "Lindqvist", "Osei",
                                 "Demir",  "Farouk",    "Brennan", "Okafor", "Sørensen"};
constexpr const char* kRanks[] = {"Gen.", "Lt. Col.", "Maj.", "Capt.", "Col.", "Brig. Gen.", "Sgt."};
constexpr const char* kOrgs[] = {
    "the Regional Monitoring Mission",     "the International Medical Relief Network",
    "the Civil Defence Directorate",       "the Independent Casualty Register",
    "the Open Witness Lab",                "the Northern Red Crescent branch",
    "the U.N. refugee agency",             "the Coalition for Safe Corridors"};
constexpr const char* kMonthAbbr[] = {"Jan.", "Feb.", "March", "April", "May",  "June",
                                      "July", "Aug.", "Sept.", "Oct.",  "Nov.", "Dec."};
constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
constexpr const char* kOutlets[] = {"The Frontline Ledger", "Valley Courier", "Eastern Wire Service",
                                    "The Checkpoint Review"};
constexpr const char* kStatements[] = {
    "We have not been able to reach the eastern districts since Tuesday",
    "There is no safe road out of the city",
    "Our teams are working without electricity and without rest",
    "Every night we hear the artillery getting closer",
    "We will not comment on operational matters",
    "The numbers we have are certainly an undercount",
    "The corridor was open for two hours and then the shelling started again",
    "We buried eleven people this week, and four of them were children"};
constexpr const char* kQuestions[] = {"Who will rebuild the houses that are gone",
                                      "Where are we supposed to go now",
                                      "How many more convoys will be turned back"};

// Sentence templates. Slots: {P} {P2} place, {F} first name, {L} {L2} last
// name, {R} rank, {O} organisation, {M} {M2} month as written in datelines
// (Jan., Sept., March), {MF} full month, {D} {D2} day, {WD} weekday, {N} {N2}
// small number, {NN} large number, {Y} year, {Q} statement, {QQ} question.
constexpr const char* kSentences[] = {
    "Shelling near {P} killed at least {N} civilians on {M} {D}, according to the regional health office.",
    "{R} {F} {L}, who commands the {N}th Brigade, told reporters that the unit had pulled back {N2} kilometres to the east.",
    "“{Q},” said {F} {L}, a spokesperson for {O}.",
    "The U.S. State Department said it was “deeply concerned” by the reports from {P} and called for an independent inquiry.",
    "Aid convoys carrying {NN} tonnes of flour reached {P} on {M} {D} after a delay of {N} days.",
    "Satellite images reviewed by analysts at {O} show at least {N} damaged buildings along the road to {P2}.",
    "Officials in {P} put the number of displaced people at {NN}, though that figure could not be independently verified.",
    "In a statement released late on {WD}, the ministry denied that its forces had used cluster munitions near {P}.",
    "Residents said the power had been out since {M} {D} and that the only working clinic was treating more than {N} patients a day.",
    "{L} added that the ceasefire agreed in {MF} {Y} “exists only on paper.”",
    "The U.N. Office for the Coordination of Humanitarian Affairs said roughly {N}% of the district’s water points were not working.",
    "Neither claim could be confirmed; journalists have had limited access to {P} since early {MF}.",
    "A witness, who asked not to be named for fear of reprisals, described hearing “{N} or {N2} loud explosions” before dawn.",
    "According to Dr. {L}, the hospital in {P} has run out of anaesthetics and is relying on donations from {O}.",
    "The figures, published on {M} {D}, are higher than those given by the defence ministry, which listed {N} dead and {NN} wounded.",
    "Lt. Col. {L} said the drone strike on {WD} targeted a fuel depot, not the market, and that “{Q}.”",
    "Approx. {NN} people crossed at the {P} checkpoint last week, about {N2} times the usual number.",
    "Monitors from {O} recorded {NN} ceasefire violations between {M} {D} and {M2} {D2}.",
    "‘We are counting the dead by the names their neighbours give us,’ one volunteer in {P} told the paper.",
    "It was not clear who fired first. Both sides have accused each other of breaking the truce at least {N} times.",
    "The governor of {P}, Mr. {L}, said schools would stay closed until at least {M} {D}.",
    "Reporters visiting {P} on {WD} saw burned-out vehicles, a collapsed bridge and a queue of several hundred people waiting for water.",
    "The report cites {N} interviews with survivors, {N2} with medical staff and documents obtained by the St. {L} Institute.",
    "Prices of bread in {P} have risen by {N} per cent since Jan. 1, traders said.",
    "No. {N} Battalion was redeployed to the front near {P2}, a military source said on condition of anonymity.",
    "Gen. {L}’s office did not respond to a request for comment by the time of publication.",
    "The E.U. foreign policy chief called the attack on {P} “a grave violation of international humanitarian law.”",
    "“{QQ}?” {F} {L} asked. “Nobody in {P} can answer that.”",
    "Casualty counts are often revised; the early figures from {P} have already been corrected twice, from {N} to {N2}.",
    "At 6:40 a.m. local time on {M} {D}, sirens sounded across {P} and residents were told to go to the shelters.",
    "The full list of incidents is in [the monitors’ report](https://example.org/reports/{NN}), which {O} published on {WD}.",
    "The strike, which local officials *initially* blamed on a mine, damaged a grain store that fed about {NN} families.",
    "\"We have asked for a pause of {N} hours to evacuate the wounded,\" said {F} {L2}, who coordinates volunteers in {P}.",
    "The U.K. and Canada said on {WD} they would send {N} more mobile surgical units to the region by {M} {D2}.",
    "Mr. {L} and Ms. {L2} were detained at a checkpoint outside {P2} on {M} {D} and released {N} hours later.",
    "A ceasefire brokered in {Y} held for {N} weeks before fighting resumed near {P} and {P2}.",
};

constexpr const char* kHeadlines[] = {
    "Fighting intensifies near {P} as aid deliveries stall",
    "Residents of {P} describe weeks under shelling",
    "Ceasefire around {P} frays amid new strikes",
    "Monitors report {NN} violations along the {P} line",
    "Hospital in {P} runs short of supplies as casualties rise",
    "Evacuation corridor from {P} closes after {N} hours"};

std::string Fill(std::string_view tmpl, Rng& rng) {
  std::string out;
  out.reserve(tmpl.size() + 64);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') {
      out.push_back(tmpl[i]);
      continue;
    }
    const size_t close = tmpl.find('}', i);
    const std::string_view slot = tmpl.substr(i + 1, close - i - 1);
    i = close;
    if (slot == "P" || slot == "P2") out += rng.Pick(kPlaces);
    else if (slot == "F") out += rng.Pick(kFirst);
    else if (slot == "L" || slot == "L2") out += rng.Pick(kLast);
    else if (slot == "R") out += rng.Pick(kRanks);
    else if (slot == "O") out += rng.Pick(kOrgs);
    else if (slot == "M" || slot == "M2") out += rng.Pick(kMonthAbbr);
    else if (slot == "MF") out += rng.Pick(kMonths);
    else if (slot == "D" || slot == "D2") out += std::to_string(rng.Int(1, 28));
    else if (slot == "WD") out += rng.Pick(kWeekdays);
    else if (slot == "N" || slot == "N2") out += std::to_string(rng.Int(2, 95));
    else if (slot == "NN") out += std::to_string(rng.Int(120, 48000));
    else if (slot == "Y") out += std::to_string(rng.Int(2014, 2024));
    else if (slot == "Q") out += rng.Pick(kStatements);
    else if (slot == "QQ") out += rng.Pick(kQuestions);
    else out += slot;
  }
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

struct Article {
  std::string title, authors, outlet, date_line, iso_date;
  std::vector<std::string> paragraphs;  // lead first
  std::vector<std::string> furniture;   // lines after the article
};

// About `target_bytes` of article text.
Article MakeArticle(Rng& rng, size_t target_bytes) {
  Article a;
  a.title = Fill(rng.Pick(kHeadlines), rng);
  a.authors = std::string(rng.Pick(kFirst)) + " " + rng.Pick(kLast);
  if (rng.Chance(40)) a.authors += std::string(" and ") + rng.Pick(kFirst) + " " + rng.Pick(kLast);
  a.outlet = rng.Pick(kOutlets);
  const int month = rng.Int(1, 12), day = rng.Int(1, 28), year = rng.Int(2016, 2024);
  a.date_line = std::string(kMonths[month - 1]) + " " + std::to_string(day) + ", " + std::to_string(year);
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
  a.iso_date = iso;

  size_t bytes = 0;
  const std::string place = rng.Pick(kPlaces);
  std::string lead = Upper(place) + ", " + kMonthAbbr[month - 1] + " " + std::to_string(day) +
                     " (" + a.outlet + ") — " + Fill(rng.Pick(kSentences), rng);
  bytes += lead.size();
  a.paragraphs.push_back(std::move(lead));
  while (bytes < target_bytes) {
    std::string p;
    const int n = rng.Int(2, 5);
    for (int i = 0; i < n; ++i) {
      if (i) p += ' ';
      p += Fill(rng.Pick(kSentences), rng);
    }
    bytes += p.size();
    a.paragraphs.push_back(std::move(p));
  }
  if (rng.Chance(50)) a.furniture.push_back("Read also: " + Fill(rng.Pick(kHeadlines), rng));
  a.furniture.push_back(
      "Please click the share button above to email or forward this article to your friends.");
  a.furniture.push_back("Copyright © " + std::to_string(year) + " " + a.outlet + ". All rights reserved.");
  return a;
}

std::string AsPlainText(const Article& a) {
  std::string s = a.title + "\n\nBy " + a.authors + "\nPublished: " + a.date_line + "\n\n";
  for (const auto& p : a.paragraphs) s += p + "\n\n";
  for (const auto& f : a.furniture) s += f + "\n";
  return s;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Markdown links and emphasis of the plain text as HTML, curly apostrophes
// sometimes as character references (as many sites write them).
std::string HtmlParagraph(std::string_view text, bool entities) {
  std::string esc = HtmlEscape(text);
  std::string out;
  for (size_t i = 0; i < esc.size();) {
    if (esc[i] == '[') {
      const size_t mid = esc.find("](", i), end = mid == std::string::npos ? mid : esc.find(')', mid);
      if (end != std::string::npos) {
        out += "<a href=\"" + esc.substr(mid + 2, end - mid - 2) + "\">" + esc.substr(i + 1, mid - i - 1) + "</a>";
        i = end + 1;
        continue;
      }
    }
    if (esc[i] == '*') {
      const size_t end = esc.find('*', i + 1);
      if (end != std::string::npos) {
        out += "<em>" + esc.substr(i + 1, end - i - 1) + "</em>";
        i = end + 1;
        continue;
      }
    }
    if (entities && esc.compare(i, 3, "’") == 0) {
      out += "&rsquo;";
      i += 3;
      continue;
    }
    out.push_back(esc[i++]);
  }
  return out;
}

std::string AsHtml(const Article& a, Rng& rng) {
  const bool entities = rng.Chance(50);
  std::string s =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      HtmlEscape(a.title) + " | " + HtmlEscape(a.outlet) + "</title>\n<meta name=\"author\" content=\"" +
      HtmlEscape(a.authors) + "\">\n<meta property=\"article:published_time\" content=\"" + a.iso_date +
      "T08:00:00Z\">\n<meta property=\"og:site_name\" content=\"" + HtmlEscape(a.outlet) +
      "\">\n<style>body{font-family:serif}.nav a{margin:0 4px}</style>\n"
      "<script>window.dataLayer=window.dataLayer||[];function track(e){dataLayer.push(e)}</script>\n"
      "</head>\n<body>\n<header class=\"site-header\"><nav class=\"nav\"><a href=\"/\">Home</a> "
      "<a href=\"/world\">World</a> <a href=\"/conflict\">Conflict</a> <a href=\"/analysis\">Analysis</a> "
      "<a href=\"/about\">About</a></nav></header>\n"
      "<div class=\"cookie-banner\">We use cookies to improve your experience. <button>Accept all cookies</button></div>\n"
      "<main>\n<article>\n<h1>" +
      HtmlEscape(a.title) + "</h1>\n<div class=\"byline\">By " + HtmlEscape(a.authors) +
      "</div>\n<time datetime=\"" + a.iso_date + "\">" + a.date_line + "</time>\n";
  for (size_t i = 0; i < a.paragraphs.size(); ++i) {
    s += "<p>" + HtmlParagraph(a.paragraphs[i], entities) + "</p>\n";
    if (i == 2) {
      s += "<figure><img src=\"/img/" + std::to_string(rng.Int(1000, 9999)) +
           ".jpg\" alt=\"\"><figcaption>A street in the old town. (Photo: staff)</figcaption></figure>\n";
    }
  }
  s += "<div class=\"share-buttons\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a> <a href=\"#\">Email</a></div>\n"
       "</article>\n<aside class=\"related\"><h2>Related</h2><ul>";
  for (int i = 0; i < 4; ++i) s += "<li><a href=\"/story/" + std::to_string(rng.Int(10000, 99999)) + "\">" + HtmlEscape(Fill(rng.Pick(kHeadlines), rng)) + "</a></li>";
  s += "</ul></aside>\n</main>\n<section id=\"comments\" class=\"comments\"><h2>Comments</h2><ol class=\"comment-list\">";
  const int comments = rng.Int(0, 3);
  for (int i = 0; i < comments; ++i) {
    s += "<li class=\"comment\"><p>" + HtmlEscape(Fill(rng.Pick(kSentences), rng)) + "</p></li>";
  }
  s += "</ol></section>\n<footer class=\"site-footer\"><p>Copyright © " + a.date_line.substr(a.date_line.size() - 4) +
       " " + HtmlEscape(a.outlet) + ". All rights reserved.</p></footer>\n"
       "<script>track({event:'pageview'});</script>\n</body>\n</html>\n";
  return s;
}

// UTF-8 -> Windows-1252 for the characters the templates use; anything else
// outside ASCII becomes '?'.
std::string ToWindows1252(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len = 1;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else { len = 4; cp = c & 0x07; }
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += len;
    unsigned char b = '?';
    switch (cp) {
      case 0x2018: b = 0x91; break;
      case 0x2019: b = 0x92; break;
      case 0x201C: b = 0x93; break;
      case 0x201D: b = 0x94; break;
      case 0x2013: b = 0x96; break;
      case 0x2014: b = 0x97; break;
      default:
        if (cp >= 0xA0 && cp <= 0xFF) b = static_cast<unsigned char>(cp);  // ©, á, ø, ...
    }
    out.push_back(static_cast<char>(b));
  }
  return out;
}

RawDocument MakeRaw(std::string text, Format format, std::string path) {
  RawDocument doc;
  doc.path = std::move(path);
  doc.format = format;
  doc.encoding = "utf-8";
  doc.id = ContentId(std::string(FormatName(format)) + '\0' + text);
  doc.body = text;
  doc.body_map = OffsetMap::Identity(text.size());
  doc.body_is_html = format == Format::kHtml;
  doc.raw = std::make_shared<const std::string>(std::move(text));
  return doc;
}

// ---------------------------------------------------------------------------
// Shared state: the lexicon, the compiled pipeline and the corpus, built once.

constexpr int kArticles = 32;                // documents per benchmark iteration
constexpr size_t kArticleBytes = 10 * 1024;  // text per article (the CLI corpus uses ~10 KB too)
constexpr uint64_t kSeed = 20240611;

struct Fixture {
  std::shared_ptr<const Lexicon> lexicon;
  std::unique_ptr<Pipeline> pipeline;
  std::vector<RawDocument> text_docs, html_docs;
  std::vector<std::string> cp1252;  // Windows-1252 bytes of the plain texts
  std::vector<Document> cleaned;    // text_docs after Process (segmented)
  int64_t text_bytes = 0, html_bytes = 0, cp1252_bytes = 0, cleaned_bytes = 0;

  Fixture() {
    // The installed search list: data/ and the build's generated tables
    // (countries.tsv), as the CLI loads them.
    auto lex = Lexicon::Load(Lexicon::DefaultDirs(""));
    if (!lex.ok()) Die("lexicon: " + lex.status().ToString());
    lexicon = *lex;
    auto p = Pipeline::Create(lexicon, PipelineOptions{});
    if (!p.ok()) Die("pipeline: " + p.status().ToString());
    pipeline = std::move(p).value();

    Rng rng(kSeed);
    for (int i = 0; i < kArticles; ++i) {
      const Article a = MakeArticle(rng, kArticleBytes);
      std::string txt = AsPlainText(a);
      cp1252.push_back(ToWindows1252(txt));
      cp1252_bytes += static_cast<int64_t>(cp1252.back().size());
      text_bytes += static_cast<int64_t>(txt.size());
      text_docs.push_back(MakeRaw(std::move(txt), Format::kText, "bench/" + std::to_string(i) + ".txt"));
      std::string html = AsHtml(a, rng);
      html_bytes += static_cast<int64_t>(html.size());
      html_docs.push_back(MakeRaw(std::move(html), Format::kHtml, "bench/" + std::to_string(i) + ".html"));
    }
    for (const auto& raw : text_docs) {
      auto doc = pipeline->Process(raw);
      if (!doc.ok()) Die("process " + raw.path + ": " + doc.status().ToString());
      cleaned_bytes += static_cast<int64_t>(doc->text.size());
      cleaned.push_back(std::move(doc).value());
    }
    // The HTML pages must go through the cleaner too, or BM_CleanHtml
    // measures the failure path.
    for (const auto& raw : html_docs) {
      auto doc = pipeline->Process(raw);
      if (!doc.ok()) Die("process " + raw.path + ": " + doc.status().ToString());
    }
  }
  [[noreturn]] static void Die(const std::string& why) {
    std::fprintf(stderr, "dossier_bench: %s\n", why.c_str());
    std::exit(1);
  }
};

const Fixture& F() {
  static const Fixture* f = new Fixture();
  return *f;
}

void Finish(benchmark::State& state, int64_t bytes_per_iter, int64_t docs_per_iter) {
  state.SetBytesProcessed(state.iterations() * bytes_per_iter);
  state.counters["docs"] = benchmark::Counter(static_cast<double>(state.iterations() * docs_per_iter),
                                              benchmark::Counter::kIsRate);
}

// ---------------------------------------------------------------------------
// Benchmarks.

void BM_DecodeUtf8(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& d : f.text_docs) {
      auto r = DecodeBytes(std::string_view(*d.raw));
      benchmark::DoNotOptimize(r);
    }
  }
  Finish(state, f.text_bytes, kArticles);
}
BENCHMARK(BM_DecodeUtf8);

void BM_DecodeWindows1252(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& s : f.cp1252) {
      auto r = DecodeBytes(std::string_view(s));
      benchmark::DoNotOptimize(r);
    }
  }
  Finish(state, f.cp1252_bytes, kArticles);
}
BENCHMARK(BM_DecodeWindows1252);

void BM_NormalizeText(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& d : f.text_docs) {
      OffsetMap map;
      std::string out = NormalizeText(*d.raw, /*markup=*/true, &map);
      benchmark::DoNotOptimize(out);
      benchmark::DoNotOptimize(map);
    }
  }
  Finish(state, f.text_bytes, kArticles);
}
BENCHMARK(BM_NormalizeText);

void BM_CleanPlainText(benchmark::State& state) {
  const Fixture& f = F();
  const Cleaner& cleaner = f.pipeline->cleaner();
  for (auto _ : state) {
    for (const auto& d : f.text_docs) {
      auto doc = cleaner.Clean(d);
      benchmark::DoNotOptimize(doc);
    }
  }
  Finish(state, f.text_bytes, kArticles);
}
BENCHMARK(BM_CleanPlainText);

// Language identification (CLD2) on the first 2 KiB of each cleaned text, as
// the cleaner samples it (a part of BM_CleanPlainText).
void BM_CleanLanguageId(benchmark::State& state) {
  const Fixture& f = F();
  const size_t limit = CleanOptions{}.max_language_bytes;
  int64_t bytes = 0;
  std::vector<std::string_view> samples;
  for (const auto& d : f.cleaned) {
    size_t cut = std::min(limit, d.text.size());
    while (cut > 0 && cut < d.text.size() && (static_cast<unsigned char>(d.text[cut]) & 0xC0) == 0x80) --cut;
    samples.emplace_back(d.text.data(), cut);
    bytes += static_cast<int64_t>(cut);
  }
  for (auto _ : state) {
    for (std::string_view s : samples) {
      auto lang = DetectLanguage(s);
      benchmark::DoNotOptimize(lang);
    }
  }
  Finish(state, bytes, kArticles);
}
BENCHMARK(BM_CleanLanguageId);

// HTML main-content extraction alone (a part of BM_CleanHtml).
void BM_CleanHtmlExtractOnly(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& d : f.html_docs) {
      auto ex = ExtractHtml(d.body);
      benchmark::DoNotOptimize(ex);
    }
  }
  Finish(state, f.html_bytes, kArticles);
}
BENCHMARK(BM_CleanHtmlExtractOnly);

// The cleaner on HTML: ExtractHtml, then the same text passes as plain text.
void BM_CleanHtml(benchmark::State& state) {
  const Fixture& f = F();
  const Cleaner& cleaner = f.pipeline->cleaner();
  for (auto _ : state) {
    for (const auto& d : f.html_docs) {
      auto doc = cleaner.Clean(d);
      benchmark::DoNotOptimize(doc);
    }
  }
  Finish(state, f.html_bytes, kArticles);
}
BENCHMARK(BM_CleanHtml);

// Paragraphs and sentences, as Pipeline::Process does them.
void BM_SegmentSentences(benchmark::State& state) {
  const Fixture& f = F();
  const Segmenter& seg = f.pipeline->segmenter();
  for (auto _ : state) {
    for (const auto& d : f.cleaned) {
      auto paragraphs = seg.Paragraphs(d.text);
      auto sentences = seg.Sentences(d.text, paragraphs);
      benchmark::DoNotOptimize(sentences);
    }
  }
  Finish(state, f.cleaned_bytes, kArticles);
}
BENCHMARK(BM_SegmentSentences);

void BM_SegmentTokens(benchmark::State& state) {
  const Fixture& f = F();
  const Segmenter& seg = f.pipeline->segmenter();
  for (auto _ : state) {
    for (const auto& d : f.cleaned) {
      auto tokens = seg.Tokens(d.text);
      benchmark::DoNotOptimize(tokens);
    }
  }
  Finish(state, f.cleaned_bytes, kArticles);
}
BENCHMARK(BM_SegmentTokens);

void BM_SegmentQuotes(benchmark::State& state) {
  const Fixture& f = F();
  const Segmenter& seg = f.pipeline->segmenter();
  for (auto _ : state) {
    for (const auto& d : f.cleaned) {
      auto quotes = seg.Quotes(d.text, d.paragraphs);
      benchmark::DoNotOptimize(quotes);
    }
  }
  Finish(state, f.cleaned_bytes, kArticles);
}
BENCHMARK(BM_SegmentQuotes);

// The JSON record of docs/schema.md for an already processed document.
void BM_RenderRecord(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& d : f.cleaned) {
      std::string record = f.pipeline->Render(d);
      benchmark::DoNotOptimize(record);
    }
  }
  Finish(state, f.cleaned_bytes, kArticles);
}
BENCHMARK(BM_RenderRecord);

// Decode + Process (clean, segment) + Render of plain-text articles: what a
// worker of `dossier extract` does per document, without file I/O.
void BM_PipelineEndToEnd(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& d : f.text_docs) {
      auto decoded = DecodeBytes(std::string_view(*d.raw));
      benchmark::DoNotOptimize(decoded);
      auto doc = f.pipeline->Process(d);
      if (!doc.ok()) {
        state.SkipWithError(doc.status().ToString().c_str());
        return;
      }
      std::string record = f.pipeline->Render(*doc);
      benchmark::DoNotOptimize(record);
    }
  }
  Finish(state, f.text_bytes, kArticles);
}
BENCHMARK(BM_PipelineEndToEnd);

void BM_PipelineEndToEndHtml(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) {
    for (const auto& d : f.html_docs) {
      auto doc = f.pipeline->Process(d);
      if (!doc.ok()) {
        state.SkipWithError(doc.status().ToString().c_str());
        return;
      }
      std::string record = f.pipeline->Render(*doc);
      benchmark::DoNotOptimize(record);
    }
  }
  Finish(state, f.html_bytes, kArticles);
}
BENCHMARK(BM_PipelineEndToEndHtml);

// Each annotator of the registry alone over the segmented articles (with no
// earlier mentions): where the entity time goes.
void BM_Annotate(benchmark::State& state, const std::string& layer) {
  const Fixture& f = F();
  AnnotatorContext ctx{f.lexicon, f.pipeline->gazetteer()};
  std::unique_ptr<Annotator> a;
  for (const auto& e : AnnotatorRegistry())
    if (layer == e.name) {
      auto made = e.factory(ctx);
      if (made.ok()) a = std::move(*made);
    }
  if (!a) {
    state.SkipWithError(("layer " + layer + " cannot run (no gazetteer?)").c_str());
    return;
  }
  std::vector<Document> docs = f.cleaned;
  for (auto& d : docs) d.mentions.clear();
  for (auto _ : state) {
    for (const auto& d : docs) {
      std::vector<Mention> out;
      a->Annotate(d, &out);
      benchmark::DoNotOptimize(out);
    }
  }
  Finish(state, f.cleaned_bytes, kArticles);
}
BENCHMARK_CAPTURE(BM_Annotate, Dates, std::string("dates"));
BENCHMARK_CAPTURE(BM_Annotate, Quantities, std::string("quantities"));
BENCHMARK_CAPTURE(BM_Annotate, Actors, std::string("actors"));
BENCHMARK_CAPTURE(BM_Annotate, Places, std::string("places"));

// Each document layer (voice, events) over the articles as the entity layers left
// them. The layer rewrites its records in place; its own mentions are added
// in the first iteration, so later ones measure the steady state.
void BM_DocumentLayer(benchmark::State& state, const std::string& layer) {
  const Fixture& f = F();
  PipelineOptions o;
  for (const auto& e : AnnotatorRegistry()) o.layers.push_back(e.name);
  auto entities = Pipeline::Create(f.lexicon, o);
  AnnotatorContext ctx{f.lexicon, f.pipeline->gazetteer()};
  std::unique_ptr<DocumentLayer> l;
  // The layers registered before it (markers read voice) run once, outside
  // the measurement.
  std::vector<std::unique_ptr<DocumentLayer>> before;
  for (const auto& e : DocumentLayerRegistry()) {
    auto made = e.factory(ctx);
    if (!made.ok()) continue;
    if (layer == e.name) {
      l = std::move(*made);
      break;
    }
    before.push_back(std::move(*made));
  }
  if (!l || !entities.ok()) {
    state.SkipWithError(("layer " + layer + " cannot run").c_str());
    return;
  }
  std::vector<Document> docs;
  for (const auto& d : f.text_docs) {
    auto doc = (*entities)->Process(d);
    if (!doc.ok()) continue;
    for (const auto& b : before) b->Apply(&*doc);
    docs.push_back(std::move(*doc));
  }
  for (auto _ : state) {
    for (auto& d : docs) {
      l->Apply(&d);
      benchmark::DoNotOptimize(d.voice);
      benchmark::DoNotOptimize(d.events);
    }
  }
  Finish(state, f.cleaned_bytes, kArticles);
}
BENCHMARK_CAPTURE(BM_DocumentLayer, Voice, std::string("voice"));
BENCHMARK_CAPTURE(BM_DocumentLayer, Events, std::string("events"));
BENCHMARK_CAPTURE(BM_DocumentLayer, Markers, std::string("markers"));

// Opening the gazetteer (a memory map and header checks) and one lookup.
void BM_GazetteerOpen(benchmark::State& state) {
  for (auto _ : state) {
    auto g = Gazetteer::Open(Gazetteer::DefaultPath());
    if (!g.ok()) {
      state.SkipWithError(g.status().ToString().c_str());
      return;
    }
    std::vector<NameHit> hits;
    (*g)->LookupKey("deir zor", &hits);
    benchmark::DoNotOptimize(hits);
  }
}
BENCHMARK(BM_GazetteerOpen);

}  // namespace

BENCHMARK_MAIN();
