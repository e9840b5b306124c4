#include "fuzz_common.h"

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "dossier/utf8.h"
#include "ingest/decode.h"
#include "ingest/readers.h"

#ifndef DOSSIER_SOURCE_DIR
#error "DOSSIER_SOURCE_DIR must name the source tree (for data/)"
#endif

namespace dossier::fuzz {
namespace {

bool IsCharBoundary(std::string_view s, size_t pos) {
  return pos >= s.size() || (static_cast<unsigned char>(s[pos]) & 0xC0) != 0x80;
}

void CheckSpan(Span s, std::string_view text, bool allow_empty) {
  FUZZ_CHECK(s.begin <= s.end);
  if (!allow_empty) FUZZ_CHECK(s.begin < s.end);
  FUZZ_CHECK(s.end <= text.size());
  FUZZ_CHECK(IsCharBoundary(text, s.begin));
  FUZZ_CHECK(IsCharBoundary(text, s.end));
}

void CheckOptUtf8(const std::optional<std::string>& s) {
  if (s) FUZZ_CHECK(utf8::IsValid(*s));
}

void CheckGiven(const GivenMeta& g) {
  CheckOptUtf8(g.id);
  CheckOptUtf8(g.title);
  CheckOptUtf8(g.url);
  CheckOptUtf8(g.published);
  CheckOptUtf8(g.outlet);
  CheckOptUtf8(g.language);
  for (const auto& a : g.authors) FUZZ_CHECK(utf8::IsValid(a));
}

class Sink : public IngestSink {
 public:
  explicit Sink(ReadResult* r, uint64_t file_size)
      : r_(r), file_size_(file_size) {}
  bool OnDocument(RawDocument&& doc) override {
    r_->docs.push_back(std::move(doc));
    return true;
  }
  void OnError(const std::string& path, int64_t line,
               const Status& why) override {
    FUZZ_CHECK(!why.ok());
    FUZZ_CHECK(line >= 0);
    r_->errors.push_back(path + ":" + std::to_string(line) + ": " +
                         why.ToString());
  }
  void OnProgress(uint64_t bytes_done) override {
    // Progress moves forward and stays within the bytes read.
    FUZZ_CHECK(bytes_done >= last_progress_);
    if (file_size_ != 0) FUZZ_CHECK(bytes_done <= file_size_);
    last_progress_ = bytes_done;
  }

