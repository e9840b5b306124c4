#include "pipeline/pipeline.h"

#include "corpus/fingerprint.h"

#include "dossier/json_writer.h"
#include "annotate/markers/markers_annotator.h"
#include "link/merge.h"
#include "pipeline/codepoint_cursor.h"
#include "pipeline/raw_mapper.h"
#include "pipeline/registry.h"

#ifndef DOSSIER_VERSION
#define DOSSIER_VERSION "0.0.0"
#endif

namespace dossier {

const char* DossierVersion() { return DOSSIER_VERSION; }

Result<std::unique_ptr<Pipeline>> Pipeline::Create(std::shared_ptr<const Lexicon> lexicon,
                                                   PipelineOptions options) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  p->lexicon_ = lexicon;
  p->options_ = options;
  DOSSIER_ASSIGN_OR_RETURN(p->cleaner_, Cleaner::Create(lexicon, options.clean));
  p->segmenter_ = std::make_unique<Segmenter>(*lexicon, options.segment);
  p->versions_.dossier = DOSSIER_VERSION;
  p->versions_.lexicon = lexicon->version();
  p->versions_.layers = {"clean", "segment"};

  const auto& registry = AnnotatorRegistry();
  for (const std::string& want : options.layers) {
    bool known = false;
    for (const auto& e : registry) known = known || want == e.name;
    for (const auto& e : DocumentLayerRegistry()) known = known || want == e.name;
    if (!known) return InvalidInput("unknown layer '" + want + "'");
  }
  auto wanted = [&](const char* name) {
    if (options.layers.empty()) return true;
    for (const std::string& l : options.layers)
      if (l == name) return true;
    return false;
  };
  // The gazetteer is opened once, if a layer that wants it runs; a missing
  // file disables those layers with a warning unless they were asked for.
  const std::string gaz_path =
      options.gazetteer_path.empty() ? Gazetteer::DefaultPath() : options.gazetteer_path;
  Status gaz_status;
  if (wanted("places")) {
    auto g = Gazetteer::Open(gaz_path);
    if (g.ok()) {
      p->gazetteer_ = *g;
      p->versions_.gazetteer = p->gazetteer_->version();
    } else {
      gaz_status = g.status();
    }
  }
  p->metonymy_ = std::make_unique<Metonymy>(*lexicon);
  AnnotatorContext ctx{lexicon, p->gazetteer_};
  // Entity annotators, then document layers: each wanted entry is built; one
  // that cannot be is an error if it was asked for by name, else skipped
  // with a warning.
  auto build = [&](const auto& table, auto* built) -> Status {
    for (const auto& e : table) {
      if (!wanted(e.name)) continue;
      auto made = e.factory(ctx);
      if (!made.ok()) {
        std::string why = std::string(e.name) + ": " + made.status().message();
        if (!options.layers.empty()) return InvalidInput("layer " + why);
        p->warnings_.push_back("layer " + why + " (layer skipped)");
        continue;
      }
      built->push_back(std::move(*made));
      p->versions_.layers.push_back(e.name);
    }
    return Status::Ok();
  };
  DOSSIER_RETURN_IF_ERROR(build(registry, &p->annotators_));
  DOSSIER_RETURN_IF_ERROR(build(DocumentLayerRegistry(), &p->layers_));
  if (!gaz_status.ok() && p->gazetteer_ == nullptr)
    p->warnings_.push_back("gazetteer: " + gaz_status.message());
  return p;
}

