// Fuzzes the CSV reader in memory (gunzip, decoding, ReadCsv). The first byte
// picks the limits and whether explicit column names are given. Invariants:
// every RawDocument is well-formed (fuzz_common.h); lines and record numbers
// increase; a record is not larger than the limits.
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
  if (data[0] & 2) {
    options.csv_text = "body";
    options.csv_date = "day";
  }
  if (data[0] & 4) {
    options.csv_title = "headline";
    options.csv_id = "id";
  }
  fuzz::ReadResult r = fuzz::ReadMemory(bytes, Format::kCsv, options);
  FUZZ_CHECK(r.status.ok());
  int64_t last_line = 0, last_record = -1;
  for (const RawDocument& d : r.docs) {
    fuzz::CheckRawDocument(d);
    FUZZ_CHECK(d.format == Format::kCsv);
    FUZZ_CHECK(d.line > last_line);
    FUZZ_CHECK(d.record > last_record);
    last_line = d.line;
    last_record = d.record;
    FUZZ_CHECK(d.raw->size() <= options.max_line_bytes);
  }
  return 0;
}
