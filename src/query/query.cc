#include "query/query.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "corpus/clusters.h"
#include "corpus/provenance.h"
#include "dossier/civil_date.h"
#include "dossier/json_writer.h"
#include "store/db.h"

#ifndef DOSSIER_VERSION
#define DOSSIER_VERSION "0"
#endif

namespace dossier::query {
namespace {

// One statement's rows over the store's connection (SQLite or PostgreSQL):
// prepare, bind, step.
class Rows {
 public:
  Rows(Store* store, const std::string& sql, std::vector<SqlValue> params)
      : store_(store), params_(std::move(params)), st_(store->connection()->Prepare(sql)) {
    if (!st_) {
      status_ = Error("prepare");
      return;
    }
    // Bound from params_, which outlives the steps (a backend may keep
    // pointers to the text rather than copies).
    int i = 0;
    for (const SqlValue& v : params_) {
      ++i;
      if (const auto* t = std::get_if<std::string>(&v)) {
        st_->BindText(i, *t);
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        st_->BindInt(i, *n);
      } else {
        st_->BindReal(i, std::get<double>(v));
      }
    }
  }
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  // The next row; false at the end or on an error (see status()).
  bool Next() {
    if (!status_.ok() || done_) return false;
    const int rc = st_->Step();
    if (rc == db::kRow) return true;
    done_ = true;
    if (rc != db::kDone) status_ = Error("read");
    return false;
  }
  const Status& status() const { return status_; }
  std::string_view Text(int i) const { return st_->Text(i); }
  int64_t Int(int i) const { return st_->Int(i); }
  double Real(int i) const { return st_->Real(i); }
  bool IsNull(int i) const { return st_->IsNull(i); }

  // The row as a JSON object: column i under keys[i], for the keys given.
  template <size_t N>
  std::string Object(const char* const (&keys)[N]) const {
    std::string out;
    {
      JsonWriter w(&out);
      w.BeginObject();
      for (size_t i = 0; i < N; ++i) {
        w.Key(keys[i]);
        Json(w, static_cast<int>(i));
      }
      w.EndObject();
    }
    return out;
  }

  // Writes column i as a JSON value of its SQL type (NULL as null).
  void Json(JsonWriter& w, int i) const {
    switch (st_->Type(i)) {
      case db::ColumnType::kNull: w.Null(); break;
      case db::ColumnType::kInt: w.Int(st_->Int(i)); break;
      case db::ColumnType::kReal: w.Double(st_->Real(i)); break;
      default: w.String(Text(i)); break;
    }
  }

