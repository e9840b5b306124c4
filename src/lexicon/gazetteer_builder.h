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
  double lat = 0, lon = 0;                // a representative point
  uint64_t population = 0;                // 0 if unknown
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
  // The curated supplement (table "places", data/places.tsv; columns in its header).
  Status AddCuratedPlaces(const Table& places);
  // A common lower-case English word (Gazetteer::IsCommonWord).
  void AddCommonWord(std::string_view word);

  // Resolves admin links (admin1 entries get coordinates from their seat or
  // their towns, ISO 3166-2 names join their GeoNames admin1), builds the
  // indexes and writes the file atomically (temp + rename).
  Status Write(const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier

#endif  // DOSSIER_LEXICON_GAZETTEER_BUILDER_H_
