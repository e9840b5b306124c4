// Fuzzes the whole path of `dossier extract` in memory: the first byte picks
// the container format (text, markdown, html, jsonl, csv), the rest is read
// by the in-memory ReadInput (fuzz_common.h), and every document goes through
// Pipeline::Process and Render. Invariants: CheckRawDocument on what the
// reader gives, CheckDocument on what the pipeline gives, CheckRecord on the
// rendered JSON (parses, text equal, offsets within bounds); a pipeline
// failure is only ever kInvalidInput.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dossier;
  if (size == 0) return 0;
  static constexpr Format kFormats[] = {Format::kText, Format::kMarkdown,
                                        Format::kHtml, Format::kJsonl,
                                        Format::kCsv};
  const Format format = kFormats[data[0] % 5];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  IngestOptions options;
  options.max_gunzip_bytes = 1 << 20;
  fuzz::ReadResult r = fuzz::ReadMemory(bytes, format, options);
  FUZZ_CHECK(r.status.ok());
  const Pipeline& pipeline = fuzz::GetPipeline();
  for (const RawDocument& raw : r.docs) {
    fuzz::CheckRawDocument(raw);
    Result<Document> doc = pipeline.Process(raw);
    if (!doc.ok()) {
      FUZZ_CHECK(doc.status().code() == StatusCode::kInvalidInput);
      continue;
    }
    fuzz::CheckDocument(*doc);
    const std::string record = pipeline.Render(*doc);
    fuzz::CheckRecord(record, *doc, /*tokens=*/true);
  }
  return 0;
}