 private:
  Status Error(const char* op) const {
    return StorageError("store " + db::RedactUrl(store_->path()) + ": query " + op + ": " +
                        store_->connection()->ErrorMessage());
  }
  Store* store_;
  const std::vector<SqlValue> params_;
  std::unique_ptr<db::Statement> st_;
  Status status_;
  bool done_ = false;
};

// One value as a complete JSON text.
template <typename F>
std::string JsonOf(F&& write) {
  std::string out;
  {
    JsonWriter w(&out);
    write(w);
  }
  return out;
}

void OptString(JsonWriter& w, std::string_view key, std::string_view v) {
  w.Key(key);
  if (v.empty()) w.Null(); else w.String(v);
}

struct Page {
  int64_t limit = 50, offset = 0;
};

Result<Page> ParsePage(const Params& params) {
  Page p;
  auto number = [](const std::string& s, int64_t* out) {
    if (s.empty() || s.size() > 12) return false;
    for (char c : s)
      if (c < '0' || c > '9') return false;
    *out = std::stoll(s);
    return true;
  };
  if (const std::string* v = Param(params, "limit")) {
    if (!number(*v, &p.limit) || p.limit < 1 || p.limit > 500)
      return InvalidInput("parameter 'limit': '" + v->substr(0, 20) + "' is not a number from 1 to 500");
  }
  if (const std::string* v = Param(params, "offset")) {
    if (!number(*v, &p.offset))
      return InvalidInput("parameter 'offset': '" + v->substr(0, 20) + "' is not a number >= 0");
  }
  return p;
}

// {"total":N,"limit":L,"offset":O,"items":[ + items + ]}
std::string PagedJson(int64_t total, const Page& page, const std::string& items) {
  char head[128];
  std::snprintf(head, sizeof head,
                "{\"total\":%" PRId64 ",\"limit\":%" PRId64 ",\"offset\":%" PRId64 ",\"items\":[",
                total, page.limit, page.offset);
  return head + items + "]}";
}

void AppendItem(std::string* items, const std::string& item) {
  if (!items->empty()) items->push_back(',');
  items->append(item);
}

std::vector<std::string> Allowed(std::initializer_list<const char*> names,
                                 bool with_event_filter = false) {
  std::vector<std::string> out(names.begin(), names.end());
  if (with_event_filter) {
    for (const std::string& n : EventFilterParams()) out.push_back(n);
  }
  return out;
}

// "YYYY-MM-DD" of day number `z`.
std::string IsoFromDays(int64_t z) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(z, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// The `fields` parameter: output columns of an events answer.
std::vector<std::string> Fields(const Params& params) {
  const std::string* v = Param(params, "fields");
  return v ? SplitList(*v) : std::vector<std::string>();
}

// The events a filter reads from: joined to their documents only when the
// filter looks at them (the join costs a lookup per event).
std::string EventsFrom(const EventFilter& filter) {
  return UsesDocuments(filter) ? " FROM events AS v JOIN documents AS d ON d.id = v.document_id"
                               : " FROM events AS v";
}

std::string Where(const RowSelection& sel, const char* extra = nullptr) {
  std::string w = " WHERE 1 = 1";
  if (extra) w += std::string(" AND ") + extra;
  if (!sel.where.empty()) w += " AND (" + sel.where + ")";
  return w;
}

}  // namespace

std::string StatsJson(const StoreStats& s) {
  return JsonOf([&](JsonWriter& w) {
    auto list = [&w](const char* key, const std::vector<std::pair<std::string, int64_t>>& v) {
      w.Key(key);
      w.BeginObject();
      for (const auto& [k, n] : v) {
        w.Key(k);
        w.Int(n);
      }
      w.EndObject();
    };
    w.BeginObject();
    w.Key("documents"); w.Int(s.documents);
    w.Key("sources"); w.Int(s.sources);
    w.Key("versions"); w.Int(s.versions);
    w.Key("failures"); w.Int(s.failures);
    w.Key("text_bytes"); w.Int(s.text_bytes);
    w.Key("schema_version"); w.Int(s.schema_version);
    list("by_format", s.by_format);
    list("by_language", s.by_language);
    list("by_outlet", s.by_outlet);
    list("entities_by_kind", s.entities_by_kind);
    list("top_places", s.top_places);
    list("top_actors", s.top_actors);
    list("voice_by_kind", s.voice_by_kind);
    list("sources_by_kind", s.sources_by_kind);
    list("citations_by_kind", s.citations_by_kind);
    list("claims_by_kind", s.claims_by_kind);
    list("markers_by_technique", s.markers_by_technique);
    list("markers_by_voice", s.markers_by_voice);
    w.Key("events"); w.Int(s.events);
    w.Key("events_repeated"); w.Int(s.events_repeated);
    list("events_by_type", s.events_by_type);
    list("events_by_voice", s.events_by_voice);
    list("events_by_modality", s.events_by_modality);
    list("provenance_by_relation", s.provenance_by_relation);
    w.Key("corroborated_clusters"); w.Int(s.corroborated_clusters);
    w.EndObject();
  });
}

Result<ExportKind> CheckExport(std::string_view what, std::string_view format) {
  const std::string w(what), f(format);
  if (w != "documents" && w != "entities" && w != "claims" && w != "markers" && w != "events") {
    return InvalidInput("export what '" + w.substr(0, 40) +
                        "': unknown; documents, entities, events, claims and markers can be "
                        "exported");
  }
  if (f != "jsonl" && f != "csv" && f != "geojson") {
    return InvalidInput("export format '" + f.substr(0, 40) + "': unknown; jsonl, csv or geojson");
  }
  if ((w == "claims" || w == "markers") && f == "geojson")
    return InvalidInput("export format geojson: " + w + " export as jsonl or csv");
  if (w == "documents" && f != "jsonl")
    return InvalidInput("export format " + f + ": documents export as jsonl");
  ExportKind k;
  k.content_type = f == "jsonl" ? "application/x-ndjson"
                   : f == "csv" ? "text/csv; charset=utf-8"
                                : "application/geo+json";
  k.filename = "dossier-" + w + "." + f;
  return k;
}

Status Export(Store* store, std::string_view what, std::string_view format,
              const EventFilter& filter, const std::function<bool(std::string_view)>& fn) {
  auto kind = CheckExport(what, format);
  if (!kind.ok()) return kind.status();
  if (what == "events") {
    if (!filter.q.empty()) DOSSIER_RETURN_IF_ERROR(CheckFtsQuery(store, filter.q));
    return store->ExportEvents(format, ToSelection(filter, store->connection()->backend()), fn);
  }
  if (what == "entities") return store->ExportEntities(format, fn);
  if (what == "claims") return store->ExportClaims(format, fn);
  if (what == "markers") return store->ExportMarkers(format, fn);
  std::string line;
  return store->ExportDocuments([&](std::string_view json) {
    line.assign(json);
    line.push_back('\n');
    return fn(line);
  });
}

Status CheckFtsQuery(Store* store, const std::string& q) {
  // PostgreSQL reads q as web search syntax (websearch_to_tsquery), which
  // takes any text: there is nothing to reject.
  if (store->postgres()) return Status::Ok();
  Rows r(store, "SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ?"
                " LIMIT 1) AS m", {q});
  r.Next();
  if (!r.status().ok()) {
    return InvalidInput("parameter 'q': not a valid search (" +
                        store->connection()->ErrorMessage() + "); quote phrases with \"...\"");
  }
  return Status::Ok();
}

Status Query::CheckFts(const std::string& q) { return CheckFtsQuery(store_, q); }

Result<std::string> Query::Health() {
  Rows r(store_, "SELECT (SELECT count(*) FROM documents),"
                 " (SELECT COALESCE(MAX(version), 0) FROM schema_migrations)", {});
  if (!r.Next()) return r.status().ok() ? InternalError("health: no row") : r.status();
  return JsonOf([&](JsonWriter& w) {
    w.BeginObject();
    w.Key("ok"); w.Bool(true);
    w.Key("documents"); w.Int(r.Int(0));
    w.Key("schema_version"); w.Int(r.Int(1));
    w.Key("dossier"); w.String(DOSSIER_VERSION);
    w.EndObject();
  });
}

Result<std::string> Query::Stats() {
  auto s = store_->Stats();
  if (!s.ok()) return s.status();
  return StatsJson(*s);
}

Result<std::string> Query::Documents(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(
      params, Allowed({"q", "outlet", "language", "from", "to", "relation", "has", "limit",
                       "offset"})));
  auto page = ParsePage(params);
  if (!page.ok()) return page.status();
  std::vector<SqlValue> args;
  std::string where = " WHERE EXISTS (SELECT 1 FROM sources AS s WHERE s.document_id = d.id)";
  const std::string* q = Param(params, "q");
  if (q && q->empty()) q = nullptr;
  const bool postgres = Backend() == db::Backend::kPostgres;
  if (q) {
    DOSSIER_RETURN_IF_ERROR(CheckFts(*q));
    // PostgreSQL: the query is the FROM clause's tq (its parameter is the
    // first, as here).
    if (!postgres) where += " AND documents_fts MATCH ?";
    if (postgres) where += " AND d.tsv @@ tq";
    args.emplace_back(*q);
  }
  for (const char* col : {"outlet", "language"}) {
    if (const std::string* v = Param(params, col)) {
      where += std::string(" AND d.") + col + " = ?";
      args.emplace_back(*v);
    }
  }
  if (const std::string* v = Param(params, "from")) {
    auto d = ParseDateParam("from", *v, false);
    if (!d.ok()) return d.status();
    where += " AND " + DayBoundSql("d.published", true) + " >= ?";
    args.emplace_back(*d);
  }
  if (const std::string* v = Param(params, "to")) {
    auto d = ParseDateParam("to", *v, true);
    if (!d.ok()) return d.status();
    where += " AND " + DayBoundSql("d.published", false) + " <= ?";
    args.emplace_back(*d);
  }
  if (const std::string* v = Param(params, "relation")) {
    if (*v != "original" && *v != "republication" && *v != "near_duplicate" &&
        *v != "translation") {
      return InvalidInput("parameter 'relation': '" + v->substr(0, 40) +
                          "' is not original, republication, near_duplicate or translation");
    }
    where += " AND p.relation = ?";
    args.emplace_back(*v);
  }
  if (const std::string* v = Param(params, "has")) {
    if (*v == "events") {
      where += " AND EXISTS (SELECT 1 FROM events AS e WHERE e.document_id = d.id)";
    } else if (*v == "markers") {
      where += " AND EXISTS (SELECT 1 FROM markers AS m WHERE m.document_id = d.id)";
    } else {
      return InvalidInput("parameter 'has': '" + v->substr(0, 40) + "' is not events or markers");
    }
  }
  const std::string from =
      std::string(!q         ? " FROM documents AS d"
                  : postgres ? " FROM documents AS d CROSS JOIN"
                               " websearch_to_tsquery('simple', ?) AS tq"
                             : " FROM documents_fts JOIN documents AS d ON d.doc_no ="
                               " documents_fts.rowid") +
      " LEFT JOIN provenance AS p ON p.document_id = d.id";
  int64_t total = 0;
  {
    Rows r(store_, "SELECT count(*)" + from + where, args);
    if (r.Next()) total = r.Int(0);
    DOSSIER_RETURN_IF_ERROR(r.status());
  }
  std::string sql =
      "SELECT d.id, d.title, d.outlet, d.published, d.language, d.format, d.path, d.url,"
      " d.text_bytes, p.relation, p.origin,"
      " (SELECT count(*) FROM events AS e WHERE e.document_id = d.id AND e.same_as IS NULL),"
      " (SELECT count(*) FROM markers AS m WHERE m.document_id = d.id),"
      " (SELECT per_1000_words FROM marker_profiles AS mp WHERE mp.document_id = d.id)";
  if (q && postgres) {
    // Titles (weight A) rank above text (B); the snippet marks the matches
    // with the same \x02 / \x03 as SQLite's. Ranks and snippets are each
    // engine's own: the documents found are the same, their order and
    // snippet text may differ.
    sql += ", ts_headline('simple', d.text, tq, 'StartSel=' || chr(2) || ', StopSel=' ||"
           " chr(3) || ', MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=…')" +
           from + where + " ORDER BY ts_rank(d.tsv, tq) DESC, d.doc_no LIMIT ? OFFSET ?";
  } else if (q) {
    // snippet() needs the full-text cursor: one statement.
    sql += ", snippet(documents_fts, -1, char(2), char(3), '…', 24)" + from + where +
           " ORDER BY bm25(documents_fts, 2.0, 1.0), d.doc_no LIMIT ? OFFSET ?";
  } else {
    // The page is picked on the sort keys alone; only its rows are read
    // whole (undated documents last).
    sql += ", NULL FROM (SELECT d.doc_no AS n, row_number() OVER (ORDER BY d.published DESC"
           " NULLS LAST, d.doc_no) AS rn" + from + where + " ORDER BY rn LIMIT ? OFFSET ?) AS pg"
           " JOIN documents AS d ON d.doc_no = pg.n LEFT JOIN provenance AS p ON"
           " p.document_id = d.id ORDER BY pg.rn";
  }
  args.emplace_back(page->limit);
  args.emplace_back(page->offset);
  Rows r(store_, sql, args);
  std::string items;
  static const char* const kKeys[] = {"id", "title", "outlet", "published", "language",
                                      "format", "path", "url", "text_bytes", "relation",
                                      "origin", "events", "markers", "per_1000_words", "snippet"};
  while (r.Next()) {
    AppendItem(&items, r.Object(kKeys));
  }
  DOSSIER_RETURN_IF_ERROR(r.status());
  return PagedJson(total, *page, items);
}

Result<std::string> Query::Document(std::string_view id_view) {
  const std::string id(id_view);
  std::string out = "{\"record\":";
  {
    Rows r(store_, "SELECT record FROM documents WHERE id = ?", {id});
    if (!r.Next()) {
      DOSSIER_RETURN_IF_ERROR(r.status());
      return NotFound("no document with id '" + id.substr(0, 80) + "'");
    }
    out += r.Text(0);
  }
  // Provenance and the family.
  out += ",\"provenance\":";
  {
    Rows r(store_, "SELECT origin, relation, similarity, evidence FROM provenance"
                   " WHERE document_id = ?", {id});
    if (r.Next()) {
      const std::string origin(r.Text(0));
      std::string head = JsonOf([&](JsonWriter& w) {
        w.BeginObject();
        w.Key("origin"); w.String(origin);
        w.Key("relation"); r.Json(w, 1);
        w.Key("similarity"); r.Json(w, 2);
        w.Key("evidence"); r.Json(w, 3);
        w.EndObject();
      });
      head.pop_back();
      out += head + ",\"group\":[";
      Rows g(store_,
             "SELECT p.document_id, d.title, d.outlet, d.published, d.language, p.relation,"
             " p.similarity, p.evidence FROM provenance AS p JOIN documents AS d ON d.id ="
             " p.document_id WHERE p.origin = ? ORDER BY p.document_id <> p.origin,"
             " d.published IS NULL, d.published, p.document_id", {origin});
      std::string members;
      static const char* const kKeys[] = {"id", "title", "outlet", "published", "language",
                                          "relation", "similarity", "evidence"};
      while (g.Next()) {
        AppendItem(&members, g.Object(kKeys));
      }
      DOSSIER_RETURN_IF_ERROR(g.status());
      out += members + "]}";
    } else {
      DOSSIER_RETURN_IF_ERROR(r.status());
      out += "null";
    }
  }
  // Partial reuse in either direction.
  out += ",\"reuse\":[";
  {
    Rows r(store_,
           "SELECT CASE WHEN l.a = ?1 THEN 'reuses' ELSE 'reused_by' END,"
           " CASE WHEN l.a = ?1 THEN l.b ELSE l.a END AS other, d.title, d.outlet, d.published,"
           " l.similarity, l.evidence FROM provenance_links AS l JOIN documents AS d ON d.id ="
           " (CASE WHEN l.a = ?1 THEN l.b ELSE l.a END) WHERE l.relation = 'partial_reuse'"
           " AND (l.a = ?1 OR l.b = ?1) ORDER BY other", {id});
    std::string items;
    static const char* const kKeys[] = {"direction", "id", "title", "outlet", "published",
                                        "similarity", "evidence"};
    while (r.Next()) {
      AppendItem(&items, r.Object(kKeys));
    }
    DOSSIER_RETURN_IF_ERROR(r.status());
    out += items + "]";
  }
  // Marker profile (techniques and densest are stored as JSON text).
  out += ",\"marker_profile\":";
  {
    Rows r(store_, "SELECT words, markers, per_1000_words, author_share, techniques, densest"
                   " FROM marker_profiles WHERE document_id = ?", {id});
    if (r.Next()) {
      char buf[200];
      std::snprintf(buf, sizeof buf,
                    "{\"words\":%" PRId64 ",\"markers\":%" PRId64 ",\"per_1000_words\":",
                    r.Int(0), r.Int(1));
      out += buf;
      out += JsonOf([&](JsonWriter& w) { w.Double(r.Real(2)); });
      out += ",\"author_share\":" + JsonOf([&](JsonWriter& w) { w.Double(r.Real(3)); });
      out += ",\"techniques\":" + std::string(r.IsNull(4) ? "{}" : r.Text(4));
      out += ",\"densest\":" + std::string(r.IsNull(5) ? "[]" : r.Text(5)) + "}";
    } else {
      DOSSIER_RETURN_IF_ERROR(r.status());
      out += "null";
    }
  }
  // Clusters of this document's events, counted as /api/clusters counts.
  out += ",\"clusters\":{";
  {
    std::vector<std::pair<std::string, std::string>> event_cluster;
    {
      Rows r(store_, "SELECT event_id, cluster_id FROM cluster_members WHERE document_id = ?"
                     " ORDER BY CAST(substr(event_id, 2) AS INTEGER)", {id});
      while (r.Next()) event_cluster.emplace_back(r.Text(0), r.Text(1));
      DOSSIER_RETURN_IF_ERROR(r.status());
    }
    corpus::ReusePairs reuse;
    if (!event_cluster.empty()) {
      DOSSIER_RETURN_IF_ERROR(corpus::LoadReusePairs(store_, &reuse));
    }
    std::map<std::string, std::pair<int, int>> counts;
    std::string items;
    for (const auto& pair : event_cluster) {
      // (Named copies, not structured bindings: clang 14 cannot capture
      // those in the lambdas below.)
      const std::string& event_id = pair.first;
      const std::string& cluster_id = pair.second;
      auto it = counts.find(cluster_id);
      if (it == counts.end()) {
        std::vector<std::pair<std::string, std::string>> docs;
        std::set<std::string> distinct;
        Rows r(store_, "SELECT m.document_id, COALESCE(p.origin, m.document_id) FROM"
                       " cluster_members AS m LEFT JOIN provenance AS p ON p.document_id ="
                       " m.document_id WHERE m.cluster_id = ?", {cluster_id});
        while (r.Next()) {
          docs.emplace_back(r.Text(0), r.Text(1));
          distinct.insert(std::string(r.Text(0)));
        }
        DOSSIER_RETURN_IF_ERROR(r.status());
        it = counts.emplace(cluster_id, std::make_pair(static_cast<int>(distinct.size()),
                                                       corpus::IndependentOrigins(docs, reuse)))
                 .first;
      }
      std::string item = JsonOf([&](JsonWriter& w) { w.String(event_id); });
      item += ":" + JsonOf([&](JsonWriter& w) {
        w.BeginObject();
        w.Key("cluster_id"); w.String(cluster_id);
        w.Key("reports"); w.Int(it->second.first);
        w.Key("independent_origins"); w.Int(it->second.second);
        w.EndObject();
      });
      AppendItem(&items, item);
    }
    out += items + "}";
  }
  // Source keys and versions.
  out += ",\"sources\":[";
  {
    Rows r(store_,
           "SELECT v.source_key, v.version, v.created_at, (s.document_id = v.document_id AND"
           " s.version = v.version) FROM document_versions AS v JOIN sources AS s ON"
           " s.source_key = v.source_key WHERE v.document_id = ? ORDER BY v.source_key,"
           " v.version", {id});
    std::string items;
    while (r.Next()) {
      AppendItem(&items, JsonOf([&](JsonWriter& w) {
        w.BeginObject();
        w.Key("source_key"); w.String(r.Text(0));
        w.Key("version"); w.Int(r.Int(1));
        w.Key("latest"); w.Bool(r.Int(3) != 0);
        w.Key("created_at"); w.String(r.Text(2));
        w.EndObject();
      }));
    }
    DOSSIER_RETURN_IF_ERROR(r.status());
    out += items + "]}";
  }
  return out;
}

Result<std::string> Query::Raw(std::string_view id) {
  auto raw = store_->ReadRaw(id);
  if (!raw.ok()) return raw.status();
  if (!*raw) {
    Rows r(store_, "SELECT 1 FROM documents WHERE id = ?", {std::string(id)});
    const bool known = r.Next();
    DOSSIER_RETURN_IF_ERROR(r.status());
    return NotFound(known ? "the raw input of '" + std::string(id.substr(0, 80)) +
                                     "' is not stored (ingested before schema 9; ingest it "
                                     "again into a new store to keep it)"
                               : "no document with id '" + std::string(id.substr(0, 80)) + "'");
  }
  const RawInput& in = **raw;
  std::string out;
  out.reserve(in.raw.size() + in.map.size() * 24 + 128);
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("format"); w.String(in.format);
  OptString(w, "encoding", in.encoding);
  w.Key("raw"); w.String(in.raw);
  w.Key("map");
  w.BeginArray();
  for (const RawPiece& p : in.map) {
    w.BeginArray();
    w.Int(p.text_begin);
    w.Int(p.text_end);
    w.Int(p.raw_begin);
    w.Int(p.raw_end);
    w.Int(p.copy ? 1 : 0);
    w.EndArray();
  }
  w.EndArray();
  w.EndObject();
  w.Finish();
  return out;
}

namespace {

// lower() of an entity's text as SQLite computes it: ASCII letters only
// (PostgreSQL's lower() also folds other scripts, which would group and match
// entries differently).
std::string AsciiLower(bool postgres, const char* column) {
  if (!postgres) return std::string("lower(") + column + ")";
  return std::string("translate(") + column +
         ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";
}

// An entry per group of mentions: its key, then the columns of EntityJson.
// (The ref is max(e.ref), one value per key, as GROUP BY wants.)
std::string EntityColumns(bool postgres) {
  return "SELECT COALESCE(e.ref, 'text:' || e.kind || ':' || " + AsciiLower(postgres, "e.text") +
         ") AS key, max(e.ref), COALESCE(max(e.name), min(e.text)), e.kind, count(*),"
         " count(DISTINCT e.document_id), max(e.lat), max(e.lon), max(e.country),"
         " max(e.feature), max(e.actor_sector), max(e.actor_group) FROM entities AS e";
}

// An entry row of EntityColumns as its JSON object.
std::string EntityJson(const Rows& r) {
  static const char* const kKeys[] = {"key", "ref", "name", "kind", "mentions", "documents",
                                      "lat", "lon", "country", "feature", "sector", "group"};
  return r.Object(kKeys);
}

// The WHERE clause picking the mentions of entry `key`.
Result<std::pair<std::string, std::vector<SqlValue>>> EntityKeyWhere(bool postgres,
                                                                     const std::string& key) {
  if (key.rfind("text:", 0) == 0) {
    const size_t colon = key.find(':', 5);
    if (colon == std::string::npos)
      return InvalidInput("parameter 'key': '" + key.substr(0, 80) + "' is not a ref or text:KIND:TEXT");
    return std::make_pair(
        " WHERE e.ref IS NULL AND e.kind = ? AND " + AsciiLower(postgres, "e.text") + " = ?",
        std::vector<SqlValue>{key.substr(5, colon - 5), key.substr(colon + 1)});
  }
  return std::make_pair(std::string(" WHERE e.ref = ?"), std::vector<SqlValue>{key});
}

}  // namespace

Result<std::string> Query::Entities(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({"kind", "q", "limit", "offset"})));
  auto page = ParsePage(params);
  if (!page.ok()) return page.status();
  std::string where = " WHERE 1 = 1";
  std::vector<SqlValue> args;
  if (const std::string* v = Param(params, "kind")) {
    static const char* const kKinds[] = {"place", "actor", "person", "organization",
                                         "outlet", "date", "quantity", "document"};
    if (std::find(std::begin(kKinds), std::end(kKinds), *v) == std::end(kKinds))
      return InvalidInput("parameter 'kind': '" + v->substr(0, 40) +
                          "' is not place, actor, person, organization, outlet, date, quantity or document");
    where += " AND e.kind = ?";
    args.emplace_back(*v);
  }
  if (const std::string* v = Param(params, "q"); v && !v->empty()) {
    const std::string like = LikeContains(*v);
    where += " AND (e.name LIKE ? ESCAPE '\\' OR e.text LIKE ? ESCAPE '\\')";
    args.emplace_back(like);
    args.emplace_back(like);
  }
  // The number of entries comes with the page (a window over the groups),
  // so the grouping runs once; only a page past the end counts apart.
  const bool postgres = Backend() == db::Backend::kPostgres;
  std::string grouped = EntityColumns(postgres) + where + " GROUP BY key, e.kind";
  const size_t from_pos = grouped.find(" FROM entities");
  grouped.insert(from_pos, ", count(*) OVER ()");
  std::vector<SqlValue> page_args = args;
  page_args.emplace_back(page->limit);
  page_args.emplace_back(page->offset);
  Rows r(store_, grouped + " ORDER BY 5 DESC, key LIMIT ? OFFSET ?", page_args);
  std::string items;
  int64_t total = -1;
  while (r.Next()) {
    total = r.Int(12);
    AppendItem(&items, EntityJson(r));
  }
  DOSSIER_RETURN_IF_ERROR(r.status());
  if (total < 0) {
    Rows c(store_, "SELECT count(*) FROM (" + EntityColumns(postgres) + where +
                       " GROUP BY key, e.kind) AS g", args);
    total = c.Next() ? c.Int(0) : 0;
    DOSSIER_RETURN_IF_ERROR(c.status());
  }
  return PagedJson(total, *page, items);
}

