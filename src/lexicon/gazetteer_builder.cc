#include "lexicon/gazetteer_builder.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/gazetteer_format.h"
#include "lexicon/name_key.h"

namespace dossier {
namespace {

namespace fs = std::filesystem;

// Spellings longer than this many tokens are sentences or descriptions, not
// names a text would use.
constexpr int kMaxSpellingTokens = 8;

struct Entry {
  std::string name, ref, country, admin1_code, admin1, admin2_code, feature,
      feature_code, precision;
  double lat = 0, lon = 0;
  uint64_t population = 0;
  std::vector<std::string> preferred;  // name, ASCII name
  std::vector<std::string> alternates;
  // Alternates to filter as GeoNames alternates (codes and URLs dropped);
  // curated aliases are trusted as written.
  bool filter_alternates = false;
  std::vector<std::string> demonyms;  // countries only
  // Curated rows only: the ref of an entry this row adds spellings to.
  std::string same_as;
};

std::vector<std::string_view> SplitChar(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool ParseDouble(std::string_view s, double* out) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(*out);
}

bool ParseUint(std::string_view s, uint64_t* out) {
  s = Trim(s);
  if (s.empty()) {
    *out = 0;
    return true;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Contract feature and precision of a GeoNames feature class/code.
void GeoNamesFeature(std::string_view cls, std::string_view code, Entry* e) {
  if (cls == "P") {
    e->feature = "city";
    e->precision = "point";
  } else if (cls == "A" && code.starts_with("PCL")) {
    e->feature = "country";
    e->precision = "country";
  } else if (cls == "A" && code == "ADM1") {
    e->feature = "admin1";
    e->precision = "admin1";
  } else if (cls == "A" && code == "ADM2") {
    e->feature = "admin2";
    e->precision = "admin2";
  } else if (cls == "H") {
    e->feature = "water";
    e->precision = "region";
  } else if (cls == "T") {
    e->feature = "landform";
    e->precision = "point";
  } else if (cls == "S") {
    e->feature = "site";
    e->precision = "point";
  } else {
    e->feature = "region";
    e->precision = "region";
  }
}

// Default precision of a contract feature (curated rows may say otherwise).
std::string PrecisionOfFeature(std::string_view feature) {
  if (feature == "country" || feature == "admin1" || feature == "admin2" ||
      feature == "region")
    return std::string(feature);
  if (feature == "water") return "region";
  return "point";
}

bool AllUpperAscii(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

// GeoNames alternates include airport codes ("DEZ", "OSDZ"), postal codes
// and links; none is a name a text uses for the place.
bool IsCodeOrLink(std::string_view s) {
  if (s.find("://") != std::string_view::npos || s.starts_with("www."))
    return true;
  if (AllUpperAscii(s) && s.size() <= 4) return true;
  bool letter = false;
  for (unsigned char c : s)
    if (c >= 0x80 || std::isalpha(c)) letter = true;
  return !letter;
}

int TokenCount(std::string_view key) {
  if (key.empty()) return 0;
  return 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
}

// Table columns by name, with a clear message for a missing required one.
struct Columns {
  const Table& t;
  std::string missing;
  int Get(std::string_view name, bool required) {
    int c = t.Column(name);
    if (c < 0 && required && missing.empty()) missing = std::string(name);
    return c;
  }
  std::string_view At(const std::vector<std::string>& row, int c) const {
    return c < 0 || c >= static_cast<int>(row.size()) ? std::string_view()
                                                      : row[c];
  }
};

}  // namespace

struct GazetteerBuilder::Impl {
  std::vector<Entry> cities;  // GeoNames rows
  std::map<std::string, std::string> admin1_names,
      admin2_names;  // "SY.07" -> name
  std::vector<CountryRecord> countries;
  struct Subdivision {
    std::string code, name, type;
  };
  std::vector<Subdivision> subdivisions;
  std::vector<Entry> curated;
  std::unordered_set<std::string> common_words;
  struct CountryAlias {
    std::string alias, code, kind;
  };
  std::vector<CountryAlias> country_aliases;
  GazetteerStats stats;
};

GazetteerBuilder::GazetteerBuilder() : impl_(std::make_unique<Impl>()) {}
GazetteerBuilder::~GazetteerBuilder() = default;

Status GazetteerBuilder::AddGeoNamesRow(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  auto f = SplitChar(line, '\t');
  if (f.size() < 15) {
    return InvalidInput(
        "GeoNames row has " + std::to_string(f.size()) +
        " columns, expected 19: " + std::string(line.substr(0, 60)));
  }
  Entry e;
  if (f[0].empty() || !std::all_of(f[0].begin(), f[0].end(),
                                   [](char c) { return c >= '0' && c <= '9'; }))
    return InvalidInput("GeoNames row: bad id '" + std::string(f[0]) + "'");
  e.ref = "geonames:" + std::string(f[0]);
  e.name = std::string(Trim(f[1]));
  if (e.name.empty())
    return InvalidInput("GeoNames row " + std::string(f[0]) + ": empty name");
  if (!ParseDouble(f[4], &e.lat) || !ParseDouble(f[5], &e.lon) ||
      std::abs(e.lat) > 90 || std::abs(e.lon) > 180) {
    return InvalidInput("GeoNames row " + std::string(f[0]) +
                        ": bad coordinates '" + std::string(f[4]) + "', '" +
                        std::string(f[5]) + "'");
  }
  if (!ParseUint(f[14], &e.population))
    return InvalidInput("GeoNames row " + std::string(f[0]) +
                        ": bad population '" + std::string(f[14]) + "'");
  GeoNamesFeature(f[6], f[7], &e);
  e.feature_code = std::string(f[7]);
  e.country = std::string(f[8]);
  e.admin1_code = std::string(f[10]);
  e.admin2_code = std::string(f[11]);
  e.preferred.push_back(e.name);
  std::string_view ascii = Trim(f[2]);
  if (!ascii.empty() && ascii != e.name) e.preferred.emplace_back(ascii);
  // Alternates are comma-separated; a few hold several names run together
  // with double spaces ("Ter Zor  Der Zor  Ter Zor").
  for (std::string_view alt : SplitChar(f[3], ',')) {
    size_t start = 0;
    while (start <= alt.size()) {
      size_t p = alt.find("  ", start);
      std::string_view part = Trim(alt.substr(
          start, p == std::string_view::npos ? alt.npos : p - start));
      if (!part.empty()) e.alternates.emplace_back(part);
      if (p == std::string_view::npos) break;
      start = p + 2;
    }
  }
  e.filter_alternates = true;
  impl_->cities.push_back(std::move(e));
  return Status::Ok();
}

void GazetteerBuilder::AddAdmin1Name(std::string_view code,
                                     std::string_view name) {
  if (!Trim(name).empty())
    impl_->admin1_names[std::string(code)] = std::string(Trim(name));
}

void GazetteerBuilder::AddAdmin2Name(std::string_view code,
                                     std::string_view name) {
  if (!Trim(name).empty())
    impl_->admin2_names[std::string(code)] = std::string(Trim(name));
}

void GazetteerBuilder::AddCountry(const CountryRecord& country) {
  impl_->countries.push_back(country);
}

void GazetteerBuilder::AddSubdivision(std::string_view code,
                                      std::string_view name,
                                      std::string_view type) {
  impl_->subdivisions.push_back(
      {std::string(code), std::string(name), std::string(type)});
}

Status GazetteerBuilder::AddCuratedPlaces(const Table& places) {
  Columns c{places, {}};
  int id = c.Get("id", true), name = c.Get("name", true),
      aliases = c.Get("aliases", false), feature = c.Get("feature", true),
      code = c.Get("feature_code", false),
      precision = c.Get("precision", false), country = c.Get("country", false),
      admin1 = c.Get("admin1", false), lat = c.Get("lat", true),
      lon = c.Get("lon", true), population = c.Get("population", false),
      same_as = c.Get("same_as", false);
  if (!c.missing.empty())
    return InvalidInput("table " + places.name + ": no column '" + c.missing +
                        "'");
  for (const auto& row : places.rows) {
    Entry e;
    std::string_view row_id = c.At(row, id);
    e.ref = "dossier:" + std::string(row_id);
    e.name = std::string(Trim(c.At(row, name)));
    e.feature = std::string(c.At(row, feature));
    e.feature_code = std::string(c.At(row, code));
    e.precision = std::string(c.At(row, precision));
    if (e.precision.empty()) e.precision = PrecisionOfFeature(e.feature);
    e.country = std::string(c.At(row, country));
    e.admin1 = std::string(c.At(row, admin1));
    if (row_id.empty() || e.name.empty() || e.feature.empty())
      return InvalidInput("table " + places.name + ": row '" +
                          std::string(row_id) + "' needs id, name and feature");
    if (!ParseDouble(c.At(row, lat), &e.lat) ||
        !ParseDouble(c.At(row, lon), &e.lon) || std::abs(e.lat) > 90 ||
        std::abs(e.lon) > 180) {
      return InvalidInput("table " + places.name + ": row '" +
                          std::string(row_id) + "': bad coordinates '" +
                          std::string(c.At(row, lat)) + "', '" +
                          std::string(c.At(row, lon)) + "'");
    }
    if (!ParseUint(c.At(row, population), &e.population))
      return InvalidInput("table " + places.name + ": row '" +
                          std::string(row_id) + "': bad population");
    e.same_as = std::string(c.At(row, same_as));
    e.preferred.push_back(e.name);
    for (std::string_view a : SplitChar(c.At(row, aliases), '|'))
      if (!Trim(a).empty()) e.alternates.emplace_back(Trim(a));
    impl_->curated.push_back(std::move(e));
  }
  return Status::Ok();
}

void GazetteerBuilder::AddCommonWord(std::string_view word) {
  std::string folded = FoldName(word);
  if (!folded.empty() && folded.find(' ') == std::string::npos)
    impl_->common_words.insert(std::move(folded));
}

Status GazetteerBuilder::AddCountryAliases(const Table& aliases) {
  Columns c{aliases, {}};
  int alias = c.Get("alias", true), code = c.Get("code", true),
      kind = c.Get("kind", true);
  if (!c.missing.empty())
    return InvalidInput("table " + aliases.name + ": no column '" + c.missing +
                        "'");
  for (const auto& row : aliases.rows) {
    std::string k(c.At(row, kind));
    if (k != "name" && k != "demonym")
      return InvalidInput("table " + aliases.name + ": row '" + row[0] +
                          "': kind must be name or demonym, not '" + k + "'");
    impl_->country_aliases.push_back(
        {std::string(Trim(c.At(row, alias))), std::string(c.At(row, code)), k});
  }
  return Status::Ok();
}

const GazetteerStats& GazetteerBuilder::stats() const { return impl_->stats; }

namespace {

// Appends `s` to `v` unless an equal string is there.
void AddUnique(std::vector<std::string>* v, std::string_view s) {
  if (s.empty()) return;
  for (const auto& x : *v)
    if (x == s) return;
  v->emplace_back(s);
}

// Where an admin unit sits: its seat if GeoNames marks one (the most
// populous), else the population-weighted mean of its towns.
struct Placer {
  double seat_lat = 0, seat_lon = 0;
  uint64_t seat_pop = 0;
  bool has_seat = false;
  double sum_w = 0, sum_lat = 0, sum_lon = 0;
  uint64_t population = 0;
  void AddTown(const Entry& e, bool is_seat) {
    double w = static_cast<double>(e.population) + 1.0;
    sum_w += w;
    sum_lat += w * e.lat;
    sum_lon += w * e.lon;
    population += e.population;
    if (is_seat && (!has_seat || e.population > seat_pop)) {
      has_seat = true;
      seat_lat = e.lat;
      seat_lon = e.lon;
      seat_pop = e.population;
    }
  }
  bool empty() const { return sum_w == 0; }
  double lat() const { return has_seat ? seat_lat : sum_lat / sum_w; }
  double lon() const { return has_seat ? seat_lon : sum_lon / sum_w; }
};

class Writer {
 public:
  uint32_t Str(std::string_view s) {
    if (s.size() > UINT16_MAX) s = s.substr(0, UINT16_MAX);
    auto it = pool_index_.find(std::string(s));
    if (it != pool_index_.end()) return it->second;
    uint32_t off = static_cast<uint32_t>(pool_.size());
    uint16_t len = static_cast<uint16_t>(s.size());
    pool_.append(reinterpret_cast<const char*>(&len), 2);
    pool_.append(s);
    pool_index_.emplace(std::string(s), off);
    return off;
  }
  std::string& pool() { return pool_; }

 private:
  std::string pool_;
  std::unordered_map<std::string, uint32_t> pool_index_;
};

struct RawPosting {
  uint64_t hash;
  uint32_t entry;  // with kPreferredBit
  uint32_t spelling;
};

// Sorts, dedupes (one posting per key and entry, preferred spellings and
// then earlier spellings first) and lays out one hash table and its
// postings.
void BuildTable(std::vector<RawPosting>* raw, bool with_postings,
                std::vector<gazfmt::Posting>* postings,
                std::vector<gazfmt::Slot>* slots) {
  std::sort(raw->begin(), raw->end(),
            [](const RawPosting& a, const RawPosting& b) {
              if (a.hash != b.hash) return a.hash < b.hash;
              uint32_t ea = a.entry & ~gazfmt::kPreferredBit,
                       eb = b.entry & ~gazfmt::kPreferredBit;
              if (ea != eb) return ea < eb;
              bool pa = a.entry & gazfmt::kPreferredBit,
                   pb = b.entry & gazfmt::kPreferredBit;
              if (pa != pb) return pa;
              return a.spelling < b.spelling;
            });
  size_t keys = 0;
  for (size_t i = 0; i < raw->size(); ++i)
    if (i == 0 || (*raw)[i].hash != (*raw)[i - 1].hash) ++keys;
  size_t n = std::max<size_t>(4, keys + keys / 2 + 1);  // load factor <= 2/3
  slots->assign(n, gazfmt::Slot{0, 0, 0});
  size_t i = 0;
  while (i < raw->size()) {
    uint64_t h = (*raw)[i].hash;
    uint32_t start = static_cast<uint32_t>(postings->size());
    uint32_t count = 0;
    uint32_t last_entry = UINT32_MAX;
    for (; i < raw->size() && (*raw)[i].hash == h; ++i) {
      uint32_t e = (*raw)[i].entry & ~gazfmt::kPreferredBit;
      if (e == last_entry) continue;
      last_entry = e;
      if (with_postings) {
        postings->push_back({(*raw)[i].entry, (*raw)[i].spelling});
        ++count;
      }
    }
    uint64_t s = gazfmt::SlotFor(h, n);
    while ((*slots)[s].hash != 0) s = (s + 1 == n) ? 0 : s + 1;
    (*slots)[s] = gazfmt::Slot{h, with_postings ? start : 0, count};
  }
}

void AlignTo(std::string* out, size_t align) {
  while (out->size() % align != 0) out->push_back('\0');
}

template <typename T>
gazfmt::Section AppendArray(std::string* out, const std::vector<T>& v) {
  AlignTo(out, 8);
  gazfmt::Section s{out->size(), v.size() * sizeof(T)};
  if (!v.empty()) out->append(reinterpret_cast<const char*>(v.data()), s.size);
  return s;
}

std::string TsvField(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r' || c == '|') c = ' ';
  return out;
}

// "Arauca Department", "Voronezh Oblast", "Maidan Wardak Province": GeoNames
// names many provinces with their division word, which text leaves out ("the
// province of Arauca"). The name without it is an alternate spelling, unless
// what is left is one common word ("Southern Governorate", "Rivers State")
// or ends in "Regional".
std::string DivisionStem(std::string_view name,
                         const std::unordered_set<std::string>& common_words) {
  static constexpr std::string_view kWords[] = {
      " Province", " Department", " Oblast", " Governorate", " Region", " State",
      " County", " District", " Municipality", " Prefecture", " Krai", " Division"};
  for (std::string_view w : kWords) {
    if (name.size() <= w.size() + 2 || name.substr(name.size() - w.size()) != w) continue;
    std::string_view stem = name.substr(0, name.size() - w.size());
    if (stem.ends_with(" Regional")) return {};
    std::string folded = FoldName(stem);
    if (folded.find(' ') == std::string::npos && common_words.count(folded)) return {};
    return std::string(stem);
  }
  return {};
}

}  // namespace

Status GazetteerBuilder::Write(const std::string& path) {
  static_assert(std::endian::native == std::endian::little,
                "the gazetteer file is little-endian");
  Impl& im = *impl_;
  im.stats = GazetteerStats{};
  std::vector<Entry> entries;
  entries.reserve(im.cities.size() + im.countries.size() +
                  im.admin1_names.size() + im.admin2_names.size() +
                  im.curated.size());

  // Admin names of towns, and where each admin unit sits.
  std::map<std::string, Placer> admin1_place, admin2_place, country_place;
  for (Entry& e : im.cities) {
    std::string a1 = e.country + "." + e.admin1_code;
    if (auto it = im.admin1_names.find(a1); it != im.admin1_names.end())
      e.admin1 = it->second;
    if (e.feature != "city") continue;
    admin1_place[a1].AddTown(
        e, e.feature_code == "PPLA" || e.feature_code == "PPLC");
    admin2_place[a1 + "." + e.admin2_code].AddTown(e,
                                                   e.feature_code == "PPLA2");
    country_place[e.country].AddTown(e, e.feature_code == "PPLC");
  }
  for (Entry& e : im.cities) entries.push_back(std::move(e));
  im.cities.clear();
  im.cities.shrink_to_fit();
  im.stats.cities = entries.size();

  // Countries, with the curated aliases folded in.
  std::map<std::string, size_t> country_entry;  // iso2 -> entry index
  std::vector<CountryRecord> countries = im.countries;
  std::sort(countries.begin(), countries.end(),
            [](const CountryRecord& a, const CountryRecord& b) {
              return a.iso2 < b.iso2;
            });
  std::vector<std::pair<std::string, std::string>>
      curated_demonyms;  // alias, iso2
  for (const auto& a : im.country_aliases) {
    auto it =
        std::find_if(countries.begin(), countries.end(),
                     [&](const CountryRecord& c) { return c.iso2 == a.code; });
    if (it == countries.end()) {
      return InvalidInput("country_aliases: '" + a.alias + "' names country '" +
                          a.code + "', which the country list does not have");
    }
    if (a.kind == "name") {
      AddUnique(&it->alt_names, a.alias);
    } else {
      curated_demonyms.emplace_back(a.alias, a.code);
      AddUnique(&it->demonyms, a.alias);
    }
  }
  for (const CountryRecord& c : countries) {
    if (c.iso2.size() != 2)
      return InvalidInput("country '" + c.name + "': bad ISO code '" + c.iso2 +
                          "'");
    Entry e;
    e.name = c.name;
    e.ref = "iso3166-1:" + c.iso2;
    e.country = c.iso2;
    e.feature = "country";
    e.feature_code = "PCLI";
    e.precision = "country";
    e.lat = c.lat;
    e.lon = c.lon;
    e.population = c.population;
    if (e.population == 0) e.population = country_place[c.iso2].population;
    // Demonyms are never place names, even where a package lists one among
    // the alternate spellings.
    std::unordered_set<std::string> demonym_keys;
    for (const auto& d : c.demonyms) demonym_keys.insert(NameKey(d));
    e.preferred.push_back(c.name);
    for (const auto& a : c.alt_names)
      if (!demonym_keys.count(NameKey(a))) e.alternates.push_back(a);
    for (const auto& a : c.translations)
      if (!demonym_keys.count(NameKey(a))) e.alternates.push_back(a);
    e.demonyms = c.demonyms;
    country_entry[c.iso2] = entries.size();
    entries.push_back(std::move(e));
    ++im.stats.countries;
  }

  // Admin1 units.
  std::map<std::string, size_t> admin1_entry;  // "SY.07" -> entry index
  std::map<std::string, std::vector<std::string>>
      admin1_of_country;  // iso2 -> codes
  for (const auto& [code, name] : im.admin1_names) {
    size_t dot = code.find('.');
    if (dot == std::string::npos) continue;
    Entry e;
    e.name = name;
    e.ref = "geonames-admin1:" + code;
    e.country = code.substr(0, dot);
    e.admin1_code = code.substr(dot + 1);
    e.admin1 = name;
    e.feature = "admin1";
    e.feature_code = "ADM1";
    e.precision = "admin1";
    auto pl = admin1_place.find(code);
    if (pl != admin1_place.end() && !pl->second.empty()) {
      e.lat = pl->second.lat();
      e.lon = pl->second.lon();
      e.population = pl->second.population;
    } else if (auto ce = country_entry.find(e.country);
               ce != country_entry.end()) {
      // No town of 500+ people: the country's point is the best we know.
      e.lat = entries[ce->second].lat;
      e.lon = entries[ce->second].lon;
      ++im.stats.admin1_at_country_point;
    } else {
      ++im.stats.dropped;
      continue;
    }
    e.preferred.push_back(name);
    // Not for a province that is its seat city ("Damascus Governorate"):
    // the city has the name.
    const bool city_province = pl != admin1_place.end() && pl->second.has_seat &&
                               pl->second.seat_pop * 10 >= pl->second.population * 9;
    if (std::string stem = DivisionStem(name, im.common_words); !stem.empty() && !city_province)
      e.alternates.push_back(std::move(stem));
    admin1_entry[code] = entries.size();
    admin1_of_country[e.country].push_back(code);
    entries.push_back(std::move(e));
    ++im.stats.admin1;
  }

  // Admin2 units: only those with towns (their point is then meaningful).
  std::map<std::string, std::vector<size_t>> admin2_of_country;
  for (const auto& [code, name] : im.admin2_names) {
    auto pl = admin2_place.find(code);
    if (pl == admin2_place.end() || pl->second.empty()) {
      ++im.stats.dropped;
      continue;
    }
    size_t dot1 = code.find('.');
    size_t dot2 = code.find('.', dot1 + 1);
    if (dot1 == std::string::npos || dot2 == std::string::npos) continue;
    Entry e;
    e.name = name;
    e.ref = "geonames-admin2:" + code;
    e.country = code.substr(0, dot1);
    e.admin1_code = code.substr(dot1 + 1, dot2 - dot1 - 1);
    if (auto a1 = im.admin1_names.find(code.substr(0, dot2));
        a1 != im.admin1_names.end())
      e.admin1 = a1->second;
    e.feature = "admin2";
    e.feature_code = "ADM2";
    e.precision = "admin2";
    e.lat = pl->second.lat();
    e.lon = pl->second.lon();
    e.population = pl->second.population;
    e.preferred.push_back(name);
    admin2_of_country[e.country].push_back(entries.size());
    entries.push_back(std::move(e));
    ++im.stats.admin2;
  }

  // ISO 3166-2 names: an alternate spelling of the admin unit whose name has
  // the same key or skeleton; otherwise an admin1 entry of its own, placed at
  // the most populous town of the same name in the country; otherwise
  // dropped (a point at the country's centre would mislead the map).
  std::unordered_map<std::string, std::vector<size_t>>
      city_by_key;  // "SY|key" -> entries
  if (!im.subdivisions.empty()) {
    for (size_t i = 0; i < im.stats.cities; ++i)
      city_by_key[entries[i].country + "|" + NameKey(entries[i].name)]
          .push_back(i);
  }
  for (const auto& sd : im.subdivisions) {
    size_t dash = sd.code.find('-');
    if (dash != 2) continue;
    std::string iso2 = sd.code.substr(0, 2);
    std::string key = NameKey(sd.name), skel = SkeletonKey(sd.name);
    auto matches = [&](const std::string& name) {
      return NameKey(name) == key ||
             (!skel.empty() && SkeletonKey(name) == skel);
    };
    bool joined = false;
    for (const auto& code : admin1_of_country[iso2]) {
      Entry& a = entries[admin1_entry[code]];
      // (An admin1's only alternate so far is its DivisionStem.)
      if (matches(a.name) || (!a.alternates.empty() && matches(a.alternates[0]))) {
        AddUnique(&a.alternates, sd.name);
        joined = true;
        break;
      }
    }
    if (!joined) {
      for (size_t idx : admin2_of_country[iso2]) {
        if (matches(entries[idx].name)) {
          AddUnique(&entries[idx].alternates, sd.name);
          joined = true;
          break;
        }
      }
    }
    if (joined) {
      ++im.stats.subdivisions_joined;
      continue;
    }
    auto towns = city_by_key.find(iso2 + "|" + key);
    if (towns == city_by_key.end()) {
      ++im.stats.subdivisions_dropped;
      continue;
    }
    size_t best = towns->second[0];
    for (size_t t : towns->second)
      if (entries[t].population > entries[best].population) best = t;
    Entry e;
    e.name = sd.name;
    e.ref = "iso3166-2:" + sd.code;
    e.country = iso2;
    e.admin1 = sd.name;
    e.feature = "admin1";
    e.feature_code = "ADM1";
    e.precision = "admin1";
    e.lat = entries[best].lat;
    e.lon = entries[best].lon;
    e.preferred.push_back(sd.name);
    entries.push_back(std::move(e));
    ++im.stats.subdivisions_own;
  }

  // Curated places: rows with same_as add spellings to that entry; the
  // others are entries whose admin1 is written as a name (find its code).
  std::unordered_map<std::string, size_t> by_ref;
  for (const Entry& e : im.curated) {
    if (e.same_as.empty()) continue;
    if (by_ref.empty())
      for (size_t i = 0; i < entries.size(); ++i)
        by_ref.emplace(entries[i].ref, i);
    auto it = by_ref.find(e.same_as);
    if (it == by_ref.end()) {
      ++im.stats.same_as_missing;
      continue;
    }
    Entry& target = entries[it->second];
    AddUnique(&target.alternates, e.name);
    for (const auto& a : e.alternates) AddUnique(&target.alternates, a);
    ++im.stats.same_as_joined;
  }
  for (Entry& e : im.curated) {
    if (!e.same_as.empty()) continue;
    if (!e.admin1.empty() && !e.country.empty()) {
      std::string key = NameKey(e.admin1), skel = SkeletonKey(e.admin1);
      for (const auto& code : admin1_of_country[e.country]) {
        const Entry& a = entries[admin1_entry[code]];
        bool hit = NameKey(a.name) == key ||
                   (!skel.empty() && SkeletonKey(a.name) == skel);
        for (size_t i = 0; !hit && i < a.alternates.size(); ++i)
          hit = NameKey(a.alternates[i]) == key;
        if (hit) {
          e.admin1_code = a.admin1_code;
          break;
        }
      }
    }
    entries.push_back(std::move(e));
    ++im.stats.curated;
  }
  im.stats.entries = entries.size();

  // Records, pool and key postings.
  Writer w;
  std::vector<gazfmt::EntryRecord> records;
  records.reserve(entries.size());
  std::vector<RawPosting> raw[gazfmt::kTableCount];
  uint32_t max_tokens = 1;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    gazfmt::EntryRecord r{};
    r.name = w.Str(e.name);
    r.ref = w.Str(e.ref);
    r.country = w.Str(e.country);
    r.admin1_code = w.Str(e.admin1_code);
    r.admin1 = w.Str(e.admin1);
    r.feature = w.Str(e.feature);
    r.feature_code = w.Str(e.feature_code);
    r.precision = w.Str(e.precision);
    r.lat = e.lat;
    r.lon = e.lon;
    r.population = e.population;
    records.push_back(r);
    uint32_t idx = static_cast<uint32_t>(i);
    auto index = [&](const std::string& s, bool preferred) {
      std::string key = NameKey(s);
      int tokens = TokenCount(key);
      if (tokens == 0 || tokens > kMaxSpellingTokens) return;
      uint32_t off = w.Str(s);
      uint32_t ent = idx | (preferred ? gazfmt::kPreferredBit : 0);
      raw[gazfmt::kNameKeyTable].push_back({gazfmt::KeyHash(key), ent, off});
      ++im.stats.spellings;
      max_tokens = std::max<uint32_t>(max_tokens, tokens);
      std::string skel = SkeletonKey(s);
      if (!skel.empty())
        raw[gazfmt::kSkeletonTable].push_back(
            {gazfmt::KeyHash(skel), ent, off});
    };
    for (const auto& s : e.preferred) index(s, true);
    for (const auto& s : e.alternates) {
      if (e.filter_alternates && IsCodeOrLink(s)) continue;
      index(s, false);
    }
    if (e.feature == "country" && e.ref.starts_with("iso3166-1:"))
      raw[gazfmt::kCodeTable].push_back(
          {gazfmt::KeyHash("C:" + e.country), idx, r.name});
    if (e.feature == "admin1" && e.ref.starts_with("geonames-admin1:")) {
      raw[gazfmt::kCodeTable].push_back(
          {gazfmt::KeyHash("A1:" + e.country + "." + e.admin1_code), idx,
           r.name});
    }
  }
  // Demonyms: the curated ones first, so that they win where two countries
  // share a demonym ("Dominican").
  {
    uint32_t order = 0;
    std::vector<std::pair<uint32_t, RawPosting>> dem;  // (order, posting)
    for (const auto& [alias, iso2] : curated_demonyms) {
      auto ce = country_entry.find(iso2);
      dem.push_back({order++,
                     {gazfmt::KeyHash(NameKey(alias)),
                      static_cast<uint32_t>(ce->second), w.Str(alias)}});
    }
    for (const auto& [iso2, idx] : country_entry) {
      for (const auto& d : entries[idx].demonyms) {
        if (NameKey(d).empty()) continue;
        dem.push_back({order++,
                       {gazfmt::KeyHash(NameKey(d)), static_cast<uint32_t>(idx),
                        w.Str(d)}});
      }
    }
    // Keep only the first country per demonym.
    std::stable_sort(dem.begin(), dem.end(), [](const auto& a, const auto& b) {
      return a.second.hash < b.second.hash;
    });
    for (size_t i = 0; i < dem.size(); ++i)
      if (i == 0 || dem[i].second.hash != dem[i - 1].second.hash)
        raw[gazfmt::kDemonymTable].push_back(dem[i].second);
  }
  for (const auto& word : im.common_words)
    raw[gazfmt::kCommonWordTable].push_back({gazfmt::KeyHash(word), 0, 0});
  im.stats.common_words = im.common_words.size();
  entries.clear();
  entries.shrink_to_fit();

  std::vector<gazfmt::Posting> postings;
  std::vector<gazfmt::Slot> slots[gazfmt::kTableCount];
  for (uint32_t t = 0; t < gazfmt::kTableCount; ++t) {
    BuildTable(&raw[t], t != gazfmt::kCommonWordTable, &postings, &slots[t]);
    raw[t].clear();
    raw[t].shrink_to_fit();
  }
  if (postings.size() > UINT32_MAX || w.pool().size() > UINT32_MAX)
    return TooLarge("gazetteer: more than 4 GiB of names");
  im.stats.keys = slots[gazfmt::kNameKeyTable].size();
  im.stats.postings = postings.size();

  // Lay out the file.
  std::string out(sizeof(gazfmt::Header), '\0');
  gazfmt::Header h{};
  std::memcpy(h.magic, gazfmt::kMagic, sizeof(h.magic));
  h.version = gazfmt::kFormatVersion;
  h.header_size = sizeof(gazfmt::Header);
  h.entry_count = static_cast<uint32_t>(records.size());
  h.max_tokens = max_tokens;
  h.posting_count = postings.size();
  h.entries = AppendArray(&out, records);
  h.pool = {out.size(), w.pool().size()};
  out.append(w.pool());
  h.postings = AppendArray(&out, postings);
  for (uint32_t t = 0; t < gazfmt::kTableCount; ++t)
    h.tables[t] = AppendArray(&out, slots[t]);
  h.file_size = out.size();
  h.content_hash = XXH3_64bits(out.data() + sizeof(h), out.size() - sizeof(h));
  std::memcpy(out.data(), &h, sizeof(h));
  im.stats.file_bytes = out.size();
  im.stats.max_tokens = max_tokens;

  // Atomically: a reader never maps a half-written file.
  std::error_code ec;
  fs::path target(path);
  if (target.has_parent_path())
    fs::create_directories(target.parent_path(), ec);
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return IoError("gazetteer: cannot write " + tmp);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    f.close();
    if (!f) return IoError("gazetteer: write failed: " + tmp);
  }
  fs::rename(tmp, target, ec);
  if (ec)
    return IoError("gazetteer: cannot rename " + tmp + " to " + path + ": " +
                   ec.message());
  return Status::Ok();
}

Status GazetteerBuilder::WriteCountriesTsv(const std::string& path,
                                           std::string_view sources) const {
  const Impl& im = *impl_;
  std::vector<CountryRecord> countries = im.countries;
  std::sort(countries.begin(), countries.end(),
            [](const CountryRecord& a, const CountryRecord& b) {
              return a.iso2 < b.iso2;
            });
  std::string out;
  out +=
      "# GENERATED by dossier_gazetteer_build at build time; do not edit "
      "(override rows\n";
  out += "# with a countries.tsv in --data DIR instead). Sources: ";
  out += sources;
  out += "\n# and data/country_aliases.tsv.\n";
  out +=
      "# code: ISO 3166-1 alpha-2; iso3: alpha-3; name: common English name;\n";
  out +=
      "# aliases: other English names, '|'-separated; demonyms: English "
      "demonyms,\n";
  out +=
      "# '|'-separated; lat, lon: a representative point (decimal degrees);\n";
  out += "# capital: the capital city or cities, '|'-separated.\n";
  out += "code\tiso3\tname\taliases\tdemonyms\tlat\tlon\tcapital\n";
  // A demonym that data/country_aliases.tsv gives to a country belongs to
  // it alone: the packages also list "American" for the Northern Mariana
  // Islands, and "American soldiers" are not theirs.
  std::unordered_map<std::string, std::string> demonym_owner;  // NameKey -> iso2
  for (const auto& a : im.country_aliases)
    if (a.kind == "demonym") demonym_owner.emplace(NameKey(a.alias), a.code);
  for (CountryRecord& c : countries) {
    for (const auto& a : im.country_aliases) {
      if (a.code != c.iso2) continue;
      AddUnique(a.kind == "name" ? &c.alt_names : &c.demonyms, a.alias);
    }
    std::vector<std::string> aliases, demonyms;
    // As in the gazetteer, a demonym is never also a name ("Saudi").
    std::unordered_set<std::string> demonym_keys;
    for (const auto& d : c.demonyms) demonym_keys.insert(NameKey(d));
    for (const auto& a : c.alt_names)
      if (a != c.name && !demonym_keys.count(NameKey(a)))
        AddUnique(&aliases, TsvField(a));
    for (const auto& d : c.demonyms) {
      auto owner = demonym_owner.find(NameKey(d));
      if (owner != demonym_owner.end() && owner->second != c.iso2) continue;
      AddUnique(&demonyms, TsvField(d));
    }
    std::vector<std::string> capitals;
    for (const auto& cap : c.capitals) AddUnique(&capitals, TsvField(cap));
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) {
        if (!s.empty()) s += '|';
        s += x;
      }
      return s;
    };
    char coords[64];
    std::snprintf(coords, sizeof(coords), "%.4f\t%.4f", c.lat, c.lon);
    out += TsvField(c.iso2) + "\t" + TsvField(c.iso3) + "\t" +
           TsvField(c.name) + "\t" + join(aliases) + "\t" + join(demonyms) +
           "\t" + coords + "\t" + join(capitals) + "\n";
  }
  std::error_code ec;
  fs::path target(path);
  if (target.has_parent_path())
    fs::create_directories(target.parent_path(), ec);
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return IoError("countries: cannot write " + tmp);
    f << out;
    f.close();
    if (!f) return IoError("countries: write failed: " + tmp);
  }
  fs::rename(tmp, target, ec);
  if (ec)
    return IoError("countries: cannot rename " + tmp + " to " + path + ": " +
                   ec.message());
  return Status::Ok();
}

}  // namespace dossier
