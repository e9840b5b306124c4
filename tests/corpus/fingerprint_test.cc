// The corpus layer's fingerprints: shingles, MinHash and its bands,
// paragraph hashes, entity features and their comparison.
#include "corpus/fingerprint.h"

#include <gtest/gtest.h>

#include "corpus/family.h"

namespace dossier::corpus {
namespace {

TEST(ShinglesTest, WordsIgnoreCasePunctuationAndHyphens) {
  EXPECT_EQ(Shingles("Troops left al-Tanf, then Deir ez-Zor."),
            Shingles("troops left Al Tanf then Deir Ez Zor"));
  EXPECT_NE(Shingles("troops left al Tanf then Deir ez Zor"),
            Shingles("troops left at Tanf then Deir ez Zor"));
}

TEST(ShinglesTest, ShortAndEmptyTexts) {
  EXPECT_TRUE(Shingles("").empty());
  EXPECT_TRUE(Shingles(" -- ... \n").empty());
  EXPECT_EQ(Shingles("two words").size(), 1u);
  EXPECT_EQ(Shingles("one two three four five").size(), 1u);
  EXPECT_EQ(Shingles("one two three four five six").size(), 2u);
  // Repeated shingles count once.
  EXPECT_EQ(Shingles("a b c d e a b c d e a b c d e").size(), 5u);
  // Non-Latin scripts are words too.
  EXPECT_EQ(Shingles("قصف مدفعي على سوق معرة النعمان").size(), 2u);
}

TEST(ShinglesTest, JaccardOfAnEditedCopy) {
  const auto a = Shingles(testing::family::Original());
  const auto b = Shingles(testing::family::EditedCopy());
  const auto c = Shingles(testing::family::Unrelated());
  EXPECT_DOUBLE_EQ(Jaccard(a, a), 1.0);
  const double ab = Jaccard(a, b);
  EXPECT_GT(ab, 0.8);
  EXPECT_LT(ab, 1.0);
  EXPECT_LT(Jaccard(a, c), 0.02);
  EXPECT_EQ(Intersection(a, b), Intersection(b, a));
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
}

TEST(MinHashTest, EstimateFollowsTheExactJaccard) {
  // Two sets of 2,000 hashes sharing 1,000: Jaccard 1/3.
  std::vector<uint64_t> a, b;
  for (uint64_t i = 0; i < 2000; ++i) a.push_back(i * 0x9E3779B97F4A7C15ull);
  for (uint64_t i = 1000; i < 3000; ++i) b.push_back(i * 0x9E3779B97F4A7C15ull);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  EXPECT_NEAR(Jaccard(a, b), 1.0 / 3, 1e-9);
  EXPECT_NEAR(EstimatedJaccard(MinHashOf(a), MinHashOf(b)), 1.0 / 3, 0.15);
  EXPECT_DOUBLE_EQ(EstimatedJaccard(MinHashOf(a), MinHashOf(a)), 1.0);
  // An empty set estimates 0 even against itself (no shared minimum).
  EXPECT_DOUBLE_EQ(EstimatedJaccard(MinHashOf({}), MinHashOf({})), 0.0);
}

TEST(MinHashTest, BandsOfCopiesCollideAndOfStrangersDoNot) {
  const MinHash a = MinHashOf(Shingles(testing::family::Original()));
  const MinHash b = MinHashOf(Shingles(testing::family::EditedCopy()));
  const MinHash c = MinHashOf(Shingles(testing::family::Unrelated()));
  const auto ka = BandKeys(a), kb = BandKeys(b), kc = BandKeys(c);
  int ab = 0, ac = 0;
  for (int i = 0; i < kBands; ++i) {
    ab += ka[i] == kb[i];
    ac += ka[i] == kc[i];
  }
  EXPECT_GE(ab, 1);
  EXPECT_EQ(ac, 0);
  // The band number is part of the key: equal rows in two bands differ.
  MinHash same;
  same.fill(7);
  const auto ks = BandKeys(same);
  EXPECT_NE(ks[0], ks[1]);
}

TEST(MinHashTest, EncodingRoundTrips) {
  const MinHash a = MinHashOf(Shingles(testing::family::Original()));
  MinHash back;
  ASSERT_TRUE(DecodeMinHash(EncodeMinHash(a), &back));
  EXPECT_EQ(back, a);
  EXPECT_EQ(EncodeMinHash(a).size(), 256u);
  EXPECT_FALSE(DecodeMinHash("short", &back));
}

TEST(ParagraphHashesTest, LongParagraphsByTheirWords) {
  const std::string p = testing::family::kOriginalP1;
  std::string shouty = p;
  for (char& c : shouty) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto h = ParagraphHashes(p + "\n\nToo short to count.\n\n" + shouty + "\n");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0], h[1]);
  EXPECT_TRUE(ParagraphHashes("").empty());
  EXPECT_EQ(ParagraphHashes(testing::family::Original()).size(), 6u);
}

