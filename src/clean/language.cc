// Language identification with CLD2 (tables built into libcld2).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <string_view>

#include <cld2/public/compact_lang_det.h>

#include "clean/cleaner.h"
#include "dossier/utf8.h"

namespace dossier {
namespace {

// A CLD2 call costs about 20 µs before it reads a byte (it sets up its
// scoring tables each time): as much as the rest of cleaning for a short
// article. Most of what dossier reads is plain English, which a count of
// English function words recognises at a glance; CLD2 decides the rest.
// The test is strict (ASCII letters only, at least 60 words, a quarter of
// them function words), so it only answers where CLD2 says "en" too.
constexpr std::string_view kEnglishFunctionWords[] = {
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "was",
    "as", "by", "at", "from", "it", "be", "are", "were", "has", "have", "had",
    "this", "which", "an", "or", "not", "but", "their", "its", "they", "he",
    "she", "his", "her", "been", "would", "will", "who", "after", "into", "than"};

// A word of up to 7 lower-case letters as one number (its bytes and its length).
constexpr uint64_t PackWord(std::string_view w) {
  uint64_t k = static_cast<uint64_t>(w.size()) << 56;
  for (size_t i = 0; i < w.size() && i < 7; ++i)
    k |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
  return k;
}

// kEnglishFunctionWords packed and sorted, looked up by binary search (the
// check runs for every short word of every article).
const std::array<uint64_t, std::size(kEnglishFunctionWords)>& FunctionWordKeys() {
  static const auto keys = [] {
    std::array<uint64_t, std::size(kEnglishFunctionWords)> k{};
    for (size_t i = 0; i < k.size(); ++i) k[i] = PackWord(kEnglishFunctionWords[i]);
    std::sort(k.begin(), k.end());
    return k;
  }();
  return keys;
}

// Bytes >= 0x80 never get here (they are handled first), so this is what
// std::isalpha says in any locale, without a call per byte.
inline bool IsAsciiLetter(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }

bool PlainEnglish(std::string_view text) {
  size_t words = 0, function = 0, i = 0;
  const size_t n = text.size();
  const auto& keys = FunctionWordKeys();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // Typographic quotes, dashes and spaces (U+2000..U+203F) are fine;
      // any other non-ASCII character goes to CLD2.
      if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(text[i + 1]) == 0x80) {
        i += 3;
        continue;
      }
      return false;
    }
    if (!IsAsciiLetter(c)) {
      ++i;
      continue;
    }
    size_t j = i;
    char w[8];
    size_t len = 0;
    while (j < n && IsAsciiLetter(static_cast<unsigned char>(text[j]))) {
      if (len < sizeof w) w[len] = static_cast<char>(text[j] | 0x20);  // ASCII lower case
      ++len;
      ++j;
    }
    ++words;
    if (len <= 6 && std::binary_search(keys.begin(), keys.end(), PackWord({w, len})))
      ++function;
    i = j;
  }
  return words >= 60 && function * 4 >= words;
}

}  // namespace

std::optional<std::string> DetectLanguage(std::string_view text) {
  if (text.size() < 16) return std::nullopt;
  if (PlainEnglish(text)) return std::string("en");
  // CLD2 requires valid UTF-8; the cleaned text always is.
  bool reliable = false;
  int bytes_found = 0;
  CLD2::Language lang3[3];
  int percent3[3];
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, lang3, percent3,
      &bytes_found, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return std::nullopt;
  if (!reliable && percent3[0] < 60) return std::nullopt;
  const char* code = CLD2::LanguageCode(lang);
  if (!code || !*code || std::string_view(code) == "un") return std::nullopt;
  return std::string(code);
}

}  // namespace dossier