Result<Document> Pipeline::Process(const RawDocument& raw) const {
  DOSSIER_ASSIGN_OR_RETURN(Document doc, cleaner_->Clean(raw));
  doc.explain = options_.explain;
  doc.paragraphs = segmenter_->Paragraphs(doc.text);
  doc.sentences = segmenter_->Sentences(doc.text, doc.paragraphs);
  doc.quotes = segmenter_->Quotes(doc.text, doc.paragraphs);
  // Tokens are for --tokens and for annotators that want them.
  doc.tokens = segmenter_->Tokens(doc.text);
  // Each annotator sees the merged mentions of those before it (link).
  for (const auto& a : annotators_) {
    // Room for a mention a sentence up front: growing from empty, each
    // doubling would move every Mention found so far (and they are heavy
    // to move: six strings, boxes, evidence).
    std::vector<Mention> found;
    found.reserve(doc.sentences.size());
    a->Annotate(doc, &found);
    MergeMentions(std::move(found), &doc.mentions);
  }
  if (!annotators_.empty()) metonymy_->Apply(doc, &doc.mentions);
  // Document layers (voice) see the final mentions and may add their own;
  // they refer to mentions by index, so ids come after them.
  // A document in another language keeps its entities (names, numbers and
  // dates feed provenance) but not the English-only layers.
  const bool english = !doc.meta.language || *doc.meta.language == "en";
  std::string skipped;
  for (const auto& l : layers_) {
    if (!english && l->EnglishOnly()) {
      skipped += skipped.empty() ? "" : ", ";
      skipped += l->Name();
      continue;
    }
    l->Apply(&doc);
  }
  if (!skipped.empty()) {
    Diagnostic d;
    d.level = Diagnostic::Level::kInfo;
    d.code = "layers_skipped_language";
    d.message = "language " + *doc.meta.language + ": English-only layers not run: " + skipped;
    doc.diagnostics.push_back(std::move(d));
  }
  LinkTranslatedComments(&doc);
  if (doc.mentions.size() > options_.max_entities) {
    Diagnostic d;
    d.level = Diagnostic::Level::kWarning;
    d.code = "entities_truncated";
    d.message = std::to_string(doc.mentions.size()) + " entity mentions; kept the first " +
                std::to_string(options_.max_entities) + " (--max-entities)";
    doc.diagnostics.push_back(std::move(d));
    doc.mentions.resize(options_.max_entities);
  }
  AssignIds(&doc.mentions);
  return doc;
}

// A comment in another language than the article, with most of its places,
// actors, people, numbers and dates in the article, is a translation of it
// (e.g. a reader posting the article in French): linked, and, like every
// comment, kept out of the text the layers analyse.
void Pipeline::LinkTranslatedComments(Document* doc) const {
  if (doc->comments.empty() || annotators_.empty()) return;
  constexpr size_t kMinBytes = 200;
  std::vector<corpus::Feature> article;
  bool have_article = false;
  for (Comment& c : doc->comments) {
    if (c.text.size() < kMinBytes) continue;
    c.language = DetectLanguage(c.text);
    if (!c.language || !doc->meta.language || *c.language == *doc->meta.language) continue;
    Document sub;
    sub.text = c.text;
    sub.meta.language = c.language;
    sub.meta.published = doc->meta.published;
    sub.paragraphs = segmenter_->Paragraphs(sub.text);
    sub.sentences = segmenter_->Sentences(sub.text, sub.paragraphs);
    sub.quotes = segmenter_->Quotes(sub.text, sub.paragraphs);
    sub.tokens = segmenter_->Tokens(sub.text);
    for (const auto& a : annotators_) {
      std::vector<Mention> found;
      a->Annotate(sub, &found);
      MergeMentions(std::move(found), &sub.mentions);
    }
    if (!have_article) {
      article = corpus::EntityFeatures(*doc);
      have_article = true;
    }
    const corpus::FeatureMatch m = corpus::CompareFeatures(article, corpus::EntityFeatures(sub));
    if (m.containment >= 0.6 && m.shared >= 5) {
      c.translation = true;
      c.similarity = m.containment;
      c.evidence = corpus::FeatureEvidence(m);
    }
  }
}

