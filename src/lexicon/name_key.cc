#include "lexicon/name_key.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <string>

namespace dossier {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Characters dropped without leaving a space: apostrophes and the modifier
// letters transliterations use for hamza and ayn.
bool IsApostrophe(UChar32 c) {
  switch (c) {
    case '\'': case '`': case 0x00B4: case 0x2018: case 0x2019: case 0x201B:
    case 0x02BB: case 0x02BC: case 0x02BD: case 0x02BE: case 0x02BF: case 0x02B9:
    case 0x2032:
      return true;
    default:
      return false;
  }
}

// Letters NFKD does not decompose but transliterations treat as plain ones.
const char* ExtraFold(UChar32 c) {
  switch (c) {
    case 0x00F8: return "o";   // ø
    case 0x0142: return "l";   // ł
    case 0x0111: return "d";   // đ
    case 0x0131: return "i";   // dotless i
    case 0x00E6: return "ae";  // æ
    case 0x0153: return "oe";  // œ
    case 0x00FE: return "th";  // þ
    case 0x00F0: return "d";   // ð
    case 0x0127: return "h";   // ħ
    case 0x00DF: return "ss";  // ß (case folding does this too)
    default: return nullptr;
  }
}

// Appends ' ' unless the output is empty or already ends in one.
void Separate(std::string* out) {
  if (!out->empty() && out->back() != ' ') out->push_back(' ');
}

std::string FoldAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (IsAsciiAlnum(c)) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (c == '\'' || c == '`') {
      continue;
    } else {
      Separate(&out);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string FoldUnicode(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return FoldAscii(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase();
  icu::UnicodeString d = nfkd->normalize(u, status);
  if (U_FAILURE(status)) return FoldAscii(s);
  std::string out;
  out.reserve(s.size());
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (IsApostrophe(c)) continue;
    if (const char* x = ExtraFold(c)) {
      out += x;
      continue;
    }
    if (c < 0x80) {
      unsigned char a = static_cast<unsigned char>(c);
      if (IsAsciiAlnum(a)) {
        out.push_back(static_cast<char>(a >= 'A' && a <= 'Z' ? a + 32 : a));
      } else {
        Separate(&out);
      }
      continue;
    }
    if (u_isalnum(c) || u_charType(c) == U_COMBINING_SPACING_MARK) {
      char buf[4];
      int32_t n = 0;
      UBool err = false;
      U8_APPEND(buf, n, 4, c, err);
      if (!err) out.append(buf, n);
    } else {
      Separate(&out);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsVowelLike(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w';
}

// Sun letters an Arabic article assimilates to ("az-Zor" written "Ezzor").
bool IsSunLetter(char c) {
  return c == 't' || c == 'd' || c == 'r' || c == 'z' || c == 's' || c == 'l' || c == 'n';
}

}  // namespace

std::string FoldName(std::string_view name) {
  for (unsigned char c : name)
    if (c >= 0x80) return FoldUnicode(name);
  return FoldAscii(name);
}

bool IsArticleToken(std::string_view t) {
  // al el il ul ar as at ad an az ez es et ed en er, ash adh ath: decided by
  // length and letters (every n-gram lookup asks this per token).
  if (t.size() == 2) {
    const char a = t[0], b = t[1];
    if (b == 'l') return a == 'a' || a == 'e' || a == 'i' || a == 'u';
    if (a == 'a') return b == 'r' || b == 's' || b == 't' || b == 'd' || b == 'n' || b == 'z';
    if (a == 'e') return b == 'z' || b == 's' || b == 't' || b == 'd' || b == 'n' || b == 'r';
    return false;
  }
  if (t.size() == 3 && t[0] == 'a' && t[2] == 'h') return t[1] == 's' || t[1] == 'd' || t[1] == 't';
  return false;
}

std::string NameKey(std::string_view name) {
  std::string folded = FoldName(name);
  if (folded.find(' ') == std::string::npos) return folded;  // one token at most
  std::string out;
  out.reserve(folded.size());
  int tokens = 0;
  std::string_view f(folded);
  for (size_t b = 0; b < f.size();) {
    size_t e = f.find(' ', b);
    if (e == std::string_view::npos) e = f.size();
    if (e > b) {
      ++tokens;
      std::string_view t = f.substr(b, e - b);
      if (!IsArticleToken(t)) {
        if (!out.empty()) out.push_back(' ');
        out.append(t);
      }
    }
    b = e + 1;
  }
  if (tokens < 2) return folded;
  return out.empty() ? folded : out;
}

std::string SkeletonKey(std::string_view name) { return SkeletonOfKey(NameKey(name)); }

std::string SkeletonOfKey(std::string_view key) {
  for (unsigned char c : key)
    if (c >= 0x80) return "";
  std::string out;
  out.reserve(key.size());
  size_t ti = 0;  // index of the token among the non-empty ones
  for (size_t b = 0; b < key.size();) {
    size_t e = key.find(' ', b);
    if (e == std::string_view::npos) e = key.size();
    if (e == b) {
      b = e + 1;
      continue;
    }
    std::string_view t = key.substr(b, e - b);
    b = e + 1;
    // A glued, assimilated article in a later token: "ezzor" -> "zor".
    if (ti++ > 0 && t.size() >= 5 && (t[0] == 'a' || t[0] == 'e') && t[1] == t[2] &&
        IsSunLetter(t[1]))
      t.remove_prefix(2);
    for (size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (IsVowelLike(c)) continue;
      // h is kept only where it starts a token ("Homs", "Hasakah"); inside
      // it marks a digraph (kh, sh, th, dh, gh) or a final -ah/-eh.
      if (c == 'h' && i > 0) continue;
      if (c == 'q' || c == 'c') c = 'k';
      if (!out.empty() && out.back() == c) continue;
      out.push_back(c);
    }
  }
  if (out.size() < 2) return "";
  return out;
}

}  // namespace dossier
