#include "corpus/provenance.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "corpus/fingerprint.h"
#include "store/sqlite_util.h"

namespace dossier::corpus {

using store_internal::NowUtc;

struct ProvenanceIndex::Item {
  std::string id, text, language, published, outlet_key, title_key, notice_key;
  std::string notice;  // "MintPress News, 2018-08-15" (display)
  std::vector<Feature> features;
};

namespace {

Status SqlError(const db::Connection* db, const std::string& path, std::string_view op) {
  return StorageError("store " + path + ": provenance: " + std::string(op) +
                      ": " + (db ? db->ErrorMessage() : "no connection"));
}

// What the index keeps of another document, read back for verification.
struct Other {
  std::string id, language, published, outlet_key, notice_key, notice;
  int64_t seq = 0;
  int paragraphs = 0;
  std::vector<Feature> features;
};

std::string ShortId(std::string_view id) {
  return std::string(id.substr(0, 12));
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Features specific enough to find a translation by: not countries or
// provinces (every article on the war names Syria).
bool Specific(const Feature& f) { return f.weight >= 1.0; }

bool Grouping(std::string_view relation) { return relation != "partial_reuse"; }

// One document's provenance row, written again whenever its group changes.
constexpr char kWriteProvenance[] =
    "INSERT INTO provenance(document_id, origin, relation, similarity, evidence, computed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (document_id) DO UPDATE SET"
    " origin = excluded.origin, relation = excluded.relation, similarity = excluded.similarity,"
    " evidence = excluded.evidence, computed_at = excluded.computed_at";

// Corpus passes serialise on this PostgreSQL advisory lock ("dossier" in
// ASCII; any key the database's other users do not take).
constexpr char kCorpusLock[] = "SELECT pg_advisory_xact_lock(28270039319274866)";

}  // namespace

const std::vector<uint64_t>* ShingleCache::Get(const std::string& id) {
  auto it = map_.find(id);
  if (it == map_.end()) return nullptr;
  if (it->second != lru_.begin()) lru_.splice(lru_.begin(), lru_, it->second);
  return &it->second->shingles;
}

const std::vector<uint64_t>* ShingleCache::Put(const std::string& id,
                                               std::vector<uint64_t> shingles) {
  if (auto it = map_.find(id); it != map_.end()) {
    bytes_ -= Cost(*it->second);
    lru_.erase(it->second);
    map_.erase(it);
  }
  lru_.push_front(Entry{id, std::move(shingles)});
  bytes_ += Cost(lru_.front());
  map_.emplace(lru_.front().id, lru_.begin());
  while (bytes_ > budget_ && lru_.size() > 1) {
    bytes_ -= Cost(lru_.back());
    map_.erase(lru_.back().id);
    lru_.pop_back();
  }
  return &lru_.front().shingles;
}

ProvenanceIndex::ProvenanceIndex(Store* store, ProvenanceOptions options)
    : store_(store),
      options_(options),
      cache_(store->connection()),
      shingles_(options.shingle_cache_bytes) {}
ProvenanceIndex::~ProvenanceIndex() = default;

Status ProvenanceIndex::Add(const Document& doc) {
  Item it;
  it.id = doc.id;
  it.text = doc.text;
  it.language = doc.meta.language.value_or("");
  it.published = doc.meta.published.value_or("");
  if (doc.meta.outlet) it.outlet_key = FoldName(*doc.meta.outlet);
  if (doc.meta.title) it.title_key = FoldName(*doc.meta.title);
  if (doc.meta.republished_from.outlet) {
    it.notice = *doc.meta.republished_from.outlet;
    it.notice_key = FoldName(it.notice);
    if (doc.meta.republished_from.published)
      it.notice += ", " + *doc.meta.republished_from.published;
  }
  it.features = EntityFeatures(doc);
  return AddItem(it);
}

Status ProvenanceIndex::AddItem(const Item& item) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  // Join the open batch, or make one of this document's writes. The lock
  // comes before the check: another process may be indexing this very
  // document (PostgreSQL).
  const bool own_tx = !db->InTransaction();
  if (own_tx && !db->Exec("BEGIN IMMEDIATE"))
    return SqlError(db, path, "begin");
  auto fail = [&](std::string_view op) {
    Status s = SqlError(db, path, op);
    if (own_tx) db->Exec("ROLLBACK");
    return s;
  };
  if (Status lk = LockCorpus(store_); !lk.ok()) {
    if (own_tx) db->Exec("ROLLBACK");
    return lk;
  }
  {
    db::Statement* q = Prep("SELECT 1 FROM corpus_docs WHERE document_id = ?1");
    if (!q) return fail("prepare");
    db::Bound u(q);
    int rc = u.Text(item.id).Step();
    if (rc == db::kRow) {
      if (own_tx && !db->Exec("COMMIT")) return fail("commit");
      return Status::Ok();
    }
    if (rc != db::kDone) return fail("read corpus_docs");
  }

