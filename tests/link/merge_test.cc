#include "link/merge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dossier {
namespace {

Mention M(const char* kind, uint32_t b, uint32_t e, double conf, const char* rule = "") {
  Mention m;
  m.kind = kind;
  m.span = {b, e};
  m.confidence = conf;
  m.rule = rule;
  return m;
}

std::string Dump(const std::vector<Mention>& v) {
  std::string s;
  for (const Mention& m : v)
    s += m.kind + "[" + std::to_string(m.span.begin) + "," + std::to_string(m.span.end) + ") ";
  return s;
}

TEST(MergeMentionsTest, KeepsNonOverlappingMentionsInTextOrder) {
  std::vector<Mention> kept = {M("date", 30, 40, 0.9)};
  MergeMentions({M("place", 50, 60, 0.8), M("actor", 0, 10, 0.8)}, &kept);
  EXPECT_EQ(Dump(kept), "actor[0,10) date[30,40) place[50,60) ");
}

TEST(MergeMentionsTest, LongerSpanWinsThenHigherConfidence) {
  // A person-shaped "Abu Kamal" (weak) loses to the town of the same span
  // with more confidence; "Abu" alone loses to both (shorter).
  std::vector<Mention> kept = {M("person", 10, 19, 0.5, "given_name+surname")};
  MergeMentions({M("place", 10, 19, 0.8, "places:key"), M("place", 10, 13, 0.99)}, &kept);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].kind, "place");
  ASSERT_EQ(kept[0].evidence.size(), 1u);
  EXPECT_EQ(kept[0].evidence[0], "over person given_name+surname");
  // Equal length and confidence: what ran first stays.
  std::vector<Mention> kept2 = {M("actor", 0, 5, 0.7)};
  MergeMentions({M("place", 0, 5, 0.7)}, &kept2);
  EXPECT_EQ(Dump(kept2), "actor[0,5) ");
}

TEST(MergeMentionsTest, ALongMentionReplacesSeveralShortOnes) {
  std::vector<Mention> kept = {M("actor", 0, 6, 0.9), M("place", 7, 12, 0.9),
                               M("date", 20, 24, 0.9)};
  MergeMentions({M("organization", 0, 12, 0.5)}, &kept);
  EXPECT_EQ(Dump(kept), "organization[0,12) date[20,24) ");
}

TEST(MergeMentionsTest, FreshMentionsDoNotOverlapEachOther) {
  std::vector<Mention> kept;
  MergeMentions({M("place", 0, 4, 0.9), M("place", 2, 10, 0.5), M("place", 9, 12, 0.9),
                 M("place", 12, 12, 0.9)},
                &kept);
  // [2,10) is longest and wins; [0,4) and [9,12) overlap it; the empty span goes.
  EXPECT_EQ(Dump(kept), "place[2,10) ");
}

TEST(MergeMentionsTest, AShorterFreshMentionCannotSplitAKeptOne) {
  std::vector<Mention> kept = {M("actor", 0, 20, 0.3)};
  MergeMentions({M("place", 5, 10, 0.99)}, &kept);
  EXPECT_EQ(Dump(kept), "actor[0,20) ");
}

TEST(MergeMentionsTest, DropsAndInsertsMixedKeepTextOrder) {
  // Each kept mention goes straight to its final slot: some move down (a
  // fresh one replaced two before them), some up (more inserted than
  // dropped before them), some stay.
  std::vector<Mention> kept = {M("a", 0, 5, 0.9),   M("b", 10, 15, 0.9), M("c", 20, 25, 0.9),
                               M("d", 30, 35, 0.9), M("e", 40, 45, 0.9), M("f", 50, 55, 0.9),
                               M("g", 60, 65, 0.9), M("h", 70, 75, 0.9)};
  MergeMentions({M("X", 9, 26, 0.5),    // replaces b and c
                 M("Y", 36, 38, 0.5),   // between d and e
                 M("Z", 1, 3, 0.99),    // inside a: loses
                 M("V", 56, 58, 0.5),   // between f and g
                 M("W", 57, 59, 0.5),   // overlaps V, same length, less sure
                 M("U", 59, 76, 0.5),   // replaces g and h
                 M("T", 80, 81, 0.5)},  // at the end
                &kept);
  EXPECT_EQ(Dump(kept),
            "a[0,5) X[9,26) d[30,35) Y[36,38) e[40,45) f[50,55) V[56,58) U[59,76) T[80,81) ");
  ASSERT_EQ(kept[1].evidence.size(), 2u);
  EXPECT_EQ(kept[1].evidence[0], "over b ");
  EXPECT_EQ(kept[1].evidence[1], "over c ");
}

