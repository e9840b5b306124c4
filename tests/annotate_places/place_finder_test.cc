// Tests of PlaceFinder on team-written sentences, against a small gazetteer
// built here from team-written GeoNames-format rows (real towns, real
// coordinates), plus one test on the real compiled gazetteer (skipped when
// it was not built) and a throughput printout.
#include "annotate/places/place_finder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "dossier/lexicon.h"
#include "lexicon/gazetteer.h"
#include "lexicon/gazetteer_builder.h"
#include "lexicon/name_key.h"
#include "segment/segmenter.h"
#include "builtin_lexicon.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::DataDir;
using testing::TempDir;

using testing::BuiltinLexicon;

const Segmenter& Seg() {
  static Segmenter seg(BuiltinLexicon());
  return seg;
}

// One GeoNames cities500 line (19 columns).
std::string Row(const std::string& id, const std::string& name, const std::string& alts,
                double lat, double lon, const std::string& code, const std::string& cc,
                const std::string& admin1, uint64_t pop) {
  char ll[64];
  std::snprintf(ll, sizeof ll, "%.5f\t%.5f", lat, lon);
  return id + "\t" + name + "\t" + name + "\t" + alts + "\t" + ll + "\tP\t" + code + "\t" + cc +
         "\t\t" + admin1 + "\t\t\t\t" + std::to_string(pop) + "\t\t0\tAsia/Damascus\t2020-01-01";
}

// The test gazetteer: a few real places of the region and two same-name
// pairs, written once per test run.
struct TestGazetteer {
  TempDir dir;
  std::shared_ptr<const Gazetteer> gaz;
  TestGazetteer() {
    GazetteerBuilder b;
    const std::vector<std::string> rows = {
        Row("170794", "Deir ez-Zor", "Deir El-Zour,Dayr az Zawr,Deir al-Zour", 35.33588, 40.14084,
            "PPLA", "SY", "07", 242565),
        Row("174186", "Abu Kamal", "Al Bukamal,Albu Kamal", 34.45226, 40.91854, "PPL", "SY", "07",
            57000),
        Row("172590", "Hajin", "Hajeen", 34.6931, 40.8314, "PPL", "SY", "07", 37935),
        Row("169577", "Homs", "Hims,Emesa", 34.72682, 36.72339, "PPLA", "SY", "11", 775404),
        Row("172955", "Ar Raqqah", "Raqqa,Rakka,Al-Raqqa", 35.95283, 39.00788, "PPLA", "SY", "04",
            177636),
        Row("170654", "Damascus", "Dimashq,Damas", 33.5102, 36.29128, "PPLC", "SY", "13", 1569394),
        Row("98182", "Baghdad", "Bagdad", 33.34058, 44.40088, "PPLC", "IQ", "07", 7216000),
        Row("91541", "Ramadi", "Ar Ramadi", 33.42056, 43.30778, "PPLA", "IQ", "01", 274539),
        Row("2210247", "Tripoli", "Tarabulus", 32.88743, 13.18733, "PPLC", "LY", "77", 1150989),
        Row("266826", "Tripoli", "Trablous,Tarabulus", 34.43667, 35.84972, "PPLA", "LB", "09",
            229398),
        Row("4128894", "Hope", "", 33.66706, -93.59158, "PPLA2", "US", "AR", 10000),
        Row("2657100", "Ash", "", 51.24940, -0.71290, "PPL", "GB", "ENG", 6000),
    };
    for (const auto& r : rows) EXPECT_TRUE(b.AddGeoNamesRow(r).ok()) << r;
    b.AddAdmin1Name("SY.07", "Deir ez-Zor");
    b.AddAdmin1Name("SY.11", "Homs");
    b.AddAdmin1Name("SY.04", "Raqqa");
    b.AddAdmin1Name("SY.13", "Dimashq");
    b.AddAdmin1Name("IQ.01", "Anbar");
    b.AddAdmin1Name("IQ.07", "Baghdad");
    b.AddAdmin1Name("US.AR", "Arkansas");
    b.AddAdmin1Name("LB.09", "North Governorate");
    b.AddAdmin1Name("LY.77", "Tripoli District");
    auto country = [&](std::string iso2, std::string name, std::vector<std::string> alts,
                       std::vector<std::string> dem, double lat, double lon) {
      CountryRecord c;
      c.iso2 = iso2;
      c.name = name;
      c.alt_names = alts;
      c.demonyms = dem;
      c.lat = lat;
      c.lon = lon;
      b.AddCountry(c);
    };
    country("SY", "Syria", {"Syrian Arab Republic"}, {"Syrian"}, 35.0, 38.0);
    country("IQ", "Iraq", {"Republic of Iraq"}, {"Iraqi"}, 33.0, 44.0);
    country("LB", "Lebanon", {"Lebanese Republic"}, {"Lebanese"}, 33.83, 35.83);
    country("LY", "Libya", {"State of Libya"}, {"Libyan"}, 25.0, 17.0);
    country("US", "United States", {"USA", "US", "U.S.", "America"}, {"American"}, 38.0, -97.0);
    country("GB", "United Kingdom", {"UK", "Britain"}, {"British"}, 54.0, -2.0);
    Table places;
    places.name = "places";
    places.columns = {"id", "name", "aliases", "feature", "feature_code", "precision",
                      "country", "admin1", "lat", "lon", "population"};
    places.rows = {
        {"al-tanf", "al-Tanf", "At Tanf|Al Tanf|Tanf", "base", "MILB", "point", "SY", "Homs",
         "33.4997", "38.6333", "0"},
        {"eastern-syria", "eastern Syria", "", "region", "RGN", "region", "SY", "",
         "35.0", "40.0", "0"},
    };
    EXPECT_TRUE(b.AddCuratedPlaces(places).ok());
    for (const char* w : {"hope", "ash", "the", "in", "is", "fading", "covered", "town"})
      b.AddCommonWord(w);
    std::string path = dir.path() + "/gazetteer.bin";
    Status st = b.Write(path);
    EXPECT_TRUE(st.ok()) << st.ToString();
    auto g = Gazetteer::Open(path);
    EXPECT_TRUE(g.ok()) << g.status().ToString();
    if (g.ok()) gaz = g.value();
  }
};

const PlaceFinder& Finder() {
  static TestGazetteer* tg = new TestGazetteer();
  static PlaceFinder* f = new PlaceFinder(tg->gaz, BuiltinLexicon());
  return *f;
}

Document Doc(const std::string& text) {
  Document doc;
  doc.text = text;
  Seg().Segment(&doc);
  return doc;
}

std::vector<Mention> Find(const std::string& text, const PlaceFinder& f = Finder(),
                          bool explain = false) {
  Document doc = Doc(text);
  doc.explain = explain;
  std::vector<Mention> out;
  f.Annotate(doc, &out);
  return out;
}

std::string SpanText(const std::string& text, const Mention& m) {
  return text.substr(m.span.begin, m.span.end - m.span.begin);
}

// Every mention as "span=ref", joined by "; ".
std::string Describe(const std::string& text, const PlaceFinder& f = Finder()) {
  std::string out;
  for (const Mention& m : Find(text, f)) {
    if (!out.empty()) out += "; ";
    out += SpanText(text, m) + "=" + m.ref;
  }
  return out;
}

TEST(PlaceFinderTest, SpellingsOfOnePlaceShareOneEntry) {
  const std::string text =
      "Fighting went on near Deir ez-Zor on Monday. Residents of Deir El-Zour fled south. "
      "Dayr az Zawr was quiet by evening. Later, Deir Ezzor and Der Zor were shelled again.";
  EXPECT_EQ(Describe(text),
            "Deir ez-Zor=geonames:170794; Deir El-Zour=geonames:170794; "
            "Dayr az Zawr=geonames:170794; Deir Ezzor=geonames:170794; Der Zor=geonames:170794");
}

