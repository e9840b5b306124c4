// The rhetorical markers layer: spans of the 15 persuasion techniques of
// ontology.md (loaded language, name calling, doubt, exaggeration, fear,
// flag waving, ...), each with the voice of the clause it sits in (from the
// voice layer, which runs before it), and an article profile (counts per
// technique per 1,000 words, the share in the author's own voice, the
// densest passages). A marker is evidence for a reader, not a verdict.
//
// Knowledge is data (docs/dictionaries.md): technique_lexicon.tsv (loaded
// words and labels), technique_constructions.tsv (doubt, exaggeration,
// either/or, whataboutism, clichés, slogans, ...) and marker_words.tsv
// (function words for repetition, naming words before a quoted name).
// Repetition and scare quotes come from the text itself. The rules are in
// markers_annotator.cc's header comment and docs/annotators.md.
#ifndef DOSSIER_ANNOTATE_MARKERS_MARKERS_ANNOTATOR_H_
#define DOSSIER_ANNOTATE_MARKERS_MARKERS_ANNOTATOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/document_layer.h"
#include "dossier/lexicon.h"

namespace dossier {

namespace markers_internal {

// The techniques, in ontology.md order.
enum Technique : uint8_t {
  kLoadedLanguage,
  kNameCalling,
  kRepetition,
  kDoubt,
  kExaggeration,
  kAppealToFear,
  kFlagWaving,
  kCausalOversimplification,
  kAppealToAuthority,
  kSlogans,
  kWhataboutism,
  kBlackAndWhite,
  kThoughtTerminatingCliche,
  kBandwagon,
  kScareQuotes,
  kTechniqueCount
};
// "loaded_language", ... ; the ontology name of `t`.
const char* TechniqueName(int t);
// The technique named `name`, or -1.
int TechniqueFromName(std::string_view name);

// 64-bit hash of a token folded to lower case (ASCII letters; ’ and ʼ read
// as '), never 0. Table phrases and document tokens are compared by it.
uint64_t FoldHash(std::string_view token);
// FoldHash(text.substr(b, e - b)); faster on ASCII, reading whole 8-byte
// words of `text` (never past its end).
uint64_t FoldHashAt(std::string_view text, size_t b, size_t e);
// FoldHashAt, with `one_byte` holding the FoldHash of each one-byte token:
// the common short tokens without a call.
uint64_t QuickFoldHash(std::string_view text, size_t b, size_t e, const uint64_t* one_byte);

// A set of 64-bit keys with a payload, open addressing (key 0 = empty).
class HashIndex {
 public:
  struct Slot {
    uint64_t key = 0;
    uint32_t begin = 0, count = 0;
    // A bit per (hash & 63) of the words that may follow (all ones when a
    // row may end here or goes on with any word): most "the"s stop here.
    uint64_t next_mask = ~0ull;
    // A word that starts many rows ("the"): where its 65 offsets into the
    // lists start in by_bit_, the lists of its rows by (hash & 63) of the
    // words they may go on with; UINT32_MAX for the others.
    uint32_t by_bit = UINT32_MAX;
  };
  void Build(std::vector<Slot> slots);
  const Slot* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    if (!(filter_[(key >> 7) & kFilterMask] & (1ull << (key & 63)))) return nullptr;
    return FindPassed(key);
  }
  // Find for a key that passed MayHave on filter() (so there are slots).
  const Slot* FindPassed(uint64_t key) const {
    for (uint64_t i = (key * 0x9E3779B97F4A7C15ull >> 20) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == 0) return nullptr;
      if (s.key == key) return &s;
    }
  }
  bool Contains(uint64_t key) const { return Find(key) != nullptr; }
  // The first test of Find, on the 64 Kibit filter (`filter()`, which a
  // caller may keep in a local across a loop): false for most absent keys.
  static bool MayHave(const uint64_t* filter, uint64_t key) {
    return filter[(key >> 7) & kFilterMask] & (1ull << (key & 63));
  }
  const uint64_t* filter() const { return filter_.data(); }

 private:
  static constexpr uint64_t kFilterMask = 1023;  // 1024 words = 64 Kibit
  std::vector<Slot> slots_;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(kFilterMask + 1, 0);
  uint64_t mask_ = 0;
};

}  // namespace markers_internal

class MarkersAnnotator : public DocumentLayer {
 public:
  // Reads the tables named in the file comment; a missing table means those
  // techniques are never found (repetition and scare quotes still are).
  explicit MarkersAnnotator(const Lexicon& lexicon);
  std::string_view Name() const override { return "markers"; }
  void Apply(Document* doc) const override;

  // One pattern position: a set of words, any one word, or a gap.
  struct Elem {
    enum Kind : uint8_t { kWords, kAny, kGap } kind = kWords;
    uint32_t begin = 0, count = 0;  // into words_ (kWords)
  };
  // One row of technique_lexicon.tsv or technique_constructions.tsv.
  struct Entry {
    uint32_t elem_begin = 0, elem_count = 0;
    // A bit per (hash & 63) of the words of the second element, all ones
    // when it is not a word set (or there is none): a cheap first test.
    uint64_t second_mask = ~0ull;
    uint8_t technique = 0;
    double weight = 0;
    bool lower = false, not_in_entity = false, author = false, clause_start = false;
    bool to_clause_end = false;  // the span runs on to the end of the clause
    uint32_t not_after_b = 0, not_after_n = 0;    // into words_
    uint32_t not_before_b = 0, not_before_n = 0;
    uint32_t not_near_b = 0, not_near_n = 0;
    std::string rule;  // "technique_lexicon.tsv: regime [not_after=visa|...]", for explain
  };

 private:
  struct Run;
  void AddRow(const std::string& table, const std::vector<std::string>& row, int c_phrase,
              int c_technique, int c_weight, int c_context);
  uint64_t number_;  // FoldHash("#"): any number in a not_before list
  uint64_t one_byte_hash_[256];  // FoldHash of each one-byte token
  std::vector<Entry> entries_;
  std::vector<Elem> elems_;
  std::vector<uint64_t> words_;          // word sets of elems and conditions
  std::vector<uint32_t> by_first_list_;  // entry indices, grouped by first word
  std::vector<uint64_t> by_first_mask_;  // their second_masks, side by side
  std::vector<uint32_t> by_bit_;          // offsets into the two above (Slot::by_bit)
  markers_internal::HashIndex by_first_;  // first word -> range of by_first_list_
  markers_internal::HashIndex function_words_, naming_words_, conjunctions_, exclamation_openers_;
};

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_MARKERS_MARKERS_ANNOTATOR_H_
