// Character-level normalisation with an offset map: line endings, control
// and zero-width characters, spaces, inline Markdown/HTML markup, NFC.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "clean/cleaner.h"
#include "core/byte_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "dossier/utf8.h"

namespace dossier {
namespace {

// Inline tags whose markup is dropped from plain text (their text is kept).
bool IsInlineTag(std::string_view name) {
  static const char* kTags[] = {"u", "b", "i", "em", "strong", "span", "a", "sup", "sub",
                                "small", "mark", "font", "s", "strike", "del", "ins",
                                "abbr", "cite", "q", "code", "big", "tt"};
  for (const char* t : kTags)
    if (name == t) return true;
  return false;
}

// Length of an inline tag starting at s[i] == '<' ("<u>", "</u>", "<a href=..>",
// "<br/>"); 0 if it is not one. *newline set for <br> and <p>.
size_t InlineTagLength(std::string_view s, size_t i, bool* newline) {
  *newline = false;
  size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  size_t name_begin = j;
  while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j])) && j - name_begin < 10) ++j;
  if (j == name_begin) return 0;
  std::string name(s.substr(name_begin, j - name_begin));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool br = name == "br" || name == "p";
  if (!IsInlineTag(name) && !br) return 0;
  // Attributes up to '>' on the same line, bounded.
  size_t limit = std::min(s.size(), i + 512);
  while (j < limit && s[j] != '>' && s[j] != '<' && s[j] != '\n') ++j;
  if (j >= limit || s[j] != '>') return 0;
  *newline = br;
  return j + 1 - i;
}

bool IsSpaceOrPunctBefore(std::string_view s, size_t i) {
  if (i == 0) return true;
  unsigned char c = static_cast<unsigned char>(s[i - 1]);
  if (c == ' ' || c == '\n' || c == '\r' || c == '(' || c == '[' || c == '"' || c == '\'' ||
      c == '-' || c == '/' || c == '>')
    return true;
  if (c >= 0x80) {
    size_t len;
    char32_t cp = utf8::DecodeBefore(s, i, &len);
    return utf8::IsSpace(cp) || utf8::IsPunct(cp);
  }
  return std::ispunct(c) != 0;
}

bool IsSpaceOrPunctAt(std::string_view s, size_t i) {
  if (i >= s.size()) return true;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\n' || c == '\r') return true;
  if (c >= 0x80) {
    size_t len;
    char32_t cp = utf8::Decode(s, i, &len);
    return utf8::IsSpace(cp) || utf8::IsPunct(cp);
  }
  return std::ispunct(c) != 0;
}

// Emphasis markers (*, **, ***, _, __) in one line that pair up, as
// (position, length) of markers to delete.
void FindEmphasis(std::string_view s, size_t begin, size_t end,
                  std::vector<std::pair<size_t, size_t>>* out) {
  struct Open {
    size_t pos, len;
    char ch;
  };
  std::vector<Open> stack;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = begin;
  while ((i = FindAnyOf<'*', '_'>(p, i, end)) < end) {
    char c = s[i];
    size_t j = i;
    while (j < end && s[j] == c) ++j;
    size_t len = j - i;
    if (len > 3) {
      i = j;
      continue;
    }
    bool before_space = IsSpaceOrPunctBefore(s, i);
    bool after_space = j >= end || s[j] == ' ' || s[j] == '\n' || s[j] == '\r';
    bool prev_space = i == begin || s[i - 1] == ' ';
    // Flanking as for CommonMark's underscore, for both marks: an opener
    // follows a space or punctuation, a closer precedes one, so "2*3*4" and
    // snake_case stay as written.
    bool left = !after_space && before_space;            // can open
    bool right = !prev_space && IsSpaceOrPunctAt(s, j);  // can close
    if (right) {
      // Close the most recent opener with the same char and length.
      for (size_t k = stack.size(); k-- > 0;) {
        if (stack[k].ch == c && stack[k].len == len) {
          out->push_back({stack[k].pos, len});
          out->push_back({i, len});
          stack.resize(k);
          right = false;
          left = false;
          break;
        }
      }
    }
    if (left) stack.push_back({i, len, c});
    i = j;
  }
}

