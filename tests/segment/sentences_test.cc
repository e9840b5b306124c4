#include "segment_test_util.h"

namespace dossier::testing {
namespace {

class SentencesTest : public SegmentTest {};

TEST_F(SentencesTest, SplitsSimpleSentences) {
  EXPECT_EQ(Sentences("Shelling resumed at dawn. Two villages were hit! Who fired first? "
                      "Nobody knows."),
            (Strings{"Shelling resumed at dawn.", "Two villages were hit!", "Who fired first?",
                     "Nobody knows."}));
}

TEST_F(SentencesTest, DoesNotSplitAfterTitleAbbreviation) {
  std::string text =
      "Gen. Funk met Col. John Dorrian in the U.S. base on Jan. 8, 2017. The talks lasted 3.5 "
      "hours.";
  EXPECT_EQ(Sentences(text), (Strings{"Gen. Funk met Col. John Dorrian in the U.S. base on Jan. "
                                      "8, 2017.",
                                      "The talks lasted 3.5 hours."}));
  EXPECT_EQ(Sentences("Lt. Gen. Stephen Townsend and Dr. Amani Ballour spoke. Sgt. Maj. Lee "
                      "listened in St. Louis."),
            (Strings{"Lt. Gen. Stephen Townsend and Dr. Amani Ballour spoke.",
                     "Sgt. Maj. Lee listened in St. Louis."}));
}

TEST_F(SentencesTest, DoesNotSplitInsideUsInitialism) {
  EXPECT_EQ(Sentences("The U.S. Army and U.N. Security Council officials met. They left."),
            (Strings{"The U.S. Army and U.N. Security Council officials met.", "They left."}));
}

TEST_F(SentencesTest, DayWrittenAsOrdinalBeforeMonthIsNoEnd) {
  EXPECT_EQ(Sentences("Die Regierung erkl\u00e4rte am 3. M\u00e4rz 2022 den Notstand. Er gilt."),
            (Strings{"Die Regierung erkl\u00e4rte am 3. M\u00e4rz 2022 den Notstand.", "Er gilt."}));
  EXPECT_EQ(Sentences("Sie kamen am 1. Januar an."), (Strings{"Sie kamen am 1. Januar an."}));
  // An English month name only with a year after it.
  EXPECT_EQ(Sentences("It began on 3. August 2022 in Kyiv."),
            (Strings{"It began on 3. August 2022 in Kyiv."}));
  EXPECT_EQ(Sentences("The toll rose to 12. May God help them."),
            (Strings{"The toll rose to 12.", "May God help them."}));
  EXPECT_EQ(Sentences("He was born in 1990. March was cold."),
            (Strings{"He was born in 1990.", "March was cold."}));
}

TEST_F(SentencesTest, SplitsAfterUsWhenNextWordStartsSentence) {
  EXPECT_EQ(Sentences("The delegation flew back to the U.S. The talks collapsed a day later."),
            (Strings{"The delegation flew back to the U.S.", "The talks collapsed a day later."}));
  EXPECT_EQ(Sentences("Funding came from the U.N. However, it ran out."),
            (Strings{"Funding came from the U.N.", "However, it ran out."}));
}

TEST_F(SentencesTest, UnlistedInitialismFollowsStarterRule) {
  EXPECT_EQ(Sentences("Troops of the A.N.A. Command withdrew. They regrouped near the A.N.A. "
                      "They waited."),
            (Strings{"Troops of the A.N.A. Command withdrew.", "They regrouped near the A.N.A.",
                     "They waited."}));
}

TEST_F(SentencesTest, DoesNotSplitAfterSingleInitials) {
  EXPECT_EQ(Sentences("John F. Kennedy sent advisers. A. B. Smith wrote about it."),
            (Strings{"John F. Kennedy sent advisers.", "A. B. Smith wrote about it."}));
  EXPECT_EQ(Sentences("They called it Plan B. The army rejected it."),
            (Strings{"They called it Plan B.", "The army rejected it."}));
}

TEST_F(SentencesTest, MonthAndNumberAbbreviations) {
  EXPECT_EQ(Sentences("The strike on Sept. 11 hit Building No. 5 at 10 a.m. Tuesday. Then it "
                      "stopped."),
            (Strings{"The strike on Sept. 11 hit Building No. 5 at 10 a.m. Tuesday.",
                     "Then it stopped."}));
  // "no." that is a word still ends a sentence.
  EXPECT_EQ(Sentences("The minister said no. Talks ended."),
            (Strings{"The minister said no.", "Talks ended."}));
}

TEST_F(SentencesTest, OtherAbbreviationSplitsBeforeCapital) {
  EXPECT_EQ(Sentences("They seized rifles, mortars, etc. The cache was large. It held approx. "
                      "300 rounds."),
            (Strings{"They seized rifles, mortars, etc.", "The cache was large.",
                     "It held approx. 300 rounds."}));
}

TEST_F(SentencesTest, PlaceAbbreviationsSplitOnlyBeforeStarters) {
  EXPECT_EQ(Sentences("The convoy stopped on Main St. The driver fled to Ft. Bragg. Smith et "
                      "al. (2019) counted 40 ft. It was high."),
            (Strings{"The convoy stopped on Main St.", "The driver fled to Ft. Bragg.",
                     "Smith et al. (2019) counted 40 ft.", "It was high."}));
}

TEST_F(SentencesTest, KeepsDecimalsTogether) {
  EXPECT_EQ(Sentences("Casualties rose 3.5 percent. The toll reached 12,400.5 by May."),
            (Strings{"Casualties rose 3.5 percent.", "The toll reached 12,400.5 by May."}));
}

TEST_F(SentencesTest, EllipsisFollowedByLowercaseDoesNotSplit) {
  EXPECT_EQ(Sentences("The convoy waited... and waited. Then it moved… Nobody knew why."),
            (Strings{"The convoy waited... and waited.", "Then it moved…", "Nobody knew why."}));
}

TEST_F(SentencesTest, ClosingQuoteStaysWithSentence) {
  EXPECT_EQ(Sentences("“We will hold the city,” he said. “He left.” Then the shelling began."),
            (Strings{"“We will hold the city,” he said.", "“He left.”",
                     "Then the shelling began."}));
  EXPECT_EQ(Sentences("Aid was blocked (see below.) Fighters \"left.\" Later they returned."),
            (Strings{"Aid was blocked (see below.)", "Fighters \"left.\"",
                     "Later they returned."}));
}

TEST_F(SentencesTest, QuestionInsideQuoteBeforeLowercaseAttribution) {
  EXPECT_EQ(Sentences("“Why?” he asked. “Where are the shells?” asked a Reuters reporter. "
                      "Silence followed."),
            (Strings{"“Why?” he asked.", "“Where are the shells?” asked a Reuters reporter.",
                     "Silence followed."}));
}

TEST_F(SentencesTest, SplitsBeforeOpeningQuoteAndDigit) {
  EXPECT_EQ(Sentences("The siege ended. \"It is over,\" she said. 300 fighters surrendered."),
            (Strings{"The siege ended.", "\"It is over,\" she said.",
                     "300 fighters surrendered."}));
}

TEST_F(SentencesTest, NumberedListMarkerAtLineStartDoesNotSplit) {
  EXPECT_EQ(Sentences("1. The army advanced on Raqqa.\n\n2. Civilians fled south."),
            (Strings{"1. The army advanced on Raqqa.", "2. Civilians fled south."}));
}

TEST_F(SentencesTest, HeadingWithoutPunctuationIsOwnSentence) {
  std::string text = "Battle for Mosul\nThe offensive began in October. It lasted months.";
  EXPECT_EQ(Sentences(text), (Strings{"Battle for Mosul", "The offensive began in October.",
                                      "It lasted months."}));
  EXPECT_EQ(Sentences("What we know\n\nThe strike hit a market."),
            (Strings{"What we know", "The strike hit a market."}));
}

TEST_F(SentencesTest, ListItemsAreSentences) {
  std::string text =
      "The report found:\n- 40 airstrikes in March\n- hospitals damaged in Idlib\n"
      "* schools closed\n1) aid convoys blocked\n• Fuel shortages";
  EXPECT_EQ(Sentences(text),
            (Strings{"The report found:", "- 40 airstrikes in March",
                     "- hospitals damaged in Idlib", "* schools closed", "1) aid convoys blocked",
                     "• Fuel shortages"}));
}

TEST_F(SentencesTest, HardWrappedLinesDoNotSplit) {
  std::string text =
      "The shelling of the eastern districts continued through the night, and\n"
      "residents said the Syrian army had used barrel bombs against the\n"
      "Free Syrian Army positions near the old market. Aid groups\n"
      "could not reach the area.\n\nThe UN was not informed.";
  EXPECT_EQ(Sentences(text),
            (Strings{"The shelling of the eastern districts continued through the night, and\n"
                     "residents said the Syrian army had used barrel bombs against the\n"
                     "Free Syrian Army positions near the old market.",
                     "Aid groups\ncould not reach the area.", "The UN was not informed."}));
}

TEST_F(SentencesTest, HeadingInsideHardWrappedParagraph) {
  std::string text =
      "Background\n"
      "The war began in 2011 when protesters in Deraa demanded reforms and\n"
      "the government answered with force across the south of the country.\n\nEnd";
  EXPECT_EQ(Sentences(text),
            (Strings{"Background",
                     "The war began in 2011 when protesters in Deraa demanded reforms and\n"
                     "the government answered with force across the south of the country.",
                     "End"}));
}

TEST_F(SentencesTest, PunctuationStrippedWireTextSplitsOnPeriods) {
  std::string text =
      "Assads government has always denied responsibility for that attack. Syria agreed to "
      "give up its chemical weapons in 2013 under a deal brokered by Russia. The US said it "
      "would respond";
  EXPECT_EQ(Sentences(text),
            (Strings{"Assads government has always denied responsibility for that attack.",
                     "Syria agreed to give up its chemical weapons in 2013 under a deal "
                     "brokered by Russia.",
                     "The US said it would respond"}));
}

TEST_F(SentencesTest, OverlongSentenceSplitsAtClauseThenWhitespace) {
  Segmenter small(RealLexicon(), SegmentOptions{40});
  std::string text =
      "rebels held the north ridge for weeks; the army shelled it daily and nobody could "
      "say how many died there";
  auto spans = small.Sentences(text, small.Paragraphs(text));
  Strings got = Texts(text, spans);
  EXPECT_EQ(got, (Strings{"rebels held the north ridge for weeks;",
                          "the army shelled it daily and nobody", "could say how many died there"}));
  for (const Span& s : spans) EXPECT_LE(s.end - s.begin, 40u);
}

TEST_F(SentencesTest, OverlongWordIsCutAtCharacterBoundary) {
  Segmenter small(RealLexicon(), SegmentOptions{10});
  std::string text = "ééééééééééé";  // 22 bytes, no space
  auto spans = small.Sentences(text, small.Paragraphs(text));
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(At(text, spans[0]), "ééééé");
  EXPECT_EQ(At(text, spans[2]), "é");
}

TEST_F(SentencesTest, SentencesNeverCrossParagraphs) {
  EXPECT_EQ(Sentences("Gen.\n\nFunk arrived. Col.\n\nDorrian left"),
            (Strings{"Gen.", "Funk arrived.", "Col.", "Dorrian left"}));
}

TEST_F(SentencesTest, NonLatinScripts) {
  EXPECT_EQ(Sentences("Армия отступила. Бои продолжались. المدينة سقطت. القتال استمر."),
            (Strings{"Армия отступила.", "Бои продолжались.", "المدينة سقطت.", "القتال استمر."}));
}

TEST_F(SentencesTest, ExtendedAbbreviationsFromUserData) {
  TempDir dir;
  dir.Write("abbreviations.tsv", "abbrev\tkind\nbrig.gen\ttitle\ngen\t-\n-col\t\n");
  auto lex = Lexicon::Load({DataDir(), dir.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  Segmenter s(**lex);
  std::string text = "Col. Dorrian spoke. Brig.Gen. Lee listened.";
  EXPECT_EQ(Texts(text, s.Sentences(text, s.Paragraphs(text))),
            (Strings{"Col.", "Dorrian spoke.", "Brig.Gen. Lee listened."}));
  EXPECT_NE(s.FindAbbreviation("GEN"), nullptr);
  EXPECT_EQ(s.FindAbbreviation("col"), nullptr);
}

TEST_F(SentencesTest, EveryAbbreviationIsFoundInAnyCase) {
  // FindAbbreviation rules most ASCII words out by a filter on their first
  // two bytes and length before the table lookup, and looks keys of up to
  // eight bytes up packed into an integer: no key may be lost to either.
  TempDir dir;
  dir.Write("abbreviations.tsv",
            "abbrev\tkind\nq\tother\nqz\tother\nqzx.\tother\nlongest\tother\n"
            "eightbyt\tother\nninebytes\tother\n\xC3\xA9" "d\tother\nno.\tnumber\n");
  auto lex = Lexicon::Load({DataDir(), dir.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  Segmenter s(**lex);
  const Table& table = (*lex)->table("abbreviations");
  for (const auto& row : table.rows) {
    std::string key = row[0];
    while (!key.empty() && key.back() == '.') key.pop_back();
    if (key.empty()) continue;
    std::string upper = key, title = key;
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
    EXPECT_NE(s.FindAbbreviation(key), nullptr) << key;
    EXPECT_NE(s.FindAbbreviation(upper), nullptr) << upper;
    EXPECT_NE(s.FindAbbreviation(title), nullptr) << title;
  }
  EXPECT_NE(s.FindAbbreviation("\xC3\xA9" "d"), nullptr);  // through the non-ASCII path
  EXPECT_NE(s.FindAbbreviation("\xC3\x89" "D"), nullptr);  // "ÉD", lower-cased by ICU
  const std::string_view absent[] = {"qq",     "zq",       "qzxy",      "longes",
                                     "reports", "Syria",   "",          "said",
                                     "qzx.",   "eightbyx", "ninebytez", std::string_view("q\0", 2)};
  for (std::string_view w : absent)
    EXPECT_EQ(s.FindAbbreviation(w), nullptr) << w;
}

}  // namespace
}  // namespace dossier::testing
