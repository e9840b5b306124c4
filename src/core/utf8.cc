#include "dossier/utf8.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dossier::utf8 {

char32_t Decode(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = SeqLen(c);
  if (i + n > s.size()) n = 1;
  *len = n;
  switch (n) {
    case 1: return c;
    case 2: return ((c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    case 3:
      return ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    default:
      return ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) |
             ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
  }
}

char32_t DecodeBefore(std::string_view s, size_t end, size_t* len) {
  size_t b = end;
  if (b == 0) {
    *len = 0;
    return 0;
  }
  --b;
  while (b > 0 && end - b < 4 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  size_t n;
  char32_t cp = Decode(s, b, &n);
  *len = end - b;
  return cp;
}

void Append(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsAscii(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i)
    if (p[i] & 0x80) return false;
  return true;
}

size_t FirstInvalid(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    char32_t min;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    char32_t cp = c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return n;
}

bool IsValid(std::string_view s) { return FirstInvalid(s) == s.size(); }

size_t CountCodepoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsAlpha(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return u_isalpha(static_cast<UChar32>(cp));
}
bool IsDigit(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return u_isdigit(static_cast<UChar32>(cp));
}
bool IsAlnum(char32_t cp) { return IsAlpha(cp) || IsDigit(cp); }
bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}
bool IsLower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return u_islower(static_cast<UChar32>(cp));
}
bool IsSpace(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return u_isUWhiteSpace(static_cast<UChar32>(cp)) || cp == 0xA0 || cp == 0xFEFF;
}
bool IsPunct(char32_t cp) {
  if (cp < 0x80) return std::ispunct(static_cast<int>(cp)) != 0;
  return u_ispunct(static_cast<UChar32>(cp));
}

namespace {

constexpr size_t kCpBlock = 16;

#if defined(__SSE2__)
// Continuation bytes (10xxxxxx: -128..-65 as signed chars, so exactly those
// below -64) among the 16 bytes at p, as 0xFF bytes.
inline __m128i ContinuationBytes16(const char* p) {
  return _mm_cmplt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                        _mm_set1_epi8(-64));
}
#endif

// Set bits of a 16-bit mask, by two table lookups (POPCNT is not part of
// baseline x86-64).
struct BitCounts {
  uint8_t n[256];
  constexpr BitCounts() : n() {
    for (int i = 1; i < 256; ++i) n[i] = static_cast<uint8_t>(n[i / 2] + (i & 1));
  }
};
constexpr BitCounts kBitCounts;
inline size_t BitCount16(unsigned m) { return kBitCounts.n[m & 0xFF] + kBitCounts.n[(m >> 8) & 0xFF]; }

}  // namespace

// block_start_ holds two words a block: the code points before it, and a
// bit per continuation byte in it (none past the end of s), so that Slow
// needs neither the text nor a check for the last block.
CodepointIndex::CodepointIndex(std::string_view s) : s_(s) {
  ascii_ = IsAscii(s);
  if (ascii_) return;
  block_start_.resize(2 * (s.size() / kCpBlock + 1));
  uint32_t cp = 0;
  size_t b = 0;
#if defined(__SSE2__)
  // Whole blocks: a block holds 16 minus its continuation bytes code point
  // starts; the 0xFF bytes of the compare, masked to 1 and summed by
  // _mm_sad_epu8 (one sum per 8-byte half), count them.
  const __m128i ones = _mm_set1_epi8(1);
  for (; (b + 1) * kCpBlock <= s.size(); ++b) {
    const __m128i cont = ContinuationBytes16(s.data() + b * kCpBlock);
    block_start_[2 * b] = cp;
    block_start_[2 * b + 1] = static_cast<uint32_t>(_mm_movemask_epi8(cont));
    const __m128i sums = _mm_sad_epu8(_mm_and_si128(cont, ones), _mm_setzero_si128());
    cp += 16 - static_cast<uint32_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
  }
#endif
  for (; 2 * b < block_start_.size(); ++b) {
    block_start_[2 * b] = cp;
    unsigned cont = 0;
    const size_t i0 = b * kCpBlock, end = std::min(s.size(), (b + 1) * kCpBlock);
    for (size_t i = i0; i < end; ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) cont |= 1u << (i - i0);
      else ++cp;
    }
    block_start_[2 * b + 1] = cont;
  }
}

size_t CodepointIndex::Slow(size_t byte) const {
  if (byte > s_.size()) byte = s_.size();
  static_assert(kCpBlock == 16);
  const uint32_t* block = block_start_.data() + 2 * (byte / kCpBlock);
  const size_t k = byte % kCpBlock;  // bytes of the block before `byte`
  const unsigned cont = block[1];
  size_t cp = block[0] + k - BitCount16(cont & ((1u << k) - 1));
  // A byte inside a sequence belongs to the code point that started before it.
  if ((cont >> k) & 1 && cp > 0) --cp;
  return cp;
}

}  // namespace dossier::utf8
