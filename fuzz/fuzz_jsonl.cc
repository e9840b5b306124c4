// Fuzzes the JSONL reader in memory (the steps of ReadInput for a .jsonl
// file: gunzip, per-line decoding of BOM-less input, ReadJsonl). The first
// byte picks the limits. Invariants: every RawDocument is well-formed
// (fuzz_common.h); its raw is one line of the input; record numbers and
// lines increase.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dossier;
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  IngestOptions options;
  options.max_gunzip_bytes = 1 << 20;
  if (data[0] & 1) options.max_line_bytes = 256;
  if (data[0] & 2) options.max_document_bytes = 512;
  fuzz::ReadResult r = fuzz::ReadMemory(bytes, Format::kJsonl, options);
  FUZZ_CHECK(r.status.ok());
  int64_t last_line = 0, last_record = -1;
  for (const RawDocument& d : r.docs) {
    fuzz::CheckRawDocument(d);
    FUZZ_CHECK(d.format == Format::kJsonl);
    FUZZ_CHECK(d.line > last_line);
    FUZZ_CHECK(d.record > last_record);
    last_line = d.line;
    last_record = d.record;
    FUZZ_CHECK(d.raw->find('\n') == std::string::npos);
    // max_line_bytes counts input bytes; the decoded record (Windows-1252
    // grows) is held to max_document_bytes.
    FUZZ_CHECK(d.raw->size() <= options.max_document_bytes);
  }
  return 0;
}