Result<std::string> Query::Entity(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({"key", "limit", "offset"})));
  auto page = ParsePage(params);
  if (!page.ok()) return page.status();
  const std::string* key = Param(params, "key");
  if (!key || key->empty()) return InvalidInput("parameter 'key' is required (a ref such as geonames:170794)");
  const bool postgres = Backend() == db::Backend::kPostgres;
  auto where = EntityKeyWhere(postgres, *key);
  if (!where.ok()) return where.status();
  std::string entry;
  int64_t total = 0;
  {
    Rows r(store_, EntityColumns(postgres) + where->first + " GROUP BY key, e.kind"
                   " ORDER BY 5 DESC LIMIT 1", where->second);
    if (!r.Next()) {
      DOSSIER_RETURN_IF_ERROR(r.status());
      return NotFound("no entity with key '" + key->substr(0, 80) + "'");
    }
    entry = EntityJson(r);
    total = r.Int(4);
  }
  std::vector<SqlValue> args = where->second;
  args.emplace_back(page->limit);
  args.emplace_back(page->offset);
  // 120 characters of context either side (the two-argument maximum is
  // spelled per backend).
  const std::string context_start =
      postgres ? "GREATEST(e.start - 120, 0)" : "max(e.start - 120, 0)";
  Rows r(store_,
         "SELECT e.document_id, d.title, d.outlet, d.published, e.mention_id, e.text, e.start,"
         " e.end, e.sentence, " + context_start + ", substr(d.text, " + context_start +
         " + 1, e.end + 120 - " + context_start + ")"
         " FROM entities AS e JOIN documents AS d ON d.id = e.document_id" + where->first +
         " ORDER BY d.doc_no, e.start LIMIT ? OFFSET ?", args);
  static const char* const kKeys[] = {"document_id", "title", "outlet", "published",
                                      "mention_id", "text", "start", "end", "sentence",
                                      "context_start", "context"};
  std::string items;
  while (r.Next()) {
    AppendItem(&items, r.Object(kKeys));
  }
  DOSSIER_RETURN_IF_ERROR(r.status());
  std::string out = PagedJson(total, *page, items);
  return "{\"entry\":" + entry + "," + out.substr(1);
}

