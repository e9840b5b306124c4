#include "pipeline/pipeline.h"

#include "dossier/json_writer.h"
#include "dossier/utf8.h"

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
  p->dates_ = std::make_unique<DateFinder>(*lexicon);
  p->versions_.dossier = DOSSIER_VERSION;
  p->versions_.lexicon = lexicon->version();
  p->versions_.layers = {"clean", "segment", "dates"};
  return p;
}

Result<Document> Pipeline::Process(const RawDocument& raw) const {
  DOSSIER_ASSIGN_OR_RETURN(Document doc, cleaner_->Clean(raw));
  doc.paragraphs = segmenter_->Paragraphs(doc.text);
  doc.sentences = segmenter_->Sentences(doc.text, doc.paragraphs);
  doc.quotes = segmenter_->Quotes(doc.text, doc.paragraphs);
  // Tokens are for the layers that need them (and --tokens); nothing in the
  // record uses them yet.
  if (options_.tokens) doc.tokens = segmenter_->Tokens(doc.text);
  AddDates(&doc);
  return doc;
}

void Pipeline::AddDates(Document* doc) const {
  // Relative dates ("last month") are resolved against the published date
  // (meta.published, which --published fills when the document has none).
  std::vector<DateMention> found = dates_->Find(doc->text, doc->sentences, doc->meta.published);
  size_t si = 0;
  for (DateMention& d : found) {
    Mention m;
    m.kind = "date";
    m.span = d.span;
    while (si < doc->sentences.size() && doc->sentences[si].end <= d.span.begin) ++si;
    m.sentence = si < doc->sentences.size() ? static_cast<int>(si) : -1;
    DateValue v;
    v.value = std::move(d.value);
    v.value_end = std::move(d.value_end);
    v.precision = PrecisionName(d.precision);
    v.relative = d.relative;
    v.anchor = std::move(d.anchor_used);
    v.rule = std::move(d.rule);
    // Lower for guesses: relative dates and day/month order by assumption.
    m.confidence = v.rule.find("ambiguous") != std::string::npos ? 0.6 : v.relative ? 0.8 : 0.9;
    m.date = std::move(v);
    doc->mentions.push_back(std::move(m));
  }
  for (size_t i = 0; i < doc->mentions.size(); ++i) doc->mentions[i].id = "m" + std::to_string(i + 1);
}

namespace {

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
  utf8::CodepointIndex text, raw;
  const OffsetMap& map;
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
  std::string out;
  out.reserve(d.text.size() * 2 + 1024);
  JsonWriter w(&out);
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
    w.String(std::string_view(d.text).substr(m.span.begin, m.span.end - m.span.begin));
    w.Key("start");
    w.Int(o.T(m.span.begin));
    w.Key("end");
    w.Int(o.T(m.span.end));
    auto r = o.RawSpan(m.span);
    w.Key("raw");
    w.Pair(r.first, r.second);
    w.Key("sentence");
    w.Int(m.sentence);
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
    w.Key("confidence");
    w.Double(m.confidence);
    w.EndObject();
  }
  w.EndArray();
  for (const char* layer : {"voice", "citations", "events", "claims", "markers"}) {
    w.Key(layer);
    w.BeginArray();
    w.EndArray();
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
  w.Key("layers");
  w.BeginArray();
  for (const auto& l : versions_.layers) w.String(l);
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return out;
}

}  // namespace dossier
