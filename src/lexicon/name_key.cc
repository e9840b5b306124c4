#include "lexicon/name_key.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <string>
#include <vector>

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

// Splits folded text on single spaces.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find(' ', b);
    if (e == std::string_view::npos) e = s.size();
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
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
  static constexpr std::array<std::string_view, 19> kArticles = {
      "al", "el", "il", "ul", "ar", "as", "at", "ad", "an", "az",
      "ash", "adh", "ath", "ez", "es", "et", "ed", "en", "er"};
  for (std::string_view a : kArticles)
    if (t == a) return true;
  return false;
}

std::string NameKey(std::string_view name) {
  std::string folded = FoldName(name);
  auto tokens = Tokens(folded);
  if (tokens.size() < 2) return folded;
  std::string out;
  out.reserve(folded.size());
  for (std::string_view t : tokens) {
    if (IsArticleToken(t)) continue;
    if (!out.empty()) out.push_back(' ');
    out.append(t);
  }
  return out.empty() ? folded : out;
}

std::string SkeletonKey(std::string_view name) {
  std::string key = NameKey(name);
  for (unsigned char c : key)
    if (c >= 0x80) return "";
  auto tokens = Tokens(key);
  std::string out;
  out.reserve(key.size());
  for (size_t ti = 0; ti < tokens.size(); ++ti) {
    std::string_view t = tokens[ti];
    // A glued, assimilated article in a later token: "ezzor" -> "zor".
    if (ti > 0 && t.size() >= 5 && (t[0] == 'a' || t[0] == 'e') && t[1] == t[2] &&
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
