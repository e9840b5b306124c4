#include "store/clickhouse/clickhouse_sink.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "store/clickhouse/clickhouse_tables.h"

namespace dossier::clickhouse {
namespace {

// libcurl's global state, set up once per process (it is not thread-safe
// to do twice concurrently) and left for the process to end.
bool CurlReady() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; });
  return ok;
}

// RFC 3986 escaping of a URL query value.
std::string UrlEscape(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3 / 2);
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

size_t Collect(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

// ClickHouse's exception code at the start of an error body ("Code: 252,
// e.displayText() = ..."), -1 if there is none.
int ErrorCode(std::string_view body) {
  if (body.substr(0, 6) != "Code: ") return -1;
  int code = 0;
  size_t i = 6;
  for (; i < body.size() && body[i] >= '0' && body[i] <= '9'; ++i) code = code * 10 + (body[i] - '0');
  return i > 6 ? code : -1;
}

// Server answers worth another attempt: overload and network trouble
// between servers (a Distributed insert), not bad SQL or bad rows.
bool TransientCode(int code) {
  switch (code) {
    case 159:  // TIMEOUT_EXCEEDED
    case 202:  // TOO_MANY_SIMULTANEOUS_QUERIES
    case 209:  // SOCKET_TIMEOUT
    case 210:  // NETWORK_ERROR
    case 252:  // TOO_MANY_PARTS
    case 279:  // ALL_CONNECTION_TRIES_FAILED
      return true;
    default:
      return false;
  }
}

bool TransientCurl(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

// ClickHouse's error text without its trailer (", e.what() = DB::Exception")
// and trailing space, cut to a readable length.
std::string Tidy(std::string body) {
  if (const size_t w = body.find(", e.what() = "); w != std::string::npos) body.resize(w);
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ' || body.back() == '\r'))
    body.pop_back();
  if (body.size() > 600) body = body.substr(0, 600) + "...";
  return body.empty() ? std::string("(empty response)") : body;
}

}  // namespace

ClickHouseSink::ClickHouseSink(ClickHouseUrl url, ClickHouseOptions options)
    : url_(std::move(url)), options_(options) {
  for (const auto& [k, v] : url_.settings) settings_ += "&" + k + "=" + UrlEscape(v);
}

ClickHouseSink::~ClickHouseSink() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();  // not sent: Flush was not called, or failed
  }
  cv_.notify_all();
  if (sender_.joinable()) sender_.join();
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

SinkCounts ClickHouseSink::counts() const {
  SinkCounts c;
  {
    std::lock_guard<std::mutex> lock(mu_);
    c = counts_;
  }
  std::lock_guard<std::mutex> lock(curl_mu_);
  c.retries = post_retries_;
  c.seconds = post_seconds_;
  return c;
}

Result<std::unique_ptr<ClickHouseSink>> ClickHouseSink::Open(std::string_view url,
                                                             ClickHouseOptions options) {
  auto parsed = ParseClickHouseUrl(url);
  if (!parsed.ok()) return parsed.status();
  if (parsed->batch_rows) options.batch_rows = parsed->batch_rows;
  if (parsed->batch_bytes) options.batch_bytes = parsed->batch_bytes;
  if (parsed->retries >= 0) options.retries = parsed->retries;
  if (!CurlReady()) return InternalError("ClickHouse sink: libcurl could not be initialised");
  std::unique_ptr<ClickHouseSink> sink(new ClickHouseSink(std::move(parsed).value(), options));
  sink->curl_ = curl_easy_init();
  if (!sink->curl_) return InternalError("ClickHouse sink: libcurl could not make a handle");
  // A server that answers at all answers this; its reply also tells a
  // ClickHouse from some other HTTP server on the port.
  auto pong = sink->Query("SELECT 1");
  if (!pong.ok()) return pong.status();
  if (*pong != "1\n") {
    return StorageError("ClickHouse sink " + sink->url_.Redacted() +
                        ": the server at " + sink->url_.HttpBase() +
                        " does not answer like ClickHouse (SELECT 1 gave '" + Tidy(*pong) + "')");
  }
  if (options.create_schema) {
    for (const std::string& sql : SchemaStatements(sink->url_.database)) {
      auto r = sink->Query(sql);
      if (!r.ok()) return r.status();
    }
  }
  ClickHouseSink* self = sink.get();
  sink->sender_ = std::thread([self] { self->SenderLoop(); });
  return sink;
}

Result<std::string> ClickHouseSink::Query(std::string_view sql) {
  return Post("", sql, "query '" + std::string(sql.substr(0, 60)) +
                           (sql.size() > 60 ? "...'" : "'"));
}