// End of the line that starts at `start`: the next '\n', '\r', U+0085,
// U+2028 or U+2029 (each a line break below), or s.size(). Planning a line up
// to the next '\n' only made text with CR-only (or U+2028) line ends
// quadratic: every break re-scanned the rest of the text.
size_t LineEnd(std::string_view s, size_t start) {
  const size_t n = s.size();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t k = start; (k = FindAnyOf<'\n', '\r', 0xC2, 0xE2>(p, k, n)) < n; ++k) {
    const unsigned char c = p[k];
    if (c == '\n' || c == '\r') return k;
    if (c == 0xC2 && k + 1 < n && static_cast<unsigned char>(s[k + 1]) == 0x85) return k;
    if (c == 0xE2 && k + 2 < n && static_cast<unsigned char>(s[k + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[k + 2]) == 0xA8 ||
         static_cast<unsigned char>(s[k + 2]) == 0xA9))
      return k;
  }
  return n;
}

// What NormalizeText does with a non-ASCII character.
enum class NonAscii { kCopy, kSpace, kDrop, kLineBreak };

NonAscii ClassifyNonAscii(char32_t cp) {
  if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A) ||
      cp == 0x3000)
    return NonAscii::kSpace;
  // Zero-width characters, soft hyphens, C1 controls.
  if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD ||
      (cp >= 0x80 && cp <= 0x9F))
    return NonAscii::kDrop;
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return NonAscii::kLineBreak;
  return NonAscii::kCopy;
}

#if defined(__SSE2__)
// The end of a plain run of NormalizeText from byte j, sixteen bytes a step
// while sixteen (and the byte after them) can be read before `stop`: the
// first byte that is a control or non-ASCII byte, '<', a byte of markup not
// yet planned (kMarks: '[', '*', '_', '!'), or a space before white space or
// a control byte (a lone space that ends a run is copied as it is by the
// branch for spaces). Where it gives up, the scalar loop goes on.
template <bool kMarks>
size_t SkipRun16(const char* p, size_t j, size_t stop, size_t n) {
  const __m128i sp = _mm_set1_epi8(' ');
  while (j + 16 <= stop && j + 17 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j + 1));
    // v + 1 < 0x21, signed: v < 0x20, 0x7F or v >= 0x80.
    __m128i bad = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(1)), _mm_set1_epi8(0x21));
    bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
    if constexpr (kMarks) {
      // '[' and '_' are the bytes x with x | 4 == '_'.
      bad = _mm_or_si128(bad, _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(4)), _mm_set1_epi8('_')));
      bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('*')));
      bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8('!')));
    }
    const __m128i next_low = _mm_cmpeq_epi8(_mm_min_epu8(w, sp), w);  // w <= ' '
    bad = _mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(v, sp), next_low));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(bad));
    if (mask != 0) return j + static_cast<size_t>(__builtin_ctz(mask));
    j += 16;
  }
  return j;
}
#endif

// True if the bytes after the lead byte s[i] of a len-byte sequence are all
// continuation bytes.
bool WellFormedTail(std::string_view s, size_t i, size_t len) {
  for (size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
  return true;
}

// True if `cp` is not a combining mark and is NFC_QC=Yes: text whose
// characters all are is NFC. The answers for the BMP are kept (two ICU
// property lookups cost more than the rest of the scan per character: every
// curly quote and dash of an article, every letter of a Cyrillic one).
bool NfcInert(char32_t cp) {
  auto ask = [](char32_t c) {
    return u_getCombiningClass(static_cast<UChar32>(c)) == 0 &&
           u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
  };
  if (cp >= 0x10000) return ask(cp);
  // 0 not asked yet, 1 inert, 2 not; threads that race store the same value.
  static std::atomic<uint8_t> memo[0x10000];
  uint8_t v = memo[cp].load(std::memory_order_relaxed);
  if (v == 0) {
    v = ask(cp) ? 1 : 2;
    memo[cp].store(v, std::memory_order_relaxed);
  }
  return v == 1;
}

}  // namespace