TEST(MergeMentionsTest, TwoFreshMentionsBeatingOneKeptTheBetterDropsIt) {
  // Apart from each other in text order, but both over one kept mention:
  // ranked, not in their own order, so the longer one drops it.
  std::vector<Mention> kept = {M("k", 5, 10, 0.9)};
  MergeMentions({M("A", 0, 7, 0.5), M("B", 8, 20, 0.5)}, &kept);
  EXPECT_EQ(Dump(kept), "A[0,7) B[8,20) ");
  EXPECT_TRUE(kept[0].evidence.empty());
  ASSERT_EQ(kept[1].evidence.size(), 1u);
  EXPECT_EQ(kept[1].evidence[0], "over k ");
}

TEST(MergeMentionsTest, FewerMentionsAfterTheMerge) {
  std::vector<Mention> kept = {M("a", 0, 2, 0.9), M("b", 3, 5, 0.9), M("c", 6, 8, 0.9),
                               M("d", 20, 22, 0.9)};
  MergeMentions({M("X", 0, 8, 0.1)}, &kept);
  EXPECT_EQ(Dump(kept), "X[0,8) d[20,22) ");
}

TEST(MergeMentionsTest, FreshSpansAcrossWordBoundariesOfTheByteMap) {
  // The bytes held by accepted fresh spans are kept 64 to a word: overlaps
  // are found on either side of byte 64 and 128, and touching spans do not
  // overlap.
  std::vector<Mention> kept;
  MergeMentions({M("long", 60, 130, 0.5), M("left", 0, 61, 0.9), M("right", 129, 190, 0.9),
                 M("touch", 130, 131, 0.9), M("before", 59, 60, 0.9), M("in", 64, 128, 0.9),
                 M("far", 191, 300, 0.1)},
                &kept);
  EXPECT_EQ(Dump(kept), "before[59,60) long[60,130) touch[130,131) far[191,300) ");
}

TEST(MergeMentionsTest, FirstMergeKeepsFreshMentionsInTextOrder) {
  // Into nothing: in index order, with a loser in between (gathered in
  // place), and out of order (sorted).
  std::vector<Mention> kept;
  MergeMentions({M("a", 0, 5, 0.5), M("b", 3, 4, 0.9), M("c", 10, 12, 0.5)}, &kept);
  EXPECT_EQ(Dump(kept), "a[0,5) c[10,12) ");
  std::vector<Mention> kept2;
  MergeMentions({M("place", 50, 60, 0.8), M("actor", 0, 10, 0.8), M("date", 20, 30, 0.8)},
                &kept2);
  EXPECT_EQ(Dump(kept2), "actor[0,10) date[20,30) place[50,60) ");
  // Emptied, with room left: merged in place.
  kept2.clear();
  MergeMentions({M("place", 50, 60, 0.8), M("actor", 0, 10, 0.8)}, &kept2);
  EXPECT_EQ(Dump(kept2), "actor[0,10) place[50,60) ");
}

TEST(MergeMentionsTest, AssignsIdsInOrder) {
  std::vector<Mention> v = {M("a", 0, 1, 1), M("b", 2, 3, 1)};
  AssignIds(&v);
  EXPECT_EQ(v[0].id, "m1");
  EXPECT_EQ(v[1].id, "m2");
}

}  // namespace
}  // namespace dossier
