// Gazetteer compiler and reader: a small gazetteer built from team-written
// GeoNames-format rows (real towns with their real coordinates), countries,
// admin names, ISO 3166-2 names and curated rows, written to a temp dir and
// mapped back; plus checks on the gazetteer the build compiled, when present.
#include "lexicon/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>

#include "dossier/lexicon.h"
#include "lexicon/gazetteer_builder.h"
#include "lexicon/gazetteer_format.h"
#include "lexicon/name_key.h"
#include "test_util.h"

namespace dossier {
namespace {

using testing::TempDir;

// GeoNames cities500 columns: id, name, asciiname, alternatenames, lat, lon,
// class, code, country, cc2, admin1, admin2, admin3, admin4, population,
// elevation, dem, timezone, modified.
std::string Row(const std::string& id, const std::string& name,
                const std::string& ascii, const std::string& alternates,
                const std::string& lat, const std::string& lon,
                const std::string& code, const std::string& country,
                const std::string& admin1, const std::string& admin2,
                const std::string& population) {
  return id + "\t" + name + "\t" + ascii + "\t" + alternates + "\t" + lat +
         "\t" + lon + "\tP\t" + code + "\t" + country + "\t\t" + admin1 + "\t" +
         admin2 + "\t\t\t" + population + "\t\t200\tAsia/Damascus\t2020-01-01";
}

constexpr char kPlaces[] =
    "# curated test places\n"
    "id\tname\taliases\tfeature\tfeature_"
    "code\tprecision\tcountry\tadmin1\tlat\tlon\tsame_as\tnote\n"
    "al-tanf-garrison\tAl-Tanf garrison\tal-Tanf|At "
    "Tanf\tbase\tMILB\tpoint\tSY\tHoms\t33.50\t38.65"
    "\t\tbase\n"
    "euphrates\tEuphrates\tEuphrates River|the "
    "Euphrates\twater\tSTM\t\t\t\t35.45\t40.00\t\triver\n"
    "mayadin-extra\tMayadeen\tal-Mayadeen\tcity\tPPL\tpoint\tSY\tDeir "
    "ez-Zor\t35.02\t40.45"
    "\tgeonames:173480\tspelling\n";

constexpr char kCountryAliases[] =
    "alias\tcode\tkind\tnote\n"
    "Syrians\tSY\tdemonym\tplural\n"
    "the Syrian state\tSY\tname\ttest alias\n";

class GazetteerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GazetteerBuilder b;
    const std::vector<std::string> rows = {
        // Deir ez-Zor: an IATA code, a URL and a double-space run among the
        // alternates, as GeoNames has them.
        Row("170794", "Deir ez-Zor", "Deir ez-Zor",
            "DEZ,Dayr az Zawr,Deir "
            "al-Zour,https://en.wikipedia.org/wiki/Deir_ez-Zor,"
            "Ter Zor  Der Zor  Ter Zor,دير الزور,Deir ez-Zor",
            "35.33588", "40.14084", "PPLA", "SY", "07", "", "242565"),
        Row("173480", "Al Mayādīn", "Al Mayadin", "Al Mayadin,Mayadin,Mayadine",
            "35.01982", "40.45154", "PPLA2", "SY", "07", "", "44886"),
        Row("169577", "Homs", "Homs", "Hims,Emesa,HMS", "34.72682", "36.72339",
            "PPLA", "SY", "11", "", "775404"),
        Row("169389", "Idlib", "Idlib", "Edlib,Idleb", "35.93062", "36.63393",
            "PPLA", "SY", "12", "", "128840"),
        // Anbar has no seat among these rows: its point is the
        // population-weighted mean of its towns.
        Row("98717", "Ramadi", "Ramadi", "Ar Ramadi", "33.42", "43.30", "PPL",
            "IQ", "01", "", "199"),
        Row("92138", "Al Qā’im", "Al Qa'im", "Al-Qaim,Husaybah", "34.40",
            "41.00", "PPLA2", "IQ", "01", "", "0"),
        // Towns of provinces GeoNames names with their division word.
        Row("99532", "Az Zubayr", "Az Zubayr", "Zubair", "30.39", "47.70", "PPL", "IQ", "02", "",
            "300000"),
        Row("98182", "Baghdad", "Baghdad", "", "33.34", "44.40", "PPLC", "IQ", "07", "",
            "5672513"),
        Row("99999", "Qalat", "Qalat", "", "31.5", "46.5", "PPL", "IQ", "03", "", "1000"),
        // A town named like a common English word.
        Row("2657250", "Ash", "Ash", "", "51.2492", "-0.7128", "PPL", "GB",
            "ENG", "", "6000"),
    };
    for (const auto& r : rows) ASSERT_TRUE(b.AddGeoNamesRow(r).ok()) << r;
    b.AddAdmin1Name("SY.07", "Deir ez-Zor");
    b.AddAdmin1Name("SY.11", "Homs");
    b.AddAdmin1Name("SY.04",
                    "Raqqa");  // no town here: placed at the country's point
    b.AddAdmin1Name("IQ.01", "Anbar");
    b.AddAdmin1Name("GB.ENG", "England");
    b.AddAdmin1Name("IQ.02", "Basra Governorate");
    b.AddAdmin1Name("IQ.07", "Baghdad Governorate");
    b.AddAdmin1Name("IQ.03", "Southern Governorate");
    b.AddCommonWord("southern");
    CountryRecord sy;
    sy.iso2 = "SY";
    sy.iso3 = "SYR";
    sy.name = "Syria";
    sy.alt_names = {"Syrian Arab Republic"};
    sy.translations = {"Syrien", "سوريا"};
    sy.demonyms = {"Syrian"};
    sy.capitals = {"Damascus"};
    sy.lat = 35;
    sy.lon = 38;
    b.AddCountry(sy);
    CountryRecord iq;
    iq.iso2 = "IQ";
    iq.iso3 = "IRQ";
    iq.name = "Iraq";
    iq.alt_names = {"Republic of Iraq", "Iraqi"};  // a demonym listed as a name
    iq.demonyms = {"Iraqi"};
    iq.lat = 33;
    iq.lon = 44;
    b.AddCountry(iq);
    // A territory whose package row also lists another country's curated
    // demonym (as the Northern Mariana Islands list "American").
    CountryRecord zz;
    zz.iso2 = "ZZ";
    zz.iso3 = "ZZZ";
    zz.name = "Zedland";
    zz.demonyms = {"Zedian", "Syrians"};
    zz.lat = 10;
    zz.lon = 10;
    b.AddCountry(zz);
    b.AddSubdivision("SY-DY", "Dayr az Zawr", "Province");  // joins SY.07
    b.AddSubdivision("SY-ID", "Idlib", "Province");  // no admin1: its own entry
    b.AddSubdivision("SY-QU", "Al Qunaytirah",
                     "Province");  // nothing to place it by
    b.AddCommonWord("ash");
    b.AddCommonWord("hope");
    b.AddCommonWord("ice cream");  // two tokens: ignored
    TempDir data;
    data.Write("places.tsv", kPlaces);
    data.Write("country_aliases.tsv", kCountryAliases);
    auto lex = Lexicon::Load({data.path()});
    ASSERT_TRUE(lex.ok()) << lex.status().ToString();
    ASSERT_TRUE(b.AddCuratedPlaces((*lex)->table("places")).ok());
    ASSERT_TRUE(b.AddCountryAliases((*lex)->table("country_aliases")).ok());
    path_ = dir_.path() + "/gaz.bin";
    Status s = b.Write(path_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    stats_ = b.stats();
    countries_path_ = dir_.path() + "/countries.tsv";
    s = b.WriteCountriesTsv(countries_path_, "test rows");
    ASSERT_TRUE(s.ok()) << s.ToString();
    auto g = Gazetteer::Open(path_);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    gaz_ = *g;
  }

