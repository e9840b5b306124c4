#include "dossier/utf8.h"

#include <gtest/gtest.h>

#include "dossier/content_id.h"

namespace dossier {
namespace {

TEST(Utf8Test, FindsFirstInvalidSequence) {
  EXPECT_EQ(utf8::FirstInvalid("abc"), 3u);
  EXPECT_EQ(utf8::FirstInvalid("ab\xE9z"), 2u);          // Latin-1 é
  EXPECT_EQ(utf8::FirstInvalid("\xC0\xAF"), 0u);         // overlong
  EXPECT_EQ(utf8::FirstInvalid("\xED\xA0\x80"), 0u);     // surrogate
  EXPECT_EQ(utf8::FirstInvalid("caf\xC3\xA9"), 5u);      // valid é
  EXPECT_EQ(utf8::FirstInvalid("\xE2\x80"), 0u);         // truncated
}

TEST(Utf8Test, CodepointIndexCountsMultibyteCharacters) {
  std::string s = "D\xC3\xA9ir \xE2\x80\x9CX\xE2\x80\x9D";  // Déir “X”
  utf8::CodepointIndex idx(s);
  EXPECT_EQ(idx.ToCodepoint(0), 0u);
  EXPECT_EQ(idx.ToCodepoint(1), 1u);
  EXPECT_EQ(idx.ToCodepoint(3), 2u);   // after é
  EXPECT_EQ(idx.ToCodepoint(6), 5u);   // start of “
  EXPECT_EQ(idx.ToCodepoint(9), 6u);   // X
  EXPECT_EQ(idx.ToCodepoint(s.size()), 8u);
}

TEST(Utf8Test, CodepointIndexAgreesWithCountingAcrossBlocks) {
  std::string s;
  for (int i = 0; i < 300; ++i) s += (i % 7 == 0) ? "\xE2\x80\x9C" : (i % 5 == 0 ? "\xC3\xA9" : "a");
  utf8::CodepointIndex idx(s);
  size_t cp = 0;
  for (size_t b = 0; b <= s.size(); ++b) {
    bool lead = b == s.size() || (static_cast<unsigned char>(s[b]) & 0xC0) != 0x80;
    if (lead) {
      EXPECT_EQ(idx.ToCodepoint(b), cp) << "byte " << b;
      ++cp;
    }
  }
}

// Every byte offset, mid-sequence ones too (they map to the code point that
// contains them), against plain counting, for every length up to five
// blocks: the whole-block and the short last-block paths both.
TEST(Utf8Test, CodepointIndexAgreesWithCountingAtEveryByte) {
  const char* pieces[] = {"a", "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80", " "};
  for (size_t len = 0; len <= 80; ++len) {
    std::string s;
    for (size_t k = 0; s.size() < len; ++k) s += pieces[(k * 7 + len) % 5];
    utf8::CodepointIndex idx(s);
    size_t starts = 0;  // code points begun before byte b
    for (size_t b = 0; b <= s.size(); ++b) {
      const bool cont = b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80;
      const size_t want = cont ? starts - 1 : starts;
      ASSERT_EQ(idx.ToCodepoint(b), want) << "length " << s.size() << ", byte " << b;
      if (b < s.size() && !cont) ++starts;
    }
  }
}

// Stray continuation bytes at the start (invalid UTF-8) count for nothing
// and map to code point 0, in whole blocks and in the short last block.
TEST(Utf8Test, CodepointIndexLeadingContinuationBytesMapToZero) {
  for (size_t stray : {1, 3, 15, 16, 17, 40}) {
    const std::string s = std::string(stray, '\x80') + "ab\xC3\xA9" + std::string(20, 'c');
    utf8::CodepointIndex idx(s);
    for (size_t b = 0; b <= stray; ++b) EXPECT_EQ(idx.ToCodepoint(b), 0u) << stray << " " << b;
    EXPECT_EQ(idx.ToCodepoint(stray + 2), 2u) << stray;
    EXPECT_EQ(idx.ToCodepoint(stray + 3), 2u) << stray;  // inside the é
    EXPECT_EQ(idx.ToCodepoint(s.size()), 23u) << stray;
  }
}

TEST(Utf8Test, ClassesCoverNonAscii) {
  EXPECT_TRUE(utf8::IsAlpha(U'\u00C7'));
  EXPECT_TRUE(utf8::IsUpper(U'\u00C7'));
  EXPECT_TRUE(utf8::IsSpace(U'\u00A0'));
  EXPECT_TRUE(utf8::IsPunct(U'\u201C'));
  EXPECT_FALSE(utf8::IsAlpha('3'));
}

TEST(ContentIdTest, IsStableAndHex) {
  EXPECT_EQ(ContentId("abc"), ContentId("abc"));
  EXPECT_NE(ContentId("abc"), ContentId("abd"));
  EXPECT_EQ(ContentId("abc").size(), 32u);
  EXPECT_EQ(ContentId("abc").find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace dossier
