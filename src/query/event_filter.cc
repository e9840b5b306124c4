#include "query/event_filter.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

namespace dossier::query {
namespace {

bool ParseDouble(std::string_view v, double* out) {
  std::string s(v);
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(*out);
}

Status Bad(std::string_view name, std::string_view value, std::string_view expected) {
  std::string v(value.substr(0, 80));
  return InvalidInput("parameter '" + std::string(name) + "': '" + v + "' is not " +
                      std::string(expected));
}

constexpr double kEarthRadiusKm = 6371.0088;  // PostGIS's sphere for geography

// The great-circle distance in km (haversine) from a point to the event's
// place, in plain SQL functions both SQLite (3.35+, math functions) and
// PostgreSQL have; parameters in order: the point's latitude twice, then its
// longitude. The sine is capped at 1 (rounding may pass it, and PostgreSQL's
// asin refuses that) with the backend's two-argument minimum.
std::string HaversineSql(bool postgres) {
  return std::string("(2 * 6371.0088 * asin(") + (postgres ? "LEAST" : "min") +
         "(1, sqrt(power(sin(radians(v.place_lat - ?) / 2), 2) +"
         " cos(radians(?)) * cos(radians(v.place_lat)) *"
         " power(sin(radians(v.place_lon - ?) / 2), 2)))))";
}

// PostgreSQL: a condition the GiST index of events.place_geog answers,
// selecting at least every point of the box `b` (west, south, east, north).
// A geography polygon's edges are great circles, which bow poleward away
// from the parallels a box in degrees means; the polygon is therefore
// densified (an edge every half degree) and widened by 0.01 degree, which
// covers the bow, and the exact comparison in degrees follows it. A box
// reaching a pole or wider than 180 degrees is not indexed (it holds most
// of the map anyway).
void AddBoxIndexCondition(const std::array<double, 4>& b, RowSelection* s) {
  constexpr double kPad = 0.01;
  const double south = b[1] - kPad, north = b[3] + kPad;
  if (south < -89 || north > 89) return;
  // A box across the antimeridian (west > east) is two boxes.
  std::vector<std::pair<double, double>> spans;
  if (b[0] <= b[2]) {
    spans.emplace_back(b[0], b[2]);
  } else {
    spans.emplace_back(b[0], 180);
    spans.emplace_back(-180, b[2]);
  }
  for (const auto& [west, east] : spans) {
    if (east - west > 180) return;
  }
  std::string cond;
  for (const auto& [west, east] : spans) {
    if (!cond.empty()) cond += " OR ";
    cond += "ST_Intersects(v.place_geog, ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, 4326),"
            " 0.5)::geography)";
    s->params.emplace_back(std::max(west - kPad, -180.0));
    s->params.emplace_back(south);
    s->params.emplace_back(std::min(east + kPad, 180.0));
    s->params.emplace_back(north);
  }
  if (!s->where.empty()) s->where += " AND ";
  s->where += "(" + cond + ")";
}

}  // namespace

double GreatCircleKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180;
  const double a = std::pow(std::sin((lat2 - lat1) * kRad / 2), 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) *
                       std::pow(std::sin((lon2 - lon1) * kRad / 2), 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(a));
}

std::vector<std::string> SplitList(std::string_view v) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= v.size()) {
    size_t comma = v.find(',', start);
    if (comma == std::string_view::npos) comma = v.size();
    std::string item(v.substr(start, comma - start));
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.pop_back();
    size_t lead = 0;
    while (lead < item.size() && std::isspace(static_cast<unsigned char>(item[lead]))) ++lead;
    item.erase(0, lead);
    if (!item.empty()) out.push_back(std::move(item));
    start = comma + 1;
  }
  return out;
}

