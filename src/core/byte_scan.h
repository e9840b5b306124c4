// Byte-level helpers of the hot scans.
//
// FindAnyOf<'a', 'b', ...>(p, i, n): the index of the first byte in [i, n)
// that is one of the given bytes, or n. Sixteen bytes a step with SSE2 (part
// of every x86-64 CPU), one at a time elsewhere. The hot scans of the
// segmenter spend most of their time skipping plain text to the next
// candidate byte; this is that skip.
//
// JsonPlainWord(w): eight bytes at once, none of which a JSON string must
// escape or look at (the JSON writer and the JSONL reader). JsonSpecial16:
// the same test on sixteen bytes with SSE2, as a bit mask.
//
// AsciiLetters16(v): the ASCII letters of sixteen bytes (SSE2).
//
// HasApostrophe(text): a straight or typographic (U+2019) apostrophe
// anywhere in text. Copy with none has lost the possessives' ones too
// ("Syrias north"): the places and actors layers read it so.
//
// ShortKey / ShortKeyPadded / ShortKeyHash: a word's first eight bytes as
// one integer, and a hash of it with the word's length, for the
// open-addressing word tables of the layers (one load per token when the
// text is padded).
#ifndef DOSSIER_CORE_BYTE_SCAN_H_
#define DOSSIER_CORE_BYTE_SCAN_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

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

#if defined(__SSE2__)
// The ASCII letters among 16 bytes, as 0xFF lanes: a byte whose
// (b | 0x20) - 'a' is below 26, unsigned (the dates' and quantities'
// word-end masks).
inline __m128i AsciiLetters16(__m128i v) {
  const __m128i t = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)), t);
}
#endif

// True if no byte of `w` is a control byte (< 0x20), a quote, a backslash
// or >= 0x80. Exact as a whole: a borrow can only flag a byte above one
// that is flagged for itself.
inline bool JsonPlainWord(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const uint64_t q = w ^ (kOnes * '"'), bs = w ^ (kOnes * '\\');
  return ((((w - kOnes * 0x20) & ~w) | ((q - kOnes) & ~q) | ((bs - kOnes) & ~bs) | w) &
          kHigh) == 0;
}

#if defined(__SSE2__)
// Bit i set if byte i of `v` is one JsonPlainWord rejects. One signed
// compare covers two of the cases: bytes < 0x20 and bytes >= 0x80 (negative
// as signed chars) are exactly those less than 0x20 as signed.
inline unsigned JsonSpecial16(__m128i v) {
  const __m128i bad =
      _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
  return static_cast<unsigned>(_mm_movemask_epi8(bad));
}
#endif

// The first (up to) eight bytes of `w`, zero-padded, byte i in bits 8i..8i+7.
inline uint64_t ShortKey(std::string_view w) {
  uint64_t k = 0;
  for (size_t i = 0; i < w.size() && i < 8; ++i)
    k |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
  return k;
}

// ShortKey of the `len` bytes at p, when eight bytes can be read from p (the
// caller pads its buffer): one load instead of a loop.
inline uint64_t ShortKeyPadded(const char* p, size_t len) {
  if constexpr (std::endian::native != std::endian::little) return ShortKey({p, len});
  uint64_t key;
  std::memcpy(&key, p, 8);
  if (len < 8) key &= (uint64_t{1} << (8 * len)) - 1;
  return key;
}

// Where a word with this key and length starts probing.
inline uint64_t ShortKeyHash(uint64_t key, size_t len) {
  uint64_t h = (key ^ (len * 0x9E3779B97F4A7C15ull)) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 29);
}

inline bool HasApostrophe(std::string_view text) {
  return text.find('\'') != std::string_view::npos ||
         text.find("\xE2\x80\x99") != std::string_view::npos;
}

}  // namespace dossier

#endif  // DOSSIER_CORE_BYTE_SCAN_H_