TEST(PlaceFinderTest, DataTablesLoadCleanly) {
  EXPECT_TRUE(Finder().problems().empty()) << Finder().problems()[0];
  EXPECT_EQ(Finder().Name(), "places");
}

TEST(PlaceFinderTest, OutputFieldsAndExactByteSpans) {
  const std::string text = "Shells fell on Deir ez-Zor.";
  auto ms = Find(text, Finder(), /*explain=*/true);
  ASSERT_EQ(ms.size(), 1u);
  const Mention& m = ms[0];
  EXPECT_EQ(m.kind, "place");
  EXPECT_EQ(m.span.begin, 15u);
  EXPECT_EQ(m.span.end, 26u);
  EXPECT_EQ(m.sentence, 0);
  EXPECT_EQ(m.ref, "geonames:170794");
  EXPECT_EQ(m.name, "Deir ez-Zor");
  ASSERT_TRUE(m.geo.has_value());
  EXPECT_NEAR(m.geo->lat, 35.33588, 1e-4);
  EXPECT_NEAR(m.geo->lon, 40.14084, 1e-4);
  EXPECT_EQ(m.geo->country, "SY");
  EXPECT_EQ(m.geo->admin1, "Deir ez-Zor");
  EXPECT_EQ(m.geo->feature, "city");
  EXPECT_EQ(m.geo->precision, "point");
  EXPECT_GT(m.confidence, 0.5);
  EXPECT_LT(m.confidence, 1.0);
  EXPECT_EQ(m.rule.rfind("places:key", 0), 0u) << m.rule;
  // Evidence lists the winner first, with its score and reasons, then the
  // alternative (the province of the same name).
  ASSERT_GE(m.evidence.size(), 2u);
  EXPECT_EQ(m.evidence[0].rfind("geonames:170794 Deir ez-Zor SY city pop=242565 score=", 0), 0u)
      << m.evidence[0];
  EXPECT_NE(m.evidence[1].find("geonames-admin1:SY.07"), std::string::npos) << m.evidence[1];
}

TEST(PlaceFinderTest, NonAsciiTextKeepsByteSpans) {
  // "Deïr ez-Zôr" after a curly quote: spans are UTF-8 byte offsets.
  const std::string text = "\xE2\x80\x9CWe left De\xC3\xAFr ez-Z\xC3\xB4r,\xE2\x80\x9D she said.";
  auto ms = Find(text);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(SpanText(text, ms[0]), "De\xC3\xAFr ez-Z\xC3\xB4r");
  EXPECT_EQ(ms[0].ref, "geonames:170794");
}

TEST(PlaceFinderTest, ArabicArticlePrefixes) {
  EXPECT_EQ(Describe("Troops at al-Tanf waited."), "al-Tanf=dossier:al-tanf");
  EXPECT_EQ(Describe("At Tanf the garrison waited."), "At Tanf=dossier:al-tanf");
  EXPECT_EQ(Describe("They reached Al Tanf."), "Al Tanf=dossier:al-tanf");
  EXPECT_EQ(Describe("They left Al-Raqqa."), "Al-Raqqa=geonames:172955");
  // A sentence-initial "At" before a town is the preposition.
  EXPECT_EQ(Describe("At Homs the roads were closed."), "Homs=geonames:169577");
  // Lower-case "at" is never an article of the name.
  EXPECT_EQ(Describe("They stopped at Tanf."), "Tanf=dossier:al-tanf");
}

TEST(PlaceFinderTest, ProvinceWordsPickTheProvince) {
  const std::string text =
      "Clashes spread across Deir El-Zour province. Later Deir El-Zour was calm.";
  auto ms = Find(text);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(SpanText(text, ms[0]), "Deir El-Zour");
  EXPECT_EQ(ms[0].ref, "geonames-admin1:SY.07");
  EXPECT_EQ(ms[0].geo->feature, "admin1");
  EXPECT_EQ(ms[0].geo->precision, "admin1");
  // One sense per name: the later short mention takes the same entry.
  EXPECT_EQ(ms[1].ref, "geonames-admin1:SY.07");
  EXPECT_NE(ms[1].rule.find("one_sense"), std::string::npos) << ms[1].rule;

  EXPECT_EQ(Describe("Rebels hold parts of Homs province."), "Homs=geonames-admin1:SY.11");
  EXPECT_EQ(Describe("Rebels hold parts of Homs."), "Homs=geonames:169577");
  EXPECT_EQ(Describe("Rebels hold parts of the province of Homs."),
            "Homs=geonames-admin1:SY.11");
  EXPECT_EQ(Describe("Tribes in Al Anbar governorate met."), "Al Anbar=geonames-admin1:IQ.01");
  // "the city of X" keeps the city even after the province was named.
  EXPECT_EQ(Describe("Homs province is large. The city of Homs is old."),
            "Homs=geonames-admin1:SY.11; Homs=geonames:169577");
}

TEST(PlaceFinderTest, CountriesAndPossessives) {
  const std::string text = "Syria's border with Iraq was closed.";
  auto ms = Find(text);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(SpanText(text, ms[0]), "Syria");
  EXPECT_EQ(ms[0].ref, "iso3166-1:SY");
  EXPECT_EQ(ms[0].geo->feature, "country");
  EXPECT_EQ(ms[0].geo->precision, "country");
  EXPECT_EQ(ms[1].ref, "iso3166-1:IQ");
}

TEST(PlaceFinderTest, DemonymsAreNotPlaces) {
  EXPECT_EQ(Describe("Syrian and Iraqi troops met Lebanese officials."), "");
  EXPECT_EQ(Describe("Syrian troops entered Homs."), "Homs=geonames:169577");
}

TEST(PlaceFinderTest, LettersAloneAndAcronymsAreNotPlaces) {
  // "US" and "U.S." are left to the actors layer.
  EXPECT_EQ(Describe("The US and U.S. officials disagreed."), "");
  EXPECT_EQ(Describe("Officials from the United States arrived."),
            "United States=iso3166-1:US");
}

TEST(PlaceFinderTest, CountryAbbreviationAfterAPlacePreposition) {
  // After "in/to/from (the)" a capitals abbreviation is the country.
  EXPECT_EQ(Describe("Officials flew to the U.S. and later to the UK."),
            "U.S.=iso3166-1:US; UK=iso3166-1:GB");
  EXPECT_EQ(Describe("The troops flew from the US on Monday."), "US=iso3166-1:US");
  // Not the pronoun, not in an all-caps line, not a place's own initials.
  EXPECT_EQ(Describe("They came to us in Hope, Arkansas."),
            "Hope=geonames:4128894; Arkansas=geonames-admin1:US.AR");
  EXPECT_EQ(Describe("THEY FLED TO THE US."), "");
  // A modifier or one of two parties is an actor, not the place.
  EXPECT_EQ(Describe("Four died in U.S. air strikes and in US-led raids."), "");
  EXPECT_EQ(Describe("A truce between US and Russia held."), "");
  EXPECT_EQ(Describe("They fled to AR yesterday."), "");
}

TEST(PlaceFinderTest, CommonWordTownsNeedSupport) {
  EXPECT_EQ(Describe("Hope is fading for the families."), "");
  EXPECT_EQ(Describe("Ash covered the town after the strike."), "");
  EXPECT_EQ(Describe("There is little hope left."), "");
  // A preposition plus "X, Y" with Y the town's own state is enough.
  EXPECT_EQ(Describe("She grew up in Hope, Arkansas."),
            "Hope=geonames:4128894; Arkansas=geonames-admin1:US.AR");
}

TEST(PlaceFinderTest, PersonNamesAreNotPlaces) {
  EXPECT_EQ(Describe("Abu Bakr al-Baghdadi was last seen in Abu Kamal."),
            "Abu Kamal=geonames:174186");
  EXPECT_EQ(Describe("Gen. Homs spoke to reporters."), "");
  EXPECT_EQ(Describe("President Damascus spoke."), "");
  EXPECT_EQ(Describe("Reporters asked Hajin Smith about it."), "");
  EXPECT_EQ(Describe("Reporters asked John Hajin about it."), "");
}

