#include "corpus/clusters.h"

#include "dossier/civil_date.h"

#include "corpus/provenance.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace dossier::corpus {

using store_internal::ColumnText;
using store_internal::NowUtc;
using store_internal::Stmt;
using store_internal::Use;

namespace {

Status SqlError(sqlite3* db, const std::string& path, std::string_view op) {
  return StorageError("store " + path + ": event clusters: " + std::string(op) + ": " +
                      (db ? sqlite3_errmsg(db) : "no connection"));
}

// One event as the index sees it.
struct Key {
  std::string document_id, event_id, plover, place_ref, actor, target;
  int64_t day = 0;
  int window = 0;  // its own date's uncertainty in days (0 for a day)
  bool has_geo = false;
  double lat = 0, lon = 0;
};

std::string SideKey(std::string_view ref, std::string_view country) {
  if (!ref.empty()) return std::string(ref);
  return std::string(country);
}

// Actors (or targets) contradict when both are known and their keys (a ref,
// else a country) differ.
bool Compatible(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b;
}

}  // namespace

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(std::max(0.0, 1 - a)));
}

EventClusterIndex::EventClusterIndex(SqliteStore* store, ClusterOptions options)
    : store_(store), options_(options), cache_(store->handle()) {}
EventClusterIndex::~EventClusterIndex() = default;

