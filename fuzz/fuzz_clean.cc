// Fuzzes Cleaner::Clean on a RawDocument made from the bytes (decoded as
// ingest would, or made valid UTF-8 when they look binary), once as plain
// text and once as Markdown. Invariants: CheckDocument (fuzz_common.h) on
// every cleaned document; a failure is only ever kInvalidInput.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "clean/cleaner.h"
#include "fuzz_common.h"
#include "ingest/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dossier;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string text;
  std::string encoding = "utf-8";
  if (Result<Decoded> d = DecodeBytes(bytes); d.ok()) {
    text = std::move(d->text);
    encoding = d->encoding;
  } else {
    text = fuzz::ToValidUtf8(bytes);
  }
  const Cleaner& cleaner = fuzz::GetPipeline().cleaner();
  auto raw = std::make_shared<const std::string>(std::move(text));
  for (Format format : {Format::kText, Format::kMarkdown}) {
    RawDocument doc;
    doc.path = "fuzz-input";
    doc.format = format;
    doc.raw = raw;
    doc.encoding = encoding;
    doc.body = *raw;
    doc.body_map = OffsetMap::Identity(raw->size());
    doc.id = "fuzz";
    Result<Document> cleaned = cleaner.Clean(doc);
    if (!cleaned.ok()) {
      FUZZ_CHECK(cleaned.status().code() == StatusCode::kInvalidInput);
      continue;
    }
    fuzz::CheckDocument(*cleaned);
  }
  return 0;
}
