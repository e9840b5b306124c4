// The gazetteer: every place dossier can put on the map, compiled at build
// time (tools/gazetteer_build_main.cc) from GeoNames cities500 with all
// alternate names, GeoNames admin1/admin2 names, world-countries and
// i18n-iso-countries, ISO 3166-2 (Debian iso-codes) and the curated
// data/places.tsv supplement (bases, camps, crossings, landforms, rivers,
// regions), into one compact binary file that is memory-mapped at run time.
//
// Lookup is by the keys of src/lexicon/name_key.h: every spelling of an
// entry is indexed under its NameKey and, for Latin-script spellings, its
// SkeletonKey. Candidates come back unranked; ranking with the document's
// context is the places annotator's job (src/annotate/places).
#ifndef DOSSIER_LEXICON_GAZETTEER_H_
#define DOSSIER_LEXICON_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/lexicon.h"
#include "dossier/status.h"

namespace dossier {

// One gazetteer entry, as views into the mapped file (valid while the
// Gazetteer lives).
struct PlaceEntry {
  uint32_t index = 0;             // position in the gazetteer, 0..size()-1
  std::string_view name;          // preferred English name: "Deir ez-Zor"
  std::string_view ref;           // "geonames:170794", "iso3166-1:SY", "iso3166-2:SY-DY",
                                  // "geonames-admin1:SY.07", "dossier:al-tanf-garrison"
  double lat = 0, lon = 0;
  std::string_view country;       // ISO 3166-1 alpha-2 ("SY"), "" for none
  std::string_view admin1_code;   // GeoNames admin1 code within the country ("07"), or ""
  std::string_view admin1;        // its name ("Deir ez-Zor"), or ""
  // Contract feature: city|admin1|admin2|country|region|landform|water|site|camp|base
  std::string_view feature;
  std::string_view feature_code;  // GeoNames code ("PPLA", "PPLC", "PPL", "ADM1",
                                  // "PCLI") or the curated file's code ("MILB", "CMP")
  uint64_t population = 0;
  // Contract precision of a mention resolved to this entry:
  // point|admin2|admin1|country|region (a river or a desert is "region").
  std::string_view precision;
};

// How a spelling matched a lookup.
struct NameHit {
  uint32_t entry = 0;
  // The matched spelling of the entry (view into the file), e.g. "Deir El-Zour".
  std::string_view spelling;
  bool preferred = false;  // the spelling is the entry's name or ASCII name (not an alternate)
};

class Gazetteer {
 public:
  // Maps the file written by GazetteerBuilder::Write. Fails with a clear
  // message (path, what is wrong) on a missing, truncated or foreign file.
  static Result<std::shared_ptr<const Gazetteer>> Open(const std::string& path);

  // The default location: $DOSSIER_GAZETTEER if set, else the file the build
  // compiled (DOSSIER_GENERATED_DIR/gazetteer.bin).
  static std::string DefaultPath();

  ~Gazetteer();
  size_t size() const;
  PlaceEntry entry(uint32_t index) const;

  // Entries with a spelling whose NameKey equals `name_key` (a NameKey
  // output). Appends to *out; each entry at most once per call.
  void LookupKey(std::string_view name_key, std::vector<NameHit>* out) const;
  // Entries with a Latin-script spelling whose SkeletonKey equals `skeleton`.
  void LookupSkeleton(std::string_view skeleton, std::vector<NameHit>* out) const;

  // The country entry for an ISO 3166-1 alpha-2 code, or nullopt.
  std::optional<uint32_t> Country(std::string_view iso2) const;
  // The admin1 entry of a country by GeoNames admin1 code, or nullopt.
  std::optional<uint32_t> Admin1(std::string_view iso2, std::string_view admin1_code) const;

  // True if the folded word (FoldName output, one token) is a common
  // lower-case English word (from WordNet at build time): "ash", "bath",
  // "hope", "ham". Place names that are common words need more evidence.
  bool IsCommonWord(std::string_view folded_word) const;
  // True if `folded_word` (ASCII, lower case) is the regular plural of a
  // common word: "farms", "witnesses", "industries" (WordNet lists lemmas
  // only).
  bool IsCommonPlural(std::string_view folded_word) const;

  // The ISO 3166-1 alpha-2 code of the country whose demonym has NameKey
  // `demonym_key` ("syrian" -> "SY", "american" -> "US"), or nullopt.
  // Demonyms are not place names: LookupKey never returns them.
  std::optional<std::string> CountryOfDemonym(std::string_view demonym_key) const;

  // Longest spelling in tokens (after NameKey), to bound n-gram scans.
  int max_tokens() const;
  // Content hash of the file, reported in versions.gazetteer.
  const std::string& version() const;

 private:
  Gazetteer() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier

#endif  // DOSSIER_LEXICON_GAZETTEER_H_