Status EventClusterIndex::AddDocument(const std::string& document_id) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  const Stmt* events_q = Prep(
      "SELECT e.event_id, e.plover, COALESCE(e.date_value, ''), COALESCE(e.date_precision, ''),"
      " COALESCE(e.place_ref, ''), e.place_lat, e.place_lon, COALESCE(e.actor_ref, ''),"
      " COALESCE(e.actor_country, ''), COALESCE(e.target_ref, ''), COALESCE(e.target_country, ''),"
      " COALESCE(d.published, ''), COALESCE(e.place_text, ''), COALESCE(pe.precision, '')"
      " FROM events AS e JOIN documents AS d ON d.id = e.document_id"
      " LEFT JOIN entities AS pe ON pe.document_id = e.document_id"
      " AND pe.mention_id = e.place_mention"
      " WHERE e.document_id = ?1 AND e.plover IS NOT NULL AND e.plover <> ''"
      " AND e.negated = 0 AND e.hypothetical = 0 AND e.same_as IS NULL"
      " AND COALESCE(e.modality, 'asserted') = 'asserted'"
      " AND NOT EXISTS (SELECT 1 FROM cluster_members AS m WHERE m.document_id = e.document_id"
      " AND m.event_id = e.event_id) ORDER BY e.start");
  const Stmt* cand_q = Prep(
      "SELECT cluster_id, day, lat, lon, COALESCE(place_ref, ''), COALESCE(actor, ''),"
      " COALESCE(target, '') FROM cluster_members WHERE plover = ?1 AND day BETWEEN ?2 AND ?3"
      " LIMIT ?4");
  const Stmt* next_id = Prep(
      "SELECT COALESCE(MAX(CAST(SUBSTR(cluster_id, 2) AS INTEGER)), 0) + 1 FROM event_clusters");
  const Stmt* new_cluster = Prep(
      "INSERT INTO event_clusters(cluster_id, plover, date_value, place_ref, place_text,"
      " independent_origins, reports, computed_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, 1, ?6)");
  const Stmt* add_member = Prep(
      "INSERT OR IGNORE INTO cluster_members(cluster_id, document_id, event_id, plover, day, lat,"
      " lon, place_ref, actor, target, joined) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
      " (SELECT COALESCE(MAX(joined), 0) + 1 FROM cluster_members))");
  const Stmt* recount = Prep(
      "UPDATE event_clusters SET reports = (SELECT COUNT(DISTINCT document_id) FROM"
      " cluster_members WHERE cluster_id = ?1), independent_origins = (SELECT COUNT(DISTINCT"
      " COALESCE(p.origin, m.document_id)) FROM cluster_members AS m LEFT JOIN provenance AS p ON"
      " p.document_id = m.document_id WHERE m.cluster_id = ?1), computed_at = ?2"
      " WHERE cluster_id = ?1");
  if (!events_q || !cand_q || !next_id || !new_cluster || !add_member || !recount)
    return SqlError(db, path, "prepare");
  std::vector<Key> keys;
  std::vector<std::string> place_texts;
  std::vector<std::string> dates;
  {
    Use u(*events_q);
    u.Text(document_id);
    int rc;
    while ((rc = u.Step()) == SQLITE_ROW) {
      sqlite3_stmt* s = u.get();
      Key k;
      k.document_id = document_id;
      k.event_id = ColumnText(s, 0);
      k.plover = ColumnText(s, 1);
      const std::string_view date = ColumnText(s, 2), precision = ColumnText(s, 3);
      const std::string_view published = ColumnText(s, 11);
      int64_t day = 0;
      if (!date.empty() && precision == "day" && IsoDayNumber(date, &day, /*allow_coarse=*/true)) {
        k.window = 0;
      } else if (!date.empty()) {
        continue;  // a month or a year ("since March 2011") is background, not a happening
      } else if (IsoDayNumber(published, &day, /*allow_coarse=*/true) && published.size() == 10) {
        k.window = 1;  // reported the day it happened or the day after
        day -= 1;
      } else {
        continue;  // no usable date: not clustered
      }
      k.day = day;
      k.place_ref = ColumnText(s, 4);
      // Distances only between points: a country's or province's centroid
      // says nothing about where in it the event was (those match by ref).
      if (ColumnText(s, 13) == "point" && sqlite3_column_type(s, 5) != SQLITE_NULL &&
          sqlite3_column_type(s, 6) != SQLITE_NULL) {
        k.has_geo = true;
        k.lat = sqlite3_column_double(s, 5);
        k.lon = sqlite3_column_double(s, 6);
      }
      k.actor = SideKey(ColumnText(s, 7), ColumnText(s, 8));
      k.target = SideKey(ColumnText(s, 9), ColumnText(s, 10));
      keys.push_back(std::move(k));
      place_texts.emplace_back(ColumnText(s, 12));
      dates.emplace_back(date.empty() ? published : date);
    }
    if (rc != SQLITE_DONE) return SqlError(db, path, "read events");
  }
  const std::string now = NowUtc();
  for (size_t i = 0; i < keys.size(); ++i) {
    const Key& k = keys[i];
    // Members are day-dated (month and year dates are not clustered), so
    // the window is all a candidate can be from this event.
    const int64_t reach = options_.window_days + k.window;
    // Per cluster: the best member's score, and whether any member's actor
    // or target contradicts this event's (then not that cluster).
    std::map<std::string, std::pair<double, bool>> per_cluster;
    {
      Use u(*cand_q);
      u.Text(k.plover).Int(k.day - reach).Int(k.day + reach).Int(options_.max_candidates);
      int rc;
      while ((rc = u.Step()) == SQLITE_ROW) {
        sqlite3_stmt* s = u.get();
        const int64_t day = sqlite3_column_int64(s, 1);
        const int64_t dd = std::llabs(day - k.day);
        if (dd > options_.window_days + k.window) continue;
        double km = -1;
        if (k.has_geo && sqlite3_column_type(s, 2) != SQLITE_NULL &&
            sqlite3_column_type(s, 3) != SQLITE_NULL) {
          km = DistanceKm(k.lat, k.lon, sqlite3_column_double(s, 2), sqlite3_column_double(s, 3));
          // Two different named places must be close (a village and the town
          // it is "near"); towns 25 km apart are two happenings.
          const bool same_ref = !k.place_ref.empty() && ColumnText(s, 4) == k.place_ref;
          if (km > (same_ref ? options_.max_km : options_.max_km_distinct)) continue;
        }
        const std::string actor(ColumnText(s, 5)), target(ColumnText(s, 6));
        if (km < 0) {
          // Without two points: a province or district must be the same
          // entry, one day apart at most, with the same actor or target; a
          // country or no place says too little, so both actor and target
          // must agree and the day be the same.
          const std::string_view ref = ColumnText(s, 4);
          auto coarse = [](std::string_view r) {
            return r.empty() || r.rfind("iso3166-1:", 0) == 0;
          };
          const bool same_actor = !k.actor.empty() && k.actor == actor;
          const bool same_target = !k.target.empty() && k.target == target;
          if (coarse(k.place_ref) || coarse(ref)) {
            if (!(same_actor && same_target) || dd > 0) continue;
          } else if (ref != k.place_ref || dd > 1 || !(same_actor || same_target)) {
            continue;
          }
        }
        auto& [cluster_score, contradicted] = per_cluster[std::string(ColumnText(s, 0))];
        if (!Compatible(k.actor, actor) || !Compatible(k.target, target)) {
          contradicted = true;
          continue;
        }
        double score = (options_.window_days + k.window + 1 - static_cast<double>(dd));
        if (km >= 0) score += 2 * (1 - km / options_.max_km);
        if (!k.actor.empty() && k.actor == actor) score += 1;
        if (!k.target.empty() && k.target == target) score += 1;
        cluster_score = std::max(cluster_score, score);
      }
      if (rc != SQLITE_DONE) return SqlError(db, path, "read candidates");
    }
    std::string best;
    double best_score = 0;
    for (const auto& [cluster, v] : per_cluster) {
      if (v.second || v.first <= best_score) continue;
      best_score = v.first;
      best = cluster;
    }
    if (best.empty()) {
      Use u(*next_id);
      if (u.Step() != SQLITE_ROW) return SqlError(db, path, "next cluster id");
      best = "k" + std::to_string(sqlite3_column_int64(u.get(), 0));
      Use w(*new_cluster);
      w.Text(best).Text(k.plover).TextOrNull(dates[i]).TextOrNull(k.place_ref)
          .TextOrNull(place_texts[i]).Text(now);
      if (w.Step() != SQLITE_DONE) return SqlError(db, path, "insert cluster");
    }
    {
      Use u(*add_member);
      u.Text(best).Text(k.document_id).Text(k.event_id).Text(k.plover).Int(k.day);
      if (k.has_geo) u.Real(k.lat).Real(k.lon); else u.Null().Null();
      u.TextOrNull(k.place_ref).TextOrNull(k.actor).TextOrNull(k.target);
      if (u.Step() != SQLITE_DONE) return SqlError(db, path, "insert member");
    }
    {
      Use u(*recount);
      if (u.Text(best).Text(now).Step() != SQLITE_DONE) return SqlError(db, path, "recount");
    }
  }
  return Status::Ok();
}