Result<std::string> Query::Events(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({"limit", "offset", "fields"}, true)));
  auto page = ParsePage(params);
  if (!page.ok()) return page.status();
  auto filter = ParseEventFilter(params);
  if (!filter.ok()) return filter.status();
  if (!filter->q.empty()) DOSSIER_RETURN_IF_ERROR(CheckFts(filter->q));
  RowSelection sel = ToSelection(*filter, Backend());
  int64_t total = 0;
  {
    Rows r(store_, std::string("SELECT count(*)") + EventsFrom(*filter) + Where(sel), sel.params);
    if (r.Next()) total = r.Int(0);
    DOSSIER_RETURN_IF_ERROR(r.status());
  }
  sel.limit = page->limit;
  sel.offset = page->offset;
  sel.columns = Fields(params);
  std::string items;
  DOSSIER_RETURN_IF_ERROR(store_->ExportEvents("jsonl", sel, [&](std::string_view chunk) {
    // Pieces are whole lines: one object per line.
    size_t start = 0;
    while (start < chunk.size()) {
      size_t nl = chunk.find('\n', start);
      if (nl == std::string_view::npos) nl = chunk.size();
      if (nl > start) AppendItem(&items, std::string(chunk.substr(start, nl - start)));
      start = nl + 1;
    }
    return true;
  }));
  return PagedJson(total, *page, items);
}