  std::vector<NameHit> Key(std::string_view spelling) const {
    std::vector<NameHit> out;
    gaz_->LookupKey(NameKey(spelling), &out);
    return out;
  }
  std::vector<NameHit> Skeleton(std::string_view spelling) const {
    std::vector<NameHit> out;
    gaz_->LookupSkeleton(SkeletonKey(spelling), &out);
    return out;
  }
  std::vector<std::string> Refs(const std::vector<NameHit>& hits) const {
    std::vector<std::string> refs;
    for (const auto& h : hits) refs.emplace_back(gaz_->entry(h.entry).ref);
    std::sort(refs.begin(), refs.end());
    return refs;
  }
  std::optional<PlaceEntry> ByRef(std::string_view ref) const {
    for (uint32_t i = 0; i < gaz_->size(); ++i)
      if (gaz_->entry(i).ref == ref) return gaz_->entry(i);
    return std::nullopt;
  }

  TempDir dir_;
  std::string path_, countries_path_;
  GazetteerStats stats_;
  std::shared_ptr<const Gazetteer> gaz_;
};

TEST_F(GazetteerTest, TownEntryFields) {
  auto hits = Key("Deir ez-Zor");
  // The town and its governorate share the name.
  ASSERT_EQ(Refs(hits), (std::vector<std::string>{"geonames-admin1:SY.07",
                                                  "geonames:170794"}));
  if (gaz_->entry(hits[0].entry).feature != "city") std::swap(hits[0], hits[1]);
  PlaceEntry e = gaz_->entry(hits[0].entry);
  EXPECT_EQ(e.index, hits[0].entry);
  EXPECT_EQ(e.name, "Deir ez-Zor");
  EXPECT_EQ(e.ref, "geonames:170794");
  EXPECT_DOUBLE_EQ(e.lat, 35.33588);
  EXPECT_DOUBLE_EQ(e.lon, 40.14084);
  EXPECT_EQ(e.country, "SY");
  EXPECT_EQ(e.admin1_code, "07");
  EXPECT_EQ(e.admin1, "Deir ez-Zor");
  EXPECT_EQ(e.feature, "city");
  EXPECT_EQ(e.feature_code, "PPLA");
  EXPECT_EQ(e.precision, "point");
  EXPECT_EQ(e.population, 242565u);
  EXPECT_TRUE(hits[0].preferred);
  EXPECT_EQ(hits[0].spelling, "Deir ez-Zor");
}

TEST_F(GazetteerTest, AlternateSpellingsByKeyAndSkeleton) {
  auto hits = Key("Dayr az Zawr");
  // The town and the admin1 unit (which the ISO 3166-2 name joined).
  EXPECT_EQ(Refs(hits), (std::vector<std::string>{"geonames-admin1:SY.07",
                                                  "geonames:170794"}));
  for (const auto& h : hits) {
    if (gaz_->entry(h.entry).ref != "geonames:170794") continue;
    EXPECT_FALSE(h.preferred);
    EXPECT_EQ(h.spelling, "Dayr az Zawr");
  }
  // Spellings GeoNames lacks meet through the skeleton.
  for (const char* s :
       {"Deir El-Zour", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour"}) {
    auto sk = Skeleton(s);
    auto refs = Refs(sk);
    EXPECT_TRUE(std::count(refs.begin(), refs.end(), "geonames:170794") == 1)
        << s;
  }
  // A run of names separated by double spaces is split.
  EXPECT_EQ(Refs(Key("Der Zor")),
            (std::vector<std::string>{"geonames:170794"}));
  // Non-Latin spellings are indexed by key (not by skeleton).
  EXPECT_EQ(Refs(Key("دير الزور")),
            (std::vector<std::string>{"geonames:170794"}));
  EXPECT_TRUE(Skeleton("دير الزور").empty());
}

TEST_F(GazetteerTest, CodesAndLinksAreNotNames) {
  EXPECT_TRUE(Key("DEZ").empty());
  EXPECT_TRUE(Key("HMS").empty());
  EXPECT_TRUE(Key("https://en.wikipedia.org/wiki/Deir_ez-Zor").empty());
  EXPECT_EQ(Refs(Key("Hims")), (std::vector<std::string>{"geonames:169577"}));
}

TEST_F(GazetteerTest, EachEntryOncePerLookup) {
  // "Deir ez-Zor" is the name, the ASCII name and an alternate of 170794.
  EXPECT_EQ(
      Refs(Key("Deir ez-Zor")),
      (std::vector<std::string>{"geonames-admin1:SY.07", "geonames:170794"}));
  // Appending keeps what the caller had.
  std::vector<NameHit> out;
  gaz_->LookupKey(NameKey("Homs"), &out);
  gaz_->LookupKey(NameKey("Mayadin"), &out);
  EXPECT_EQ(Refs(out),
            (std::vector<std::string>{"geonames-admin1:SY.11",
                                      "geonames:169577", "geonames:173480"}));
}

TEST_F(GazetteerTest, CountriesAreEntriesWithCountryPrecision) {
  auto sy = gaz_->Country("SY");
  ASSERT_TRUE(sy.has_value());
  PlaceEntry e = gaz_->entry(*sy);
  EXPECT_EQ(e.name, "Syria");
  EXPECT_EQ(e.ref, "iso3166-1:SY");
  EXPECT_EQ(e.feature, "country");
  EXPECT_EQ(e.precision, "country");
  EXPECT_EQ(e.country, "SY");
  EXPECT_DOUBLE_EQ(e.lat, 35.0);
  // Population from its towns when the record has none.
  EXPECT_EQ(e.population, 242565u + 44886u + 775404u + 128840u);
  EXPECT_FALSE(gaz_->Country("FR").has_value());
  for (const char* s :
       {"Syria", "Syrian Arab Republic", "Syrien", "سوريا", "the Syrian state"})
    EXPECT_EQ(Refs(Key(s)), (std::vector<std::string>{"iso3166-1:SY"})) << s;
}

TEST_F(GazetteerTest, DemonymsAreNotPlaceNames) {
  EXPECT_TRUE(Key("Syrian").empty());
  EXPECT_TRUE(Key("Syrians").empty());
  // Even where the package lists the demonym among the names.
  EXPECT_TRUE(Key("Iraqi").empty());
  EXPECT_EQ(gaz_->CountryOfDemonym(NameKey("Syrian")), "SY");
  EXPECT_EQ(gaz_->CountryOfDemonym(NameKey("Syrians")), "SY");
  EXPECT_EQ(gaz_->CountryOfDemonym(NameKey("Iraqi")), "IQ");
  EXPECT_FALSE(gaz_->CountryOfDemonym(NameKey("Syria")).has_value());
}

TEST_F(GazetteerTest, Admin1EntriesAndTheirPoints) {
  // At its seat (the PPLA).
  auto dz = gaz_->Admin1("SY", "07");
  ASSERT_TRUE(dz.has_value());
  PlaceEntry e = gaz_->entry(*dz);
  EXPECT_EQ(e.name, "Deir ez-Zor");
  EXPECT_EQ(e.ref, "geonames-admin1:SY.07");
  EXPECT_EQ(e.feature, "admin1");
  EXPECT_EQ(e.feature_code, "ADM1");
  EXPECT_EQ(e.precision, "admin1");
  EXPECT_EQ(e.admin1_code, "07");
  EXPECT_EQ(e.admin1, "Deir ez-Zor");
  EXPECT_DOUBLE_EQ(e.lat, 35.33588);
  EXPECT_DOUBLE_EQ(e.lon, 40.14084);
  // No seat: the mean of its towns weighted by population + 1.
  auto anbar = gaz_->Admin1("IQ", "01");
  ASSERT_TRUE(anbar.has_value());
  e = gaz_->entry(*anbar);
  EXPECT_NEAR(e.lat, (200 * 33.42 + 1 * 34.40) / 201, 1e-9);
  EXPECT_NEAR(e.lon, (200 * 43.30 + 1 * 41.00) / 201, 1e-9);
  // No town at all: the country's point.
  auto raqqa = gaz_->Admin1("SY", "04");
  ASSERT_TRUE(raqqa.has_value());
  EXPECT_DOUBLE_EQ(gaz_->entry(*raqqa).lat, 35.0);
  EXPECT_DOUBLE_EQ(gaz_->entry(*raqqa).lon, 38.0);
  EXPECT_FALSE(gaz_->Admin1("SY", "99").has_value());
  // An admin1 exists for every admin1 name added.
  EXPECT_EQ(stats_.admin1, 8u);
  EXPECT_EQ(stats_.admin1_at_country_point, 1u);
}

// "Basra Governorate" is also "Basra" ("the province of Basra"); not when
// what is left is a common word, nor for a province that is its seat city
// (the city has the name).
TEST_F(GazetteerTest, ProvinceNamesWithoutTheirDivisionWord) {
  EXPECT_EQ(Refs(Key("Basra")), (std::vector<std::string>{"geonames-admin1:IQ.02"}));
  EXPECT_EQ(Refs(Key("Basra Governorate")), (std::vector<std::string>{"geonames-admin1:IQ.02"}));
  EXPECT_TRUE(Key("Southern").empty());
  EXPECT_EQ(Refs(Key("Baghdad")), (std::vector<std::string>{"geonames:98182"}));
}

TEST_F(GazetteerTest, Iso3166_2NamesJoinOrStandAlone) {
  EXPECT_EQ(stats_.subdivisions_joined, 1u);
  EXPECT_EQ(stats_.subdivisions_own, 1u);
  EXPECT_EQ(stats_.subdivisions_dropped, 1u);
  // Idlib has no GeoNames admin1 here: an entry of its own at the town.
  auto idlib = ByRef("iso3166-2:SY-ID");
  ASSERT_TRUE(idlib.has_value());
  EXPECT_EQ(idlib->feature, "admin1");
  EXPECT_DOUBLE_EQ(idlib->lat, 35.93062);
  EXPECT_EQ(Refs(Key("Idlib")),
            (std::vector<std::string>{"geonames:169389", "iso3166-2:SY-ID"}));
  EXPECT_TRUE(Key("Al Qunaytirah").empty());
}

TEST_F(GazetteerTest, CuratedPlaces) {
  for (const char* s : {"al-Tanf", "Al Tanf", "At Tanf", "Al-Tanf garrison"}) {
    auto hits = Key(s);
    ASSERT_EQ(hits.size(), 1u) << s;
    PlaceEntry e = gaz_->entry(hits[0].entry);
    EXPECT_EQ(e.ref, "dossier:al-tanf-garrison");
    EXPECT_EQ(e.feature, "base");
    EXPECT_EQ(e.feature_code, "MILB");
    EXPECT_EQ(e.precision, "point");
    EXPECT_EQ(e.admin1, "Homs");
    EXPECT_EQ(e.admin1_code, "11");  // found by name among SY's admin1 units
    EXPECT_DOUBLE_EQ(e.lat, 33.50);
    EXPECT_DOUBLE_EQ(e.lon, 38.65);
  }
  auto river = Key("the Euphrates");
  ASSERT_EQ(river.size(), 1u);
  EXPECT_EQ(gaz_->entry(river[0].entry).feature, "water");
  EXPECT_EQ(gaz_->entry(river[0].entry).precision,
            "region");  // default for water
  EXPECT_EQ(gaz_->entry(river[0].entry).country, "");
  // same_as rows add spellings to the GeoNames town, not an entry.
  EXPECT_EQ(Refs(Key("al-Mayadeen")),
            (std::vector<std::string>{"geonames:173480"}));
  EXPECT_FALSE(ByRef("dossier:mayadin-extra").has_value());
  EXPECT_EQ(stats_.curated, 2u);
  EXPECT_EQ(stats_.same_as_joined, 1u);
}

TEST_F(GazetteerTest, CommonWords) {
  EXPECT_TRUE(gaz_->IsCommonWord("ash"));
  EXPECT_TRUE(gaz_->IsCommonWord("hope"));
  EXPECT_FALSE(gaz_->IsCommonWord("homs"));
  EXPECT_FALSE(gaz_->IsCommonWord("ice cream"));
  EXPECT_FALSE(gaz_->IsCommonWord(""));
  // Regular plurals of the lemmas WordNet lists.
  EXPECT_TRUE(gaz_->IsCommonPlural("hopes"));
  EXPECT_TRUE(gaz_->IsCommonPlural("ashes"));
  EXPECT_FALSE(gaz_->IsCommonPlural("ash"));
  EXPECT_FALSE(gaz_->IsCommonPlural("homs"));
  EXPECT_FALSE(gaz_->IsCommonPlural("s"));
  // The town is still there: common words need more evidence, not removal.
  EXPECT_EQ(Refs(Key("Ash")), (std::vector<std::string>{"geonames:2657250"}));
}

TEST_F(GazetteerTest, MaxTokensAndVersion) {
  // "Autonomous"-length names are absent here; the longest key is
  // "syrian arab republic" / "the syrian state" (3 tokens).
  EXPECT_EQ(gaz_->max_tokens(), 3);
  EXPECT_TRUE(std::regex_match(gaz_->version(), std::regex("[0-9a-f]{16}")));
  // Another content, another version.
  GazetteerBuilder b;
  ASSERT_TRUE(b.AddGeoNamesRow(
                   Row("1", "A", "A", "", "1", "2", "PPL", "SY", "", "", "0"))
                  .ok());
  ASSERT_TRUE(b.Write(dir_.path() + "/other.bin").ok());
  auto other = Gazetteer::Open(dir_.path() + "/other.bin");
  ASSERT_TRUE(other.ok());
  EXPECT_NE((*other)->version(), gaz_->version());
  EXPECT_EQ((*other)->size(), 1u);
}

TEST_F(GazetteerTest, CountriesTsv) {
  std::string tsv = testing::ReadFile(countries_path_);
  EXPECT_NE(tsv.find("# GENERATED"), std::string::npos);
  EXPECT_NE(tsv.find("\ncode\tiso3\tname\taliases\tdemonyms\tlat\tlon\tcapital\n"),
            std::string::npos);
  // English names only (no translations); the listed demonym "Iraqi" is not
  // an alias; curated rows are folded in.
  EXPECT_NE(
      tsv.find("\nIQ\tIRQ\tIraq\tRepublic of Iraq\tIraqi\t33.0000\t44.0000\t\n"),
      std::string::npos)
      << tsv;
  EXPECT_NE(tsv.find("\nSY\tSYR\tSyria\tSyrian Arab Republic|the Syrian "
                     "state\tSyrian|Syrians"
                     "\t35.0000\t38.0000\tDamascus\n"),
            std::string::npos)
      << tsv;
  // And the Lexicon reads it as the table "countries".
  auto lex = Lexicon::Load({dir_.path()});
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  const Table& t = (*lex)->table("countries");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][0], "IQ");
  EXPECT_EQ(t.Column("demonyms"), 4);
  // A curated demonym is its country's alone.
  EXPECT_EQ(t.rows[2][0], "ZZ");
  EXPECT_EQ(t.rows[2][4], "Zedian");
}

