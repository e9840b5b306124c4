// The records that flow through the pipeline:
//   ingest  -> RawDocument  (decoded input of one article + what the container
//                            format said about it)
//   clean   -> Document     (text, meta, comments, offset map to the raw input)
//   segment -> Document     (paragraphs, sentences, tokens, quotations filled)
// Offsets in these structs are UTF-8 byte offsets; output converts them to code
// points (docs/schema.md).
#ifndef DOSSIER_DOCUMENT_H_
#define DOSSIER_DOCUMENT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dossier/box.h"
#include "dossier/offset_map.h"

namespace dossier {

enum class Format { kText, kMarkdown, kHtml, kJsonl, kCsv };
// "text", "markdown", "html", "jsonl", "csv".
const char* FormatName(Format f);

// A byte span [begin, end) in some text.
struct Span {
  uint32_t begin = 0, end = 0;
  bool operator==(const Span& o) const { return begin == o.begin && end == o.end; }
};

struct Diagnostic {
  enum class Level { kInfo, kWarning, kError };
  Level level = Level::kWarning;
  std::string code;     // machine-readable, e.g. "encoding_fallback"
  std::string message;  // human-readable, names the problem
};
const char* LevelName(Diagnostic::Level l);

// Metadata a structured container (JSONL fields, CSV columns) supplied.
struct GivenMeta {
  std::optional<std::string> id, title, url, published, outlet, language;
  std::vector<std::string> authors;
};

// One article as read from its container, before cleaning.
struct RawDocument {
  std::string path;       // file path, "-" for stdin
  int64_t line = 0;       // 1-based first line of the record (jsonl, csv); 0 otherwise
  int64_t record = 0;     // 0-based record index within the file (jsonl, csv)
  Format format = Format::kText;
  // The decoded original input as UTF-8 (BOM removed): the whole file for
  // text/markdown/html, the record (one line or CSV row) for jsonl/csv.
  // `raw` offsets in the output are code point offsets into this string.
  std::shared_ptr<const std::string> raw;
  std::string encoding;   // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"
  // The article body within `raw`: for text/markdown/html the whole of `raw`;
  // for jsonl/csv the unescaped text field with its map back into `raw`.
  std::string body;
  OffsetMap body_map;     // body bytes -> raw bytes
  // True when `body` is HTML markup to be extracted (html files, or a JSONL /
  // CSV text field that holds HTML).
  bool body_is_html = false;
  GivenMeta given;
  std::vector<Diagnostic> diagnostics;
  // Stable content id: hex of a 128-bit hash over format and raw bytes.
  std::string id;
};

struct RepublishedFrom {
  std::optional<std::string> outlet, published, url;
  bool empty() const { return !outlet && !published && !url; }
};

struct Meta {
  std::optional<std::string> title;
  std::vector<std::string> authors;
  std::optional<std::string> outlet;
  std::optional<std::string> published;  // "YYYY-MM-DD", "YYYY-MM" or "YYYY"
  std::optional<std::string> language;   // ISO 639-1 from CLD2, or given
  std::optional<std::string> url;
  RepublishedFrom republished_from;
};

// A reader comment kept out of the article text.
struct Comment {
  std::string text;
  Span raw;  // byte span in RawDocument::raw
  // Set by the pipeline for a comment long enough to tell: its language, and
  // whether it is a translation of the article (the same places, actors,
  // people, numbers and dates in another language; src/corpus).
  std::optional<std::string> language;
  bool translation = false;
  double similarity = 0;  // weighted share of the comment's entity features the article has
  std::string evidence;   // "entity fingerprint: 12 shared (...)"
};

struct Token {
  Span span;
  enum class Kind : uint8_t { kWord, kNumber, kPunct, kSymbol } kind = Kind::kWord;
};

// A quotation: the span including its marks and the content inside them.
struct Quote {
  Span span, content;
  bool balanced = true;  // false if the closing mark was never found
};

// The normalised value of a date mention (contract: entities[].date).
struct DateValue {
  std::string value;      // "2016-09-17", "2016-09" or "2016"
  std::string value_end;  // end of a range, "" if the mention is one date
  std::string precision;  // "day", "month" or "year"
  bool relative = false;  // resolved against `anchor`
  std::string anchor;     // the published date used, when relative
  std::string rule;       // the rule that fired (for explain)
};

// Where a place mention is (contract: entities[].geo).
struct GeoValue {
  double lat = 0, lon = 0;
  std::string country;    // ISO 3166-1 alpha-2, "" if none (seas, regions across borders)
  std::string admin1;     // name of the first-level division, "" if unknown
  std::string feature;    // city|admin1|admin2|country|region|landform|water|site|camp|base
  std::string precision;  // point|admin2|admin1|country|region
};

// Who an actor mention is (contract: entities[].actor; sectors in ontology.md).
struct ActorValue {
  std::string country;               // ISO 3166-1 alpha-2 of the state, "" if none
  std::vector<std::string> sectors;  // "MIL", "GOV", "REB", ... (may be empty)
  std::string group;                 // id of a named group/organisation ("ISIS", "SDF"), or ""
  std::string backed_by;             // "US" in "US-backed opposition militias", or ""
};

// The normalised value of a quantity mention (contract: entities[].quantity).
struct QuantityValue {
  double value = 0, low = 0, high = 0;
  std::string qualifier;  // exact|at_least|at_most|about|range|approximate_plural
  std::string unit;       // "person", "km", "month", ... or ""
  std::string role;       // killed|injured|captured|displaced|fighters|other
};

// A mention of an entity in Document::text (contract: entities[]). Each
// annotator appends its own kinds; link (pipeline) merges them, drops
// overlaps and numbers them.
struct Mention {
  std::string id;    // "m1", "m2", ... in text order (set by the pipeline)
  std::string kind;  // place|actor|person|organization|outlet|date|quantity|document
  Span span;         // byte span in text
  int sentence = -1; // index into Document::sentences
  std::string ref;   // canonical entry: "geonames:170794", "dossier:al-tanf", "actor:ISIS", ...
  std::string name;  // canonical name of the entry ("Deir ez-Zor"), "" if none
  // At most one is set; boxed (dossier/box.h) so a Mention stays small to move.
  Box<DateValue> date;
  Box<GeoValue> geo;
  Box<ActorValue> actor;
  Box<QuantityValue> quantity;
  // For explain: the rule or dictionary line behind the mention
  // ("actors.tsv:12 ISIS", "title+name", "gazetteer exact"), and free-form
  // lines on the candidates considered and why one won.
  std::string rule;
  std::vector<std::string> evidence;
  double confidence = 0;
};

// The voice of one sentence or clause (contract: voice[]). Filled by the
// voice layer (src/annotate/voice); mentions are referred to by index into
// Document::mentions (their ids are assigned after the layer runs).
struct VoiceRecord {
  int sentence = -1;         // index into Document::sentences
  Span span;                 // the sentence or clause
  std::string kind;          // author|attributed|quoted|hedged|question
  int source = -1;           // index into Document::mentions, -1 if none
  std::string source_kind;   // person|organization|government|outlet|document|anonymous|""
  std::optional<Span> cue;   // the cue: reporting verb, "according to", hedge, colon intro
  std::optional<Span> content;  // what is attributed, quoted or hedged
  // For explain: the dictionary row or rule behind the decision
  // ("voice_cues.tsv:said verb", "hedges.tsv:likely", "block quote"), and
  // free-form lines on how the source was found.
  std::string rule;
  std::vector<std::string> evidence;
};

// A document or statement the text relies on (contract: citations[]).
struct Citation {
  std::string id;            // "c1", "c2", ... in order of first mention
  std::string kind;          // report|memo|article|statement|social_post|interview|other
  std::string title;         // quoted title, "" if none
  int issuer = -1;           // index into Document::mentions, -1 if unknown
  std::string date;          // date value when stated, "" if none
  std::string url;           // a URL the text gives for it, "" if none
  std::vector<Span> mentions;  // every mention of it (and links to it), in text order
};

// A check-worthy statement (contract: claims[]).
struct Claim {
  int sentence = -1;
  Span span;                 // the sentence or clause
  std::string kind;          // numeric|event|causal|quote|other
  double checkworthy = 0;    // 0..1
  // Slots: indices into Document::mentions.
  std::vector<int> quantities, dates, places, actors;
  std::string voice;         // the voice kind of the clause
  int source = -1;           // index into Document::mentions, -1 if none
  std::vector<std::string> evidence;  // for explain: what made it check-worthy
};

// A rhetorical technique marker (contract: markers[]). Filled by the
// markers layer (src/annotate/markers), after the voice layer.
struct Marker {
  std::string technique;  // an ontology.md name: loaded_language, doubt, ...
  Span span;              // as tight as the technique
  int sentence = -1;      // index into Document::sentences
  std::string voice;      // voice kind of the clause: author|attributed|quoted|hedged|question
  int source = -1;        // index into Document::mentions (the clause's source), -1 if none
  double confidence = 0;  // the table row's weight, or the rule's
  // The lexicon row or rule behind it ("technique_lexicon.tsv: regime",
  // "repetition: 3 times", "scare quote: 1 word, no speaker").
  std::string rule;
};

// A passage where markers are densest (contract: marker_profile.densest).
struct MarkerPassage {
  Span span;                // one to three consecutive sentences
  int markers = 0;
  int words = 0;
  double per_1000_words = 0;
};

// The article's marker profile (document-level "marker_profile").
struct MarkerProfile {
  bool computed = false;  // false when the markers layer did not run
  int64_t words = 0;      // word tokens of the text
  // Markers per technique (index = markers_internal::Technique order).
  std::vector<int> counts;
  int total = 0;
  double author_share = 0;  // markers in the author's own voice / total (0 if none)
  std::vector<MarkerPassage> densest;  // best first, at most 3, non-overlapping
};

// An event (contract: events[]): who did what to whom, where and when.
// Filled by the events layer (src/annotate/events); mentions are referred to
// by index into Document::mentions (ids are assigned after the layer runs),
// events by index into Document::events.
struct EventRecord {
  std::string id;            // "v1", "v2", ... in text order
  int sentence = -1;         // index into Document::sentences
  Span span;                 // the clause the event was read from
  Span trigger;              // the event word(s): "airstrike", "took control of"
  std::string pattern;       // event_patterns.tsv key: "airstrike:noun"
  std::string plover, mode, cameo, acled, acled_sub;  // type codes ("" if none)
  // Roles: indices into Document::mentions, -1 if not found. dead/injured
  // are quantity mentions with role killed/injured.
  int actor = -1, target = -1, place = -1, date = -1, dead = -1, injured = -1;
  // How each role was filled (a rule name: "subject", "by-phrase",
  // "modifier", "object", "prep:in", "clause", "consequence", ...), in the
  // order actor, target, place, date, dead, injured; nullptr if unset.
  const char* how[6] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  // Further quantity mentions of the same casualty role joined to dead /
  // injured by "and" or a comma ("killing 12 civilians and five fighters"):
  // the count is the sum (CasualtyCount).
  std::vector<int> dead_also, injured_also;
  std::string voice;         // author|attributed|quoted|hedged
  int source = -1;           // index into Document::mentions, -1 if none
  bool negated = false, hypothetical = false;
  // asserted|negated|conditional|future|question|generic
  std::string modality = "asserted";
  int same_as = -1;          // index of the first event of the document it repeats
  double confidence = 0;
  // For explain (filled only when Document::explain): the pattern row, each
  // role's candidates and why the rejected ones were rejected, the cues.
  std::vector<std::string> evidence;
};

// The casualty count of quantity mention `first` and the `also` mentions
// summed: values and bounds add up, a bound open in one part (high 0, or low
// 0 for at_most) is open in the sum; the qualifier is the parts' when they
// agree, else at_least when a part is at_least and none at_most, else about.
template <class Mentions>
QuantityValue CasualtyCount(const Mentions& mentions, int first, const std::vector<int>& also) {
  QuantityValue q = *mentions[first].quantity;
  for (int i : also) {
    const QuantityValue& p = *mentions[i].quantity;
    const bool open_high = (q.high == 0 && q.value != 0) || (p.high == 0 && p.value != 0);
    const bool open_low = (q.qualifier == "at_most" && q.low == 0) || (p.qualifier == "at_most" && p.low == 0);
    if (p.qualifier != q.qualifier)
      q.qualifier = (q.qualifier == "at_least" || p.qualifier == "at_least") &&
                            q.qualifier != "at_most" && p.qualifier != "at_most"
                        ? "at_least"
                        : "about";
    q.value += p.value;
    q.low = open_low ? 0 : q.low + p.low;
    q.high = open_high ? 0 : q.high + p.high;
  }
  return q;
}

struct Document {
  std::string id;
  std::string path;
  int64_t line = 0;
  Format format = Format::kText;
  std::string encoding;
  // The id the container gave the article (JSONL "id", CSV id column), if any.
  std::optional<std::string> given_id;
  std::shared_ptr<const std::string> raw;  // RawDocument::raw
  Meta meta;
  std::string text;
  OffsetMap raw_map;  // text bytes -> raw bytes
  std::vector<Span> paragraphs, sentences;
  std::vector<Token> tokens;
  std::vector<Quote> quotes;
  std::vector<Mention> mentions;
  std::vector<Comment> comments;
  // Filled by the voice layer (empty when it did not run).
  std::vector<VoiceRecord> voice;
  std::vector<Citation> citations;
  std::vector<Claim> claims;
  // Filled by the events layer (empty when it did not run).
  std::vector<EventRecord> events;
  // Set only when `explain` is: event candidates the layer dropped, with
  // the reason in their evidence (shown by `dossier explain`, not output).
  std::vector<EventRecord> events_rejected;
  // Filled by the markers layer (empty / not computed when it did not run).
  std::vector<Marker> markers;
  MarkerProfile marker_profile;
  std::vector<Diagnostic> diagnostics;
  // Set by `dossier explain`: annotators fill Mention::evidence only then
  // (the candidate lists cost time and are not part of the record).
  bool explain = false;
};

}  // namespace dossier

#endif  // DOSSIER_DOCUMENT_H_