TEST(PlaceFinderTest, OrganisationNamesAreNotPlaces) {
  EXPECT_EQ(Describe("The Deir ez-Zor Military Council said so."), "");
  EXPECT_EQ(Describe("A Damascus Times editorial said so."), "");
  EXPECT_EQ(Describe("Jabhat al-Nusra and Al Nusra fighters left."), "");
  EXPECT_EQ(Describe("Operation Homs Dawn began."), "");
  // Known surnames end a person's name: "Hajin Trump" is a person.
  EXPECT_EQ(Describe("Reporters asked Hajin Trump about it."), "");
}

TEST(PlaceFinderTest, EvidenceOnlyWhenExplaining) {
  // Extract does not show evidence, so it is not built; the rest of the
  // mention is the same either way.
  const std::string text = "Shells fell on Deir ez-Zor.";
  auto plain = Find(text);
  auto explained = Find(text, Finder(), /*explain=*/true);
  ASSERT_EQ(plain.size(), 1u);
  ASSERT_EQ(explained.size(), 1u);
  EXPECT_TRUE(plain[0].evidence.empty());
  EXPECT_FALSE(explained[0].evidence.empty());
  EXPECT_EQ(plain[0].ref, explained[0].ref);
  EXPECT_EQ(plain[0].rule, explained[0].rule);
  EXPECT_EQ(plain[0].confidence, explained[0].confidence);
}

TEST(PlaceFinderTest, ContextChoosesBetweenSameNameTowns) {
  EXPECT_EQ(Describe("Militias clashed in Tripoli."), "Tripoli=geonames:2210247");
  EXPECT_EQ(Describe("Lebanon sent troops. Militias clashed in Tripoli."),
            "Lebanon=iso3166-1:LB; Tripoli=geonames:266826");
  auto ms = Find("Lebanon sent troops. Militias clashed in Tripoli.", Finder(), /*explain=*/true);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_NE(ms[1].rule.find("ctx_country"), std::string::npos) << ms[1].rule;
  bool listed = false;
  for (const auto& e : ms[1].evidence) listed |= e.find("geonames:2210247") != std::string::npos;
  EXPECT_TRUE(listed) << "the Libyan Tripoli is listed as the alternative";
}

TEST(PlaceFinderTest, Hashtags) {
  const std::string text = "Posts tagged #DeirEzzor and #Hajin spread fast.";
  auto ms = Find(text);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(SpanText(text, ms[0]), "DeirEzzor");
  EXPECT_EQ(ms[0].ref, "geonames:170794");
  EXPECT_EQ(SpanText(text, ms[1]), "Hajin");
  EXPECT_EQ(ms[1].ref, "geonames:172590");
}

TEST(PlaceFinderTest, DirectionalRegions) {
  // A curated region entry.
  EXPECT_EQ(Describe("ISIS remains in eastern Syria."), "eastern Syria=dossier:eastern-syria");
  // Otherwise the country, as a region.
  const std::string text = "Cells hide in western Iraq and north-east Syria.";
  auto ms = Find(text);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(SpanText(text, ms[0]), "western Iraq");
  EXPECT_EQ(ms[0].ref, "iso3166-1:IQ");
  EXPECT_EQ(ms[0].geo->feature, "region");
  EXPECT_EQ(ms[0].geo->precision, "region");
  EXPECT_EQ(SpanText(text, ms[1]), "north-east Syria");
  EXPECT_EQ(ms[1].ref, "iso3166-1:SY");
}

// Every direction word of the data table opens a region (the scan's
// direction filter, by first letter and length, by first two letters and by
// first and last letter with the length, must let each through); prose
// words of the same shapes ("soldiers", "earlier", "with") do not.
TEST(PlaceFinderTest, EveryDirectionWordOpensARegion) {
  const Table& ctx = BuiltinLexicon().table("place_context");
  const int wc = ctx.Column("word"), kc = ctx.Column("kinds");
  ASSERT_GE(wc, 0);
  ASSERT_GE(kc, 0);
  int tried = 0;
  for (const auto& row : ctx.rows) {
    if (row[kc].find("direction") == std::string::npos) continue;
    const std::string text = "Cells hide in " + row[wc] + " Iraq.";
    auto ms = Find(text);
    ASSERT_EQ(ms.size(), 1u) << text;
    EXPECT_EQ(SpanText(text, ms[0]), row[wc] + " Iraq") << text;
    EXPECT_EQ(ms[0].geo->feature, "region") << text;
    ++tried;
  }
  EXPECT_GE(tried, 10);
  for (const char* w : {"soldiers", "earlier", "weekend", "notes", "went", "with", "said"}) {
    const std::string text = std::string("Cells hide in ") + w + " Iraq.";
    auto ms = Find(text);
    ASSERT_EQ(ms.size(), 1u) << text;
    EXPECT_EQ(SpanText(text, ms[0]), "Iraq") << text;
  }
}

TEST(PlaceFinderTest, SkeletonNeedsLengthAndSupport) {
  // "Bagdadi" is a nisba, not Baghdad; "Rakka" (5 letters) is a known
  // alternate; "Raka" (4 letters) is too short for a skeleton match.
  EXPECT_EQ(Describe("The preacher Bagdadi left."), "");
  EXPECT_EQ(Describe("They fled Rakka."), "Rakka=geonames:172955");
  EXPECT_EQ(Describe("They fled Raka."), "");
}

TEST(PlaceFinderTest, HeadlinesAreCautious) {
  // Title-Case headline: common words are not places; real names still are.
  EXPECT_EQ(Describe("Hope Fades As Fighting Returns To Deir Ezzor"),
            "Deir Ezzor=geonames:170794");
}

TEST(PlaceFinderTest, FastNameKeyEqualsNameKey) {
  std::string out;
  for (const char* name :
       {"Deir ez-Zor", "Deir El-Zour", "al-Tanf", "Al Tanf", "At Tanf", "AL", "Al El",
        "Hashd Al-Sha'abi", "U.S.", "  Homs  ", "Ras al-Ain", "Abu Kamal", "St. Louis",
        "--", "Syria's", "De\xC3\xAFr ez-Z\xC3\xB4r", "al-", "x al y", "Tell Abyad"}) {
    places_internal::FastNameKey(name, &out);
    EXPECT_EQ(out, NameKey(name)) << name;
  }
}

// The real compiled gazetteer on a team-written paragraph.
TEST(PlaceFinderGazetteerTest, EasternSyriaParagraph) {
  std::string path = Gazetteer::DefaultPath();
  auto g = Gazetteer::Open(path);
  if (!g.ok()) GTEST_SKIP() << "no compiled gazetteer: " << g.status().ToString();
  PlaceFinder finder(g.value(), BuiltinLexicon());
  const std::string text =
      "Government troops advanced from Damascus and Homs toward the Euphrates last year. "
      "Fighting reached Deir ez-Zor, then Abu Kamal on the Iraqi border. "
      "US-backed forces held Raqqa, while American troops stayed at al-Tanf.";
  Document doc = Doc(text);
  std::vector<Mention> ms;
  finder.Annotate(doc, &ms);
  struct Want {
    const char* span;
    double lat, lon;
  };
  const Want wants[] = {
      {"Damascus", 33.5102, 36.2913}, {"Homs", 34.7268, 36.7234},
      {"Euphrates", 35.0, 40.4},      {"Deir ez-Zor", 35.336, 40.141},
      {"Abu Kamal", 34.4523, 40.9186}, {"Raqqa", 35.9528, 39.0079},
      {"al-Tanf", 33.50, 38.63},
  };
  for (const Want& w : wants) {
    const Mention* found = nullptr;
    for (const Mention& m : ms)
      if (SpanText(text, m) == w.span) found = &m;
    ASSERT_NE(found, nullptr) << w.span;
    ASSERT_TRUE(found->geo.has_value());
    // The Euphrates crosses borders: no country.
    if (std::string(w.span) != "Euphrates") {
      EXPECT_EQ(found->geo->country, "SY") << w.span;
    }
    // Distance by equirectangular approximation (fine at 10 km).
    double dlat = (found->geo->lat - w.lat) * 111.2;
    double dlon = (found->geo->lon - w.lon) * 111.2 * std::cos(w.lat * M_PI / 180);
    double km = std::sqrt(dlat * dlat + dlon * dlon);
    // The Euphrates is a river: its curated point is somewhere on it in
    // Syria; allow more.
    double limit = std::string(w.span) == "Euphrates" ? 200 : 10;
    EXPECT_LT(km, limit) << w.span << " -> " << found->ref << " " << found->geo->lat << ","
                         << found->geo->lon;
  }
  for (const Mention& m : ms) {
    EXPECT_NE(SpanText(text, m), "Iraqi");
    EXPECT_NE(SpanText(text, m), "American");
    EXPECT_NE(SpanText(text, m), "US");
  }
}

