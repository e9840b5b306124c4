// CodepointCursor: utf8::CodepointIndex::ToCodepoint for the record writer
// (Pipeline::Render), which turns the byte offsets of every paragraph,
// sentence, quote, mention, voice record and marker into code point
// offsets, each array in text order.
#ifndef DOSSIER_PIPELINE_CODEPOINT_CURSOR_H_
#define DOSSIER_PIPELINE_CODEPOINT_CURSOR_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {

// The code point offset of a byte is the byte minus the continuation bytes
// before it. News text has few of them (curly quotes, dashes, accented
// names), so their positions are kept in a list and a cursor steps along it
// from the previous query (queries mostly move forward a little): cheaper,
// and cheaper to build, than CodepointIndex's table of every 16-byte block.
// Long jumps either way take a binary search, so text that is mostly
// non-ASCII costs little more. The same answers as CodepointIndex,
// clamping included.
class CodepointCursor {
 public:
  explicit CodepointCursor(std::string_view s) : size_(s.size()) {
    const char* p = s.data();
    const size_t n = s.size();
    size_t i = 0;
    bool high = false;
#if defined(__SSE2__)
    // Sixteen bytes a step; only a block with a byte >= 0x80 is looked into.
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      if (_mm_movemask_epi8(v) == 0) continue;
      high = true;
      // Continuation bytes (10xxxxxx) are the signed chars below -64.
      unsigned cont = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64))));
      for (; cont != 0; cont &= cont - 1)
        cont_.push_back(static_cast<uint32_t>(i + 1 + static_cast<size_t>(__builtin_ctz(cont))));
    }
#endif
    for (; i < n; ++i) {
      const unsigned char c = static_cast<unsigned char>(p[i]);
      high = high || c >= 0x80;
      if ((c & 0xC0) == 0x80) cont_.push_back(static_cast<uint32_t>(i + 1));
    }
    ascii_ = !high;
    cont_.push_back(UINT32_MAX);
  }

  // Code point offset of byte offset `byte` (0 <= byte <= size). A byte in
  // the middle of a sequence maps to the code point that contains it.
  size_t ToCodepoint(size_t byte) {
    if (ascii_) return byte;
    // Most queries fall between the same two continuation bytes as the one
    // before (k_ - 1 of them before it, none at it): answered here.
    const uint32_t* const c = cont_.data();
    if (byte < size_ && c[k_ - 1] <= byte && byte + 1 < c[k_]) return byte - (k_ - 1);
    return NonAscii(byte);
  }

 private:
  // Out of line: Render asks from some forty places.
  [[gnu::noinline]] size_t NonAscii(size_t byte) {
    if (byte > size_) byte = size_;
    const uint32_t* const c = cont_.data();
    const uint32_t b = static_cast<uint32_t>(byte + 1);
    // k becomes the index of the first entry >= b, so that c[k - 1] < b:
    // a few steps from the previous one, or a binary search beyond kSteps.
    // The sentinels stop the steps.
    constexpr size_t kSteps = 16;
    size_t k = k_;
    if (c[k] < b) {
      for (const size_t limit = k + kSteps; c[k] < b; ++k) {
        if (k == limit) {
          k = static_cast<size_t>(std::lower_bound(c + k, c + cont_.size(), b) - c);
          break;
        }
      }
    } else if (c[k - 1] >= b) {
      for (const size_t limit = k > kSteps ? k - kSteps : 1; c[k - 1] >= b; --k) {
        if (k == limit) {
          k = static_cast<size_t>(std::lower_bound(c + 1, c + k, b) - c);
          break;
        }
      }
    }
    k_ = k;
    size_t cp = byte - (k - 1);
    if (c[k] == b && cp > 0) --cp;
    return cp;
  }

  size_t size_;
  bool ascii_ = true;
  // 0, then 1 + the position of each continuation byte, then UINT32_MAX:
  // with the sentinels, no step needs a bounds check.
  std::vector<uint32_t> cont_{0};
  size_t k_ = 1;  // the previous answer's index
};

}  // namespace dossier

#endif  // DOSSIER_PIPELINE_CODEPOINT_CURSOR_H_
