#include "serve/server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "corpus/clusters.h"
#include "corpus/provenance.h"
#include "dossier/json_writer.h"
#include "query/query.h"
#include "store/db.h"
#include "store/store.h"

#ifndef DOSSIER_SOURCE_DIR
#define DOSSIER_SOURCE_DIR "."
#endif

namespace dossier::serve {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCsp =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// The npm packages the UI may load from /vendor/NAME/...
constexpr const char* kVendorPackages[] = {"leaflet", "leaflet.markercluster",
                                           "topojson-client", "world-atlas"};

const char* ContentType(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidInput:
    case StatusCode::kUsage: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kTooLarge: return 413;
    default: return 500;
  }
}

std::string ErrorJson(const char* code, const std::string& message) {
  std::string out = "{\"error\":{\"code\":";
  JsonWriter::Escape(code, &out);
  out += ",\"message\":";
  JsonWriter::Escape(message, &out);
  out += "}}";
  MakeJsonInert(&out);
  return out;
}

const char* CodeName(int status) {
  switch (status) {
    case 400: return "invalid_input";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 413: return "too_large";
    case 414: return "uri_too_long";
    case 429: return "rate_limited";
    default: return "internal";
  }
}

void SetError(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(ErrorJson(CodeName(status), message), "application/json; charset=utf-8");
}

// True if a request path (decoded or not) could climb out of its root.
bool Traverses(const std::string& p) {
  if (p.find('\0') != std::string::npos || p.find('\\') != std::string::npos) return true;
  std::string lower;
  for (char c : p) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("%2e") != std::string::npos || lower.find("%2f") != std::string::npos ||
      lower.find("%5c") != std::string::npos || lower.find("%00") != std::string::npos)
    return true;
  size_t start = 0;
  while (start <= p.size()) {
    size_t slash = p.find('/', start);
    if (slash == std::string::npos) slash = p.size();
    const std::string seg = p.substr(start, slash - start);
    if (seg == "..") return true;
    start = slash + 1;
  }
  return false;
}

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

}  // namespace