TEST(GazetteerOpenTest, MissingFileIsNotFoundWithThePath) {
  TempDir dir;
  auto g = Gazetteer::Open(dir.path() + "/nope.bin");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kNotFound);
  EXPECT_NE(g.status().message().find("nope.bin"), std::string::npos);
}

class GazetteerFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GazetteerBuilder b;
    ASSERT_TRUE(
        b.AddGeoNamesRow(Row("169577", "Homs", "Homs", "Hims", "34.72682",
                             "36.72339", "PPLA", "SY", "11", "", "775404"))
            .ok());
    path_ = dir_.path() + "/g.bin";
    ASSERT_TRUE(b.Write(path_).ok());
    bytes_ = testing::ReadFile(path_);
    ASSERT_GT(bytes_.size(), 200u);
  }
  Status OpenBytes(const std::string& bytes) {
    std::string p = dir_.Write("bad.bin", bytes);
    auto g = Gazetteer::Open(p);
    return g.ok() ? Status::Ok() : g.status();
  }
  TempDir dir_;
  std::string path_, bytes_;
};

TEST_F(GazetteerFileTest, TruncatedFileIsAClearError) {
  Status s = OpenBytes(bytes_.substr(0, bytes_.size() - 10));
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("bad.bin"), std::string::npos) << s.message();
  s = OpenBytes(bytes_.substr(0, 20));
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  s = OpenBytes("");
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
}

