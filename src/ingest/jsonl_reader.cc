// The JSONL reader: one article per line. The article body is decoded from
// the line's source text by json_scan so that every body byte maps back to
// the characters of the line it came from. A line is first read by one
// strict pass of our own (LineScan: the fields -> GivenMeta, no DOM); any
// line that pass does not fully vouch for, and every line that ends in an
// error, is read again with nlohmann::json, whose result and error messages
// are the reference.
//
// Lines are numbered from 1 and blank lines are skipped; a line that cannot
// be read (malformed JSON, no text, too large, binary) is reported to the
// sink with its line number and reading goes on with the next line. Input
// without a BOM is decoded line by line, so a Windows-1252 line among UTF-8
// ones only affects itself.
#include <cstdint>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "core/byte_scan.h"
#include "ingest/decode.h"
#include "ingest/json_scan.h"
#include "ingest/readers.h"

namespace dossier::ingest_internal {
namespace {

using Json = nlohmann::json;

// Keys that may hold the article body, in order of preference.
constexpr const char* kTextKeys[] = {"text", "content", "body",
                                     "article_content"};

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column
// 5: ..." without the exception id and the always-1 line number.
std::string ParseErrorMessage(std::string_view what) {
  if (what.rfind("[json.exception.", 0) == 0) {
    const size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  std::string message(what);
  const std::string_view line_one = "at line 1, column ";
  const size_t at = message.find(line_one);
  if (at != std::string::npos)
    message.replace(at, line_one.size(), "at column ");
  return message;
}

// The first of `keys` holding a non-empty string (or, if `allow_number`, a
// number), trimmed.
std::optional<std::string> GetString(const Json& obj,
                                     std::initializer_list<const char*> keys,
                                     bool allow_number = false) {
  for (const char* key : keys) {
    const auto it = obj.find(key);
    if (it == obj.end()) continue;
    if (it->is_string()) {
      const std::string_view v = TrimAscii(it->get_ref<const std::string&>());
      if (!v.empty()) return std::string(v);
    } else if (allow_number && it->is_number()) {
      return it->dump();
    }
  }
  return std::nullopt;
}

// "outlet", "source" or "site": a string, or an object with a "name" (as in
// NewsAPI's {"source": {"id": ..., "name": "BBC News"}}).
std::optional<std::string> GetOutlet(const Json& obj) {
  for (const char* key : {"outlet", "source", "site"}) {
    const auto it = obj.find(key);
    if (it == obj.end()) continue;
    if (it->is_string()) {
      const std::string_view v = TrimAscii(it->get_ref<const std::string&>());
      if (!v.empty()) return std::string(v);
    } else if (it->is_object()) {
      if (auto name = GetString(*it, {"name"})) return name;
    }
  }
  return std::nullopt;
}

// "authors" or "author": an array of names (strings or objects with a
// "name"), or one string (split on ';' / '|').
std::vector<std::string> GetAuthors(const Json& obj) {
  std::vector<std::string> authors;
  for (const char* key : {"authors", "author"}) {
    const auto it = obj.find(key);
    if (it == obj.end()) continue;
    if (it->is_string()) {
      authors = SplitAuthors(it->get_ref<const std::string&>());
    } else if (it->is_array()) {
      for (const Json& item : *it) {
        if (item.is_string()) {
          const std::string_view v =
              TrimAscii(item.get_ref<const std::string&>());
          if (!v.empty()) authors.emplace_back(v);
        } else if (item.is_object()) {
          if (auto name = GetString(item, {"name"}))
            authors.push_back(std::move(*name));
        }
      }
    }
    if (!authors.empty()) break;
  }
  return authors;
}

// Parses `raw`, accepting lone surrogate escapes as U+FFFD (which nlohmann
// rejects) so that the parsed value agrees with json_scan::DecodeString.
Status ParseLine(const std::string& raw, int64_t line, Json* out) {
  try {
    *out = Json::parse(raw);
    return Status::Ok();
  } catch (const Json::parse_error& e) {
    if (json_scan::HasSurrogateEscape(raw)) {
      try {
        *out = Json::parse(json_scan::ReplaceLoneSurrogateEscapes(raw));
        return Status::Ok();
      } catch (const Json::exception&) {
        // Report the original error below.
      }
    }
    return InvalidInput(
        AtLine(line, "malformed JSON: " + ParseErrorMessage(e.what())));
  } catch (const std::exception& e) {
    return InvalidInput(
        AtLine(line, std::string("malformed JSON: ") + e.what()));
  }
}

// The top-level members BuildDocument reads.
enum Field {
  kText, kContent, kBody, kArticleContent,  // kTextKeys, in that order
  kId, kTitle, kUrl, kPublished, kDate, kOutlet, kSource, kSite,
  kLanguage, kLang, kAuthors, kAuthor, kFieldCount
};
constexpr std::string_view kFieldNames[kFieldCount] = {
    "text",   "content", "body", "article_content", "id",       "title",
    "url",    "published", "date", "outlet",        "source",   "site",
    "language", "lang",  "authors", "author"};

// A member's value as LineScan saw it: for a string, the characters between
// its quotes; for a number, its text.
struct FieldValue {
  enum Kind : uint8_t { kMissing, kNull, kString, kNumber, kObject, kArray, kOther };
  Kind kind = kMissing;
  bool escaped = false;  // a string holding a backslash escape
  size_t begin = 0, end = 0;
};

// One strict pass over a line that finds the members of `Field` (the last
// of duplicates, as nlohmann keeps). It accepts only what nlohmann::json
// accepts and reads the same way: a top-level object whose keys have no
// escapes, no raw control bytes in strings (the line is valid UTF-8
// already), the escapes of RFC 8259 with surrogates only in valid pairs,
// numbers without an exponent and short enough to be finite, nesting up to
// kMaxDepth. Anything else
// (including every malformed line) makes Scan return false, and the line
// goes to nlohmann.
class LineScan {
 public:
  explicit LineScan(std::string_view s) : s_(s) {}

  bool Scan(FieldValue (&fields)[kFieldCount]) {
    SkipSpace();
    if (i_ >= s_.size() || s_[i_] != '{') return false;
    ++i_;
    if (!Object(1, &fields)) return false;
    SkipSpace();
    return i_ == s_.size();
  }

 private:
  static constexpr int kMaxDepth = 64;

  void SkipSpace() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  // After the '{'; `fields` only at the top level.
  bool Object(int depth, FieldValue (*fields)[kFieldCount]) {
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    for (;;) {
      if (i_ >= s_.size() || s_[i_] != '"') return false;
      const size_t key_begin = ++i_;
      bool escaped = false;
      if (!String(&escaped)) return false;
      int field = -1;
      if (fields != nullptr) {
        // An escaped key could spell a wanted name: nlohmann decides.
        if (escaped) return false;
        const std::string_view key = s_.substr(key_begin, i_ - 1 - key_begin);
        for (int f = 0; f < kFieldCount; ++f) {
          if (key == kFieldNames[f]) {
            field = f;
            break;
          }
        }
      }
      SkipSpace();
      if (i_ >= s_.size() || s_[i_] != ':') return false;
      ++i_;
      SkipSpace();
      FieldValue value;
      if (!Value(depth, &value)) return false;
      if (field >= 0) (*fields)[field] = value;
      bool closed = false;
      if (!AfterItem('}', &closed)) return false;
      if (closed) return true;
    }
  }

  // After a member or an element: at `close`, steps over it and sets
  // *closed; at a comma, steps over it and the space after. False on
  // anything else.
  bool AfterItem(char close, bool* closed) {
    SkipSpace();
    if (i_ >= s_.size()) return false;
    if (s_[i_] == close) {
      ++i_;
      *closed = true;
      return true;
    }
    if (s_[i_] != ',') return false;
    ++i_;
    SkipSpace();
    return true;
  }

  // After the '['.
  bool Array(int depth) {
    SkipSpace();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    for (;;) {
      FieldValue value;
      if (!Value(depth, &value)) return false;
      bool closed = false;
      if (!AfterItem(']', &closed)) return false;
      if (closed) return true;
    }
  }

  bool Value(int depth, FieldValue* out) {
    if (i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '"': {
        out->kind = FieldValue::kString;
        out->begin = ++i_;
        if (!String(&out->escaped)) return false;
        out->end = i_ - 1;
        return true;
      }
      case '{':
        out->kind = FieldValue::kObject;
        if (depth >= kMaxDepth) return false;
        ++i_;
        return Object(depth + 1, nullptr);
      case '[':
        out->kind = FieldValue::kArray;
        if (depth >= kMaxDepth) return false;
        ++i_;
        return Array(depth + 1);
      case 't':
        out->kind = FieldValue::kOther;
        return Literal("true");
      case 'f':
        out->kind = FieldValue::kOther;
        return Literal("false");
      case 'n':
        out->kind = FieldValue::kNull;
        return Literal("null");
      default:
        out->kind = FieldValue::kNumber;
        out->begin = i_;
        if (!Number()) return false;
        out->end = i_;
        return true;
    }
  }

  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  // -?(0|[1-9][0-9]*)(.[0-9]+)? in at most 20 characters: always finite.
  // An exponent could overflow (an error in nlohmann): left to it.
  bool Number() {
    size_t i = i_;
    const size_t n = s_.size();
    if (i < n && s_[i] == '-') ++i;
    if (i >= n) return false;
    if (s_[i] == '0') {
      ++i;
    } else if (s_[i] >= '1' && s_[i] <= '9') {
      while (i < n && IsDigit(s_[i])) ++i;
    } else {
      return false;
    }
    if (i < n && s_[i] == '.') {
      ++i;
      if (i >= n || !IsDigit(s_[i])) return false;
      while (i < n && IsDigit(s_[i])) ++i;
    }
    if (i < n && (s_[i] == 'e' || s_[i] == 'E')) return false;
    if (i - i_ > 20) return false;
    i_ = i;
    return true;
  }

  // The length of the escape at s_[i] (a backslash), or 0 for one nlohmann
  // rejects or that is a lone surrogate (which ParseLine repairs).
  size_t Escape(size_t i) const {
    if (i + 1 >= s_.size()) return 0;
    switch (s_[i + 1]) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return 2;
      case 'u': {
        const int unit = json_scan::ReadUnicodeEscape(s_, i);
        if (unit < 0 || json_scan::IsLowSurrogate(unit)) return 0;
        if (!json_scan::IsHighSurrogate(unit)) return 6;
        return json_scan::IsLowSurrogate(json_scan::ReadUnicodeEscape(s_, i + 6)) ? 12 : 0;
      }
      default:
        return 0;
    }
  }

  // After the opening quote; moves past the closing one. Bytes >= 0x80 need
  // no test: the line is valid UTF-8 by the rules nlohmann applies (ReadJsonl
  // decodes every line through DecodeBytes first).
  bool String(bool* escaped) {
    const size_t n = s_.size();
    size_t i = i_;
    for (;;) {
      // Sixteen (then eight) bytes a step while none is a control byte,
      // quote, backslash or non-ASCII: most of an article.
#if defined(__SSE2__)
      for (; i + 16 <= n; i += 16) {
        const unsigned special =
            JsonSpecial16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + i)));
        if (special != 0) {
          i += static_cast<size_t>(__builtin_ctz(special));
          break;
        }
      }
#endif
      for (uint64_t w; i + 8 <= n; i += 8) {
        std::memcpy(&w, s_.data() + i, 8);
        if (!JsonPlainWord(w)) break;
      }
      if (i >= n) return false;
      const unsigned char c = static_cast<unsigned char>(s_[i]);
      if (c == '"') {
        i_ = i + 1;
        return true;
      }
      size_t len = 1;
      if (c == '\\') {
        *escaped = true;
        len = Escape(i);
      } else if (c < 0x20) {
        len = 0;
      }
      if (len == 0) return false;
      i += len;
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

// The decoded value of a string LineScan accepted.
std::string DecodedString(const std::string& raw, const FieldValue& v) {
  if (!v.escaped) return raw.substr(v.begin, v.end - v.begin);
  TextBuilder decoded;
  json_scan::DecodeString(raw, {v.begin, v.end}, &decoded);
  return decoded.TakeText();
}

// BuildDocument without nlohmann, for the lines LineScan accepts and that
// have a body: the same fields by the same rules as the nlohmann path
// below. Returns false, leaving `doc` untouched, for the nlohmann path to
// read the line (and word any error).
bool BuildDocumentFast(std::string& raw, RawDocument* doc) {
  FieldValue f[kFieldCount];
  if (!LineScan(raw).Scan(f)) return false;
  // Names inside objects and arrays: the nlohmann path.
  for (const int k : {kOutlet, kSource, kSite, kAuthors, kAuthor}) {
    if (f[k].kind == FieldValue::kObject || f[k].kind == FieldValue::kArray)
      return false;
  }
  // A numeric id is written as nlohmann dumps it: the same text for a plain
  // integer that fits in 64 bits (not -0); the rest to nlohmann.
  if (f[kId].kind == FieldValue::kNumber) {
    const std::string_view number(raw.data() + f[kId].begin, f[kId].end - f[kId].begin);
    if (number.find('.') != std::string_view::npos || number.size() > 18 ||
        number == "-0")
      return false;
  }
  // The first body key holding a non-blank string.
  TextBuilder body;
  bool found = false;
  for (int k = kText; k <= kArticleContent && !found; ++k) {
    if (f[k].kind != FieldValue::kString) continue;
    TextBuilder decoded;
    if (!json_scan::DecodeString(raw, {f[k].begin, f[k].end}, &decoded)) return false;
    if (IsBlank(decoded.text())) continue;
    body = std::move(decoded);
    found = true;
  }
  if (!found) return false;  // an error: worded by the nlohmann path
  doc->body = body.TakeText();
  doc->body_map = body.TakeMap();
  doc->body_is_html = LooksLikeHtml(doc->body);

  // GetString: the first of the keys holding a non-blank string, trimmed.
  const auto get = [&](std::initializer_list<Field> keys) -> std::optional<std::string> {
    for (const Field k : keys) {
      if (f[k].kind != FieldValue::kString) continue;
      const std::string value = DecodedString(raw, f[k]);
      const std::string_view v = TrimAscii(value);
      if (!v.empty()) return std::string(v);
    }
    return std::nullopt;
  };
  GivenMeta& given = doc->given;
  if (f[kId].kind == FieldValue::kNumber)
    given.id = raw.substr(f[kId].begin, f[kId].end - f[kId].begin);
  else
    given.id = get({kId});
  given.title = get({kTitle});
  given.url = get({kUrl});
  given.published = get({kPublished, kDate});
  given.outlet = get({kOutlet, kSource, kSite});
  given.language = get({kLanguage, kLang});
  for (const Field k : {kAuthors, kAuthor}) {
    if (f[k].kind != FieldValue::kString) continue;
    given.authors = SplitAuthors(DecodedString(raw, f[k]));
    if (!given.authors.empty()) break;
  }

  doc->id = DocumentId(Format::kJsonl, raw);
  doc->raw = std::make_shared<const std::string>(std::move(raw));
  return true;
}

// Fills `doc` from the decoded line `raw` (its path, encoding and
// diagnostics are already set).
Status BuildDocument(std::string raw, int64_t line, RawDocument* doc) {
  if (BuildDocumentFast(raw, doc)) return Status::Ok();
  Json obj;
  DOSSIER_RETURN_IF_ERROR(ParseLine(raw, line, &obj));
  if (!obj.is_object()) {
    return InvalidInput(AtLine(
        line, std::string("expected a JSON object, got ") + obj.type_name()));
  }
  // The first body key holding a non-blank string.
  const char* text_key = nullptr;
  const std::string* text_value = nullptr;
  const char* blank_key = nullptr;
  const char* non_string_key = nullptr;
  for (const char* key : kTextKeys) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) continue;
    if (!it->is_string()) {
      if (non_string_key == nullptr) non_string_key = key;
    } else if (IsBlank(it->get_ref<const std::string&>())) {
      if (blank_key == nullptr) blank_key = key;
    } else {
      text_key = key;
      text_value = &it->get_ref<const std::string&>();
      break;
    }
  }
  if (text_key == nullptr) {
    if (blank_key != nullptr)
      return InvalidInput(AtLine(line, "empty text field"));
    if (non_string_key != nullptr) {
      return InvalidInput(AtLine(
          line,
          "field \"" + std::string(non_string_key) + "\" is not a string"));
    }
    return InvalidInput(AtLine(line,
                               "no text field (looked for \"text\", "
                               "\"content\", \"body\", \"article_content\")"));
  }
  const std::string& value = *text_value;