  std::vector<uint64_t> shingles, paras;
  ShinglesAndParagraphs(item.text, &shingles, &paras);
  const MinHash sig = MinHashOf(shingles);
  const int para_count = static_cast<int>(paras.size());
  std::sort(paras.begin(), paras.end());
  paras.erase(std::unique(paras.begin(), paras.end()), paras.end());
  std::vector<Link> links;
  Status ls = LinkCandidates(item, shingles, sig, paras, para_count, &links);
  if (!ls.ok()) {
    if (own_tx) db->Exec("ROLLBACK");
    return ls;
  }
  int64_t seq = 0;
  {
    db::Statement* q = Prep("SELECT COALESCE(MAX(seq), 0) + 1 FROM corpus_docs");
    if (!q) return fail("prepare seq");
    db::Bound u(q);
    if (u.Step() != db::kRow) return fail("read seq");
    seq = u.get()->Int(0);
  }
  {
    db::Statement* q = Prep(
        "INSERT INTO corpus_docs(document_id, seq, language, published, outlet_key, title_key,"
        " notice_key, notice, shingles, paragraphs, minhash, features)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!q) return fail("prepare insert corpus_docs");
    db::Bound u(q);
    u.Text(item.id)
        .Int(seq)
        .TextOrNull(item.language)
        .TextOrNull(item.published)
        .TextOrNull(item.outlet_key)
        .TextOrNull(item.title_key)
        .TextOrNull(item.notice_key)
        .TextOrNull(item.notice)
        .Int(static_cast<int64_t>(shingles.size()))
        .Int(para_count);
    const std::string blob = EncodeMinHash(sig);
    const std::string feats = EncodeFeatures(item.features);
    u.Blob(blob).Text(feats);
    if (u.Step() != db::kDone) return fail("insert corpus_docs");
  }
  if (!shingles.empty()) {
    db::Statement* q = Prep(
        "INSERT INTO corpus_lsh(bucket, seq) VALUES (?1, ?2)"
        " ON CONFLICT (bucket, seq) DO NOTHING");
    if (!q) return fail("prepare insert corpus_lsh");
    for (int64_t key : BandKeys(sig)) {
      db::Bound u(q);
      if (u.Int(key).Int(seq).Step() != db::kDone)
        return fail("insert corpus_lsh");
    }
  }
  {
    db::Statement* q = Prep(
        "INSERT INTO corpus_paragraphs(hash, seq) VALUES (?1, ?2)"
        " ON CONFLICT (hash, seq) DO NOTHING");
    if (!q) return fail("prepare insert corpus_paragraphs");
    for (uint64_t h : paras) {
      db::Bound u(q);
      if (u.Int(static_cast<int64_t>(h)).Int(seq).Step() != db::kDone)
        return fail("insert corpus_paragraphs");
    }
  }
  {
    db::Statement* q = Prep(
        "INSERT INTO corpus_features(feature, seq, language) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (feature, seq) DO NOTHING");
    if (!q) return fail("prepare insert corpus_features");
    for (const Feature& f : item.features) {
      if (!Specific(f)) continue;
      db::Bound u(q);
      if (u.Text(f.key).Int(seq).TextOrNull(item.language).Step() != db::kDone)
        return fail("insert corpus_features");
    }
  }
  {
    db::Statement* q = Prep(
        "INSERT INTO provenance_links(a, b, relation, similarity, evidence)"
        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (a, b) DO UPDATE SET"
        " relation = excluded.relation, similarity = excluded.similarity,"
        " evidence = excluded.evidence");
    if (!q) return fail("prepare insert provenance_links");
    for (const Link& l : links) {
      db::Bound u(q);
      if (u.Text(l.a)
              .Text(l.b)
              .Text(l.relation)
              .Real(l.similarity)
              .Text(l.evidence)
              .Step() != db::kDone)
        return fail("insert provenance_links");
    }
  }
  Result<bool> joined = JoinGroup(item, links);
  Status rs = !joined.ok() ? joined.status() : *joined ? Status::Ok() : Regroup(item.id);
  if (!rs.ok()) {
    if (own_tx) db->Exec("ROLLBACK");
    return rs;
  }
  // Later documents verify against this one without reading its text.
  shingles_.Put(item.id, std::move(shingles));
  if (own_tx && !db->Exec("COMMIT")) return fail("commit");
  return Status::Ok();
}

Status ProvenanceIndex::LinkCandidates(const Item& item,
                                       const std::vector<uint64_t>& shingles,
                                       const MinHash& sig,
                                       const std::vector<uint64_t>& paras,
                                       int para_count,
                                       std::vector<Link>* links) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  const int cap = std::max(1, options_.max_postings);
  // Candidate ids with what brought them: LSH bands hit, shared paragraphs,
  // shared specific features, same title with a notice between them.
  struct Why {
    int bands = 0, paragraphs = 0, features = 0;
    bool title = false;
  };
  std::map<int64_t, Why> cand;  // by corpus_docs.seq
  std::vector<int64_t> seqs;
  auto postings = [&](db::Statement* st, auto bind, auto on_seq) -> Status {
    db::Bound u(st);
    bind(u);
    seqs.clear();
    int rc;
    while ((rc = u.Step()) == db::kRow) {
      seqs.push_back(u.get()->Int(0));
      if (static_cast<int>(seqs.size()) > cap) return Status::Ok();  // too common: skipped
    }
    if (rc != db::kDone) return SqlError(db, path, "read postings");
    for (int64_t q : seqs) on_seq(q);
    return Status::Ok();
  };
  if (!shingles.empty()) {
    db::Statement* q =
        Prep("SELECT seq FROM corpus_lsh WHERE bucket = ?1 ORDER BY seq LIMIT ?2");
    if (!q) return SqlError(db, path, "prepare lsh");
    for (int64_t key : BandKeys(sig)) {
      // An overfull bucket is a large family of copies (or boilerplate):
      // its oldest postings (by seq, the key's order) are kept rather
      // than the bucket skipped, so the 1,000th copy of an article still
      // finds the first ones; verification bounds the cost.
      DOSSIER_RETURN_IF_ERROR(postings(
          q, [&](db::Bound& u) { u.Int(key).Int(cap); },
          [&](int64_t q) { ++cand[q].bands; }));
    }
  }
  {
    db::Statement* q = Prep(
        "SELECT seq FROM corpus_paragraphs WHERE hash = ?1 ORDER BY seq LIMIT ?2");
    if (!q) return SqlError(db, path, "prepare paragraphs");
    for (uint64_t h : paras) {
      DOSSIER_RETURN_IF_ERROR(postings(
          q, [&](db::Bound& u) { u.Int(static_cast<int64_t>(h)).Int(cap + 1); },
          [&](int64_t q) { ++cand[q].paragraphs; }));
    }
  }
  // Translations: only when the corpus has documents in another language.
  bool other_language = false;
  if (!item.language.empty()) {
    db::Statement* q = Prep(
        "SELECT 1 FROM corpus_docs WHERE language IS NOT NULL AND language <> ?1 LIMIT 1");
    if (!q) return SqlError(db, path, "prepare languages");
    db::Bound u(q);
    const int rc = u.Text(item.language).Step();
    if (rc != db::kRow && rc != db::kDone) return SqlError(db, path, "read languages");
    other_language = rc == db::kRow;
  }
  if (other_language) {
    db::Statement* q = Prep(
        "SELECT seq FROM corpus_features WHERE feature = ?1 AND language IS NOT NULL"
        " AND language <> ?2 ORDER BY seq LIMIT ?3");
    if (!q) return SqlError(db, path, "prepare features");
    for (const Feature& f : item.features) {
      if (!Specific(f)) continue;
      DOSSIER_RETURN_IF_ERROR(postings(
          q, [&](db::Bound& u) { u.Text(f.key).Text(item.language).Int(cap + 1); },
          [&](int64_t q) { ++cand[q].features; }));
    }
  }
  if (!item.title_key.empty()) {
    db::Statement* q = Prep(
        "SELECT seq FROM corpus_docs WHERE title_key = ?1 AND"
        " ((?2 <> '' AND outlet_key = ?2) OR (?3 <> '' AND notice_key = ?3)) "
        "LIMIT ?4");
    if (!q) return SqlError(db, path, "prepare title");
    DOSSIER_RETURN_IF_ERROR(postings(
        q,
        [&](db::Bound& u) {
          u.Text(item.title_key)
              .Text(item.notice_key)
              .Text(item.outlet_key)
              .Int(cap + 1);
        },
        [&](int64_t q) { cand[q].title = true; }));
  }
  if (cand.empty()) return Status::Ok();

