// A throw-away clickhouse-server for the sink's tests: Debian's binary run
// on free loopback ports with a minimal config.xml/users.xml in a temp dir,
// waited for on /ping, and stopped (SIGTERM, then SIGKILL) with its files
// removed when the object goes; the server also dies with the test process
// (PR_SET_PDEATHSIG), so a crashed test leaves no server behind.
#ifndef DOSSIER_TESTS_CLICKHOUSE_CLICKHOUSE_SERVER_H_
#define DOSSIER_TESTS_CLICKHOUSE_CLICKHOUSE_SERVER_H_

#include <sys/types.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "test_util.h"

namespace dossier::testing {

// A port on 127.0.0.1 that was free a moment ago.
int FreePort();

class ClickHouseServer {
 public:
  struct Ports {
    int http = 0, tcp = 0;
  };
  // Picks free ports; Start() launches the server.
  ClickHouseServer();
  ~ClickHouseServer();
  ClickHouseServer(const ClickHouseServer&) = delete;
  ClickHouseServer& operator=(const ClickHouseServer&) = delete;

  // `remote_servers`: XML put inside <remote_servers> (clusters for
  // Distributed tables), "" for none. Returns "" once /ping answers, else
  // what went wrong (with the server's log).
  std::string Start(const std::string& remote_servers = "");

  const Ports& ports() const { return ports_; }
  // "clickhouse://127.0.0.1:<http>/<db>".
  std::string Url(const std::string& db) const;

  // Runs `sql` over HTTP (not through the code under test). Returns
  // {HTTP status, body}; status 0 if the server could not be reached.
  std::pair<int, std::string> Query(const std::string& sql) const;
  // The body of `sql`, failing the test on an error answer.
  std::string Must(const std::string& sql) const;

 private:
  TempDir dir_;
  Ports ports_;
  pid_t pid_ = -1;
};

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_CLICKHOUSE_CLICKHOUSE_SERVER_H_
