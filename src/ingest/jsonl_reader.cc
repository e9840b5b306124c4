// The JSONL reader: one article per line. Each line is validated and read
// with nlohmann::json (fields -> GivenMeta); the article body is decoded a
// second time from the line's source text by json_scan so that every body
// byte maps back to the characters of the line it came from.
//
// Lines are numbered from 1 and blank lines are skipped; a line that cannot
// be read (malformed JSON, no text, too large, binary) is reported to the
// sink with its line number and reading goes on with the next line. Input
// without a BOM is decoded line by line, so a Windows-1252 line among UTF-8
// ones only affects itself.
#include <cstring>
#include <exception>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

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

// Fills `doc` from the decoded line `raw` (its path, encoding and
// diagnostics are already set).
Status BuildDocument(std::string raw, int64_t line, RawDocument* doc) {
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