  // A candidate with its group's origin (one round trip to a server).
  db::Statement* read_doc = Prep(
      "SELECT c.language, c.published, c.outlet_key, c.notice_key, c.seq, c.paragraphs, c.notice,"
      " c.minhash, c.document_id, COALESCE(p.origin, '') FROM corpus_docs AS c"
      " LEFT JOIN provenance AS p ON p.document_id = c.document_id WHERE c.seq = ?1");
  db::Statement* read_text = Prep("SELECT text FROM documents WHERE id = ?1");
  db::Statement* read_features = Prep("SELECT features FROM corpus_docs WHERE document_id = ?1");
  if (!read_doc || !read_text || !read_features) return SqlError(db, path, "prepare read");
  const MinHash& mine_sig = sig;
  // Strongest candidates first; one verified link into a group is enough to
  // join it, so the other members of a group already linked are not read
  // (a family of 100 copies costs one verification, not 100).
  std::vector<std::pair<int64_t, const Why*>> order;
  for (const auto& [q, why] : cand) order.emplace_back(q, &why);
  std::stable_sort(
      order.begin(), order.end(), [](const auto& x, const auto& y) {
        return 4 * x.second->bands + x.second->paragraphs +
                   8 * x.second->title >
               4 * y.second->bands + y.second->paragraphs + 8 * y.second->title;
      });
  std::set<std::string> joined;  // origins of groups linked to already
  for (const auto& [cand_seq, whyp] : order) {
    const Why& why = *whyp;
    const bool text_check = why.bands > 0 || why.paragraphs > 0 || why.title;
    const bool translation_check = why.features >= 3;
    if (!text_check && !translation_check) continue;
    Other o;
    double estimate = 0;
    std::string group;  // the candidate's origin, if it has provenance yet
    {
      db::Bound u(read_doc);
      int rc = u.Int(cand_seq).Step();
      if (rc == db::kDone) continue;  // gone
      if (rc != db::kRow) return SqlError(db, path, "read candidate");
      db::Statement* s = u.get();
      o.language = s->Text(0);
      o.published = s->Text(1);
      o.outlet_key = s->Text(2);
      o.notice_key = s->Text(3);
      o.seq = s->Int(4);
      o.paragraphs = static_cast<int>(s->Int(5));
      o.notice = s->Text(6);
      MinHash theirs_sig;
      if (DecodeMinHash(s->Blob(7), &theirs_sig))
        estimate = EstimatedJaccard(mine_sig, theirs_sig);
      o.id = s->Text(8);
      group = s->Text(9);
    }
    if (o.id == item.id) continue;
    const std::string& id = o.id;
    if (!group.empty() && joined.count(group)) continue;
    // A notice between them: this one republishes the other's outlet, or
    // the other names this one's outlet as its source.
    const bool mine =
        !item.notice_key.empty() && item.notice_key == o.outlet_key;
    const bool theirs_notice =
        !o.notice_key.empty() && o.notice_key == item.outlet_key;
    const bool notice = mine || theirs_notice;
    const std::string& notice_text = mine ? item.notice : o.notice;
    Link link;
    link.a = item.id;
    link.b = id;
    // A weak band collision alone (estimate far below every bar) is not
    // worth reading the other text for.
    const bool worth_text =
        text_check && (why.paragraphs > 0 || why.title || notice ||
                       estimate >= std::min(options_.near_duplicate, options_.noticed_copy) - 0.15);
    if (worth_text) {
      const std::vector<uint64_t>* cached = shingles_.Get(id);
      std::vector<uint64_t> missing;  // the shingles of a text that is gone: none
      if (!cached) {
        db::Bound u(read_text);
        const int rc = u.Text(id).Step();
        if (rc == db::kRow) cached = shingles_.Put(id, Shingles(u.get()->Text(0)));
        else if (rc != db::kDone) return SqlError(db, path, "read candidate text");
      }
      const std::vector<uint64_t>& theirs = cached ? *cached : missing;
      const size_t inter = Intersection(shingles, theirs);
      const size_t uni = shingles.size() + theirs.size() - inter;
      const double j =
          uni ? static_cast<double>(inter) / static_cast<double>(uni) : 0;
      const std::string shingle_ev = "shingles: Jaccard " + Fixed(j) + " (" +
                                     std::to_string(inter) + " of " +
                                     std::to_string(uni) + " shared)";
      if (j >= options_.near_duplicate ||
          (notice && (j >= options_.noticed_copy || why.title))) {
        link.relation = notice ? "republication" : "near_duplicate";
        link.similarity = j;
        link.evidence = notice
                            ? "republication notice: " + notice_text + "; " +
                                  shingle_ev + (why.title ? "; same title" : "")
                            : shingle_ev;
        links->push_back(std::move(link));
        if (!group.empty()) joined.insert(group);
        continue;
      }
      const int smaller = std::min(para_count, o.paragraphs);
      const int need =
          std::max(1, std::min(options_.reuse_paragraphs, (smaller + 2) / 3));
      if (why.paragraphs >= need && smaller > 0) {
        link.relation = "partial_reuse";
        link.similarity =
            std::min(1.0, static_cast<double>(why.paragraphs) / smaller);
        link.evidence = std::to_string(why.paragraphs) + " shared paragraph" +
                        (why.paragraphs == 1 ? "" : "s") + "; " + shingle_ev;
        links->push_back(std::move(link));
        continue;
      }
    }
    if (translation_check && !item.language.empty() && !o.language.empty() &&
        item.language != o.language) {
      {
        db::Bound u(read_features);
        const int rc = u.Text(id).Step();
        if (rc == db::kRow) o.features = DecodeFeatures(u.get()->Text(0));
        else if (rc != db::kDone) return SqlError(db, path, "read candidate features");
      }
      const FeatureMatch m = CompareFeatures(item.features, o.features);
      if (m.similarity >= options_.translation &&
          m.shared >= options_.translation_shared) {
        link.relation = "translation";
        link.similarity = m.similarity;
        link.evidence =
            item.language + " / " + o.language + "; " + FeatureEvidence(m);
        links->push_back(std::move(link));
        if (!group.empty()) joined.insert(group);
      }
    }
  }
  return Status::Ok();
}

// The common case in O(1) group work: the new document's copy links all go
// into one existing group, and it changes neither the group's origin (it is
// not earlier, carries no notice, and no member names its outlet as the
// source). Only its own provenance row is written. False: Regroup.
Result<bool> ProvenanceIndex::JoinGroup(const Item& item, const std::vector<Link>& links) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  if (!item.notice_key.empty()) return false;
  db::Statement* origin_q = Prep("SELECT origin FROM provenance WHERE document_id = ?1");
  db::Statement* facts_q = Prep(
      "SELECT language, published FROM corpus_docs WHERE document_id = ?1");
  db::Statement* named_q = Prep(
      "SELECT 1 FROM provenance AS p JOIN corpus_docs AS c ON c.document_id = p.document_id"
      " WHERE p.origin = ?1 AND c.notice_key = ?2 LIMIT 1");
  db::Statement* write = Prep(kWriteProvenance);
  db::Statement* mark_origin = Prep(
      "UPDATE provenance SET relation = 'original', similarity = 1, evidence = 'earliest copy',"
      " computed_at = ?2 WHERE document_id = ?1 AND (relation <> 'original' OR evidence IS NULL"
      " OR evidence <> 'earliest copy')");
  if (!origin_q || !facts_q || !named_q || !write || !mark_origin)
    return SqlError(db, path, "prepare join");
  std::string origin;
  const Link* direct = nullptr;
  const Link* best = nullptr;
  for (const Link& l : links) {
    if (!Grouping(l.relation)) continue;
    db::Bound u(origin_q);
    const int rc = u.Text(l.b).Step();
    if (rc != db::kRow) {
      if (rc != db::kDone) return SqlError(db, path, "read origin");
      return false;
    }
    const std::string_view o = u.get()->Text(0);
    if (origin.empty()) origin = o;
    else if (origin != o) return false;  // two groups merge
    if (l.b == origin) direct = &l;
    if (!best || l.similarity > best->similarity) best = &l;
  }
  if (origin.empty()) return false;
  std::string o_language, o_published;
  {
    db::Bound u(facts_q);
    const int rc = u.Text(origin).Step();
    if (rc != db::kRow) {
      if (rc != db::kDone) return SqlError(db, path, "read origin facts");
      return false;
    }
    o_language = u.get()->Text(0);
    o_published = u.get()->Text(1);
  }
  // Would the new document be the earlier copy?
  if (!item.published.empty() && (o_published.empty() || item.published < o_published))
    return false;
  if (!item.outlet_key.empty()) {
    db::Bound u(named_q);
    const int rc = u.Text(origin).Text(item.outlet_key).Step();
    if (rc == db::kRow) return false;
    if (rc != db::kDone) return SqlError(db, path, "read notices");
  }
  const Link* use = direct ? direct : best;
  std::string relation = "near_duplicate";
  if (!item.language.empty() && !o_language.empty() && item.language != o_language)
    relation = "translation";
  else if (use->relation == "republication")
    relation = "republication";
  const std::string now = NowUtc();
  // Bound values must outlive Step (not every backend copies them): no temporaries.
  const std::string evidence =
      direct ? use->evidence : "via " + ShortId(use->b) + ": " + use->evidence;
  {
    db::Bound u(write);
    u.Text(item.id).Text(origin).Text(relation).Real(use->similarity).Text(evidence).Text(now);
    if (u.Step() != db::kDone) return SqlError(db, path, "write provenance");
  }
  {
    db::Bound u(mark_origin);
    if (u.Text(origin).Text(now).Step() != db::kDone)
      return SqlError(db, path, "write origin provenance");
  }
  return true;
}

