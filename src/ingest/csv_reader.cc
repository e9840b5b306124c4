// The CSV reader: one article per row after a header (RFC 4180: quoted
// fields, "" for a quote, delimiters and line breaks inside quotes, CRLF or
// LF). The whole file is decoded first (readers.h InputText), then scanned in
// place; each record's raw text is its exact source from its first byte to
// the end of its last field, and the body is the unquoted text field with a
// map back into that raw text.
//
// Like Python's csv module the scanner is lenient where RFC 4180 is silent:
// a quote inside an unquoted field is a literal character, text after a
// closing quote belongs to the same field, and a lone CR ends a record. The
// delimiter is ',' unless the header line has no comma but tabs or
// semicolons.
#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/readers.h"

namespace dossier::ingest_internal {
namespace {

// One record: its extent in the text and the extent of each field (quotes
// included).
struct CsvRecord {
  size_t begin = 0, end = 0;  // without the record terminator
  int64_t line = 0;           // 1-based line where the record starts
  std::vector<std::pair<size_t, size_t>> fields;
};

class CsvScanner {
 public:
  enum class Next { kRecord, kEnd, kUnterminated };

  CsvScanner(std::string_view text, char delimiter)
      : text_(text), delimiter_(delimiter) {}

  // Reads the next record into `rec`. kUnterminated: a quoted field runs to
  // the end of the input (`rec` holds what there is; the input is consumed).
  Next Read(CsvRecord* rec) {
    const size_t n = text_.size();
    if (pos_ >= n) return Next::kEnd;
    rec->begin = pos_;
    rec->line = line_;
    rec->fields.clear();
    for (;;) {
      const size_t field_begin = pos_;
      if (pos_ < n && text_[pos_] == '"') {
        size_t i = pos_ + 1;
        for (;;) {
          const void* hit = std::memchr(text_.data() + i, '"', n - i);
          if (hit == nullptr) {
            line_ += CountLineBreaks(pos_, n);
            pos_ = n;
            rec->fields.emplace_back(field_begin, n);
            rec->end = n;
            return Next::kUnterminated;
          }
          const size_t quote =
              static_cast<size_t>(static_cast<const char*>(hit) - text_.data());
          if (quote + 1 < n && text_[quote + 1] == '"') {
            i = quote + 2;  // "" inside quotes
            continue;
          }
          i = quote + 1;
          break;
        }
        line_ += CountLineBreaks(pos_, i);
        pos_ = i;
      }
      // An unquoted field, or what follows a closing quote.
      while (pos_ < n) {
        const char c = text_[pos_];
        if (c == delimiter_ || c == '\n' || c == '\r') break;
        ++pos_;
      }
      rec->fields.emplace_back(field_begin, pos_);
      if (pos_ < n && text_[pos_] == delimiter_) {
        ++pos_;
        continue;
      }
      break;
    }
    rec->end = pos_;
    if (pos_ < n) {  // the terminator: CRLF, LF or CR
      if (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n')
        ++pos_;
      ++pos_;
      ++line_;
    }
    return Next::kRecord;
  }

  size_t position() const { return pos_; }

 private:
  // Line breaks in text[from, to): CRLF, LF and a lone CR count once each.
  int64_t CountLineBreaks(size_t from, size_t to) const {
    int64_t breaks = 0;
    for (size_t i = from; i < to; ++i) {
      const char c = text_[i];
      if (c == '\n') {
        ++breaks;
      } else if (c == '\r' && !(i + 1 < text_.size() && text_[i + 1] == '\n')) {
        ++breaks;
      }
    }
    return breaks;
  }

  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  int64_t line_ = 1;
};

// ',' unless the first line has no comma outside quotes but has tabs or
// semicolons.
char SniffDelimiter(std::string_view text) {
  size_t commas = 0, tabs = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    tabs += c == '\t';
    semicolons += c == ';';
  }
  if (commas > 0) return ',';
  if (tabs > 0 && tabs >= semicolons) return '\t';
  if (semicolons > 0) return ';';
  return ',';
}

// Appends the value of the field `source[begin, end)` (quotes included) to
// `out`: runs of content as Copy, each "" as a Replace by one quote. Input
// offsets are offsets in `source`.
void Unquote(std::string_view source, size_t begin, size_t end,
             TextBuilder* out) {
  if (begin >= end || source[begin] != '"') {
    out->Copy(source.substr(begin, end - begin), begin);
    return;
  }
  size_t run = begin + 1;
  size_t i = run;
  while (i < end) {
    const void* hit = std::memchr(source.data() + i, '"', end - i);
    if (hit == nullptr) break;
    const size_t quote =
        static_cast<size_t>(static_cast<const char*>(hit) - source.data());
    out->Copy(source.substr(run, quote - run), run);
    if (quote + 1 < end && source[quote + 1] == '"') {
      out->Replace("\"", quote, quote + 2);
      run = i = quote + 2;
      continue;
    }
    // The closing quote; anything after it up to the delimiter is literal.
    out->Copy(source.substr(quote + 1, end - quote - 1), quote + 1);
    return;
  }
  out->Copy(source.substr(run, end - run), run);  // unterminated
}

std::string UnquoteValue(std::string_view source,
                         std::pair<size_t, size_t> field) {
  TextBuilder b;
  Unquote(source, field.first, field.second, &b);
  return b.TakeText();
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Where each recognised column is (-1: absent).
struct Columns {
  int text = -1, title = -1, date = -1, outlet = -1, url = -1, id = -1,
      authors = -1;
};

class HeaderIndex {
 public:
  explicit HeaderIndex(std::vector<std::string> names)
      : names_(std::move(names)) {
    lower_.reserve(names_.size());
    for (const std::string& n : names_) lower_.push_back(ToLowerAscii(n));
  }

  // First column named like the first of `candidates` that exists.
  int Find(const std::vector<std::string_view>& candidates) const {
    for (std::string_view c : candidates) {
      if (int i = Find(c); i >= 0) return i;
    }
    return -1;
  }
  int Find(std::string_view name) const {
    const std::string wanted = ToLowerAscii(TrimAscii(name));
    for (size_t i = 0; i < lower_.size(); ++i) {
      if (lower_[i] == wanted) return static_cast<int>(i);
    }
    return -1;
  }
  // "a, b, c" for messages.
  std::string List() const {
    std::string out;
    for (const std::string& n : names_) {
      if (!out.empty()) out += ", ";
      out += n.empty() ? "\"\"" : n;
    }
    return out;
  }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_, lower_;
};

// Resolves the columns of `header`, honouring the csv_* overrides.
Status ResolveColumns(const HeaderIndex& header, const IngestOptions& options,
                      Columns* cols) {
  struct Slot {
    int* index;
    const std::string& override_name;
    const char* what;
    std::vector<std::string_view> names;
  };
  const Slot slots[] = {
      {&cols->text,
       options.csv_text,
       "text",
       {"text", "content", "article_content", "body", "article_text"}},
      {&cols->title,
       options.csv_title,
       "title",
       {"title", "article_title", "headline"}},
      {&cols->date,
       options.csv_date,
       "date",
       {"date", "published", "published_at", "pubdate"}},
      {&cols->outlet,
       options.csv_outlet,
       "outlet",
       {"source", "outlet", "site", "publisher"}},
      {&cols->url, options.csv_url, "url", {"url", "link"}},
      {&cols->id, options.csv_id, "id", {"id", "unit_id", "article_id"}},
  };
  for (const Slot& slot : slots) {
    if (slot.override_name.empty()) {
      *slot.index = header.Find(slot.names);
      continue;
    }
    *slot.index = header.Find(slot.override_name);
    if (*slot.index < 0) {
      return InvalidInput(std::string("csv ") + slot.what + " column \"" +
                          slot.override_name +
                          "\" not found (columns: " + header.List() + ")");
    }
  }
  cols->authors =
      header.Find(std::vector<std::string_view>{"author", "authors", "byline"});
  if (cols->text < 0) {
    return InvalidInput(
        "no text column (columns: " + header.List() +
        "); expected one of text, content, article_content, body, "
        "article_text");
  }
  return Status::Ok();
}

bool IsBlankRecord(std::string_view text, const CsvRecord& rec) {
  return rec.fields.size() == 1 &&
         TrimAscii(text.substr(rec.begin, rec.end - rec.begin)).empty();
}

std::optional<std::string> Value(std::string_view raw, const CsvRecord& rec,
                                 int column) {
  if (column < 0) return std::nullopt;
  const auto [b, e] = rec.fields[static_cast<size_t>(column)];
  std::string v = UnquoteValue(raw, {b - rec.begin, e - rec.begin});
  const std::string_view trimmed = TrimAscii(v);
  if (trimmed.empty()) return std::nullopt;
  return std::string(trimmed);
}

}  // namespace

Status ReadCsv(InputText&& in, const IngestOptions& options, IngestSink& sink) {
  const std::string_view text = in.data;
  Progress progress(sink, in.file_size, text.size());
  CsvScanner scanner(text, SniffDelimiter(text));
  CsvRecord rec;

  // The header: the first non-blank record.
  CsvScanner::Next next;
  do {
    next = scanner.Read(&rec);
  } while (next == CsvScanner::Next::kRecord && IsBlankRecord(text, rec));
  if (next == CsvScanner::Next::kEnd) {
    sink.OnError(in.path, 0, InvalidInput("empty document"));
    return Status::Ok();
  }
  if (next == CsvScanner::Next::kUnterminated) {
    sink.OnError(
        in.path, rec.line,
        InvalidInput(AtLine(rec.line,
                            "malformed CSV: unterminated quoted field in "
                            "the header")));
    return Status::Ok();
  }
  std::vector<std::string> names;
  names.reserve(rec.fields.size());
  for (const auto& field : rec.fields)
    names.emplace_back(TrimAscii(UnquoteValue(text, field)));
  const HeaderIndex header(std::move(names));
  Columns cols;
  if (Status s = ResolveColumns(header, options, &cols); !s.ok()) {
    sink.OnError(in.path, 0, s);
    return Status::Ok();
  }

  int64_t record = 0;
  for (;;) {
    next = scanner.Read(&rec);
    if (next == CsvScanner::Next::kEnd) break;
    const int64_t line = rec.line;
    if (next == CsvScanner::Next::kUnterminated) {
      sink.OnError(in.path, line,
                   InvalidInput(AtLine(
                       line, "malformed CSV: unterminated quoted field")));
      break;
    }
    if (IsBlankRecord(text, rec)) continue;
    const int64_t index = record++;
    const size_t size = rec.end - rec.begin;
    if (size > options.max_line_bytes || size > options.max_document_bytes) {
      const size_t limit =
          std::min(options.max_line_bytes, options.max_document_bytes);
      sink.OnError(in.path, line, TooLarge(LineTooLarge(line, size, limit)));
      progress.Report(scanner.position());
      continue;
    }
    if (rec.fields.size() != header.size()) {
      sink.OnError(in.path, line,
                   InvalidInput(AtLine(
                       line, "row has " + std::to_string(rec.fields.size()) +
                                 " fields, header has " +
                                 std::to_string(header.size()))));
      progress.Report(scanner.position());
      continue;
    }

    const std::string_view raw = text.substr(rec.begin, size);
    const auto [text_begin, text_end] =
        rec.fields[static_cast<size_t>(cols.text)];
    TextBuilder body;
    Unquote(raw, text_begin - rec.begin, text_end - rec.begin, &body);
    if (IsBlank(body.text())) {
      sink.OnError(in.path, line,
                   InvalidInput(AtLine(line, "empty text field")));
      progress.Report(scanner.position());
      continue;
    }

    RawDocument doc;
    doc.path = in.path;
    doc.line = line;
    doc.record = index;
    doc.format = Format::kCsv;
    doc.encoding = in.encoding;
    doc.diagnostics = in.diagnostics;
    doc.body = body.TakeText();
    doc.body_map = body.TakeMap();
    doc.body_is_html = LooksLikeHtml(doc.body);
    doc.given.id = Value(raw, rec, cols.id);
    doc.given.title = Value(raw, rec, cols.title);
    doc.given.published = Value(raw, rec, cols.date);
    doc.given.outlet = Value(raw, rec, cols.outlet);
    doc.given.url = Value(raw, rec, cols.url);
    if (auto authors = Value(raw, rec, cols.authors))
      doc.given.authors = SplitAuthors(*authors);
    doc.id = DocumentId(Format::kCsv, raw);
    doc.raw = std::make_shared<const std::string>(raw);
    if (!sink.OnDocument(std::move(doc))) return StoppedBySink();
    progress.Report(scanner.position());
  }
  progress.Report(text.size());
  return Status::Ok();
}

}  // namespace dossier::ingest_internal
