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
// claim_cues.tsv, and titles.tsv of the actors layer ("the spokesman").
// The rules are in voice_annotator.cc's header comment and docs/annotators.md.
#ifndef DOSSIER_ANNOTATE_VOICE_VOICE_ANNOTATOR_H_
#define DOSSIER_ANNOTATE_VOICE_VOICE_ANNOTATOR_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dossier/document_layer.h"
#include "dossier/lexicon.h"

namespace dossier {

namespace voice_internal {

// One row of a phrase table, split into tokens the way the segmenter splits
// text (words; every punctuation character its own token), lower-cased.
struct PhraseRow {
  std::vector<std::string> words;
  std::string text;    // the phrase as written in the table
  std::string kind;    // the table's kind column
  std::string table;   // "voice_cues", for explain
  double weight = 0;   // claim_cues only
  bool lower_only = false;  // hedges "case lower": "may have", not "May"
};

// Hash for lookups by string_view in maps keyed by std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Multi-word phrases indexed by their first token; longest match wins.
class PhraseTable {
 public:
  void Add(PhraseRow row);
  // The row matching the lower-cased tokens low[i..end), longest first, or
  // nullptr; *n is its length in tokens. lower[k] tells whether token k is
  // written in lower case (for lower_only rows).
  const PhraseRow* Match(const std::vector<std::string_view>& low,
                         const std::vector<char>& lower, size_t i, size_t end,
                         size_t* n) const;
  bool empty() const { return rows_.empty(); }
  const PhraseRow* Find(std::string_view single) const;
  // Calls fn(first_token) for every distinct first token.
  template <typename Fn>
  void ForEachFirst(const Fn& fn) const {
    for (const auto& [k, v] : by_first_) fn(k);
  }

 private:
  std::vector<PhraseRow> rows_;
  StringMap<std::vector<size_t>> by_first_;
};

// Splits a phrase into lower-cased tokens (see PhraseRow).
std::vector<std::string> PhraseTokens(std::string_view phrase);

}  // namespace voice_internal

class VoiceAnnotator : public DocumentLayer {
 public:
  // Reads the tables named in the file comment; a missing table means that
  // kind of cue is never found (the layer still covers every sentence).
  explicit VoiceAnnotator(const Lexicon& lexicon);
  std::string_view Name() const override { return "voice"; }
  void Apply(Document* doc) const override;

 private:
  struct Impl;
  friend struct Impl;
  voice_internal::PhraseTable cues_, hedges_, doc_nouns_, anonymous_, claim_cues_;
  // pronoun -> person|group|thing
  voice_internal::StringMap<std::string> references_;
  // lower-cased one-word titles of titles.tsv ("spokesman", "colonel", "gen")
  voice_internal::StringMap<std::string> titles_;
  // First tokens of every phrase table -> which tables (kBit* in the .cc):
  // one lookup per token tells which tables can match there.
  voice_internal::StringMap<uint8_t> first_bits_;
  // Per first byte, a bit per length (31 = 31 or more) of the keys of
  // first_bits_: most tokens are rejected without hashing.
  uint32_t first_len_mask_[256] = {};
};

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_VOICE_VOICE_ANNOTATOR_H_