TEST_F(GazetteerFileTest, ForeignFileIsAClearError) {
  std::string text(4096, 'x');
  Status s = OpenBytes(text);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("not a dossier gazetteer"), std::string::npos)
      << s.message();
  std::string other_version = bytes_;
  other_version[8] = 9;  // version field
  s = OpenBytes(other_version);
  EXPECT_NE(s.message().find("format version 9"), std::string::npos)
      << s.message();
}

TEST_F(GazetteerFileTest, SectionsOutOfBoundsAreRejected) {
  // Header layout: magic(8) version(4) header_size(4) file_size(8) hash(8)
  // entry_count(4) max_tokens(4) posting_count(8), then entries {offset, size}.
  std::string bad = bytes_;
  uint64_t huge = 1ull << 40;
  std::memcpy(bad.data() + 48, &huge, 8);  // entries.offset
  Status s = OpenBytes(bad);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("entry section"), std::string::npos)
      << s.message();
  bad = bytes_;
  uint32_t many = 1000000;
  std::memcpy(bad.data() + 32, &many,
              4);  // entry_count no longer matches the section
  s = OpenBytes(bad);
  EXPECT_NE(s.message().find("entry section"), std::string::npos)
      << s.message();
}

TEST_F(GazetteerFileTest, CorruptBodyNeverReadsOutsideTheFile) {
  // Scribble over everything after the header: lookups return junk or
  // nothing, but stay inside the mapping (ASan builds check this).
  std::string bad = bytes_;
  for (size_t i = sizeof(gazfmt::Header); i < bad.size(); ++i)
    bad[i] = static_cast<char>(0xff);
  std::string p = dir_.Write("scribbled.bin", bad);
  auto g = Gazetteer::Open(p);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  std::vector<NameHit> out;
  (*g)->LookupKey("homs", &out);
  (*g)->LookupSkeleton("hms", &out);
  for (uint32_t i = 0; i < (*g)->size(); ++i) (void)(*g)->entry(i);
  (void)(*g)->entry(12345);
  EXPECT_FALSE((*g)->IsCommonWord("homs"));
  SUCCEED();
}