// Throughput on ~1 MB of team-written prose with the real gazetteer (or the
// test one). Prints the time; asserts nothing about it.
TEST(PlaceFinderGazetteerTest, ThroughputPrintout) {
  std::shared_ptr<const Gazetteer> gaz;
  auto g = Gazetteer::Open(Gazetteer::DefaultPath());
  if (g.ok()) gaz = g.value();
  std::unique_ptr<PlaceFinder> real;
  if (gaz) real = std::make_unique<PlaceFinder>(gaz, BuiltinLexicon());
  const PlaceFinder& f = gaz ? *real : Finder();
  std::string para =
      "Government troops advanced from Damascus toward Deir ez-Zor, where the Islamic State "
      "still held parts of the city. Colonel John Smith said the coalition struck targets near "
      "Abu Kamal and Hajin on Tuesday, killing at least 30 fighters. Residents fled to Raqqa "
      "and to camps in Hasakah province, according to the United Nations. ";
  std::string text;
  while (text.size() < (1u << 20)) text += para;
  Document doc = Doc(text);
  auto t0 = std::chrono::steady_clock::now();
  std::vector<Mention> out;
  f.Annotate(doc, &out);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf("places: %zu bytes, %zu mentions, %.1f ms (%.1f MB/s) with %s gazetteer\n",
              text.size(), out.size(), ms, text.size() / 1048576.0 / (ms / 1000.0),
              gaz ? "the real" : "the test");
  EXPECT_GT(out.size(), 1000u);
}

}  // namespace
}  // namespace dossier

namespace dossier {
namespace {

// On the compiled gazetteer (skipped when the build made none).
class PlaceFinderRealTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto g = Gazetteer::Open(Gazetteer::DefaultPath());
    if (!g.ok()) GTEST_SKIP() << "no compiled gazetteer: " << g.status().ToString();
    finder_ = std::make_unique<PlaceFinder>(g.value(), BuiltinLexicon());
  }
  std::unique_ptr<PlaceFinder> finder_;
};

// Curated names that end in a lower-case feature word, and a name after a
// lone demonym, with the compiled gazetteer (data/places.tsv rows).
TEST_F(PlaceFinderRealTest, LowerCaseFeatureWordsAndDemonymPrefixes) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Jets struck a position in the Thardeh mountains on Friday.", finder),
            "Thardeh mountains=dossier:jabal-tharda");
  EXPECT_EQ(Describe("Cells regrouped in the Syrian desert.", finder),
            "Syrian desert=dossier:syrian-desert");
  EXPECT_EQ(Describe("Militants trained in the Syrian Trans-Euphrates.", finder),
            "Trans-Euphrates=dossier:trans-euphrates");
  // A feature word alone is not a name, and "Syrian" stays no place.
  EXPECT_EQ(Describe("The Syrian mountains are cold.", finder), "");
}

// A curated region or sea whose name holds a common word, after a
// preposition and "the" ("in the Middle East", "to the Levant"); not
// without the preposition.
TEST_F(PlaceFinderRealTest, RegionAfterPrepositionAndThe) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("The raids could spread war across the Middle East.", finder),
            "Middle East=dossier:middle-east");
  EXPECT_EQ(Describe("Volunteers travelled to the Levant in 2014.", finder),
            "Levant=dossier:levant");
}

// Capitalised common words that together name a curated region, sea or
// range need no preposition ("The Middle East has", "Great Lakes states",
// also as a modifier: "the Middle East desk"); a sentence-initial "The"
// stays out of the span unless the place's name has it ("The Hague").
// Lower case or alone they name nothing.
TEST_F(PlaceFinderRealTest, CapitalisedRegionsWithoutPreposition) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("The Middle East has changed.", finder), "Middle East=dossier:middle-east");
  EXPECT_EQ(Describe("It was the Middle East desk that called.", finder),
            "Middle East=dossier:middle-east");
  EXPECT_EQ(Describe("Great Lakes states voted.", finder), "Great Lakes=dossier:great-lakes");
  EXPECT_EQ(Describe("The Hague ruled on Monday.", finder), "The Hague=geonames:2747373");
  EXPECT_EQ(Describe("The great lakes of the north froze. Middle managers left.", finder), "");
  // So are a big city's ("Cape Town"), and French connectors join a name.
  EXPECT_EQ(Describe("Storms hit Cape Town and Port-au-Prince on Monday, officials said.", finder),
            "Cape Town=geonames:3369157; Port-au-Prince=geonames:3718426");
  // Not a province's ("the Northern Province of Aleppo" is no Sri Lankan one).
  EXPECT_EQ(Describe("Jets struck targets in the Northern Province of Aleppo, activists said.",
                     finder),
            "Aleppo=geonames-admin1:SY.09");
}

// An article and a word after an unknown capitalised word are the rest of
// a person's name ("Raed al-Hussein"; Al Hussein is also a district of
// Yemen), as a one-word place after a given name is.
TEST_F(PlaceFinderRealTest, ArticleNameAfterACapitalisedWord) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Raed al-Hussein, the head of the council, said.", finder), "");
  EXPECT_EQ(Describe("Jets hit Maarat al-Numan and Kafr Nabl.", finder),
            "Maarat al-Numan=geonames:167611; Kafr Nabl=geonames:168661");
}

// The world's regions, rivers and seas of data/places.tsv.
TEST_F(PlaceFinderRealTest, WorldRegionsAndRivers) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Drought spread across the Sahel and the Balkans.", finder),
            "Sahel=dossier:sahel; Balkans=dossier:balkans");
  EXPECT_EQ(Describe("Barges stopped on the Rhine near Cologne.", finder),
            "Rhine=dossier:rhine; Cologne=geonames:2886242");
  EXPECT_EQ(Describe("Ships sailed into the South China Sea.", finder),
            "South China Sea=dossier:south-china-sea");
  EXPECT_EQ(Describe("Troops patrolled Kashmir.", finder), "Kashmir=dossier:kashmir");
}

// A province whose towns the document names beats a foreign country of
// the same name ("Georgia" after Atlanta); with Tbilisi it is the country.
// "Philippine" is a demonym, no place.
TEST_F(PlaceFinderRealTest, StateOrCountryByTheTownsAround) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Lawmakers met in Atlanta. Storms hit Georgia on Monday, officials said.",
                     finder),
            "Atlanta=geonames:4180439; Georgia=geonames-admin1:US.GA");
  EXPECT_EQ(Describe("Russian troops entered Tbilisi. Georgia protested, officials said.", finder),
            "Tbilisi=geonames:611717; Georgia=iso3166-1:GE");
  EXPECT_EQ(Describe("Chinese and Philippine vessels collided near the reef.", finder), "");
}

