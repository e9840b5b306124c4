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

TEST(MergeMentionsTest, AssignsIdsInOrder) {
  std::vector<Mention> v = {M("a", 0, 1, 1), M("b", 2, 3, 1)};
  AssignIds(&v);
  EXPECT_EQ(v[0].id, "m1");
  EXPECT_EQ(v[1].id, "m2");
}

}  // namespace
}  // namespace dossier
