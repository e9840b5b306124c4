// Tokens: one pass over the text with an ASCII class table; non-ASCII code
// points are decoded and classified only where they occur.
//
//   word    letters/digits/marks starting with a letter; internal apostrophes
//           (' ’ ʼ followed by a letter) and the periods of initialisms
//           (U.S., e.g., Ph.D. — one- or two-letter segments) stay inside,
//           the final period of an initialism included.
//   number  starts with a digit: 3,000  3.5  17th  1990s  (a separator
//           stays only between digits).
//   punct   one token per character, except a run of three or more periods.
//   symbol  everything else that is not whitespace ($ + < = > ^ ` | ~, €,
//           emoji, controls, stray combining marks).
// Hyphens always split: "55-kilometer" is "55" "-" "kilometer".
#include <unicode/uchar.h>

#include <algorithm>

#include "segment/segmenter.h"
#include "segment/text_class.h"

namespace dossier {
namespace segment_internal {

bool IsWordCp(char32_t cp) {
  if (cp < 0x80) {
    CharClass k = kAscii.cls[cp];
    return k == kAlpha || k == kDigit;
  }
  if (cp == 0x200C || cp == 0x200D) return true;
  if (utf8::IsAlnum(cp)) return true;
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_M_MASK) != 0;
}

}  // namespace segment_internal

namespace {
using namespace segment_internal;

inline bool AsciiLetter(unsigned char c) { return kAscii.cls[c] == kAlpha; }

// Number of ASCII letters starting at i (stops at 3).
inline size_t LettersAt(std::string_view t, size_t i) {
  size_t k = 0;
  while (k < 3 && i + k < t.size() && AsciiLetter(static_cast<unsigned char>(t[i + k]))) ++k;
  return k;
}

// True if an apostrophe ending at byte `after` is followed by a word char.
inline bool WordCharAt(std::string_view t, size_t i) {
  if (i >= t.size()) return false;
  size_t len;
  return IsWordCp(CpAt(t, i, &len));
}

// End of the word or number token starting at `i` (whose first char is a
// word char of `len0` bytes).
size_t ScanWord(std::string_view t, size_t i, size_t len0, bool number) {
  const size_t n = t.size();
  size_t j = i + len0;
  // Initialism state: letters in the current segment (0 if it holds anything
  // but ASCII letters) and periods taken so far.
  size_t seg = (!number && AsciiLetter(static_cast<unsigned char>(t[i]))) ? 1 : 0;
  bool seg_pure = seg == 1;
  size_t periods = 0;
  while (j < n) {
    unsigned char c = static_cast<unsigned char>(t[j]);
    CharClass k = kAscii.cls[c];
    if (k == kAlpha || k == kDigit) {
      if (k == kAlpha) ++seg;
      else seg_pure = false;
      ++j;
      continue;
    }
    if (k == kHigh) {
      size_t len;
      char32_t cp = utf8::Decode(t, j, &len);
      if (IsWordCp(cp)) {
        seg_pure = false;
        j += len;
        continue;
      }
      if (IsApostropheCp(cp) && WordCharAt(t, j + len)) {
        seg_pure = false;
        j += len;
        continue;
      }
      break;
    }
    if (c == '\'') {
      if (WordCharAt(t, j + 1)) {
        seg_pure = false;
        j += 1;
        continue;
      }
      break;
    }
    if (number) {
      // 3,000 and 3.5: a separator between digits.
      if ((c == ',' || c == '.') && j + 1 < n &&
          kAscii.cls[static_cast<unsigned char>(t[j + 1])] == kDigit &&
          kAscii.cls[static_cast<unsigned char>(t[j - 1])] == kDigit) {
        j += 2;
        continue;
      }
      break;
    }
    if (c == '.' && seg_pure && seg >= 1 && seg <= 2) {
      size_t l = LettersAt(t, j + 1);
      if (l >= 1 && l <= 2) {
        size_t after = j + 1 + l;
        bool dot_after = after < n && t[after] == '.';
        bool end_after = after >= n || !WordCharAt(t, after);
        if (dot_after || (periods >= 1 && end_after)) {
          j = after;
          seg = l;
          ++periods;
          continue;
        }
      }
      if (periods >= 1) {
        ++j;  // final period of an initialism: U.S.
        break;
      }
    }
    break;
  }
  return j;
}

// True if byte `c`, right after a run of ASCII letters, certainly ends the
// word there, whatever follows: ScanWord would break at it. Digits, bytes
// >= 0x80 and the apostrophe may continue the word, and a period may belong
// to an initialism; everything else (space, other punctuation, symbols) ends
// it. The period after a run of more than two letters also ends it (an
// initialism segment has one or two letters), see WordEndsAt.
struct WordEndTable {
  bool ends[256];
  constexpr WordEndTable() : ends() {
    for (int c = 0; c < 256; ++c) {
      CharClass k = kAscii.cls[c];
      ends[c] = (k == kSpace || k == kSymbol || k == kPunct) && c != '\'' && c != '.';
    }
  }
};
inline constexpr WordEndTable kWordEnd{};

// True if the word whose ASCII letter run is [i, e) ends at e (exactly
// where ScanWord(t, i, 1, false) would end it).
inline bool WordEndsAt(std::string_view t, size_t i, size_t e) {
  if (e >= t.size()) return true;
  const unsigned char c = static_cast<unsigned char>(t[e]);
  return kWordEnd.ends[c] || (c == '.' && e - i > 2);
}

}  // namespace

