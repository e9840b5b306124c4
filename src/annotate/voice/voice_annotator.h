// The voice layer: whose voice each sentence or clause is (author,
// attributed, quoted, hedged, question), which source it comes from, the
// documents the text leans on (citations) and the check-worthy statements
// (claims). It runs after the entity annotators, the merge and metonymy
// (a DocumentLayer), because sources are entity mentions; it adds mentions of
// its own for documents ("the report", "a recent memo") and unnamed sources
// ("sources", "a representative") before ids are assigned.
//
// Knowledge is data (docs/dictionaries.md): voice_cues.tsv (reporting verbs,
// "according to", impersonal cues, auxiliaries, clause breaks), hedges.tsv,
// document_nouns.tsv, anonymous_sources.tsv, voice_references.tsv (pronouns),
// voice_adjuncts.tsv (what may follow a verb without being the content),
// claim_cues.tsv, and titles.tsv of the actors layer ("the spokesman").
// The rules are in voice_annotator.cc's header comment and docs/annotators.md.
#ifndef DOSSIER_ANNOTATE_VOICE_VOICE_ANNOTATOR_H_
#define DOSSIER_ANNOTATE_VOICE_VOICE_ANNOTATOR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/byte_scan.h"
#include "dossier/document_layer.h"
#include "dossier/lexicon.h"
#include "lexicon/gazetteer.h"

namespace dossier {

namespace voice_internal {

// One row of a phrase table, split into tokens the way the segmenter splits
// text (words; every punctuation character its own token), lower-cased.
struct PhraseRow {
  std::vector<std::string> words;
  std::string text;    // the phrase as written in the table
  std::string kind;    // the table's kind column
  uint8_t code = 0;    // `kind` as a RowKind (voice_annotator.cc), 0 if other
  std::string table;   // "voice_cues", for explain
  // How records cite the row: "voice_cues.tsv:said (verb)", "hedges.tsv:may"
  // (the table, the phrase and, for tables with one, the kind).
  std::string rule;
  double weight = 0;   // claim_cues only
  bool lower_only = false;  // hedges "case lower": "may have", not "May"
  bool listener = false;    // voice_cues verb_listener: "told AFP" names the listener
  // voice_cues verb_accusation: "accused X of", "blamed X for"; no cue
  // right before "of"/"for" (the passive participle: "executives accused of").
  bool accusation = false;
  // document_nouns "where according": a document only right after "according
  // to" ("according to figures from …"; not "the casualty figures reported").
  bool according_only = false;
};

// Hash for lookups by string_view in maps keyed by std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

class FirstWordTable;

// Multi-word phrases indexed by their first token; longest match wins.
class PhraseTable {
 public:
  void Add(PhraseRow row);
  // The row matching the lower-cased tokens low[i..end), longest first, or
  // nullptr; *n is its length in tokens. lower[k] tells whether token k is
  // written in lower case (for lower_only rows).
  const PhraseRow* Match(const std::vector<std::string_view>& low,
                         const std::vector<char>& lower, size_t i, size_t end,
                         size_t* n) const {
    return MatchBy([&](size_t k) { return low[k]; }, [&](size_t k) { return lower[k] != 0; },
                   i, end, n);
  }
  // The same over any token sequence: low(k) is token k lower-cased, lower(k)
  // whether it is written in lower case (the voice layer's plain sentences
  // are matched on the document's tokens without building a Sent).
  template <typename Low, typename IsLower>
  const PhraseRow* MatchBy(const Low& low, const IsLower& lower, size_t i, size_t end,
                           size_t* n) const {
    if (i >= end || rows_.empty()) return nullptr;
    auto it = by_first_.find(low(i));
    if (it == by_first_.end()) return nullptr;
    for (size_t r : it->second) {
      const PhraseRow& row = rows_[r];
      if (i + row.words.size() > end) continue;
      bool ok = true;
      for (size_t k = 0; ok && k < row.words.size(); ++k)
        ok = low(i + k) == row.words[k] && (!row.lower_only || lower(i + k));
      if (ok) {
        *n = row.words.size();
        return &row;
      }
    }
    return nullptr;
  }
  // The same for a token whose first word has id `first` in the layer's
  // FirstWordTable (IndexFirstWords): the rows starting with it are found
  // by index, with no hashing of the token.
  template <typename Low, typename IsLower>
  const PhraseRow* MatchFirst(uint32_t first, const Low& low, const IsLower& lower, size_t i,
                              size_t end, size_t* n) const {
    if (first >= by_id_.size() || i >= end) return nullptr;
    const FirstRows& rows = by_id_[first];
    // The id stands for the first word; only its case is left to test.
    auto matches = [&](const PhraseRow& row) {
      bool ok = !row.lower_only || lower(i);
      for (size_t k = 1; ok && k < row.words.size(); ++k)
        ok = low(i + k) == row.words[k] && (!row.lower_only || lower(i + k));
      return ok;
    };
    // Only the longer rows whose second word has the next token's length
    // can match (most rows of a frequent first word, "it" or ",", differ in
    // their second word; equal words have equal lengths): they are found
    // by that length, not each tested.
    if (i + 1 < end) {
      const size_t len1 = low(i + 1).size();
      if (len1 < rows.by_len1.size())
        for (const FirstCand& c : rows.by_len1[len1]) {
          if (i + c.words > end) continue;
          const PhraseRow& row = rows_[c.row];
          if (matches(row)) {
            *n = row.words.size();
            return &row;
          }
        }
    }
    for (uint32_t r : rows.single) {
      const PhraseRow& row = rows_[r];
      if (matches(row)) {
        *n = 1;
        return &row;
      }
    }
    return nullptr;
  }
  // Fills the index MatchFirst uses: the rows of each first word that
  // `ids` knows, under its id.
  void IndexFirstWords(const FirstWordTable& ids);
  bool empty() const { return rows_.empty(); }
  const PhraseRow* Find(std::string_view single) const;
  // Calls fn(row) for every row.
  template <typename Fn>
  void ForEachRow(const Fn& fn) const {
    for (const auto& r : rows_) fn(r);
  }