Status ProvenanceIndex::Regroup(const std::string& id) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  // The group: documents reachable over copy links (not partial reuse).
  // A document's links both ways: to the documents it copies, then from
  // those that copy it, each by id.
  db::Statement* links_q = Prep(
      "SELECT b, relation, similarity, evidence, 0 AS side FROM provenance_links WHERE a = ?1"
      " UNION ALL SELECT a, relation, similarity, evidence, 1 AS side FROM provenance_links"
      " WHERE b = ?1 ORDER BY 5, 1");
  if (!links_q) return SqlError(db, path, "prepare links");
  struct Edge {
    std::string other, relation, evidence;
    double similarity;
  };
  std::map<std::string, std::vector<Edge>> edges;
  std::vector<std::string> members{id};
  std::set<std::string> seen{id};
  const size_t kMaxGroup = 100000;
  for (size_t i = 0; i < members.size() && members.size() < kMaxGroup; ++i) {
    const std::string cur = members[i];
    db::Bound u(links_q);
    u.Text(cur);
    int rc;
    while ((rc = u.Step()) == db::kRow) {
      Edge e{std::string(u->Text(0)), std::string(u->Text(1)), std::string(u->Text(3)),
             u->Real(2)};
      if (!Grouping(e.relation)) continue;
      if (seen.insert(e.other).second) members.push_back(e.other);
      edges[cur].push_back(std::move(e));
    }
    if (rc != db::kDone) return SqlError(db, path, "read links");
  }
  // Member facts.
  db::Statement* read = Prep(
      "SELECT language, published, outlet_key, notice_key, seq, notice FROM "
      "corpus_docs"
      " WHERE document_id = ?1");
  if (!read) return SqlError(db, path, "prepare member");
  std::map<std::string, Other> info;
  for (const std::string& m : members) {
    db::Bound u(read);
    int rc = u.Text(m).Step();
    Other o;
    o.id = m;
    if (rc == db::kRow) {
      o.language = u.get()->Text(0);
      o.published = u.get()->Text(1);
      o.outlet_key = u.get()->Text(2);
      o.notice_key = u.get()->Text(3);
      o.seq = u.get()->Int(4);
      o.notice = u.get()->Text(5);
    } else if (rc != db::kDone) {
      return SqlError(db, path, "read member");
    }
    info[m] = std::move(o);
  }
  // The origin: among the members a notice names (their outlet is another
  // member's "original source"), else among all, the earliest published;
  // undated after dated; then the first indexed.
  std::vector<const Other*> pool;
  for (const auto& [m, o] : info) {
    if (o.outlet_key.empty()) continue;
    for (const auto& [m2, o2] : info)
      if (m2 != m && o2.notice_key == o.outlet_key) {
        pool.push_back(&o);
        break;
      }
  }
  if (pool.empty())
    for (const auto& [m, o] : info) pool.push_back(&o);
  auto earlier = [](const Other* x, const Other* y) {
    const bool xd = !x->published.empty(), yd = !y->published.empty();
    if (xd != yd) return xd;
    if (xd && x->published != y->published) return x->published < y->published;
    return x->seq < y->seq;
  };
  const Other* origin = *std::min_element(pool.begin(), pool.end(), earlier);

  db::Statement* write = Prep(kWriteProvenance);
  if (!write) return SqlError(db, path, "prepare provenance");
  const std::string now = NowUtc();
  for (const auto& [m, o] : info) {
    Provenance p;
    p.document_id = m;
    p.origin = origin->id;
    if (m == origin->id) {
      p.relation = "original";
      p.similarity = 1;
      if (members.size() > 1) {
        p.evidence =
            "earliest of " + std::to_string(members.size()) + " copies";
      } else if (!o.notice_key.empty()) {
        p.relation = "republication";
        p.evidence = "republication notice: " + o.notice +
                     " (the original is not in the corpus)";
      }
    } else {
      const Edge* direct = nullptr;
      const Edge* best = nullptr;
      for (const Edge& e : edges[m]) {
        if (e.other == origin->id) direct = &e;
        if (!best || e.similarity > best->similarity) best = &e;
      }
      const Edge* use = direct ? direct : best;
      if (!o.language.empty() && !origin->language.empty() &&
          o.language != origin->language) {
        p.relation = "translation";
      } else if (!o.notice_key.empty() ||
                 (use && use->relation == "republication")) {
        p.relation = "republication";
      } else {
        p.relation = "near_duplicate";
      }
      p.similarity = use ? use->similarity : 0;
      p.evidence =
          use ? (direct ? use->evidence
                        : "via " + ShortId(use->other) + ": " + use->evidence)
              : "";
    }
    db::Bound u(write);
    u.Text(p.document_id)
        .Text(p.origin)
        .Text(p.relation)
        .Real(p.similarity)
        .TextOrNull(p.evidence)
        .Text(now);
    if (u.Step() != db::kDone) return SqlError(db, path, "write provenance");
  }
  return Status::Ok();
}

