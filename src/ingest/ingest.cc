// The ingest entry points: ListInputs walks paths, FormatFromPath names a
// file's container format, ReadInput reads one input (file or stdin),
// gunzips it, decodes it and hands it to the reader for its format
// (readers.h). Every failure is reported to the sink or callback; nothing
// here throws (std::filesystem is used through its error_code overloads).
#include "ingest/ingest.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>

#include "ingest/decode.h"
#include "ingest/json_scan.h"
#include "ingest/readers.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;
using ingest_internal::InputText;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

std::string_view FileName(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool IsGzipName(std::string_view path) {
  return EndsWithIgnoreCase(FileName(path), ".gz");
}

std::string ErrnoMessage(int err) { return std::strerror(err); }

// Reads the file at `path` into `out`. A regular file larger than
// `max_size` is not read (kTooLarge naming `limit`, the document limit).
Status ReadFileBytes(const std::string& path, uint64_t max_size, uint64_t limit,
                     std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    if (err == ENOENT) return NotFound(path + ": no such file or directory");
    return IoError(path + ": " + ErrnoMessage(err));
  }
  struct stat st;
  if (fstat(fileno(f), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      std::fclose(f);
      return IoError(path + ": is a directory");
    }
    if (S_ISREG(st.st_mode)) {
      const uint64_t size = static_cast<uint64_t>(st.st_size);
      if (size > max_size) {
        std::fclose(f);
        return TooLarge("document of " + std::to_string(size) +
                        " bytes exceeds the limit of " + std::to_string(limit) +
                        " bytes");
      }
      out->reserve(static_cast<size_t>(size) + 1);
    }
  }
  Status status;
  for (;;) {
    const size_t old_size = out->size();
    // With the size known the first read fills the reserved space exactly
    // (plus one byte to see EOF); growing files and pipes read 256 KiB more.
    const size_t spare = out->capacity() - old_size;
    const size_t chunk = spare > 1 ? spare : size_t{256} << 10;
    out->resize(old_size + chunk);
    const size_t got = std::fread(out->data() + old_size, 1, chunk, f);
    out->resize(old_size + got);
    if (got < chunk) {
      if (std::ferror(f))
        status = IoError(path + ": read failed: " + ErrnoMessage(errno));
      break;
    }
  }
  std::fclose(f);
  return status;
}

Status ReadStdin(std::string* out) {
  std::string buffer(size_t{1} << 20, '\0');
  for (;;) {
    const size_t got = std::fread(buffer.data(), 1, buffer.size(), stdin);
    out->append(buffer.data(), got);
    if (got < buffer.size()) {
      if (std::ferror(stdin))
        return IoError("standard input: read failed: " + ErrnoMessage(errno));
      return Status::Ok();
    }
  }
}

bool AcceptsJsonObject(std::string_view line) {
  try {
    if (nlohmann::json::accept(line)) return true;
    return json_scan::HasSurrogateEscape(line) &&
           nlohmann::json::accept(json_scan::ReplaceLoneSurrogateEscapes(line));
  } catch (const std::exception&) {
    return false;
  }
}

// The format of input without a known extension (stdin, "notes", "x.gz"):
// a JSON object on the first line -> jsonl; markup -> html; else text.
Format SniffFormat(std::string_view text) {
  size_t i = 0;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
          text[i] == '\r' || text[i] == '\f' || text[i] == '\v')) {
    ++i;
  }
  if (i < text.size() && text[i] == '{') {
    std::string_view line = text.substr(i);
    line = line.substr(0, line.find('\n'));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (AcceptsJsonObject(line)) return Format::kJsonl;
  }
  if (ingest_internal::LooksLikeHtml(text)) return Format::kHtml;
  return Format::kText;
}

void ListDirectory(
    const std::string& dir, std::vector<InputFile>* out,
    const std::function<void(const std::string&, const Status&)>& on_error) {
  std::error_code ec;
  fs::recursive_directory_iterator it(
      dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    on_error(dir, IoError(dir + ": " + ec.message()));
    return;
  }
  const fs::recursive_directory_iterator end;
  while (it != end) {
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    std::error_code type_ec;
    const bool is_dir = entry.is_directory(type_ec);
    if (!name.empty() && name[0] == '.') {
      if (is_dir)
        it.disable_recursion_pending();  // hidden folder: skip it whole
    } else if (!is_dir && entry.is_regular_file(type_ec)) {
      std::string path = entry.path().string();
      if (FormatFromPath(path)) {
        std::error_code size_ec;
        const uintmax_t size = entry.file_size(size_ec);
        out->push_back(
            {std::move(path), size_ec ? 0 : static_cast<uint64_t>(size)});
      }
    }
    it.increment(ec);
    if (ec) {
      on_error(dir, IoError(dir + ": " + ec.message()));
      return;
    }
  }
}

}  // namespace

