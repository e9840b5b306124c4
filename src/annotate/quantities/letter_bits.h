// LetterDigitBits64: the ASCII letters and digits of up to 64 bytes as two
// bit masks, for the quantities' sentence pre-filter (Scanner::Worth), which
// finds the digits and the starts and ends of the runs of letters of a
// sentence with shifts and counts of trailing zeros instead of a turn of a
// loop per word.
#ifndef DOSSIER_ANNOTATE_QUANTITIES_LETTER_BITS_H_
#define DOSSIER_ANNOTATE_QUANTITIES_LETTER_BITS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "core/byte_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier {

struct LetterDigitBits {
  uint64_t letters = 0;  // bit k: p[k] is A-Z or a-z
  uint64_t digits = 0;   // bit k: p[k] is 0-9
};

// The masks of p[0..n), n <= 64; bits n..63 are clear. p[0..64) is read if
// `wide`, else only p[0..n).
inline LetterDigitBits LetterDigitBits64(const char* p, size_t n, bool wide) {
  LetterDigitBits m;
#if defined(__SSE2__)
  alignas(16) char tail[64];
  if (!wide) {  // zero bytes are neither letters nor digits
    std::memset(tail, 0, sizeof tail);
    std::memcpy(tail, p, n);
    p = tail;
  }
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    // A digit is a byte whose b - '0' is below 10, unsigned.
    const __m128i t = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
    m.letters |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(AsciiLetters16(v)))} << (16 * k);
    m.digits |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(digit))} << (16 * k);
  }
  if (n < 64) {
    const uint64_t in = (uint64_t{1} << n) - 1;
    m.letters &= in;
    m.digits &= in;
  }
#else
  (void)wide;
  for (size_t k = 0; k < n; ++k) {
    const char c = p[k];
    m.letters |= uint64_t{(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')} << k;
    m.digits |= uint64_t{c >= '0' && c <= '9'} << k;
  }
#endif
  return m;
}

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_QUANTITIES_LETTER_BITS_H_
