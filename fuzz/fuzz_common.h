// Shared pieces of the libFuzzer targets: the real lexicon and pipeline
// (loaded once per process from the source tree's data/), an in-memory
// stand-in for ReadInput (the same steps after the file is read: gunzip,
// sniff, decode, per-format reader), input shaping helpers, and the invariant
// checks every target applies to what it gets back. A violated invariant
// prints what failed and traps, so libFuzzer saves the input as a crash.
#ifndef DOSSIER_FUZZ_FUZZ_COMMON_H_
#define DOSSIER_FUZZ_FUZZ_COMMON_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean/html_extract.h"
#include "dossier/document.h"
#include "dossier/lexicon.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

// Aborts the run (libFuzzer saves the input) when `cond` is false.
#define FUZZ_CHECK(cond)                                                   \
  do {                                                                     \
    if (!(cond)) {                                                         \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond,  \
                   __FILE__, __LINE__);                                    \
      __builtin_trap();                                                    \
    }                                                                      \
  } while (0)

namespace dossier::fuzz {

// The lexicon of DOSSIER_SOURCE_DIR/data, loaded on first use.
std::shared_ptr<const Lexicon> GetLexicon();
// A pipeline over GetLexicon() with tokens on, created on first use.
const Pipeline& GetPipeline();

// What the in-memory reader produced.
struct ReadResult {
  std::vector<RawDocument> docs;
  std::vector<std::string> errors;  // "path:line: status"
  Status status;                    // ReadInput's return value
};

// ReadInput without the file: `bytes` as if read from a file whose name
// implies `format` (nullopt = unknown extension, so the format is sniffed).
ReadResult ReadMemory(std::string_view bytes, std::optional<Format> format,
                      const IngestOptions& options);
// ReadInput on a real file: `bytes` written to a per-process temp file named
// with `suffix` (".txt", ".md.gz", "" ...).
ReadResult ReadViaFile(std::string_view bytes, const std::string& suffix,
                       const IngestOptions& options);

// `bytes` made valid UTF-8: every invalid byte becomes U+FFFD.
std::string ToValidUtf8(std::string_view bytes);

// Invariants (each traps on violation).
// A RawDocument from a reader: raw and body valid UTF-8, body_map covers the
// body, pieces contiguous and in bounds, copy pieces identical to raw.
void CheckRawDocument(const RawDocument& doc);
// A map from `out` to `in`: contiguous pieces covering `out`, input ranges in
// bounds, copy pieces byte-identical. `monotone` also requires input ranges
// to move forward.
void CheckMap(const OffsetMap& map, std::string_view out, std::string_view in,
              bool monotone);
// A cleaned (and possibly segmented) document: text valid UTF-8, raw_map
// consistent with text and raw, meta and comments valid, and all segment
// spans in bounds, ordered and on character boundaries.
void CheckDocument(const Document& doc);
// Segment spans of `doc` against doc.text only.
void CheckSegments(const Document& doc);
// The rendered record: parses as JSON, has the schema's keys, its text is the
// document's text, and its offsets are within the code point counts.
void CheckRecord(const std::string& record, const Document& doc, bool tokens);
// An HTML extraction of `html`.
void CheckHtmlExtract(const HtmlExtract& x, std::string_view html);
// A loose date result: "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month
// and day.
void CheckIsoDate(const std::string& date);

}  // namespace dossier::fuzz

#endif  // DOSSIER_FUZZ_FUZZ_COMMON_H_