Status ProvenanceIndex::Rebuild(
    const std::function<void(int64_t, int64_t)>& progress) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  if (!db->Exec("BEGIN IMMEDIATE")) return SqlError(db, path, "begin");
  Status lk = LockCorpus(store_);
  if (!lk.ok() ||
      !db->Exec("DELETE FROM provenance_links; DELETE FROM corpus_lsh;"
                " DELETE FROM corpus_paragraphs; DELETE FROM corpus_features;"
                " DELETE FROM corpus_docs; DELETE FROM provenance") ||
      !db->Exec("COMMIT")) {
    Status s = lk.ok() ? SqlError(db, path, "clear the index") : lk;
    db->Exec("ROLLBACK");
    return s;
  }
  return CatchUp(progress);
}

Status ProvenanceIndex::CatchUp(
    const std::function<void(int64_t, int64_t)>& progress) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  // The ids first (a read statement stays out of the writes below).
  std::vector<std::string> ids;
  {
    db::Statement* q = Prep(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM "
        "corpus_docs)"
        " ORDER BY doc_no");
    if (!q) return SqlError(db, path, "prepare catch-up");
    db::Bound u(q);
    int rc;
    while ((rc = u.Step()) == db::kRow)
      ids.emplace_back(u.get()->Text(0));
    if (rc != db::kDone) return SqlError(db, path, "list documents to index");
  }
  db::Statement* doc_q = Prep(
      "SELECT text, language, published, outlet, title, republished_from FROM "
      "documents"
      " WHERE id = ?1");
  db::Statement* ent_q = Prep(
      "SELECT kind, ref, text, feature, date_value, date_precision, "
      "quantity_value, unit"
      " FROM entities WHERE document_id = ?1");
  if (!doc_q || !ent_q) return SqlError(db, path, "prepare catch-up reads");
  const int64_t total = static_cast<int64_t>(ids.size());
  int64_t done = 0;
  bool open = false;
  for (const std::string& id : ids) {
    if (!open) {
      if (!db->Exec("BEGIN IMMEDIATE")) return SqlError(db, path, "begin");
      open = true;
    }
    Item it;
    it.id = id;
    {
      db::Bound u(doc_q);
      int rc = u.Text(id).Step();
      if (rc == db::kDone) continue;  // gone
      if (rc != db::kRow) {
        Status s = SqlError(db, path, "read document");
        db->Exec("ROLLBACK");
        return s;
      }
      db::Statement* s = u.get();
      it.text = s->Text(0);
      it.language = s->Text(1);
      it.published = s->Text(2);
      it.outlet_key = FoldName(s->Text(3));
      it.title_key = FoldName(s->Text(4));
      std::string_view rf = s->Text(5);
      if (!rf.empty()) {
        nlohmann::json j = nlohmann::json::parse(rf, nullptr, false);
        if (j.is_object() && j.contains("outlet") && j["outlet"].is_string()) {
          it.notice = j["outlet"].get<std::string>();
          it.notice_key = FoldName(it.notice);
          if (j.contains("published") && j["published"].is_string())
            it.notice += ", " + j["published"].get<std::string>();
        }
      }
    }
    {
      std::vector<std::array<std::string, 7>> rows;
      std::vector<std::pair<bool, double>> qty;
      db::Bound u(ent_q);
      u.Text(id);
      int rc;
      while ((rc = u.Step()) == db::kRow) {
        db::Statement* s = u.get();
        std::array<std::string, 7> r;
        for (int c : {0, 1, 2, 3, 4, 5}) r[c] = std::string(s->Text(c));
        r[6] = std::string(s->Text(7));
        rows.push_back(std::move(r));
        qty.emplace_back(!s->IsNull(6), s->Real(6));
      }
      if (rc != db::kDone) {
        Status s = SqlError(db, path, "read entities");
        db->Exec("ROLLBACK");
        return s;
      }
      std::vector<MentionFacts> facts(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) {
        MentionFacts& f = facts[i];
        f.kind = rows[i][0];
        f.ref = rows[i][1];
        f.text = rows[i][2];
        f.feature = rows[i][3];
        f.date_value = rows[i][4];
        f.date_precision = rows[i][5];
        f.has_quantity = qty[i].first;
        f.quantity = qty[i].second;
        f.unit = rows[i][6];
      }
      it.features = EntityFeatures(facts);
    }
    Status s = AddItem(it);
    if (!s.ok()) {
      db->Exec("ROLLBACK");
      return s;
    }
    ++done;
    if (done % 256 == 0 || done == total) {
      if (!db->Exec("COMMIT"))
        return SqlError(db, path, "commit");
      open = false;
      if (progress) progress(done, total);
    }
  }
  if (open &&
      !db->Exec("COMMIT"))
    return SqlError(db, path, "commit");
  return Status::Ok();
}

