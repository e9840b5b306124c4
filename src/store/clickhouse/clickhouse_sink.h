// ClickHouseSink: sends stored documents to ClickHouse for event tables at
// GDELT scale (`dossier ingest --sink clickhouse://host:8123/db`,
// docs/clickhouse.md). It sits after the SQLite store: each document the
// store added is turned into rows (clickhouse_tables.h), buffered per table
// and POSTed to ClickHouse's HTTP interface as `INSERT INTO db.t FORMAT
// JSONEachRow` in large batches through libcurl. Re-sends are harmless: the
// tables deduplicate on the document's content id.
//
// A full buffer goes to a sender thread of the sink's own, so the pipeline
// goes on while ClickHouse parses a batch (at most `max_pending` batches
// wait; Add blocks beyond that). Add and Flush are for one writer thread
// (ingest writes from one). Never throws; every failure is a Status.
#ifndef DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_SINK_H_
#define DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_SINK_H_

#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "dossier/document.h"
#include "dossier/status.h"
#include "store/clickhouse/clickhouse_url.h"

namespace dossier::clickhouse {

struct ClickHouseOptions {
  // A table's buffer is sent when it holds this many rows...
  size_t batch_rows = 10000;
  // ... or this many bytes of JSONEachRow, whichever comes first.
  size_t batch_bytes = 8u << 20;
  // Attempts after the first for a transient failure (connection refused
  // or reset, time-out, ClickHouse overloaded: too many parts or queries),
  // waiting retry_delay_ms, then twice that, and so on.
  int retries = 3;
  int retry_delay_ms = 100;
  // Connecting may take this long...
  long connect_timeout_ms = 5000;
  // ... and a whole request (a batch insert) this long.
  long request_timeout_ms = 120000;
  // Create the database and the tables when missing (Open).
  bool create_schema = true;
  // Full batches that may wait for the sender before Add blocks (memory:
  // about (max_pending + 4) * batch_bytes at most).
  size_t max_pending = 2;
};

// What a sink has sent so far.
struct SinkCounts {
  int64_t documents = 0, events = 0, mentions = 0;  // rows accepted by ClickHouse
  int64_t inserts = 0;                              // INSERT requests that succeeded
  int64_t retries = 0;                              // attempts repeated after a transient failure
  double seconds = 0;                               // wall time spent in requests
};

class ClickHouseSink {
 public:
  // Parses `url` (clickhouse_url.h; its batch_rows, batch_bytes and retries
  // override `options`), checks the server answers, and creates the schema
  // unless options.create_schema is false. InvalidInput for a bad URL;
  // Storage, naming the URL, when the server cannot be reached or refuses.
  static Result<std::unique_ptr<ClickHouseSink>> Open(std::string_view url,
                                                      ClickHouseOptions options = {});
  ~ClickHouseSink();
  ClickHouseSink(const ClickHouseSink&) = delete;
  ClickHouseSink& operator=(const ClickHouseSink&) = delete;

  // Buffers the rows of `doc` (a document the store has just added) and
  // queues a table's buffer for the sender when it is full. `source_key` is
  // the store's key of its input (Store::SourceKey). Returns the
  // sender's first failure (Storage, with ClickHouse's error text, the URL
  // and the table), if there was one: the sink sends nothing after it.
  Status Add(const Document& doc, std::string_view source_key);
  // Queues everything buffered (events, mentions, then documents) and
  // waits until the sender is done; returns its first failure. Call at the
  // end of a run: the destructor discards what is not sent.
  Status Flush();

  // Runs one statement and returns the response body (for DDL, checks and
  // tests: `SELECT count() FROM db.events FINAL FORMAT TSV`).
  Result<std::string> Query(std::string_view sql);

  const ClickHouseUrl& url() const { return url_; }
  SinkCounts counts() const;

 private:
  struct Batch {
    int table = 0;
    std::string rows;  // JSONEachRow
    int64_t count = 0;
  };
  ClickHouseSink(ClickHouseUrl url, ClickHouseOptions options);
  // Hands buffers_[table] to the sender, waiting while max_pending batches
  // wait already.
  Status Enqueue(int table);
  void SenderLoop();
  // POSTs `body` to the server with `query` as the URL's query parameter
  // ("" = the body is the statement). `what` names the request in errors.
  Result<std::string> Post(std::string_view query, std::string_view body,
                           const std::string& what);

  ClickHouseUrl url_;
  ClickHouseOptions options_;
  std::string settings_;  // "&k=v..." from the URL, escaped
  // Filled by the writer thread only.
  std::array<std::string, 3> buffers_;   // JSONEachRow per table (kTables order)
  std::array<int64_t, 3> rows_ = {0, 0, 0};

  mutable std::mutex curl_mu_;  // one request at a time on the handle
  void* curl_ = nullptr;  // CURL*, reused across requests (keep-alive)
  int64_t post_retries_ = 0;    // guarded by curl_mu_
  double post_seconds_ = 0;     // guarded by curl_mu_

  mutable std::mutex mu_;       // guards what follows
  std::condition_variable cv_;
  std::deque<Batch> queue_;
  bool sending_ = false;        // the sender holds a batch
  bool stop_ = false;
  Status error_;                // the sender's first failure
  SinkCounts counts_;           // rows, inserts (the request figures come from post_*)
  std::thread sender_;
};

}  // namespace dossier::clickhouse

#endif  // DOSSIER_STORE_CLICKHOUSE_CLICKHOUSE_SINK_H_