void MakeJsonInert(std::string* json) {
  size_t extra = 0;
  for (size_t i = 0; i < json->size(); ++i) {
    const unsigned char c = static_cast<unsigned char>((*json)[i]);
    if (c == '<' || c == '>' || c == '&') extra += 5;
    else if (c == 0xE2 && i + 2 < json->size() && (*json)[i + 1] == '\x80' &&
             ((*json)[i + 2] == '\xA8' || (*json)[i + 2] == '\xA9'))
      extra += 3;
  }
  if (!extra) return;
  std::string out;
  out.reserve(json->size() + extra);
  for (size_t i = 0; i < json->size(); ++i) {
    const unsigned char c = static_cast<unsigned char>((*json)[i]);
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == 0xE2 && i + 2 < json->size() && (*json)[i + 1] == '\x80' &&
             ((*json)[i + 2] == '\xA8' || (*json)[i + 2] == '\xA9')) {
      out += (*json)[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  json->swap(out);
}

struct Server::Impl {
  ServeOptions options;
  httplib::Server http;
  int port = 0;
  fs::path web_root, vendor_root;

  // Store connections, one per concurrent request, reused.
  std::mutex pool_mu;
  std::vector<std::unique_ptr<Store>> pool;

  // Token buckets per client address.
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  std::mutex rate_mu;
  std::unordered_map<std::string, Bucket> buckets;

  Result<std::unique_ptr<Store>> Acquire() {
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      if (!pool.empty()) {
        auto s = std::move(pool.back());
        pool.pop_back();
        return s;
      }
    }
    StoreOptions so;
    so.path = options.db;
    auto store = Store::Open(so);
    if (!store.ok()) return store.status();
    // The server never writes after start: make the connection refuse to.
    db::Connection* conn = (*store)->connection();
    const bool read_only = conn->Exec(conn->backend() == db::Backend::kPostgres
                                          ? "SET default_transaction_read_only = on"
                                          : "PRAGMA query_only = ON");
    if (!read_only) {
      return StorageError("store " + db::RedactUrl((*store)->path()) +
                          ": cannot make the connection read-only: " + conn->ErrorMessage());
    }
    return store;
  }
  void Release(std::unique_ptr<Store> s) {
    std::lock_guard<std::mutex> lock(pool_mu);
    if (pool.size() < static_cast<size_t>(options.threads)) pool.push_back(std::move(s));
  }

  bool Allow(const std::string& addr) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(rate_mu);
    if (buckets.size() > 10000) buckets.clear();  // bounded memory under address churn
    auto [it, fresh] = buckets.try_emplace(addr, Bucket{options.rate_burst, now});
    Bucket& b = it->second;
    if (!fresh) {
      const double dt = std::chrono::duration<double>(now - b.at).count();
      b.tokens = std::min(options.rate_burst, b.tokens + dt * options.rate_per_second);
      b.at = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  // Runs `answer` on a pooled connection and writes its JSON or its error.
  void Answer(httplib::Response& res,
              const std::function<Result<std::string>(query::Query&)>& answer) {
    auto store = Acquire();
    if (!store.ok()) {
      SetError(res, 500, store.status().message());
      return;
    }
    Result<std::string> out = [&]() -> Result<std::string> {
      query::Query q(store->get());
      return answer(q);
    }();
    Release(std::move(*store));
    if (!out.ok()) {
      SetError(res, HttpStatus(out.status()), out.status().message());
      return;
    }
    std::string body = std::move(out).value();
    MakeJsonInert(&body);
    res.set_content(std::move(body), "application/json; charset=utf-8");
  }

  void ServeFile(const fs::path& root, const std::string& rel, httplib::Response& res) {
    if (rel.empty() || Traverses(rel) || rel.front() == '/') {
      SetError(res, 400, "bad path");
      return;
    }
    std::error_code ec;
    const fs::path full = fs::weakly_canonical(root / rel, ec);
    const fs::path base = fs::weakly_canonical(root, ec);
    const std::string f = full.string(), b = base.string() + "/";
    if (ec || f.compare(0, b.size(), b) != 0 || !fs::is_regular_file(full, ec)) {
      SetError(res, 404, "no such file");
      return;
    }
    std::ifstream in(full, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) {
      SetError(res, 500, "cannot read file");
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_content(ss.str(), ContentType(f));
  }

  void Routes();
};

Server::Server(ServeOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

Server::~Server() = default;

int Server::port() const { return impl_->port; }

void Server::Stop() { impl_->http.stop(); }

void Server::Impl::Routes() {
  using httplib::Request;
  using httplib::Response;
  auto params = [](const Request& req) {
    return query::Params(req.params.begin(), req.params.end());
  };
  http.Get("/api/health", [this](const Request&, Response& res) {
    Answer(res, [](query::Query& q) { return q.Health(); });
  });
  http.Get("/api/stats", [this](const Request&, Response& res) {
    Answer(res, [](query::Query& q) { return q.Stats(); });
  });
  // The endpoints that take parameters.
  const struct {
    const char* path;
    Result<std::string> (query::Query::*fn)(const query::Params&);
  } listed[] = {
      {"/api/documents", &query::Query::Documents},
      {"/api/entities", &query::Query::Entities},
      {"/api/entity", &query::Query::Entity},
      {"/api/events", &query::Query::Events},
      {"/api/events.geojson", &query::Query::EventsGeoJson},
      {"/api/timeline", &query::Query::Timeline},
      {"/api/facets", &query::Query::Facets},
      {"/api/clusters", &query::Query::Clusters},
      {"/api/provenance", &query::Query::ProvenanceGroups},
      {"/api/citations", &query::Query::Citations},
      {"/api/outlets", &query::Query::Outlets},
  };
  for (const auto& e : listed) {
    auto fn = e.fn;
    std::string pattern = e.path;
    for (size_t i = 0; (i = pattern.find('.', i)) != std::string::npos; i += 2) pattern.insert(i, "\\");
    http.Get(pattern, [this, fn, params](const Request& req, Response& res) {
      const query::Params p = params(req);
      Answer(res, [&](query::Query& q) { return (q.*fn)(p); });
    });
  }
  http.Get(R"(/api/documents/([^/]+))", [this, params](const Request& req, Response& res) {
    const std::string id = req.matches[1];
    if (!req.params.empty()) {
      SetError(res, 400, "unknown parameter '" + req.params.begin()->first.substr(0, 80) +
                             "' (this endpoint takes none)");
      return;
    }
    Answer(res, [&](query::Query& q) { return q.Document(id); });
  });
  http.Get(R"(/api/documents/([^/]+)/raw)", [this](const Request& req, Response& res) {
    const std::string id = req.matches[1];
    Answer(res, [&](query::Query& q) { return q.Raw(id); });
  });
  http.Get("/api/export", [this, params](const Request& req, Response& res) {
    query::Params p = params(req);
    const std::string what = p.count("what") ? p.find("what")->second : "";
    const std::string format = p.count("format") ? p.find("format")->second : "jsonl";
    p.erase("what");
    p.erase("format");
    std::vector<std::string> allowed;
    if (what == "events") allowed = query::EventFilterParams();
    Status st = query::CheckParams(p, allowed);
    auto kind = query::CheckExport(what, format);
    if (st.ok() && !kind.ok()) st = kind.status();
    auto filter = query::ParseEventFilter(p);
    if (st.ok() && !filter.ok()) st = filter.status();
    if (!st.ok()) {
      SetError(res, HttpStatus(st), st.message());
      return;
    }
    if (!filter->q.empty()) {
      // A malformed search fails here, while the status can still say so.
      auto store = Acquire();
      if (!store.ok()) {
        SetError(res, 500, store.status().message());
        return;
      }
      st = query::CheckFtsQuery(store->get(), filter->q);
      Release(std::move(*store));
      if (!st.ok()) {
        SetError(res, HttpStatus(st), st.message());
        return;
      }
    }
    // Streamed in chunks as the rows are read: an export of a large store is
    // never held in memory. The connection is held until the stream ends.
    res.set_header("Content-Disposition", "attachment; filename=\"" + kind->filename + "\"");
    const query::EventFilter f = *filter;
    res.set_chunked_content_provider(
        kind->content_type, [this, what, format, f](size_t, httplib::DataSink& sink) {
          auto store = Acquire();
          if (!store.ok()) {
            std::fprintf(stderr, "dossier: serve: export: %s\n", store.status().message().c_str());
            return false;
          }
          Status st = query::Export(store->get(), what, format, f, [&](std::string_view chunk) {
            return sink.write(chunk.data(), chunk.size());
          });
          Release(std::move(*store));
          if (!st.ok()) {
            // The status line is gone; end the stream early so the client sees an error.
            std::fprintf(stderr, "dossier: serve: export: %s\n", st.message().c_str());
            return false;
          }
          sink.done();
          return true;
        });
  });
  // Static files.
  http.Get("/", [this](const Request&, Response& res) { ServeFile(web_root, "index.html", res); });
  http.Get(R"(/app/(.+))", [this](const Request& req, Response& res) {
    ServeFile(web_root / "app", req.matches[1], res);
  });
  http.Get(R"(/vendor/([^/]+)/(.+))", [this](const Request& req, Response& res) {
    const std::string name = req.matches[1];
    bool known = false;
    for (const char* v : kVendorPackages) known = known || name == v;
    if (!known) {
      SetError(res, 404, "no such library");
      return;
    }
    ServeFile(vendor_root / name, req.matches[2], res);
  });
}

Status Server::Start() {
  Impl& m = *impl_;
  const ServeOptions& o = m.options;
  std::error_code ec;
  if (!db::IsPostgresUrl(o.db) && !fs::is_regular_file(o.db, ec)) {
    return NotFound("no store at '" + o.db + "' (run dossier ingest first)");
  }
  // Bring the corpus index up to date once, with a writing connection.
  {
    StoreOptions so;
    so.path = o.db;
    auto store = Store::Open(so);
    if (!store.ok()) return store.status();
    if (o.bring_index_up_to_date) {
      corpus::ProvenanceIndex prov(store->get());
      corpus::EventClusterIndex clusters(store->get());
      DOSSIER_RETURN_IF_ERROR(prov.CatchUp({}));
      DOSSIER_RETURN_IF_ERROR(clusters.CatchUp());
      DOSSIER_RETURN_IF_ERROR((*store)->Flush());
    }
  }
  m.web_root = o.web_dir.empty() ? EnvOr("DOSSIER_WEB", DOSSIER_SOURCE_DIR "/web") : o.web_dir;
  m.vendor_root = o.vendor_dir.empty()
                      ? EnvOr("DOSSIER_VENDOR", DOSSIER_SOURCE_DIR "/deps/npm/node_modules")
                      : o.vendor_dir;
  if (!fs::is_regular_file(m.web_root / "index.html", ec)) {
    std::fprintf(stderr,
                 "dossier: warning: no web UI at %s (give --web DIR); the JSON API works\n",
                 m.web_root.string().c_str());
  }
  httplib::Server& http = m.http;
  const int threads = std::max(1, o.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_read_timeout(o.read_timeout_seconds, 0);
  http.set_write_timeout(o.write_timeout_seconds, 0);
  http.set_keep_alive_max_count(100);
  http.set_payload_max_length(1);
  http.set_default_headers({
      {"Content-Security-Policy", kCsp},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  });
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    Impl& m = *impl_;
    if (!m.Allow(req.remote_addr)) {
      res.set_header("Retry-After", "1");
      SetError(res, 429, "too many requests; slow down");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      SetError(res, 405, "method " + req.method.substr(0, 16) + " not allowed: the API is read-only");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.target.size() > m.options.max_url_bytes) {
      SetError(res, 414, "request target longer than " + std::to_string(m.options.max_url_bytes) + " bytes");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!req.body.empty() || (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0")) {
      SetError(res, 413, "requests carry no body");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.params.size() > m.options.max_params) {
      SetError(res, 400, "more than " + std::to_string(m.options.max_params) + " query parameters");
      return httplib::Server::HandlerResponse::Handled;
    }
    const std::string target_path = req.target.substr(0, req.target.find('?'));
    if (Traverses(target_path) || Traverses(req.path)) {
      SetError(res, 400, "bad path");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
  });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    SetError(res, res.status, res.status == 404 ? "no such endpoint (see docs/api.md)"
                                                : "request refused");
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SetError(res, 500, "internal error");
  });
  m.Routes();
  if (o.port == 0) {
    m.port = http.bind_to_any_port(o.host);
    if (m.port <= 0) return IoError("cannot bind " + o.host + " to any port");
  } else {
    if (!http.bind_to_port(o.host, o.port)) {
      return IoError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                     " (in use? try --port 0 for any free port)");
    }
    m.port = o.port;
  }
  return Status::Ok();
}

Status Server::Run() {
  if (!impl_->http.listen_after_bind()) return IoError("the server stopped with an error");
  return Status::Ok();
}

}  // namespace dossier::serve