Result<std::string> Query::EventsGeoJson(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({"limit", "fields"}, true)));
  int64_t limit = 20000;
  if (const std::string* v = Param(params, "limit")) {
    bool ok = !v->empty() && v->size() < 7;
    for (char c : *v) ok = ok && c >= '0' && c <= '9';
    if (!ok || (limit = std::stoll(*v)) < 1 || limit > 20000)
      return InvalidInput("parameter 'limit': '" + v->substr(0, 20) + "' is not a number from 1 to 20000");
  }
  auto filter = ParseEventFilter(params);
  if (!filter.ok()) return filter.status();
  if (!filter->q.empty()) DOSSIER_RETURN_IF_ERROR(CheckFts(filter->q));
  RowSelection sel = ToSelection(*filter, Backend());
  int64_t total = 0;
  {
    Rows r(store_, std::string("SELECT count(*)") + EventsFrom(*filter) +
                       Where(sel, "v.place_lat IS NOT NULL AND v.place_lon IS NOT NULL"),
           sel.params);
    if (r.Next()) total = r.Int(0);
    DOSSIER_RETURN_IF_ERROR(r.status());
  }
  sel.limit = limit;
  sel.columns = Fields(params);
  std::string body;
  DOSSIER_RETURN_IF_ERROR(store_->ExportEvents("geojson", sel, [&](std::string_view chunk) {
    body.append(chunk);
    return true;
  }));
  static constexpr std::string_view kHead = "{\"type\":\"FeatureCollection\",";
  if (body.compare(0, kHead.size(), kHead) != 0) return InternalError("unexpected GeoJSON export");
  while (!body.empty() && body.back() == '\n') body.pop_back();
  char extra[96];
  std::snprintf(extra, sizeof extra, "\"total\":%" PRId64 ",\"truncated\":%s,", total,
                total > limit ? "true" : "false");
  body.insert(kHead.size(), extra);
  return body;
}

