// Fuzzes byte decoding (DecodeBytes, SniffEncoding, CheckNotBinary) and
// Gunzip with a small output limit. Invariants: both DecodeBytes overloads
// agree; decoded text is valid UTF-8 with a known encoding name; valid
// BOM-less UTF-8 that is not sniffed as UTF-16 comes back unchanged; Gunzip
// never returns more than its limit and round-trips what zlib compresses.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "dossier/utf8.h"
#include "fuzz_common.h"
#include "ingest/decode.h"

namespace {

using namespace dossier;

std::string GzipOf(std::string_view data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  const std::string_view sniffed = SniffEncoding(bytes);
  FUZZ_CHECK(sniffed.empty() || sniffed == "utf-8-bom" ||
             sniffed == "utf-16le" || sniffed == "utf-16be");
  (void)CheckNotBinary(bytes);

  Result<Decoded> a = DecodeBytes(bytes);
  Result<Decoded> b = DecodeBytes(std::string(bytes));
  FUZZ_CHECK(a.ok() == b.ok());
  if (a.ok()) {
    FUZZ_CHECK(a->text == b->text);
    FUZZ_CHECK(a->encoding == b->encoding);
    FUZZ_CHECK(utf8::IsValid(a->text));
    FUZZ_CHECK(a->encoding == "utf-8" || a->encoding == "utf-8-bom" ||
               a->encoding == "utf-16le" || a->encoding == "utf-16be" ||
               a->encoding == "windows-1252");
    if (sniffed.empty() && utf8::IsValid(bytes)) {
      FUZZ_CHECK(a->encoding == "utf-8");
      FUZZ_CHECK(a->text == bytes);
    }
    if (sniffed.empty() && a->encoding == "utf-8") FUZZ_CHECK(a->text == bytes);
  } else {
    FUZZ_CHECK(a.status().code() == StatusCode::kInvalidInput);
  }

  // Gunzip of the input itself, with a small limit.
  constexpr size_t kLimit = 1 << 20;
  Result<std::string> g = Gunzip(bytes, kLimit);
  if (g.ok()) {
    FUZZ_CHECK(g->size() <= kLimit);
  } else {
    FUZZ_CHECK(g.status().code() == StatusCode::kInvalidInput ||
               g.status().code() == StatusCode::kTooLarge);
  }
  // Gunzip at exactly the size of what it gave is fine; one byte less is not.
  if (g.ok() && !g->empty()) {
    Result<std::string> tight = Gunzip(bytes, g->size());
    FUZZ_CHECK(tight.ok() && *tight == *g);
    Result<std::string> small = Gunzip(bytes, g->size() - 1);
    FUZZ_CHECK(!small.ok() && small.status().code() == StatusCode::kTooLarge);
  }

  // Round trip through zlib, and two concatenated members.
  const std::string packed = GzipOf(bytes);
  Result<std::string> back = Gunzip(packed, kLimit);
  FUZZ_CHECK(back.ok() && *back == bytes);
  Result<std::string> twice = Gunzip(packed + packed, 2 * size + 1);
  FUZZ_CHECK(twice.ok() && *twice == std::string(bytes) + std::string(bytes));
  // A truncated stream is an error, never a crash or a short success.
  if (packed.size() > 12) {
    Result<std::string> cut = Gunzip(std::string_view(packed).substr(0, packed.size() - 9), kLimit);
    FUZZ_CHECK(!cut.ok());
  }
  return 0;
}
