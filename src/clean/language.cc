// Language identification with CLD2 (tables built into libcld2).
#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
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

// kEnglishFunctionWords packed, in an open-addressing table of 128 slots
// (the check runs for every short word of every article; a binary search
// over the 43 keys cost more than the scan of the words). 0 is no key.
class FunctionWords {
 public:
  FunctionWords() {
    for (std::string_view w : kEnglishFunctionWords) {
      size_t i = Slot(PackWord(w));
      while (slots_[i] != 0) i = (i + 1) % slots_.size();
      slots_[i] = PackWord(w);
    }
  }
  bool Has(uint64_t key) const {
    for (size_t i = Slot(key);; i = (i + 1) % slots_.size()) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  static size_t Slot(uint64_t key) { return (key * 0x9E3779B97F4A7C15ull) >> 57; }
  std::array<uint64_t, 128> slots_{};
};

// Bytes >= 0x80 never get here (they are handled first), so this is what
// std::isalpha says in any locale, without a call per byte.
inline bool IsAsciiLetter(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }

bool PlainEnglish(std::string_view text) {
  size_t words = 0, function = 0, i = 0;
  const size_t n = text.size();
  static const FunctionWords kFunctionWords;
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
    // The word's end and its PackWord key (ASCII lower case).
    size_t j = i;
    uint64_t key = 0;
    if (std::endian::native == std::endian::little && i + 8 <= n) {
      // Eight bytes at once (most words are shorter): per byte, t is the
      // byte in lower case without its high bit, and t + 0x1F (t + 0x05)
      // has its high bit set iff t >= 'a' (t > 'z'), with no carry.
      constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = kOnes * 0x80;
      uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      const uint64_t t = (w | kOnes * 0x20) & ~kHigh;
      const uint64_t letters =
          (t + kOnes * (0x80 - 'a')) & ~(t + kOnes * (0x80 - 'z' - 1)) & ~w & kHigh;
      const uint64_t ends = ~letters & kHigh;
      j = ends != 0 ? i + static_cast<size_t>(std::countr_zero(ends)) / 8 : i + 8;
      if (j - i < 8) {
        key = t & ((uint64_t{1} << (8 * (j - i))) - 1);
      } else {
        while (j < n && IsAsciiLetter(static_cast<unsigned char>(text[j]))) ++j;
      }
    } else {
      for (; j < n && IsAsciiLetter(static_cast<unsigned char>(text[j])); ++j) {
        if (j - i < 7)
          key |= static_cast<uint64_t>(static_cast<unsigned char>(text[j]) | 0x20) << (8 * (j - i));
      }
    }
    const size_t len = j - i;
    ++words;
    if (len <= 6 && kFunctionWords.Has(key | static_cast<uint64_t>(len) << 56)) ++function;
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