TEST(GazetteerBuilderTest, BadRowsAreRejectedWithTheProblem) {
  GazetteerBuilder b;
  Status s = b.AddGeoNamesRow("170794\tDeir ez-Zor\tDeir ez-Zor");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("3 columns"), std::string::npos) << s.message();
  s = b.AddGeoNamesRow(Row("170794", "Deir ez-Zor", "", "", "north", "40.1",
                           "PPLA", "SY", "07", "", "1"));
  EXPECT_NE(s.message().find("bad coordinates"), std::string::npos)
      << s.message();
  s = b.AddGeoNamesRow(Row("170794", "Deir ez-Zor", "", "", "95.0", "40.1",
                           "PPLA", "SY", "07", "", "1"));
  EXPECT_NE(s.message().find("bad coordinates"), std::string::npos)
      << s.message();
  s = b.AddGeoNamesRow(Row("x1", "Deir ez-Zor", "", "", "35", "40.1", "PPLA",
                           "SY", "07", "", "1"));
  EXPECT_NE(s.message().find("bad id"), std::string::npos) << s.message();

  Table places;
  places.name = "places";
  places.columns = {"id", "name", "feature", "lat", "lon"};
  places.rows = {{"x", "X", "site", "33.5", "200"}};
  s = b.AddCuratedPlaces(places);
  EXPECT_NE(s.message().find("row 'x': bad coordinates"), std::string::npos)
      << s.message();
  places.columns = {"id", "name", "lat", "lon"};
  s = b.AddCuratedPlaces(places);
  EXPECT_NE(s.message().find("no column 'feature'"), std::string::npos)
      << s.message();

  Table aliases;
  aliases.name = "country_aliases";
  aliases.columns = {"alias", "code", "kind"};
  aliases.rows = {{"Narnian", "NN", "demonym"}};
  ASSERT_TRUE(b.AddCountryAliases(aliases).ok());
  TempDir dir;
  s = b.Write(dir.path() + "/g.bin");
  EXPECT_NE(s.message().find("'Narnian' names country 'NN'"), std::string::npos)
      << s.message();
  aliases.rows = {{"Narnian", "NN", "adjective"}};
  s = b.AddCountryAliases(aliases);
  EXPECT_NE(s.message().find("kind must be name or demonym"), std::string::npos)
      << s.message();
}

