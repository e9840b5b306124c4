// The whole-file reader (text, markdown, html: one article per input) and the
// helpers the format readers share (readers.h).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include <memory>
#include <utility>

#include "dossier/content_id.h"
#include "dossier/utf8.h"
#include "ingest/readers.h"

namespace dossier::ingest_internal {
namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

char ToLowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Tag names whose presence marks a text as HTML markup.
constexpr std::string_view kHtmlTags[] = {
    "p",  "br", "div",   "html",       "body",     "head",  "article", "span",
    "a",  "h1", "h2",    "h3",         "h4",       "h5",    "h6",      "ul",
    "ol", "li", "table", "section",    "img",      "meta",  "title",   "strong",
    "em", "b",  "i",     "blockquote", "!doctype", "figure"};

// True if the '<' at s[i] opens (or closes) a known tag.
bool IsKnownTagAt(std::string_view s, size_t i) {
  size_t k = i + 1;
  if (k < s.size() && s[k] == '/') ++k;
  char name[16];
  size_t n = 0;
  while (k < s.size() && n < sizeof name &&
         (std::isalnum(static_cast<unsigned char>(s[k])) ||
          (n == 0 && s[k] == '!'))) {
    name[n++] = ToLowerAscii(s[k++]);
  }
  if (n == 0 || n == sizeof name) return false;
  if (k < s.size() && !(s[k] == '>' || s[k] == '/' || IsAsciiSpace(s[k])))
    return false;
  const std::string_view tag(name, n);
  return std::find(std::begin(kHtmlTags), std::end(kHtmlTags), tag) !=
         std::end(kHtmlTags);
}

}  // namespace

Status StoppedBySink() { return UsageError("stopped by the sink"); }

void Progress::Report(uint64_t data_offset) {
  uint64_t done = data_offset;
  if (file_size_ != 0 && data_size_ != 0 && file_size_ != data_size_) {
    done = static_cast<uint64_t>(static_cast<unsigned __int128>(data_offset) *
                                 file_size_ / data_size_);
  }
  sink_.OnProgress(done);
}

bool IsBlank(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!IsAsciiSpace(static_cast<char>(c))) return false;
      ++i;
      continue;
    }
    size_t len = 1;
    const char32_t cp = utf8::Decode(s, i, &len);
    if (!utf8::IsSpace(cp) && cp != 0xFEFF && cp != 0x200B) return false;
    i += len;
  }
  return true;
}

bool LooksLikeHtml(std::string_view body) {
  size_t i = 0;
  while (i < body.size() && IsAsciiSpace(body[i])) ++i;
  if (i >= body.size() || body[i] != '<') return false;
  const std::string_view window = body.substr(i, 64 * 1024);
  for (size_t k = 0; k < window.size();) {
    const void* hit = std::memchr(window.data() + k, '<', window.size() - k);
    if (hit == nullptr) break;
    k = static_cast<size_t>(static_cast<const char*>(hit) - window.data());
    if (IsKnownTagAt(window, k)) return true;
    ++k;
  }
  return false;
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitAuthors(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ';' || s[i] == '|') {
      const std::string_view name = TrimAscii(s.substr(start, i - start));
      if (!name.empty()) out.emplace_back(name);
      start = i + 1;
    }
  }
  return out;
}

std::string AtLine(int64_t line, std::string_view message) {
  std::string out = "line " + std::to_string(line) + ": ";
  out.append(message);
  return out;
}

std::string LineTooLarge(int64_t line, size_t bytes, size_t limit) {
  return AtLine(line, std::to_string(bytes) + " bytes exceeds the limit of " +
                          std::to_string(limit));
}

std::string DocumentId(Format format, std::string_view raw) {
  const std::string_view name = FormatName(format);
  std::string keyed;
  keyed.reserve(name.size() + 1 + raw.size());
  keyed.append(name);
  keyed.push_back('\0');
  keyed.append(raw);
  return ContentId(keyed);
}

Status ReadWholeDocument(InputText&& in, Format format,
                         const IngestOptions& options, IngestSink& sink) {
  Progress progress(sink, in.file_size, in.data.size());
  if (in.data.size() > options.max_document_bytes) {
    sink.OnError(
        in.path, 0,
        TooLarge("document of " + std::to_string(in.data.size()) +
                 " bytes exceeds the limit of " +
                 std::to_string(options.max_document_bytes) + " bytes"));
    progress.Report(in.data.size());
    return Status::Ok();
  }
  if (IsBlank(in.data)) {
    sink.OnError(in.path, 0, InvalidInput("empty document"));
    progress.Report(in.data.size());
    return Status::Ok();
  }
  RawDocument doc;
  doc.path = in.path;
  doc.format = format;
  doc.encoding = std::move(in.encoding);
  doc.diagnostics = std::move(in.diagnostics);
  doc.id = DocumentId(format, in.data);
  doc.body = in.data;
  doc.body_map = OffsetMap::Identity(in.data.size());
  doc.body_is_html = format == Format::kHtml;
  const size_t size = in.data.size();
  doc.raw = std::make_shared<const std::string>(std::move(in.data));
  if (!sink.OnDocument(std::move(doc))) return StoppedBySink();
  progress.Report(size);
  return Status::Ok();
}

}  // namespace dossier::ingest_internal
