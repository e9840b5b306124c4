#include "dossier/lexicon.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace dossier {
namespace {

using testing::TempDir;

TEST(LexiconTest, LoadsHeaderAndRowsSkippingComments) {
  TempDir base;
  base.Write("words.tsv", "# a comment\n# another\nkey\tvalue\nalpha\t1\nbeta\t2\n");
  auto lex = Lexicon::Load({base.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const Table& t = (*lex)->table("words");
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.Column("value"), 1);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1][0], "beta");
}

TEST(LexiconTest, OverrideReplacesAddsAndRemovesRows) {
  TempDir base, user;
  base.Write("words.tsv", "key\tvalue\nalpha\t1\nbeta\t2\ngamma\t3\n");
  user.Write("words.tsv", "# user additions\nkey\tvalue\nbeta\t20\n-gamma\t\ndelta\t4\n");
  auto lex = Lexicon::Load({base.path(), user.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const Table& t = (*lex)->table("words");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][0], "alpha");
  EXPECT_EQ(t.rows[1][1], "20");
  EXPECT_EQ(t.rows[2][0], "delta");
}

TEST(LexiconTest, VersionChangesWithContent) {
  TempDir a, b;
  a.Write("words.tsv", "key\nalpha\n");
  b.Write("words.tsv", "key\nalphb\n");
  auto la = Lexicon::Load({a.path()});
  auto lb = Lexicon::Load({b.path()});
  ASSERT_TRUE(la.ok() && lb.ok());
  EXPECT_NE((*la)->version(), (*lb)->version());
  EXPECT_EQ((*la)->version().size(), 16u);
}

TEST(LexiconTest, MismatchedHeaderInOverrideIsAnError) {
  TempDir base, user;
  base.Write("words.tsv", "key\tvalue\nalpha\t1\n");
  user.Write("words.tsv", "key\tother\nbeta\t2\n");
  auto lex = Lexicon::Load({base.path(), user.path()});
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("header does not match"), std::string::npos);
}

// A user table written before a column was added at the end still loads:
// its rows leave the new column empty and replace base rows by key.
TEST(LexiconTest, OverrideWithAnOlderShorterHeaderLoads) {
  TempDir base, user;
  base.Write("words.tsv", "key\tvalue\twhere\nalpha\t1\taccording\nbeta\t2\t\n");
  user.Write("words.tsv", "key\tvalue\nalpha\t9\ngamma\t3\n");
  auto lex = Lexicon::Load({base.path(), user.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const Table& t = (*lex)->table("words");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"alpha", "9", ""}));
  EXPECT_EQ(t.rows[2], (std::vector<std::string>{"gamma", "3", ""}));
  // A header that is no prefix is still an error.
  TempDir other;
  other.Write("words.tsv", "key\twhere\nbeta\tx\n");
  EXPECT_FALSE(Lexicon::Load({base.path(), other.path()}).ok());
}

TEST(LexiconTest, TooManyFieldsNamesFileAndLine) {
  TempDir base;
  base.Write("words.tsv", "key\tvalue\nalpha\t1\t3\n");
  auto lex = Lexicon::Load({base.path()});
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("words.tsv:2"), std::string::npos);
}

TEST(LexiconTest, MissingDirectoryIsNotFound) {
  auto lex = Lexicon::Load({"/nonexistent/dossier-data"});
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), StatusCode::kNotFound);
}

TEST(LexiconTest, BuiltInDataLoads) {
  auto lex = Lexicon::Load({testing::DataDir()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_FALSE((*lex)->table("boilerplate").rows.empty());
  EXPECT_FALSE((*lex)->table("outlets").rows.empty());
  EXPECT_FALSE((*lex)->table("meta_patterns").rows.empty());
}

}  // namespace
}  // namespace dossier