// A capital named by its own name is the capital, though a foreign name of
// its country is spelled the same ("Brasilia" is Brazil in Finnish).
TEST_F(PlaceFinderRealTest, CapitalByItsOwnNameBeatsAForeignNameOfItsCountry) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Officials in Brasilia said the vote was delayed.", finder),
            "Brasilia=geonames:3469058");
  EXPECT_EQ(Describe("Troops left Brazil on Monday.", finder), "Brazil=iso3166-1:BR");
}

// "City, St." in AP style: the state's abbreviation is a place (with its
// period) when the city before it lies in that state; alone it is a word or
// a title ("Miss Smith").
TEST_F(PlaceFinderRealTest, ApStateAbbreviationAfterACity) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Tornadoes hit Springfield, Ill., on Tuesday.", finder),
            "Springfield=geonames:4250542; Ill.=geonames-admin1:US.IL");
  EXPECT_EQ(Describe("Voters in Lincoln, Neb., agreed.", finder),
            "Lincoln=geonames:5072006; Neb.=geonames-admin1:US.NE");
  EXPECT_EQ(Describe("He met Miss Smith. Ill. people stayed home.", finder), "");
  // An abbreviation a big foreign city also has as an alternate name.
  EXPECT_EQ(Describe("Workers in Wichita, Kan., struck.", finder),
            "Wichita=geonames:4281730; Kan.=geonames-admin1:US.KS");
}

// A village spelt otherwise in the gazetteer beats a big foreign city that
// the same spelling reaches only as an alternate name, when the document is
// about the village's province.
TEST_F(PlaceFinderRealTest, LocalVillageBeatsForeignCityByAlternateSpelling) {
  const PlaceFinder& finder = *finder_;
  const std::string text =
      "Patrols left Raqqa for Tabqa at dawn. By noon they had reached the village of "
      "al-Mansoura, on the river road.";
  Document doc = Doc(text);
  std::vector<Mention> ms;
  finder.Annotate(doc, &ms);
  const Mention* village = nullptr;
  for (const Mention& m : ms)
    if (SpanText(text, m) == "al-Mansoura") village = &m;
  ASSERT_NE(village, nullptr);
  ASSERT_TRUE(village->geo.has_value());
  EXPECT_EQ(village->geo->country, "SY");
  EXPECT_EQ(village->geo->admin1, "Raqqa");
  EXPECT_EQ(village->rule.rfind("places:skeleton", 0), 0u) << village->rule;
}

// A month or weekday ends a place name ("Ariha August 3"); a run of names
// that only a skeleton reaches gives way to the names inside it when the
// rest is a country ("Aleppo Russia" in a tag line).
TEST_F(PlaceFinderRealTest, NamesEndBeforeDatesAndCountries) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("A jet crashed in the rebel-held town of Idlib August 3 2015 (photo).", finder),
            "Idlib=geonames:169389");
  EXPECT_EQ(Describe("Strikes hit Idlib province Syria June 12 2016.", finder),
            "Idlib=geonames-admin1:SY.12; Syria=iso3166-1:SY");
  // An outlet or agency name after a place is no surname and no part of it.
  // (Alone, the places layer reads "SANA" as Sanaa; in the pipeline the
  // actors layer's outlet wins it.)
  EXPECT_EQ(Describe("Troops attacked positions in Deir Ezzor SANA reported.", finder)
                .substr(0, 27),
            "Deir Ezzor=geonames:170794;");
  EXPECT_EQ(Describe("Troops attacked positions in Homs Reuters reported.", finder),
            "Homs=geonames:169577");
}

// Arabic script has no capitals: every word may start a name, only strong
// candidates count, and a one-letter proclitic stays outside the span.
TEST_F(PlaceFinderRealTest, ArabicScriptPlaces) {
  const PlaceFinder& finder = *finder_;
  // "Planes bombed the city of Raqqa and Deir ez-Zor on Monday. Ten
  // civilians were killed in Aleppo and Damascus. The delegation reached
  // Turkey and Iraq."
  EXPECT_EQ(Describe("\u0642\u0635\u0641\u062a \u0627\u0644\u0637\u0627\u0626\u0631\u0627\u062a "
                     "\u0645\u062f\u064a\u0646\u0629 \u0627\u0644\u0631\u0642\u0629 "
                     "\u0648\u062f\u064a\u0631 \u0627\u0644\u0632\u0648\u0631 \u064a\u0648\u0645 "
                     "\u0627\u0644\u0627\u062b\u0646\u064a\u0646. \u0642\u062a\u0644 \u0639\u0634\u0631\u0629 "
                     "\u0645\u062f\u0646\u064a\u064a\u0646 \u0641\u064a \u062d\u0644\u0628 "
                     "\u0648\u062f\u0645\u0634\u0642. \u0648\u0635\u0644 \u0627\u0644\u0648\u0641\u062f "
                     "\u0625\u0644\u0649 \u062a\u0631\u0643\u064a\u0627 \u0648\u0627\u0644\u0639\u0631\u0627\u0642.",
                     finder),
            "\u0627\u0644\u0631\u0642\u0629=geonames:172955; "
            "\u062f\u064a\u0631 \u0627\u0644\u0632\u0648\u0631=geonames:170794; "
            "\u062d\u0644\u0628=geonames:170063; \u062f\u0645\u0634\u0642=geonames:170654; "
            "\u062a\u0631\u0643\u064a\u0627=iso3166-1:TR; \u0627\u0644\u0639\u0631\u0627\u0642=iso3166-1:IQ");
  // Prose with no place names gives none ("The defence ministry announced
  // that government forces advanced in the eastern countryside after three
  // days of fighting; a military source said the army took several villages
  // and hills.")
  EXPECT_EQ(Describe("\u0623\u0639\u0644\u0646\u062a \u0648\u0632\u0627\u0631\u0629 "
                     "\u0627\u0644\u062f\u0641\u0627\u0639 \u0623\u0646 \u0627\u0644\u0642\u0648\u0627\u062a "
                     "\u0627\u0644\u062d\u0643\u0648\u0645\u064a\u0629 \u062a\u0642\u062f\u0645\u062a "
                     "\u0641\u064a \u0627\u0644\u0631\u064a\u0641 \u0627\u0644\u0634\u0631\u0642\u064a "
                     "\u0628\u0639\u062f \u0645\u0639\u0627\u0631\u0643 \u0639\u0646\u064a\u0641\u0629. "
                     "\u0648\u0642\u0627\u0644 \u0645\u0635\u062f\u0631 \u0639\u0633\u0643\u0631\u064a "
                     "\u0625\u0646 \u0627\u0644\u062c\u064a\u0634 \u0633\u064a\u0637\u0631 \u0639\u0644\u0649 "
                     "\u0639\u062f\u0629 \u0642\u0631\u0649 \u0648\u062a\u0644\u0627\u0644.",
                     finder),
            "");
}

// Capitalised plurals of common words and "The" + common word at a sentence
// start are alternate names of small towns somewhere; they must not vouch
// for each other. A town known only by another spelling needs its country in
// the document, which a name whose sense is open but whose country is not
// ("Raqqa": city or province) gives.
TEST_F(PlaceFinderRealTest, CommonWordsDoNotBootstrapContext) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Farms in the valley dried up. The river was low. Industries closed.", finder),
            "");
  EXPECT_EQ(Describe("Patrols left Raqqa for al-Tabqa at dawn.", finder),
            "Raqqa=geonames:172955; al-Tabqa=geonames:172374");
}

// A big town named like a common word ("Independence", Missouri) in a
// document about its country needs no preposition in running text, but a
// title-case heading capitalises every word, so there it needs one.
TEST_F(PlaceFinderRealTest, CommonWordTownInATitleCaseHeading) {
  const PlaceFinder& finder = *finder_;
  const std::string text =
      "Officials flew from Washington to Kansas City in the United States.\n\n"
      "US Report Exposes the Weakness of Kurdish Independence\n\n"
      "Voters in Independence were asked about it.";
  const std::vector<Mention> ms = Find(text, finder);
  std::vector<std::string> independence;
  for (const Mention& m : ms)
    if (SpanText(text, m) == "Independence")
      independence.push_back(std::to_string(m.span.begin) + "=" + m.ref);
  // Only the one after "in", in running text.
  EXPECT_EQ(independence, std::vector<std::string>{"135=geonames:4391812"});
}

