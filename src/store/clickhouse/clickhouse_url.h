// The address of a ClickHouse sink: `clickhouse://[user[:password]@]host[:port]/db[?k=v&...]`,
// as given to `dossier ingest --sink` (docs/clickhouse.md). Parsing only; the
// sink (clickhouse_sink.h) turns it into HTTP requests.
#ifndef DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_URL_H_
#define DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_URL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/status.h"

namespace dossier::clickhouse {

struct ClickHouseUrl {
  std::string host;          // "127.0.0.1", "ch1.example", or "::1" (given as [::1])
  int port = 8123;           // the HTTP interface's port (8123 by default)
  std::string database;      // created if missing; [A-Za-z0-9_]+
  std::string user;          // "" = the server's default user
  std::string password;      // "" = none
  // The sink's own options from the query string: batch_rows, batch_bytes,
  // retries (0 = use the defaults of ClickHouseOptions).
  size_t batch_rows = 0, batch_bytes = 0;
  int retries = -1;          // -1 = the default
  // Every other `key=value` of the query string: ClickHouse settings sent
  // with each request (e.g. insert_distributed_sync=1), names [A-Za-z0-9_]+.
  std::vector<std::pair<std::string, std::string>> settings;

  // "http://host:port/" (IPv6 hosts bracketed): where requests go.
  std::string HttpBase() const;
  // The URL as given, with the password replaced by "***" (for messages).
  std::string Redacted() const;
};

// Parses `url`. Errors are InvalidInput naming the URL (password redacted)
// and what is wrong with it: wrong scheme, no host, a port that is not a
// number in 1..65535, no database or one with characters ClickHouse would
// need quoted, a malformed or unknown-looking query parameter.
Result<ClickHouseUrl> ParseClickHouseUrl(std::string_view url);

// True for names ClickHouse takes unquoted and the sink uses as is:
// [A-Za-z_][A-Za-z0-9_]*, at most 64 bytes.
bool IsPlainIdentifier(std::string_view name);

}  // namespace dossier::clickhouse

#endif  // DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_URL_H_