namespace {

const char* MarkerTechniqueName(int t) { return markers_internal::TechniqueName(t); }

// Converts byte spans of text and raw to code point offsets.
struct Offsets {
  Offsets(const Document& d)
      : text(d.text), raw(d.raw ? std::string_view(*d.raw) : std::string_view()), map(d.raw_map) {}
  int64_t T(size_t byte) const { return static_cast<int64_t>(text.ToCodepoint(byte)); }
  int64_t R(size_t byte) const { return static_cast<int64_t>(raw.ToCodepoint(byte)); }
  // Raw code point span of a text byte span.
  std::pair<int64_t, int64_t> RawSpan(Span s) const {
    size_t b = map.MapBegin(s.begin), e = map.MapEnd(s.end);
    if (e < b) e = b;
    return {R(b), R(e)};
  }
  // Only their cursors change.
  mutable CodepointCursor text, raw;
  mutable RawMapper map;
};

void WriteSpans(JsonWriter& w, const char* key, const std::vector<Span>& spans,
                const Offsets& o) {
  w.Key(key);
  w.BeginArray();
  for (const auto& s : spans) w.Pair(o.T(s.begin), o.T(s.end));
  w.EndArray();
}

void WriteRawSpans(JsonWriter& w, const char* key, const std::vector<Span>& spans,
                   const Offsets& o) {
  w.Key(key);
  w.BeginArray();
  for (const auto& s : spans) {
    auto r = o.RawSpan(s);
    w.Pair(r.first, r.second);
  }
  w.EndArray();
}

// events[] (contract.md): each role points at its mention and repeats the
// fields a reader needs without a lookup; a role whose mention was dropped
// (--max-entities) is null.
void WriteEvents(JsonWriter& w, const Document& d, const Offsets& o) {
  const auto valid = [&](int i) { return i >= 0 && static_cast<size_t>(i) < d.mentions.size(); };
  const auto text = [&](Span s) {
    return std::string_view(d.text).substr(s.begin, s.end - s.begin);
  };
  // Keys by reference to the literal: written by JsonWriter's literal Key.
  const auto agent = [&](const auto& key, int i) {
    w.Key(key);
    if (!valid(i)) {
      w.Null();
      return;
    }
    const Mention& m = d.mentions[i];
    w.BeginObject();
    w.Key("mention");
    w.String(m.id);
    w.Key("text");
    w.StringIn(text(m.span), d.text);
    w.Key("ref");
    w.StringOrNull(m.ref);
    w.Key("country");
    if (m.actor) w.StringOrNull(m.actor->country);
    else if (m.geo) w.StringOrNull(m.geo->country);
    else w.Null();
    w.Key("sector");
    if (m.actor && !m.actor->sectors.empty()) w.String(m.actor->sectors.front());
    else w.Null();
    w.Key("group");
    if (m.actor) w.StringOrNull(m.actor->group);
    else w.Null();
    w.EndObject();
  };
  const auto count = [&](const auto& key, int i, const std::vector<int>& also) {
    w.Key(key);
    if (!valid(i) || !d.mentions[i].quantity) {
      w.Null();
      return;
    }
    const QuantityValue q = CasualtyCount(d.mentions, i, also);
    w.BeginObject();
    w.Key("value");
    w.Double(q.value);
    w.Key("low");
    if (q.qualifier == std::string_view("at_most") && q.low == 0) w.Null(); else w.Double(q.low);
    w.Key("high");
    if (q.high == 0 && q.value != 0) w.Null(); else w.Double(q.high);
    w.Key("qualifier");
    w.String(q.qualifier);
    w.Key("mention");
    w.String(d.mentions[i].id);
    if (!also.empty()) {
      w.Key("mentions");
      w.BeginArray();
      w.String(d.mentions[i].id);
      for (int m : also) w.String(d.mentions[m].id);
      w.EndArray();
    }
    w.EndObject();
  };
  w.Key("events");
  w.BeginArray();
  for (const EventRecord& e : d.events) {
    w.BeginObject();
    w.Key("id");
    w.String(e.id);
    w.Key("sentence");
    w.Int(e.sentence);
    w.Key("start");
    w.Int(o.T(e.span.begin));
    w.Key("end");
    w.Int(o.T(e.span.end));
    w.Key("trigger");
    w.BeginObject();
    w.Key("text");
    w.StringIn(text(e.trigger), d.text);
    w.Key("start");
    w.Int(o.T(e.trigger.begin));
    w.Key("end");
    w.Int(o.T(e.trigger.end));
    w.EndObject();
    w.Key("pattern");
    w.String(e.pattern);
    w.Key("type");
    w.BeginObject();
    w.Key("plover");
    w.String(e.plover);
    w.Key("mode");
    w.StringOrNull(e.mode);
    w.Key("cameo");
    w.StringOrNull(e.cameo);
    w.Key("acled");
    w.StringOrNull(e.acled);
    w.Key("acled_sub");
    w.StringOrNull(e.acled_sub);
    w.EndObject();
    agent("actor", e.actor);
    agent("target", e.target);
    w.Key("place");
    if (valid(e.place)) {
      const Mention& m = d.mentions[e.place];
      w.BeginObject();
      w.Key("mention");
      w.String(m.id);
      w.Key("text");
      w.StringIn(text(m.span), d.text);
      w.Key("ref");
      w.StringOrNull(m.ref);
      // Coordinates are on the mention (entities[]); the store copies them
      // into each event row for maps.
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("date");
    if (valid(e.date) && d.mentions[e.date].date) {
      const Mention& m = d.mentions[e.date];
      w.BeginObject();
      w.Key("mention");
      w.String(m.id);
      w.Key("value");
      w.String(m.date->value);
      w.Key("precision");
      w.String(m.date->precision);
      w.EndObject();
    } else {
      w.Null();
    }
    count("dead", e.dead, e.dead_also);
    count("injured", e.injured, e.injured_also);
    w.Key("voice");
    w.String(e.voice);
    w.Key("source");
    if (valid(e.source)) w.String(d.mentions[e.source].id); else w.Null();
    w.Key("negated");
    w.Bool(e.negated);
    w.Key("hypothetical");
    w.Bool(e.hypothetical);
    w.Key("modality");
    w.String(e.modality);
    w.Key("same_as");
    if (e.same_as >= 0 && static_cast<size_t>(e.same_as) < d.events.size())
      w.String(d.events[e.same_as].id);
    else
      w.Null();
    w.Key("confidence");
    w.Double(e.confidence);
    // The rule that filled each role (explain shows the candidates).
    w.Key("evidence");
    w.BeginObject();
    static const char* const kRoles[] = {"actor", "target", "place", "date", "dead", "injured"};
    for (int r = 0; r < 6; ++r)
      if (e.how[r]) {
        w.Key(kRoles[r]);
        w.String(e.how[r]);
      }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

const char* TokenKind(Token::Kind k) {
  switch (k) {
    case Token::Kind::kWord: return "word";
    case Token::Kind::kNumber: return "number";
    case Token::Kind::kPunct: return "punct";
    case Token::Kind::kSymbol: return "symbol";
  }
  return "word";
}

}  // namespace

std::string Pipeline::Render(const Document& d) const {
  // The record is about five times the text plus ~300 bytes a mention;
  // reserved once so that it is not reallocated while it is written.
  const size_t estimate = d.text.size() * 6 + d.mentions.size() * 320 +
                          (d.sentences.size() + d.paragraphs.size()) * 48 + 4096;
  std::string out;
  JsonWriter w(&out);
  w.Reserve(estimate);
  Offsets o(d);
  w.BeginObject();
  w.Key("schema");
  w.String("dossier/1");
  w.Key("id");
  w.String(d.id);
  w.Key("source");
  w.BeginObject();
  w.Key("path");
  w.String(d.path);
  w.Key("line");
  if (d.line > 0) w.Int(d.line); else w.Null();
  w.Key("url");
  w.OptString(d.meta.url);
  w.Key("format");
  w.String(FormatName(d.format));
  w.Key("encoding");
  w.String(d.encoding);
  w.Key("given_id");
  w.OptString(d.given_id);
  w.EndObject();

  const Meta& m = d.meta;
  w.Key("meta");
  w.BeginObject();
  w.Key("title");
  w.OptString(m.title);
  w.Key("authors");
  w.BeginArray();
  for (const auto& a : m.authors) w.String(a);
  w.EndArray();
  w.Key("outlet");
  w.OptString(m.outlet);
  w.Key("published");
  w.OptString(m.published);
  w.Key("language");
  w.OptString(m.language);
  w.Key("republished_from");
  if (m.republished_from.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("outlet");
    w.OptString(m.republished_from.outlet);
    w.Key("published");
    w.OptString(m.republished_from.published);
    w.Key("url");
    w.OptString(m.republished_from.url);
    w.EndObject();
  }
  w.EndObject();

  w.Key("text");
  w.String(d.text);
  WriteSpans(w, "paragraphs", d.paragraphs, o);
  WriteSpans(w, "sentences", d.sentences, o);
  WriteRawSpans(w, "paragraphs_raw", d.paragraphs, o);
  WriteRawSpans(w, "sentences_raw", d.sentences, o);
  w.Key("quotes");
  w.BeginArray();
  for (const auto& q : d.quotes) {
    w.BeginObject();
    w.Key("start");
    w.Int(o.T(q.span.begin));
    w.Key("end");
    w.Int(o.T(q.span.end));
    w.Key("content");
    w.Pair(o.T(q.content.begin), o.T(q.content.end));
    w.Key("balanced");
    w.Bool(q.balanced);
    auto r = o.RawSpan(q.span);
    w.Key("raw");
    w.Pair(r.first, r.second);
    w.EndObject();
  }
  w.EndArray();
  if (options_.tokens) {
    w.Key("tokens");
    w.BeginArray();
    for (const auto& t : d.tokens) {
      w.BeginArray();
      w.Int(o.T(t.span.begin));
      w.Int(o.T(t.span.end));
      w.String(TokenKind(t.kind));
      w.EndArray();
    }
    w.EndArray();
  }
  w.Key("comments");
  w.BeginArray();
  for (const auto& c : d.comments) {
    w.BeginObject();
    w.Key("text");
    w.String(c.text);
    w.Key("raw");
    w.Pair(o.R(c.raw.begin), o.R(c.raw.end));
    w.Key("language");
    w.OptString(c.language);
    w.Key("translation_of_article");
    if (c.translation) {
      w.BeginObject();
      w.Key("similarity");
      w.Double(c.similarity);
      w.Key("evidence");
      w.String(c.evidence);
      w.EndObject();
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("entities");
  w.BeginArray();
  for (const auto& m : d.mentions) {
    w.BeginObject();
    w.Key("id");
    w.String(m.id);
    w.Key("kind");
    w.String(m.kind);
    w.Key("text");
    w.StringIn(std::string_view(d.text).substr(m.span.begin, m.span.end - m.span.begin), d.text);
    w.Key("start");
    w.Int(o.T(m.span.begin));
    w.Key("end");
    w.Int(o.T(m.span.end));
    auto r = o.RawSpan(m.span);
    w.Key("raw");
    w.Pair(r.first, r.second);
    w.Key("sentence");
    w.Int(m.sentence);
    if (!m.ref.empty()) {
      w.Key("ref");
      w.String(m.ref);
    }
    if (!m.name.empty()) {
      w.Key("name");
      w.String(m.name);
    }
    if (m.geo) {
      const GeoValue& g = *m.geo;
      w.Key("geo");
      w.BeginObject();
      w.Key("lat");
      w.Double(g.lat);
      w.Key("lon");
      w.Double(g.lon);
      w.Key("country");
      w.StringOrNull(g.country);
      w.Key("admin1");
      w.StringOrNull(g.admin1);
      w.Key("feature");
      w.String(g.feature);
      w.Key("precision");
      w.String(g.precision);
      w.EndObject();
    }
    if (m.actor) {
      const ActorValue& a = *m.actor;
      w.Key("actor");
      w.BeginObject();
      w.Key("country");
      w.StringOrNull(a.country);
      // "sector" is the contract's field (the first sector); "sectors" all.
      w.Key("sector");
      w.StringOrNull(a.sectors.empty() ? std::string_view() : std::string_view(a.sectors.front()));
      w.Key("sectors");
      w.BeginArray();
      for (const auto& sct : a.sectors) w.String(sct);
      w.EndArray();
      w.Key("group");
      w.StringOrNull(a.group);
      w.Key("backed_by");
      w.StringOrNull(a.backed_by);
      w.EndObject();
    }
    if (m.date) {
      w.Key("date");
      w.BeginObject();
      w.Key("value");
      w.String(m.date->value);
      if (!m.date->value_end.empty()) {
        w.Key("end");
        w.String(m.date->value_end);
      }
      w.Key("precision");
      w.String(m.date->precision);
      w.Key("relative");
      w.Bool(m.date->relative);
      if (m.date->relative) {
        w.Key("anchor");
        w.String(m.date->anchor);
      }
      w.Key("rule");
      w.String(m.date->rule);
      w.EndObject();
    }
    if (m.quantity) {
      const QuantityValue& q = *m.quantity;
      w.Key("quantity");
      w.BeginObject();
      w.Key("value");
      w.Double(q.value);
      // An open bound ("at least 156" has no high, "up to 50" no low) is
      // null, not 0.
      w.Key("low");
      if (q.qualifier == std::string_view("at_most") && q.low == 0) w.Null(); else w.Double(q.low);
      w.Key("high");
      if (q.high == 0 && q.value != 0) w.Null(); else w.Double(q.high);
      w.Key("qualifier");
      w.String(q.qualifier);
      w.Key("unit");
      w.StringOrNull(q.unit);
      w.Key("role");
      w.String(q.role.empty() ? std::string_view("other") : std::string_view(q.role));
      w.EndObject();
    }
    w.Key("confidence");
    w.Double(m.confidence);
    w.EndObject();
  }
  w.EndArray();
  // voice, citations, claims (contract.md); a mention index past the end
  // (dropped by --max-entities) is written as null.
  auto mention_id = [&](int i) {
    if (i >= 0 && static_cast<size_t>(i) < d.mentions.size()) w.String(d.mentions[i].id);
    else w.Null();
  };
  w.Key("voice");
  w.BeginArray();
  for (const VoiceRecord& v : d.voice) {
    const bool has_source = v.source >= 0 && static_cast<size_t>(v.source) < d.mentions.size();
    w.BeginObject();
    w.Key("sentence");
    w.Int(v.sentence);
    w.Key("start");
    w.Int(o.T(v.span.begin));
    w.Key("end");
    w.Int(o.T(v.span.end));
    w.Key("kind");
    w.String(v.kind);
    w.Key("source");
    mention_id(v.source);
    w.Key("source_kind");
    if (has_source) w.String(v.source_kind); else w.Null();
    w.Key("cue");
    if (v.cue) {
      w.BeginObject();
      w.Key("text");
      w.StringIn(std::string_view(d.text).substr(v.cue->begin, v.cue->end - v.cue->begin), d.text);
      w.Key("start");
      w.Int(o.T(v.cue->begin));
      w.Key("end");
      w.Int(o.T(v.cue->end));
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("content");
    if (v.content) {
      w.BeginObject();
      w.Key("start");
      w.Int(o.T(v.content->begin));
      w.Key("end");
      w.Int(o.T(v.content->end));
      w.EndObject();
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("citations");
  w.BeginArray();
  for (const Citation& c : d.citations) {
    w.BeginObject();
    w.Key("id");
    w.String(c.id);
    w.Key("kind");
    w.String(c.kind);
    w.Key("title");
    w.StringOrNull(c.title);
    w.Key("issuer");
    mention_id(c.issuer);
    w.Key("date");
    w.StringOrNull(c.date);
    w.Key("url");
    w.StringOrNull(c.url);
    w.Key("mentions");
    w.BeginArray();
    for (const Span& s : c.mentions) w.Pair(o.T(s.begin), o.T(s.end));
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  WriteEvents(w, d, o);
  w.Key("claims");
  w.BeginArray();
  for (const Claim& c : d.claims) {
    w.BeginObject();
    w.Key("sentence");
    w.Int(c.sentence);
    w.Key("start");
    w.Int(o.T(c.span.begin));
    w.Key("end");
    w.Int(o.T(c.span.end));
    w.Key("kind");
    w.String(c.kind);
    w.Key("checkworthy");
    w.Double(c.checkworthy);
    w.Key("slots");
    w.BeginObject();
    // Keys by reference to the literal: written by JsonWriter's literal Key.
    const auto slot = [&](const auto& key, const std::vector<int>& mentions) {
      w.Key(key);
      w.BeginArray();
      for (int i : mentions)
        if (i >= 0 && static_cast<size_t>(i) < d.mentions.size()) w.String(d.mentions[i].id);
      w.EndArray();
    };
    slot("quantities", c.quantities);
    slot("dates", c.dates);
    slot("places", c.places);
    slot("actors", c.actors);
    w.EndObject();
    w.Key("voice");
    w.String(c.voice);
    w.Key("source");
    mention_id(c.source);
    w.EndObject();
  }
  w.EndArray();
  // markers (contract.md) and the document-level marker_profile; null when
  // the markers layer did not run.
  w.Key("markers");
  w.BeginArray();
  for (const Marker& mk : d.markers) {
    w.BeginObject();
    w.Key("technique");
    w.String(mk.technique);
    w.Key("start");
    w.Int(o.T(mk.span.begin));
    w.Key("end");
    w.Int(o.T(mk.span.end));
    w.Key("text");
    w.StringIn(std::string_view(d.text).substr(mk.span.begin, mk.span.end - mk.span.begin), d.text);
    w.Key("sentence");
    w.Int(mk.sentence);
    w.Key("voice");
    w.String(mk.voice);
    w.Key("source");
    mention_id(mk.source);
    w.Key("confidence");
    w.Double(mk.confidence);
    w.Key("rule");
    w.String(mk.rule);
    w.EndObject();
  }
  w.EndArray();
  w.Key("marker_profile");
  if (!d.marker_profile.computed) {
    w.Null();
  } else {
    const MarkerProfile& mp = d.marker_profile;
    const double per_words = mp.words > 0 ? 1000.0 / static_cast<double>(mp.words) : 0;
    w.BeginObject();
    w.Key("words");
    w.Int(mp.words);
    w.Key("markers");
    w.Int(mp.total);
    w.Key("per_1000_words");
    w.Double(mp.total * per_words);
    w.Key("author_share");
    w.Double(mp.author_share);
    w.Key("techniques");
    w.BeginObject();
    for (size_t t = 0; t < mp.counts.size(); ++t) {
      if (mp.counts[t] == 0) continue;
      w.Key(MarkerTechniqueName(static_cast<int>(t)));
      w.BeginObject();
      w.Key("count");
      w.Int(mp.counts[t]);
      w.Key("per_1000_words");
      w.Double(mp.counts[t] * per_words);
      w.EndObject();
    }
    w.EndObject();
    w.Key("densest");
    w.BeginArray();
    for (const MarkerPassage& ps : mp.densest) {
      w.BeginObject();
      w.Key("start");
      w.Int(o.T(ps.span.begin));
      w.Key("end");
      w.Int(o.T(ps.span.end));
      w.Key("markers");
      w.Int(ps.markers);
      w.Key("words");
      w.Int(ps.words);
      w.Key("per_1000_words");
      w.Double(ps.per_1000_words);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.Key("diagnostics");
  w.BeginArray();
  for (const auto& g : d.diagnostics) {
    w.BeginObject();
    w.Key("level");
    w.String(LevelName(g.level));
    w.Key("code");
    w.String(g.code);
    w.Key("message");
    w.String(g.message);
    w.EndObject();
  }
  w.EndArray();
  w.Key("versions");
  w.BeginObject();
  w.Key("dossier");
  w.String(versions_.dossier);
  w.Key("lexicon");
  w.String(versions_.lexicon);
  w.Key("gazetteer");
  w.StringOrNull(versions_.gazetteer);
  w.Key("layers");
  w.BeginArray();
  for (const auto& l : versions_.layers) w.String(l);
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return out;
}

}  // namespace dossier
