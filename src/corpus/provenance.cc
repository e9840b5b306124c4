#include "corpus/provenance.h"

#include <sqlite3.h>

#include <algorithm>
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

using store_internal::ColumnText;
using store_internal::NowUtc;
using store_internal::Stmt;
using store_internal::Use;

struct ProvenanceIndex::Item {
  std::string id, text, language, published, outlet_key, title_key, notice_key;
  std::string notice;  // "MintPress News, 2018-08-15" (display)
  std::vector<Feature> features;
};

namespace {

Status SqlError(sqlite3* db, const std::string& path, std::string_view op) {
  return StorageError("store " + path + ": provenance: " + std::string(op) + ": " +
                      (db ? sqlite3_errmsg(db) : "no connection"));
}

// A prepared statement for one call site; finalised with the object.
class Query {
 public:
  Query(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, stmt_.out(), nullptr); }
  bool ok() const { return rc_ == SQLITE_OK; }
  const Stmt& stmt() const { return stmt_; }

 private:
  Stmt stmt_;
  int rc_;
};

// What the index keeps of another document, read back for verification.
struct Other {
  std::string id, language, published, outlet_key, notice_key, notice;
  int64_t seq = 0;
  int paragraphs = 0;
  std::vector<Feature> features;
};

std::string ShortId(std::string_view id) { return std::string(id.substr(0, 12)); }

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Features specific enough to find a translation by: not countries or
// provinces (every article on the war names Syria).
bool Specific(const Feature& f) { return f.weight >= 1.0; }

bool Grouping(std::string_view relation) { return relation != "partial_reuse"; }

}  // namespace

ProvenanceIndex::ProvenanceIndex(SqliteStore* store, ProvenanceOptions options)
    : store_(store), options_(options) {}

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
    if (doc.meta.republished_from.published) it.notice += ", " + *doc.meta.republished_from.published;
  }
  it.features = EntityFeatures(doc);
  return AddItem(it);
}

