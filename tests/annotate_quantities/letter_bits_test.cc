// LetterDigitBits64 against a byte-by-byte reference, on every length, both
// ways of reading (wide or not) and bytes of every value.
#include "annotate/quantities/letter_bits.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace dossier {
namespace {

LetterDigitBits Reference(const char* p, size_t n) {
  LetterDigitBits m;
  for (size_t k = 0; k < n; ++k) {
    const char c = p[k];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) m.letters |= uint64_t{1} << k;
    if (c >= '0' && c <= '9') m.digits |= uint64_t{1} << k;
  }
  return m;
}

TEST(LetterDigitBits64, MatchesReference) {
  std::mt19937 rng(7);
  std::string buf(64, '\0');
  for (int round = 0; round < 2000; ++round) {
    for (char& c : buf) {
      // Half the bytes near the class edges ('/', '0', '9', ':', '@', 'A',
      // 'Z', '[', '`', 'a', 'z', '{'), the others of any value.
      static const char kEdges[] = "/09:@AZ[`az{";
      c = rng() % 2 ? kEdges[rng() % 12] : static_cast<char>(rng() % 256);
    }
    for (size_t n = 0; n <= 64; ++n) {
      const LetterDigitBits want = Reference(buf.data(), n);
      for (bool wide : {false, true}) {
        if (!wide) {
          // Only p[0..n) may be read: the bytes after it are elsewhere.
          std::string exact(buf.data(), n);
          const LetterDigitBits got = LetterDigitBits64(exact.data(), n, false);
          EXPECT_EQ(got.letters, want.letters) << "n " << n;
          EXPECT_EQ(got.digits, want.digits) << "n " << n;
        } else {
          const LetterDigitBits got = LetterDigitBits64(buf.data(), n, true);
          EXPECT_EQ(got.letters, want.letters) << "n " << n << " wide";
          EXPECT_EQ(got.digits, want.digits) << "n " << n << " wide";
        }
      }
    }
  }
}

}  // namespace
}  // namespace dossier