 private:
  std::vector<PhraseRow> rows_;
  StringMap<std::vector<size_t>> by_first_;
  // A row of two words or more as MatchFirst finds it.
  struct FirstCand {
    uint32_t row = 0;  // index into rows_
    uint32_t words = 0;
  };
  // The rows of a first word in Match's order (longest first, then table
  // order): those of two words or more by the length of their second word,
  // then the one-word rows (indices into rows_).
  struct FirstRows {
    std::vector<std::vector<FirstCand>> by_len1;
    std::vector<uint32_t> single;
  };
  std::vector<FirstRows> by_id_;  // by_first_ by FirstWordTable id
};

// An open-addressing set of short strings with a byte of flags each, for the
// one lookup per token of the voice layer (faster than a std::unordered_map
// on the short, frequent function words it is asked about).
class FirstWordTable {
 public:
  // Builds the table from `words` (word -> flags, flags non-zero).
  void Build(const StringMap<uint8_t>& words);
  // The flags of `w`, or 0; *id (if given and `w` is in the table) its id,
  // a dense number below size().
  uint8_t Find(std::string_view w, uint32_t* id = nullptr) const {
    if (slots_.empty() || w.empty()) return 0;
    return Probe(w, ShortKey(w), id);
  }
  // The same for the `len` bytes at p, when at least 8 bytes can be read
  // from p (the caller pads its buffer): the key is one load, not a loop
  // over the bytes.
  uint8_t FindPadded(const char* p, size_t len, uint32_t* id) const {
    if (slots_.empty() || len == 0) return 0;
    return Probe(std::string_view(p, len), ShortKeyPadded(p, len), id);
  }
  size_t size() const { return size_; }

 private:
  uint8_t Probe(std::string_view w, uint64_t key, uint32_t* id) const {
    for (uint64_t i = ShortKeyHash(key, w.size()) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.len == 0) return 0;
      if (s.key == key && s.len == w.size() &&
          (w.size() <= 8 || long_words_[s.long_index] == w)) {
        if (id) *id = s.id;
        return s.bits;
      }
    }
  }
  struct Slot {
    uint64_t key = 0;       // the first 8 bytes, zero-padded
    uint32_t len = 0;       // 0 = empty slot
    uint32_t long_index = 0;  // into long_words_ when len > 8
    uint32_t id = 0;
    uint8_t bits = 0;
  };
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
  std::vector<std::string> long_words_;
};

// Splits a phrase into lower-cased tokens (see PhraseRow).
std::vector<std::string> PhraseTokens(std::string_view phrase);

}  // namespace voice_internal

class VoiceAnnotator : public DocumentLayer {
 public:
  // Reads the tables named in the file comment; a missing table means that
  // kind of cue is never found (the layer still covers every sentence).
  // With a gazetteer, a name the entity layers did not know is a source by
  // its place next to a reporting verb ("Haddad said", "…, said Rania
  // Saleh"): its words must not be common English words (WordNet, in the
  // gazetteer), nor person_stopwords.tsv words. Without one that rule is off.
  explicit VoiceAnnotator(const Lexicon& lexicon,
                          std::shared_ptr<const Gazetteer> gazetteer = nullptr);
  std::string_view Name() const override { return "voice"; }
  // Runs on every language: where no English cue is found every clause is
  // the author's, and the claims' slots (numbers, places, dates) match a
  // translation to its original.
  bool EnglishOnly() const override { return false; }
  void Apply(Document* doc) const override;

 private:
  struct Impl;
  friend struct Impl;
  voice_internal::PhraseTable cues_, hedges_, doc_nouns_, anonymous_, claim_cues_;
  voice_internal::PhraseTable adjuncts_;  // voice_adjuncts.tsv: "on Wednesday", "by telephone"
  // pronoun -> person|group|thing
  voice_internal::StringMap<std::string> references_;
  // lower-cased one-word titles of titles.tsv ("spokesman", "colonel", "gen")
  voice_internal::StringMap<std::string> titles_;
  // First tokens of every phrase table -> which tables (kBit* in the .cc):
  // one lookup per token tells which tables can match there.
  voice_internal::StringMap<uint8_t> first_bits_;
  voice_internal::FirstWordTable first_table_;  // the same, for the token loop
  // A bit per shape (first byte, last byte, length: FirstShape in the .cc)
  // of the keys of first_bits_: most tokens are rejected without hashing.
  uint64_t first_shapes_[256] = {};
  std::shared_ptr<const Gazetteer> gazetteer_;  // common words; may be null
  voice_internal::StringMap<bool> name_stopwords_;  // person_stopwords.tsv, lower-cased
  voice_internal::StringMap<bool> org_heads_;  // voice_org_heads.tsv, lower-cased
  // anonymous_sources.tsv heads with refers=organization ("the company").
  voice_internal::StringMap<bool> org_refs_;
};

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_VOICE_VOICE_ANNOTATOR_H_