Result<std::string> Query::Timeline(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({"bin"}, true)));
  std::string bin = "week";
  if (const std::string* v = Param(params, "bin")) {
    if (*v != "day" && *v != "week" && *v != "month")
      return InvalidInput("parameter 'bin': '" + v->substr(0, 20) + "' is not day, week or month");
    bin = *v;
  }
  auto filter = ParseEventFilter(params);
  if (!filter.ok()) return filter.status();
  if (!filter->q.empty()) DOSSIER_RETURN_IF_ERROR(CheckFts(filter->q));
  RowSelection sel = ToSelection(*filter, Backend());
  Rows r(store_, std::string("SELECT v.date_value, COALESCE(v.plover, ''), count(*)") +
                     EventsFrom(*filter) + Where(sel) + " GROUP BY 1, 2 ORDER BY 1, 2",
         sel.params);
  struct Day {
    int64_t day;
    std::string type;
    int64_t n;
  };
  std::vector<Day> days;
  std::map<std::pair<std::string, std::string>, int64_t> coarse;  // (value, precision)
  int64_t undated = 0;
  while (r.Next()) {
    const std::string_view value = r.Text(0);
    int64_t d = 0;
    if (r.IsNull(0) || value.empty()) {
      undated += r.Int(2);
    } else if (IsoDayNumber(value, &d)) {
      days.push_back({d, std::string(r.Text(1)), r.Int(2)});
    } else if (value.size() == 7 || value.size() == 4) {
      coarse[{std::string(value), value.size() == 7 ? "month" : "year"}] += r.Int(2);
    } else {
      undated += r.Int(2);
    }
  }
  DOSSIER_RETURN_IF_ERROR(r.status());
  // Bin start of a day number; too many bins fall back to a coarser size.
  auto start_of = [&](int64_t day) -> int64_t {
    if (bin == "day") return day;
    if (bin == "week") return day - ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
    int y = 0, m = 0, d = 0;
    CivilFromDays(day, &y, &m, &d);
    return DaysFromCivil(y, m, 1);
  };
  auto next_of = [&](int64_t start) -> int64_t {
    if (bin == "day") return start + 1;
    if (bin == "week") return start + 7;
    int y = 0, m = 0, d = 0;
    CivilFromDays(start, &y, &m, &d);
    return m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1);
  };
  if (!days.empty()) {
    auto [lo, hi] = std::minmax_element(days.begin(), days.end(),
                                        [](const Day& a, const Day& b) { return a.day < b.day; });
    const int64_t span = hi->day - lo->day;
    if (bin == "day" && span > 3660) bin = "week";
    if (bin == "week" && span > 7 * 2000) bin = "month";
  }
  std::map<int64_t, std::pair<int64_t, std::map<std::string, int64_t>>> bins;
  for (const Day& d : days) {
    auto& b = bins[start_of(d.day)];
    b.first += d.n;
    b.second[d.type.empty() ? "(none)" : d.type] += d.n;
  }
  return JsonOf([&](JsonWriter& w) {
    w.BeginObject();
    w.Key("bin"); w.String(bin);
    w.Key("bins");
    w.BeginArray();
    if (!bins.empty()) {
      const int64_t last = bins.rbegin()->first;
      for (int64_t s = bins.begin()->first; s <= last; s = next_of(s)) {
        w.BeginObject();
        w.Key("start"); w.String(IsoFromDays(s));
        w.Key("end"); w.String(IsoFromDays(next_of(s) - 1));
        auto it = bins.find(s);
        w.Key("count"); w.Int(it == bins.end() ? 0 : it->second.first);
        w.Key("by_type");
        w.BeginObject();
        if (it != bins.end()) {
          for (const auto& [type, n] : it->second.second) {
            w.Key(type);
            w.Int(n);
          }
        }
        w.EndObject();
        w.EndObject();
      }
    }
    w.EndArray();
    w.Key("coarse");
    w.BeginArray();
    for (const auto& [key, n] : coarse) {
      w.BeginObject();
      w.Key("value"); w.String(key.first);
      w.Key("precision"); w.String(key.second);
      w.Key("count"); w.Int(n);
      w.EndObject();
    }
    w.EndArray();
    w.Key("undated"); w.Int(undated);
    w.EndObject();
  });
}

Result<std::string> Query::Facets(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({}, true)));
  auto filter = ParseEventFilter(params);
  if (!filter.ok()) return filter.status();
  if (!filter->q.empty()) DOSSIER_RETURN_IF_ERROR(CheckFts(filter->q));
  const RowSelection sel = ToSelection(*filter, Backend());
  // One pass over the matching events, counted here: one scan instead of a
  // GROUP BY per facet. Outlets come from a table of the documents.
  std::unordered_map<std::string, std::string> outlet_of;
  {
    Rows r(store_, "SELECT id, outlet FROM documents WHERE outlet IS NOT NULL", {});
    while (r.Next()) outlet_of.emplace(r.Text(0), r.Text(1));
    DOSSIER_RETURN_IF_ERROR(r.status());
  }
  enum { kType, kVoice, kCountry, kOutlet, kActor, kPlace, kFacets };
  std::unordered_map<std::string, int64_t> counts[kFacets];
  std::unordered_map<std::string, std::string> label[kFacets];  // key -> text seen
  int64_t total = 0;
  {
    Rows r(store_,
           "SELECT v.plover, v.voice, v.place_country, v.document_id, v.actor_ref, v.actor_text,"
           " v.place_ref, v.place_text" + EventsFrom(*filter) + Where(sel),
           sel.params);
    auto count = [&](int facet, int col) {
      if (r.IsNull(col)) return;
      ++counts[facet][std::string(r.Text(col))];
    };
    auto count_entry = [&](int facet, int ref_col, int text_col) {
      const int key_col = r.IsNull(ref_col) ? text_col : ref_col;
      if (r.IsNull(key_col)) return;
      std::string key(r.Text(key_col));
      // Unresolved mentions group by their words whatever the case ("Rebels"
      // and "rebels"); the filter matches text case-insensitively too.
      if (key_col == text_col)
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (++counts[facet][key] == 1 && !r.IsNull(text_col))
        label[facet][key] = std::string(r.Text(text_col));
    };
    while (r.Next()) {
      ++total;
      count(kType, 0);
      count(kVoice, 1);
      count(kCountry, 2);
      auto it = outlet_of.find(std::string(r.Text(3)));
      if (it != outlet_of.end()) ++counts[kOutlet][it->second];
      count_entry(kActor, 4, 5);
      count_entry(kPlace, 6, 7);
    }
    DOSSIER_RETURN_IF_ERROR(r.status());
  }
  // The 20 most frequent of a facet, ties by key.
  auto top = [&](int facet) {
    std::vector<std::pair<std::string, int64_t>> v(counts[facet].begin(), counts[facet].end());
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (v.size() > 20) v.resize(20);
    return v;
  };
  return JsonOf([&](JsonWriter& w) {
    w.BeginObject();
    w.Key("total");
    w.Int(total);
    const char* const kNames[] = {"type", "voice", "country", "outlet", "actor", "place"};
    for (int f = 0; f < kFacets; ++f) {
      w.Key(kNames[f]);
      w.BeginArray();
      for (const auto& [key, n] : top(f)) {
        w.BeginArray();
        w.String(key);
        if (f == kActor || f == kPlace) {
          // The entry's canonical name, else the text it was written as.
          std::string name;
          if (key.find(':') != std::string::npos) {
            Rows e(store_, "SELECT name FROM entities WHERE ref = ? AND name IS NOT NULL LIMIT 1",
                   {key});
            if (e.Next()) name = e.Text(0);
          }
          if (name.empty()) name = label[f][key];
          if (name.empty()) w.Null(); else w.String(name);
        }
        w.Int(n);
        w.EndArray();
      }
      w.EndArray();
    }
    w.EndObject();
  });
}