// The one-pass version gives exactly the two separate results, whatever the
// bytes: lines with and without enough words, short texts, a word at the very
// end, CR LF, non-ASCII letters, and invalid UTF-8 next to line breaks.
TEST(ShinglesAndParagraphsTest, SameAsShinglesAndParagraphHashes) {
  const std::string twelve = "one two three four five six seven eight nine ten eleven twelve";
  std::vector<std::string> texts = {
      "",
      "\n\n\n",
      "word",
      "a b c",
      twelve,
      twelve + "\n",
      "\n" + twelve + "\n\n" + twelve + " thirteen\nshort line\n" + twelve,
      twelve + "\r\n" + twelve + "\r\n\r\nend",
      "Ça coûte \xC3\xA9t\xC3\xA9 " + twelve + "\n\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 " + twelve,
      twelve + " \xE2\n" + twelve + "\xF0\x9F\n\xC3" + twelve + "\xC3",
      testing::family::Original(),
  };
  // Pseudo-random bytes, with line breaks and letters mixed in.
  uint32_t x = 12345;
  for (int t = 0; t < 50; ++t) {
    std::string s;
    for (int i = 0; i < 400; ++i) {
      x = x * 1103515245u + 12345u;
      const int r = static_cast<int>((x >> 16) % 10);
      s += r < 5 ? static_cast<char>('a' + (x >> 8) % 26)
                 : r < 7 ? ' ' : r < 8 ? '\n' : static_cast<char>((x >> 4) & 0xFF);
    }
    texts.push_back(s);
  }
  for (const std::string& text : texts) {
    std::vector<uint64_t> shingles, paragraphs = {42};
    ShinglesAndParagraphs(text, &shingles, &paragraphs);
    EXPECT_EQ(shingles, Shingles(text)) << text;
    EXPECT_EQ(paragraphs, ParagraphHashes(text)) << text;
  }
}

MentionFacts Place(std::string_view ref, std::string_view feature) {
  MentionFacts f;
  f.kind = "place";
  f.ref = ref;
  f.feature = feature;
  return f;
}
MentionFacts Number(double v, std::string_view unit = "") {
  MentionFacts f;
  f.kind = "quantity";
  f.has_quantity = true;
  f.quantity = v;
  f.unit = unit;
  return f;
}

TEST(EntityFeaturesTest, KeysCountsAndWeights) {
  MentionFacts person;
  person.kind = "person";
  person.text = "Col. John Dorrian";
  MentionFacts day;
  day.kind = "date";
  day.date_value = "2016-09-17";
  day.date_precision = "day";
  MentionFacts year = day;
  year.date_value = "2016";
  year.date_precision = "year";
  MentionFacts unresolved;
  unresolved.kind = "actor";
  const auto f = EntityFeatures(
      {Place("iso3166-1:SY", "country"), Place("iso3166-1:SY", "country"),
       Place("geonames:170794", "city"), Number(83), Number(3), Number(2016), Number(2016, "km"),
       Number(2.5), person, day, year, unresolved});
  std::vector<std::string> keys;
  for (const Feature& x : f) keys.push_back(x.key + "=" + std::to_string(x.count));
  EXPECT_EQ(keys, (std::vector<std::string>{"date:2016-09-17=1", "number:2016=1", "number:83=1",
                                            "person:dorrian=1", "place:geonames:170794=1",
                                            "place:iso3166-1:SY=2"}));
  EXPECT_DOUBLE_EQ(f[5].weight, 0.3);  // a country says little
  EXPECT_DOUBLE_EQ(f[4].weight, 1.5);
  EXPECT_EQ(DecodeFeatures(EncodeFeatures(f)).size(), f.size());
  EXPECT_DOUBLE_EQ(DecodeFeatures(EncodeFeatures(f))[5].weight, 0.3);
  EXPECT_TRUE(DecodeFeatures("garbage\nno tabs\n\t\t\n").empty());
}

TEST(EntityFeaturesTest, CompareWeighsSharedOccurrences) {
  const std::vector<Feature> a = {{"number:83", 1, 2.5}, {"place:iso3166-1:SY", 4, 0.3},
                                  {"person:dorrian", 2, 2.0}};
  const std::vector<Feature> b = {{"number:83", 1, 2.5}, {"place:iso3166-1:SY", 2, 0.3},
                                  {"place:geonames:1", 1, 1.5}};
  const FeatureMatch m = CompareFeatures(a, b);
  EXPECT_EQ(m.shared, 2);
  EXPECT_NEAR(m.shared_weight, 2.5 + 0.6, 1e-9);
  // sum(max) = 2.5 + 1.2 + 4 + 1.5
  EXPECT_NEAR(m.similarity, 3.1 / 9.2, 1e-9);
  // smaller side: b = 2.5 + 0.6 + 1.5
  EXPECT_NEAR(m.containment, 3.1 / 4.6, 1e-9);
  EXPECT_EQ(m.top, (std::vector<std::string>{"number:83", "place:iso3166-1:SY"}));
  EXPECT_EQ(FeatureEvidence(m), "entity fingerprint: 2 shared (number:83, place:iso3166-1:SY)");
  EXPECT_EQ(CompareFeatures({}, a).similarity, 0.0);
}

TEST(FoldNameTest, CaseSpacesAndPunctuation) {
  EXPECT_EQ(FoldName("The Duran"), "theduran");
  EXPECT_EQ(FoldName("MintPress News."), "mintpressnews");
  EXPECT_EQ(FoldName(""), "");
}

}  // namespace
}  // namespace dossier::corpus
