// The pipeline on one screen: ingest -> clean -> segment -> annotators (the
// registry: dates, quantities, actors, places) -> link (merge, metonymy) -> document
// layers (voice) -> record. Pipeline holds the compiled, immutable stages and is
// shared by worker threads; Runner feeds it from the input walk with N
// workers and hands results back in input order.
#ifndef DOSSIER_PIPELINE_PIPELINE_H_
#define DOSSIER_PIPELINE_PIPELINE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clean/cleaner.h"
#include "dossier/document.h"
#include "dossier/lexicon.h"
#include "dossier/status.h"
#include "ingest/ingest.h"
#include "dossier/annotator.h"
#include "dossier/document_layer.h"
#include "lexicon/gazetteer.h"
#include "link/metonymy.h"
#include "segment/segmenter.h"

namespace dossier {

struct PipelineOptions {
  IngestOptions ingest;    // readers, encodings, limits
  CleanOptions clean;      // boilerplate, meta, --published
  SegmentOptions segment;  // sentence limits
  int jobs = 1;            // worker threads (1 = everything on the caller's thread)
  bool tokens = false;     // include tokens in the JSON record
  // Annotators to run, by registry name; empty = all that can run here.
  // Naming one that cannot run (no gazetteer for "places") is an error.
  std::vector<std::string> layers;
  // Gazetteer file; "" = Gazetteer::DefaultPath().
  std::string gazetteer_path;
  // Ask annotators for Mention::evidence (dossier explain); off for speed.
  bool explain = false;
  // Most entity mentions kept per document (in text order); the rest are
  // dropped with a warning diagnostic "entities_truncated". Bounds the
  // record and the store rows a hostile or degenerate input can cause.
  size_t max_entities = 100000;
};

// What produced an output: reported in every record's "versions".
struct Versions {
  std::string dossier;                // release, e.g. "0.1.0"
  std::string lexicon;                // content hash of the loaded data/ tables
  std::vector<std::string> layers;    // layers that ran, in order
  std::string gazetteer;              // content hash of the gazetteer, "" if none
};

// Returns the dossier release string.
const char* DossierVersion();

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Create(std::shared_ptr<const Lexicon> lexicon,
                                                  PipelineOptions options);
  // Clean and segment one document. Thread-safe.
  Result<Document> Process(const RawDocument& raw) const;
  // The document record of docs/schema.md as one JSON line (no newline).
  std::string Render(const Document& doc) const;

  const Versions& versions() const { return versions_; }
  const PipelineOptions& options() const { return options_; }
  const Cleaner& cleaner() const { return *cleaner_; }
  const Segmenter& segmenter() const { return *segmenter_; }
  // Layers that could not run here and why ("places: no gazetteer at ...");
  // the CLI prints them as warnings.
  const std::vector<std::string>& warnings() const { return warnings_; }
  // The gazetteer in use, or null.
  const std::shared_ptr<const Gazetteer>& gazetteer() const { return gazetteer_; }

 private:
  Pipeline() = default;
  std::shared_ptr<const Lexicon> lexicon_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  PipelineOptions options_;
  // Marks comments that translate the article (Comment::translation).
  void LinkTranslatedComments(Document* doc) const;
  std::unique_ptr<Cleaner> cleaner_;
  std::unique_ptr<Segmenter> segmenter_;
  std::vector<std::unique_ptr<Annotator>> annotators_;
  std::vector<std::unique_ptr<DocumentLayer>> layers_;  // after link: voice
  std::unique_ptr<Metonymy> metonymy_;  // capitals standing for governments (link)
  Versions versions_;
  std::vector<std::string> warnings_;
};

// One result of a run, delivered in input order.
struct Outcome {
  std::string path;
  int64_t line = 0;
  std::string id;                 // content id ("" if the input failed to read)
  Status status;                  // non-OK: the document failed (reason)
  std::optional<Document> doc;    // set when status is OK and not skipped
  std::string record;             // rendered JSON when status is OK and not skipped
  bool skipped = false;           // the skip predicate said it is already done
  uint64_t raw_bytes = 0;         // size of the decoded input record
};

// Progress counters, readable from any thread while a run goes on.
struct RunProgress {
  std::atomic<uint64_t> total_bytes{0};   // bytes of all inputs (from ListInputs)
  std::atomic<uint64_t> read_bytes{0};    // bytes of input consumed so far
  std::atomic<uint64_t> documents{0};     // outcomes delivered
  std::atomic<uint64_t> failures{0};      // failed outcomes delivered
};

class Runner {
 public:
  explicit Runner(const Pipeline& pipeline) : pipeline_(pipeline) {}

  // Lists and reads `paths`, processes every document and calls `deliver`
  // on the calling thread in input order. `skip`, if set, is asked (on the
  // reader thread) whether a raw document is already done; skipped documents
  // are delivered with skipped=true and not processed. Returns non-OK only if
  // `deliver` asked to stop (returned false).
  Status Run(const std::vector<std::string>& paths,
             const std::function<bool(const RawDocument&)>& skip,
             const std::function<bool(Outcome&&)>& deliver, RunProgress* progress);

 private:
  const Pipeline& pipeline_;
};

}  // namespace dossier

#endif  // DOSSIER_PIPELINE_PIPELINE_H_
