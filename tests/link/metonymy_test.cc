#include "link/metonymy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace dossier {
namespace {

// A capital mention as the places layer would give it.
Mention Capital(const std::string& text, const std::string& name, const char* country,
                uint32_t begin) {
  Mention m;
  m.kind = "place";
  m.span = {begin, static_cast<uint32_t>(begin + name.size())};
  m.sentence = 0;
  m.ref = "geonames:1";
  m.name = name;
  m.geo = GeoValue{1, 2, country, "", "city", "point"};
  m.confidence = 0.9;
  return m;
}

class MetonymyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("metonymy.tsv",
               "# test\nword\tkind\tnote\ninsists\tagent_after\t\nwill\tagent_after\t\n"
               "in\tplace_before\t\nto\tplace_before\t\nwere\tagent_after\t\n"
               "blamed\tagent_before\t\nhas\tagent_aux\t\n");
    dir_.Write("countries.tsv",
               "code\tiso3\tname\taliases\tdemonyms\tlat\tlon\tcapital\n"
               "US\tUSA\tUnited States\t\tAmerican\t38\t-97\tWashington D.C.\n"
               "RU\tRUS\tRussia\t\tRussian\t60\t100\tMoscow\n"
               "GB\tGBR\tUnited Kingdom\t\tBritish\t54\t-2\tLondon\n");
    auto lex = Lexicon::Load({dir_.path()});
    ASSERT_TRUE(lex.ok()) << lex.status().ToString();
    metonymy_ = std::make_unique<Metonymy>(**lex);
    ASSERT_TRUE(metonymy_->enabled());
  }
  // Runs Apply on `text` with one capital mention at the first occurrence of `name`.
  Mention Run(const std::string& text, const std::string& name, const char* country) {
    Document d;
    d.text = text;
    d.sentences = {{0, static_cast<uint32_t>(text.size())}};
    std::vector<Mention> v = {Capital(text, name, country, text.find(name))};
    metonymy_->Apply(d, &v);
    return v[0];
  }
  testing::TempDir dir_;
  std::unique_ptr<Metonymy> metonymy_;
};

TEST_F(MetonymyTest, CapitalAsSubjectOrPossessorBecomesTheGovernment) {
  Mention a = Run("Washington insists the strikes were lawful.", "Washington", "US");
  EXPECT_EQ(a.kind, "actor");
  EXPECT_EQ(a.ref, "actor:USA");
  EXPECT_EQ(a.name, "United States");
  ASSERT_TRUE(a.actor);
  EXPECT_EQ(a.actor->country, "US");
  EXPECT_EQ(a.actor->sectors, std::vector<std::string>{"GOV"});
  EXPECT_FALSE(a.geo);
  EXPECT_EQ(a.rule, "metonymy:capital+insists");
  Mention b = Run("It is Moscow\u2019s decision.", "Moscow", "RU");
  EXPECT_EQ(b.kind, "actor");
  EXPECT_EQ(b.rule, "metonymy:capital+'s");
}

TEST_F(MetonymyTest, AddresseesAndCoordinatedCapitals) {
  EXPECT_EQ(Run("The envoy blamed Moscow for the veto.", "Moscow", "RU").rule,
            "metonymy:capital+blamed");
  // Right to left: Washington (before "were") turns first, then London.
  Document d;
  d.text = "He said London and Washington were wrong.";
  d.sentences = {{0, static_cast<uint32_t>(d.text.size())}};
  std::vector<Mention> v = {Capital(d.text, "London", "GB", d.text.find("London")),
                            Capital(d.text, "Washington", "US", d.text.find("Washington"))};
  metonymy_->Apply(d, &v);
  EXPECT_EQ(v[1].rule, "metonymy:capital+were");
  EXPECT_EQ(v[0].rule, "metonymy:capital+coordinated");
  EXPECT_EQ(v[0].ref, "actor:GBR");
}

TEST_F(MetonymyTest, CapitalAsALocationStaysAPlace) {
  EXPECT_EQ(Run("Talks in Moscow will resume.", "Moscow", "RU").kind, "place");
  EXPECT_EQ(Run("Delegates flew to Washington.", "Washington", "US").kind, "place");
  // Not the capital of the country the place resolved to (Washington, UK).
  EXPECT_EQ(Run("Washington insists on it.", "Washington", "GB").kind, "place");
  // No agent cue after it.
  EXPECT_EQ(Run("Washington, a city of monuments.", "Washington", "US").kind, "place");
}

// "has" makes an agent of the capital before it, unless a passive follows.
TEST_F(MetonymyTest, AuxiliaryCuesAndPassives) {
  EXPECT_EQ(Run("For years Washington has told the world otherwise.", "Washington", "US").rule,
            "metonymy:capital+has");
  EXPECT_EQ(Run("Since then Moscow has been shelled twice.", "Moscow", "RU").kind, "place");
  // "is"/"was" are no cues at all: "London was quiet".
  EXPECT_EQ(Run("By noon London was quiet.", "London", "GB").kind, "place");
}

// The cues of data/metonymy.tsv itself: a passive's agent ("announced by
// Washington"), a request's addressee ("ask Washington"), protest verbs
// ("Tokyo lodged", "New Delhi blamed"); after a place preposition it stays
// a place ("flew to Tokyo by train").
TEST(MetonymyBuiltinTest, BuiltinCues) {
  testing::TempDir dir;
  dir.Write("countries.tsv",
            "code\tiso3\tname\taliases\tdemonyms\tlat\tlon\tcapital\n"
            "US\tUSA\tUnited States\t\tAmerican\t38\t-97\tWashington D.C.\n"
            "JP\tJPN\tJapan\t\tJapanese\t36\t138\tTokyo\n"
            "IN\tIND\tIndia\t\tIndian\t20\t77\tNew Delhi\n");
  auto lex = Lexicon::Load({testing::DataDir(), dir.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  Metonymy metonymy(**lex);
  auto run = [&](const std::string& text, const std::string& name, const char* country) {
    Document d;
    d.text = text;
    d.sentences = {{0, static_cast<uint32_t>(text.size())}};
    std::vector<Mention> v = {Capital(text, name, country, text.find(name))};
    metonymy.Apply(d, &v);
    return v[0].kind + " " + v[0].rule;
  };
  EXPECT_EQ(run("Caracas rejected the sanctions announced by Washington.", "Washington", "US"),
            "actor metonymy:capital+by");
  EXPECT_EQ(run("The governor would ask Washington for help.", "Washington", "US"),
            "actor metonymy:capital+ask");
  EXPECT_EQ(run("Tokyo lodged a protest.", "Tokyo", "JP"), "actor metonymy:capital+lodged");
  EXPECT_EQ(run("New Delhi blamed Islamabad.", "New Delhi", "IN"),
            "actor metonymy:capital+blamed");
  EXPECT_EQ(run("The delegates flew to Tokyo by train.", "Tokyo", "JP").substr(0, 6), "place ");
}

}  // namespace
}  // namespace dossier
