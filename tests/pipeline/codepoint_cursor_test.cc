#include "pipeline/codepoint_cursor.h"

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dossier/utf8.h"

namespace dossier {
namespace {

// Text of ASCII, two- to four-byte sequences and stray bytes (a lone
// continuation byte, a lead byte with none), more or less of them.
std::string RandomText(uint64_t seed, size_t n, int non_ascii_percent) {
  uint64_t state = seed;
  auto next = [&](uint64_t m) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % m;
  };
  static const char* const kPieces[] = {"\xE2\x80\x99", "\xC3\xA9", "\xF0\x9F\x98\x80",
                                        "\xD8\xB3", "\x80", "\xC3"};
  std::string s;
  while (s.size() < n) {
    if (static_cast<int>(next(100)) < non_ascii_percent) s += kPieces[next(6)];
    else s += static_cast<char>('a' + next(26));
  }
  return s;
}

// Every answer equals CodepointIndex's, whatever the order of the queries:
// rising (the common case), falling, random, and past the end.
TEST(CodepointCursorTest, AnswersAsCodepointIndexInAnyQueryOrder) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const int percent = static_cast<int>(seed % 5 == 0 ? 0 : seed % 4 == 0 ? 60 : seed % 7);
    const std::string text = RandomText(seed, seed * 37 % 700, percent);
    const utf8::CodepointIndex index(text);
    const size_t size = text.size();
    std::vector<size_t> queries;
    for (int pass = 0; pass < 3; ++pass)
      for (size_t q = 0; q <= size + 2; q += 1 + pass * 7) queries.push_back(q);
    for (size_t q = size + 3; q-- > 0;) queries.push_back(q);
    uint64_t state = seed;
    for (int i = 0; i < 500; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      queries.push_back((state >> 33) % (size + 3));
    }
    CodepointCursor cursor(text);
    for (size_t q : queries)
      EXPECT_EQ(cursor.ToCodepoint(q), index.ToCodepoint(q)) << "seed " << seed << " at " << q;
  }
}

}  // namespace
}  // namespace dossier