// The gazetteer this build compiled (skipped only when it was not built,
// e.g. configured with -DDOSSIER_GAZETTEER=OFF).
class BuiltGazetteerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string path = Gazetteer::DefaultPath();
    if (!std::filesystem::exists(path))
      GTEST_SKIP() << "no gazetteer at " << path;
    auto g = Gazetteer::Open(path);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    gaz_ = *g;
  }
  // Refs of entries found by key, else by skeleton (how the annotator asks).
  std::vector<std::string> Resolve(std::string_view spelling) const {
    std::vector<NameHit> hits;
    gaz_->LookupKey(NameKey(spelling), &hits);
    if (hits.empty()) gaz_->LookupSkeleton(SkeletonKey(spelling), &hits);
    std::vector<std::string> refs;
    for (const auto& h : hits) refs.emplace_back(gaz_->entry(h.entry).ref);
    return refs;
  }
  std::shared_ptr<const Gazetteer> gaz_;
};

TEST_F(BuiltGazetteerTest, DeirEzZorSpellings) {
  for (const char* s : {"Deir ez-Zor", "Deir El-Zour", "Deir Ezzor", "Der Zor",
                        "Dayr az Zawr"}) {
    auto refs = Resolve(s);
    EXPECT_EQ(std::count(refs.begin(), refs.end(), "geonames:170794"), 1) << s;
  }
}

