// dossier serve: the local web app and its read-only JSON API (docs/api.md).
// HTTP handling only: every answer comes from src/query; this layer adds the
// guards a server facing a browser needs (methods, sizes, rate limits,
// security headers, static files without traversal) over cpp-httplib.
#ifndef DOSSIER_SERVE_SERVER_H_
#define DOSSIER_SERVE_SERVER_H_

#include <memory>
#include <string>

#include "dossier/status.h"

namespace dossier::serve {

struct ServeOptions {
  std::string db = "dossier.db";   // the store (must exist): a file or a postgresql:// URL
  std::string host = "127.0.0.1";  // address to bind; anything else is public
  int port = 8080;                 // 0: any free port
  // The UI's files (index.html, app/) and the npm packages the UI uses.
  // Empty: DOSSIER_WEB / DOSSIER_VENDOR from the environment, else the
  // directories of the source tree the binary was built from.
  std::string web_dir, vendor_dir;
  int threads = 8;                 // request workers (each with its own connection)
  double rate_per_second = 100;    // per client address, on average
  double rate_burst = 400;         // requests a client may make at once
  size_t max_url_bytes = 4096;     // longer request targets are 414
  size_t max_params = 64;          // more query parameters are 400
  int read_timeout_seconds = 5;    // a client slower than this is dropped
  int write_timeout_seconds = 30;
  bool bring_index_up_to_date = true;  // corpus CatchUp at start (the only write)
};

class Server {
 public:
  explicit Server(ServeOptions options);
  ~Server();
  // Opens the store (migrating it and bringing the corpus index up to date)
  // and binds the port. kStorage / kIo naming the store or address.
  Status Start();
  // The bound port (after Start).
  int port() const;
  // Serves until Stop() (from another thread or a signal).
  Status Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Escapes <, >, & and U+2028/U+2029 in a JSON text as \u003c etc. (they
// occur only inside strings), so an answer stays inert if a browser is
// tricked into reading it as HTML.
void MakeJsonInert(std::string* json);

}  // namespace dossier::serve

#endif  // DOSSIER_SERVE_SERVER_H_
