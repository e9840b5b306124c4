// Builds the gazetteer file that Gazetteer::Open maps. Used by the build
// step (tools/gazetteer_build_main.cc reads the npm/Debian packages and
// data/places.tsv) and by tests, which feed a few team-written rows.
#ifndef DOSSIER_LEXICON_GAZETTEER_BUILDER_H_
#define DOSSIER_LEXICON_GAZETTEER_BUILDER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/lexicon.h"
#include "dossier/status.h"

namespace dossier {

struct CountryRecord {
  std::string iso2, iso3;                 // "SY", "SYR"
  std::string name;                       // "Syria"
  std::vector<std::string> alt_names;     // "Syrian Arab Republic", translations, ...
  std::vector<std::string> demonyms;      // "Syrian" (not indexed as place names)
  // Names in other languages ("Syrien", "سوريا"): indexed in the gazetteer
  // like alt_names but left out of countries.tsv, which lists English names
  // (so builders put English names in alt_names, others here).
  std::vector<std::string> translations;
  std::vector<std::string> capitals;      // "Damascus"; "Washington D.C." (for countries.tsv)
  double lat = 0, lon = 0;                // a representative point
  uint64_t population = 0;                // 0 if unknown
};

// What Write built, for the build log.
struct GazetteerStats {
  size_t entries = 0, cities = 0, countries = 0, admin1 = 0, admin2 = 0, curated = 0;
  size_t admin1_at_country_point = 0;  // admin1 without towns: placed at the country's point
  size_t subdivisions_joined = 0;      // ISO 3166-2 names added to a GeoNames admin unit
  size_t subdivisions_own = 0;         // ... that became an entry of their own
  size_t subdivisions_dropped = 0;     // ... with nothing to place them by
  size_t dropped = 0;                  // admin units without any point
  size_t same_as_joined = 0;           // curated rows that added spellings to an entry
  size_t same_as_missing = 0;          // ... whose same_as entry does not exist
  size_t spellings = 0;                // indexed (entry, spelling) pairs before dedupe
  size_t postings = 0;                 // postings after dedupe (all tables)
  size_t keys = 0;                     // slots of the NameKey table
  size_t common_words = 0;
  size_t max_tokens = 0;
  size_t file_bytes = 0;
};

class GazetteerBuilder {
 public:
  GazetteerBuilder();
  ~GazetteerBuilder();

  // One line of GeoNames cities500.txt (19 tab-separated columns: id, name,
  // asciiname, alternatenames (comma-separated), lat, lon, feature class,
  // feature code, country, cc2, admin1, admin2, admin3, admin4, population,
  // elevation, dem, timezone, modified). InvalidInput names the problem.
  Status AddGeoNamesRow(std::string_view line);
  // GeoNames admin names: code "SY.07" -> "Deir ez-Zor"; "SY.07.1234" for admin2.
  void AddAdmin1Name(std::string_view code, std::string_view name);
  void AddAdmin2Name(std::string_view code, std::string_view name);
  void AddCountry(const CountryRecord& country);
  // An ISO 3166-2 subdivision: code "SY-DY", name "Dayr az Zawr", type "Province".
  void AddSubdivision(std::string_view code, std::string_view name, std::string_view type);
  // The curated supplement (table "places", data/places.tsv; columns in its
  // header). Required columns: id, name, feature, lat, lon; optional:
  // aliases, feature_code, precision, country, admin1, population, same_as.
  // A row with same_as ("geonames:172837") only adds its name and aliases as
  // spellings of that entry (counted in stats() when the entry is missing).
  Status AddCuratedPlaces(const Table& places);
  // A common lower-case English word (Gazetteer::IsCommonWord). Stored
  // folded (FoldName); words that fold to several tokens are ignored.
  void AddCommonWord(std::string_view word);
  // Curated country names and demonyms the packages lack (table
  // "country_aliases", data/country_aliases.tsv: alias, code, kind
  // name|demonym). Applied at Write / WriteCountriesTsv to the countries
  // added; a code no country has is an error at Write. Curated demonyms win
  // where two countries share one.
  Status AddCountryAliases(const Table& aliases);

  // Resolves admin links (admin1 entries get coordinates from their seat or
  // their towns, ISO 3166-2 names join their GeoNames admin1), builds the
  // indexes and writes the file atomically (temp + rename).
  Status Write(const std::string& path);

  // Writes the runtime table "countries" (columns code, iso3, name, aliases,
  // demonyms, lat, lon; English names only; curated aliases folded in) with a
  // header comment naming `sources`. Atomic like Write.
  Status WriteCountriesTsv(const std::string& path, std::string_view sources) const;

  // Counts from the last Write.
  const GazetteerStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier

#endif  // DOSSIER_LEXICON_GAZETTEER_BUILDER_H_
