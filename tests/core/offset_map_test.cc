#include "dossier/offset_map.h"

#include <gtest/gtest.h>

namespace dossier {
namespace {

TEST(OffsetMapTest, IdentityMapsEveryOffsetToItself) {
  OffsetMap m = OffsetMap::Identity(10);
  for (size_t i = 0; i <= 10; ++i) {
    EXPECT_EQ(m.MapBegin(i), i);
    EXPECT_EQ(m.MapEnd(i), i);
  }
}

TEST(OffsetMapTest, ReplacePieceMapsToWholeSourceRun) {
  // "a&amp;b" -> "a&b"
  TextBuilder b;
  b.Copy("a", 0);
  b.Replace("&", 1, 6);
  b.Copy("b", 6);
  const OffsetMap& m = b.map();
  EXPECT_EQ(b.text(), "a&b");
  EXPECT_EQ(m.MapBegin(1), 1u);
  EXPECT_EQ(m.MapEnd(2), 6u);
  EXPECT_EQ(m.MapBegin(2), 6u);
  EXPECT_EQ(m.MapEnd(3), 7u);
}

TEST(OffsetMapTest, DeletedInputIsSkipped) {
  // "[war](#) zone" -> "war zone": '[' and "](#)" deleted.
  TextBuilder b;
  b.Copy("war", 1);
  b.Copy(" zone", 8);
  EXPECT_EQ(b.text(), "war zone");
  EXPECT_EQ(b.map().MapBegin(0), 1u);
  EXPECT_EQ(b.map().MapEnd(3), 4u);
  EXPECT_EQ(b.map().MapBegin(4), 9u);
  EXPECT_EQ(b.map().MapEnd(8), 13u);
}

TEST(OffsetMapTest, ContiguousCopiesMerge) {
  TextBuilder b;
  b.Copy("ab", 0);
  b.Copy("cd", 2);
  EXPECT_EQ(b.map().pieces().size(), 1u);
}

TEST(OffsetMapTest, ComposeChainsTwoMaps) {
  // raw "x  y" -> mid "x y" (collapse) -> out "y" (drop "x ").
  TextBuilder mid;
  mid.Copy("x", 0);
  mid.Replace(" ", 1, 3);
  mid.Copy("y", 3);
  TextBuilder out;
  out.Copy("y", 2);
  OffsetMap composed = out.map().Compose(mid.map());
  EXPECT_EQ(composed.MapBegin(0), 3u);
  EXPECT_EQ(composed.MapEnd(1), 4u);
}

TEST(OffsetMapTest, ComposeKeepsCopyGranularityAcrossInnerPieces) {
  TextBuilder inner;  // "ab&c" from "ab&amp;c"
  inner.Copy("ab", 0);
  inner.Replace("&", 2, 7);
  inner.Copy("c", 7);
  OffsetMap outer = OffsetMap::Identity(4);
  OffsetMap c = outer.Compose(inner.map());
  EXPECT_EQ(c.MapBegin(1), 1u);
  EXPECT_EQ(c.MapBegin(2), 2u);
  EXPECT_EQ(c.MapEnd(3), 7u);
  EXPECT_EQ(c.MapBegin(3), 7u);
  EXPECT_EQ(c.MapEnd(4), 8u);
}

TEST(OffsetMapTest, TruncateDropsTail) {
  TextBuilder b;
  b.Copy("hello ", 0);
  b.Replace("\n\n", 6, 6);
  b.Truncate(5);
  EXPECT_EQ(b.text(), "hello");
  EXPECT_EQ(b.map().output_size(), 5u);
  EXPECT_EQ(b.map().MapEnd(5), 5u);
}

}  // namespace
}  // namespace dossier