std::vector<Token> Segmenter::Tokens(std::string_view text) const {
  // Tokens are written through a pointer: every token takes at least one
  // byte, so once the vector has room for a piece's bytes it holds the
  // piece's tokens, and room is made once a piece rather than once a token
  // (push_back's check and its reloads of the vector's ends cost more than
  // classifying most tokens). Pieces are short: resize zeroes the room, and
  // zeroing a few hundred tokens at a time stays a few vector stores.
  constexpr size_t kPiece = 128;
  const size_t n = text.size();
  std::vector<Token> out;
  out.reserve(n / 4 + kPiece);  // news prose: about one token per 4.5 bytes
  Token* w = out.data();
  auto emit = [&](size_t b, size_t e, Token::Kind kind) {
    w->span = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    w->kind = kind;
    ++w;
  };
  size_t i = 0;
  while (i < n) {
    const size_t piece_end = std::min(n, i + kPiece);
    const size_t used = static_cast<size_t>(w - out.data());
    out.resize(used + (piece_end - i));
    w = out.data() + used;
    while (i < piece_end) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      const CharClass k = kAscii.cls[c];
      if (k == kAlpha) {
        // Most words are a run of ASCII letters ended by a space or
        // punctuation: take the run here and leave the rest to ScanWord.
        size_t e = AsciiLetterRun(text.data(), i + 1, n);
        if (!WordEndsAt(text, i, e)) e = ScanWord(text, i, 1, false);
        emit(i, e, Token::Kind::kWord);
        i = e;
        // The space after a word, the commonest byte of all: skipped here
        // rather than by a turn of the loop (kSpace makes no token).
        if (i < n && text[i] == ' ') ++i;
        continue;
      }
      switch (k) {
        case kSpace:
        case kAlpha:  // taken above
          ++i;
          break;
        case kDigit: {
          size_t e = ScanWord(text, i, 1, true);
          emit(i, e, Token::Kind::kNumber);
          i = e;
          break;
        }
        case kPunct: {
          size_t e = i + 1;
          if (c == '.') {
            while (e < n && text[e] == '.') ++e;
            if (e - i < 3) e = i + 1;
          }
          emit(i, e, Token::Kind::kPunct);
          i = e;
          if (i < n && text[i] == ' ') ++i;  // as after a word
          break;
        }
        case kSymbol:
          emit(i, i + 1, Token::Kind::kSymbol);
          ++i;
          break;
        case kHigh: {
          size_t len;
          char32_t cp = utf8::Decode(text, i, &len);
          if (utf8::IsSpace(cp)) {
            i += len;
          } else if (utf8::IsAlpha(cp)) {
            size_t e = ScanWord(text, i, len, false);
            emit(i, e, Token::Kind::kWord);
            i = e;
          } else if (utf8::IsDigit(cp)) {
            size_t e = ScanWord(text, i, len, true);
            emit(i, e, Token::Kind::kNumber);
            i = e;
          } else {
            emit(i, i + len, utf8::IsPunct(cp) ? Token::Kind::kPunct : Token::Kind::kSymbol);
            i += len;
          }
          break;
        }
      }
    }
  }
  out.resize(static_cast<size_t>(w - out.data()));
  return out;
}

}  // namespace dossier
