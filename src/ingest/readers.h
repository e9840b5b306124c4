// Internal interface between ReadInput (ingest.cc), which reads, gunzips and
// decodes an input, and the per-format readers that turn its text into
// RawDocuments: ReadWholeDocument (text, markdown, html), ReadJsonl and
// ReadCsv. Not part of the ingest API; tests use it through ReadInput.
#ifndef DOSSIER_INGEST_READERS_H_
#define DOSSIER_INGEST_READERS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"
#include "ingest/ingest.h"

namespace dossier::ingest_internal {

// The content of one input, ready for a format reader.
struct InputText {
  std::string path;  // as reported to the sink ("-" for stdin)
  // Decoded UTF-8 if `decoded`; otherwise raw bytes that are UTF-8 or
  // Windows-1252 and may be decoded piece by piece (JSONL line by line).
  std::string data;
  bool decoded = false;
  std::string encoding;                 // when decoded
  std::vector<Diagnostic> diagnostics;  // from decoding the whole input
  // Bytes read from disk or stdin (before gunzip), and so the unit of
  // IngestSink::OnProgress; 0 to report offsets in `data` unscaled.
  uint64_t file_size = 0;
};

// What ReadInput returns when the sink's OnDocument returned false.
Status StoppedBySink();

// Reports progress through `data` as a share of the bytes read from disk
// (which differ from `data` after gunzip or UTF-16 decoding).
class Progress {
 public:
  Progress(IngestSink& sink, uint64_t file_size, uint64_t data_size)
      : sink_(sink), file_size_(file_size), data_size_(data_size) {}
  void Report(uint64_t data_offset);

 private:
  IngestSink& sink_;
  uint64_t file_size_, data_size_;
};

// One article per input (text, markdown, html). `in` must be decoded.
Status ReadWholeDocument(InputText&& in, Format format,
                         const IngestOptions& options, IngestSink& sink);
// One article per line.
Status ReadJsonl(InputText&& in, const IngestOptions& options,
                 IngestSink& sink);
// One article per row after a header. `in` must be decoded.
Status ReadCsv(InputText&& in, const IngestOptions& options, IngestSink& sink);

// True if `s` is empty or only whitespace (ASCII and Unicode spaces, BOMs).
bool IsBlank(std::string_view s);
// True if `body` starts (after whitespace) with '<' and contains an HTML tag
// such as <p>, </p>, <br>, <div> in its first 64 KiB.
bool LooksLikeHtml(std::string_view body);
// Splits an author string on ';' or '|' into trimmed, non-empty names (a
// single name stays whole; "A and B" is left to the cleaner).
std::vector<std::string> SplitAuthors(std::string_view s);
// `s` without leading and trailing ASCII whitespace.
std::string_view TrimAscii(std::string_view s);
// "line N: " + message.
std::string AtLine(int64_t line, std::string_view message);
// Message for a record over a byte limit: "line N: X bytes exceeds the limit
// of Y".
std::string LineTooLarge(int64_t line, size_t bytes, size_t limit);
// ContentId over FormatName(format) + '\0' + raw.
std::string DocumentId(Format format, std::string_view raw);

}  // namespace dossier::ingest_internal

#endif  // DOSSIER_INGEST_READERS_H_