std::string NormalizeText(std::string_view s, bool markup, OffsetMap* map) {
  TextBuilder b;
  size_t n = s.size();
  size_t i = 0;
  // Deletions found ahead of time in the current line (emphasis markers,
  // link URL parts), sorted by position.
  std::vector<std::pair<size_t, size_t>> dels;
  size_t del_idx = 0;
  size_t line_start = 0;
  bool at_line_start = true;
  // A line's heading or quote mark is looked for at its start; its links
  // and emphasis only once the copy reaches one of their bytes ('[', '*',
  // '_', or '!' before '['), which most lines lack: until then (`lazy`)
  // runs stop at those bytes. Every deletion of a link or emphasis starts at
  // such a byte, so none is passed before the line is planned in full; the
  // plan is the same as one made at the line's start, and a deletion the
  // copy has made (the heading mark, always the first) is not made again.
  bool lazy = false;
  auto line_mark = [&](size_t start) {
    dels.clear();
    del_idx = 0;
    lazy = markup;
    if (!markup) return;
    // Markdown heading / quote marks at line start (after indentation).
    size_t p = start;
    while (p < n && s[p] == ' ') ++p;
    size_t q = p;
    while (q < n && q - p < 6 && s[q] == '#') ++q;
    if (q > p && q < n && s[q] == ' ') dels.push_back({p, q + 1 - p});
    else if (p < n && s[p] == '>' && p + 1 < n && s[p + 1] == ' ') dels.push_back({p, 2});
  };
  auto plan_line = [&](size_t start) {
    lazy = false;
    const size_t made = del_idx;
    dels.clear();
    del_idx = made;
    const size_t end = LineEnd(s, start);
    // Markdown heading / quote marks at line start (after indentation).
    size_t p = start;
    while (p < end && s[p] == ' ') ++p;
    size_t q = p;
    while (q < end && q - p < 6 && s[q] == '#') ++q;
    if (q > p && q < end && s[q] == ' ') dels.push_back({p, q + 1 - p});
    else if (p < end && s[p] == '>' && p + 1 < end && s[p + 1] == ' ') dels.push_back({p, 2});
    const char* line = s.data() + start;
    const size_t line_len = end - start;
    const bool has_bracket = std::memchr(line, '[', line_len) != nullptr;
    const bool has_emphasis = std::memchr(line, '*', line_len) != nullptr ||
                              std::memchr(line, '_', line_len) != nullptr;
    // Links and images: [text](url) -> text ; ![alt](url) -> nothing.
    // The next ']' and ')' of the line are found once and reused, so that a
    // '[' with no ']' in reach (or a "[..](" with no ')') is skipped rather
    // than scanned 600 (2048) bytes ahead: "[[[[..." cost 600 steps a byte.
    size_t next_close = start, next_paren = start;
    auto next_of = [&](size_t from, char c) {
      const void* p = from < end ? std::memchr(s.data() + from, c, end - from) : nullptr;
      return p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) : end;
    };
    for (size_t k = has_bracket ? next_of(start, '[') : end; k < end; k = next_of(k + 1, '[')) {
      if (next_close <= k) next_close = next_of(k + 1, ']');
      if (next_close >= end) break;         // no ']' left on the line
      if (next_close > k + 600) continue;   // none the scan below can reach
      size_t close = k + 1;
      int depth = 0;
      while (close < end && close - k < 600) {
        if (s[close] == '[') ++depth;
        if (s[close] == ']') {
          if (depth == 0) break;
          --depth;
        }
        ++close;
      }
      if (close >= end || s[close] != ']' || close + 1 >= end || s[close + 1] != '(') continue;
      if (next_paren < close + 2) next_paren = next_of(close + 2, ')');
      if (next_paren >= end) break;             // no ')' left on the line
      if (next_paren > close + 2048) continue;  // none the scan below can reach
      size_t url_end = close + 2;
      while (url_end < end && s[url_end] != ')' && s[url_end] != ' ' && url_end - close < 2048)
        ++url_end;
      if (url_end >= end || s[url_end] != ')') continue;
      bool image = k > start && s[k - 1] == '!';
      if (image) {
        dels.push_back({k - 1, url_end + 1 - (k - 1)});
      } else {
        dels.push_back({k, 1});
        dels.push_back({close, url_end + 1 - close});
      }
      k = url_end;
    }
    if (has_emphasis) FindEmphasis(s, start, end, &dels);
    if (dels.empty()) return;
    std::sort(dels.begin(), dels.end());
    // Drop overlaps (an emphasis marker inside a deleted URL).
    std::vector<std::pair<size_t, size_t>> clean;
    size_t reach = 0;
    for (auto& d : dels) {
      if (d.first < reach) continue;
      clean.push_back(d);
      reach = d.first + d.second;
    }
    dels.swap(clean);
  };
  line_mark(0);
  while (i < n) {
    if (at_line_start) {
      line_start = i;
      at_line_start = false;
    }
    if (del_idx < dels.size() && dels[del_idx].first == i) {
      i += dels[del_idx].second;
      ++del_idx;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (lazy && (c == '[' || c == '*' || c == '_' || (c == '!' && i + 1 < n && s[i + 1] == '['))) {
      plan_line(line_start);
      continue;
    }
    // Plain run: copy in one piece. (Markup characters such as '*' or '['
    // that are not deleted are copied as they are, like any other.)
    if (c >= 0x20 && c < 0x7F && c != '<' && c != ' ') {
      size_t j = i + 1;
      size_t stop = del_idx < dels.size() ? dels[del_idx].first : n;
      for (;;) {
#if defined(__SSE2__)
        // Sixteen bytes at a time while none ends the run (the scalar loop
        // below stops at exactly the same byte).
        j = lazy ? SkipRun16<true>(s.data(), j, stop, n) : SkipRun16<false>(s.data(), j, stop, n);
#endif
        while (j < stop) {
          unsigned char d = static_cast<unsigned char>(s[j]);
          if (d < 0x20 || d >= 0x7F || d == '<') break;
          if (lazy && (d == '[' || d == '*' || d == '_' || d == '!')) break;
          // A single space between words stays in the run; runs of spaces and
          // spaces before a line end are collapsed below.
          if (d == ' ' && (j + 1 >= n || static_cast<unsigned char>(s[j + 1]) <= ' '))
            break;
          ++j;
        }
        // A well-formed non-ASCII character that is copied as it is (a curly
        // quote, a dash, a letter) stays in the run rather than ending it. (A
        // truncated sequence takes the next bytes with it, a space among
        // them, which the run's look-ahead at spaces does not expect.)
        size_t len;
        if (j < stop && static_cast<unsigned char>(s[j]) >= 0x80 &&
            ClassifyNonAscii(utf8::Decode(s, j, &len)) == NonAscii::kCopy && j + len <= stop &&
            WellFormedTail(s, j, len)) {
          j += len;
          continue;
        }
        break;
      }
      b.Copy(s.substr(i, j - i), i);
      i = j;
      continue;
    }
    if (c == '\n') {
      b.Copy("\n", i);
      ++i;
      at_line_start = true;
      line_mark(i);
      continue;
    }
    if (c == '\r') {
      if (i + 1 < n && s[i + 1] == '\n') {
        ++i;  // the '\n' is copied next
      } else {
        b.Replace("\n", i, i + 1);
        ++i;
        at_line_start = true;
        line_mark(i);
      }
      continue;
    }
    if (c == ' ' || c == '\t') {
      size_t j = i;
      while (j < n && (s[j] == ' ' || s[j] == '\t')) ++j;
      // Collapse runs; drop spaces at line start and before a newline.
      bool line_end = j >= n || s[j] == '\n' || s[j] == '\r';
      bool line_begin = b.empty() || b.back() == '\n';
      if (!line_end && !line_begin && b.back() != ' ') {
        if (j - i == 1 && c == ' ')
          b.Copy(" ", i);
        else
          b.Replace(" ", i, j);
      }
      i = j;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {  // other control characters, NUL
      ++i;
      continue;
    }
    if (c == '<' && markup) {
      bool nl;
      size_t len = InlineTagLength(s, i, &nl);
      if (len > 0) {
        if (nl && !b.empty() && b.back() != '\n') b.Replace("\n", i, i + len);
        i += len;
        continue;
      }
    }
    if (c < 0x80) {
      b.Copy(s.substr(i, 1), i);
      ++i;
      continue;
    }
    size_t len;
    const NonAscii kind = ClassifyNonAscii(utf8::Decode(s, i, &len));
    if (kind == NonAscii::kSpace) {
      // Unicode spaces become one ASCII space (collapsed with neighbours).
      if (!b.empty() && b.back() != ' ' && b.back() != '\n') b.Replace(" ", i, i + len);
      i += len;
      continue;
    }
    if (kind == NonAscii::kDrop) {
      i += len;
      continue;
    }
    if (kind == NonAscii::kLineBreak) {
      b.Replace("\n", i, i + len);
      i += len;
      at_line_start = true;
      line_mark(i);
      continue;
    }
    b.Copy(s.substr(i, len), i);
    i += len;
  }
  *map = b.TakeMap();
  return b.TakeText();
}

bool NormalizeNfc(std::string* text, OffsetMap* map) {
  if (utf8::IsAscii(*text)) return false;
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return false;
  // Fast path: if every non-ASCII character is NFC_QC=Yes and not a
  // combining mark, the text is already NFC (typical: curly quotes, accents).
  {
    bool surely_nfc = true;
    const std::string& t = *text;
    const auto* tp = reinterpret_cast<const unsigned char*>(t.data());
    for (size_t i = 0; i < t.size() && surely_nfc;) {
      unsigned char c = tp[i];
      if (c < 0x80) {
#if defined(__SSE2__)
        // Skip ASCII sixteen bytes at a time (the sign bit marks the rest).
        while (i + 16 <= t.size() &&
               _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(tp + i))) == 0)
          i += 16;
        if (i < t.size() && tp[i] < 0x80) ++i;
#else
        ++i;
#endif
        continue;
      }
      size_t len;
      char32_t cp = utf8::Decode(t, i, &len);
      i += len;
      if (cp < 0x300) continue;  // Latin-1 and Latin Extended: no combining marks
      surely_nfc = NfcInert(cp);
    }
    if (surely_nfc) return false;
  }
  if (nfc->isNormalizedUTF8(*text, err) && U_SUCCESS(err)) return false;
  err = U_ZERO_ERROR;
  TextBuilder b;
  const std::string& s = *text;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\n') ++j;
    std::string_view word(s.data() + i, j - i);
    if (!word.empty()) {
      if (utf8::IsAscii(word)) {
        b.Copy(word, i);
      } else {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size()));
        err = U_ZERO_ERROR;
        if (nfc->isNormalized(u, err)) {
          b.Copy(word, i);
        } else {
          std::string out;
          nfc->normalize(u, err).toUTF8String(out);
          b.Replace(out, i, j);
        }
      }
    }
    if (j < s.size()) b.Copy(s.substr(j, 1), j);
    i = j + 1;
  }
  *map = b.map();
  *text = b.TakeText();
  return true;
}

}  // namespace dossier