Status ProvenanceIndex::ForEachGroup(
    const std::function<bool(const std::vector<Provenance>& members)>& fn) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  db::Statement* q = Prep(
      "SELECT p.document_id, p.origin, p.relation, p.similarity, "
      "COALESCE(p.evidence, ''),"
      " d.title, d.outlet, d.published, d.language"
      " FROM provenance AS p JOIN documents AS d ON d.id = p.document_id WHERE "
      "p.origin IN (SELECT origin FROM provenance GROUP BY origin HAVING COUNT(*) > 1"
      " OR SUM(CASE WHEN relation = 'republication' THEN 1 ELSE 0 END) > 0)"
      " ORDER BY p.origin, p.document_id <> p.origin, p.relation, "
      "p.document_id");
  if (!q) return SqlError(db, path, "prepare groups");
  db::Bound u(q);
  std::vector<Provenance> group;
  int rc;
  while ((rc = u.Step()) == db::kRow) {
    Provenance p;
    p.document_id = u.get()->Text(0);
    p.origin = u.get()->Text(1);
    p.relation = u.get()->Text(2);
    p.similarity = u.get()->Real(3);
    p.evidence = u.get()->Text(4);
    p.title = u.get()->Text(5);
    p.outlet = u.get()->Text(6);
    p.published = u.get()->Text(7);
    p.language = u.get()->Text(8);
    if (!group.empty() && group.front().origin != p.origin) {
      if (!fn(group)) return Status::Ok();
      group.clear();
    }
    group.push_back(std::move(p));
  }
  if (rc != db::kDone) return SqlError(db, path, "read groups");
  if (!group.empty()) fn(group);
  return Status::Ok();
}

Status ProvenanceIndex::ForEachReuse(
    const std::function<bool(const Link&)>& fn) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  // A document that reuses several copies of one article reuses that
  // article: links are reported against the origin of the copies' group.
  // Per (document, origin) the link of highest similarity (then the first
  // reused copy by id), with its own evidence.
  db::Statement* q = Prep(
      "SELECT a, o, relation, similarity, evidence FROM (SELECT l.a, COALESCE(p.origin, l.b)"
      " AS o, l.relation, l.similarity, l.evidence, ROW_NUMBER() OVER (PARTITION BY l.a,"
      " COALESCE(p.origin, l.b) ORDER BY l.similarity DESC, l.b) AS r"
      " FROM provenance_links AS l LEFT JOIN provenance AS p ON p.document_id = l.b"
      " WHERE l.relation = 'partial_reuse') AS t WHERE r = 1 ORDER BY o, a");
  if (!q) return SqlError(db, path, "prepare reuse");
  db::Bound u(q);
  int rc;
  while ((rc = u.Step()) == db::kRow) {
    Link l;
    l.a = u.get()->Text(0);
    l.b = u.get()->Text(1);
    l.relation = u.get()->Text(2);
    l.similarity = u.get()->Real(3);
    l.evidence = u.get()->Text(4);
    if (!fn(l)) return Status::Ok();
  }
  if (rc != db::kDone) return SqlError(db, path, "read reuse");
  return Status::Ok();
}

}  // namespace dossier::corpus

namespace dossier::corpus {
namespace {

// "https://www.Example.org/a/b/" -> "example.org/a/b".
std::string UrlKey(std::string_view url) {
  std::string u;
  for (char c : url) u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view p : {"https://", "http://"})
    if (u.rfind(p, 0) == 0) u.erase(0, p.size());
  if (u.rfind("www.", 0) == 0) u.erase(0, 4);
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}

}  // namespace