// A LIKE pattern matching `words` anywhere, case-insensitively for ASCII;
// the pattern escapes % and _ with a backslash.
std::string LikeContains(std::string_view words) {
  std::string p = "%";
  for (char c : words) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

std::string DayBoundSql(const std::string& column, bool last) {
  return "(CASE length(" + column + ") WHEN 4 THEN " + column +
         (last ? " || '-12-31'" : " || '-01-01'") + " WHEN 7 THEN " + column +
         (last ? " || '-31'" : " || '-01'") + " ELSE " + column + " END)";
}

const std::vector<std::string>& EventFilterParams() {
  static const std::vector<std::string> kNames = {
      "type", "mode", "actor", "target", "place", "country", "bbox", "near", "from", "to",
      "voice", "min_confidence", "document", "cluster", "outlet", "q", "repeats", "asserted"};
  return kNames;
}

bool UsesDocuments(const EventFilter& filter) {
  return !filter.outlet.empty() || !filter.q.empty();
}

const std::string* Param(const Params& params, std::string_view name) {
  auto it = params.find(std::string(name));
  return it == params.end() ? nullptr : &it->second;
}

Status CheckParams(const Params& params, const std::vector<std::string>& allowed) {
  for (const auto& [name, value] : params) {
    bool ok = false;
    for (const std::string& a : allowed) ok = ok || a == name;
    if (ok) continue;
    std::string list;
    for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return InvalidInput("unknown parameter '" + name.substr(0, 80) + "'" +
                        (list.empty() ? std::string(" (this endpoint takes none)")
                                      : " (known: " + list + ")"));
  }
  return Status::Ok();
}

Result<std::string> ParseDateParam(std::string_view name, std::string_view v, bool end) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= v.size() || !std::isdigit(static_cast<unsigned char>(v[i]))) return false;
    return true;
  };
  const bool year = v.size() == 4 && digits(0, 4);
  const bool month = v.size() == 7 && digits(0, 4) && v[4] == '-' && digits(5, 2);
  const bool day = v.size() == 10 && digits(0, 4) && v[4] == '-' && digits(5, 2) && v[7] == '-' &&
                   digits(8, 2);
  if (!year && !month && !day) return Bad(name, v, "a date (YYYY-MM-DD, YYYY-MM or YYYY)");
  if (month || day) {
    const int m = std::atoi(std::string(v.substr(5, 2)).c_str());
    if (m < 1 || m > 12) return Bad(name, v, "a date with a month from 01 to 12");
  }
  if (day) {
    const int d = std::atoi(std::string(v.substr(8, 2)).c_str());
    if (d < 1 || d > 31) return Bad(name, v, "a date with a day from 01 to 31");
  }
  std::string out(v);
  if (year) out += end ? "-12-31" : "-01-01";
  if (month) out += end ? "-31" : "-01";
  return out;
}