// An alternate spelling that reaches a foreign city ("Mare" is also Malé,
// "Zara" Zadar) loses to a town of the document's country, and alone it is
// not enough to keep a low score; a city's own English name still wins over
// its province ("Geneva").
TEST_F(PlaceFinderRealTest, ForeignCitiesByAlternateSpellings) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Shells hit Azaz and Aleppo. Gas fell on Mare city north of Aleppo. The army "
                     "broke the siege of al-Zara power plant.",
                     finder),
            "Azaz=geonames:172082; Aleppo=geonames:170063; Mare=geonames:167245; "
            "Aleppo=geonames:170063");
  EXPECT_EQ(Describe("Talks in Geneva resumed on Monday.", finder), "Geneva=geonames:2660646");
}

// "the river Jordan" is the river, a later bare "Jordan" still the country;
// a river word before a name the gazetteer does not spell so lets the name
// be read alone.
TEST_F(PlaceFinderRealTest, RiverWordBeforeAName) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Settlers crossed the river Jordan. Jordan closed its border.", finder),
            "river Jordan=dossier:jordan-river; Jordan=iso3166-1:JO");
  EXPECT_EQ(Describe("Boats on the river Khabur sank near Hasakah.", finder).substr(0, 21),
            "Khabur=dossier:khabur");
}

// "named" before a capitalised word makes it a person's name ("Ahmad" is
// also Al Ahmadi, Kuwait), unless a place noun stands before "named".
TEST_F(PlaceFinderRealTest, NameAfterNamed) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("A car bomb went off in Hasakeh. A witness named Ahmad was hurt.", finder),
            "Hasakeh=geonames:173811");
  EXPECT_EQ(Describe("Fighting spread near Aleppo to a small town named Azaz.", finder),
            "Aleppo=geonames:170063; Azaz=geonames:172082");
}

// A short reference the actors layer made to a person named in full
// ("Kerry" after "John Kerry") is no place (Kerry is also a Welsh village);
// "in Kerry" still is.
TEST_F(PlaceFinderRealTest, ShortReferenceToANamedPerson) {
  const PlaceFinder& finder = *finder_;
  const std::string text =
      "The envoy flew to London. A meeting between Kerry and Boris Johnson ran late. "
      "Farmers in Kerry were not told.";
  Document doc = Doc(text);
  for (size_t at : {text.find("Kerry and"), text.find("Kerry were")}) {
    Mention m;
    m.kind = "person";
    m.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + 5)};
    m.name = "John Kerry";
    doc.mentions.push_back(m);
  }
  std::vector<Mention> out;
  finder.Annotate(doc, &out);
  std::vector<size_t> kerry;
  for (const Mention& m : out)
    if (SpanText(text, m) == "Kerry") kerry.push_back(m.span.begin);
  EXPECT_EQ(kerry, std::vector<size_t>{text.find("Kerry were")});
}

// Nor is a name inside a longer person's name ("Austin" of "Austin Carver",
// whose surname is a common word the surname rule does not trust).
TEST_F(PlaceFinderRealTest, NameInsideAPersonsName) {
  const PlaceFinder& finder = *finder_;
  const std::string text = "Her colleague Austin Carver treats refugees near Austin.";
  Document doc = Doc(text);
  Mention m;
  m.kind = "person";
  m.span = {static_cast<uint32_t>(text.find("Austin")), static_cast<uint32_t>(text.find(" treats"))};
  m.name = "Austin Carver";
  doc.mentions.push_back(m);
  std::vector<Mention> out;
  finder.Annotate(doc, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].span.begin, text.rfind("Austin"));
}

// A district of a country the document does not name, or a foreign
// province called a district, needs more than its name ("the Sahel
// district" of Zabadani is not Burkina Faso's Sahel region). Aleppo's
// districts are curated.
TEST_F(PlaceFinderRealTest, ForeignDistrictsAndAleppoDistricts) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("The army shelled Zabadani in Syria. It seized the Sahel district.", finder),
            "Zabadani=geonames:172059; Syria=iso3166-1:SY");
  EXPECT_EQ(Describe("Jets hit Aleppo. Shells fell on Sheikh Maqsoud, al-Sakhour and the "
                     "Salah al-Din district.",
                     finder),
            "Aleppo=geonames:170063; Sheikh Maqsoud=dossier:aleppo-sheikh-maqsoud; "
            "al-Sakhour=dossier:aleppo-sakhour; Salah al-Din=dossier:aleppo-salah-al-din");
}

// Copy stripped of apostrophes: "Syrias" is Syria's (the stem is a country,
// province or big place by its own spelling), and a possessive ends the
// name ("Aleppos Bustan al-Qasr district"). Only where the document has no
// apostrophe at all.
TEST_F(PlaceFinderRealTest, PossessivesWithoutApostrophes) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Rebels gained ground in Syrias north. A resident of Aleppos Bustan al-Qasr "
                     "district fled.",
                     finder),
            "Syria=iso3166-1:SY; Aleppo=geonames:170063; "
            "Bustan al-Qasr=dossier:aleppo-bustan-al-qasr");
  EXPECT_EQ(Describe("Rebels gained ground in Syrias north; the army's lines held.", finder), "");
  EXPECT_EQ(Describe("A resident of Aleppo's Bustan al-Qasr district fled.", finder),
            "Aleppo=geonames:170063; Bustan al-Qasr=dossier:aleppo-bustan-al-qasr");
}

// Namesake districts with nothing else to tell them apart go by population:
// Houston's Harris County, Chicago's Cook County (a common first word, after
// "in"); a state after the comma still picks the small one.
TEST_F(PlaceFinderRealTest, NamesakeDistrictsGoByPopulation) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Flood waters rose in Harris County.", finder),
            "Harris County=geonames-admin2:US.TX.201");
  EXPECT_EQ(Describe("Officials in Cook County said the polls closed.", finder),
            "Cook County=geonames-admin2:US.IL.031");
  EXPECT_EQ(Describe("Flood waters rose in Harris County, Georgia.", finder),
            "Harris County=geonames-admin2:US.GA.145; Georgia=geonames-admin1:US.GA");
}

// "X, Georgia": a country that holds no town of X's name is not meant when
// a province of the same name holds one, however small or however big a
// foreign namesake of X is; "Tbilisi, Georgia" stays the country.
TEST_F(PlaceFinderRealTest, CommaStateOverCountryThatHoldsNoX) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Students rallied in Athens, Georgia.", finder),
            "Athens=geonames:4180386; Georgia=geonames-admin1:US.GA");
  EXPECT_EQ(Describe("A fire destroyed a church in Americus, Georgia.", finder),
            "Americus=geonames:4179667; Georgia=geonames-admin1:US.GA");
  EXPECT_EQ(Describe("Talks were held in Tbilisi, Georgia.", finder),
            "Tbilisi=geonames:611717; Georgia=iso3166-1:GE");
}

