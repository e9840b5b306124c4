// Runner: the input walk on one thread, N workers cleaning and segmenting,
// results handed back in input order on the caller's thread.
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "pipeline/pipeline.h"

namespace dossier {
namespace {

// One unit of work in input order: a raw document or a read failure.
struct Item {
  uint64_t seq = 0;
  std::optional<RawDocument> raw;
  Outcome failed;  // used when raw is empty
};

Outcome Execute(const Pipeline& p, Item& item, const std::function<bool(const RawDocument&)>& skip) {
  if (!item.raw) return std::move(item.failed);
  RawDocument& raw = *item.raw;
  Outcome o;
  o.path = raw.path;
  o.line = raw.line;
  o.id = raw.id;
  o.raw_bytes = raw.raw ? raw.raw->size() : 0;
  if (skip && skip(raw)) {
    o.skipped = true;
    return o;
  }
  auto doc = p.Process(raw);
  if (!doc.ok()) {
    o.status = doc.status();
    return o;
  }
  o.record = p.Render(*doc);
  o.doc = std::move(doc).value();
  return o;
}

// Sink that turns reader callbacks into Items.
class ItemSink : public IngestSink {
 public:
  explicit ItemSink(std::function<bool(Item&&)> push, RunProgress* progress)
      : push_(std::move(push)), progress_(progress) {}
  bool OnDocument(RawDocument&& doc) override {
    Item it;
    it.raw = std::move(doc);
    return push_(std::move(it));
  }
  void OnError(const std::string& path, int64_t line, const Status& why) override {
    Item it;
    it.failed.path = path;
    it.failed.line = line;
    it.failed.status = why;
    stopped_ = stopped_ || !push_(std::move(it));
  }
  void OnProgress(uint64_t bytes_done) override {
    if (progress_) progress_->read_bytes.store(base_ + bytes_done, std::memory_order_relaxed);
  }
  void NextFile(uint64_t base) { base_ = base; }
  bool stopped() const { return stopped_; }

 private:
  std::function<bool(Item&&)> push_;
  RunProgress* progress_;
  uint64_t base_ = 0;
  bool stopped_ = false;
};

// Reads every input into `sink`, keeping the progress counter, until the
// sink refuses a document or `stopped` says so.
void ReadAll(const std::vector<InputFile>& inputs, const IngestOptions& options, ItemSink& sink,
             RunProgress* progress, const std::function<bool()>& stopped) {
  uint64_t base = 0;
  for (const auto& in : inputs) {
    sink.NextFile(base);
    Status st = ReadInput(in, options, sink);
    base += in.size;
    progress->read_bytes = base;
    if (!st.ok() || stopped()) break;
  }
}

}  // namespace

Status Runner::Run(const std::vector<std::string>& paths,
                   const std::function<bool(const RawDocument&)>& skip,
                   const std::function<bool(Outcome&&)>& deliver, RunProgress* progress) {
  RunProgress local;
  if (!progress) progress = &local;
  const IngestOptions& iopts = pipeline_.options().ingest;
  std::vector<Outcome> missing;
  std::vector<InputFile> inputs = ListInputs(paths, [&](const std::string& path, const Status& st) {
    Outcome o;
    o.path = path;
    o.status = st;
    missing.push_back(std::move(o));
  });
  uint64_t total = 0;
  for (const auto& in : inputs) total += in.size;
  progress->total_bytes = total;
  auto deliver_counted = [&](Outcome&& o) {
    progress->documents.fetch_add(1, std::memory_order_relaxed);
    if (!o.status.ok()) progress->failures.fetch_add(1, std::memory_order_relaxed);
    return deliver(std::move(o));
  };
  for (auto& o : missing)
    if (!deliver_counted(std::move(o))) return Status(StatusCode::kUsage, "stopped");

  int jobs = std::max(1, pipeline_.options().jobs);
  if (jobs == 1) {
    bool stop = false;
    ItemSink sink(
        [&](Item&& it) {
          if (stop) return false;
          if (!deliver_counted(Execute(pipeline_, it, skip))) stop = true;
          return !stop;
        },
        progress);
    ReadAll(inputs, iopts, sink, progress, [&] { return stop; });
    return stop ? Status(StatusCode::kUsage, "stopped") : Status::Ok();
  }

  // Parallel: bounded queue of items, results reordered by sequence number.
  std::mutex mu;
  std::condition_variable cv_work, cv_space, cv_result;
  std::deque<Item> queue;
  std::map<uint64_t, Outcome> results;
  uint64_t next_seq = 0, delivered = 0;
  bool reading_done = false, stop = false;
  const uint64_t max_inflight = static_cast<uint64_t>(jobs) * 8;

  std::thread reader([&] {
    ItemSink sink(
        [&](Item&& it) {
          std::unique_lock<std::mutex> lock(mu);
          cv_space.wait(lock, [&] { return stop || next_seq - delivered < max_inflight; });
          if (stop) return false;
          it.seq = next_seq++;
          queue.push_back(std::move(it));
          cv_work.notify_one();
          return true;
        },
        progress);
    ReadAll(inputs, iopts, sink, progress, [&] {
      std::lock_guard<std::mutex> lock(mu);
      return stop;
    });
    std::lock_guard<std::mutex> lock(mu);
    reading_done = true;
    cv_work.notify_all();
    cv_result.notify_all();
  });

  std::vector<std::thread> workers;
  for (int i = 0; i < jobs; ++i) {
    workers.emplace_back([&] {
      while (true) {
        Item it;
        {
          std::unique_lock<std::mutex> lock(mu);
          cv_work.wait(lock, [&] { return stop || !queue.empty() || reading_done; });
          if (stop || (queue.empty() && reading_done)) return;
          it = std::move(queue.front());
          queue.pop_front();
        }
        uint64_t seq = it.seq;
        Outcome o = Execute(pipeline_, it, skip);
        std::lock_guard<std::mutex> lock(mu);
        results.emplace(seq, std::move(o));
        cv_result.notify_all();
      }
    });
  }

  bool stopped = false;
  while (true) {
    Outcome o;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv_result.wait(lock, [&] {
        return results.count(delivered) > 0 || (reading_done && delivered == next_seq);
      });
      if (results.count(delivered) == 0) break;  // all delivered
      auto it = results.find(delivered);
      o = std::move(it->second);
      results.erase(it);
    }
    bool ok = deliver_counted(std::move(o));
    std::lock_guard<std::mutex> lock(mu);
    ++delivered;
    cv_space.notify_all();
    if (!ok) {
      stop = stopped = true;
      cv_work.notify_all();
      cv_space.notify_all();
      break;
    }
  }
  reader.join();
  for (auto& t : workers) t.join();
  return stopped ? Status(StatusCode::kUsage, "stopped") : Status::Ok();
}

}  // namespace dossier