Status ProvenanceIndex::AddItem(const Item& item) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  {
    Query q(db, "SELECT 1 FROM corpus_docs WHERE document_id = ?1");
    if (!q.ok()) return SqlError(db, path, "prepare");
    Use u(q.stmt());
    int rc = u.Text(item.id).Step();
    if (rc == SQLITE_ROW) return Status::Ok();
    if (rc != SQLITE_DONE) return SqlError(db, path, "read corpus_docs");
  }
  // Join the open batch, or make one of this document's writes.
  const bool own_tx = sqlite3_get_autocommit(db) != 0;
  if (own_tx && sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(db, path, "begin");
  auto fail = [&](std::string_view op) {
    Status s = SqlError(db, path, op);
    if (own_tx) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return s;
  };

  const std::vector<uint64_t> shingles = Shingles(item.text);
  const MinHash sig = MinHashOf(shingles);
  std::vector<uint64_t> paras = ParagraphHashes(item.text);
  const int para_count = static_cast<int>(paras.size());
  std::sort(paras.begin(), paras.end());
  paras.erase(std::unique(paras.begin(), paras.end()), paras.end());
  std::vector<Link> links;
  Status ls = LinkCandidates(item, shingles, paras, para_count, &links);
  if (!ls.ok()) {
    if (own_tx) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return ls;
  }
  {
    Query q(db,
            "INSERT INTO corpus_docs(document_id, seq, language, published, outlet_key, title_key,"
            " notice_key, notice, shingles, paragraphs, minhash, features)"
            " VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM corpus_docs), ?2, ?3, ?4, ?5, ?6,"
            " ?7, ?8, ?9, ?10, ?11)");
    if (!q.ok()) return fail("prepare insert corpus_docs");
    Use u(q.stmt());
    u.Text(item.id).TextOrNull(item.language).TextOrNull(item.published)
        .TextOrNull(item.outlet_key).TextOrNull(item.title_key).TextOrNull(item.notice_key)
        .TextOrNull(item.notice).Int(static_cast<int64_t>(shingles.size())).Int(para_count);
    const std::string blob = EncodeMinHash(sig);
    const std::string feats = EncodeFeatures(item.features);
    u.Blob(blob).Text(feats);
    if (u.Step() != SQLITE_DONE) return fail("insert corpus_docs");
  }
  if (!shingles.empty()) {
    Query q(db, "INSERT OR IGNORE INTO corpus_lsh(bucket, document_id) VALUES (?1, ?2)");
    if (!q.ok()) return fail("prepare insert corpus_lsh");
    for (int64_t key : BandKeys(sig)) {
      Use u(q.stmt());
      if (u.Int(key).Text(item.id).Step() != SQLITE_DONE) return fail("insert corpus_lsh");
    }
  }
  {
    Query q(db, "INSERT OR IGNORE INTO corpus_paragraphs(hash, document_id) VALUES (?1, ?2)");
    if (!q.ok()) return fail("prepare insert corpus_paragraphs");
    for (uint64_t h : paras) {
      Use u(q.stmt());
      if (u.Int(static_cast<int64_t>(h)).Text(item.id).Step() != SQLITE_DONE)
        return fail("insert corpus_paragraphs");
    }
  }
  {
    Query q(db, "INSERT OR IGNORE INTO corpus_features(feature, document_id) VALUES (?1, ?2)");
    if (!q.ok()) return fail("prepare insert corpus_features");
    for (const Feature& f : item.features) {
      if (!Specific(f)) continue;
      Use u(q.stmt());
      if (u.Text(f.key).Text(item.id).Step() != SQLITE_DONE) return fail("insert corpus_features");
    }
  }
  {
    Query q(db,
            "INSERT OR REPLACE INTO provenance_links(a, b, relation, similarity, evidence)"
            " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!q.ok()) return fail("prepare insert provenance_links");
    for (const Link& l : links) {
      Use u(q.stmt());
      if (u.Text(l.a).Text(l.b).Text(l.relation).Real(l.similarity).Text(l.evidence).Step() !=
          SQLITE_DONE)
        return fail("insert provenance_links");
    }
  }
  Status rs = Regroup(item.id);
  if (!rs.ok()) {
    if (own_tx) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return rs;
  }
  if (own_tx && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail("commit");
  return Status::Ok();
}

Status ProvenanceIndex::LinkCandidates(const Item& item, const std::vector<uint64_t>& shingles,
                                       const std::vector<uint64_t>& paras, int para_count,
                                       std::vector<Link>* links) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  const int cap = std::max(1, options_.max_postings);
  // Candidate ids with what brought them: LSH bands hit, shared paragraphs,
  // shared specific features, same title with a notice between them.
  struct Why {
    int bands = 0, paragraphs = 0, features = 0;
    bool title = false;
  };
  std::map<std::string, Why> cand;
  auto postings = [&](const Stmt& st, auto bind, auto on_id) -> Status {
    Use u(st);
    bind(u);
    std::vector<std::string> ids;
    int rc;
    while ((rc = u.Step()) == SQLITE_ROW) {
      ids.emplace_back(ColumnText(u.get(), 0));
      if (static_cast<int>(ids.size()) > cap) return Status::Ok();  // too common: skipped
    }
    if (rc != SQLITE_DONE) return SqlError(db, path, "read postings");
    for (const std::string& id : ids)
      if (id != item.id) on_id(id);
    return Status::Ok();
  };
  if (!shingles.empty()) {
    Query q(db, "SELECT document_id FROM corpus_lsh WHERE bucket = ?1 LIMIT ?2");
    if (!q.ok()) return SqlError(db, path, "prepare lsh");
    for (int64_t key : BandKeys(MinHashOf(shingles))) {
      DOSSIER_RETURN_IF_ERROR(postings(
          q.stmt(), [&](Use& u) { u.Int(key).Int(cap + 1); },
          [&](const std::string& id) { ++cand[id].bands; }));
    }
  }
  {
    Query q(db, "SELECT document_id FROM corpus_paragraphs WHERE hash = ?1 LIMIT ?2");
    if (!q.ok()) return SqlError(db, path, "prepare paragraphs");
    for (uint64_t h : paras) {
      DOSSIER_RETURN_IF_ERROR(postings(
          q.stmt(), [&](Use& u) { u.Int(static_cast<int64_t>(h)).Int(cap + 1); },
          [&](const std::string& id) { ++cand[id].paragraphs; }));
    }
  }
  if (!item.language.empty()) {
    Query q(db, "SELECT document_id FROM corpus_features WHERE feature = ?1 LIMIT ?2");
    if (!q.ok()) return SqlError(db, path, "prepare features");
    for (const Feature& f : item.features) {
      if (!Specific(f)) continue;
      DOSSIER_RETURN_IF_ERROR(postings(
          q.stmt(), [&](Use& u) { u.Text(f.key).Int(cap + 1); },
          [&](const std::string& id) { ++cand[id].features; }));
    }
  }
  if (!item.title_key.empty()) {
    Query q(db,
            "SELECT document_id FROM corpus_docs WHERE title_key = ?1 AND"
            " ((?2 <> '' AND outlet_key = ?2) OR (?3 <> '' AND notice_key = ?3)) LIMIT ?4");
    if (!q.ok()) return SqlError(db, path, "prepare title");
    DOSSIER_RETURN_IF_ERROR(postings(
        q.stmt(),
        [&](Use& u) { u.Text(item.title_key).Text(item.notice_key).Text(item.outlet_key).Int(cap + 1); },
        [&](const std::string& id) { cand[id].title = true; }));
  }
  if (cand.empty()) return Status::Ok();

  Query read_doc(db,
                 "SELECT c.language, c.published, c.outlet_key, c.notice_key, c.seq, c.paragraphs,"
                 " c.features, d.text, c.notice FROM corpus_docs AS c JOIN documents AS d ON d.id ="
                 " c.document_id WHERE c.document_id = ?1");
  if (!read_doc.ok()) return SqlError(db, path, "prepare read");
  for (const auto& [id, why] : cand) {
    const bool text_check = why.bands > 0 || why.paragraphs > 0 || why.title;
    const bool translation_check = why.features >= 3;
    if (!text_check && !translation_check) continue;
    Other o;
    std::string other_text;
    {
      Use u(read_doc.stmt());
      int rc = u.Text(id).Step();
      if (rc == SQLITE_DONE) continue;
      if (rc != SQLITE_ROW) return SqlError(db, path, "read candidate");
      sqlite3_stmt* s = u.get();
      o.id = id;
      o.language = ColumnText(s, 0);
      o.published = ColumnText(s, 1);
      o.outlet_key = ColumnText(s, 2);
      o.notice_key = ColumnText(s, 3);
      o.seq = sqlite3_column_int64(s, 4);
      o.paragraphs = sqlite3_column_int(s, 5);
      o.features = DecodeFeatures(ColumnText(s, 6));
      other_text = ColumnText(s, 7);
      o.notice = ColumnText(s, 8);
    }
    // A notice between them: this one republishes the other's outlet, or
    // the other names this one's outlet as its source.
    const bool mine = !item.notice_key.empty() && item.notice_key == o.outlet_key;
    const bool theirs_notice = !o.notice_key.empty() && o.notice_key == item.outlet_key;
    const bool notice = mine || theirs_notice;
    const std::string& notice_text = mine ? item.notice : o.notice;
    Link link;
    link.a = item.id;
    link.b = id;
    if (text_check) {
      const std::vector<uint64_t> theirs = Shingles(other_text);
      const size_t inter = Intersection(shingles, theirs);
      const size_t uni = shingles.size() + theirs.size() - inter;
      const double j = uni ? static_cast<double>(inter) / static_cast<double>(uni) : 0;
      const std::string shingle_ev = "shingles: Jaccard " + Fixed(j) + " (" +
                                     std::to_string(inter) + " of " + std::to_string(uni) +
                                     " shared)";
      if (j >= options_.near_duplicate || (notice && (j >= options_.noticed_copy || why.title))) {
        link.relation = notice ? "republication" : "near_duplicate";
        link.similarity = j;
        link.evidence = notice ? "republication notice: " + notice_text + "; " + shingle_ev +
                                     (why.title ? "; same title" : "")
                               : shingle_ev;
        links->push_back(std::move(link));
        continue;
      }
      const int smaller = std::min(para_count, o.paragraphs);
      const int need = std::max(1, std::min(options_.reuse_paragraphs, (smaller + 2) / 3));
      if (why.paragraphs >= need && smaller > 0) {
        link.relation = "partial_reuse";
        link.similarity = std::min(1.0, static_cast<double>(why.paragraphs) / smaller);
        link.evidence = std::to_string(why.paragraphs) + " shared paragraph" +
                        (why.paragraphs == 1 ? "" : "s") + "; " + shingle_ev;
        links->push_back(std::move(link));
        continue;
      }
    }
    if (translation_check && !item.language.empty() && !o.language.empty() &&
        item.language != o.language) {
      const FeatureMatch m = CompareFeatures(item.features, o.features);
      if (m.similarity >= options_.translation && m.shared >= options_.translation_shared) {
        link.relation = "translation";
        link.similarity = m.similarity;
        link.evidence = item.language + " / " + o.language + "; " + FeatureEvidence(m);
        links->push_back(std::move(link));
      }
    }
  }
  return Status::Ok();
}

Status ProvenanceIndex::Regroup(const std::string& id) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  // The group: documents reachable over copy links (not partial reuse).
  Query out_links(db, "SELECT b, relation, similarity, evidence FROM provenance_links WHERE a = ?1");
  Query in_links(db, "SELECT a, relation, similarity, evidence FROM provenance_links WHERE b = ?1");
  if (!out_links.ok() || !in_links.ok()) return SqlError(db, path, "prepare links");
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
    for (const Query* q : {&out_links, &in_links}) {
      Use u(q->stmt());
      u.Text(cur);
      int rc;
      while ((rc = u.Step()) == SQLITE_ROW) {
        Edge e{std::string(ColumnText(u.get(), 0)), std::string(ColumnText(u.get(), 1)),
               std::string(ColumnText(u.get(), 3)), sqlite3_column_double(u.get(), 2)};
        if (!Grouping(e.relation)) continue;
        if (seen.insert(e.other).second) members.push_back(e.other);
        edges[cur].push_back(std::move(e));
      }
      if (rc != SQLITE_DONE) return SqlError(db, path, "read links");
    }
  }
  // Member facts.
  Query read(db,
             "SELECT language, published, outlet_key, notice_key, seq, notice FROM corpus_docs"
             " WHERE document_id = ?1");
  if (!read.ok()) return SqlError(db, path, "prepare member");
  std::map<std::string, Other> info;
  for (const std::string& m : members) {
    Use u(read.stmt());
    int rc = u.Text(m).Step();
    Other o;
    o.id = m;
    if (rc == SQLITE_ROW) {
      o.language = ColumnText(u.get(), 0);
      o.published = ColumnText(u.get(), 1);
      o.outlet_key = ColumnText(u.get(), 2);
      o.notice_key = ColumnText(u.get(), 3);
      o.seq = sqlite3_column_int64(u.get(), 4);
      o.notice = ColumnText(u.get(), 5);
    } else if (rc != SQLITE_DONE) {
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

  Query write(db,
              "INSERT OR REPLACE INTO provenance(document_id, origin, relation, similarity,"
              " evidence, computed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!write.ok()) return SqlError(db, path, "prepare provenance");
  const std::string now = NowUtc();
  for (const auto& [m, o] : info) {
    Provenance p;
    p.document_id = m;
    p.origin = origin->id;
    if (m == origin->id) {
      p.relation = "original";
      p.similarity = 1;
      if (members.size() > 1) {
        p.evidence = "earliest of " + std::to_string(members.size()) + " copies";
      } else if (!o.notice_key.empty()) {
        p.relation = "republication";
        p.evidence = "republication notice: " + o.notice + " (the original is not in the corpus)";
      }
    } else {
      const Edge* direct = nullptr;
      const Edge* best = nullptr;
      for (const Edge& e : edges[m]) {
        if (e.other == origin->id) direct = &e;
        if (!best || e.similarity > best->similarity) best = &e;
      }
      const Edge* use = direct ? direct : best;
      if (!o.language.empty() && !origin->language.empty() && o.language != origin->language) {
        p.relation = "translation";
      } else if (!o.notice_key.empty() || (use && use->relation == "republication")) {
        p.relation = "republication";
      } else {
        p.relation = "near_duplicate";
      }
      p.similarity = use ? use->similarity : 0;
      p.evidence = use ? (direct ? use->evidence : "via " + ShortId(use->other) + ": " + use->evidence)
                       : "";
    }
    Use u(write.stmt());
    u.Text(p.document_id).Text(p.origin).Text(p.relation).Real(p.similarity)
        .TextOrNull(p.evidence).Text(now);
    if (u.Step() != SQLITE_DONE) return SqlError(db, path, "write provenance");
  }
  return Status::Ok();
}

Status ProvenanceIndex::Rebuild(const std::function<void(int64_t, int64_t)>& progress) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  if (sqlite3_exec(db,
                   "BEGIN IMMEDIATE; DELETE FROM provenance_links; DELETE FROM corpus_lsh;"
                   " DELETE FROM corpus_paragraphs; DELETE FROM corpus_features;"
                   " DELETE FROM corpus_docs; DELETE FROM provenance; COMMIT",
                   nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status s = SqlError(db, path, "clear the index");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return s;
  }
  return CatchUp(progress);
}

Status ProvenanceIndex::CatchUp(const std::function<void(int64_t, int64_t)>& progress) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  // The ids first (a read statement stays out of the writes below).
  std::vector<std::string> ids;
  {
    Query q(db,
            "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM corpus_docs)"
            " ORDER BY doc_no");
    if (!q.ok()) return SqlError(db, path, "prepare catch-up");
    Use u(q.stmt());
    int rc;
    while ((rc = u.Step()) == SQLITE_ROW) ids.emplace_back(ColumnText(u.get(), 0));
    if (rc != SQLITE_DONE) return SqlError(db, path, "list documents to index");
  }
  Query doc_q(db,
              "SELECT text, language, published, outlet, title, republished_from FROM documents"
              " WHERE id = ?1");
  Query ent_q(db,
              "SELECT kind, ref, text, feature, date_value, date_precision, quantity_value, unit"
              " FROM entities WHERE document_id = ?1");
  if (!doc_q.ok() || !ent_q.ok()) return SqlError(db, path, "prepare catch-up reads");
  const int64_t total = static_cast<int64_t>(ids.size());
  int64_t done = 0;
  bool open = false;
  for (const std::string& id : ids) {
    if (!open) {
      if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return SqlError(db, path, "begin");
      open = true;
    }
    Item it;
    it.id = id;
    {
      Use u(doc_q.stmt());
      int rc = u.Text(id).Step();
      if (rc != SQLITE_ROW) continue;
      sqlite3_stmt* s = u.get();
      it.text = ColumnText(s, 0);
      it.language = ColumnText(s, 1);
      it.published = ColumnText(s, 2);
      it.outlet_key = FoldName(ColumnText(s, 3));
      it.title_key = FoldName(ColumnText(s, 4));
      std::string_view rf = ColumnText(s, 5);
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
      Use u(ent_q.stmt());
      u.Text(id);
      int rc;
      while ((rc = u.Step()) == SQLITE_ROW) {
        sqlite3_stmt* s = u.get();
        std::array<std::string, 7> r;
        for (int c : {0, 1, 2, 3, 4, 5}) r[c] = std::string(ColumnText(s, c));
        r[6] = std::string(ColumnText(s, 7));
        rows.push_back(std::move(r));
        qty.emplace_back(sqlite3_column_type(s, 6) != SQLITE_NULL, sqlite3_column_double(s, 6));
      }
      if (rc != SQLITE_DONE) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return SqlError(db, path, "read entities");
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
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return s;
    }
    ++done;
    if (done % 256 == 0 || done == total) {
      if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return SqlError(db, path, "commit");
      open = false;
      if (progress) progress(done, total);
    }
  }
  if (open && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(db, path, "commit");
  return Status::Ok();
}

Status ProvenanceIndex::ForEachGroup(
    const std::function<bool(const std::vector<Provenance>& members)>& fn) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  Query q(db,
          "SELECT p.document_id, p.origin, p.relation, p.similarity, COALESCE(p.evidence, ''),"
          " d.title, d.outlet, d.published, d.language"
          " FROM provenance AS p JOIN documents AS d ON d.id = p.document_id WHERE p.origin IN (SELECT origin FROM provenance GROUP BY origin"
          " HAVING COUNT(*) > 1 OR MAX(relation = 'republication'))"
          " ORDER BY p.origin, p.document_id <> p.origin, p.relation, p.document_id");
  if (!q.ok()) return SqlError(db, path, "prepare groups");
  Use u(q.stmt());
  std::vector<Provenance> group;
  int rc;
  while ((rc = u.Step()) == SQLITE_ROW) {
    Provenance p;
    p.document_id = ColumnText(u.get(), 0);
    p.origin = ColumnText(u.get(), 1);
    p.relation = ColumnText(u.get(), 2);
    p.similarity = sqlite3_column_double(u.get(), 3);
    p.evidence = ColumnText(u.get(), 4);
    p.title = ColumnText(u.get(), 5);
    p.outlet = ColumnText(u.get(), 6);
    p.published = ColumnText(u.get(), 7);
    p.language = ColumnText(u.get(), 8);
    if (!group.empty() && group.front().origin != p.origin) {
      if (!fn(group)) return Status::Ok();
      group.clear();
    }
    group.push_back(std::move(p));
  }
  if (rc != SQLITE_DONE) return SqlError(db, path, "read groups");
  if (!group.empty()) fn(group);
  return Status::Ok();
}

Status ProvenanceIndex::ForEachReuse(const std::function<bool(const Link&)>& fn) {
  sqlite3* db = store_->handle();
  const std::string& path = store_->path();
  DOSSIER_RETURN_IF_ERROR(store_->Flush());
  // A document that reuses several copies of one article reuses that
  // article: links are reported against the origin of the copies' group.
  Query q(db,
          "SELECT l.a, COALESCE(p.origin, l.b) AS o, l.relation, MAX(l.similarity), l.evidence"
          " FROM provenance_links AS l LEFT JOIN provenance AS p ON p.document_id = l.b"
          " WHERE l.relation = 'partial_reuse' GROUP BY l.a, o ORDER BY o, l.a");
  if (!q.ok()) return SqlError(db, path, "prepare reuse");
  Use u(q.stmt());
  int rc;
  while ((rc = u.Step()) == SQLITE_ROW) {
    Link l;
    l.a = ColumnText(u.get(), 0);
    l.b = ColumnText(u.get(), 1);
    l.relation = ColumnText(u.get(), 2);
    l.similarity = sqlite3_column_double(u.get(), 3);
    l.evidence = ColumnText(u.get(), 4);
    if (!fn(l)) return Status::Ok();
  }
  if (rc != SQLITE_DONE) return SqlError(db, path, "read reuse");
  return Status::Ok();
}

}  // namespace dossier::corpus
