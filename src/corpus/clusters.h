// Corroboration: events from different documents that describe the same
// happening form a cluster, which reports how many documents tell it and how
// many independent origins they come from (copies, republications and
// translations of one article count once: src/corpus/provenance.h).
//
// Two events match when they have the same PLOVER type, dates within a
// window (the event's date, else its document's publication date), places
// within a distance (the same entry, or two points 15 km apart at most; a
// province or country only by the same entry, with an actor or target in
// common),
// and actors and targets that do not contradict each other (different
// countries or named groups on the same side). Incremental like provenance:
// an event is compared only with the events of its type in its date window,
// joins the cluster of its best match, or starts one.
//
// Tables: event_clusters and cluster_members (001_init.sql), on either store
// backend; on PostgreSQL the writes take the corpus layer's lock (LockCorpus
// in provenance.h), so processes ingesting at once number clusters safely.
#ifndef DOSSIER_CORPUS_CLUSTERS_H_
#define DOSSIER_CORPUS_CLUSTERS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dossier/status.h"
#include "store/db.h"
#include "store/store.h"

namespace dossier::corpus {

struct ClusterOptions {
  int window_days = 1;        // dates at most this many days apart
  double max_km = 50;           // points of one place entry at most this far apart
  double max_km_distinct = 15;  // points of two different place entries
  int max_candidates = 2000;  // events read per type and window
};

struct EventCluster {
  std::string id;       // "k17"
  std::string plover, date, place_ref, place_text;
  int reports = 0;              // distinct documents
  int independent_origins = 0;  // distinct provenance origins of those documents
  std::vector<std::string> events;  // "docid#v3", in the order they joined
};

class EventClusterIndex {
 public:
  explicit EventClusterIndex(Store* store, ClusterOptions options = {});
  ~EventClusterIndex();

  // Clusters the stored events of `document_id` that are not clustered yet
  // (asserted events with a type; negated, hypothetical and repeated ones
  // are left out). Writes join the store's open batch, or are one
  // transaction of their own when none is open.
  Status AddDocument(const std::string& document_id);
  // Clusters every stored event not yet in a cluster, in store order.
  Status CatchUp();
  // Drops every cluster and clusters all events again.
  Status Rebuild();
  // Clusters with their members and counts (recomputed from the current
  // provenance), largest first; `min_reports` filters small ones.
  Status ForEachCluster(int min_reports, const std::function<bool(const EventCluster&)>& fn);

 private:
  db::Statement* Prep(std::string_view sql) { return cache_.Get(sql); }
  // AddDocument's work inside its transaction and lock.
  Status ClusterEvents(const std::string& document_id);
  Store* store_;
  ClusterOptions options_;
  db::StatementCache cache_;  // must not outlive the store's connection
};


// Great-circle distance in km.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace dossier::corpus

#endif  // DOSSIER_CORPUS_CLUSTERS_H_
