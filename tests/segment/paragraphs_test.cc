#include "segment_test_util.h"

namespace dossier::testing {
namespace {

class ParagraphsTest : public SegmentTest {};

TEST_F(ParagraphsTest, SplitsOnBlankLines) {
  std::string text = "  Raqqa fell in October.\nThe coalition declared victory.\n\n \t\nAid "
                     "agencies warned of mines.  \n";
  EXPECT_EQ(Paragraphs(text), (Strings{"Raqqa fell in October.\nThe coalition declared victory.",
                                       "Aid agencies warned of mines."}));
}

TEST_F(ParagraphsTest, OneParagraphPerLineWhenNoBlankLines) {
  std::string text = "Raqqa fell in October.\r\nThe coalition declared victory.\r\n"
                     "Aid agencies warned of mines.";
  EXPECT_EQ(Paragraphs(text), (Strings{"Raqqa fell in October.", "The coalition declared victory.",
                                       "Aid agencies warned of mines."}));
}

TEST_F(ParagraphsTest, LeadingAndTrailingBlankLinesDoNotCount) {
  // Blank lines only at the edges: still "no blank lines between lines".
  EXPECT_EQ(Paragraphs("\n\nFirst line\nSecond line\n\n\n"),
            (Strings{"First line", "Second line"}));
}

TEST_F(ParagraphsTest, UnicodeSpacesAreTrimmed) {
  std::string text = "\xC2\xA0Mosul\xC2\xA0\n\xE2\x80\x83\n\xE3\x80\x80" "Aleppo";
  EXPECT_EQ(Paragraphs(text), (Strings{"Mosul", "Aleppo"}));
}

TEST_F(ParagraphsTest, EmptyAndBlankText) {
  EXPECT_TRUE(seg_.Paragraphs("").empty());
  EXPECT_TRUE(seg_.Paragraphs(" \n\t\n ").empty());
}

TEST_F(ParagraphsTest, SegmentFillsDocument) {
  Document doc;
  doc.text = "Gen. Funk said: “We hold the line.”\n\nRebels disagreed.";
  seg_.Segment(&doc);
  EXPECT_EQ(doc.paragraphs.size(), 2u);
  EXPECT_EQ(doc.sentences.size(), 2u);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(At(doc.text, doc.quotes[0].content), "We hold the line.");
  EXPECT_EQ(doc.tokens.size(), 15u);
}

}  // namespace
}  // namespace dossier::testing
