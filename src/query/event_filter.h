// The event filter shared by `dossier export --what events` and the JSON
// API of `dossier serve` (docs/api.md "The event filter"): one parser from
// name=value parameters and one translation into the store's RowSelection,
// so an export from the UI equals the CLI's for the same filter.
#ifndef DOSSIER_QUERY_EVENT_FILTER_H_
#define DOSSIER_QUERY_EVENT_FILTER_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/status.h"
#include "store/db.h"
#include "store/store.h"

namespace dossier::query {

// Request parameters, name -> value (a name may repeat; the first counts).
using Params = std::multimap<std::string, std::string>;

struct EventFilter {
  std::vector<std::string> types;   // PLOVER types (any of)
  std::string mode;                 // PLOVER mode
  std::string actor, target, place; // entry ref (has ':') or words of the text
  std::string country;              // ISO 3166-1 alpha-2 of the place
  std::optional<std::array<double, 4>> bbox;  // west, south, east, north
  std::optional<std::array<double, 3>> near;  // lat, lon, radius in km
  std::string from, to;             // YYYY-MM-DD (or YYYY-MM / YYYY), inclusive
  std::vector<std::string> voices;  // author|attributed|quoted|hedged (any of)
  std::optional<double> min_confidence;
  std::string document, cluster, outlet;
  std::string q;                    // full text over the documents: FTS5 syntax on
                                    // SQLite, web search syntax on PostgreSQL
  bool repeats = true;              // keep same_as repeats
  bool asserted = false;            // only events neither negated nor hypothetical
};

// The parameter names of the event filter, in the order docs/api.md lists
// them (the CLI registers one flag per name).
const std::vector<std::string>& EventFilterParams();

// Reads the filter from `params`, ignoring names that are not filter
// parameters. InvalidInput naming the parameter for a malformed value.
Result<EventFilter> ParseEventFilter(const Params& params);

// The condition selecting the filter's events over the store's events
// export tables (v = events, d = documents), with its parameters, in the SQL
// of `backend`: full text is FTS5 on SQLite and documents.tsv on PostgreSQL,
// where bbox and near also use the spatial index of events.place_geog (the
// same events are selected on both; see ToSelection).
RowSelection ToSelection(const EventFilter& filter, db::Backend backend);

// Great-circle distance in km between (lat1, lon1) and (lat2, lon2) on the
// sphere PostGIS uses for geography (mean Earth radius 6371.0088 km), as the
// `near` filter computes it in SQL; for tests and callers that check a pick.
double GreatCircleKm(double lat1, double lon1, double lat2, double lon2);

// True if the filter looks at the events' documents (outlet, q): only then
// must a query join them.
bool UsesDocuments(const EventFilter& filter);

// The items of a comma-separated list, trimmed, empty ones dropped.
std::vector<std::string> SplitList(std::string_view v);

// A LIKE pattern matching `words` anywhere, case-insensitively for ASCII; a
// backslash escapes %, _ and itself (use it with ESCAPE '\').
std::string LikeContains(std::string_view words);

// SQL for the first (or, with `last`, the last) day of the YYYY, YYYY-MM or
// YYYY-MM-DD value in `column`, comparable with a "YYYY-MM-DD" string; a
// month's last day is written "-31", which compares right in every month.
std::string DayBoundSql(const std::string& column, bool last);

// The first value of `name`, or nullptr.
const std::string* Param(const Params& params, std::string_view name);

// Checks that every parameter name is in `allowed` (InvalidInput naming the
// first unknown one and listing the allowed names).
Status CheckParams(const Params& params, const std::vector<std::string>& allowed);

// A date parameter: YYYY-MM-DD, YYYY-MM or YYYY, checked; `end` pads a month
// or year to its last day ("2017-04" -> "2017-04-31"), else to its first.
Result<std::string> ParseDateParam(std::string_view name, std::string_view value, bool end);

}  // namespace dossier::query

#endif  // DOSSIER_QUERY_EVENT_FILTER_H_