std::optional<Format> FormatFromPath(const std::string& path) {
  std::string_view name = FileName(path);
  if (EndsWithIgnoreCase(name, ".gz")) name.remove_suffix(3);
  const size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string_view ext = name.substr(dot + 1);
  if (EqualsIgnoreCase(ext, "txt")) return Format::kText;
  if (EqualsIgnoreCase(ext, "md")) return Format::kMarkdown;
  if (EqualsIgnoreCase(ext, "html") || EqualsIgnoreCase(ext, "htm"))
    return Format::kHtml;
  if (EqualsIgnoreCase(ext, "jsonl") || EqualsIgnoreCase(ext, "ndjson"))
    return Format::kJsonl;
  if (EqualsIgnoreCase(ext, "csv")) return Format::kCsv;
  return std::nullopt;
}

std::vector<InputFile> ListInputs(
    const std::vector<std::string>& paths,
    const std::function<void(const std::string& path, const Status&)>&
        on_error) {
  std::vector<InputFile> inputs;
  for (const std::string& path : paths) {
    if (path == "-") {
      inputs.push_back({"-", 0});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) {
      if (!ec || ec == std::errc::no_such_file_or_directory) {
        on_error(path, NotFound(path + ": no such file or directory"));
      } else {
        on_error(path, IoError(path + ": " + ec.message()));
      }
      continue;
    }
    if (fs::is_directory(status)) {
      std::vector<InputFile> found;
      ListDirectory(path, &found, on_error);
      std::sort(found.begin(), found.end(),
                [](const InputFile& a, const InputFile& b) {
                  return a.path < b.path;
                });
      inputs.insert(inputs.end(), std::make_move_iterator(found.begin()),
                    std::make_move_iterator(found.end()));
      continue;
    }
    // A file named explicitly is read whatever its name (unknown extensions
    // are sniffed like stdin).
    const uintmax_t size =
        fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
    inputs.push_back({path, ec ? 0 : static_cast<uint64_t>(size)});
  }
  return inputs;
}

Status ReadInput(const InputFile& input, const IngestOptions& options,
                 IngestSink& sink) {
  const bool is_stdin = input.path == "-";
  std::optional<Format> format =
      is_stdin ? options.stdin_format : FormatFromPath(input.path);
  const bool whole_document =
      format && (*format == Format::kText || *format == Format::kMarkdown ||
                 *format == Format::kHtml);

  std::string bytes;
  // A plain text/html file more than twice the document limit cannot decode
  // to less than the limit (UTF-16 halves at most), so it is not even read.
  const uint64_t max_read =
      whole_document && !IsGzipName(input.path) &&
              options.max_document_bytes < (UINT64_MAX - 4) / 2
          ? uint64_t{options.max_document_bytes} * 2 + 4
          : UINT64_MAX;
  const Status read = is_stdin
                          ? ReadStdin(&bytes)
                          : ReadFileBytes(input.path, max_read,
                                          options.max_document_bytes, &bytes);
  if (!read.ok()) {
    sink.OnError(input.path, 0, read);
    return Status::Ok();
  }
  const uint64_t file_size = bytes.size();

  if (HasGzipMagic(bytes) || (!is_stdin && IsGzipName(input.path))) {
    Result<std::string> gunzipped = Gunzip(bytes, options.max_gunzip_bytes);
    if (!gunzipped.ok()) {
      sink.OnError(input.path, 0, gunzipped.status());
      sink.OnProgress(file_size);
      return Status::Ok();
    }
    bytes = std::move(*gunzipped);
  }

  InputText in;
  in.path = input.path;
  in.file_size = file_size;

  // BOM-less JSONL is decoded line by line by its reader.
  if (format == Format::kJsonl && SniffEncoding(bytes).empty()) {
    if (Status binary = CheckNotBinary(bytes); !binary.ok()) {
      sink.OnError(input.path, 0, binary);
      sink.OnProgress(file_size);
      return Status::Ok();
    }
    in.data = std::move(bytes);
    return ingest_internal::ReadJsonl(std::move(in), options, sink);
  }

  Result<Decoded> decoded = DecodeBytes(std::move(bytes));
  if (!decoded.ok()) {
    sink.OnError(input.path, 0, decoded.status());
    sink.OnProgress(file_size);
    return Status::Ok();
  }
  in.data = std::move(decoded->text);
  in.decoded = true;
  in.encoding = std::move(decoded->encoding);
  in.diagnostics = std::move(decoded->diagnostics);
  if (!format) format = SniffFormat(in.data);

  switch (*format) {
    case Format::kJsonl:
      return ingest_internal::ReadJsonl(std::move(in), options, sink);
    case Format::kCsv:
      return ingest_internal::ReadCsv(std::move(in), options, sink);
    case Format::kText:
    case Format::kMarkdown:
    case Format::kHtml:
      break;
  }
  return ingest_internal::ReadWholeDocument(std::move(in), *format, options,
                                            sink);
}

}  // namespace dossier