Result<EventFilter> ParseEventFilter(const Params& params) {
  EventFilter f;
  if (const std::string* v = Param(params, "type")) {
    for (std::string& t : SplitList(*v)) {
      for (char& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      f.types.push_back(std::move(t));
    }
  }
  if (const std::string* v = Param(params, "mode")) f.mode = *v;
  if (const std::string* v = Param(params, "actor")) f.actor = *v;
  if (const std::string* v = Param(params, "target")) f.target = *v;
  if (const std::string* v = Param(params, "place")) f.place = *v;
  if (const std::string* v = Param(params, "country")) {
    if (v->size() != 2 || !std::isalpha(static_cast<unsigned char>((*v)[0])) ||
        !std::isalpha(static_cast<unsigned char>((*v)[1]))) {
      return Bad("country", *v, "an ISO 3166-1 alpha-2 code (SY)");
    }
    f.country = {static_cast<char>(std::toupper(static_cast<unsigned char>((*v)[0]))),
                 static_cast<char>(std::toupper(static_cast<unsigned char>((*v)[1])))};
  }
  if (const std::string* v = Param(params, "bbox")) {
    std::vector<std::string> parts = SplitList(*v);
    std::array<double, 4> b{};
    bool ok = parts.size() == 4;
    for (size_t i = 0; ok && i < 4; ++i) ok = ParseDouble(parts[i], &b[i]);
    ok = ok && std::fabs(b[0]) <= 180 && std::fabs(b[2]) <= 180 && std::fabs(b[1]) <= 90 &&
         std::fabs(b[3]) <= 90 && b[1] <= b[3];
    if (!ok) return Bad("bbox", *v, "west,south,east,north in degrees");
    f.bbox = b;
  }
  if (const std::string* v = Param(params, "near")) {
    std::vector<std::string> parts = SplitList(*v);
    std::array<double, 3> n{};
    bool ok = parts.size() == 3;
    for (size_t i = 0; ok && i < 3; ++i) ok = ParseDouble(parts[i], &n[i]);
    ok = ok && std::fabs(n[0]) <= 90 && std::fabs(n[1]) <= 180 && n[2] > 0 && n[2] <= 20100;
    if (!ok) return Bad("near", *v, "lat,lon,km (a radius from 0 to 20100 km)");
    f.near = n;
  }
  if (const std::string* v = Param(params, "from")) {
    auto d = ParseDateParam("from", *v, false);
    if (!d.ok()) return d.status();
    f.from = *d;
  }
  if (const std::string* v = Param(params, "to")) {
    auto d = ParseDateParam("to", *v, true);
    if (!d.ok()) return d.status();
    f.to = *d;
  }
  if (const std::string* v = Param(params, "voice")) {
    for (std::string& k : SplitList(*v)) {
      if (k != "author" && k != "attributed" && k != "quoted" && k != "hedged")
        return Bad("voice", k, "author, attributed, quoted or hedged");
      f.voices.push_back(std::move(k));
    }
  }
  if (const std::string* v = Param(params, "min_confidence")) {
    double c = 0;
    if (!ParseDouble(*v, &c) || c < 0 || c > 1) return Bad("min_confidence", *v, "a number from 0 to 1");
    f.min_confidence = c;
  }
  if (const std::string* v = Param(params, "document")) f.document = *v;
  if (const std::string* v = Param(params, "cluster")) f.cluster = *v;
  if (const std::string* v = Param(params, "outlet")) f.outlet = *v;
  if (const std::string* v = Param(params, "q")) f.q = *v;
  for (const char* name : {"repeats", "asserted"}) {
    if (const std::string* v = Param(params, name)) {
      if (*v != "0" && *v != "1") return Bad(name, *v, "0 or 1");
      (std::string_view(name) == "repeats" ? f.repeats : f.asserted) = *v == "1";
    }
  }
  return f;
}

RowSelection ToSelection(const EventFilter& f, db::Backend backend) {
  const bool postgres = backend == db::Backend::kPostgres;
  RowSelection s;
  auto add = [&s](const std::string& clause) {
    if (!s.where.empty()) s.where += " AND ";
    s.where += clause;
  };
  // column IN (?, ...) for a non-empty list of values.
  auto add_in = [&](const char* column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    std::string in;
    for (const std::string& v : values) {
      in += in.empty() ? "?" : ", ?";
      s.params.emplace_back(v);
    }
    add(std::string(column) + " IN (" + in + ")");
  };
  add_in("v.plover", f.types);
  if (!f.mode.empty()) {
    add("v.mode = ?");
    s.params.emplace_back(f.mode);
  }
  auto role = [&](const std::string& value, const char* column) {
    if (value.empty()) return;
    if (value.find(':') != std::string::npos) {
      add(std::string("v.") + column + "_ref = ?");
      s.params.emplace_back(value);
    } else {
      add(std::string("v.") + column + "_text LIKE ? ESCAPE '\\'");
      s.params.emplace_back(LikeContains(value));
    }
  };
  role(f.actor, "actor");
  role(f.target, "target");
  role(f.place, "place");
  if (!f.country.empty()) {
    add("v.place_country = ?");
    s.params.emplace_back(f.country);
  }
  if (f.bbox) {
    const auto& b = *f.bbox;
    if (postgres) AddBoxIndexCondition(b, &s);
    // The box in degrees, exactly as the user wrote it, on both backends.
    add("v.place_lat BETWEEN ? AND ?");
    s.params.emplace_back(b[1]);
    s.params.emplace_back(b[3]);
    // A box across the antimeridian has west > east.
    add(b[0] <= b[2] ? "v.place_lon BETWEEN ? AND ?" : "(v.place_lon >= ? OR v.place_lon <= ?)");
    s.params.emplace_back(b[0]);
    s.params.emplace_back(b[2]);
  }
  if (f.near) {
    const auto& n = *f.near;
    if (postgres) {
      // The index finds the candidates within a slightly larger radius (the
      // two computations may round apart at the edge); the formula below,
      // the same on both backends, decides.
      add("ST_DWithin(v.place_geog, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?, false)");
      s.params.emplace_back(n[1]);
      s.params.emplace_back(n[0]);
      s.params.emplace_back(n[2] * 1000 * 1.0001 + 10);
    }
    add("v.place_lat IS NOT NULL AND v.place_lon IS NOT NULL AND " + HaversineSql(postgres) +
        " <= ?");
    s.params.emplace_back(n[0]);
    s.params.emplace_back(n[0]);
    s.params.emplace_back(n[1]);
    s.params.emplace_back(n[2]);
  }
  if (!f.from.empty()) {
    add(DayBoundSql("v.date_value", true) + " >= ?");
    s.params.emplace_back(f.from);
  }
  if (!f.to.empty()) {
    add(DayBoundSql("v.date_value", false) + " <= ?");
    s.params.emplace_back(f.to);
  }
  add_in("v.voice", f.voices);
  if (f.min_confidence) {
    add("v.confidence >= ?");
    s.params.emplace_back(*f.min_confidence);
  }
  if (!f.document.empty()) {
    add("v.document_id = ?");
    s.params.emplace_back(f.document);
  }
  if (!f.cluster.empty()) {
    add("EXISTS (SELECT 1 FROM cluster_members AS cm WHERE cm.cluster_id = ?"
        " AND cm.document_id = v.document_id AND cm.event_id = v.event_id)");
    s.params.emplace_back(f.cluster);
  }
  if (!f.outlet.empty()) {
    add("d.outlet = ?");
    s.params.emplace_back(f.outlet);
  }
  if (!f.q.empty()) {
    add(postgres ? "d.tsv @@ websearch_to_tsquery('simple', ?)"
                 : "d.doc_no IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)");
    s.params.emplace_back(f.q);
  }
  if (!f.repeats) add("v.same_as IS NULL");
  if (f.asserted) add("v.negated = 0 AND v.hypothetical = 0");
  return s;
}

}  // namespace dossier::query
