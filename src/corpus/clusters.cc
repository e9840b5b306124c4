#include "corpus/clusters.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "corpus/provenance.h"
#include "dossier/civil_date.h"
#include "store/sqlite_util.h"

namespace dossier::corpus {

using store_internal::NowUtc;

namespace {

Status SqlError(const db::Connection* db, const std::string& path, std::string_view op) {
  return StorageError("store " + path + ": event clusters: " + std::string(op) + ": " +
                      (db ? db->ErrorMessage() : "no connection"));
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

EventClusterIndex::EventClusterIndex(Store* store, ClusterOptions options)
    : store_(store), options_(options), cache_(store->connection()) {}
EventClusterIndex::~EventClusterIndex() = default;

Status EventClusterIndex::AddDocument(const std::string& document_id) {
  db::Connection* db = store_->connection();
  // Join the open batch, or make one transaction of this document's events;
  // on PostgreSQL under the corpus lock, so the cluster numbers and join
  // order another process hands out are seen here (src/corpus/provenance.h).
  const bool own_tx = !db->InTransaction();
  if (own_tx && !db->Exec("BEGIN IMMEDIATE"))
    return SqlError(db, store_->StoreName(), "begin");
  Status s = LockCorpus(store_);
  if (s.ok()) s = ClusterEvents(document_id);
  if (!s.ok()) {
    if (own_tx) db->Exec("ROLLBACK");
    return s;
  }
  if (own_tx && !db->Exec("COMMIT")) {
    s = SqlError(db, store_->StoreName(), "commit");
    db->Exec("ROLLBACK");
    return s;
  }
  return Status::Ok();
}

Status EventClusterIndex::ClusterEvents(const std::string& document_id) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  db::Statement* events_q = Prep(
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
      " AND m.event_id = e.event_id) ORDER BY e.start, e.event_id");
  db::Statement* cand_q = Prep(
      "SELECT cluster_id, day, lat, lon, COALESCE(place_ref, ''), COALESCE(actor, ''),"
      " COALESCE(target, '') FROM cluster_members WHERE plover = ?1 AND day BETWEEN ?2 AND ?3"
      " ORDER BY day, cluster_id, document_id, event_id LIMIT ?4");
  // The expression of each backend's index on the cluster number (SQLite:
  // 010_cluster_counters.sql; PostgreSQL: its 010_schema.sql), so the MAX is
  // one index step.
  db::Statement* next_id = Prep(
      store_->postgres()
          ? "SELECT COALESCE(MAX(CAST(SUBSTR(cluster_id, 2) AS BIGINT)), 0) + 1"
            " FROM event_clusters"
          : "SELECT COALESCE(MAX(CAST(SUBSTR(cluster_id, 2) AS INTEGER)), 0) + 1"
            " FROM event_clusters");
  db::Statement* new_cluster = Prep(
      "INSERT INTO event_clusters(cluster_id, plover, date_value, place_ref, place_text,"
      " independent_origins, reports, computed_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, 1, ?6)");
  db::Statement* add_member = Prep(
      "INSERT INTO cluster_members(cluster_id, document_id, event_id, plover, day, lat,"
      " lon, place_ref, actor, target, joined) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
      " (SELECT COALESCE(MAX(joined), 0) + 1 FROM cluster_members))"
      " ON CONFLICT (cluster_id, document_id, event_id) DO NOTHING");
  db::Statement* recount = Prep(
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
    db::Bound u(events_q);
    u.Text(document_id);
    int rc;
    while ((rc = u.Step()) == db::kRow) {
      db::Statement* s = u.get();
      Key k;
      k.document_id = document_id;
      k.event_id = s->Text(0);
      k.plover = s->Text(1);
      const std::string_view date = s->Text(2), precision = s->Text(3);
      const std::string_view published = s->Text(11);
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
      k.place_ref = s->Text(4);
      // Distances only between points: a country's or province's centroid
      // says nothing about where in it the event was (those match by ref).
      if (s->Text(13) == "point" && !s->IsNull(5) &&
          !s->IsNull(6)) {
        k.has_geo = true;
        k.lat = s->Real(5);
        k.lon = s->Real(6);
      }
      k.actor = SideKey(s->Text(7), s->Text(8));
      k.target = SideKey(s->Text(9), s->Text(10));
      keys.push_back(std::move(k));
      place_texts.emplace_back(s->Text(12));
      dates.emplace_back(date.empty() ? published : date);
    }
    if (rc != db::kDone) return SqlError(db, path, "read events");
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
      db::Bound u(cand_q);
      u.Text(k.plover).Int(k.day - reach).Int(k.day + reach).Int(options_.max_candidates);
      int rc;
      while ((rc = u.Step()) == db::kRow) {
        db::Statement* s = u.get();
        const int64_t day = s->Int(1);
        const int64_t dd = std::llabs(day - k.day);
        if (dd > options_.window_days + k.window) continue;
        double km = -1;
        if (k.has_geo && !s->IsNull(2) &&
            !s->IsNull(3)) {
          km = DistanceKm(k.lat, k.lon, s->Real(2), s->Real(3));
          // Two different named places must be close (a village and the town
          // it is "near"); towns 25 km apart are two happenings.
          const bool same_ref = !k.place_ref.empty() && s->Text(4) == k.place_ref;
          if (km > (same_ref ? options_.max_km : options_.max_km_distinct)) continue;
        }
        const std::string actor(s->Text(5)), target(s->Text(6));
        if (km < 0) {
          // Without two points: a province or district must be the same
          // entry, one day apart at most, with the same actor or target; a
          // country or no place says too little, so both actor and target
          // must agree and the day be the same.
          const std::string_view ref = s->Text(4);
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
        auto& [cluster_score, contradicted] = per_cluster[std::string(s->Text(0))];
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
      if (rc != db::kDone) return SqlError(db, path, "read candidates");
    }
    std::string best;
    double best_score = 0;
    for (const auto& [cluster, v] : per_cluster) {
      if (v.second || v.first <= best_score) continue;
      best_score = v.first;
      best = cluster;
    }
    if (best.empty()) {
      db::Bound u(next_id);
      if (u.Step() != db::kRow) return SqlError(db, path, "next cluster id");
      best = "k" + std::to_string(u.get()->Int(0));
      db::Bound w(new_cluster);
      w.Text(best).Text(k.plover).TextOrNull(dates[i]).TextOrNull(k.place_ref)
          .TextOrNull(place_texts[i]).Text(now);
      if (w.Step() != db::kDone) return SqlError(db, path, "insert cluster");
    }
    {
      db::Bound u(add_member);
      u.Text(best).Text(k.document_id).Text(k.event_id).Text(k.plover).Int(k.day);
      if (k.has_geo) u.Real(k.lat).Real(k.lon); else u.Null().Null();
      u.TextOrNull(k.place_ref).TextOrNull(k.actor).TextOrNull(k.target);
      if (u.Step() != db::kDone) return SqlError(db, path, "insert member");
    }
    {
      db::Bound u(recount);
      if (u.Text(best).Text(now).Step() != db::kDone) return SqlError(db, path, "recount");
    }
  }
  return Status::Ok();
}

Status EventClusterIndex::CatchUp() {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  std::vector<std::string> docs;
  {
    db::Statement* q = Prep(
        "SELECT d.id FROM documents AS d WHERE EXISTS (SELECT 1 FROM events AS e WHERE"
        " e.document_id = d.id AND NOT EXISTS (SELECT 1 FROM cluster_members AS m WHERE"
        " m.document_id = e.document_id AND m.event_id = e.event_id)) ORDER BY d.doc_no");
    if (!q) return SqlError(db, path, "prepare catch-up");
    db::Bound u(q);
    int rc;
    while ((rc = u.Step()) == db::kRow) docs.emplace_back(u.get()->Text(0));
    if (rc != db::kDone) return SqlError(db, path, "list documents");
  }
  if (docs.empty()) return Status::Ok();
  if (!db->Exec("BEGIN IMMEDIATE"))
    return SqlError(db, path, "begin");
  for (const std::string& d : docs) {
    Status s = AddDocument(d);
    if (!s.ok()) {
      db->Exec("ROLLBACK");
      return s;
    }
  }
  if (!db->Exec("COMMIT"))
    return SqlError(db, path, "commit");
  return Status::Ok();
}

Status EventClusterIndex::Rebuild() {
  db::Connection* db = store_->connection();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  if (!db->Exec("BEGIN IMMEDIATE")) return SqlError(db, store_->StoreName(), "begin");
  Status lk = LockCorpus(store_);
  if (!lk.ok() || !db->Exec("DELETE FROM cluster_members; DELETE FROM event_clusters") ||
      !db->Exec("COMMIT")) {
    Status s = lk.ok() ? SqlError(db, store_->StoreName(), "clear clusters") : lk;
    db->Exec("ROLLBACK");
    return s;
  }
  return CatchUp();
}

Status EventClusterIndex::ForEachCluster(int min_reports,
                                         const std::function<bool(const EventCluster&)>& fn) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  db::Statement* q = Prep(
      "SELECT c.cluster_id, c.plover, COALESCE(c.date_value, ''), COALESCE(c.place_ref, ''),"
      " COALESCE(c.place_text, ''), COUNT(DISTINCT m.document_id),"
      " COUNT(DISTINCT COALESCE(p.origin, m.document_id))"
      " FROM event_clusters AS c JOIN cluster_members AS m ON m.cluster_id = c.cluster_id"
      " LEFT JOIN provenance AS p ON p.document_id = m.document_id"
      " GROUP BY c.cluster_id HAVING COUNT(DISTINCT m.document_id) >= ?1"
      " ORDER BY 6 DESC, 7 DESC, CAST(SUBSTR(c.cluster_id, 2) AS INTEGER)");
  db::Statement* members = Prep(
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
    db::Bound u(q);
    u.Int(min_reports);
    int rc;
    while ((rc = u.Step()) == db::kRow) {
      db::Statement* s = u.get();
      EventCluster c;
      c.id = s->Text(0);
      c.plover = s->Text(1);
      c.date = s->Text(2);
      c.place_ref = s->Text(3);
      c.place_text = s->Text(4);
      c.reports = static_cast<int>(s->Int(5));
      c.independent_origins = static_cast<int>(s->Int(6));
      out.push_back(std::move(c));
    }
    if (rc != db::kDone) return SqlError(db, path, "read clusters");
  }
  for (EventCluster& c : out) {
    std::vector<std::pair<std::string, std::string>> docs;  // (document, origin)
    {
      db::Bound u(members);
      u.Text(c.id);
      int rc;
      while ((rc = u.Step()) == db::kRow) {
        c.events.push_back(std::string(u.get()->Text(0)) + "#" +
                           std::string(u.get()->Text(1)));
        docs.emplace_back(u.get()->Text(0), u.get()->Text(2));
      }
      if (rc != db::kDone) return SqlError(db, path, "read members");
    }
    c.independent_origins = IndependentOrigins(docs, reuse);
    if (!fn(c)) break;
  }
  return Status::Ok();
}

}  // namespace dossier::corpus
