// Provenance across the corpus: which stored documents are copies,
// republications or translations of which, and which origin each group has.
// Incremental: each document is indexed once, as it is stored, and compared
// only with the candidates the index gives for it (LSH buckets of its MinHash
// signature, its paragraphs' hashes, its specific entity features, its title)
// - never with the whole corpus. Candidates are verified (exact shingle
// Jaccard on the stored texts, entity fingerprint comparison) before they
// become links; a document's group is the connected set of its copy links,
// and the group's origin and every member's relation are derived again each
// time the group changes.
//
// Tables (src/store/migrations/005_provenance_index.sql): corpus_docs,
// corpus_lsh, corpus_paragraphs, corpus_features, provenance_links, and the
// contract's provenance table. Writes join the store's open batch.
//
// Both store backends (SQLite file, PostgreSQL) run the same SQL through
// store->connection(). On PostgreSQL, where several processes may ingest into
// one database at once, every transaction that writes these tables first
// takes one advisory lock (LockCorpus), so corpus passes run one at a time
// and each sees the documents the others indexed.
#ifndef DOSSIER_CORPUS_PROVENANCE_H_
#define DOSSIER_CORPUS_PROVENANCE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dossier/document.h"
#include "dossier/status.h"
#include "store/db.h"
#include "store/store.h"

namespace dossier::corpus {

struct ProvenanceOptions {
  // Exact shingle Jaccard at or above which two documents are copies.
  double near_duplicate = 0.5;
  // Lower bar when one carries a republication notice naming the other's
  // outlet (an edited republication).
  double noticed_copy = 0.25;
  // Partial reuse: at least this many shared paragraphs (or a third of the
  // smaller document's paragraphs, when it has fewer).
  int reuse_paragraphs = 2;
  // Translations: entity fingerprint similarity (generalised Jaccard) across
  // two languages, with at least `translation_shared` distinct shared
  // features.
  double translation = 0.45;
  int translation_shared = 5;
  // Postings read per LSH bucket, paragraph hash or feature; a longer list
  // is boilerplate or a very common feature and is skipped.
  int max_postings = 200;
  // Memory for the shingle sets of documents indexed or verified by this
  // process, so that a candidate verified again is not re-read and
  // re-hashed (the postings of a common paragraph or bucket bring the same
  // early documents to every new one). Results do not depend on it.
  size_t shingle_cache_bytes = size_t{96} << 20;
};

// The sorted shingle sets of documents by id, least recently used dropped
// first past a byte budget (the newest entry is always kept). A document's
// text never changes under its content id, so an entry is never stale.
class ShingleCache {
 public:
  explicit ShingleCache(size_t budget_bytes) : budget_(budget_bytes) {}
  // The set of `id`, or null; valid until the next Put.
  const std::vector<uint64_t>* Get(const std::string& id);
  // Stores the set of `id` (replacing any) and returns it.
  const std::vector<uint64_t>* Put(const std::string& id, std::vector<uint64_t> shingles);
  size_t bytes() const { return bytes_; }
  size_t size() const { return map_.size(); }

