// FindAnyOf<'a', 'b', ...>(p, i, n): the index of the first byte in [i, n)
// that is one of the given bytes, or n. Sixteen bytes a step with SSE2 (part
// of every x86-64 CPU), one at a time elsewhere. The hot scans of the
// segmenter spend most of their time skipping plain text to the next
// candidate byte; this is that skip.
#ifndef DOSSIER_CORE_BYTE_SCAN_H_
#define DOSSIER_CORE_BYTE_SCAN_H_

#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {

template <unsigned char... Bytes>
inline size_t FindAnyOf(const unsigned char* p, size_t i, size_t n) {
  static_assert(sizeof...(Bytes) > 0 && sizeof...(Bytes) <= 8, "one to eight bytes");
#if defined(__SSE2__)
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i hit = _mm_setzero_si128();
    ((hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(Bytes))))), ...);
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
    i += 16;
  }
#endif
  for (; i < n; ++i) {
    const unsigned char c = p[i];
    if (((c == Bytes) || ...)) return i;
  }
  return n;
}

}  // namespace dossier

#endif  // DOSSIER_CORE_BYTE_SCAN_H_
