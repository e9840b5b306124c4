// Character classes shared by the segmenter's passes (internal to
// src/segment). ASCII is answered from a table; other code points go to
// dossier::utf8 (ICU). Every helper takes byte offsets into valid UTF-8.
#ifndef DOSSIER_SEGMENT_TEXT_CLASS_H_
#define DOSSIER_SEGMENT_TEXT_CLASS_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "dossier/utf8.h"

namespace dossier::segment_internal {

// Class of an ASCII byte; bytes >= 0x80 are kHigh (decode to classify).
enum CharClass : uint8_t { kSpace, kAlpha, kDigit, kPunct, kSymbol, kHigh };

struct AsciiTable {
  CharClass cls[256];
  constexpr AsciiTable() : cls() {
    for (int c = 0; c < 256; ++c) {
      CharClass k = kSymbol;  // controls and the Unicode "S" characters
      if (c >= 0x80) k = kHigh;
      else if (c == ' ' || (c >= '\t' && c <= '\r')) k = kSpace;
      else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k = kAlpha;
      else if (c >= '0' && c <= '9') k = kDigit;
      else {
        // Unicode general category P* among ASCII; the rest ($+<=>^`|~) are S*.
        constexpr std::string_view kP = "!\"#%&'()*,-./:;?@[\\]_{}";
        for (char p : kP)
          if (p == c) k = kPunct;
      }
      cls[c] = k;
    }
  }
};
inline constexpr AsciiTable kAscii{};

inline CharClass ClassOf(unsigned char c) { return kAscii.cls[c]; }

// The end of the run of ASCII letters (A-Z, a-z) starting at byte i of
// [0, n): the first index >= i that is not one, or n. Eight bytes a step
// while eight can be read (little-endian hosts), then one at a time.
//
// Per byte c of a step, with x = c | 0x20 (upper case folds onto lower case;
// no other byte lands in a-z) and y = x & 0x7F: y + 0x1F has its top bit set
// iff y >= 'a', y + 0x05 iff y >= '{'; neither sum carries into the next
// byte (y <= 0x7F). So c is a letter iff the first top bit is set, the
// second is not and c < 0x80 (x's own top bit clear).
inline size_t AsciiLetterRun(const char* p, size_t i, size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kTop = 0x8080808080808080ULL;
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      const uint64_t x = w | (kOnes * 0x20);
      const uint64_t y = x & ~kTop;
      const uint64_t not_letter = (~(y + kOnes * 0x1F) | (y + kOnes * 0x05) | x) & kTop;
      if (not_letter != 0) return i + (static_cast<size_t>(std::countr_zero(not_letter)) >> 3);
      i += 8;
    }
  }
  for (; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) break;
  }
  return i;
}

// Code point at byte i (ASCII fast path); *len is its length in bytes.
inline char32_t CpAt(std::string_view t, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  return utf8::Decode(t, i, len);
}

// Code point ending at byte `end` (exclusive), 0 with *len 0 at the start.
inline char32_t CpBefore(std::string_view t, size_t end, size_t* len) {
  if (end == 0) {
    *len = 0;
    return 0;
  }
  unsigned char c = static_cast<unsigned char>(t[end - 1]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  return utf8::DecodeBefore(t, end, len);
}

inline bool IsSpaceCp(char32_t cp) {
  if (cp < 0x80) return kAscii.cls[cp] == kSpace;
  return utf8::IsSpace(cp);
}
// ASCII is answered here, as dossier::utf8 answers it: the sentence splitter
// asks about every character of the word before each period, nearly all
// ASCII, and a call out of line per character cost more than the test.
inline bool IsUpperCp(char32_t cp) { return cp < 0x80 ? cp - 'A' < 26 : utf8::IsUpper(cp); }
inline bool IsLowerCp(char32_t cp) { return cp < 0x80 ? cp - 'a' < 26 : utf8::IsLower(cp); }
inline bool IsAlphaCp(char32_t cp) {
  return cp < 0x80 ? kAscii.cls[cp] == kAlpha : utf8::IsAlpha(cp);
}
inline bool IsDigitCp(char32_t cp) { return cp < 0x80 ? cp - '0' < 10 : utf8::IsDigit(cp); }

// Letters, digits, combining marks and the zero-width (non-)joiners: what
// continues a word once it has started.
bool IsWordCp(char32_t cp);

// The curly/modifier apostrophes that may sit inside a word (’ ʼ); the ASCII
// ' is checked separately.
inline bool IsApostropheCp(char32_t cp) { return cp == 0x2019 || cp == 0x02BC; }

// Skips whitespace from i (exclusive bound `end`); returns the first
// non-space byte offset or `end`.
inline size_t SkipSpace(std::string_view t, size_t i, size_t end) {
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c < 0x80) {
      if (kAscii.cls[c] != kSpace) return i;
      ++i;
      continue;
    }
    size_t len;
    char32_t cp = utf8::Decode(t, i, &len);
    if (!utf8::IsSpace(cp)) return i;
    i += len;
  }
  return end;
}

// Trims whitespace from both ends of [*b, *e).
inline void Trim(std::string_view t, size_t* b, size_t* e) {
  *b = SkipSpace(t, *b, *e);
  while (*e > *b) {
    size_t len;
    char32_t cp = CpBefore(t, *e, &len);
    if (!IsSpaceCp(cp)) break;
    *e -= len;
  }
}

// Opening quotation marks and brackets: “ ‘ „ « ‹ " ' ( [ {.
inline bool IsOpenerCp(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case '(': case '[': case '{':
    case 0x201C: case 0x2018: case 0x201E: case 0x00AB: case 0x2039:
    case 0x00BF: case 0x00A1:  // ¿ ¡
      return true;
    default:
      return false;
  }
}

// Closing quotation marks and brackets that stay with a sentence after its
// terminal punctuation: ” ’ » › " ' ) ] }.
inline bool IsCloserCp(char32_t cp) {
  switch (cp) {
    case '"': case '\'': case ')': case ']': case '}':
    case 0x201D: case 0x2019: case 0x00BB: case 0x203A:
      return true;
    default:
      return false;
  }
}

}  // namespace dossier::segment_internal

#endif  // DOSSIER_SEGMENT_TEXT_CLASS_H_