Result<std::string> Query::Clusters(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(
      CheckParams(params, Allowed({"min_reports", "type", "from", "to", "limit", "offset"})));
  auto page = ParsePage(params);
  if (!page.ok()) return page.status();
  int min_reports = 2;
  if (const std::string* v = Param(params, "min_reports")) {
    bool ok = !v->empty() && v->size() < 6;
    for (char c : *v) ok = ok && c >= '0' && c <= '9';
    if (!ok || (min_reports = std::stoi(*v)) < 1)
      return InvalidInput("parameter 'min_reports': '" + v->substr(0, 20) + "' is not a number >= 1");
  }
  Params filter_params;
  for (const char* n : {"type", "from", "to"}) {
    if (const std::string* v = Param(params, n)) filter_params.emplace(n, *v);
  }
  auto filter = ParseEventFilter(filter_params);
  if (!filter.ok()) return filter.status();
  std::vector<corpus::EventCluster> matched;
  corpus::EventClusterIndex index(store_);
  DOSSIER_RETURN_IF_ERROR(index.ForEachCluster(min_reports, [&](const corpus::EventCluster& c) {
    if (!filter->types.empty() &&
        std::find(filter->types.begin(), filter->types.end(), c.plover) == filter->types.end())
      return true;
    if (!filter->from.empty() || !filter->to.empty()) {
      if (c.date.empty()) return true;
      std::string lo = c.date, hi = c.date;
      if (c.date.size() == 4) { lo += "-01-01"; hi += "-12-31"; }
      if (c.date.size() == 7) { lo += "-01"; hi += "-31"; }
      if (!filter->from.empty() && hi < filter->from) return true;
      if (!filter->to.empty() && lo > filter->to) return true;
    }
    matched.push_back(c);
    return true;
  }));
  std::string items;
  const size_t end = std::min<size_t>(matched.size(), page->offset + page->limit);
  for (size_t i = page->offset; i < end; ++i) {
    const corpus::EventCluster& c = matched[i];
    std::string members;
    std::optional<std::pair<double, double>> point;
    for (const std::string& ev : c.events) {
      const size_t hash = ev.rfind('#');
      if (hash == std::string::npos) continue;
      Rows r(store_,
             "SELECT d.title, d.outlet, d.published, substr(d.text, v.start + 1, v.end - v.start),"
             " v.place_lat, v.place_lon FROM events AS v JOIN documents AS d ON d.id ="
             " v.document_id WHERE v.document_id = ? AND v.event_id = ?",
             {ev.substr(0, hash), ev.substr(hash + 1)});
      if (!r.Next()) {
        DOSSIER_RETURN_IF_ERROR(r.status());
        continue;
      }
      if (!point && !r.IsNull(4) && !r.IsNull(5)) point = {{r.Real(4), r.Real(5)}};
      AppendItem(&members, JsonOf([&](JsonWriter& w) {
        w.BeginObject();
        w.Key("document_id"); w.String(ev.substr(0, hash));
        w.Key("event_id"); w.String(ev.substr(hash + 1));
        w.Key("title"); r.Json(w, 0);
        w.Key("outlet"); r.Json(w, 1);
        w.Key("published"); r.Json(w, 2);
        w.Key("text"); r.Json(w, 3);
        w.EndObject();
      }));
    }
    AppendItem(&items, JsonOf([&](JsonWriter& w) {
      w.BeginObject();
      w.Key("cluster_id"); w.String(c.id);
      w.Key("plover"); w.String(c.plover);
      OptString(w, "date", c.date);
      OptString(w, "place_ref", c.place_ref);
      OptString(w, "place_text", c.place_text);
      w.Key("lat");
      if (point) w.Double(point->first); else w.Null();
      w.Key("lon");
      if (point) w.Double(point->second); else w.Null();
      w.Key("reports"); w.Int(c.reports);
      w.Key("independent_origins"); w.Int(c.independent_origins);
      w.EndObject();
    }));
    items.pop_back();  // splice the members into the object
    items += ",\"members\":[" + members + "]}";
  }
  return PagedJson(static_cast<int64_t>(matched.size()), *page, items);
}

Result<std::string> Query::ProvenanceGroups(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({"relation", "limit", "offset"})));
  auto page = ParsePage(params);
  if (!page.ok()) return page.status();
  const std::string* relation = Param(params, "relation");
  std::vector<std::vector<corpus::Provenance>> groups;
  corpus::ProvenanceIndex index(store_);
  DOSSIER_RETURN_IF_ERROR(index.ForEachGroup([&](const std::vector<corpus::Provenance>& g) {
    bool keep = !relation;
    for (const auto& p : g) keep = keep || p.relation == *relation;
    if (keep) groups.push_back(g);
    return true;
  }));
  std::string items;
  const size_t end = std::min<size_t>(groups.size(), page->offset + page->limit);
  for (size_t i = page->offset; i < end; ++i) {
    const auto& g = groups[i];
    AppendItem(&items, JsonOf([&](JsonWriter& w) {
      w.BeginObject();
      w.Key("origin");
      w.BeginObject();
      const corpus::Provenance* origin = nullptr;
      for (const auto& p : g)
        if (p.document_id == p.origin) origin = &p;
      w.Key("id"); w.String(g.front().origin);
      OptString(w, "title", origin ? origin->title : "");
      OptString(w, "outlet", origin ? origin->outlet : "");
      OptString(w, "published", origin ? origin->published : "");
      w.EndObject();
      w.Key("members");
      w.BeginArray();
      for (const auto& p : g) {
        w.BeginObject();
        w.Key("id"); w.String(p.document_id);
        OptString(w, "title", p.title);
        OptString(w, "outlet", p.outlet);
        OptString(w, "published", p.published);
        OptString(w, "language", p.language);
        w.Key("relation"); w.String(p.relation);
        w.Key("similarity"); w.Double(p.similarity);
        OptString(w, "evidence", p.evidence);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }));
  }
  return PagedJson(static_cast<int64_t>(groups.size()), *page, items);
}