// A name shared by a country and another country's province: the words of
// its sentence (data/place_context.tsv division_cue / country_cue) and the
// demonyms in it say which ("Georgia lawmakers" are the US state's,
// "Georgia's president" the country's).
TEST_F(PlaceFinderRealTest, SentenceCuesTellStateFromCountry) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Georgia lawmakers passed the bill on Tuesday.", finder),
            "Georgia=geonames-admin1:US.GA");
  EXPECT_EQ(Describe("Georgia's governor signed the budget.", finder),
            "Georgia=geonames-admin1:US.GA");
  EXPECT_EQ(Describe("Voters lined up in Georgia, where the Senate race is close.", finder),
            "Georgia=geonames-admin1:US.GA");
  EXPECT_EQ(Describe("The storm hit Atlanta, Georgia, overnight.", finder),
            "Atlanta=geonames:4180439; Georgia=geonames-admin1:US.GA");
  EXPECT_EQ(Describe("Georgia's president spoke on Tuesday.", finder), "Georgia=iso3166-1:GE");
  EXPECT_EQ(Describe("Georgian officials said Georgia would not yield.", finder),
            "Georgia=iso3166-1:GE");
  EXPECT_EQ(Describe("Russian troops entered South Ossetia and Georgia.", finder),
            "South Ossetia=dossier:south-ossetia; Georgia=iso3166-1:GE");
  EXPECT_EQ(Describe("Talks were held in Tbilisi, Georgia.", finder),
            "Tbilisi=geonames:611717; Georgia=iso3166-1:GE");
  // A state's politics beside an American: still the state.
  EXPECT_EQ(Describe("American voters in Georgia went to the polls.", finder),
            "Georgia=geonames-admin1:US.GA");
  // One article with both: each sentence's words outweigh the document's
  // context and the first mention's sense.
  EXPECT_EQ(Describe("Georgia lawmakers met on Tuesday. Georgia's president visited Tbilisi, "
                     "where envoys spoke of South Ossetia.",
                     finder),
            "Georgia=geonames-admin1:US.GA; Georgia=iso3166-1:GE; Tbilisi=geonames:611717; "
            "South Ossetia=dossier:south-ossetia");
}

// Villages missing from the gazetteer are not their foreign namesakes: a
// village word rules out a city of 100,000 or more ("the village of
// al-Tiba" is no Chiba) and a province; a name after a capitalised word and
// an Arabic article is the tail of a longer name ("Aqareb es Safi"); "X in
// Y" with Y a province of a context country makes a foreign village X
// unlikely ("Milis in Idlib province"); "movement", "agency" after a name
// make it a group's or an agency's; a capitals word in brackets after a
// name abbreviates it ("(SAMS)" is no Samsun), unless it is a country's.
TEST_F(PlaceFinderRealTest, VillagesMissingFromTheGazetteerAreNotForeignNamesakes) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Troops took back the village of al-Tiba east of Aleppo.", finder),
            "Aleppo=geonames:170063");
  EXPECT_EQ(Describe("Daesh attacked Aqareb es Safi village in Hama province.", finder),
            "Hama=geonames-admin1:SY.10");
  EXPECT_EQ(Describe("Jets struck the town of Milis in Idlib province. Rebels in Idlib and "
                     "Aleppo, Syria, held out.",
                     finder),
            "Idlib=geonames-admin1:SY.12; Idlib=geonames-admin1:SY.12; Aleppo=geonames:170063; "
            "Syria=iso3166-1:SY");
  EXPECT_EQ(Describe("Army units took al-Mazare near Qara. Jets struck al-Jafra village in "
                     "Deir Ezzor province.",
                     finder),
            "Deir Ezzor=geonames-admin1:SY.07");
  EXPECT_EQ(Describe("Fighters of the Hazm movement left. The state-run Sana agency said so.",
                     finder),
            "");
  EXPECT_EQ(Describe("The Syrian American Medical Society (SAMS) said so.", finder), "");
  EXPECT_EQ(Describe("Fighting spread in the Democratic Republic of Congo (DRC) on Monday.", finder),
            "Democratic Republic of Congo=iso3166-1:CD; DRC=iso3166-1:CD");
  // A town of its own country after "in" stays ("Tororo in Uganda"), and a
  // Turkish town beside Syria too.
  EXPECT_EQ(Describe("Troops secured the Turkish town of Karkamis adjoining Syria.", finder),
            "Karkamis=geonames:309134; Syria=iso3166-1:SY");
}

// An outlet's or organisation's whole name that the actors layer found
// gives no context: "SANA" is no Yemeni place, so a village missing from
// the gazetteer does not go to Yemen by its spelling.
TEST_F(PlaceFinderRealTest, OutletNameGivesNoContext) {
  const PlaceFinder& finder = *finder_;
  const std::string text = "SANA said troops shelled Harfa village near Quneitra.";
  Document doc = Doc(text);
  Mention m;
  m.kind = "outlet";
  m.span = {0, 4};
  doc.mentions.push_back(m);
  std::vector<Mention> out;
  finder.Annotate(doc, &out);
  std::string got;
  for (const Mention& p : out) got += SpanText(text, p) + "=" + p.ref + ";";
  EXPECT_EQ(got, "SANA=geonames:71137;Quneitra=geonames-admin1:SY.03;");
}

// The province the document is about keeps its own small town against a
// bigger namesake in a country the document does not name.
TEST_F(PlaceFinderRealTest, ContextProvinceKeepsItsTownAgainstForeignNamesake) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Authorities in Maine said a gunman killed 18 people in Lewiston. Police "
                     "searched Lisbon.",
                     finder),
            "Maine=geonames-admin1:US.ME; Lewiston=geonames:4969398; Lisbon=geonames:4969622");
}

// A street named after a country, river or big city is not that place; a
// quarter named after its street is a place of its own.
TEST_F(PlaceFinderRealTest, StreetsNamedAfterPlaces) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Crowds gathered on Baghdad Street and Jordan Avenue in Damascus.", finder),
            "Damascus=geonames:170654");
  EXPECT_EQ(Describe("Shells fell on the Nile Street quarter of Aleppo.", finder),
            "Nile Street=dossier:aleppo-nile-street; Aleppo=geonames:170063");
  EXPECT_EQ(Describe("Barges moved up the Nile to Khartoum.", finder),
            "Nile=dossier:nile; Khartoum=geonames:379252");
}

// In a list the next name is not the country or province of the one before
// ("Rio de Janeiro, Brasilia and Parana": Brasilia is no alternate name of
// Brazil here); namesake provinces of two countries go by size; reefs are
// curated, and a ship's name after its prefix is no place.
TEST_F(PlaceFinderRealTest, ListsNamesakeProvincesReefsAndShips) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Police searched homes in Rio de Janeiro, Brasilia and Parana.", finder),
            "Rio de Janeiro=geonames:3451190; Brasilia=geonames:3469058; "
            "Parana=geonames-admin1:BR.18");
  EXPECT_EQ(Describe("He spent three months in Florida.", finder),
            "Florida=geonames-admin1:US.FL");
  EXPECT_EQ(Describe("Marines live aboard the BRP Sierra Madre at Second Thomas Shoal.", finder),
            "Second Thomas Shoal=dossier:second-thomas-shoal");
}

// A plural division word after a list is every name's: "the Idlib and Hama
// provinces", "the Kharkiv and Dnipropetrovsk regions".
TEST_F(PlaceFinderRealTest, PluralDivisionWordAfterAList) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Jets struck the Idlib and Hama provinces.", finder),
            "Idlib=geonames-admin1:SY.12; Hama=geonames-admin1:SY.10");
  EXPECT_EQ(Describe("Drones hit the Kharkiv, Sumy and Dnipropetrovsk regions.", finder),
            "Kharkiv=geonames-admin1:UA.07; Sumy=geonames-admin1:UA.21; "
            "Dnipropetrovsk=geonames-admin1:UA.04");
  EXPECT_EQ(Describe("Jets struck Idlib and the Hama province.", finder),
            "Idlib=geonames:169389; Hama=geonames-admin1:SY.10");
}

// A province by its own name beats a city that has the name only as an
// alternate one, unless the city holds a quarter of the province's people.
TEST_F(PlaceFinderRealTest, ProvinceByItsOwnNameBeatsACityByAnAlternate) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Storms hit Oklahoma and Tulsa.", finder),
            "Oklahoma=geonames-admin1:US.OK; Tulsa=geonames:4553433");
  EXPECT_EQ(Describe("Storms hit New York.", finder), "New York=geonames:5128581");
}