Status ProvenanceIndex::ForEachSharedCitation(
    const std::function<bool(const SharedCitation&)>& fn) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  db::Statement* q = Prep(
      "SELECT c.document_id, c.citation_id, c.kind, COALESCE(c.title, ''), COALESCE(c.url, ''),"
      " COALESCE(c.date, ''), COALESCE(e.ref, ''), COALESCE(e.name, e.text, ''), c.mentions,"
      " COALESCE(c.issuer, '')"
      " FROM citations AS c JOIN documents AS d ON d.id = c.document_id"
      " LEFT JOIN entities AS e ON e.document_id = c.document_id AND e.mention_id = c.issuer"
      " ORDER BY d.doc_no, c.citation_id");
  db::Statement* doc_q = Prep(
      "SELECT COALESCE(d.title, ''), COALESCE(d.outlet, ''), COALESCE(p.origin, d.id)"
      " FROM documents AS d LEFT JOIN provenance AS p ON p.document_id = d.id WHERE d.id = ?1");
  // Voice records whose source is the issuer or a document mention inside
  // one of the citation's spans.
  db::Statement* use_q = Prep(
      "SELECT v.kind, e.start, e.end, e.kind, v.source FROM voice AS v JOIN entities AS e"
      " ON e.document_id = v.document_id AND e.mention_id = v.source"
      " WHERE v.document_id = ?1 AND v.kind IN ('quoted', 'attributed')");
  if (!q || !doc_q || !use_q) return SqlError(db, path, "prepare citations");
  struct Row {
    std::string doc, cid, kind, title, url, date, ref, issuer_name, mentions, issuer;
  };
  std::vector<Row> rows_all;
  {
    db::Bound u(q);
    int rc;
    while ((rc = u.Step()) == db::kRow) {
      Row r;
      db::Statement* st = u.get();
      r.doc = st->Text(0);
      r.cid = st->Text(1);
      r.kind = st->Text(2);
      r.title = st->Text(3);
      r.url = st->Text(4);
      r.date = st->Text(5);
      r.ref = st->Text(6);
      r.issuer_name = st->Text(7);
      r.mentions = st->Text(8);
      r.issuer = st->Text(9);
      rows_all.push_back(std::move(r));
    }
    if (rc != db::kDone) return SqlError(db, path, "read citations");
  }
  // Citations are the same document when they share a URL, a title (folded,
  // 12 characters or more) or issuer + kind + date; issuer + kind alone
  // ("an Amnesty report") joins only a citation that gives no title or URL
  // of its own (the issuer may have written several).
  std::vector<size_t> parent(rows_all.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  std::function<size_t(size_t)> find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::vector<std::set<std::string>> how(rows_all.size());
  std::map<std::string, size_t> first;
  auto join = [&](const std::string& key, size_t i, const char* what) {
    auto [it, fresh] = first.try_emplace(key, i);
    if (fresh) return;
    const size_t a = find(it->second), b = find(i);
    if (a == b) return;
    parent[b] = a;
    how[a].insert(what);
    how[a].insert(how[b].begin(), how[b].end());
  };
  for (size_t i = 0; i < rows_all.size(); ++i) {
    const Row& r = rows_all[i];
    const std::string title_key = FoldName(r.title);
    if (!r.url.empty()) join("url:" + UrlKey(r.url), i, "url");
    if (title_key.size() >= 12) join("title:" + title_key, i, "title");
    if (!r.ref.empty() && !r.date.empty()) join("issuer:" + r.ref + " " + r.kind + " " + r.date, i, "issuer and date");
  }
  for (size_t i = 0; i < rows_all.size(); ++i) {
    const Row& r = rows_all[i];
    if (r.ref.empty()) continue;
    const std::string weak = "issuer-kind:" + r.ref + " " + r.kind;
    auto [it, fresh] = first.try_emplace(weak, i);
    if (fresh) continue;
    const Row& o = rows_all[it->second];
    const bool r_named = !r.url.empty() || FoldName(r.title).size() >= 12;
    const bool o_named = !o.url.empty() || FoldName(o.title).size() >= 12;
    if (r_named && o_named) continue;
    const size_t a = find(it->second), b = find(i);
    if (a == b) continue;
    parent[b] = a;
    how[a].insert("issuer");
    how[a].insert(how[b].begin(), how[b].end());
  }
  std::map<size_t, std::vector<size_t>> groups;  // root -> rows, in store order
  std::vector<size_t> roots;
  for (size_t i = 0; i < rows_all.size(); ++i) {
    auto [it, fresh] = groups.try_emplace(find(i));
    if (fresh) roots.push_back(it->first);
    it->second.push_back(i);
  }
  for (size_t root : roots) {
    std::vector<Row> rows;
    for (size_t i : groups[root]) rows.push_back(rows_all[i]);
    std::string key;
    for (const std::string& h : how[root]) key += (key.empty() ? "" : ", ") + h;
    std::set<std::string> docs;
    for (const Row& r : rows) docs.insert(r.doc);
    if (docs.size() < 2) continue;
    SharedCitation sc;
    sc.key = key;
    sc.kind = rows[0].kind;
    for (const Row& r : rows) {
      if (sc.title.empty()) sc.title = r.title;
      if (sc.issuer.empty()) sc.issuer = r.issuer_name;
      if (sc.date.empty()) sc.date = r.date;
      if (sc.url.empty()) sc.url = r.url;
    }
    std::set<std::string> seen, origins;
    for (const Row& r : rows) {
      if (!seen.insert(r.doc).second) continue;
      SharedCitation::Citer c;
      c.document_id = r.doc;
      c.citation_id = r.cid;
      {
        db::Bound u(doc_q);
        const int rc = u.Text(r.doc).Step();
        if (rc == db::kRow) {
          c.title = u.get()->Text(0);
          c.outlet = u.get()->Text(1);
          c.origin = u.get()->Text(2);
        } else if (rc != db::kDone) {
          return SqlError(db, path, "read citing document");
        }
      }
      if (c.origin.empty()) c.origin = r.doc;
      origins.insert(c.origin);
      std::vector<std::pair<int64_t, int64_t>> spans;
      nlohmann::json j = nlohmann::json::parse(r.mentions, nullptr, false);
      if (j.is_array())
        for (const auto& x : j)
          if (x.is_array() && x.size() == 2 && x[0].is_number_integer() && x[1].is_number_integer())
            spans.emplace_back(x[0].get<int64_t>(), x[1].get<int64_t>());
      bool quoted = false, attributed = false;
      {
        db::Bound u(use_q);
        u.Text(r.doc);
        int rc;
        while ((rc = u.Step()) == db::kRow) {
          db::Statement* st = u.get();
          const std::string_view vkind = st->Text(0);
          const int64_t b = st->Int(1), e = st->Int(2);
          const std::string_view ekind = st->Text(3);
          const std::string_view source = st->Text(4);
          bool ours = !r.issuer.empty() && source == r.issuer;
          if (!ours && ekind == "document")
            for (const auto& [sb, se] : spans) ours = ours || (b >= sb && e <= se);
          if (!ours) continue;
          (vkind == "quoted" ? quoted : attributed) = true;
        }
        if (rc != db::kDone) return SqlError(db, path, "read voice");
      }
      c.use = quoted ? "quoted" : attributed ? "paraphrased" : "mentioned";
      sc.citers.push_back(std::move(c));
    }
    sc.independent_origins = static_cast<int>(origins.size());
    if (!fn(sc)) return Status::Ok();
  }
  return Status::Ok();
}


