// The voice layer's phrase table: MatchFirst (rows found by the first
// word's id, rows whose second word has another length skipped unread) finds
// what Match (rows found by hashing the first word, every row read) finds,
// at every token of sentences written for this test.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "annotate/voice/voice_annotator.h"

namespace dossier {
namespace {

using voice_internal::FirstWordTable;
using voice_internal::PhraseRow;
using voice_internal::PhraseTable;
using voice_internal::PhraseTokens;
using voice_internal::StringMap;

PhraseRow Row(std::string_view text, bool lower_only = false) {
  PhraseRow r;
  r.words = PhraseTokens(text);
  r.text = std::string(text);
  r.lower_only = lower_only;
  return r;
}

TEST(PhraseTableTest, MatchFirstFindsWhatMatchFinds) {
  PhraseTable t;
  // Several rows per first word, of equal and of different second-word
  // lengths, one-word rows, a lower-case-only row and words longer than
  // eight bytes.
  for (const char* p : {"it is said", "it is reported", "it was reported", "it was said that",
                        "it", "it seems", "it appears", "it is understood",
                        ", but", ", but also", ", although", ",", "may", "may have",
                        "according to", "accordingly", "reportedly", "reported"})
    t.Add(Row(p));
  t.Add(Row("may well", /*lower_only=*/true));
  StringMap<uint8_t> firsts;
  t.ForEachRow([&](const PhraseRow& r) { firsts[r.words[0]] = 1; });
  FirstWordTable ids;
  ids.Build(firsts);
  t.IndexFirstWords(ids);

  for (const char* sentence :
       {"It is said that it was reported, but it seems it is not.",
        "It may well be, although it appears it was said that it is understood.",
        "According to them, accordingly, it is reportedly so, but also reported",
        "May well it be; it is, may have, it was, it, ,, but"}) {
    const std::vector<std::string> toks = PhraseTokens(sentence);
    std::vector<std::string_view> low(toks.begin(), toks.end());
    // Case as written: PhraseTokens lower-cases, so take it from the text.
    std::vector<char> lower(toks.size(), 1);
    if (!toks.empty()) lower[0] = 0;  // every sentence starts with a capital
    for (size_t end : {toks.size(), toks.size() - 1, size_t{3}}) {
      for (size_t i = 0; i < end; ++i) {
        size_t n_match = 0, n_first = 0;
        const PhraseRow* want = t.Match(low, lower, i, end, &n_match);
        uint32_t id = 0;
        const PhraseRow* got =
            ids.Find(low[i], &id)
                ? t.MatchFirst(id, [&](size_t k) { return low[k]; },
                               [&](size_t k) { return lower[k] != 0; }, i, end, &n_first)
                : nullptr;
        EXPECT_EQ(got, want) << sentence << " at " << i << " to " << end;
        if (want) {
          EXPECT_EQ(n_first, n_match) << sentence << " at " << i;
        }
      }
    }
  }
}

TEST(PhraseTableTest, MatchFirstPrefersTheLongestRow) {
  PhraseTable t;
  t.Add(Row(", but"));
  t.Add(Row(", but also"));
  t.Add(Row(","));
  StringMap<uint8_t> firsts{{",", 1}};
  FirstWordTable ids;
  ids.Build(firsts);
  t.IndexFirstWords(ids);
  const std::vector<std::string> toks = PhraseTokens("red, but also blue");
  std::vector<std::string_view> low(toks.begin(), toks.end());
  uint32_t id = 0;
  ASSERT_TRUE(ids.Find(",", &id));
  auto at = [&](size_t k) { return low[k]; };
  auto lower = [](size_t) { return true; };
  size_t n = 0;
  const PhraseRow* r = t.MatchFirst(id, at, lower, 1, low.size(), &n);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->text, ", but also");
  EXPECT_EQ(n, 3u);
  // Cut before "also": the two-word row.
  r = t.MatchFirst(id, at, lower, 1, 3, &n);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->text, ", but");
  // The last token alone: the one-word row (no second word to compare).
  r = t.MatchFirst(id, at, lower, 1, 2, &n);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->text, ",");
}

}  // namespace
}  // namespace dossier
