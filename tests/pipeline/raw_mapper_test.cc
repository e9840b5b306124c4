#include "pipeline/raw_mapper.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

namespace dossier {
namespace {

// A map like the cleaner's: copies, entities replaced, whitespace
// collapsed, separators inserted with an empty input range.
OffsetMap RandomMap(uint64_t seed, int pieces) {
  uint64_t state = seed;
  auto next = [&](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  OffsetMap map;
  size_t out = 0, in = 0;
  for (int i = 0; i < pieces; ++i) {
    const size_t len = 1 + next(12);
    switch (next(4)) {
      case 0:
      case 1:
        map.AddCopy(out, in, len);
        in += len;
        break;
      case 2: {
        const size_t in_len = next(9);
        map.AddReplace(out, len, in, in + in_len);
        in += in_len;
        break;
      }
      default:
        in += next(5);  // a dropped run, then a copy that does not extend the last one
        map.AddCopy(out, in, len);
        in += len;
        break;
    }
    out += len;
  }
  return map;
}

// Every answer equals OffsetMap's own, whatever the order of the queries:
// rising (the common case), random, falling, and rising runs that start over.
TEST(RawMapperTest, AnswersAsOffsetMapInAnyQueryOrder) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const OffsetMap map = RandomMap(seed, static_cast<int>(seed % 7 == 0 ? 0 : seed * 5));
    const size_t size = map.output_size();
    std::vector<size_t> queries;
    for (int pass = 0; pass < 3; ++pass)
      for (size_t q = 0; q <= size + 2; q += 1 + pass) queries.push_back(q);
    for (size_t q = size + 3; q-- > 0;) queries.push_back(q);
    uint64_t state = seed;
    for (int i = 0; i < 500; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      queries.push_back((state >> 33) % (size + 3));
    }
    RawMapper begin(map), end(map), both(map);
    for (size_t q : queries) {
      EXPECT_EQ(begin.MapBegin(q), map.MapBegin(q)) << "seed " << seed << " at " << q;
      EXPECT_EQ(end.MapEnd(q), map.MapEnd(q)) << "seed " << seed << " at " << q;
      EXPECT_EQ(both.MapBegin(q), map.MapBegin(q)) << "seed " << seed << " at " << q;
      EXPECT_EQ(both.MapEnd(q + 3), map.MapEnd(q + 3)) << "seed " << seed << " at " << q;
    }
  }
}

}  // namespace
}  // namespace dossier
