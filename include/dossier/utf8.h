// UTF-8 helpers shared by every stage: validation, decoding one code point,
// character classes for ASCII fast paths, and CodepointIndex, which turns the
// byte offsets used inside dossier into the code point offsets of the output
// contract (Python's text[start:end]).
#ifndef DOSSIER_UTF8_H_
#define DOSSIER_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::utf8 {

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for invalid
// lead bytes so that callers always advance).
inline size_t SeqLen(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// Decodes the code point at s[i] (s must be valid UTF-8); sets *len.
char32_t Decode(std::string_view s, size_t i, size_t* len);
// Decodes the code point that ends at byte `end` (exclusive); sets *len.
char32_t DecodeBefore(std::string_view s, size_t end, size_t* len);
// Appends the UTF-8 encoding of `cp` to `out`.
void Append(char32_t cp, std::string* out);

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValid(std::string_view s);
// Byte offset of the first invalid sequence, or s.size() if valid.
size_t FirstInvalid(std::string_view s);
// Number of code points in valid UTF-8 `s`.
size_t CountCodepoints(std::string_view s);
bool IsAscii(std::string_view s);

// Unicode-aware classes (ICU under the hood for non-ASCII).
bool IsAlpha(char32_t cp);
bool IsDigit(char32_t cp);
bool IsAlnum(char32_t cp);
bool IsUpper(char32_t cp);
bool IsLower(char32_t cp);
bool IsSpace(char32_t cp);  // includes NBSP and other Unicode spaces
bool IsPunct(char32_t cp);

// Maps byte offsets of one string to code point offsets.
class CodepointIndex {
 public:
  explicit CodepointIndex(std::string_view s);
  // Code point offset of byte offset `byte` (0 <= byte <= size). A byte in
  // the middle of a sequence maps to the code point that contains it.
  size_t ToCodepoint(size_t byte) const {
    if (ascii_) return byte;
    return Slow(byte);
  }

 private:
  // Code points before each 16-byte block, then a count within the block.
  size_t Slow(size_t byte) const;
  std::string_view s_;
  bool ascii_ = true;
  // Two words per 16-byte block: the code points before it, and the mask of
  // its continuation bytes (utf8.cc).
  std::vector<uint32_t> block_start_;
};

}  // namespace dossier::utf8

#endif  // DOSSIER_UTF8_H_