Status EventClusterIndex::CatchUp() {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  std::vector<std::string> docs;
  {
    const Stmt* q = Prep(
        "SELECT d.id FROM documents AS d WHERE EXISTS (SELECT 1 FROM events AS e WHERE"
        " e.document_id = d.id AND NOT EXISTS (SELECT 1 FROM cluster_members AS m WHERE"
        " m.document_id = e.document_id AND m.event_id = e.event_id)) ORDER BY d.doc_no");
    if (!q) return SqlError(db, path, "prepare catch-up");
    Use u(*q);
    int rc;
    while ((rc = u.Step()) == SQLITE_ROW) docs.emplace_back(ColumnText(u.get(), 0));
    if (rc != SQLITE_DONE) return SqlError(db, path, "list documents");
  }
  if (docs.empty()) return Status::Ok();
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(db, path, "begin");
  for (const std::string& d : docs) {
    Status s = AddDocument(d);
    if (!s.ok()) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return s;
    }
  }
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(db, path, "commit");
  return Status::Ok();
}

Status EventClusterIndex::Rebuild() {
  sqlite3* db = store_->handle();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  if (sqlite3_exec(db, "BEGIN IMMEDIATE; DELETE FROM cluster_members; DELETE FROM event_clusters;"
                       " COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = SqlError(db, store_->path(), "clear clusters");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return s;
  }
  return CatchUp();
}

Status EventClusterIndex::ForEachCluster(int min_reports,
                                         const std::function<bool(const EventCluster&)>& fn) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  const Stmt* q = Prep(
      "SELECT c.cluster_id, c.plover, COALESCE(c.date_value, ''), COALESCE(c.place_ref, ''),"
      " COALESCE(c.place_text, ''), COUNT(DISTINCT m.document_id),"
      " COUNT(DISTINCT COALESCE(p.origin, m.document_id))"
      " FROM event_clusters AS c JOIN cluster_members AS m ON m.cluster_id = c.cluster_id"
      " LEFT JOIN provenance AS p ON p.document_id = m.document_id"
      " GROUP BY c.cluster_id HAVING COUNT(DISTINCT m.document_id) >= ?1"
      " ORDER BY 6 DESC, 7 DESC, CAST(SUBSTR(c.cluster_id, 2) AS INTEGER)");
  const Stmt* members = Prep(
      "SELECT m.document_id, m.event_id, COALESCE(p.origin, m.document_id) FROM cluster_members"
      " AS m LEFT JOIN provenance AS p ON p.document_id = m.document_id WHERE m.cluster_id = ?1"
      " ORDER BY m.joined");
  if (!q || !members) return SqlError(db, path, "prepare listing");
  // A document that embeds another's paragraphs is not an independent
  // report of what those paragraphs tell: the two origins count once.
  ReusePairs reuse;
  DOSSIER_RETURN_IF_ERROR(LoadReusePairs(store_, &reuse));
  std::vector<EventCluster> out;
  {
    Use u(*q);
    u.Int(min_reports);
    int rc;
    while ((rc = u.Step()) == SQLITE_ROW) {
      sqlite3_stmt* s = u.get();
      EventCluster c;
      c.id = ColumnText(s, 0);
      c.plover = ColumnText(s, 1);
      c.date = ColumnText(s, 2);
      c.place_ref = ColumnText(s, 3);
      c.place_text = ColumnText(s, 4);
      c.reports = sqlite3_column_int(s, 5);
      c.independent_origins = sqlite3_column_int(s, 6);
      out.push_back(std::move(c));
    }
    if (rc != SQLITE_DONE) return SqlError(db, path, "read clusters");
  }
  for (EventCluster& c : out) {
    std::vector<std::pair<std::string, std::string>> docs;  // (document, origin)
    {
      Use u(*members);
      u.Text(c.id);
      int rc;
      while ((rc = u.Step()) == SQLITE_ROW) {
        c.events.push_back(std::string(ColumnText(u.get(), 0)) + "#" +
                           std::string(ColumnText(u.get(), 1)));
        docs.emplace_back(ColumnText(u.get(), 0), ColumnText(u.get(), 2));
      }
      if (rc != SQLITE_DONE) return SqlError(db, path, "read members");
    }
    c.independent_origins = IndependentOrigins(docs, reuse);
    if (!fn(c)) break;
  }
  return Status::Ok();
}

}  // namespace dossier::corpus
