// Ingest: turns paths (files, directories, "-" for stdin) into RawDocuments.
// It knows containers and encodings, not articles: .txt/.md/.html/.htm hold
// one article, .jsonl one per line, .csv one per row, .gz any of these. Bytes
// are decoded to UTF-8 (BOM, UTF-16 with BOM, Windows-1252 fallback) and the
// detected encoding is recorded. A file that cannot be read is reported to the
// sink and the walk goes on; nothing here throws.
#ifndef DOSSIER_INGEST_INGEST_H_
#define DOSSIER_INGEST_INGEST_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"

namespace dossier {

struct IngestOptions {
  // Largest decoded document (whole file for text/html; one record for
  // jsonl/csv). Larger inputs are reported as kTooLarge and skipped.
  size_t max_document_bytes = 64u << 20;
  // Longest JSONL line or CSV record, in bytes.
  size_t max_line_bytes = 64u << 20;
  // Largest decompressed size of a .gz file (guards against gzip bombs).
  size_t max_gunzip_bytes = 1u << 30;
  // CSV column names to use instead of the recognised ones; empty = auto.
  std::string csv_text, csv_title, csv_date, csv_outlet, csv_url, csv_id;
  // Format of stdin ("-"); default: sniffed (JSON object per line -> jsonl,
  // starts with '<' and has tags -> html, otherwise text).
  std::optional<Format> stdin_format;
};

// One input file found by ListInputs.
struct InputFile {
  std::string path;   // as given or found under a directory; "-" = stdin
  uint64_t size = 0;  // bytes on disk (0 for stdin), for progress and ETA
};

// Expands `paths`: files as given, directories recursively in sorted order
// (hidden files and unknown extensions skipped), "-" as stdin. A path that
// does not exist is reported through `on_error` (kNotFound, "<path>: no such
// file or directory") and skipped. Within a directory, hidden folders are not
// entered, symlinked folders are not followed, and paths sort bytewise.
std::vector<InputFile> ListInputs(
    const std::vector<std::string>& paths,
    const std::function<void(const std::string& path, const Status&)>&
        on_error);

// Receives what ReadInput produces.
class IngestSink {
 public:
  virtual ~IngestSink() = default;
  // Takes one document. Returns false to stop reading (e.g. on shutdown).
  virtual bool OnDocument(RawDocument&& doc) = 0;
  // A file or a record that could not be read; `line` is 0 for whole files.
  virtual void OnError(const std::string& path, int64_t line,
                       const Status& why) = 0;
  // Bytes of the current file consumed so far (for progress; optional).
  virtual void OnProgress(uint64_t bytes_done) {}
};

// Reads one input and sends its documents to `sink`, in order. Returns a
// non-OK Status (kUsage, "stopped by the sink") only when the sink asked to
// stop; every other problem goes to sink.OnError and reading goes on.
//
// Gzip is recognised by a ".gz" suffix or the gzip magic bytes (also on
// stdin). The format comes from the file name, IngestOptions::stdin_format
// for "-", and is otherwise sniffed (so a file named explicitly with an
// unknown extension is read like stdin). Record-level errors (jsonl, csv)
// carry the record's line and a message starting "line N: "; file-level
// errors have line 0. RawDocument::record counts every non-blank record of
// the file, including those reported as errors, so it is stable. An input
// with no article at all is reported as "empty document".
Status ReadInput(const InputFile& input, const IngestOptions& options,
                 IngestSink& sink);

// The Format implied by a file name (".txt" -> kText, ".md" -> kMarkdown,
// ".html"/".htm" -> kHtml, ".jsonl"/".ndjson" -> kJsonl, ".csv" -> kCsv, a
// ".gz" suffix is looked through). nullopt for unknown extensions.
std::optional<Format> FormatFromPath(const std::string& path);

}  // namespace dossier

#endif  // DOSSIER_INGEST_INGEST_H_