Status ProvenanceIndex::ForEachSharedClaim(int min_reports,
                                           const std::function<bool(const SharedClaim&)>& fn) {
  db::Connection* db = store_->connection();
  const std::string path = store_->StoreName();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  db::Statement* claims_q = Prep(
      "SELECT c.document_id, c.seq, c.slots, c.voice, COALESCE(c.source, ''), c.start, c.end,"
      " d.text, COALESCE(d.outlet, ''), COALESCE(p.origin, d.id)"
      " FROM claims AS c JOIN documents AS d ON d.id = c.document_id"
      " LEFT JOIN provenance AS p ON p.document_id = d.id"
      " WHERE c.kind = 'numeric' ORDER BY d.doc_no, c.seq");
  db::Statement* mention_q = Prep(
      "SELECT kind, COALESCE(ref, ''), quantity_value, COALESCE(role, ''),"
      " COALESCE(date_value, ''), COALESCE(date_precision, ''), text"
      " FROM entities WHERE document_id = ?1 AND mention_id = ?2");
  if (!claims_q || !mention_q) return SqlError(db, path, "prepare claims");
  // A document that embeds paragraphs of another repeats its claims: the
  // two count as one origin for a claim they both tell.
  ReusePairs reuse;
  DOSSIER_RETURN_IF_ERROR(LoadReusePairs(store_, &reuse));
  std::map<std::string, SharedClaim> by_key;
  std::vector<std::string> order;
  {
    db::Bound u(claims_q);
    int rc;
    while ((rc = u.Step()) == db::kRow) {
      db::Statement* st = u.get();
      const std::string doc(st->Text(0));
      nlohmann::json slots = nlohmann::json::parse(st->Text(2), nullptr, false);
      if (!slots.is_object()) continue;
      std::vector<std::string> qty, places;
      std::string date;
      auto ids = [&](const char* k) {
        std::vector<std::string> v;
        if (slots.contains(k) && slots[k].is_array())
          for (const auto& x : slots[k])
            if (x.is_string()) v.push_back(x.get<std::string>());
        return v;
      };
      std::string source_text;
      const std::string source(st->Text(4));
      for (const char* k : {"quantities", "places", "dates"}) {
        for (const std::string& m : ids(k)) {
          db::Bound mu(mention_q);
          const int mrc = mu.Text(doc).Text(m).Step();
          if (mrc != db::kRow) {
            if (mrc != db::kDone) return SqlError(db, path, "read claim slot");
            continue;
          }
          db::Statement* ms = mu.get();
          const std::string_view kind = ms->Text(0);
          if (kind == "quantity" && !ms->IsNull(2)) {
            const double v = ms->Real(2);
            if (v < 2 || v != std::floor(v)) continue;
            qty.push_back(std::to_string(static_cast<long long>(v)) + " " +
                          std::string(ms->Text(3)));
          } else if (kind == "place" && !ms->Text(1).empty()) {
            places.emplace_back(ms->Text(1));
          } else if (kind == "date" && ms->Text(5) == "day" && date.empty()) {
            date = ms->Text(4);
          }
        }
      }
      if (!source.empty()) {
        db::Bound mu(mention_q);
        if (mu.Text(doc).Text(source).Step() == db::kRow) source_text = mu.get()->Text(6);
      }
      if (qty.empty() || places.empty()) continue;
      std::sort(qty.begin(), qty.end());
      qty.erase(std::unique(qty.begin(), qty.end()), qty.end());
      std::sort(places.begin(), places.end());
      places.erase(std::unique(places.begin(), places.end()), places.end());
      std::string key;
      for (const std::string& q : qty) key += (key.empty() ? "" : ", ") + q;
      key += " |";
      for (const std::string& p : places) key += " " + p;
      auto [it, fresh] = by_key.try_emplace(key);
      SharedClaim& sc = it->second;
      if (fresh) {
        order.push_back(key);
        sc.key = key;
        // The claim's words: its span in the text (code points -> bytes).
        const std::string_view text = st->Text(7);
        const int64_t b = st->Int(5), e = st->Int(6);
        size_t bb = 0, cp = 0, be = text.size();
        for (size_t i = 0; i <= text.size(); ++i) {
          if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (static_cast<int64_t>(cp) == b) bb = i;
            if (static_cast<int64_t>(cp) == e) {
              be = i;
              break;
            }
            ++cp;
          }
        }
        if (bb < be) sc.text = std::string(text.substr(bb, be - bb));
      }
      bool seen = false;
      for (const auto& t : sc.tellers) seen = seen || t.document_id == doc;
      if (seen) continue;
      SharedClaim::Teller t;
      t.document_id = doc;
      t.seq = st->Int(1);
      t.voice = st->Text(3);
      t.outlet = st->Text(8);
      t.origin = st->Text(9);
      t.source_text = source_text;
      sc.tellers.push_back(std::move(t));
    }
    if (rc != db::kDone) return SqlError(db, path, "read claims");
  }
  for (const std::string& key : order) {
    SharedClaim& sc = by_key[key];
    if (static_cast<int>(sc.tellers.size()) < min_reports) continue;
    std::vector<std::pair<std::string, std::string>> doc_origins;
    for (const auto& t : sc.tellers) doc_origins.emplace_back(t.document_id, t.origin);
    sc.independent_origins = IndependentOrigins(doc_origins, reuse);
    if (!fn(sc)) break;
  }
  return Status::Ok();
}

Status LockCorpus(Store* store) {
  db::Connection* db = store->connection();
  if (db->backend() != db::Backend::kPostgres) return Status::Ok();
  if (!db->Exec(kCorpusLock)) return SqlError(db, store->StoreName(), "lock the corpus tables");
  return Status::Ok();
}

Status LoadReusePairs(Store* store, ReusePairs* out) {
  db::Connection* db = store->connection();
  std::unique_ptr<db::Statement> q =
      db->Prepare("SELECT a, b FROM provenance_links WHERE relation = 'partial_reuse'");
  if (!q) return SqlError(db, store->StoreName(), "prepare reuse");
  db::Bound u(q);
  int rc;
  while ((rc = u.Step()) == db::kRow) {
    std::string a(u.get()->Text(0)), b(u.get()->Text(1));
    out->emplace(a, b);
    out->emplace(std::move(b), std::move(a));
  }
  if (rc != db::kDone) return SqlError(db, store->StoreName(), "read reuse");
  return Status::Ok();
}

int IndependentOrigins(const std::vector<std::pair<std::string, std::string>>& doc_origins,
                       const ReusePairs& reuse) {
  std::map<std::string, std::string> parent;
  std::function<std::string(const std::string&)> find = [&](const std::string& x) {
    auto it = parent.find(x);
    if (it == parent.end() || it->second == x) return x;
    return it->second = find(it->second);
  };
  for (const auto& d : doc_origins) parent.emplace(d.second, d.second);
  if (!reuse.empty())
    for (size_t i = 0; i < doc_origins.size(); ++i)
      for (size_t j = i + 1; j < doc_origins.size(); ++j)
        if (reuse.count({doc_origins[i].first, doc_origins[j].first})) {
          const std::string a = find(doc_origins[i].second), b = find(doc_origins[j].second);
          if (a != b) parent[b] = a;
        }
  std::set<std::string> roots;
  for (const auto& d : doc_origins) roots.insert(find(d.second));
  return static_cast<int>(roots.size());
}

}  // namespace dossier::corpus