Result<std::string> ClickHouseSink::Post(std::string_view query, std::string_view body,
                                         const std::string& what) {
  std::lock_guard<std::mutex> curl_lock(curl_mu_);
  CURL* c = static_cast<CURL*>(curl_);
  // ClickHouse 18 takes an empty parameter ("?&k=v") for a setting with no
  // name: no '&' unless something comes before it.
  std::string params = query.empty() ? std::string() : "query=" + UrlEscape(query);
  params += params.empty() && !settings_.empty() ? settings_.substr(1) : settings_;
  const std::string address = url_.HttpBase() + (params.empty() ? "" : "?" + params);
  struct curl_slist* headers = nullptr;
  // No "Expect: 100-continue" round trip before large bodies.
  headers = curl_slist_append(headers, "Expect:");
  headers = curl_slist_append(headers, "Content-Type: text/plain; charset=utf-8");
  std::string response;
  Status failure;
  const auto start = std::chrono::steady_clock::now();
  struct AddTime {  // on every way out
    const std::chrono::steady_clock::time_point& start;
    double& total;
    ~AddTime() {
      total += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  } add_time{start, post_seconds_};
  int attempts = 0;
  for (int attempt = 0; attempt <= options_.retries; ++attempt) {
    ++attempts;
    if (attempt > 0) {
      ++post_retries_;
      std::this_thread::sleep_for(
          std::chrono::milliseconds(static_cast<int64_t>(options_.retry_delay_ms) << (attempt - 1)));
    }
    curl_easy_reset(c);
    response.clear();
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_URL, address.c_str());
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options_.request_timeout_ms);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http");
    if (!url_.user.empty()) {
      curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
      curl_easy_setopt(c, CURLOPT_USERNAME, url_.user.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, url_.password.c_str());
    }
    const CURLcode rc = curl_easy_perform(c);
    // The handle outlives this call's buffers and headers: let go of them.
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
    if (rc != CURLE_OK) {
      const std::string why = error[0] ? std::string(error) : curl_easy_strerror(rc);
      failure = StorageError("ClickHouse sink " + url_.Redacted() + ": " + what +
                             ": cannot reach the server at " + url_.HttpBase() + ": " + why);
      if (TransientCurl(rc)) continue;
      break;
    }
    long http = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &http);
    if (http == 200) {
      curl_slist_free_all(headers);
      return response;
    }
    failure = StorageError("ClickHouse sink " + url_.Redacted() + ": " + what + " failed (HTTP " +
                           std::to_string(http) + "): " + Tidy(response));
    if (http == 503 || TransientCode(ErrorCode(response))) continue;
    break;
  }
  curl_slist_free_all(headers);
  if (attempts > 1) {
    return Status(failure.code(),
                  failure.message() + " (after " + std::to_string(attempts) + " attempts)");
  }
  return failure;
}

Status ClickHouseSink::Add(const Document& doc, std::string_view source_key) {
  const int64_t sent = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  const RowCounts n = AppendRows(doc, source_key, sent, &buffers_[kDocuments],
                                 &buffers_[kEvents], &buffers_[kMentions]);
  rows_[kDocuments] += n.documents;
  rows_[kEvents] += n.events;
  rows_[kMentions] += n.mentions;
  for (int t : {kEvents, kMentions, kDocuments}) {
    if (static_cast<size_t>(rows_[t]) >= options_.batch_rows ||
        buffers_[t].size() >= options_.batch_bytes) {
      DOSSIER_RETURN_IF_ERROR(Enqueue(t));
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

Status ClickHouseSink::Flush() {
  for (int t : {kEvents, kMentions, kDocuments}) DOSSIER_RETURN_IF_ERROR(Enqueue(t));
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return (queue_.empty() && !sending_) || !error_.ok(); });
  return error_;
}

Status ClickHouseSink::Enqueue(int t) {
  if (rows_[t] == 0) return Status::Ok();
  Batch b;
  b.table = t;
  b.rows = std::move(buffers_[t]);
  b.count = rows_[t];
  buffers_[t] = std::string();
  buffers_[t].reserve(std::min(b.rows.size(), options_.batch_bytes) + (64 << 10));
  rows_[t] = 0;
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return queue_.size() < options_.max_pending || !error_.ok(); });
  if (!error_.ok()) return error_;
  queue_.push_back(std::move(b));
  lock.unlock();
  cv_.notify_all();
  return Status::Ok();
}

void ClickHouseSink::SenderLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    Batch b = std::move(queue_.front());
    queue_.pop_front();
    sending_ = true;
    lock.unlock();
    cv_.notify_all();  // room in the queue
    const std::string table = url_.database + "." + kTables[b.table];
    auto r = Post("INSERT INTO " + table + " FORMAT JSONEachRow", b.rows,
                  "insert of " + std::to_string(b.count) + " rows into " + table);
    lock.lock();
    sending_ = false;
    if (r.ok()) {
      ++counts_.inserts;
      switch (b.table) {
        case kEvents: counts_.events += b.count; break;
        case kMentions: counts_.mentions += b.count; break;
        default: counts_.documents += b.count; break;
      }
    } else if (error_.ok()) {
      // The first failure stops the sink: what waits is dropped, and Add
      // and Flush report it.
      error_ = r.status();
      queue_.clear();
    }
    cv_.notify_all();
  }
}

}  // namespace dossier::clickhouse
