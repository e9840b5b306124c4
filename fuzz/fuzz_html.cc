// Fuzzes ExtractHtml. Input that is not valid UTF-8 must be refused; it is
// then made valid (invalid bytes -> U+FFFD) and extracted. The first byte
// picks a small or the default nesting limit. Invariants: text valid UTF-8,
// the map covers the text with copy pieces identical to the HTML, comment
// spans inside the HTML, meta valid UTF-8 (fuzz_common.h CheckHtmlExtract).
#include <cstdint>
#include <string>
#include <string_view>

#include "clean/html_extract.h"
#include "dossier/utf8.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dossier;
  if (size == 0) return 0;
  HtmlOptions options;
  if (data[0] & 1) options.max_depth = 8;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string fixed;
  if (!utf8::IsValid(bytes)) {
    Result<HtmlExtract> refused = ExtractHtml(bytes, options);
    FUZZ_CHECK(!refused.ok());
    fixed = fuzz::ToValidUtf8(bytes);
    bytes = fixed;
  }
  Result<HtmlExtract> x = ExtractHtml(bytes, options);
  FUZZ_CHECK(x.ok());
  fuzz::CheckHtmlExtract(*x, bytes);
  return 0;
}