 private:
  ReadResult* r_;
  uint64_t file_size_;
  uint64_t last_progress_ = 0;
};

}  // namespace

std::shared_ptr<const Lexicon> GetLexicon() {
  static const std::shared_ptr<const Lexicon> lexicon = [] {
    // data/ and the generated tables (countries.tsv), as the CLI loads them.
    auto lex = Lexicon::Load(Lexicon::DefaultDirs(""));
    if (!lex.ok()) {
      std::fprintf(stderr, "cannot load lexicon: %s\n",
                   lex.status().ToString().c_str());
      std::abort();
    }
    return *lex;
  }();
  return lexicon;
}

const Pipeline& GetPipeline() {
  static const Pipeline* pipeline = [] {
    PipelineOptions options;
    options.tokens = true;
    auto p = Pipeline::Create(GetLexicon(), options);
    if (!p.ok()) {
      std::fprintf(stderr, "cannot create pipeline: %s\n",
                   p.status().ToString().c_str());
      std::abort();
    }
    return p->release();  // lives for the whole process
  }();
  return *pipeline;
}

ReadResult ReadMemory(std::string_view input, std::optional<Format> format,
                      const IngestOptions& options) {
  // The steps of ReadInput after the file has been read (ingest.cc).
  ReadResult r;
  Sink sink(&r, input.size());
  const std::string path = "fuzz-input";
  std::string bytes(input);
  if (HasGzipMagic(bytes)) {
    Result<std::string> gunzipped = Gunzip(bytes, options.max_gunzip_bytes);
    if (!gunzipped.ok()) {
      sink.OnError(path, 0, gunzipped.status());
      return r;
    }
    bytes = std::move(*gunzipped);
  }
  ingest_internal::InputText in;
  in.path = path;
  in.file_size = input.size();
  if (format == Format::kJsonl && SniffEncoding(bytes).empty()) {
    if (Status binary = CheckNotBinary(bytes); !binary.ok()) {
      sink.OnError(path, 0, binary);
      return r;
    }
    in.data = std::move(bytes);
    r.status = ingest_internal::ReadJsonl(std::move(in), options, sink);
    return r;
  }
  Result<Decoded> decoded = DecodeBytes(std::move(bytes));
  if (!decoded.ok()) {
    sink.OnError(path, 0, decoded.status());
    return r;
  }
  in.data = std::move(decoded->text);
  in.decoded = true;
  in.encoding = std::move(decoded->encoding);
  in.diagnostics = std::move(decoded->diagnostics);
  const Format f = format.value_or(Format::kText);
  switch (f) {
    case Format::kJsonl:
      r.status = ingest_internal::ReadJsonl(std::move(in), options, sink);
      return r;
    case Format::kCsv:
      r.status = ingest_internal::ReadCsv(std::move(in), options, sink);
      return r;
    case Format::kText:
    case Format::kMarkdown:
    case Format::kHtml:
      break;
  }
  r.status =
      ingest_internal::ReadWholeDocument(std::move(in), f, options, sink);
  return r;
}

ReadResult ReadViaFile(std::string_view bytes, const std::string& suffix,
                       const IngestOptions& options) {
  // A per-process directory, removed when the process exits normally.
  struct TempDir {
    std::string path;
    ~TempDir() {
      std::error_code ec;
      if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
  };
  static const TempDir dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    TempDir d{std::string(tmp && *tmp ? tmp : "/tmp") + "/dossier-fuzz-" +
              std::to_string(getpid())};
    std::filesystem::create_directories(d.path);
    return d;
  }();
  const std::string path = dir.path + "/input" + suffix;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    std::perror(path.c_str());
    std::abort();
  }
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    std::perror(path.c_str());
    std::abort();
  }
  std::fclose(f);
  ReadResult r;
  Sink sink(&r, bytes.size());
  r.status = ReadInput(InputFile{path, bytes.size()}, options, sink);
  std::remove(path.c_str());
  return r;
}

std::string ToValidUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  while (!bytes.empty()) {
    const size_t bad = utf8::FirstInvalid(bytes);
    out.append(bytes.substr(0, bad));
    if (bad == bytes.size()) break;
    out.append("\xEF\xBF\xBD");
    bytes.remove_prefix(bad + 1);
  }
  return out;
}

void CheckMap(const OffsetMap& map, std::string_view out, std::string_view in,
              bool monotone) {
  size_t pos = 0, last_in = 0;
  for (const OffsetMap::Piece& p : map.pieces()) {
    FUZZ_CHECK(p.out_begin == pos);
    FUZZ_CHECK(p.out_begin < p.out_end);
    FUZZ_CHECK(p.in_begin <= p.in_end);
    FUZZ_CHECK(p.in_end <= in.size());
    FUZZ_CHECK(p.out_end <= out.size());
    if (p.copy) {
      FUZZ_CHECK(p.out_end - p.out_begin == p.in_end - p.in_begin);
      FUZZ_CHECK(out.substr(p.out_begin, p.out_end - p.out_begin) ==
                 in.substr(p.in_begin, p.in_end - p.in_begin));
    }
    if (monotone) FUZZ_CHECK(p.in_begin >= last_in);
    pos = p.out_end;
    last_in = p.in_end;
  }
  FUZZ_CHECK(pos == out.size());
}

void CheckRawDocument(const RawDocument& doc) {
  FUZZ_CHECK(doc.raw != nullptr);
  FUZZ_CHECK(utf8::IsValid(*doc.raw));
  FUZZ_CHECK(utf8::IsValid(doc.body));
  FUZZ_CHECK(!doc.body.empty());
  FUZZ_CHECK(!doc.id.empty());
  FUZZ_CHECK(doc.line >= 0);
  FUZZ_CHECK(doc.record >= 0);
  FUZZ_CHECK(doc.encoding == "utf-8" || doc.encoding == "utf-8-bom" ||
             doc.encoding == "utf-16le" || doc.encoding == "utf-16be" ||
             doc.encoding == "windows-1252");
  CheckMap(doc.body_map, doc.body, *doc.raw, /*monotone=*/true);
  CheckGiven(doc.given);
}