std::string SharedCitationJson(const corpus::SharedCitation& c) {
  return JsonOf([&](JsonWriter& w) {
    w.BeginObject();
    w.Key("match"); w.String(c.key);
    w.Key("kind"); w.String(c.kind);
    OptString(w, "title", c.title);
    OptString(w, "issuer", c.issuer);
    OptString(w, "date", c.date);
    OptString(w, "url", c.url);
    w.Key("reports"); w.Int(static_cast<int64_t>(c.citers.size()));
    w.Key("independent_origins"); w.Int(c.independent_origins);
    w.Key("documents");
    w.BeginArray();
    for (const auto& d : c.citers) {
      w.BeginObject();
      w.Key("id"); w.String(d.document_id);
      w.Key("citation"); w.String(d.citation_id);
      OptString(w, "title", d.title);
      OptString(w, "outlet", d.outlet);
      w.Key("origin"); w.String(d.origin);
      w.Key("use"); w.String(d.use);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

Result<std::string> Query::Citations(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({"min_documents", "limit", "offset"})));
  auto page = ParsePage(params);
  if (!page.ok()) return page.status();
  size_t min_documents = 2;
  if (const std::string* v = Param(params, "min_documents")) {
    bool ok = !v->empty() && v->size() < 6;
    for (char c : *v) ok = ok && c >= '0' && c <= '9';
    if (!ok || std::stoi(*v) < 2)
      return InvalidInput("parameter 'min_documents': '" + v->substr(0, 20) + "' is not a number >= 2");
    min_documents = static_cast<size_t>(std::stoi(*v));
  }
  std::vector<corpus::SharedCitation> shared;
  corpus::ProvenanceIndex index(store_);
  DOSSIER_RETURN_IF_ERROR(index.ForEachSharedCitation([&](const corpus::SharedCitation& c) {
    if (c.citers.size() >= min_documents) shared.push_back(c);
    return true;
  }));
  std::string items;
  const size_t end = std::min<size_t>(shared.size(), page->offset + page->limit);
  for (size_t i = page->offset; i < end; ++i) {
    const auto& c = shared[i];
    AppendItem(&items, SharedCitationJson(c));
  }
  return PagedJson(static_cast<int64_t>(shared.size()), *page, items);
}

Result<std::string> Query::Outlets(const Params& params) {
  DOSSIER_RETURN_IF_ERROR(CheckParams(params, Allowed({"limit", "offset"})));
  auto page = ParsePage(params);
  if (!page.ok()) return page.status();
  // Marker counts per outlet and technique, for the densities.
  std::map<std::string, std::vector<std::pair<std::string, int64_t>>> techniques;
  {
    Rows r(store_, "SELECT COALESCE(d.outlet, ''), m.technique, count(*) FROM markers AS m"
                   " JOIN documents AS d ON d.id = m.document_id WHERE EXISTS (SELECT 1 FROM"
                   " sources AS s WHERE s.document_id = d.id) GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2",
           {});
    while (r.Next()) techniques[std::string(r.Text(0))].emplace_back(r.Text(1), r.Int(2));
    DOSSIER_RETURN_IF_ERROR(r.status());
  }
  // (Booleans are summed as CASE: PostgreSQL's are not numbers. The
  // languages are listed by each engine's string aggregate and sorted below.)
  const std::string grouped =
      "SELECT d.outlet, count(*),"
      " sum(CASE WHEN COALESCE(p.relation, 'original') = 'original' THEN 1 ELSE 0 END),"
      " sum(CASE WHEN p.relation IN ('republication', 'near_duplicate') THEN 1 ELSE 0 END),"
      " sum(CASE WHEN p.relation = 'translation' THEN 1 ELSE 0 END), " +
      std::string(Backend() == db::Backend::kPostgres ? "string_agg(DISTINCT d.language, ',')"
                                                      : "group_concat(DISTINCT d.language)") +
      ", min(d.published), max(d.published),"
      " sum(COALESCE(ev.n, 0)), sum(COALESCE(mp.markers, 0)), sum(COALESCE(mp.words, 0))"
      " FROM documents AS d LEFT JOIN provenance AS p ON p.document_id = d.id"
      " LEFT JOIN marker_profiles AS mp ON mp.document_id = d.id"
      " LEFT JOIN (SELECT document_id, count(*) AS n FROM events WHERE same_as IS NULL"
      " GROUP BY document_id) AS ev ON ev.document_id = d.id"
      " WHERE EXISTS (SELECT 1 FROM sources AS s WHERE s.document_id = d.id) GROUP BY d.outlet";
  int64_t total = 0;
  {
    // The outlets, and one more if some documents have none.
    Rows r(store_, "SELECT count(DISTINCT outlet) + COALESCE(max(CASE WHEN outlet IS NULL THEN 1"
                   " ELSE 0 END), 0) FROM documents AS d WHERE EXISTS (SELECT 1 FROM sources AS s"
                   " WHERE s.document_id = d.id)", {});
    if (r.Next()) total = r.Int(0);
    DOSSIER_RETURN_IF_ERROR(r.status());
  }
  Rows r(store_, grouped + " ORDER BY 2 DESC, d.outlet IS NULL, d.outlet LIMIT ? OFFSET ?",
         {page->limit, page->offset});
  std::string items;
  while (r.Next()) {
    AppendItem(&items, JsonOf([&](JsonWriter& w) {
      const int64_t words = r.Int(10);
      w.BeginObject();
      w.Key("outlet"); r.Json(w, 0);
      w.Key("documents"); w.Int(r.Int(1));
      w.Key("originals"); w.Int(r.Int(2));
      w.Key("copies"); w.Int(r.Int(3));
      w.Key("translations"); w.Int(r.Int(4));
      w.Key("languages");
      w.BeginArray();
      std::vector<std::string_view> langs;
      for (std::string_view rest = r.Text(5); !rest.empty();) {
        const size_t comma = rest.find(',');
        langs.push_back(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
      std::sort(langs.begin(), langs.end());
      for (std::string_view l : langs) w.String(l);
      w.EndArray();
      w.Key("first"); r.Json(w, 6);
      w.Key("last"); r.Json(w, 7);
      w.Key("events"); w.Int(r.Int(8));
      w.Key("markers"); w.Int(r.Int(9));
      w.Key("words"); w.Int(words);
      w.Key("per_1000_words");
      if (words > 0) w.Double(r.Int(9) * 1000.0 / words); else w.Null();
      w.Key("techniques");
      w.BeginObject();
      auto it = techniques.find(std::string(r.Text(0)));
      if (it != techniques.end() && words > 0) {
        for (const auto& [t, n] : it->second) {
          w.Key(t);
          w.Double(n * 1000.0 / words);
        }
      }
      w.EndObject();
      w.EndObject();
    }));
  }
  DOSSIER_RETURN_IF_ERROR(r.status());
  return PagedJson(total, *page, items);
}

}  // namespace dossier::query
