#include "segment_test_util.h"

#include "segment/text_class.h"

namespace dossier::testing {
namespace {

class TokensTest : public SegmentTest {
 protected:
  std::string Kinds(std::string_view text) const {
    std::string out;
    for (const Token& t : seg_.Tokens(text)) {
      switch (t.kind) {
        case Token::Kind::kWord: out += 'w'; break;
        case Token::Kind::kNumber: out += 'n'; break;
        case Token::Kind::kPunct: out += 'p'; break;
        case Token::Kind::kSymbol: out += 's'; break;
      }
    }
    return out;
  }
};

TEST_F(TokensTest, WordsNumbersAndPunctuation) {
  std::string text = "Rebels fired 3,000 rounds (3.5 tons) on the 17th day!";
  EXPECT_EQ(TokenTexts(text), (Strings{"Rebels", "fired", "3,000", "rounds", "(", "3.5", "tons",
                                       ")", "on", "the", "17th", "day", "!"}));
  EXPECT_EQ(Kinds(text), "wwnwpnwpwwnwp");
}

TEST_F(TokensTest, TokensOfHyphenatedNumber) {
  std::string text = "a 55-kilometer front";
  EXPECT_EQ(TokenTexts(text), (Strings{"a", "55", "-", "kilometer", "front"}));
  EXPECT_EQ(Kinds(text), "wnpww");
}

TEST_F(TokensTest, HyphenatedWordsSplit) {
  EXPECT_EQ(TokenTexts("Russian-backed, U.S.-led forces"),
            (Strings{"Russian", "-", "backed", ",", "U.S.", "-", "led", "forces"}));
}

TEST_F(TokensTest, InternalApostrophesStayInWord) {
  EXPECT_EQ(TokenTexts("Syria’s army didn't cross O'Brien’s line; ISIS’ fighters"),
            (Strings{"Syria’s", "army", "didn't", "cross", "O'Brien’s", "line", ";", "ISIS", "’",
                     "fighters"}));
}

TEST_F(TokensTest, InitialismsKeepTheirPeriods) {
  std::string text = "The U.S. and U.N. met, e.g. at 5 p.m. in Washington, D.C.";
  EXPECT_EQ(TokenTexts(text), (Strings{"The", "U.S.", "and", "U.N.", "met", ",", "e.g.", "at", "5",
                                       "p.m.", "in", "Washington", ",", "D.C."}));
}

TEST_F(TokensTest, AbbreviationPeriodIsSeparate) {
  EXPECT_EQ(TokenTexts("Gen. Funk."), (Strings{"Gen", ".", "Funk", "."}));
}

TEST_F(TokensTest, EllipsisIsOneToken) {
  EXPECT_EQ(TokenTexts("wait... go.. now…"),
            (Strings{"wait", "...", "go", ".", ".", "now", "…"}));
}

TEST_F(TokensTest, SymbolsAndNonAscii) {
  std::string text = "$5 + €3 = 40% “Алеппо” مدينة ٣٠ naïve";
  EXPECT_EQ(TokenTexts(text), (Strings{"$", "5", "+", "€", "3", "=", "40", "%", "“", "Алеппо",
                                       "”", "مدينة", "٣٠", "naïve"}));
  EXPECT_EQ(Kinds(text), "snssnsnppwpwnw");
}

TEST_F(TokensTest, CombiningMarksStayInWord) {
  std::string text = "cafe\xCC\x81 \xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80";
  EXPECT_EQ(TokenTexts(text), (Strings{"cafe\xCC\x81", "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82"
                                                       "\xE0\xA4\xA6\xE0\xA5\x80"}));
}

TEST_F(TokensTest, LetterRunsEndOnlyWhereTheWordEnds) {
  // The tokenizer takes a run of ASCII letters in one step and asks the
  // full scan only when the byte after it may continue the word.
  EXPECT_EQ(TokenTexts("Kobani2 abc’s Mr. ab.cd. Syria. abcdefghijklmnopq!zz"),
            (Strings{"Kobani2", "abc’s", "Mr", ".", "ab.cd.", "Syria", ".",
                     "abcdefghijklmnopq", "!", "zz"}));
  EXPECT_EQ(TokenTexts("go-ahead x$y caf\xC3\xA9s end"),
            (Strings{"go", "-", "ahead", "x", "$", "y", "caf\xC3\xA9s", "end"}));
  EXPECT_EQ(TokenTexts("p.m"), (Strings{"p", ".", "m"}));
  EXPECT_EQ(TokenTexts("abc."), (Strings{"abc", "."}));
}

TEST(AsciiLetterRunTest, MatchesAByteByByteScan) {
  using segment_internal::AsciiLetterRun;
  // Every byte value at every position of a letter run, with the run
  // starting at different offsets and the text ending at different lengths
  // (eight-byte steps, then the tail).
  for (int c = 0; c < 256; ++c) {
    for (size_t pos = 0; pos < 20; ++pos) {
      char buf[32];
      for (size_t k = 0; k < sizeof buf; ++k) buf[k] = "aZqMzA"[k % 6];
      buf[pos] = static_cast<char>(c);
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      for (size_t start = 0; start <= 3; ++start) {
        for (size_t n = start; n <= 24; ++n) {
          size_t want = n;
          if (!letter && pos >= start && pos < n) want = pos;
          ASSERT_EQ(AsciiLetterRun(buf, start, n), want)
              << "byte " << c << " at " << pos << ", run from " << start << ", n " << n;
        }
      }
    }
  }
}

TEST_F(TokensTest, SpansAreExact) {
  std::string text = " Idlib, 2019.";
  auto toks = seg_.Tokens(text);
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(toks[0].span, (Span{1, 6}));
  EXPECT_EQ(toks[1].span, (Span{6, 7}));
  EXPECT_EQ(toks[2].span, (Span{8, 12}));
  EXPECT_EQ(toks[3].span, (Span{12, 13}));
}

}  // namespace
}  // namespace dossier::testing
