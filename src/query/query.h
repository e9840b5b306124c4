// The read side of the store: the queries behind `dossier serve`'s JSON API
// (docs/api.md) and `dossier export`. Each call answers one endpoint with a
// complete JSON text, or an error whose code says whose fault it is
// (InvalidInput / Usage: the request's, 400; NotFound: 404; Storage: 500).
// A Query is one store connection's worth of work: use it from one thread.
#ifndef DOSSIER_QUERY_QUERY_H_
#define DOSSIER_QUERY_QUERY_H_

#include <functional>
#include <string>
#include <string_view>

#include "corpus/provenance.h"
#include "dossier/status.h"
#include "query/event_filter.h"
#include "store/store.h"

namespace dossier::query {

// The object `dossier stats --json` prints and /api/stats returns.
std::string StatsJson(const StoreStats& stats);

// What an export of `what` as `format` is served as.
struct ExportKind {
  std::string content_type;  // "application/x-ndjson", "text/csv", "application/geo+json"
  std::string filename;      // "dossier-events.csv"
};
// InvalidInput (naming what and format) for a combination `dossier export`
// does not write.
Result<ExportKind> CheckExport(std::string_view what, std::string_view format);

// Writes the export of `what` (documents, entities, events, claims, markers)
// as `format` to `fn` in pieces; events are selected by `filter`. The CLI's
// `dossier export` and the API's /api/export both write through this, so the
// two agree byte for byte. `fn` may return false to stop.
Status Export(Store* store, std::string_view what, std::string_view format,
              const EventFilter& filter, const std::function<bool(std::string_view)>& fn);

// InvalidInput naming parameter 'q' when `q` is not a valid FTS5 query
// (checked before it is used inside a larger statement, whose failure would
// look like a storage error). On PostgreSQL, whose web search syntax accepts
// any text, always Ok.
Status CheckFtsQuery(Store* store, const std::string& q);

// One shared citation as `dossier corpus citations` prints it and
// /api/citations lists it.
std::string SharedCitationJson(const corpus::SharedCitation& citation);

class Query {
 public:
  explicit Query(Store* store) : store_(store) {}

  // One method per endpoint of docs/api.md; `params` are the request's
  // query parameters (unknown names are InvalidInput).
  Result<std::string> Health();
  Result<std::string> Stats();
  Result<std::string> Documents(const Params& params);
  Result<std::string> Document(std::string_view id);
  Result<std::string> Raw(std::string_view id);
  Result<std::string> Entities(const Params& params);
  Result<std::string> Entity(const Params& params);
  Result<std::string> Events(const Params& params);
  Result<std::string> EventsGeoJson(const Params& params);
  Result<std::string> Timeline(const Params& params);
  Result<std::string> Facets(const Params& params);
  Result<std::string> Clusters(const Params& params);
  Result<std::string> ProvenanceGroups(const Params& params);
  Result<std::string> Citations(const Params& params);
  Result<std::string> Outlets(const Params& params);

 private:
  Status CheckFts(const std::string& q);  // CheckFtsQuery on this store
  db::Backend Backend() const { return store_->connection()->backend(); }
  Store* store_;
};

}  // namespace dossier::query

#endif  // DOSSIER_QUERY_QUERY_H_