// The preposition before a list is each name's, which a common-word name
// needs; a village named like a big province of its country is not it.
TEST_F(PlaceFinderRealTest, PrepositionOfAListAndVillagesNamedLikeProvinces) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Cases rose in England and Wales.", finder),
            "England=geonames-admin1:GB.ENG; Wales=geonames-admin1:GB.WLS");
  EXPECT_EQ(Describe("Wales rose.", finder), "");
}

// A province the document names towns of weighs against foreign namesakes
// as its own towns do: "Victoria" near Melbourne is the Australian state.
TEST_F(PlaceFinderRealTest, ProvinceOfTheDocumentsTowns) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Officials in Victoria said fires near Melbourne destroyed 40 homes, and "
                     "crews from Sydney flew south. In Paris, Texas, a tornado hit a school.",
                     finder),
            "Victoria=geonames-admin1:AU.07; Melbourne=geonames:2158177; Sydney=geonames:2147714; "
            "Paris=geonames:4717560; Texas=geonames-admin1:US.TX");
}

// A small town's country context counts half against a namesake city of
// millions: Melbourne, Australia in a text about US places; Manhattan, New
// York next to Wichita.
TEST_F(PlaceFinderRealTest, SmallTownsAgainstNamesakeMetropolises) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Crews fought a blaze near Spokane. The summit opened in Melbourne.", finder),
            "Spokane=geonames:5811696; Melbourne=geonames:2158177");
  EXPECT_EQ(Describe("The plant in Wichita closed. A court in Manhattan ruled.", finder),
            "Wichita=geonames:4281730; Manhattan=geonames:5125771");
}

// Hyphen-glued names are names: "Port-au-Prince" is no run of common words
// even in a list of places of other countries (where the sentence looks like
// a heading), and "Hpa-An" ends in its article-like syllable.
TEST_F(PlaceFinderRealTest, HyphenGluedNames) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Aid reached Sittwe, El Fasher, Goma, Port-au-Prince and Hpa-An.", finder),
            "Sittwe=geonames:1295765; El Fasher=geonames:379555; Goma=geonames:216281; "
            "Port-au-Prince=geonames:3718426; Hpa-An=geonames:1302849");
}

// A sentence-initial "The" is no given name before a city of millions or a
// country, whose name is then matched as written; smaller places after it
// stay out ("The IDA" is a group, not Japan's Iida). "-based" supports a
// name like a preposition.
TEST_F(PlaceFinderRealTest, TheBeforeAPlaceAtTheSentenceStart) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("The London-based group said so. The Britain-based monitor agreed.", finder),
            "London=geonames:2643743; Britain=iso3166-1:GB");
  EXPECT_EQ(Describe("The IDA said so.", finder), "");
  EXPECT_EQ(Describe("The Hague court ruled.", finder), "The Hague=geonames:2747373");
}

// Curated places of the wars of the 2020s that GeoNames' towns lack.
TEST_F(PlaceFinderRealTest, CuratedPlacesOfRecentWars) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Families fled from Tel al-Sultan to Mawasi, near the Nasser Hospital.",
                     finder),
            "Tel al-Sultan=dossier:tel-al-sultan; Mawasi=dossier:al-mawasi; Nasser "
            "Hospital=dossier:nasser-hospital");
  EXPECT_EQ(Describe("Russian troops took Vuhledar and Novohrodivka; shells hit Khartoum North.",
                     finder),
            "Vuhledar=dossier:vuhledar; Novohrodivka=dossier:novohrodivka; Khartoum "
            "North=dossier:khartoum-north");
}

// "gang", "cartel" after a name make it a criminal group's, even in lower
// case; "area" after a name makes a sentence-initial "The" no given name.
TEST_F(PlaceFinderRealTest, GroupAndAreaWordsAfterAName) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Police arrested leaders of the Santa Rosa de Lima gang in San Miguel. The "
                     "Sinaloa cartel denied it.",
                     finder),
            "San Miguel=geonames:3583446");
  EXPECT_EQ(Describe("The Manbij area saw clashes.", finder), "Manbij=geonames:167357");
}

// A province named by common words after a preposition gives its country
// as context ("in New South Wales": Australia's Orange and Bathurst, not
// California's Orange or Banjul, once Bathurst).
TEST_F(PlaceFinderRealTest, CommonWordProvinceGivesContext) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Fires burned between Bathurst and Orange in New South Wales.", finder),
            "Bathurst=geonames:2176632; Orange=geonames:2154219; New South "
            "Wales=geonames-admin1:AU.02");
}

// A city under a million reached by an alternate spelling, in a country
// the document does not name, is dropped ("Boni" in Mali is not
// Watampone); a provincial seat keeps its exonym ("Geneva" for Genève).
TEST_F(PlaceFinderRealTest, ForeignCityByAlternateSpelling) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Gunmen raided the village of Boni near Douentza in Mali.", finder),
            "Douentza=geonames:2458334; Mali=iso3166-1:ML");
  EXPECT_EQ(Describe("Delegates from Syria met in Geneva.", finder),
            "Syria=iso3166-1:SY; Geneva=geonames:2660646");
}

// The one country a sentence names is the nearer context for its towns.
TEST_F(PlaceFinderRealTest, CountryOfTheSentence) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Lorries bound for Tororo and Mbale in Uganda waited. Farmers in Nyeri, "
                     "Kenya, protested.",
                     finder),
            "Tororo=iso3166-2:UG-212; Mbale=geonames:229278; Uganda=iso3166-1:UG; "
            "Nyeri=geonames:182701; Kenya=iso3166-1:KE");
  EXPECT_EQ(Describe("Fishermen in Trujillo, on the coast of Honduras, lost boats. Miners in "
                     "Peru marched.",
                     finder),
            "Trujillo=geonames:3600591; Honduras=iso3166-1:HN; Peru=iso3166-1:PE");
}

// Favelas and regions of Latin America that GeoNames' towns lack.
TEST_F(PlaceFinderRealTest, CuratedFavelasAndRegions) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Police raided Rocinha and the Complexo da Maré in Rio de Janeiro. Fighting "
                     "in Catatumbo displaced farmers in Colombia.",
                     finder),
            "Rocinha=dossier:rocinha; Complexo da Maré=dossier:complexo-da-mare; Rio de "
            "Janeiro=geonames:3451190; Catatumbo=dossier:catatumbo; Colombia=iso3166-1:CO");
}

// Islands, regions, lakes and English counties of world news that GeoNames'
// towns and divisions lack (Cornwall was Ontario's town, Bali Italy's Bari).
TEST_F(PlaceFinderRealTest, CuratedIslandsRegionsAndCounties) {
  const PlaceFinder& finder = *finder_;
  EXPECT_EQ(Describe("Floods hit Sumatra and the Niger Delta, and fishermen on Lake Kivu stayed "
                     "home. Police in West Yorkshire and Cornwall were on alert.",
                     finder),
            "Sumatra=dossier:sumatra; Niger Delta=dossier:niger-delta; Lake "
            "Kivu=dossier:lake-kivu; West Yorkshire=dossier:west-yorkshire; "
            "Cornwall=dossier:cornwall-gb");
  EXPECT_EQ(Describe("Tourists left Bali.", finder), "Bali=dossier:bali");
  // Lakes: "Lake Albert" was an Australian town, "Lake Malawi" the country.
  EXPECT_EQ(Describe("Boats sank on Lake Albert and Lake Malawi; Lake Michigan froze.", finder),
            "Lake Albert=dossier:lake-albert; Lake Malawi=dossier:lake-malawi; Lake "
            "Michigan=dossier:lake-michigan");
  // Rivers named like a province or a capital need their river word.
  EXPECT_EQ(Describe("Floods rose along the Juba River and the Shebelle in Lower Shabelle, far "
                     "from Juba.",
                     finder),
            "Juba River=dossier:juba-river; Shebelle=dossier:shabelle-river; Lower "
            "Shabelle=geonames-admin1:SO.14; Juba=geonames:373303");
}

}  // namespace
}  // namespace dossier