TEST_F(BuiltGazetteerTest, CuratedCountriesAndCommonWords) {
  for (const char* s : {"al-Tanf", "At Tanf", "Al Tanf"}) {
    auto refs = Resolve(s);
    EXPECT_EQ(std::count(refs.begin(), refs.end(), "dossier:al-tanf-garrison"),
              1)
        << s;
  }
  auto rukban = Resolve("Rukban camp");
  ASSERT_EQ(rukban.size(), 1u);
  EXPECT_EQ(rukban[0], "dossier:rukban-camp");
  auto sy = gaz_->Country("SY");
  ASSERT_TRUE(sy.has_value());
  EXPECT_EQ(gaz_->entry(*sy).ref, "iso3166-1:SY");
  auto syria = Resolve("Syria");
  EXPECT_EQ(std::count(syria.begin(), syria.end(), "iso3166-1:SY"), 1);
  std::vector<NameHit> hits;
  gaz_->LookupKey(NameKey("Syrian"), &hits);
  for (const auto& h : hits) EXPECT_NE(gaz_->entry(h.entry).feature, "country");
  EXPECT_EQ(gaz_->CountryOfDemonym("syrian"), "SY");
  EXPECT_EQ(gaz_->CountryOfDemonym("american"), "US");
  EXPECT_TRUE(gaz_->IsCommonWord("ash"));
  EXPECT_TRUE(gaz_->IsCommonWord("hope"));
  EXPECT_FALSE(gaz_->IsCommonWord("homs"));
  EXPECT_FALSE(
      gaz_->IsCommonWord("aleppo"));  // WordNet has it, capitalised only
  auto dz = gaz_->Admin1("SY", "07");
  ASSERT_TRUE(dz.has_value());
  EXPECT_EQ(gaz_->entry(*dz).name, "Deir ez-Zor");
}

}  // namespace
}  // namespace dossier