  // The body with its map into the line. The scanner's decoding must agree
  // with nlohmann's; if it ever does not, keep nlohmann's value and map it
  // as a whole to the string's extent.
  const std::optional<json_scan::StringExtent> extent =
      json_scan::FindTopLevelString(raw, text_key);
  TextBuilder body;
  if (extent && json_scan::DecodeString(raw, *extent, &body) &&
      body.text() == value) {
    doc->body = body.TakeText();
    doc->body_map = body.TakeMap();
  } else {
    doc->body = value;
    doc->body_map = OffsetMap();
    doc->body_map.AddReplace(0, value.size(), extent ? extent->begin : 0,
                             extent ? extent->end : raw.size());
    doc->diagnostics.push_back(
        {Diagnostic::Level::kWarning, "offset_map_approximate",
         "the text field could not be mapped character by "
         "character to the input line"});
  }
  doc->body_is_html = LooksLikeHtml(doc->body);

  GivenMeta& given = doc->given;
  given.id = GetString(obj, {"id"}, /*allow_number=*/true);
  given.title = GetString(obj, {"title"});
  given.url = GetString(obj, {"url"});
  given.published = GetString(obj, {"published", "date"});
  given.outlet = GetOutlet(obj);
  given.language = GetString(obj, {"language", "lang"});
  given.authors = GetAuthors(obj);

