#include "lexicon/name_key.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(NameKeyTest, FoldsCaseDiacriticsApostrophesAndPunctuation) {
  EXPECT_EQ(FoldName("Deïr ez-Zôr"), "deir ez zor");
  EXPECT_EQ(FoldName("Hashd Al-Sha'abi"), "hashd al shaabi");
  EXPECT_EQ(FoldName("Hashd al-Sha\u2019abi"), "hashd al shaabi");
  EXPECT_EQ(FoldName("Dayr az Z\u016Br"), "dayr az zur");
  EXPECT_EQ(FoldName("  U.S.  "), "u s");
  EXPECT_EQ(FoldName("Ra\u02BFs al-\u02BFAyn"), "ras al ayn");
  EXPECT_EQ(FoldName("\u0141\u00F3d\u017A"), "lodz");
  EXPECT_EQ(FoldName("STRASSE"), "strasse");
  EXPECT_EQ(FoldName("Stra\u00DFe"), "strasse");
  EXPECT_EQ(FoldName("--"), "");
  EXPECT_EQ(FoldName(""), "");
}

TEST(NameKeyTest, KeepsNonLatinLettersFolded) {
  EXPECT_EQ(FoldName("\u062F\u064A\u0631 \u0627\u0644\u0632\u0648\u0631"),
            "\u062F\u064A\u0631 \u0627\u0644\u0632\u0648\u0631");
  // Marks go in every script: Cyrillic short i folds to i, Arabic hamza
  // seats to bare alef, as transliterations and careless typing do.
  EXPECT_EQ(FoldName("\u0414\u0435\u0439\u0440-\u044D\u0437-\u0417\u043E\u0440"),
            "\u0434\u0435\u0438\u0440 \u044D\u0437 \u0437\u043E\u0440");
  EXPECT_EQ(FoldName("\u0623\u0628\u0648"), "\u0627\u0628\u0648");
}

TEST(NameKeyTest, DropsArticleTokensOfMultiTokenNames) {
  EXPECT_EQ(NameKey("al-Tanf"), "tanf");
  EXPECT_EQ(NameKey("Al Tanf"), "tanf");
  EXPECT_EQ(NameKey("At Tanf"), "tanf");
  EXPECT_EQ(NameKey("Tanf"), "tanf");
  EXPECT_EQ(NameKey("Deir ez-Zor"), "deir zor");
  EXPECT_EQ(NameKey("Bab al-Hawa"), "bab hawa");
  // A one-token name and an all-article name are kept.
  EXPECT_EQ(NameKey("As"), "as");
  EXPECT_EQ(NameKey("Al-Al"), "al al");
}

TEST(NameKeyTest, SkeletonJoinsTheSpellingsOfDeirEzZor) {
  const std::string want = "drzr";
  for (const char* s : {"Deir ez-Zor", "Deir El-Zour", "Deir Ezzor", "Der Zor", "Dayr az Zawr",
                        "Deir al-Zor", "Dair az-Zaur", "DEIR EZ-ZOR"})
    EXPECT_EQ(SkeletonKey(s), want) << s;
}

TEST(NameKeyTest, SkeletonFoldsDigraphsAndFinalH) {
  EXPECT_EQ(SkeletonKey("Al-Hasakah"), SkeletonKey("Hassakeh"));
  EXPECT_EQ(SkeletonKey("Hasaka"), "hsk");
  EXPECT_EQ(SkeletonKey("Thardeh"), SkeletonKey("Therdah"));
  EXPECT_EQ(SkeletonKey("Al-Raqqa"), SkeletonKey("Raqqah"));
  EXPECT_EQ(SkeletonKey("Idlib"), SkeletonKey("Edlib"));
  EXPECT_NE(SkeletonKey("Homs"), SkeletonKey("Hama"));
}

TEST(NameKeyTest, SkeletonIsEmptyForNonLatinAndTinyKeys) {
  EXPECT_EQ(SkeletonKey("\u062F\u064A\u0631"), "");
  EXPECT_EQ(SkeletonKey("Aya"), "");
  EXPECT_EQ(SkeletonKey(""), "");
}

TEST(NameKeyTest, ArticleTokens) {
  EXPECT_TRUE(IsArticleToken("al"));
  EXPECT_TRUE(IsArticleToken("ez"));
  EXPECT_FALSE(IsArticleToken("abu"));
  EXPECT_FALSE(IsArticleToken("Al"));  // tokens are folded first
}

}  // namespace
}  // namespace dossier