void CheckSegments(const Document& doc) {
  const std::string_view text = doc.text;
  uint32_t prev = 0;
  for (const Span& p : doc.paragraphs) {
    CheckSpan(p, text, false);
    FUZZ_CHECK(p.begin >= prev);
    prev = p.end;
  }
  prev = 0;
  size_t pi = 0;
  for (const Span& s : doc.sentences) {
    CheckSpan(s, text, false);
    FUZZ_CHECK(s.begin >= prev);
    prev = s.end;
    while (pi < doc.paragraphs.size() && doc.paragraphs[pi].end <= s.begin) ++pi;
    FUZZ_CHECK(pi < doc.paragraphs.size());
    FUZZ_CHECK(s.begin >= doc.paragraphs[pi].begin);
    FUZZ_CHECK(s.end <= doc.paragraphs[pi].end);
  }
  prev = 0;
  for (const Token& t : doc.tokens) {
    CheckSpan(t.span, text, false);
    FUZZ_CHECK(t.span.begin >= prev);
    prev = t.span.end;
  }
  for (const Quote& q : doc.quotes) {
    CheckSpan(q.span, text, false);
    CheckSpan(q.content, text, true);
    FUZZ_CHECK(q.span.begin <= q.content.begin);
    FUZZ_CHECK(q.content.begin <= q.content.end);
    FUZZ_CHECK(q.content.end <= q.span.end);
  }
}

void CheckDocument(const Document& doc) {
  FUZZ_CHECK(doc.raw != nullptr);
  const std::string& raw = *doc.raw;
  FUZZ_CHECK(utf8::IsValid(raw));
  FUZZ_CHECK(utf8::IsValid(doc.text));
  FUZZ_CHECK(!doc.text.empty());
  CheckMap(doc.raw_map, doc.text, raw, /*monotone=*/false);
  const Meta& m = doc.meta;
  CheckOptUtf8(m.title);
  CheckOptUtf8(m.outlet);
  CheckOptUtf8(m.published);
  CheckOptUtf8(m.language);
  CheckOptUtf8(m.url);
  CheckOptUtf8(m.republished_from.outlet);
  CheckOptUtf8(m.republished_from.published);
  CheckOptUtf8(m.republished_from.url);
  if (m.published) CheckIsoDate(*m.published);
  for (const auto& a : m.authors) {
    FUZZ_CHECK(utf8::IsValid(a));
    FUZZ_CHECK(!a.empty());
  }
  for (const Comment& c : doc.comments) {
    FUZZ_CHECK(utf8::IsValid(c.text));
    FUZZ_CHECK(c.raw.begin <= c.raw.end);
    FUZZ_CHECK(c.raw.end <= raw.size());
  }
  CheckSegments(doc);
}