  doc->id = DocumentId(Format::kJsonl, raw);
  doc->raw = std::make_shared<const std::string>(std::move(raw));
  return Status::Ok();
}

}  // namespace

Status ReadJsonl(InputText&& in, const IngestOptions& options,
                 IngestSink& sink) {
  const std::string_view data = in.data;
  Progress progress(sink, in.file_size, data.size());
  int64_t line_number = 0;
  int64_t record = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    const void* hit = std::memchr(data.data() + pos, '\n', data.size() - pos);
    const size_t end =
        hit ? static_cast<size_t>(static_cast<const char*>(hit) - data.data())
            : data.size();
    std::string_view line = data.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = hit ? end + 1 : end;
    ++line_number;
    if (TrimAscii(line).empty()) continue;
    const int64_t index = record++;

    if (line.size() > options.max_line_bytes) {
      sink.OnError(in.path, line_number,
                   TooLarge(LineTooLarge(line_number, line.size(),
                                         options.max_line_bytes)));
      progress.Report(pos);
      continue;
    }

    RawDocument doc;
    doc.path = in.path;
    doc.line = line_number;
    doc.record = index;
    doc.format = Format::kJsonl;
    std::string raw;
    if (in.decoded) {
      raw.assign(line);
      doc.encoding = in.encoding;
      doc.diagnostics = in.diagnostics;
    } else {
      Result<Decoded> decoded = DecodeBytes(line);
      if (!decoded.ok()) {
        sink.OnError(in.path, line_number,
                     Status(decoded.status().code(),
                            AtLine(line_number, decoded.status().message())));
        progress.Report(pos);
        continue;
      }
      raw = std::move(decoded->text);
      doc.encoding = std::move(decoded->encoding);
      doc.diagnostics = std::move(decoded->diagnostics);
    }
    if (raw.size() > options.max_document_bytes) {
      sink.OnError(in.path, line_number,
                   TooLarge(LineTooLarge(line_number, raw.size(),
                                         options.max_document_bytes)));
      progress.Report(pos);
      continue;
    }

    Status built;
    try {
      built = BuildDocument(std::move(raw), line_number, &doc);
    } catch (
        const std::exception& e) {  // nlohmann or allocation; never escapes
      built = InternalError(AtLine(line_number, e.what()));
    }
    if (!built.ok()) {
      sink.OnError(in.path, line_number, built);
    } else if (!sink.OnDocument(std::move(doc))) {
      return StoppedBySink();
    }
    progress.Report(pos);
  }
  if (record == 0) sink.OnError(in.path, 0, InvalidInput("empty document"));
  progress.Report(data.size());
  return Status::Ok();
}

}  // namespace dossier::ingest_internal
