// Character classes shared by the segmenter's passes (internal to
// src/segment). ASCII is answered from a table; other code points go to
// dossier::utf8 (ICU). Every helper takes byte offsets into valid UTF-8.
#ifndef DOSSIER_SEGMENT_TEXT_CLASS_H_
#define DOSSIER_SEGMENT_TEXT_CLASS_H_

#include <cstddef>
#include <cstdint>
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
inline bool IsUpperCp(char32_t cp) { return utf8::IsUpper(cp); }
inline bool IsLowerCp(char32_t cp) { return utf8::IsLower(cp); }
inline bool IsAlphaCp(char32_t cp) { return utf8::IsAlpha(cp); }
inline bool IsDigitCp(char32_t cp) { return utf8::IsDigit(cp); }

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