void CheckRecord(const std::string& record, const Document& doc, bool tokens) {
  using nlohmann::json;
  json j;
  try {
    j = json::parse(record);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "record is not JSON: %s\n", e.what());
    FUZZ_CHECK(false);
  }
  FUZZ_CHECK(j.is_object());
  for (const char* key :
       {"schema", "id", "source", "meta", "text", "paragraphs", "sentences",
        "paragraphs_raw", "sentences_raw", "quotes", "comments", "entities",
        "voice", "citations", "events", "claims", "markers", "diagnostics",
        "versions"}) {
    FUZZ_CHECK(j.contains(key));
  }
  FUZZ_CHECK(j["text"].is_string());
  FUZZ_CHECK(j["text"].get<std::string>() == doc.text);
  const int64_t n = static_cast<int64_t>(utf8::CountCodepoints(doc.text));
  const int64_t raw_n = static_cast<int64_t>(utf8::CountCodepoints(*doc.raw));
  auto check_pairs = [](const json& arr, size_t count, int64_t limit) {
    FUZZ_CHECK(arr.is_array());
    FUZZ_CHECK(arr.size() == count);
    for (const json& p : arr) {
      FUZZ_CHECK(p.is_array() && p.size() == 2);
      const int64_t a = p[0].get<int64_t>(), b = p[1].get<int64_t>();
      FUZZ_CHECK(0 <= a && a <= b && b <= limit);
    }
  };
  check_pairs(j["paragraphs"], doc.paragraphs.size(), n);
  check_pairs(j["sentences"], doc.sentences.size(), n);
  check_pairs(j["paragraphs_raw"], doc.paragraphs.size(), raw_n);
  check_pairs(j["sentences_raw"], doc.sentences.size(), raw_n);
  // Text spans keep their order after conversion to code points.
  int64_t prev = 0;
  for (const json& p : j["sentences"]) {
    FUZZ_CHECK(p[0].get<int64_t>() >= prev);
    FUZZ_CHECK(p[0].get<int64_t>() < p[1].get<int64_t>());
    prev = p[1].get<int64_t>();
  }
  FUZZ_CHECK(j["quotes"].size() == doc.quotes.size());
  for (const json& q : j["quotes"]) {
    const int64_t s = q["start"].get<int64_t>(), e = q["end"].get<int64_t>();
    FUZZ_CHECK(0 <= s && s <= e && e <= n);
    const int64_t rs = q["raw"][0].get<int64_t>(), re = q["raw"][1].get<int64_t>();
    FUZZ_CHECK(0 <= rs && rs <= re && re <= raw_n);
  }
  FUZZ_CHECK(j["comments"].size() == doc.comments.size());
  for (const json& c : j["comments"]) {
    const int64_t s = c["raw"][0].get<int64_t>(), e = c["raw"][1].get<int64_t>();
    FUZZ_CHECK(0 <= s && s <= e && e <= raw_n);
  }
  if (tokens) {
    FUZZ_CHECK(j.contains("tokens"));
    FUZZ_CHECK(j["tokens"].size() == doc.tokens.size());
  }
  // Meta survives the writer unchanged (all of it is valid UTF-8).
  const json& meta = j["meta"];
  if (doc.meta.title) FUZZ_CHECK(meta["title"].get<std::string>() == *doc.meta.title);
  FUZZ_CHECK(meta["authors"].size() == doc.meta.authors.size());
}

void CheckHtmlExtract(const HtmlExtract& x, std::string_view html) {
  FUZZ_CHECK(utf8::IsValid(x.text));
  CheckMap(x.map, x.text, html, /*monotone=*/false);
  CheckOptUtf8(x.meta.id);
  CheckOptUtf8(x.meta.title);
  CheckOptUtf8(x.meta.url);
  CheckOptUtf8(x.meta.published);
  CheckOptUtf8(x.meta.outlet);
  CheckOptUtf8(x.meta.language);
  for (const auto& a : x.meta.authors) FUZZ_CHECK(utf8::IsValid(a));
  for (const Comment& c : x.comments) {
    FUZZ_CHECK(utf8::IsValid(c.text));
    FUZZ_CHECK(c.raw.begin <= c.raw.end);
    FUZZ_CHECK(c.raw.end <= html.size());
  }
}

void CheckIsoDate(const std::string& date) {
  auto digits = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      FUZZ_CHECK(date[i] >= '0' && date[i] <= '9');
      v = v * 10 + (date[i] - '0');
    }
    return v;
  };
  FUZZ_CHECK(date.size() == 4 || date.size() == 7 || date.size() == 10);
  const int year = digits(0, 4);
  (void)year;
  if (date.size() >= 7) {
    FUZZ_CHECK(date[4] == '-');
    const int month = digits(5, 2);
    FUZZ_CHECK(month >= 1 && month <= 12);
    if (date.size() == 10) {
      FUZZ_CHECK(date[7] == '-');
      const int day = digits(8, 2);
      static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};
      FUZZ_CHECK(day >= 1 && day <= kDays[month - 1]);
    }
  }
}

}  // namespace dossier::fuzz
