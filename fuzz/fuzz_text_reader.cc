// Fuzzes ReadInput on whole-document inputs through a real file (per-process
// temp file), so that extension handling, gzip sniffing, decoding and format
// sniffing run exactly as for a user's file. The first byte picks the file
// name suffix; the rest is the file content. Invariants: every RawDocument
// is well-formed (fuzz_common.h), text/markdown/html files give at most one
// document, and ReadInput only fails when the sink stops it (never here).
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dossier;
  if (size == 0) return 0;
  static const char* const kSuffixes[] = {".txt", ".md",     ".html",   ".htm",
                                          "",     ".txt.gz", ".html.gz", ".gz"};
  const std::string suffix = kSuffixes[data[0] % 8];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  IngestOptions options;
  options.max_document_bytes = (data[0] & 0x80) ? 4096 : 1 << 20;
  options.max_gunzip_bytes = 1 << 20;
  fuzz::ReadResult r = fuzz::ReadViaFile(bytes, suffix, options);
  FUZZ_CHECK(r.status.ok());
  const bool whole = suffix != "" && suffix != ".gz";
  if (whole) FUZZ_CHECK(r.docs.size() + r.errors.size() <= 1);
  for (const RawDocument& d : r.docs) {
    fuzz::CheckRawDocument(d);
    FUZZ_CHECK(d.raw->size() <= options.max_document_bytes);
    if (d.format == Format::kText || d.format == Format::kMarkdown ||
        d.format == Format::kHtml) {
      FUZZ_CHECK(d.body == *d.raw);
      FUZZ_CHECK(d.body_is_html == (d.format == Format::kHtml));
    }
  }
  return 0;
}