 private:
  struct Entry {
    std::string id;
    std::vector<uint64_t> shingles;
  };
  static size_t Cost(const Entry& e) {
    return e.id.size() + e.shingles.size() * sizeof(uint64_t) + 96;
  }
  size_t budget_, bytes_ = 0;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> map_;
};

// One document's provenance (contract: provenance).
struct Provenance {
  std::string document_id;
  std::string origin;    // doc id of the earliest copy (itself if original)
  std::string relation;  // original|republication|near_duplicate|translation
  double similarity = 1;
  std::string evidence;  // "" for an original with no copies
  // Filled by ForEachGroup from the document row, for listings.
  std::string title, outlet, published, language;
};

// A link found between two documents.
struct Link {
  std::string a, b;      // a was indexed after b
  std::string relation;  // near_duplicate|republication|translation|partial_reuse
  double similarity = 0;
  std::string evidence;
};

// A report, memo, article or statement cited by several documents.
struct SharedCitation {
  std::string key;     // what joined the citations: "url", "title", "issuer and date", "issuer"
  std::string kind, title, issuer, date, url;  // from the first citing document
  struct Citer {
    std::string document_id, citation_id, title, outlet, origin;
    // How the document uses it: "quoted" (a quotation from it or its
    // issuer), "paraphrased" (attributed to it), "mentioned" (neither).
    std::string use;
  };
  std::vector<Citer> citers;     // one per citing document, in store order
  int independent_origins = 0;   // distinct provenance origins among them
};

// A factual claim (the same numbers at the same places) made in several
// documents.
struct SharedClaim {
  std::string key;   // "83 killed | geonames:170794 | 2016-09-17"
  std::string text;  // the claim's words in the first document
  struct Teller {
    std::string document_id, outlet, origin, voice, source_text;
    int64_t seq = 0;  // the claim's seq in that document
  };
  std::vector<Teller> tellers;  // one per document, in store order
  int independent_origins = 0;
};

// Inside the open transaction of `store`: on PostgreSQL, waits for and takes
// the transaction-scoped advisory lock of the corpus layer (provenance and
// event clusters), so two processes never index or number at once; taking it
// again in the same transaction is free. Nothing on SQLite, whose write
// transactions (BEGIN IMMEDIATE) are exclusive already.
Status LockCorpus(Store* store);

// Documents linked by partial reuse (one embeds the other's paragraphs), in
// both orders.
using ReusePairs = std::set<std::pair<std::string, std::string>>;
// Reads the partial-reuse links of the store into *out.
Status LoadReusePairs(Store* store, ReusePairs* out);
// How many independent origins tell something, given each teller as
// (document, provenance origin): documents linked by partial reuse share
// one origin (the embedding one repeats what the embedded one tells).
int IndependentOrigins(const std::vector<std::pair<std::string, std::string>>& doc_origins,
                       const ReusePairs& reuse);

class ProvenanceIndex {
 public:
  explicit ProvenanceIndex(Store* store, ProvenanceOptions options = {});
  ~ProvenanceIndex();

  // Indexes a document that Put has just stored (or that is stored and not
  // yet indexed), links it to the documents it copies or translates, and
  // derives the provenance of its group again. A document already indexed
  // is left as it is. Storage errors only; odd text gives fewer links.
  Status Add(const Document& doc);

  // Drops the index and every provenance row, then indexes every stored
  // document again in the order they were first stored (from the stored
  // text, metadata and entity rows). For stores filled before provenance
  // existed, and after changing the options. `progress` (may be empty) gets
  // (done, total).
  Status Rebuild(const std::function<void(int64_t, int64_t)>& progress);
  // Indexes every stored document that is not indexed yet (stored by a run
  // that stopped before indexing it, or before provenance existed), in the
  // order they were first stored. Cheap when there is none.
  Status CatchUp(const std::function<void(int64_t, int64_t)>& progress);

  // The documents' provenance, groups first: calls `fn` once per group with
  // more than one member or a republication notice, its members ordered
  // origin first, then by relation and id. Commits the open batch first.
  Status ForEachGroup(const std::function<bool(const std::vector<Provenance>& members)>& fn);

  // Citations shared by two or more documents: the same URL, title (folded,
  // 12 characters or more) or issuer entity + kind + date, or issuer + kind
  // when one of them names no title or URL; each with its citing documents,
  // how each uses it, and how many independent origins they come from.
  // Commits the open batch first.
  Status ForEachSharedCitation(const std::function<bool(const SharedCitation&)>& fn);

  // Numeric claims told by at least `min_reports` documents: the same
  // quantities (value and role) at the same places (and dates, when both
  // give one), with how many independent origins tell them: a claim repeated
  // only by copies of one article has a single origin.
  Status ForEachSharedClaim(int min_reports, const std::function<bool(const SharedClaim&)>& fn);

  // Every partial-reuse link (a document that embeds another's paragraphs).
  Status ForEachReuse(const std::function<bool(const Link&)>& fn);

 private:
  struct Item;
  // The prepared statement for `sql` (prepared on first use), or null.
  db::Statement* Prep(std::string_view sql) { return cache_.Get(sql); }
  Status AddItem(const Item& item);
  Status LinkCandidates(const Item& item, const std::vector<uint64_t>& shingles,
                        const std::array<uint32_t, 64>& sig,
                        const std::vector<uint64_t>& paragraphs, int paragraph_count,
                        std::vector<Link>* links);
  Result<bool> JoinGroup(const Item& item, const std::vector<Link>& links);
  Status Regroup(const std::string& id);
  Store* store_;
  ProvenanceOptions options_;
  db::StatementCache cache_;  // must not outlive the store's connection
  ShingleCache shingles_;
};

}  // namespace dossier::corpus

#endif  // DOSSIER_CORPUS_PROVENANCE_H_
